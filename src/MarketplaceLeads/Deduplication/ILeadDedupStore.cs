using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace MarketplaceLeads.Deduplication;

/// <summary>
/// Holds incremental de-duplication's state: which leads were seen, the profiles, the blocking
/// index and the possible duplicates. The in-memory store is the default; a durable or shared store
/// implements this interface.
/// </summary>
/// <remarks>
/// <see cref="ILeadDeduplicator"/> calls a store from one operation at a time (it serialises
/// <see cref="ILeadDeduplicator.AddAsync"/>), but <see cref="GetProfilesAsync"/> and
/// <see cref="GetPossibleDuplicatesAsync"/> may run alongside: implementations must be safe for that.
/// A store shared by several processes must make <see cref="SaveAsync"/> atomic.
/// </remarks>
public interface ILeadDedupStore
{
    /// <summary>Finds the profile that holds a lead, to recognise a redelivery.</summary>
    /// <param name="leadId">The lead's id.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>The current profile holding the lead, or <see langword="null"/> when the lead was never saved.</returns>
    ValueTask<CustomerProfile?> FindProfileByLeadAsync(LeadId leadId, CancellationToken cancellationToken = default);

    /// <summary>Finds the leads filed under any of the keys, each with its current profile, and counts the entries filed under each key.</summary>
    /// <param name="blockingKeys">The key hashes (<see cref="BlockingKeys.Hashes"/>).</param>
    /// <param name="maxProfilesPerKey">A key filed by more profiles than this gives no candidates: it identifies no one. Its count is still reported (as this + 1).</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>The candidates, and the number of entries per key (counted up to <paramref name="maxProfilesPerKey"/> + 1).</returns>
    ValueTask<DedupLookup> FindCandidatesAsync(IReadOnlyList<ulong> blockingKeys, int maxProfilesPerKey, CancellationToken cancellationToken = default);

    /// <summary>Saves the outcome of one lead, atomically: the lead belongs to <see cref="DedupStoreUpdate.Profile"/>, which replaces its earlier version and every profile in <see cref="DedupStoreUpdate.MergedProfiles"/> (their leads, keys and possible duplicates now refer to it); the lead is filed under its keys (unless its profile is already filed under a key); the possible duplicates are added, keeping the highest score per pair and dropping pairs now inside one profile.</summary>
    /// <param name="update">The update.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>A task that completes when the update is durable (as durable as the store is).</returns>
    ValueTask SaveAsync(DedupStoreUpdate update, CancellationToken cancellationToken = default);

    /// <summary>Enumerates the current profiles.</summary>
    /// <param name="cancellationToken">A token to cancel the enumeration.</param>
    /// <returns>The profiles, in no particular order.</returns>
    IAsyncEnumerable<CustomerProfile> GetProfilesAsync(CancellationToken cancellationToken = default);

    /// <summary>Enumerates the current possible duplicates.</summary>
    /// <param name="cancellationToken">A token to cancel the enumeration.</param>
    /// <returns>The pairs, in no particular order.</returns>
    IAsyncEnumerable<PossibleDuplicate> GetPossibleDuplicatesAsync(CancellationToken cancellationToken = default);
}
