using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using MarketplaceLeads.Deduplication;

namespace MarketplaceLeads.Delivery;

/// <summary>
/// Reviews a pipeline's de-duplication: explains decisions, lists the possible duplicates, and accepts, rejects or splits
/// profiles so that the pipeline's sinks are told (<see cref="IProfileChangeSink"/>). Resolved from the service provider
/// like <see cref="ILeadPipeline"/> (keyed by name for a named pipeline); it is the pipeline itself.
/// </summary>
/// <remarks>
/// A review waits for the lead being de-duplicated, if any; it is durable in the de-duplication store when the call
/// returns, and the sinks that keep profiles are told after the leads they already have — after a restart if the
/// process stops first. The members mirror <see cref="ILeadDeduplicator"/>'s, with the same arguments and exceptions;
/// reviewing through the <see cref="ILeadDeduplicator"/> directly changes the store, and the sinks are told only at the
/// pipeline's next start or review.
/// </remarks>
public interface ILeadReview
{
    /// <summary>Explains a lead: what was decided when it arrived and why, the profile it is in now, and the review decisions that touched it since.</summary>
    /// <param name="leadId">The lead's id.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>The record, or <see langword="null"/> when the de-duplication store never saw the lead.</returns>
    ValueTask<LeadDecisionRecord?> ExplainAsync(LeadId leadId, CancellationToken cancellationToken = default);

    /// <summary>Lists the possible duplicates waiting for review, do-not-contact pairs first, then by score (<see cref="ILeadDeduplicator.GetReviewQueueAsync"/>).</summary>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>The queue.</returns>
    ValueTask<IReadOnlyList<ReviewQueueItem>> GetReviewQueueAsync(CancellationToken cancellationToken = default);

    /// <summary>Accepts that two profiles are one person (<see cref="ILeadDeduplicator.AcceptAsync"/>) and tells the sinks.</summary>
    /// <param name="first">One profile.</param>
    /// <param name="second">The other profile.</param>
    /// <param name="reviewer">Who decided, for the log; optional.</param>
    /// <param name="comment">Why, for the log; optional.</param>
    /// <param name="cancellationToken">A token to cancel waiting for the pipeline.</param>
    /// <returns>The merged profile and the id that ceased to exist.</returns>
    /// <exception cref="System.ArgumentException">The ids are the same, or a profile does not exist (the message names it).</exception>
    /// <exception cref="System.InvalidOperationException">The two profiles are kept apart, or one is a marketplace test lead.</exception>
    /// <exception cref="System.ObjectDisposedException">The pipeline has been stopped.</exception>
    ValueTask<ReviewResult> AcceptAsync(CustomerProfileId first, CustomerProfileId second, string? reviewer = null, string? comment = null, CancellationToken cancellationToken = default);

    /// <summary>Rejects a pair: the two profiles are different people, kept apart from now on (<see cref="ILeadDeduplicator.RejectAsync"/>). No profile changes, so the sinks are told nothing.</summary>
    /// <param name="first">One profile.</param>
    /// <param name="second">The other profile.</param>
    /// <param name="reviewer">Who decided, for the log; optional.</param>
    /// <param name="comment">Why, for the log; optional.</param>
    /// <param name="cancellationToken">A token to cancel waiting for the pipeline.</param>
    /// <returns>The decision.</returns>
    /// <exception cref="System.ArgumentException">The ids are the same, or a profile does not exist (the message names it).</exception>
    /// <exception cref="System.ObjectDisposedException">The pipeline has been stopped.</exception>
    ValueTask<ReviewResult> RejectAsync(CustomerProfileId first, CustomerProfileId second, string? reviewer = null, string? comment = null, CancellationToken cancellationToken = default);

    /// <summary>Splits a profile that holds more than one person: the given leads move out into a profile of their own, kept apart from the rest (<see cref="ILeadDeduplicator.SplitAsync"/>); the sinks are told.</summary>
    /// <param name="profile">The profile to split.</param>
    /// <param name="leads">The leads to move out; each must be one of the profile's leads, and at least one must stay.</param>
    /// <param name="reviewer">Who decided, for the log; optional.</param>
    /// <param name="comment">Why, for the log; optional.</param>
    /// <param name="cancellationToken">A token to cancel waiting for the pipeline.</param>
    /// <returns>The two parts (the one that kept the id first).</returns>
    /// <exception cref="System.ArgumentNullException"><paramref name="leads"/> is <see langword="null"/>.</exception>
    /// <exception cref="System.ArgumentException">The profile does not exist, <paramref name="leads"/> is empty, a lead is not in the profile, or every lead of the profile is listed (the message names the ids).</exception>
    /// <exception cref="System.ObjectDisposedException">The pipeline has been stopped.</exception>
    ValueTask<ReviewResult> SplitAsync(CustomerProfileId profile, IEnumerable<LeadId> leads, string? reviewer = null, string? comment = null, CancellationToken cancellationToken = default);
}
