using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using MarketplaceLeads.Deduplication;
using MarketplaceLeads.FollowUp;

namespace MarketplaceLeads.Sqlite.Tests;

/// <summary>
/// The touch log follows the customer through identity reviews (issue #16): after an accept the merged customer keeps both
/// sides' touches; after a split each touch goes with the leads it was about, and a touch about leads on both sides stays
/// with the part that kept the profile's id while the other part starts fresh. The same for the in-memory and the SQLite
/// stores (de-duplication and touch log), through their contracts.
/// </summary>
public sealed class TouchLogThroughReviewsTests : IDisposable
{
    private const string Crm = "contoso.crm";
    private const string Analytics = "contoso.analytics";

    private readonly SqliteTestDatabase _file = new();
    private readonly Clock _time = new(TestLeads.Start.AddHours(2));

    public static TheoryData<string> StoreKinds => ["memory", "sqlite"];

    [Theory]
    [MemberData(nameof(StoreKinds))]
    public async Task Accept_MergedCustomerKeepsBothSidesTouches_AnsweredContactMeStaysAnswered(string kind)
    {
        await using var stores = Open(kind);
        var (ana, luis) = Household(anaOffer: Crm, luisOffer: Analytics);
        await stores.AddAsync(ana, luis);
        await stores.TouchAsync(new CustomerProfileId(ana.Id), Crm);
        await stores.TouchAsync(new CustomerProfileId(luis.Id), Analytics);

        var merged = Assert.Single((await stores.Deduplicator.AcceptAsync(new CustomerProfileId(ana.Id), new CustomerProfileId(luis.Id))).Profiles);

        var profiles = await stores.ProfilesAsync();
        var log = await stores.Touches.ReadLogAsync();
        Assert.Equal([merged.Id], profiles.Select(static p => p.Id));
        Assert.Empty(_time.Planner.Due(profiles, log));
        Assert.Empty(_time.Planner.Overdue(profiles, log));
        Assert.All(_time.Planner.Plan(merged, log).Offers, static o => Assert.Equal(ResponseStatus.Met, Assert.Single(o.Responses).Status));
    }

    [Theory]
    [MemberData(nameof(StoreKinds))]
    public async Task Split_TouchGoesWithTheLeadsItWasAbout_TheSplitOffCustomersAnsweredRequestStaysAnswered(string kind)
    {
        await using var stores = Open(kind);
        var (ana, luis) = Household(anaOffer: Crm, luisOffer: Analytics);
        await stores.AddAsync(ana, luis);
        var merged = Assert.Single((await stores.Deduplicator.AcceptAsync(new CustomerProfileId(ana.Id), new CustomerProfileId(luis.Id))).Profiles);
        await stores.TouchAsync(merged.Id, Analytics); // Luis's request, answered while he was wrongly merged into Ana's profile
        await stores.TouchAsync(merged.Id, Crm);       // Ana's

        var parts = (await stores.Deduplicator.SplitAsync(merged.Id, [luis.Id])).Profiles;

        var profiles = await stores.ProfilesAsync();
        var log = await stores.Touches.ReadLogAsync();
        Assert.Equal([new CustomerProfileId(ana.Id), new CustomerProfileId(luis.Id)], parts.Select(static p => p.Id));
        Assert.Empty(_time.Planner.Due(profiles, log));
        var luisProfile = profiles.Single(p => p.Id.FirstLeadId == luis.Id);
        var analytics = Assert.Single(_time.Planner.Plan(luisProfile, log).Offers);
        Assert.Equal((ResponseStatus.Met, 1), (Assert.Single(analytics.Responses).Status, analytics.TouchesRecorded));
        var crm = Assert.Single(_time.Planner.Plan(profiles.Single(p => p.Id.FirstLeadId == ana.Id), log).Offers);
        Assert.Equal((ResponseStatus.Met, 1), (Assert.Single(crm.Responses).Status, crm.TouchesRecorded));
    }

    [Theory]
    [MemberData(nameof(StoreKinds))]
    public async Task Split_TouchAboutBothSides_StaysWithTheOriginalProfile_TheSplitOffCustomerStartsFresh(string kind)
    {
        await using var stores = Open(kind);
        var (ana, luis) = Household(anaOffer: Crm, luisOffer: Crm);
        await stores.AddAsync(ana, luis);
        var merged = Assert.Single((await stores.Deduplicator.AcceptAsync(new CustomerProfileId(ana.Id), new CustomerProfileId(luis.Id))).Profiles);
        await stores.TouchAsync(merged.Id, Crm); // one call answered both requests: whose phone was it?

        await stores.Deduplicator.SplitAsync(merged.Id, [luis.Id]);

        var profiles = await stores.ProfilesAsync();
        var log = await stores.Touches.ReadLogAsync();
        var due = Assert.Single(_time.Planner.Due(profiles, log));
        Assert.Equal((new CustomerProfileId(luis.Id), luis.Id), (due.ProfileId, due.LeadId));
        Assert.Equal(1, Assert.Single(_time.Planner.Plan(profiles.Single(p => p.Id.FirstLeadId == ana.Id), log).Offers).TouchesRecorded);
    }

    [Theory]
    [MemberData(nameof(StoreKinds))]
    public async Task RecordedTouch_IsReadBackWithTheLeadsItWasAbout_TheRequestsItAnswered(string kind)
    {
        await using var stores = Open(kind);
        var (ana, luis) = Household(anaOffer: Crm, luisOffer: Crm);
        await stores.AddAsync(ana, luis);
        var merged = Assert.Single((await stores.Deduplicator.AcceptAsync(new CustomerProfileId(ana.Id), new CustomerProfileId(luis.Id))).Profiles);
        await stores.TouchAsync(merged.Id, Crm); // answers both requests
        await stores.TouchAsync(merged.Id, Crm); // answers none: a nurture touch, about the offer's leads

        var touches = (await stores.Touches.ReadLogAsync()).Touches;

        Assert.Equal(2, touches.Count);
        Assert.All(touches, t => Assert.Equal(merged.Id, t.ProfileId));
        Assert.All(touches, t => Assert.Equal([ana.Id, luis.Id], t.Leads));
        Assert.Equal(touches[0], touches[0] with { Leads = [ana.Id, luis.Id] });
        Assert.NotEqual(touches[0], touches[0] with { Leads = [ana.Id] });
    }

    public void Dispose() => _file.Dispose();

    /// <summary>Two people of one household (one phone, one last name, different first names): a possible duplicate, not merged.</summary>
    private static (Lead Ana, Lead Luis) Household(string anaOffer, string luisOffer) =>
        (TestLeads.Make("Ana", "Garcia", "ana@contoso.example", "+1 415 555 0134", offer: anaOffer, minutes: 10, country: "US"),
         TestLeads.Make("Luis", "Garcia", "luis.garcia@gmail.com", "+1 415 555 0134", offer: luisOffer, minutes: 11, country: "US"));

    private Stores Open(string kind)
    {
        if (kind == "memory")
        {
            return new Stores(null, new LeadDeduplicator(null, null, _time), new InMemoryFollowUpStore(), _time);
        }

        var database = _file.Open();
        return new Stores(database, new LeadDeduplicator(null, database.CreateDeduplicationStore(), _time), database.CreateFollowUpStore(), _time);
    }

    private sealed class Stores(SqliteLeadDatabase? database, LeadDeduplicator deduplicator, IFollowUpStore touches, Clock time) : IAsyncDisposable
    {
        public LeadDeduplicator Deduplicator { get; } = deduplicator;

        public IFollowUpStore Touches { get; } = touches;

        public async Task AddAsync(params Lead[] leads)
        {
            foreach (var lead in leads)
            {
                await Deduplicator.AddAsync(lead);
            }

            Assert.Single(await Deduplicator.GetReviewQueueAsync()); // the household: a pair to review, not merged
        }

        public async Task<List<CustomerProfile>> ProfilesAsync() => await Deduplicator.Store.GetProfilesAsync().OrderBy(static p => p.Id).ToListAsync();

        /// <summary>Records a call on the profile's offer, as an app does: the planner makes the touch, the store keeps it.</summary>
        public async Task TouchAsync(CustomerProfileId id, string offer)
        {
            var profile = await Deduplicator.Store.FindProfileAsync(id) ?? throw new InvalidOperationException($"no profile {id}");
            var log = await Touches.ReadLogAsync();
            time.Advance(TimeSpan.FromMinutes(5));
            var recorded = time.Planner.RecordTouch(log, profile, MarketplaceOffer.Parse(offer));
            await Touches.RecordAsync(recorded.Touches[^1] with { Kind = TouchKind.Called });
        }

        public async ValueTask DisposeAsync()
        {
            Deduplicator.Dispose();
            if (database is not null)
            {
                await database.DisposeAsync();
            }
        }
    }

    private sealed class Clock(DateTimeOffset now) : TimeProvider
    {
        private DateTimeOffset _now = now;

        public FollowUpPlanner Planner => new(new FollowUpOptions(), this);

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
