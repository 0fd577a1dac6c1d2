using System.Collections.Generic;

namespace MarketplaceLeads.Deduplication;

/// <summary>The result of de-duplicating a batch of leads: one profile per person, and the pairs that may be the same person.</summary>
public sealed class DeduplicationResult
{
    internal DeduplicationResult(IReadOnlyList<CustomerProfile> profiles, IReadOnlyList<PossibleDuplicate> possibleDuplicates, int leadCount, int redeliveries, long comparisons, int oversizedBlocks)
    {
        Profiles = profiles;
        PossibleDuplicates = possibleDuplicates;
        LeadCount = leadCount;
        Redeliveries = redeliveries;
        Comparisons = comparisons;
        OversizedBlocks = oversizedBlocks;
    }

    /// <summary>Gets the profiles, ordered by their first lead (time, then id).</summary>
    public IReadOnlyList<CustomerProfile> Profiles { get; }

    /// <summary>Gets the possible duplicates, ordered by profile ids.</summary>
    public IReadOnlyList<PossibleDuplicate> PossibleDuplicates { get; }

    /// <summary>Gets the number of distinct leads (by <see cref="LeadId"/>).</summary>
    public int LeadCount { get; }

    /// <summary>Gets the number of leads that repeated an earlier lead's id, or were the later copy of a lead of the same profile from the other channel (HTTPS endpoint and Partner Center: a <see cref="DeduplicationOutcome.Redelivery"/>), and were left out of the profiles.</summary>
    public int Redeliveries { get; }

    /// <summary>Gets the number of strategy comparisons made: a measure of the work blocking left.</summary>
    public long Comparisons { get; }

    /// <summary>Gets the number of blocking keys shared by more profiles than <see cref="DeduplicationOptions.MaxBlockSize"/>, which were ignored as not identifying anyone (a switchboard number, <c>test@test.com</c>).</summary>
    public int OversizedBlocks { get; }
}
