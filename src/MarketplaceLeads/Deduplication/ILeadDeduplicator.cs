using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace MarketplaceLeads.Deduplication;

/// <summary>De-duplicates leads into customer profiles: incrementally, one lead at a time against a store, or a whole batch at once; explains each decision and takes review decisions (accept, reject, split) on the store's profiles.</summary>
public interface ILeadDeduplicator
{
    /// <summary>Gets the store that holds the incremental state.</summary>
    ILeadDeduplicationStore Store { get; }

    /// <summary>Takes in one lead: recognises a redelivery, joins the lead to the profile of the person it belongs to (merging profiles it shows to be one person) or starts a new one, and reports possible duplicates. Honours review decisions: profiles kept apart are never merged (a lead that matches both joins the better match only) and never raised as possible duplicates. Safe to call concurrently; calls are serialised.</summary>
    /// <param name="lead">The lead.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>What was decided, with the profile as it is now.</returns>
    ValueTask<DeduplicationDecision> AddAsync(Lead lead, CancellationToken cancellationToken = default);

    /// <summary>De-duplicates a batch of leads on its own: the store is neither read nor changed, so review decisions (kept-apart pairs, splits) do not apply. The result does not depend on the order of <paramref name="leads"/>. Batches may run concurrently with each other and with <see cref="AddAsync"/>; each uses one thread.</summary>
    /// <param name="leads">The leads; a repeated <see cref="LeadId"/> counts as a redelivery.</param>
    /// <returns>The profiles and possible duplicates.</returns>
    DeduplicationResult Deduplicate(IEnumerable<Lead> leads);

    /// <summary>Explains a lead: what was decided when it arrived and why (the reason and the match-weight waterfall), the profile it is in now, and the review decisions that touched it since.</summary>
    /// <param name="leadId">The lead's id.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>The record, or <see langword="null"/> when the store never saw the lead.</returns>
    ValueTask<LeadDecisionRecord?> ExplainAsync(LeadId leadId, CancellationToken cancellationToken = default);

    /// <summary>Lists the possible duplicates waiting for review, with both profiles as they are now: the pairs where either profile is do-not-contact first, then by score, highest first (then by profile ids).</summary>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>The queue.</returns>
    ValueTask<IReadOnlyList<ReviewQueueItem>> GetReviewQueueAsync(CancellationToken cancellationToken = default);

    /// <summary>Accepts that two profiles are one person: merges them (the one whose founding lead is earliest keeps its id; the profile is recomputed from the leads of both), and their pair leaves the review queue. Any two profiles may be merged this way, not only a possible duplicate.</summary>
    /// <param name="first">One profile.</param>
    /// <param name="second">The other profile.</param>
    /// <param name="reviewer">Who decided, for the log; optional.</param>
    /// <param name="comment">Why, for the log; optional.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>The merged profile and the id that ceased to exist.</returns>
    /// <exception cref="ArgumentException">The ids are the same, or a profile does not exist (the message names it).</exception>
    /// <exception cref="InvalidOperationException">The two profiles are kept apart (a review rejected the pair or split them), or one is a marketplace test lead.</exception>
    ValueTask<ReviewResult> AcceptAsync(CustomerProfileId first, CustomerProfileId second, string? reviewer = null, string? comment = null, CancellationToken cancellationToken = default);

    /// <summary>Rejects a pair: the two profiles are different people. They are kept apart from now on — never merged, never raised again, and a later lead that matches both joins only the better match — also after either is merged with a third profile. Their pair leaves the review queue. Any two profiles may be kept apart this way, not only a possible duplicate.</summary>
    /// <param name="first">One profile.</param>
    /// <param name="second">The other profile.</param>
    /// <param name="reviewer">Who decided, for the log; optional.</param>
    /// <param name="comment">Why, for the log; optional.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>The decision; no profile changes.</returns>
    /// <exception cref="ArgumentException">The ids are the same, or a profile does not exist (the message names it).</exception>
    ValueTask<ReviewResult> RejectAsync(CustomerProfileId first, CustomerProfileId second, string? reviewer = null, string? comment = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Splits a profile that holds more than one person: the given leads are moved out into a profile of their own, and the
    /// two are kept apart from now on, so that the next lead does not glue them back. The part that holds the profile's
    /// founding lead keeps the profile's id (usually the leads left behind; when the founding lead is among
    /// <paramref name="leads"/>, the leads moved); the other part is a new profile whose id is its earliest lead's. Both
    /// parts are recomputed from their leads (surviving values, e-mails and phones, do-not-contact, offers and stages);
    /// their blocking keys are filed again, possible duplicates raised by a moved lead follow it, and pairs kept apart from
    /// the profile stay with the part that keeps its id.
    /// </summary>
    /// <param name="profile">The profile to split.</param>
    /// <param name="leads">The leads to move out; each must be one of the profile's leads, and at least one must stay.</param>
    /// <param name="reviewer">Who decided, for the log; optional.</param>
    /// <param name="comment">Why, for the log; optional.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>The two parts (the one that kept the id first).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="leads"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The profile does not exist, <paramref name="leads"/> is empty, a lead is not in the profile, or every lead of the profile is listed (the message names the ids).</exception>
    ValueTask<ReviewResult> SplitAsync(CustomerProfileId profile, IEnumerable<LeadId> leads, string? reviewer = null, string? comment = null, CancellationToken cancellationToken = default);
}
