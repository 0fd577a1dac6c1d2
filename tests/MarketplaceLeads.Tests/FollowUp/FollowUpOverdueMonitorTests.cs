using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using MarketplaceLeads.FollowUp;
using static MarketplaceLeads.Tests.FollowUpTestData;

namespace MarketplaceLeads.Tests;

public sealed class FollowUpOverdueMonitorTests
{
    [Fact]
    public void Timer_RaisesLeadOverdueOnceWhenTheDeadlinePasses()
    {
        var (planner, time) = Planner();
        var profiles = All(ProfileOf(Ana("PLT"), Ana("StartTestDrive", minutes: 60, offer: "contoso.contoso-etl")));
        var raised = new ConcurrentQueue<FollowUpTask>();
        using var monitor = new FollowUpOverdueMonitor(planner, () => profiles, () => FollowUpLog.Empty, TimeSpan.FromMinutes(1), time);
        monitor.LeadOverdue += (_, e) => raised.Enqueue(e.Task);
        monitor.Start();

        Advance(time, TimeSpan.FromHours(5)); // the test drive (at 1 h, 4 h SLA) is due at 5 h: not yet overdue
        Assert.Empty(raised);
        Advance(time, TimeSpan.FromMinutes(2));
        var testDrive = Assert.Single(raised);
        Assert.Equal(Start.AddHours(5), testDrive.DueAt);
        Assert.Equal(LeadAction.StartTestDrive, profiles[0].Leads.Single(l => l.Id == testDrive.LeadId).Action);

        Advance(time, TimeSpan.FromHours(20)); // the Contact me (24 h) passes at 24 h
        Assert.Equal(2, raised.Count);
        Advance(time, TimeSpan.FromDays(3));
        Assert.Equal(2, raised.Count);
    }

    [Fact]
    public void FailingHandler_IsReported_AndOtherLeadsStillGetTheirEvent()
    {
        var (planner, time) = Planner();
        var profiles = All(
            ProfileOf(Ana("StartTestDrive")),
            ProfileOf(TestLeads.Make("Bo", "Li", email: "bo@fabrikam.example", action: "StartTestDrive")));
        var raised = new List<FollowUpTask>();
        var failures = new List<Exception>();
        using var monitor = new FollowUpOverdueMonitor(planner, () => profiles, () => FollowUpLog.Empty, TimeSpan.FromMinutes(1), time);
        monitor.LeadOverdue += (_, e) =>
        {
            raised.Add(e.Task);
            if (raised.Count == 1)
            {
                throw new InvalidOperationException("handler bug");
            }
        };
        monitor.CheckFailed += (_, e) => failures.Add(e);
        monitor.Start();

        Advance(time, TimeSpan.FromHours(5));

        Assert.Equal(2, raised.Count);
        Assert.Equal("handler bug", Assert.Single(failures).Message);
    }

    [Fact]
    public void FailingSource_IsReported_AndTheNextCheckReportsItsLeads()
    {
        var (planner, time) = Planner();
        var profiles = All(ProfileOf(Ana("StartTestDrive")));
        var broken = true;
        var raised = new List<FollowUpTask>();
        var failures = new List<Exception>();
        using var monitor = new FollowUpOverdueMonitor(planner, () => broken ? throw new InvalidOperationException("store down") : profiles, () => FollowUpLog.Empty, TimeSpan.FromMinutes(1), time);
        monitor.LeadOverdue += (_, e) => raised.Add(e.Task);
        monitor.CheckFailed += (_, e) => failures.Add(e);
        monitor.Start();

        Advance(time, TimeSpan.FromHours(4) + TimeSpan.FromMinutes(1));
        Assert.Empty(raised);
        Assert.NotEmpty(failures);
        broken = false;
        Advance(time, TimeSpan.FromMinutes(1));

        Assert.Single(raised);
    }

    [Fact]
    public void DoNotContactCustomers_AreNeverReported_AndCheckNowWorksWithoutATimer()
    {
        var (planner, time) = Planner();
        var profiles = All(ProfileOf(Ana("StartTestDrive"), Ana("DNC", minutes: 1)));
        using var monitor = new FollowUpOverdueMonitor(planner, () => profiles, () => FollowUpLog.Empty, TimeSpan.FromMinutes(1), time);

        time.Advance(TimeSpan.FromDays(2));

        Assert.Empty(monitor.CheckNow());
    }

    [Fact]
    public void Interval_OutOfRange_FailsNamingTheValue()
    {
        var (planner, _) = Planner();

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new FollowUpOverdueMonitor(planner, () => [], () => FollowUpLog.Empty, TimeSpan.FromMilliseconds(10)));

        Assert.Contains("it is 00:00:00.0100000", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Advances the fake clock a minute at a time, so every timer tick in between fires.</summary>
    private static void Advance(Microsoft.Extensions.Time.Testing.FakeTimeProvider time, TimeSpan by)
    {
        for (var left = by; left > TimeSpan.Zero; left -= TimeSpan.FromMinutes(1))
        {
            time.Advance(left < TimeSpan.FromMinutes(1) ? left : TimeSpan.FromMinutes(1));
        }
    }
}
