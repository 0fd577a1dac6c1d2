using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using MarketplaceLeads.Delivery;
using MarketplaceLeads.FollowUp;
using Microsoft.Extensions.Time.Testing;
using static MarketplaceLeads.Tests.FollowUpTestData;

namespace MarketplaceLeads.Tests;

public sealed class FollowUpAlertsTests
{
    [Fact]
    public async Task Warning_ComesTheConfiguredTimeBeforeTheDeadline_AndTheBreachAtIt_EachOnce()
    {
        var (planner, time) = Planner();
        var store = new InMemoryFollowUpStore();
        var notifier = new RecordingNotifier();
        var alerts = new FollowUpAlerts(planner, new FollowUpOptions(), store, notifier, time);
        var profiles = All(ProfileOf(Ana("PLT"), Ana("StartTestDrive", offer: "contoso.contoso-etl")));

        async Task<string[]> At(TimeSpan since) // the kinds and actions delivered by a check at Start + since
        {
            time.SetUtcNow(Start + since);
            return [.. (await alerts.CheckAsync(profiles)).Select(a => $"{a.Kind} {a.Action}")];
        }

        Assert.Empty(await At(TimeSpan.FromHours(2.9)));
        Assert.Equal(["Warning StartTestDrive"], await At(TimeSpan.FromHours(3))); // 1 h before the 4 h test-drive deadline
        Assert.Empty(await At(TimeSpan.FromHours(3.5)));
        Assert.Equal(["Breach StartTestDrive"], await At(TimeSpan.FromHours(4.1)));
        Assert.Empty(await At(TimeSpan.FromHours(19.9)));
        Assert.Equal(["Warning PartnerLedTrial"], await At(TimeSpan.FromHours(20))); // 4 h before the 24 h Contact me deadline
        Assert.Equal(["Breach PartnerLedTrial"], await At(TimeSpan.FromHours(24.1)));
        Assert.Empty(await At(TimeSpan.FromDays(5)));

        Assert.Equal(4, notifier.Alerts.Count);
        Assert.All(await store.ReadAlertsAsync(), a => Assert.Equal(FollowUpAlertState.Delivered, a.State));
        Assert.Equal("Ana", notifier.Alerts[0].Task.Context.FirstName);
        Assert.DoesNotContain("Ana", notifier.Alerts[0].ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Restart_DoesNotRaiseDeliveredAlertsAgain_AndDeliversThoseLeftPendingByACrash()
    {
        var (planner, time) = Planner(now: Start.AddHours(5));
        var store = new InMemoryFollowUpStore(); // survives the restart, as the SQLite and PostgreSQL stores do
        var profiles = All(ProfileOf(Ana("StartTestDrive")), ProfileOf(TestLeads.Make("Bo", "Li", email: "bo@fabrikam.example", action: "StartTestDrive")));
        var before = new RecordingNotifier();
        Assert.Equal(2, (await new FollowUpAlerts(planner, new FollowUpOptions(), store, before, time).CheckAsync(profiles)).Count);

        // A third lead's breach was recorded as raised, then the process died before delivering it.
        var late = ProfileOf(TestLeads.Make("Cy", "Ng", email: "cy@tailspin.example", action: "StartTestDrive"));
        Assert.True(await store.AddAlertAsync(new FollowUpAlertRecord { LeadId = late.Leads[0].Id, Kind = FollowUpAlertKind.Breach, DueAt = Start.AddHours(4), RaisedAt = time.GetUtcNow() }));

        var after = new RecordingNotifier();
        var restarted = new FollowUpAlerts(planner, new FollowUpOptions(), store, after, time);
        time.Advance(TimeSpan.FromMinutes(1));
        var delivered = await restarted.CheckAsync([.. profiles, late]);
        time.Advance(TimeSpan.FromMinutes(1));
        Assert.Empty(await restarted.CheckAsync([.. profiles, late]));

        Assert.Equal(late.Leads[0].Id, Assert.Single(delivered).Task.LeadId);
        Assert.Single(after.Alerts);
    }

    [Fact]
    public async Task DoNotContactAndTestCustomers_AreNeverNotified()
    {
        var (planner, time) = Planner();
        var notifier = new RecordingNotifier();
        var alerts = new FollowUpAlerts(planner, new FollowUpOptions(), new InMemoryFollowUpStore(), notifier, time);
        var dnc = ProfileOf(Ana("PLT"), Ana("DNC", minutes: 5, offer: "contoso.contoso-etl"));
        var test = ProfileOf(TestLeads.Make("MSFT_TEST_636573304831318844", "Lead", email: "test@microsoft.com", action: "PLT"));
        Assert.True(dnc.DoNotContact);
        Assert.True(test.IsTest);

        foreach (var hours in new[] { 1, 20, 25, 48, 200 })
        {
            time.SetUtcNow(Start.AddHours(hours));
            await alerts.CheckAsync([dnc, test]);
        }

        Assert.Empty(notifier.Alerts);
    }

    [Fact]
    public async Task TouchThatAnswersTheReply_CancelsItsPendingWarning_AndItsBreach()
    {
        var (planner, time) = Planner(now: Start.AddHours(3.5));
        var store = new InMemoryFollowUpStore();
        var notifier = new RecordingNotifier();
        var profile = ProfileOf(Ana("StartTestDrive"));
        var lead = profile.Leads[0].Id;
        Assert.True(await store.AddAlertAsync(new FollowUpAlertRecord { LeadId = lead, Kind = FollowUpAlertKind.Warning, DueAt = Start.AddHours(4), RaisedAt = Start.AddHours(3) })); // raised, not delivered
        await store.RecordAsync(planner.RecordTouch(FollowUpLog.Empty, profile, profile.Offers[0].Offer).Touches[0]);
        var alerts = new FollowUpAlerts(planner, new FollowUpOptions(), store, notifier, time);

        await alerts.CheckAsync([profile]);
        time.SetUtcNow(Start.AddHours(30));
        await alerts.CheckAsync([profile]);

        Assert.Empty(notifier.Alerts);
        Assert.Equal(FollowUpAlertState.Cancelled, Assert.Single(await store.ReadAlertsAsync()).State);
    }

    [Fact]
    public async Task NotifierThatIsDown_IsRetriedByThePolicy_ThenTheAlertStaysPending_AndIsDeliveredOnceAtALaterCheck()
    {
        var (planner, time) = Planner(now: Start.AddHours(5));
        var store = new InMemoryFollowUpStore();
        var notifier = new RecordingNotifier { FailuresLeft = 3 };
        var retry = new MarketplaceLeadsOptions { MaxDeliveryAttempts = 3, RetryBaseDelay = TimeSpan.FromSeconds(1) };
        var alerts = new FollowUpAlerts(planner, new FollowUpOptions(), store, notifier, time, retry);

        Assert.Empty(await RunAsync(alerts.CheckAsync([ProfileOf(Ana("StartTestDrive"))]), time));
        Assert.Equal(3, notifier.Attempts);
        Assert.Equal(FollowUpAlertState.Pending, Assert.Single(await store.ReadAlertsAsync()).State); // down now: tried again later

        time.Advance(TimeSpan.FromMinutes(1));
        var delivered = Assert.Single(await RunAsync(alerts.CheckAsync([ProfileOf(Ana("StartTestDrive"))]), time));
        Assert.Equal(FollowUpAlertKind.Breach, delivered.Kind);
        Assert.Equal(4, notifier.Attempts);
        Assert.Equal(FollowUpAlertState.Delivered, Assert.Single(await store.ReadAlertsAsync()).State);
        Assert.Empty(await alerts.CheckAsync([ProfileOf(Ana("StartTestDrive"))])); // once
    }

    [Fact]
    public async Task NotifierThatRefusesTheAlertForGood_IsNotRetried_AndTheAlertIsKeptAsADeadLetter()
    {
        var (planner, time) = Planner(now: Start.AddHours(5));
        var store = new InMemoryFollowUpStore();
        var notifier = new RecordingNotifier { FailuresLeft = int.MaxValue, Failure = () => new LeadSinkException("HTTP 400 from the webhook", isTransient: false) };
        var retry = new MarketplaceLeadsOptions { MaxDeliveryAttempts = 3, RetryBaseDelay = TimeSpan.FromSeconds(1) };
        var alerts = new FollowUpAlerts(planner, new FollowUpOptions(), store, notifier, time, retry);

        Assert.Empty(await RunAsync(alerts.CheckAsync([ProfileOf(Ana("StartTestDrive"))]), time));

        Assert.Equal(1, notifier.Attempts);
        Assert.Equal(FollowUpAlertState.DeadLettered, Assert.Single(await store.ReadAlertsAsync()).State);
        time.Advance(TimeSpan.FromMinutes(1));
        Assert.Empty(await alerts.CheckAsync([ProfileOf(Ana("StartTestDrive"))])); // kept, not raised again
        Assert.Equal(1, notifier.Attempts);
    }

    /// <summary>Completes a check whose back-off waits on the injected clock, moving the clock a second at a time.</summary>
    private static async Task<IReadOnlyList<FollowUpAlert>> RunAsync(Task<IReadOnlyList<FollowUpAlert>> check, FakeTimeProvider time)
    {
        while (!check.IsCompleted)
        {
            time.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(1);
        }

        return await check;
    }

    [Fact]
    public async Task NotifierThatFailsOnce_DeliversOnTheRetry()
    {
        var (planner, time) = Planner(now: Start.AddHours(5));
        var notifier = new RecordingNotifier { FailuresLeft = 1 };
        var alerts = new FollowUpAlerts(planner, new FollowUpOptions(), new InMemoryFollowUpStore(), notifier, time, new MarketplaceLeadsOptions { RetryBaseDelay = TimeSpan.FromSeconds(1) });

        var check = alerts.CheckAsync([ProfileOf(Ana("StartTestDrive"))]);
        while (!check.IsCompleted)
        {
            time.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(1);
        }

        Assert.Single(await check);
        Assert.Equal(2, notifier.Attempts);
    }

    private sealed class RecordingNotifier : INotifier
    {
        public List<FollowUpAlert> Alerts { get; } = [];

        public int FailuresLeft { get; set; }

        public int Attempts { get; private set; }

        public Func<Exception> Failure { get; init; } = static () => new InvalidOperationException("destination down");

        public ValueTask NotifyAsync(FollowUpAlert alert, CancellationToken cancellationToken = default)
        {
            Attempts++;
            if (FailuresLeft > 0)
            {
                FailuresLeft--;
                throw Failure();
            }

            Alerts.Add(alert);
            return ValueTask.CompletedTask;
        }
    }
}
