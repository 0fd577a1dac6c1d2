using System;
using System.Collections.Generic;
using System.Linq;
using MarketplaceLeads.Deduplication;

namespace MarketplaceLeads.FollowUp;

/// <summary>
/// The due list a salesperson works: one row per customer and offer, never the same customer twice for one offer, most
/// urgent first. A customer with an open request (<em>Contact me</em>, a test drive, a trial, <em>Get it now</em>) gets a reply
/// row and no nurture row: the reply is the first touch, and the cadence moves on from it once it is recorded.
/// </summary>
/// <remarks>
/// <see cref="Due"/> lists replies still within their deadline (the soonest deadline first), then nurture touches (the
/// earliest first); <see cref="Overdue"/> lists the replies whose every open request is past its deadline (the oldest
/// first). Neither lists a do-not-contact or test customer, nor one held for review (<see cref="DoNotContactHolds"/>).
/// </remarks>
public static class DueList
{
    /// <summary>Lists the rows due now: replies within their deadline, then nurture touches.</summary>
    /// <param name="planner">The planner (its clock is "now").</param>
    /// <param name="profiles">The customers.</param>
    /// <param name="log">The touches recorded so far.</param>
    /// <param name="holds">The customers held for review, or <see langword="null"/>.</param>
    /// <returns>The rows, most urgent first.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="planner"/>, <paramref name="profiles"/> or <paramref name="log"/> is <see langword="null"/>.</exception>
    public static IReadOnlyList<DueItem> Due(IFollowUpPlanner planner, IEnumerable<CustomerProfile> profiles, FollowUpLog log, DoNotContactHolds? holds = null)
    {
        var rows = Build(planner, profiles, log, holds);
        return [.. rows.Where(static r => r.Kind == FollowUpTaskKind.Respond && !r.IsOverdue).OrderBy(static r => r.DueAt).ThenBy(static r => r.ProfileId).ThenBy(static r => r.Offer.ToString(), StringComparer.Ordinal)
            .Concat(rows.Where(static r => r.Kind == FollowUpTaskKind.Touch).OrderBy(static r => r.DueAt).ThenBy(static r => r.ProfileId).ThenBy(static r => r.Offer.ToString(), StringComparer.Ordinal))];
    }

    /// <summary>Lists the replies that are overdue: customers and offers whose every open request is past its deadline, the oldest first.</summary>
    /// <param name="planner">The planner (its clock is "now").</param>
    /// <param name="profiles">The customers.</param>
    /// <param name="log">The touches recorded so far.</param>
    /// <param name="holds">The customers held for review, or <see langword="null"/>.</param>
    /// <returns>The rows, the longest overdue first.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="planner"/>, <paramref name="profiles"/> or <paramref name="log"/> is <see langword="null"/>.</exception>
    public static IReadOnlyList<DueItem> Overdue(IFollowUpPlanner planner, IEnumerable<CustomerProfile> profiles, FollowUpLog log, DoNotContactHolds? holds = null) =>
        [.. Build(planner, profiles, log, holds).Where(static r => r.Kind == FollowUpTaskKind.Respond && r.IsOverdue).OrderBy(static r => r.DueAt).ThenBy(static r => r.ProfileId).ThenBy(static r => r.Offer.ToString(), StringComparer.Ordinal)];

    /// <summary>Returns a lead action in the marketplace's words, as a salesperson knows it.</summary>
    /// <param name="action">The action.</param>
    /// <returns><c>Contact me</c>, <c>Test drive</c>, <c>Trial or purchase</c> (created in the Azure portal), <c>Get it now</c>, <c>Do not contact</c> or <c>Other</c>.</returns>
    public static string ActionName(LeadAction action) => action switch
    {
        LeadAction.PartnerLedTrial => "Contact me",
        LeadAction.StartTestDrive => "Test drive",
        LeadAction.Create => "Trial or purchase",
        LeadAction.Install => "Get it now",
        LeadAction.DoNotContact => "Do not contact",
        _ => "Other",
    };

    private static List<DueItem> Build(IFollowUpPlanner planner, IEnumerable<CustomerProfile> profiles, FollowUpLog log, DoNotContactHolds? holds)
    {
        ArgumentNullException.ThrowIfNull(planner);
        ArgumentNullException.ThrowIfNull(profiles);
        ArgumentNullException.ThrowIfNull(log);
        var list = profiles as IReadOnlyCollection<CustomerProfile> ?? [.. profiles];
        var byId = new Dictionary<CustomerProfileId, CustomerProfile>();
        foreach (var profile in list)
        {
            if (profile is not null)
            {
                byId[profile.Id] = profile;
            }
        }

        var groups = new Dictionary<(CustomerProfileId, MarketplaceOffer), List<FollowUpTask>>();
        void Add(IEnumerable<FollowUpTask> tasks)
        {
            foreach (var task in tasks)
            {
                var key = (task.ProfileId, task.Offer);
                (groups.TryGetValue(key, out var group) ? group : groups[key] = []).Add(task);
            }
        }

        Add(planner.Due(list, log, holds));
        Add(planner.Overdue(list, log, holds));
        Add(planner.NextTouchesDue(list, log, holds));
        var rows = new List<DueItem>(groups.Count);
        foreach (var ((profileId, offer), tasks) in groups)
        {
            var profile = byId[profileId];
            // On-time requests first (soonest deadline first), then the overdue ones (oldest first): the first is the one the row is due for.
            var replies = tasks.Where(static t => t.Kind == FollowUpTaskKind.Respond).OrderBy(static t => t.IsOverdue).ThenBy(static t => t.DueAt).ToList();
            var first = replies.Count > 0 ? replies[0] : tasks[0];
            var activity = profile.Offers.First(o => o.Offer == offer);
            var requests = replies.Where(static t => t.LeadId is not null).Select(static t => t.LeadId!.Value).ToList();
            var action = replies.Count > 0
                ? activity.Leads.First(l => l.Id == first.LeadId).Action
                : first.Context.LastAction;
            rows.Add(new DueItem
            {
                Kind = replies.Count > 0 ? FollowUpTaskKind.Respond : FollowUpTaskKind.Touch,
                ProfileId = profileId,
                Offer = offer,
                OfferTitle = first.Context.Offer.Title,
                Stage = first.Stage,
                DueAt = first.DueAt,
                IsOverdue = first.IsOverdue,
                Action = ActionName(action),
                Requests = requests,
                OverdueRequests = replies.Count(static t => t.IsOverdue),
                Touch = replies.Count > 0 ? null : first.Touch,
                Phone = profile.Customer.PhoneE164 ?? profile.Customer.Phone,
                Notes = [.. activity.Leads.Select(static l => l.Description?.Trim()).Where(static d => !string.IsNullOrEmpty(d)).Distinct(StringComparer.Ordinal)!],
                Context = first.Context,
                Qualification = first.Qualification,
            });
        }

        return rows;
    }
}
