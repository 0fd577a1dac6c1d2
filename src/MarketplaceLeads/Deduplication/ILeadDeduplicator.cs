using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace MarketplaceLeads.Deduplication;

/// <summary>De-duplicates leads into customer profiles: incrementally, one lead at a time against a store, or a whole batch at once.</summary>
public interface ILeadDeduplicator
{
    /// <summary>Gets the store that holds the incremental state.</summary>
    ILeadDedupStore Store { get; }

    /// <summary>Takes in one lead: recognises a redelivery, joins the lead to the profile of the person it belongs to (merging profiles it shows to be one person) or starts a new one, and reports possible duplicates. Safe to call concurrently; calls are serialised.</summary>
    /// <param name="lead">The lead.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>What was decided, with the profile as it is now.</returns>
    ValueTask<DeduplicationDecision> AddAsync(Lead lead, CancellationToken cancellationToken = default);

    /// <summary>De-duplicates a batch of leads on its own (the store is neither read nor changed). The result does not depend on the order of <paramref name="leads"/>. Batches may run concurrently with each other and with <see cref="AddAsync"/>; each uses one thread.</summary>
    /// <param name="leads">The leads; a repeated <see cref="LeadId"/> counts as a redelivery.</param>
    /// <returns>The profiles and possible duplicates.</returns>
    DeduplicationResult Deduplicate(IEnumerable<Lead> leads);
}
