using System;
using System.Linq;
using MarketplaceLeads.FollowUp;
using static MarketplaceLeads.Tests.FollowUpTestData;

namespace MarketplaceLeads.Tests;

public class FollowUpPlannerTests
{
    [Fact]
    public void Plan_ContactMe_RespondByIs24HoursAfterTheLead()
    {
        var (planner, _) = Planner();
        var profile = ProfileOf(Ana("PLT", minutes: 30));

        var deadline = Assert.Single(Assert.Single(planner.Plan(profile, FollowUpLog.Empty).Offers).Responses);

        Assert.Equal(Start.AddMinutes(30), deadline.LeadAt);
        Assert.Equal(Start.AddMinutes(30).AddHours(24), deadline.RespondBy);
        Assert.Equal(ResponseStatus.Due, deadline.Status);
    }

    [Fact]
    public void Plan_TestDrive_RespondByIs4Hours_AndDoNotContactGetsNoDeadline()
    {
        var (planner, _) = Planner();
        var drive = ProfileOf(Ana("StartTestDrive"));
        var dnc = ProfileOf(Ana("DNC"));

        Assert.Equal(Start.AddHours(4), Assert.Single(Assert.Single(planner.Plan(drive, FollowUpLog.Empty).Offers).Responses).RespondBy);
        Assert.Empty(Assert.Single(planner.Plan(dnc, FollowUpLog.Empty).Offers).Responses);
    }

    [Fact]
    public void DueAndOverdue_SwitchExactlyOneTickAfterRespondBy()
    {
        var (planner, time) = Planner();
        var profiles = All(ProfileOf(Ana("PLT")));
        time.SetUtcNow(Start.AddHours(24));

        var due = Assert.Single(planner.Due(profiles, FollowUpLog.Empty));
        Assert.Empty(planner.Overdue(profiles, FollowUpLog.Empty));
        Assert.Equal(FollowUpTaskKind.Respond, due.Kind);
        Assert.False(due.IsOverdue);

        time.Advance(TimeSpan.FromTicks(1));

        Assert.Empty(planner.Due(profiles, FollowUpLog.Empty));
        var overdue = Assert.Single(planner.Overdue(profiles, FollowUpLog.Empty));
        Assert.True(overdue.IsOverdue);
        Assert.Equal(Start.AddHours(24), overdue.DueAt);
        Assert.Equal(profiles[0].Leads[0].Id, overdue.LeadId);
    }

    [Fact]
    public void NewlyOverdue_ReportsEachLeadOnceAcrossPolls()
    {
        var (planner, time) = Planner();
        var profiles = All(ProfileOf(Ana("PLT"), Ana("StartTestDrive", minutes: 60, offer: "contoso.contoso-etl")));
        var lastCheck = time.GetUtcNow();
        time.SetUtcNow(Start.AddHours(6)); // the test drive's 4 h passed (at 5 h), the Contact me's 24 h not

        var first = planner.NewlyOverdue(profiles, FollowUpLog.Empty, lastCheck);
        lastCheck = time.GetUtcNow();
        time.Advance(TimeSpan.FromHours(1));
        var second = planner.NewlyOverdue(profiles, FollowUpLog.Empty, lastCheck);
        lastCheck = time.GetUtcNow();
        time.SetUtcNow(Start.AddDays(2));
        var third = planner.NewlyOverdue(profiles, FollowUpLog.Empty, lastCheck);

        Assert.Equal(LeadAction.StartTestDrive, Assert.Single(profiles[0].Leads, l => l.Id == Assert.Single(first).LeadId).Action);
        Assert.Empty(second);
        Assert.Equal(LeadAction.PartnerLedTrial, Assert.Single(profiles[0].Leads, l => l.Id == Assert.Single(third).LeadId).Action);
    }

    [Fact]
    public void RecordTouch_BeforeDeadline_MeetsIt_AfterDeadline_MeetsItLate()
    {
        var (planner, time) = Planner();
        var profile = ProfileOf(Ana("PLT"), Ana("PLT", minutes: 3 * 24 * 60));
        time.SetUtcNow(Start.AddHours(2));
        var log = planner.RecordTouch(FollowUpLog.Empty, profile, Analytics, "welcome");
        time.SetUtcNow(Start.AddDays(5)); // the second Contact me (day 3) is answered on day 5
        log = planner.RecordTouch(log, profile, Analytics);

        var responses = Assert.Single(planner.Plan(profile, log).Offers).Responses;

        Assert.Equal([ResponseStatus.Met, ResponseStatus.MetLate], [responses[0].Status, responses[1].Status]);
        Assert.Equal(Start.AddHours(2), responses[0].RespondedAt);
        Assert.Empty(planner.Overdue([profile], log));
        Assert.Equal("welcome", log.Touches[0].Note);
        Assert.Equal(profile.Id, log.Touches[0].ProfileId);
        Assert.Equal(FunnelStage.Interest, log.Touches[0].Stage);
    }

    [Fact]
    public void NextTouchesDue_FirstInterestTouchIsDueOnDayZero()
    {
        var (planner, _) = Planner(now: Start.AddMinutes(10));
        var profiles = All(ProfileOf(Ana("PLT", minutes: 10)));

        var task = Assert.Single(planner.NextTouchesDue(profiles, FollowUpLog.Empty));

        Assert.Equal(FollowUpTaskKind.Touch, task.Kind);
        Assert.Equal(new ScheduledTouch(1, 4, Start.AddMinutes(10), IsDue: true), task.Touch);
        Assert.Equal(FunnelStage.Interest, task.Stage);
        Assert.False(task.IsOverdue);
    }

    [Fact]
    public void RecordTouch_MovesTheScheduleFromTheTouchTime()
    {
        var (planner, time) = Planner();
        var profile = ProfileOf(Ana("PLT"));
        time.SetUtcNow(Start.AddHours(30)); // touch 1 made late
        var log = planner.RecordTouch(FollowUpLog.Empty, profile, Analytics);

        var next = Assert.Single(planner.Plan(profile, log).Offers).NextTouch;
        Assert.Equal(new ScheduledTouch(2, 4, Start.AddHours(30).AddDays(2), IsDue: false), next);

        time.SetUtcNow(Start.AddHours(30).AddDays(2).AddTicks(-1));
        Assert.Empty(planner.NextTouchesDue([profile], log));
        time.Advance(TimeSpan.FromTicks(1));
        Assert.Equal(2, Assert.Single(planner.NextTouchesDue([profile], log)).Touch!.Number);
    }

    [Fact]
    public void RecordTouch_AfterTheLastTouch_ClosesTheSchedule()
    {
        var (planner, time) = Planner();
        var profile = ProfileOf(Ana("PLT"));
        var log = FollowUpLog.Empty;
        foreach (var day in (int[])[0, 2, 5, 10])
        {
            time.SetUtcNow(Start.AddDays(day));
            Assert.Single(planner.NextTouchesDue([profile], log));
            log = planner.RecordTouch(log, profile, Analytics);
        }

        time.SetUtcNow(Start.AddDays(100));
        var offer = Assert.Single(planner.Plan(profile, log).Offers);

        Assert.Equal(FollowUpStatus.Completed, offer.Status);
        Assert.Equal(4, offer.TouchesRecorded);
        Assert.Null(offer.NextTouch);
        Assert.Empty(planner.NextTouchesDue([profile], log));
    }

    [Fact]
    public void Plan_TouchDueLongerThanCloseAfter_Expires()
    {
        var (planner, time) = Planner(new FollowUpOptions { CloseAfter = TimeSpan.FromDays(7) });
        var profile = ProfileOf(Ana("PLT"));
        time.SetUtcNow(Start.AddDays(7));
        Assert.Equal(FollowUpStatus.Active, Assert.Single(planner.Plan(profile, FollowUpLog.Empty).Offers).Status);

        time.Advance(TimeSpan.FromTicks(1));

        Assert.Equal(FollowUpStatus.Expired, Assert.Single(planner.Plan(profile, FollowUpLog.Empty).Offers).Status);
        Assert.Empty(planner.NextTouchesDue([profile], FollowUpLog.Empty));
        Assert.Single(planner.Overdue([profile], FollowUpLog.Empty)); // the unanswered Contact me stays overdue: the SLA breach is a fact
    }

    [Fact]
    public void Plan_TrialAfterInterest_RestartsTheCadence_AndReportsTheConversion()
    {
        var (planner, time) = Planner();
        var interest = ProfileOf(Ana("PLT"));
        var profile = ProfileOf(Ana("PLT"), Ana("StartTestDrive", minutes: 3 * 60), Ana("INS", minutes: 5 * 24 * 60));
        time.SetUtcNow(Start.AddHours(1));
        var log = planner.RecordTouch(FollowUpLog.Empty, interest, Analytics); // an interest touch: does not count for acquisition
        time.SetUtcNow(Start.AddDays(6));

        var offer = Assert.Single(planner.Plan(profile, log).Offers);

        Assert.Equal(FunnelStage.Acquisition, offer.Stage);
        Assert.Equal(Start.AddDays(5), offer.StageReachedAt);
        Assert.Equal([FunnelStage.Interest, FunnelStage.Trial, FunnelStage.Acquisition], offer.Funnel.Select(s => s.Stage));
        Assert.Equal(
            [new StageConversion(FunnelStage.Interest, FunnelStage.Trial, Start, Start.AddHours(3)), new StageConversion(FunnelStage.Trial, FunnelStage.Acquisition, Start.AddHours(3), Start.AddDays(5))],
            offer.Conversions);
        Assert.Equal(TimeSpan.FromHours(3), offer.Conversions[0].Elapsed);
        Assert.Equal(0, offer.TouchesRecorded);
        Assert.Equal(new ScheduledTouch(1, 3, Start.AddDays(6), IsDue: true), offer.NextTouch); // acquisition: day 1
    }

    [Fact]
    public void TestLeads_NeverGetTasks()
    {
        var (planner, time) = Planner();
        var test = ProfileOf(TestLeads.Make("MSFT_TEST_636573304831318844", "Test", email: "test@contoso.example"));
        time.SetUtcNow(Start.AddDays(2));

        Assert.True(test.IsTest);
        Assert.Equal(FollowUpStatus.TestLead, Assert.Single(planner.Plan(test, FollowUpLog.Empty).Offers).Status);
        Assert.Empty(planner.Due([test], FollowUpLog.Empty));
        Assert.Empty(planner.Overdue([test], FollowUpLog.Empty));
        Assert.Empty(planner.NextTouchesDue([test], FollowUpLog.Empty));
        Assert.Throws<InvalidOperationException>(() => planner.RecordTouch(FollowUpLog.Empty, test, Analytics));
    }

    [Fact]
    public void DoNotContact_OnAnyOffer_SuppressesEveryOfferOfTheCustomer()
    {
        var (planner, time) = Planner();
        var profile = ProfileOf(Ana("PLT"), Ana("DNC", minutes: 5, offer: "contoso.contoso-etl"));
        time.SetUtcNow(Start.AddDays(2));

        var plan = planner.Plan(profile, FollowUpLog.Empty);

        Assert.True(plan.DoNotContact);
        Assert.All(plan.Offers, o => Assert.Equal(FollowUpStatus.Suppressed, o.Status));
        Assert.All(plan.Offers, o => Assert.Null(o.NextTouch));
        Assert.Empty(planner.Due([profile], FollowUpLog.Empty));
        Assert.Empty(planner.Overdue([profile], FollowUpLog.Empty));
        Assert.Empty(planner.NextTouchesDue([profile], FollowUpLog.Empty));
        var error = Assert.Throws<InvalidOperationException>(() => planner.RecordTouch(FollowUpLog.Empty, profile, Analytics));
        Assert.Contains("do not contact", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RecordTouch_OfferNotTheCustomers_Throws()
    {
        var (planner, _) = Planner();
        var profile = ProfileOf(Ana("PLT"));

        var error = Assert.Throws<ArgumentException>(() => planner.RecordTouch(FollowUpLog.Empty, profile, MarketplaceOffer.Parse("fabrikam.other")));
        Assert.Equal("offer", error.ParamName);
    }

    [Fact]
    public void Log_TouchUnderAnAbsorbedProfileId_StillCountsAfterTheMerge()
    {
        var (planner, time) = Planner();
        var later = Ana("PLT", minutes: 60);
        var alone = ProfileOf(later);
        time.SetUtcNow(Start.AddHours(2));
        var log = planner.RecordTouch(FollowUpLog.Empty, alone, Analytics);

        var merged = ProfileOf(Ana("PLT"), later); // an earlier lead arrives: the merged profile's id is the earlier lead's
        var offer = Assert.Single(planner.Plan(merged, log).Offers);

        Assert.NotEqual(alone.Id, merged.Id);
        Assert.Equal(1, offer.TouchesRecorded);
        Assert.All(offer.Responses, r => Assert.Equal(ResponseStatus.Met, r.Status));
    }

    [Fact]
    public void FollowUpLog_IsImmutable_AndRoundTripsThroughCreate()
    {
        var (planner, _) = Planner();
        var profile = ProfileOf(Ana("PLT"));
        var empty = FollowUpLog.Empty;

        var one = planner.RecordTouch(empty, profile, Analytics);
        var restored = FollowUpLog.Create(one.Touches);

        Assert.Empty(empty.Touches);
        Assert.Single(one.Touches);
        Assert.Equal(1, Assert.Single(planner.Plan(profile, restored).Offers).TouchesRecorded);
    }
}
