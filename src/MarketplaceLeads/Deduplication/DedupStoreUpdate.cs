using System.Collections.Generic;

namespace MarketplaceLeads.Deduplication;

/// <summary>What <see cref="ILeadDedupStore.SaveAsync"/> must persist for one new lead.</summary>
/// <param name="Lead">The new lead.</param>
/// <param name="Subject">The lead's match subject.</param>
/// <param name="BlockingKeys">The key hashes to file the lead under (empty for test leads).</param>
/// <param name="Profile">The lead's profile, as it is now (new, or an earlier profile with the lead added).</param>
/// <param name="MergedProfiles">Profiles merged into <paramref name="Profile"/>, which cease to exist.</param>
/// <param name="PossibleDuplicates">Possible duplicates the lead raised.</param>
public sealed record DedupStoreUpdate(
    Lead Lead,
    LeadMatchSubject Subject,
    IReadOnlyList<ulong> BlockingKeys,
    CustomerProfile Profile,
    IReadOnlyList<CustomerProfileId> MergedProfiles,
    IReadOnlyList<PossibleDuplicate> PossibleDuplicates);
