using System.Collections.Generic;

namespace MarketplaceLeads.Deduplication;

/// <summary>What <see cref="ILeadDeduplicator.AddAsync"/> decided for one lead.</summary>
public sealed class DeduplicationDecision
{
    internal DeduplicationDecision(Lead lead, DeduplicationOutcome outcome, CustomerProfile profile, string? reason, IReadOnlyList<CustomerProfileId> mergedProfiles, IReadOnlyList<PossibleDuplicate> possibleDuplicates)
    {
        Lead = lead;
        Outcome = outcome;
        Profile = profile;
        Reason = reason;
        MergedProfiles = mergedProfiles;
        PossibleDuplicates = possibleDuplicates;
    }

    /// <summary>Gets the lead.</summary>
    public Lead Lead { get; }

    /// <summary>Gets what happened.</summary>
    public DeduplicationOutcome Outcome { get; }

    /// <summary>Gets the profile the lead belongs to, as it is after this lead.</summary>
    public CustomerProfile Profile { get; }

    /// <summary>Gets why the lead joined its profile (the strategy's reason); <see langword="null"/> unless <see cref="Outcome"/> is <see cref="DeduplicationOutcome.JoinedProfile"/>.</summary>
    public string? Reason { get; }

    /// <summary>Gets the ids of other profiles that this lead showed to be the same person and that were merged into <see cref="Profile"/> (they no longer exist).</summary>
    public IReadOnlyList<CustomerProfileId> MergedProfiles { get; }

    /// <summary>Gets the possible duplicates this lead raised between its profile and others.</summary>
    public IReadOnlyList<PossibleDuplicate> PossibleDuplicates { get; }

    /// <summary>Returns a description without personal data.</summary>
    /// <returns>The description.</returns>
    public override string ToString() =>
        $"DeduplicationDecision {{ Lead = {Lead.Id}, Outcome = {Outcome}, Profile = {Profile.Id}, Merged = {MergedProfiles.Count}, PossibleDuplicates = {PossibleDuplicates.Count} }}";
}
