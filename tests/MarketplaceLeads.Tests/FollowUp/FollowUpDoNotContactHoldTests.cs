using System;
using System.Collections.Concurrent;
using System.Linq;
using MarketplaceLeads.Deduplication;
using MarketplaceLeads.FollowUp;
using static MarketplaceLeads.Tests.FollowUpTestData;

namespace MarketplaceLeads.Tests;

/// <summary>A possible duplicate of a do-not-contact customer is held back from every list and notification until reviewed (issue #16, 1).</summary>
public sealed class FollowUpDoNotContactHoldTests
{
    // One household: one phone, one last name; Luis asked not to be contacted (in a profile of his own, for review).
    private static DeduplicationResult Household()
    {
        var result = new LeadDeduplicator().Deduplicate(
        [
            TestLeads.Make("Ana", "Garcia", email: "ana@contoso.example", phone: "+1 415 555 0134", company: "Contoso", country: "US", action: "StartTestDrive"),
            TestLeads.Make("Luis", "Garcia", email: "luis.garcia@gmail.com", phone: "+1 415 555 0134", country: "US", action: "DNC", minutes: 60),
        ]);
        Assert.Equal(2, result.Profiles.Count);
        Assert.Single(result.PossibleDuplicates);
        return result;
    }

    [Fact]
    public void Holds_PossibleDuplicateOfDnc_IsHeldByTheDncProfile()
    {
        var household = Household();
        var holds = DoNotContactHolds.Create(household.Profiles, household.PossibleDuplicates);

        var ana = household.Profiles.Single(p => !p.DoNotContact);
        var luis = household.Profiles.Single(p => p.DoNotContact);
        Assert.True(holds.IsHeld(ana.Id));
        Assert.False(holds.IsHeld(luis.Id));
        Assert.True(holds.TryGetHeldBy(ana.Id, out var heldBy));
        Assert.Equal(luis.Id, heldBy);
        Assert.Equal(0, DoNotContactHolds.Create(household.Profiles, []).Count);
    }

    [Fact]
    public void Planner_HeldCustomer_HasNoResponseNurtureOrOverdueTask_AndThePlanSaysHeld()
    {
        var (planner, time) = Planner();
        var household = Household();
        var holds = DoNotContactHolds.Create(household.Profiles, household.PossibleDuplicates);
        var ana = household.Profiles.Single(p => !p.DoNotContact);

        Assert.Single(planner.Due(household.Profiles, FollowUpLog.Empty)); // without the holds, Ana's test drive is due
        Assert.Empty(planner.Due(household.Profiles, FollowUpLog.Empty, holds));
        Assert.Equal(FollowUpStatus.HeldForReview, Assert.Single(planner.Plan(ana, FollowUpLog.Empty, holds).Offers).Status);

        time.Advance(TimeSpan.FromDays(3));
        Assert.NotEmpty(planner.Overdue(household.Profiles, FollowUpLog.Empty));
        Assert.Empty(planner.Overdue(household.Profiles, FollowUpLog.Empty, holds));
        Assert.Empty(planner.NextTouchesDue(household.Profiles, FollowUpLog.Empty, holds));
        Assert.Empty(planner.NewlyOverdue(household.Profiles, FollowUpLog.Empty, Start, holds));
    }

    [Fact]
    public void OverdueMonitor_GivenThePossibleDuplicates_NeverNotifiesAHeldCustomer_UntilThePairIsReviewed()
    {
        var (planner, time) = Planner();
        var household = Household();
        var pairs = household.PossibleDuplicates.ToList();
        var raised = new ConcurrentQueue<FollowUpTask>();
        using var monitor = new FollowUpOverdueMonitor(planner, () => household.Profiles, () => pairs, () => FollowUpLog.Empty, TimeSpan.FromMinutes(1), time);
        monitor.LeadOverdue += (_, e) => raised.Enqueue(e.Task);
        monitor.Start();

        Advance(time, TimeSpan.FromHours(5)); // Ana's test drive (4 h) is overdue, but she may be Luis
        Assert.Empty(raised);

        pairs.Clear(); // reviewed: two people
        var bo = TestLeads.Make("Bo", "Li", email: "bo@fabrikam.example", action: "StartTestDrive", minutes: 5 * 60);
        var profiles = household.Profiles.Append(new LeadDeduplicator().Deduplicate([bo]).Profiles[0]).ToList();
        using var released = new FollowUpOverdueMonitor(planner, () => profiles, () => pairs, () => FollowUpLog.Empty, TimeSpan.FromMinutes(1), time);
        released.LeadOverdue += (_, e) => raised.Enqueue(e.Task);
        released.Start();
        Advance(time, TimeSpan.FromHours(5));
        Assert.Equal(bo.Id, Assert.Single(raised).LeadId);
    }

    private static void Advance(Microsoft.Extensions.Time.Testing.FakeTimeProvider time, TimeSpan by)
    {
        for (var step = TimeSpan.Zero; step < by; step += TimeSpan.FromMinutes(1))
        {
            time.Advance(TimeSpan.FromMinutes(1));
        }
    }
}
