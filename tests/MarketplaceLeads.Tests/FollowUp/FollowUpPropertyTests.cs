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
        var leads = Enumerable.Range(0, random.Next(1, 40)).Select(i => DeduplicationTestLeads.Make(
            first: random.Next(10) == 0 ? "MSFT_TEST_636573304831318844" : "Person" + random.Next(6),
            last: "Last" + random.Next(4),
            email: Emails[random.Next(Emails.Length)],
            action: Actions[random.Next(Actions.Length)],
            offer: Offers[random.Next(Offers.Length)],
            minutes: random.Next(0, 60 * 24 * 40) + i)).ToArray();
        var profiles = new LeadDeduplicator().Deduplicate(leads).Profiles;
        var time = new SettableTimeProvider(DeduplicationTestLeads.Start);
        var planner = new FollowUpPlanner(timeProvider: time);

        // Random touches on contactable customers, at random times.
        var log = FollowUpLog.Empty;
        foreach (var profile in profiles.Where(p => !p.DoNotContact && !p.IsTest))
        {
            for (var n = random.Next(0, 4); n > 0; n--)
            {
                time.Now = DeduplicationTestLeads.Start.AddMinutes(random.Next(0, 60 * 24 * 50));
                log = planner.RecordTouch(log, profile, profile.Offers[random.Next(profile.Offers.Count)].Offer);
            }
        }

        // Touches recorded (wrongly) under DNC customers' ids by another system must not revive them either.
        foreach (var profile in profiles.Where(p => p.DoNotContact))
        {
            log = log.Record(new FollowUpTouch { ProfileId = profile.Id, Offer = profile.Offers[0].Offer, Stage = FunnelStage.Interest, At = DeduplicationTestLeads.Start });
        }

        var since = DeduplicationTestLeads.Start.AddMinutes(random.Next(0, 60 * 24 * 60));
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
        var leads = Enumerable.Range(0, random.Next(1, 20)).Select(i => DeduplicationTestLeads.Make(
            first: "P" + random.Next(5), last: "L", email: Emails[random.Next(Emails.Length - 1)],
            action: Actions[random.Next(Actions.Length)], offer: Offers[random.Next(Offers.Length)], minutes: random.Next(0, 60 * 48) + i)).ToArray();
        var profiles = new LeadDeduplicator().Deduplicate(leads).Profiles;
        var time = new SettableTimeProvider(DeduplicationTestLeads.Start.AddHours(hours));
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
}

/// <summary>A clock that may be set backwards (FakeTimeProvider may not), for touches recorded at random times.</summary>
internal sealed class SettableTimeProvider(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
