using System.Collections.Generic;

namespace MarketplaceLeads.Deduplication;

/// <summary>What a review changed (<see cref="ILeadDeduplicator.AcceptAsync"/>, <see cref="ILeadDeduplicator.RejectAsync"/>, <see cref="ILeadDeduplicator.SplitAsync"/>): what to tell those that hold copies of the profiles.</summary>
public sealed class ReviewResult
{
    internal ReviewResult(ReviewAction action, IReadOnlyList<CustomerProfile> profiles, IReadOnlyList<CustomerProfileId> removedProfiles)
    {
        Action = action;
        Profiles = profiles;
        RemovedProfiles = removedProfiles;
    }

    /// <summary>Gets the decision, as the store logged it.</summary>
    public ReviewAction Action { get; }

    /// <summary>Gets the profiles the review changed or created, as they are now, recomputed from their leads: the merged profile of an accept; the two parts of a split (the one that kept its id first); none for a reject, which changes no profile.</summary>
    public IReadOnlyList<CustomerProfile> Profiles { get; }

    /// <summary>Gets the ids of the profiles that ceased to exist: the profile an accept merged away; none for a reject or a split (a split's parts are the profile, under its id, and a new one).</summary>
    public IReadOnlyList<CustomerProfileId> RemovedProfiles { get; }

    /// <summary>Returns a description without personal data.</summary>
    /// <returns>The description.</returns>
    public override string ToString() => $"ReviewResult {{ Kind = {Action.Kind}, First = {Action.First}, Second = {Action.Second}, Profiles = {Profiles.Count}, Removed = {RemovedProfiles.Count} }}";
}
