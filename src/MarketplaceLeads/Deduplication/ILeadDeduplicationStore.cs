using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace MarketplaceLeads.Deduplication;

/// <summary>
/// Holds incremental de-duplication's state: which leads were seen and what was decided for each, the profiles, the
/// blocking index, the possible duplicates, the pairs of profiles kept apart by review, and the log of review decisions.
/// The in-memory store is the default; a durable or shared store implements this interface.
/// </summary>
/// <remarks>
/// <see cref="ILeadDeduplicator"/> calls a store from one operation at a time (it serialises
/// <see cref="ILeadDeduplicator.AddAsync"/> and the review operations), but the enumerations and
/// <see cref="FindDecisionAsync"/> may run alongside: implementations must be safe for that.
/// A store shared by several processes must make <see cref="SaveAsync"/> and <see cref="SaveReviewAsync"/> atomic.
/// </remarks>
public interface ILeadDeduplicationStore
{
    /// <summary>Finds the profile that holds a lead, to recognise a redelivery.</summary>
    /// <param name="leadId">The lead's id.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>The current profile holding the lead, or <see langword="null"/> when the lead was never saved.</returns>
    ValueTask<CustomerProfile?> FindProfileByLeadAsync(LeadId leadId, CancellationToken cancellationToken = default);

    /// <summary>Finds a profile by its id.</summary>
    /// <param name="profileId">The profile's id.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>The profile, or <see langword="null"/> when no profile has this id (never had, or it was merged into another).</returns>
    ValueTask<CustomerProfile?> FindProfileAsync(CustomerProfileId profileId, CancellationToken cancellationToken = default);

    /// <summary>Finds the leads filed under any of the keys, each with its current profile, and counts the entries filed under each key.</summary>
    /// <param name="blockingKeys">The key hashes (<see cref="BlockingKeys.Hashes"/>).</param>
    /// <param name="maxProfilesPerKey">A key filed by more profiles than this gives no candidates: it identifies no one. Its count is still reported (as this + 1).</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>The candidates, and the number of entries per key (counted up to <paramref name="maxProfilesPerKey"/> + 1).</returns>
    ValueTask<DeduplicationLookup> FindCandidatesAsync(IReadOnlyList<ulong> blockingKeys, int maxProfilesPerKey, CancellationToken cancellationToken = default);

    /// <summary>Finds the pairs kept apart among some profiles (both of a pair in <paramref name="profiles"/>).</summary>
    /// <param name="profiles">The profiles' ids.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>The pairs, each once; empty when there are none (a store without review decisions answers this without work).</returns>
    ValueTask<IReadOnlyList<KeptApartPair>> FindKeptApartAsync(IReadOnlyList<CustomerProfileId> profiles, CancellationToken cancellationToken = default);

    /// <summary>Finds what was decided for a lead, where it is now, and the review decisions that touched it since.</summary>
    /// <param name="leadId">The lead's id.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>The record, or <see langword="null"/> when the lead was never saved.</returns>
    ValueTask<LeadDecisionRecord?> FindDecisionAsync(LeadId leadId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Saves the outcome of one lead, atomically: the lead belongs to <see cref="DeduplicationStoreUpdate.Profile"/>, which replaces
    /// its earlier version and every profile in <see cref="DeduplicationStoreUpdate.MergedProfiles"/> (their leads, keys, possible
    /// duplicates and kept-apart pairs now refer to it); the lead is filed under its keys (unless its profile is already
    /// filed under a key); the decision (outcome, profile, reason, explanation, merged profiles) is kept with the lead;
    /// the possible duplicates are added, keeping the highest score per pair and dropping pairs now inside one profile or
    /// kept apart.
    /// </summary>
    /// <param name="update">The update.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>A task that completes when the update is durable (as durable as the store is).</returns>
    ValueTask SaveAsync(DeduplicationStoreUpdate update, CancellationToken cancellationToken = default);

    /// <summary>
    /// Saves one review decision, atomically. Every profile in <see cref="DeduplicationReviewUpdate.Profiles"/> replaces its
    /// earlier version (or is new) and holds the leads it lists. Then, by <see cref="ReviewAction.Kind"/>:
    /// <list type="bullet">
    /// <item><description><see cref="ReviewKind.Accept"/>: <see cref="ReviewAction.Second"/> ceases to exist; its possible duplicates and kept-apart pairs now refer to <see cref="ReviewAction.First"/> (the highest score per pair kept); their pair leaves the possible duplicates.</description></item>
    /// <item><description><see cref="ReviewKind.Reject"/>: the two profiles are kept apart; their pair leaves the possible duplicates.</description></item>
    /// <item><description><see cref="ReviewKind.Split"/>: the possible duplicates of <see cref="ReviewAction.First"/> that a lead now in <see cref="ReviewAction.Second"/> raised now refer to <see cref="ReviewAction.Second"/>; the two are kept apart; the leads in <see cref="DeduplicationReviewUpdate.BlockingKeys"/> are filed again under their keys.</description></item>
    /// </list>
    /// Possible duplicates between profiles now kept apart are dropped, and the decision is logged for every lead of <see cref="DeduplicationReviewUpdate.Profiles"/> (<see cref="LeadDecisionRecord.Reviews"/>).
    /// </summary>
    /// <param name="update">The update.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>The decision's <see cref="ReviewAction.Sequence"/> in the review log (1 for the first decision saved, then one more for each), once the update is durable (as durable as the store is).</returns>
    ValueTask<long> SaveReviewAsync(DeduplicationReviewUpdate update, CancellationToken cancellationToken = default);

    /// <summary>Reads the log of review decisions after a position, oldest first, each with its <see cref="ReviewAction.Sequence"/> (1 for the first decision the store saved, then one more for each): what the lead pipeline reads to tell its sinks of the profiles a review changed, also after a restart.</summary>
    /// <param name="afterSequence">The position to read after: 0 for the whole log.</param>
    /// <param name="cancellationToken">A token to cancel the enumeration.</param>
    /// <returns>The decisions logged after <paramref name="afterSequence"/>, in the order they were saved.</returns>
    IAsyncEnumerable<ReviewAction> ReadReviewLogAsync(long afterSequence, CancellationToken cancellationToken = default);

    /// <summary>Enumerates the current profiles.</summary>
    /// <param name="cancellationToken">A token to cancel the enumeration.</param>
    /// <returns>The profiles, in no particular order.</returns>
    IAsyncEnumerable<CustomerProfile> GetProfilesAsync(CancellationToken cancellationToken = default);

    /// <summary>Enumerates the current possible duplicates.</summary>
    /// <param name="cancellationToken">A token to cancel the enumeration.</param>
    /// <returns>The pairs, in no particular order.</returns>
    IAsyncEnumerable<PossibleDuplicate> GetPossibleDuplicatesAsync(CancellationToken cancellationToken = default);

    /// <summary>Enumerates the pairs of profiles kept apart by review.</summary>
    /// <param name="cancellationToken">A token to cancel the enumeration.</param>
    /// <returns>The pairs, in no particular order.</returns>
    IAsyncEnumerable<KeptApartPair> GetKeptApartAsync(CancellationToken cancellationToken = default);
}
