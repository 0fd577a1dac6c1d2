using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace MarketplaceLeads.Delivery;

/// <summary>
/// An optional capability of an <see cref="ILeadSink"/> that keeps copies of profiles: the pipeline tells it when a review
/// (<see cref="ILeadReview"/>) merged or split profiles, so that what it derived from them — do-not-contact, funnel stage,
/// follow-ups — is recomputed and a stranger's do-not-contact does not stick to anyone.
/// </summary>
/// <remarks>
/// <para>
/// Changes go through the same worker as the sink's leads, in order: a change reaches the sink after every lead it
/// concerns that was de-duplicated before the review, and changes arrive in review order. Retries, back-off,
/// time-outs and dead letters (<see cref="LeadDeadLetterKind.ProfileChangeFailed"/>) work as for leads.
/// </para>
/// <para>
/// Delivery is at least once: the review is durable in the de-duplication store when the call returns, and the journal keeps
/// the last change each sink confirmed (<see cref="ILeadJournal.GetProfileChangeProgressAsync"/>); a pipeline that starts
/// sends the changes a sink has not confirmed, flagged with <see cref="ProfileChange.IsRedelivery"/>. Apply a change as an
/// upsert of its profiles (and a delete of <see cref="ProfileChange.RemovedProfiles"/>), so that applying it twice does no harm.
/// </para>
/// </remarks>
public interface IProfileChangeSink : ILeadSink
{
    /// <summary>Writes a batch of profile changes.</summary>
    /// <param name="changes">The changes, in review order; never empty. Valid only until the returned task completes.</param>
    /// <param name="cancellationToken">Signalled when the attempt times out or the pipeline stops without draining.</param>
    /// <returns>A task that completes when every change in the batch is written.</returns>
    ValueTask WriteProfileChangesAsync(IReadOnlyList<ProfileChange> changes, CancellationToken cancellationToken);
}
