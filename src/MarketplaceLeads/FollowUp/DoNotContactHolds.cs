using System;
using System.Collections.Frozen;
using System.Collections.Generic;
using MarketplaceLeads.Deduplication;

namespace MarketplaceLeads.FollowUp;

/// <summary>
/// The customers held back from follow-up because they may be the same person as a do-not-contact customer: each
/// profile that is one side of a <see cref="PossibleDuplicate"/> whose other side said do not contact. A held customer
/// gets no due, overdue or nurture task and no overdue notification until someone reviews the pair (accept: one
/// do-not-contact customer; reject or split: two people, and the hold ends).
/// </summary>
/// <remarks>
/// Do not contact covers the person, on every offer, for good (<see cref="CustomerProfile.DoNotContact"/> is sticky).
/// When identity is uncertain the planner errs on the side of not contacting: a person who asked not to be contacted
/// must never be contacted because their request landed in a second profile.
/// </remarks>
public sealed class DoNotContactHolds
{
    private readonly FrozenDictionary<CustomerProfileId, CustomerProfileId> _heldBy;

    private DoNotContactHolds(FrozenDictionary<CustomerProfileId, CustomerProfileId> heldBy) => _heldBy = heldBy;

    /// <summary>Gets the holds of a store without possible duplicates: no customer is held.</summary>
    public static DoNotContactHolds None { get; } = new(FrozenDictionary<CustomerProfileId, CustomerProfileId>.Empty);

    /// <summary>Gets the number of customers held back.</summary>
    public int Count => _heldBy.Count;

    /// <summary>Gets the customers held back.</summary>
    public IReadOnlyCollection<CustomerProfileId> Held => _heldBy.Keys;

    /// <summary>Finds the customers held back: those of a possible duplicate whose other profile said do not contact.</summary>
    /// <param name="profiles">The current profiles (to know which said do not contact).</param>
    /// <param name="possibleDuplicates">The possible duplicates waiting for review (<see cref="ILeadDeduplicationStore.GetPossibleDuplicatesAsync"/>, <see cref="DeduplicationResult.PossibleDuplicates"/>).</param>
    /// <returns>The holds.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="profiles"/> or <paramref name="possibleDuplicates"/> is <see langword="null"/>.</exception>
    public static DoNotContactHolds Create(IEnumerable<CustomerProfile> profiles, IEnumerable<PossibleDuplicate> possibleDuplicates)
    {
        ArgumentNullException.ThrowIfNull(profiles);
        ArgumentNullException.ThrowIfNull(possibleDuplicates);
        var doNotContact = new HashSet<CustomerProfileId>();
        foreach (var profile in profiles)
        {
            if (profile is { DoNotContact: true })
            {
                doNotContact.Add(profile.Id);
            }
        }

        if (doNotContact.Count == 0)
        {
            return None;
        }

        var heldBy = new Dictionary<CustomerProfileId, CustomerProfileId>();
        foreach (var pair in possibleDuplicates)
        {
            if (pair is null)
            {
                continue;
            }

            if (doNotContact.Contains(pair.Second) && !doNotContact.Contains(pair.First))
            {
                heldBy.TryAdd(pair.First, pair.Second);
            }

            if (doNotContact.Contains(pair.First) && !doNotContact.Contains(pair.Second))
            {
                heldBy.TryAdd(pair.Second, pair.First);
            }
        }

        return heldBy.Count == 0 ? None : new DoNotContactHolds(heldBy.ToFrozenDictionary());
    }

    /// <summary>Returns whether a customer is held back.</summary>
    /// <param name="profileId">The customer's profile id.</param>
    /// <returns><see langword="true"/> when the customer may be the same person as a do-not-contact customer and the pair is not reviewed yet.</returns>
    public bool IsHeld(CustomerProfileId profileId) => _heldBy.ContainsKey(profileId);

    /// <summary>Finds the do-not-contact customer a customer is held back for.</summary>
    /// <param name="profileId">The customer's profile id.</param>
    /// <param name="doNotContact">The do-not-contact profile of the pair (one of them, when there are several).</param>
    /// <returns><see langword="true"/> when the customer is held back.</returns>
    public bool TryGetHeldBy(CustomerProfileId profileId, out CustomerProfileId doNotContact) => _heldBy.TryGetValue(profileId, out doNotContact);
}
