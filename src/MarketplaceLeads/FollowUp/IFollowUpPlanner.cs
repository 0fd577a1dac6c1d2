using System;
using System.Collections.Generic;
using MarketplaceLeads.Deduplication;

namespace MarketplaceLeads.FollowUp;

/// <summary>
/// Plans follow-up for de-duplicated customers: the funnel per offer, response deadlines, the nurture
/// schedule and the tasks due now, with a do-not-contact customer never planned. The planner plans
/// and records; sending is the app's job. Time comes from the planner's <see cref="TimeProvider"/>; the
/// touches made so far come from the <see cref="FollowUpLog"/> the app stores.
/// </summary>
public interface IFollowUpPlanner
{
    /// <summary>Plans follow-up for one customer.</summary>
    /// <param name="profile">The customer.</param>
    /// <param name="log">The touches recorded so far.</param>
    /// <param name="holds">The customers held back (<see cref="DoNotContactHolds.Create"/>): a held customer's offers are <see cref="FollowUpStatus.HeldForReview"/>; <see langword="null"/> for none.</param>
    /// <returns>The plan, as of now.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="profile"/> or <paramref name="log"/> is <see langword="null"/>.</exception>
    FollowUpPlan Plan(CustomerProfile profile, FollowUpLog log, DoNotContactHolds? holds = null);

    /// <summary>Records that the customer was contacted about an offer now: the touch answers the offer's open response deadlines and moves its nurture schedule (the next touch is due the cadence interval after this one).</summary>
    /// <param name="log">The touches recorded so far.</param>
    /// <param name="profile">The customer.</param>
    /// <param name="offer">The offer; one of the profile's.</param>
    /// <param name="note">A free-text note, or <see langword="null"/>.</param>
    /// <returns>The log with the touch; <paramref name="log"/> is unchanged.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="log"/> or <paramref name="profile"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="offer"/> is not one of the profile's offers.</exception>
    /// <exception cref="InvalidOperationException">The customer said do not contact, or is a test lead.</exception>
    FollowUpLog RecordTouch(FollowUpLog log, CustomerProfile profile, MarketplaceOffer offer, string? note = null);

    /// <summary>Returns the leads that expect a response whose deadline has not passed yet (now ≤ <see cref="ResponseDeadline.RespondBy"/>), soonest first.</summary>
    /// <param name="profiles">The customers.</param>
    /// <param name="log">The touches recorded so far.</param>
    /// <param name="holds">The customers held back as possible duplicates of a do-not-contact customer (<see cref="DoNotContactHolds.Create"/>); they get no task. <see langword="null"/> only when the profiles come with no possible duplicates.</param>
    /// <returns>One <see cref="FollowUpTaskKind.Respond"/> task per lead; never one for a do-not-contact, held or test customer.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="profiles"/> or <paramref name="log"/> is <see langword="null"/>.</exception>
    IReadOnlyList<FollowUpTask> Due(IEnumerable<CustomerProfile> profiles, FollowUpLog log, DoNotContactHolds? holds = null);

    /// <summary>Returns the leads that expect a response whose deadline has passed unanswered (now &gt; <see cref="ResponseDeadline.RespondBy"/>), most overdue first.</summary>
    /// <param name="profiles">The customers.</param>
    /// <param name="log">The touches recorded so far.</param>
    /// <param name="holds">The customers held back as possible duplicates of a do-not-contact customer (<see cref="DoNotContactHolds.Create"/>); they get no task. <see langword="null"/> only when the profiles come with no possible duplicates.</param>
    /// <returns>One <see cref="FollowUpTaskKind.Respond"/> task per lead; never one for a do-not-contact, held or test customer.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="profiles"/> or <paramref name="log"/> is <see langword="null"/>.</exception>
    IReadOnlyList<FollowUpTask> Overdue(IEnumerable<CustomerProfile> profiles, FollowUpLog log, DoNotContactHolds? holds = null);

    /// <summary>Returns the leads that became overdue after <paramref name="since"/>: overdue now but not at <paramref name="since"/> (<paramref name="since"/> ≤ <see cref="ResponseDeadline.RespondBy"/> &lt; now). Poll it with the time of the previous call to raise an "overdue" event exactly once per lead.</summary>
    /// <param name="profiles">The customers.</param>
    /// <param name="log">The touches recorded so far.</param>
    /// <param name="since">The time of the previous check.</param>
    /// <param name="holds">The customers held back as possible duplicates of a do-not-contact customer (<see cref="DoNotContactHolds.Create"/>); they get no task. <see langword="null"/> only when the profiles come with no possible duplicates.</param>
    /// <returns>The newly overdue <see cref="FollowUpTaskKind.Respond"/> tasks, most overdue first.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="profiles"/> or <paramref name="log"/> is <see langword="null"/>.</exception>
    IReadOnlyList<FollowUpTask> NewlyOverdue(IEnumerable<CustomerProfile> profiles, FollowUpLog log, DateTimeOffset since, DoNotContactHolds? holds = null);

    /// <summary>Returns the nurture touches due now (now ≥ <see cref="ScheduledTouch.DueAt"/>), soonest due first, one per customer and offer.</summary>
    /// <param name="profiles">The customers.</param>
    /// <param name="log">The touches recorded so far.</param>
    /// <param name="holds">The customers held back as possible duplicates of a do-not-contact customer (<see cref="DoNotContactHolds.Create"/>); they get no task. <see langword="null"/> only when the profiles come with no possible duplicates.</param>
    /// <returns>The <see cref="FollowUpTaskKind.Touch"/> tasks; never one for a do-not-contact, held or test customer.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="profiles"/> or <paramref name="log"/> is <see langword="null"/>.</exception>
    IReadOnlyList<FollowUpTask> NextTouchesDue(IEnumerable<CustomerProfile> profiles, FollowUpLog log, DoNotContactHolds? holds = null);
}
