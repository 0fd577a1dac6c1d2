using System;
using System.Collections.Generic;
using System.Linq;
using MarketplaceLeads.Deduplication;

namespace MarketplaceLeads.FollowUp;

/// <summary>
/// The figures of a leads report, computed once from the customers, the possible duplicates and the touch log at one time:
/// what <c>marketplace-leads report</c> renders. Test customers are counted apart (<see cref="TestLeads"/>) and left out of
/// every other figure.
/// </summary>
public sealed class LeadReport
{
    /// <summary>The labels of <see cref="ContactMeOverdueByAge"/>, in order: how long past their 24 h deadline.</summary>
    private static readonly (string Label, TimeSpan Below)[] AgeBuckets =
    [
        ("under 1 day", TimeSpan.FromDays(1)),
        ("1-3 days", TimeSpan.FromDays(3)),
        ("3-7 days", TimeSpan.FromDays(7)),
        ("7 days or more", TimeSpan.MaxValue),
    ];

    private LeadReport()
    {
    }

    /// <summary>Gets the time the report is as of.</summary>
    public DateTimeOffset AsOf { get; private init; }

    /// <summary>Gets the leads of non-test customers.</summary>
    public int Leads { get; private init; }

    /// <summary>Gets the marketplace test leads (not counted anywhere else).</summary>
    public int TestLeads { get; private init; }

    /// <summary>Gets the de-duplicated customers (profiles), test customers left out.</summary>
    public int Customers { get; private init; }

    /// <summary>Gets the leads merged into an earlier lead's customer (<see cref="Leads"/> − <see cref="Customers"/>).</summary>
    public int DuplicatesMerged { get; private init; }

    /// <summary>Gets the pairs of customers that may be one person, waiting for review.</summary>
    public int PossibleDuplicates { get; private init; }

    /// <summary>Gets the customers who said do not contact.</summary>
    public int DoNotContact { get; private init; }

    /// <summary>Gets the customers held back because they may be a do-not-contact customer (<see cref="DoNotContactHolds"/>).</summary>
    public int HeldForReview { get; private init; }

    /// <summary>Gets the requests (leads that expect a reply) still within their deadline and unanswered.</summary>
    public int ResponsesDue { get; private init; }

    /// <summary>Gets the requests past their deadline and unanswered, of every action.</summary>
    public int ResponsesOverdue { get; private init; }

    /// <summary>Gets the <em>Contact me</em> requests past their deadline and unanswered.</summary>
    public int ContactMeOverdue { get; private init; }

    /// <summary>Gets <see cref="ContactMeOverdue"/> by how long past the deadline: under 1 day, 1-3 days, 3-7 days, 7 days or more.</summary>
    public IReadOnlyList<KeyValuePair<string, int>> ContactMeOverdueByAge { get; private init; } = [];

    /// <summary>Gets the nurture touches due (<see cref="IFollowUpPlanner.NextTouchesDue"/>).</summary>
    public int TouchesDue { get; private init; }

    /// <summary>Gets the funnel per offer, by offer.</summary>
    public IReadOnlyList<OfferFunnel> Funnel { get; private init; } = [];

    /// <summary>Gets the funnel's total over offers: customer–offer pairs, so a customer who acted on two offers counts twice (compare <see cref="Customers"/>).</summary>
    public int FunnelCustomerOffers { get; private init; }

    /// <summary>Gets the leads per marketplace source, the most first.</summary>
    public IReadOnlyList<KeyValuePair<string, int>> BySource { get; private init; } = [];

    /// <summary>Gets the leads per action in the marketplace's words (<see cref="DueList.ActionName"/>: <i>Contact me</i>, test drive …), the most first.</summary>
    public IReadOnlyList<KeyValuePair<string, int>> ByAction { get; private init; } = [];

    /// <summary>Computes a report.</summary>
    /// <param name="planner">The planner; its clock is the report's time.</param>
    /// <param name="profiles">Every customer profile, test customers included.</param>
    /// <param name="possibleDuplicates">The possible duplicates waiting for review.</param>
    /// <param name="log">The touches recorded.</param>
    /// <param name="holds">The customers held for review, or <see langword="null"/> to work them out from <paramref name="possibleDuplicates"/>.</param>
    /// <param name="asOf">The time the report is as of (the planner's now).</param>
    /// <returns>The report.</returns>
    /// <exception cref="ArgumentNullException">An argument but <paramref name="holds"/> is <see langword="null"/>.</exception>
    public static LeadReport Create(IFollowUpPlanner planner, IEnumerable<CustomerProfile> profiles, IEnumerable<PossibleDuplicate> possibleDuplicates, FollowUpLog log, DoNotContactHolds? holds, DateTimeOffset asOf)
    {
        ArgumentNullException.ThrowIfNull(planner);
        ArgumentNullException.ThrowIfNull(profiles);
        ArgumentNullException.ThrowIfNull(possibleDuplicates);
        ArgumentNullException.ThrowIfNull(log);
        var all = profiles.ToList();
        var pairs = possibleDuplicates.ToList();
        holds ??= DoNotContactHolds.Create(all, pairs);
        var customers = all.Where(static p => !p.IsTest).ToList();
        var leads = customers.SelectMany(static p => p.Leads).ToList();
        var actions = leads.GroupBy(static l => l.Id).ToDictionary(static g => g.Key, static g => g.First().Action);
        var overdue = planner.Overdue(customers, log, holds);
        var contactMe = overdue.Where(t => t.LeadId is { } id && actions.GetValueOrDefault(id) == LeadAction.PartnerLedTrial).ToList();
        var funnel = FunnelReport.ByOffer(customers).OrderBy(static f => f.Offer.ToString(), StringComparer.Ordinal).ToList();
        return new LeadReport
        {
            AsOf = asOf,
            Leads = leads.Count,
            TestLeads = all.Where(static p => p.IsTest).Sum(static p => p.Leads.Count),
            Customers = customers.Count,
            DuplicatesMerged = leads.Count - customers.Count,
            PossibleDuplicates = pairs.Count,
            DoNotContact = customers.Count(static p => p.DoNotContact),
            HeldForReview = holds.Count,
            ResponsesDue = planner.Due(customers, log, holds).Count,
            ResponsesOverdue = overdue.Count,
            ContactMeOverdue = contactMe.Count,
            ContactMeOverdueByAge = [.. AgeBuckets.Select((bucket, i) => KeyValuePair.Create(bucket.Label, contactMe.Count(t =>
            {
                var late = asOf - t.DueAt;
                return late < bucket.Below && (i == 0 || late >= AgeBuckets[i - 1].Below);
            })))],
            TouchesDue = planner.NextTouchesDue(customers, log, holds).Count,
            Funnel = funnel,
            FunnelCustomerOffers = funnel.Sum(static f => f.Customers),
            BySource = Count(leads, static l => l.Source.ToString()),
            ByAction = Count(leads, static l => DueList.ActionName(l.Action)),
        };
    }

    private static List<KeyValuePair<string, int>> Count(IEnumerable<Lead> leads, Func<Lead, string> key) =>
        [.. leads.GroupBy(key, StringComparer.Ordinal).Select(static g => KeyValuePair.Create(g.Key, g.Count())).OrderByDescending(static p => p.Value).ThenBy(static p => p.Key, StringComparer.Ordinal)];
}
