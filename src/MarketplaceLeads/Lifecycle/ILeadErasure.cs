using System.Threading;
using System.Threading.Tasks;
using MarketplaceLeads.Deduplication;

namespace MarketplaceLeads.Lifecycle;

/// <summary>
/// The customer's data lifecycle for a pipeline: erasure of a customer (GDPR article 17) from every store the pipeline uses,
/// and the retention periods of raw payloads and dead letters. Resolved from the service provider like
/// <see cref="Delivery.ILeadPipeline"/> (keyed by name for a named pipeline).
/// </summary>
/// <remarks>
/// An erasure takes the pipeline's dispatch turn, so that it runs between two leads. It finds the customer's profiles in the
/// de-duplication store, then tells every store and sink that implements <see cref="ILeadErasureSink"/>: the journal, the
/// de-duplication store, the sinks, the dead-letter sink and the follow-up store. The journal keeps each erased lead's id (a
/// hash of what was delivered) as a tombstone, so a re-delivery of the same lead is recognised and not stored again; a new
/// lead from the same person afterwards is a new request and is accepted.
/// </remarks>
public interface ILeadErasure
{
    /// <summary>Erases every profile that holds an e-mail address, with all their leads.</summary>
    /// <param name="email">The customer's e-mail address (compared normalised).</param>
    /// <param name="cancellationToken">Cancels the erasure (what a store removed already stays removed; run it again).</param>
    /// <returns>The receipt: ids and counts only.</returns>
    /// <exception cref="System.ArgumentException"><paramref name="email"/> is empty.</exception>
    Task<ErasureReceipt> EraseCustomerAsync(string email, CancellationToken cancellationToken = default);

    /// <summary>Erases one profile with all its leads.</summary>
    /// <param name="profileId">The profile's id.</param>
    /// <param name="cancellationToken">Cancels the erasure (what a store removed already stays removed; run it again).</param>
    /// <returns>The receipt: ids and counts only.</returns>
    Task<ErasureReceipt> EraseCustomerAsync(CustomerProfileId profileId, CancellationToken cancellationToken = default);

    /// <summary>Drops raw payloads and dead letters older than <see cref="MarketplaceLeadsOptions.RawPayloadRetention"/> and <see cref="MarketplaceLeadsOptions.DeadLetterRetention"/> in every store that keeps them.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>What was dropped.</returns>
    Task<RetentionReceipt> ApplyRetentionAsync(CancellationToken cancellationToken = default);
}
