using System;
using System.Threading.Tasks;
using MarketplaceLeads.Deduplication;
using MarketplaceLeads.FollowUp;

namespace MarketplaceLeads.Sqlite.Tests;

/// <summary>The touch log, stored in SQLite and read back by the planner (issue #16, 3).</summary>
public sealed class SqliteFollowUpStoreTests : IDisposable
{
    private readonly SqliteTestDatabase _file = new();

    [Fact]
    public async Task RecordedCall_SurvivesReopening_AnswersTheDeadline_AndAClosingTouchEndsTheCadence()
    {
        var time = new ManualTime(TestLeads.Start.AddHours(2));
        var planner = new FollowUpPlanner(new FollowUpOptions(), time);
        var profile = Assert.Single(new LeadDeduplicator().Deduplicate([TestLeads.Person(1)]).Profiles);
        var offer = profile.Offers[0].Offer;
        Assert.Single(planner.Due([profile], FollowUpLog.Empty));

        await using (var database = _file.Open())
        {
            var call = planner.RecordTouch(FollowUpLog.Empty, profile, offer, "left a voicemail").Touches[0] with { Kind = TouchKind.Called, By = "sam" };
            await database.CreateFollowUpStore().RecordAsync(call);
        }

        await using (var reopened = _file.Open())
        {
            var log = await reopened.CreateFollowUpStore().ReadLogAsync();
            var touch = Assert.Single(log.Touches);
            Assert.Equal((TouchKind.Called, "sam", "left a voicemail", profile.Id, offer), (touch.Kind, touch.By, touch.Note, touch.ProfileId, touch.Offer));
            Assert.Empty(planner.Due([profile], log)); // answered
            Assert.Equal(ResponseStatus.Met, Assert.Single(Assert.Single(planner.Plan(profile, log).Offers).Responses).Status);

            time.Advance(TimeSpan.FromDays(30));
            Assert.NotEmpty(planner.NextTouchesDue([profile], log)); // the cadence moved on
            await reopened.CreateFollowUpStore().RecordAsync(new FollowUpTouch { ProfileId = profile.Id, Offer = offer, Stage = touch.Stage, At = time.GetUtcNow(), Kind = TouchKind.Lost, Note = "chose a competitor" });
            var closed = await reopened.CreateFollowUpStore().ReadLogAsync();
            Assert.Empty(planner.NextTouchesDue([profile], closed));
            Assert.Equal(FollowUpStatus.Completed, Assert.Single(planner.Plan(profile, closed).Offers).Status);
        }
    }

    [Fact]
    public async Task DatabaseFromBeforeTheLeadsColumn_IsUpgraded_OldTouchesFollowTheirProfileId()
    {
        var profile = Assert.Single(new LeadDeduplicator().Deduplicate([TestLeads.Person(1)]).Profiles);
        await using (var database = _file.Open())
        {
            await database.CreateFollowUpStore().RecordAsync(new FollowUpTouch { ProfileId = profile.Id, Offer = profile.Offers[0].Offer, Stage = FunnelStage.Interest, At = TestLeads.Start.AddHours(1) });
        }

        using (var old = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={_file.Path};Pooling=False"))
        {
            old.Open();
            using var drop = old.CreateCommand();
            drop.CommandText = "ALTER TABLE follow_up_touches DROP COLUMN leads";
            drop.ExecuteNonQuery();
        }

        await using var reopened = _file.Open();
        var touch = Assert.Single((await reopened.CreateFollowUpStore().ReadLogAsync()).Touches);
        Assert.Equal((profile.Id, 0), (touch.ProfileId, touch.Leads.Count));
        Assert.Empty(new FollowUpPlanner(new FollowUpOptions(), new ManualTime(TestLeads.Start.AddHours(2))).Due([profile], FollowUpLog.Create([touch])));
    }

    public void Dispose() => _file.Dispose();

    private sealed class ManualTime(DateTimeOffset now) : TimeProvider
    {
        private DateTimeOffset _now = now;

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
