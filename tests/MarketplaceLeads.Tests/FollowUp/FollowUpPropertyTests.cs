using System;
using System.Collections.Generic;
using System.Linq;
using FsCheck.Xunit;
using MarketplaceLeads.Deduplication;
using MarketplaceLeads.FollowUp;

namespace MarketplaceLeads.Tests;

/// <summary>Properties of follow-up planning over random customers, actions, touches and times.</summary>
public class FollowUpPropertyTests
{
    private static readonly string[] Actions = ["PLT", "PLT", "StartTestDrive", "INS", "Create", "DNC", "Unknown"];
    private static readonly string[] Offers = ["contoso.analytics", "contoso.etl", "fabrikam.crm"];
    private static readonly string?[] Emails = ["ana@contoso.example", "bo@fabrikam.example", "cy@gmail.com", "dee@northwind.example", null];

    [Property(MaxTest = 200)]
    public bool DoNotContactCustomers_NeverAppearInAnyTaskList(int seed)
    {
        var random = new Random(seed);
        var leads = Enumerable.Range(0, random.Next(1, 40)).Select(i => TestLeads.Make(
            first: random.Next(10) == 0 ? "MSFT_TEST_636573304831318844" : "Person" + random.Next(6),
            last: "Last" + random.Next(4),
            email: Emails[random.Next(Emails.Length)],
            action: Actions[random.Next(Actions.Length)],
            offer: Offers[random.Next(Offers.Length)],
            minutes: random.Next(0, 60 * 24 * 40) + i)).ToArray();
        var profiles = new LeadDeduplicator().Deduplicate(leads).Profiles;
        var time = new SettableTimeProvider(TestLeads.Start);
        var planner = new FollowUpPlanner(timeProvider: time);

        // Random touches on contactable customers, at random times.
        var log = FollowUpLog.Empty;
        foreach (var profile in profiles.Where(p => !p.DoNotContact && !p.IsTest))
        {
            for (var n = random.Next(0, 4); n > 0; n--)
            {
                time.Now = TestLeads.Start.AddMinutes(random.Next(0, 60 * 24 * 50));
                log = planner.RecordTouch(log, profile, profile.Offers[random.Next(profile.Offers.Count)].Offer);
            }
        }

        // Touches recorded (wrongly) under DNC customers' ids by another system must not revive them either.
        foreach (var profile in profiles.Where(p => p.DoNotContact))
        {
            log = log.Record(new FollowUpTouch { ProfileId = profile.Id, Offer = profile.Offers[0].Offer, Stage = FunnelStage.Interest, At = TestLeads.Start });
        }

        var since = TestLeads.Start.AddMinutes(random.Next(0, 60 * 24 * 60));
        time.Now = since.AddMinutes(random.Next(0, 60 * 24 * 10));
        var suppressed = new HashSet<CustomerProfileId>(profiles.Where(p => p.DoNotContact || p.IsTest).Select(p => p.Id));
        var tasks = planner.Due(profiles, log)
            .Concat(planner.Overdue(profiles, log))
            .Concat(planner.NewlyOverdue(profiles, log, since))
            .Concat(planner.NextTouchesDue(profiles, log));
        var plansSuppressed = profiles.Where(p => p.DoNotContact)
            .All(p => planner.Plan(p, log).Offers.All(o => o.Status == FollowUpStatus.Suppressed && o.NextTouch is null && o.Responses.Count == 0));

        return plansSuppressed && tasks.All(t => !suppressed.Contains(t.ProfileId));
    }

    [Property(MaxTest = 100)]
    public bool DueAndOverdue_PartitionTheUnansweredDeadlines(int seed, byte hours)
    {
        var random = new Random(seed);
        var leads = Enumerable.Range(0, random.Next(1, 20)).Select(i => TestLeads.Make(
            first: "P" + random.Next(5), last: "L", email: Emails[random.Next(Emails.Length - 1)],
            action: Actions[random.Next(Actions.Length)], offer: Offers[random.Next(Offers.Length)], minutes: random.Next(0, 60 * 48) + i)).ToArray();
        var profiles = new LeadDeduplicator().Deduplicate(leads).Profiles;
        var time = new SettableTimeProvider(TestLeads.Start.AddHours(hours));
        var planner = new FollowUpPlanner(timeProvider: time);
        var now = time.GetUtcNow();

        var due = planner.Due(profiles, FollowUpLog.Empty);
        var overdue = planner.Overdue(profiles, FollowUpLog.Empty);
        var expected = profiles.Where(p => !p.DoNotContact && !p.IsTest)
            .SelectMany(p => planner.Plan(p, FollowUpLog.Empty).Offers.SelectMany(o => o.Responses)).Count();

        return due.Count + overdue.Count == expected
            && due.All(t => t.DueAt >= now)
            && overdue.All(t => t.DueAt < now);
    }

    [Property(MaxTest = 150)]
    public bool DueList_OneRowPerCustomerAndOffer_NeverADoNotContactHeldOrTestCustomer_RepliesBeforeNurture(int seed)
    {
        // The due list a salesperson works (issue #16, 4): whatever the customers, their possible duplicates, touches and
        // the clock, a customer and offer is one row in the due list and at most one in the overdue list; do-not-contact,
        // test and held customers are never listed; replies come before nurture touches, each in time order.
        var random = new Random(seed);
        var result = new LeadDeduplicator().Deduplicate(RandomLeads(random, withCompanies: true));
        var profiles = result.Profiles;
        var holds = DoNotContactHolds.Create(profiles, result.PossibleDuplicates);
        var time = new SettableTimeProvider(TestLeads.Start);
        var planner = new FollowUpPlanner(timeProvider: time);
        var log = FollowUpLog.Empty;
        foreach (var profile in profiles.Where(p => !p.DoNotContact && !p.IsTest))
        {
            for (var n = random.Next(0, 3); n > 0; n--)
            {
                time.Now = TestLeads.Start.AddMinutes(random.Next(0, 60 * 24 * 25));
                log = planner.RecordTouch(log, profile, profile.Offers[random.Next(profile.Offers.Count)].Offer);
            }
        }

        time.Now = TestLeads.Start.AddMinutes(random.Next(0, 60 * 24 * 30));
        var due = DueList.Due(planner, profiles, log, holds);
        var overdue = DueList.Overdue(planner, profiles, log, holds);
        var excluded = new HashSet<CustomerProfileId>(profiles.Where(p => p.DoNotContact || p.IsTest || holds.IsHeld(p.Id)).Select(p => p.Id));

        var replies = due.TakeWhile(static r => r.Kind == FollowUpTaskKind.Respond).ToList();
        var nurture = due.Skip(replies.Count).ToList();
        return due.GroupBy(static r => (r.ProfileId, r.Offer)).All(static g => g.Count() == 1)
            && overdue.GroupBy(static r => (r.ProfileId, r.Offer)).All(static g => g.Count() == 1)
            && due.Concat(overdue).All(r => !excluded.Contains(r.ProfileId))
            && nurture.All(static r => r.Kind == FollowUpTaskKind.Touch)
            && replies.Zip(replies.Skip(1)).All(static p => p.First.DueAt <= p.Second.DueAt)
            && nurture.Zip(nurture.Skip(1)).All(static p => p.First.DueAt <= p.Second.DueAt)
            && due.All(static r => !r.IsOverdue || r.Kind == FollowUpTaskKind.Touch) && overdue.All(static r => r.IsOverdue)
            && due.Concat(overdue).All(static r => r.Action is "Contact me" or "Test drive" or "Trial or purchase" or "Get it now" or "Other");
    }

    [Property(MaxTest = 100)]
    public bool LeadReport_FiguresAddUp(int seed)
    {
        // Every figure the CLI's report prints comes from LeadReport (issue #16, 5); they must agree with each other and
        // with the planner whatever the customers and the clock.
        var random = new Random(seed);
        var result = new LeadDeduplicator().Deduplicate(RandomLeads(random, withCompanies: false));
        var time = new SettableTimeProvider(TestLeads.Start.AddMinutes(random.Next(0, 60 * 24 * 30)));
        var planner = new FollowUpPlanner(timeProvider: time);
        var report = LeadReport.Create(planner, result.Profiles, result.PossibleDuplicates, FollowUpLog.Empty, null, time.GetUtcNow());

        var customers = result.Profiles.Where(static p => !p.IsTest).ToList();
        var holds = DoNotContactHolds.Create(result.Profiles, result.PossibleDuplicates);
        return report.Leads + report.TestLeads == result.Profiles.Sum(static p => p.Leads.Count)
            && report.Customers == customers.Count
            && report.DuplicatesMerged == report.Leads - report.Customers
            && report.ByAction.Sum(static p => p.Value) == report.Leads
            && report.BySource.Sum(static p => p.Value) == report.Leads
            && report.ContactMeOverdueByAge.Sum(static p => p.Value) == report.ContactMeOverdue
            && report.ContactMeOverdue <= report.ResponsesOverdue
            && report.ResponsesDue == planner.Due(customers, FollowUpLog.Empty, holds).Count
            && report.ResponsesOverdue == planner.Overdue(customers, FollowUpLog.Empty, holds).Count
            && report.FunnelCustomerOffers == report.Funnel.Sum(static f => f.Customers)
            && report.FunnelCustomerOffers >= customers.Count(static p => p.Leads.Count > 0) - customers.Count(static p => p.Offers.Count == 0)
            && report.DoNotContact == customers.Count(static p => p.DoNotContact);
    }

    /// <summary>Up to 40 leads of a few people (a test lead now and then) over 20 days: random actions, offers and addresses.</summary>
    private static Lead[] RandomLeads(Random random, bool withCompanies) =>
        [.. Enumerable.Range(0, random.Next(1, 40)).Select(i => TestLeads.Make(
            first: random.Next(12) == 0 ? "MSFT_TEST_636573304831318844" : "Person" + random.Next(6),
            last: "Last" + random.Next(3),
            email: Emails[random.Next(Emails.Length)],
            company: withCompanies && random.Next(2) == 0 ? "Contoso" : null,
            action: Actions[random.Next(Actions.Length)],
            offer: Offers[random.Next(Offers.Length)],
            minutes: random.Next(0, 60 * 24 * 20) + i))];
}

/// <summary>A clock that may be set backwards (FakeTimeProvider may not), for touches recorded at random times.</summary>
internal sealed class SettableTimeProvider(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
