using System.Collections.Generic;

namespace MarketplaceLeads.Deduplication;

/// <summary>What <see cref="ILeadDeduplicationStore.SaveReviewAsync"/> must persist for one review decision.</summary>
/// <param name="Action">The decision, to log for every lead of <paramref name="Profiles"/>.</param>
/// <param name="Profiles">The profiles as they are after the decision; each replaces its earlier version (or is new), and every lead it lists now belongs to it. For <see cref="ReviewKind.Accept"/>, the merged profile (<see cref="ReviewAction.First"/>); for <see cref="ReviewKind.Reject"/>, the two profiles, unchanged; for <see cref="ReviewKind.Split"/>, the part that kept its id, then the new part.</param>
/// <param name="BlockingKeys">For <see cref="ReviewKind.Split"/>, the key hashes of every lead of both parts: the store removes these leads from the keys they are filed under and files them again, in the order of <paramref name="Profiles"/> and their leads, one lead per profile per key. Empty otherwise.</param>
public sealed record DeduplicationReviewUpdate(
    ReviewAction Action,
    IReadOnlyList<CustomerProfile> Profiles,
    IReadOnlyDictionary<LeadId, IReadOnlyList<ulong>> BlockingKeys);
