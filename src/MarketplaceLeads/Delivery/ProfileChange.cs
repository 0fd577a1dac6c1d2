using System.Collections.Generic;
using MarketplaceLeads.Deduplication;

namespace MarketplaceLeads.Delivery;

/// <summary>
/// What an <see cref="IProfileChangeSink"/> receives after a review changed profiles (an accept merged two, a split
/// moved leads out): the decision, the profiles as they are now with their leads, and the ids that ceased to exist.
/// Everything derived from a profile (do-not-contact, funnel stage, follow-ups) is to be recomputed from
/// <see cref="Profiles"/>; a reject changes no profile and is not delivered.
/// </summary>
public sealed class ProfileChange
{
    internal ProfileChange(ReviewAction action, IReadOnlyList<CustomerProfile> profiles, IReadOnlyList<CustomerProfileId> removedProfiles, bool isRedelivery)
    {
        Action = action;
        Profiles = profiles;
        RemovedProfiles = removedProfiles;
        IsRedelivery = isRedelivery;
    }

    /// <summary>Gets the review decision: what happened (<see cref="ReviewAction.Kind"/>), the profiles and leads it concerned, who decided, when and why.</summary>
    public ReviewAction Action { get; }

    /// <summary>Gets what happened: <see cref="ReviewKind.Accept"/> (two profiles merged) or <see cref="ReviewKind.Split"/> (leads moved out into a profile of their own).</summary>
    public ReviewKind Kind => Action.Kind;

    /// <summary>Gets the decision's position in the review log (<see cref="ReviewAction.Sequence"/>): changes reach a sink in this order, each once unless <see cref="IsRedelivery"/>.</summary>
    public long Sequence => Action.Sequence;

    /// <summary>Gets the profiles that hold the leads the review concerned, as they are now, each with every one of its leads: the merged profile of an accept; the two parts of a split (the one that kept its id first). A later review may have changed them again; its own change follows.</summary>
    public IReadOnlyList<CustomerProfile> Profiles { get; }

    /// <summary>Gets the ids of the profiles that ceased to exist (the profile an accept merged away): delete them, their leads are in <see cref="Profiles"/>.</summary>
    public IReadOnlyList<CustomerProfileId> RemovedProfiles { get; }

    /// <summary>Gets a value indicating whether the sink may have been told before: the change was sent again after a restart because the sink had not confirmed it. Applying a change twice gives the same result.</summary>
    public bool IsRedelivery { get; }

    /// <summary>Returns a description without personal data.</summary>
    /// <returns>The description.</returns>
    public override string ToString() =>
        $"ProfileChange {{ Sequence = {Sequence}, Kind = {Kind}, Profiles = [{string.Join(", ", ProfileIds())}], Removed = [{string.Join(", ", RemovedProfiles)}], IsRedelivery = {IsRedelivery} }}";

    private IEnumerable<CustomerProfileId> ProfileIds()
    {
        foreach (var profile in Profiles)
        {
            yield return profile.Id;
        }
    }
}
