using System;
using System.Linq;
using System.Threading.Tasks;
using MarketplaceLeads.Deduplication;
using MarketplaceLeads.FollowUp;

namespace MarketplaceLeads.Testing;

/// <summary>What every <see cref="IFollowUpStore"/> (the touch log) must do, run against each store by a derived class (in-memory, SQLite, PostgreSQL) so that they cannot drift.</summary>
public abstract class FollowUpStoreConformance : StoreConformance<IFollowUpStore>
{
    [Fact]
    public async Task Touches_AreReadBackInTheOrderRecorded_WithEveryField()
    {
        var profile = new CustomerProfileId(TestLeads.Person(1).Id);
        var offer = TestLeads.Person(1).Offer;
        var touches = new[]
        {
            new FollowUpTouch { ProfileId = profile, Offer = offer, Stage = FunnelStage.Interest, At = TestLeads.Start.AddHours(3), Kind = TouchKind.Called, By = "sam", Note = "left a voicemail", Leads = [TestLeads.Person(1).Id, TestLeads.Person(2).Id] },
            new FollowUpTouch { ProfileId = profile, Offer = offer, Stage = FunnelStage.Interest, At = TestLeads.Start.AddHours(1) }, // earlier, recorded later
            new FollowUpTouch { ProfileId = new CustomerProfileId(TestLeads.Person(3).Id), Offer = offer, Stage = FunnelStage.Trial, At = TestLeads.Start.AddDays(2), Kind = TouchKind.Lost },
        };
        foreach (var touch in touches)
        {
            await Store.RecordAsync(touch);
        }

        await ReopenAsync();
        var log = await Store.ReadLogAsync();

        Assert.Equal(touches, log.Touches);
        Assert.Equal(touches[0].Leads, log.Touches[0].Leads);
        Assert.Empty(log.Touches[1].Leads);
    }

    [Fact]
    public async Task RecordedCall_AnswersTheDeadline_AndAClosingTouchEndsTheCadence()
    {
        var planner = new FollowUpPlanner(new FollowUpOptions(), new FixedTime(TestLeads.Start.AddHours(2)));
        var profile = Assert.Single(new LeadDeduplicator().Deduplicate([TestLeads.Person(1)]).Profiles);
        var offer = profile.Offers[0].Offer;
        Assert.Single(planner.Due([profile], FollowUpLog.Empty));

        var call = planner.RecordTouch(FollowUpLog.Empty, profile, offer, "left a voicemail").Touches[0] with { Kind = TouchKind.Called, By = "sam" };
        await Store.RecordAsync(call);
        await ReopenAsync();
        Assert.Empty(planner.Due([profile], await Store.ReadLogAsync())); // answered

        await Store.RecordAsync(new FollowUpTouch { ProfileId = profile.Id, Offer = offer, Stage = call.Stage, At = TestLeads.Start.AddDays(30), Kind = TouchKind.Lost });
        Assert.Equal(FollowUpStatus.Completed, Assert.Single(planner.Plan(profile, await Store.ReadLogAsync()).Offers).Status);
    }

    [Fact]
    public async Task ConcurrentRecords_AreAllKept()
    {
        var offer = TestLeads.Person(1).Offer;
        var touches = Enumerable.Range(0, 40)
            .Select(i => new FollowUpTouch { ProfileId = new CustomerProfileId(TestLeads.Person(i).Id), Offer = offer, Stage = FunnelStage.Interest, At = TestLeads.Start.AddMinutes(i), Kind = TouchKind.Emailed })
            .ToArray();

        await Task.WhenAll(touches.Select(touch => Task.Run(async () => await Store.RecordAsync(touch))));

        Assert.Equal(touches.Select(t => t.ProfileId).Order(), (await Store.ReadLogAsync()).Touches.Select(t => t.ProfileId).Order());
    }

    [Fact]
    public async Task Alerts_AreRaisedOncePerLeadAndKind_AndTheirStateSurvivesAReopen()
    {
        var lead = TestLeads.Person(1).Id;
        var warning = new FollowUpAlertRecord { LeadId = lead, Kind = FollowUpAlertKind.Warning, DueAt = TestLeads.Start.AddHours(24), RaisedAt = TestLeads.Start.AddHours(20) };
        var breach = warning with { Kind = FollowUpAlertKind.Breach, RaisedAt = TestLeads.Start.AddHours(24) };

        Assert.True(await Store.AddAlertAsync(warning));
        Assert.False(await Store.AddAlertAsync(warning with { RaisedAt = TestLeads.Start.AddHours(21) })); // raised once
        await Store.SetAlertStateAsync(lead, FollowUpAlertKind.Warning, FollowUpAlertState.Delivered);
        Assert.True(await Store.AddAlertAsync(breach));
        await Store.SetAlertStateAsync(TestLeads.Person(2).Id, FollowUpAlertKind.Breach, FollowUpAlertState.Delivered); // none: nothing happens
        await ReopenAsync();

        Assert.False(await Store.AddAlertAsync(warning));
        Assert.Equal([warning with { State = FollowUpAlertState.Delivered }, breach], await Store.ReadAlertsAsync());
        await Store.SetAlertStateAsync(lead, FollowUpAlertKind.Breach, FollowUpAlertState.DeadLettered);
        Assert.Equal(FollowUpAlertState.DeadLettered, (await Store.ReadAlertsAsync())[1].State);
    }

    [Fact]
    public async Task ConcurrentAlertAdds_RecordEachAlertOnce()
    {
        var alert = new FollowUpAlertRecord { LeadId = TestLeads.Person(1).Id, Kind = FollowUpAlertKind.Breach, DueAt = TestLeads.Start, RaisedAt = TestLeads.Start };

        var added = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(async () => await Store.AddAlertAsync(alert))));

        Assert.Single(added, a => a);
        Assert.Single(await Store.ReadAlertsAsync());
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
