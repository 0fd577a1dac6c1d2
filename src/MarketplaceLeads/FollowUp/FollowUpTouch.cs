using System;
using System.Collections.Generic;
using System.Linq;
using MarketplaceLeads.Deduplication;

namespace MarketplaceLeads.FollowUp;

/// <summary>A contact the app made with a customer about an offer (an e-mail sent, a call made), as recorded in a <see cref="FollowUpLog"/>.</summary>
/// <remarks>
/// A touch belongs to the profile that holds every one of its <see cref="Leads"/> (the leads it was about), so it follows the
/// customer through de-duplication and reviews: after two profiles merge, the merged profile has both sides' touches; after a
/// split, each touch goes with the part that holds the leads it was about. When a split leaves those leads in different
/// profiles, the touch cannot be attributed and stays with the profile that holds the lead whose id is <see cref="ProfileId"/>
/// (the part that kept the original id); the other part starts fresh. A touch without <see cref="Leads"/> belongs to the
/// profile holding that lead.
/// </remarks>
public sealed record FollowUpTouch
{
    private IReadOnlyList<LeadId> _leads = [];

    /// <summary>Gets the profile the touch was made for.</summary>
    public required CustomerProfileId ProfileId { get; init; }

    /// <summary>Gets the offer the touch was about.</summary>
    public required MarketplaceOffer Offer { get; init; }

    /// <summary>Gets the funnel stage whose cadence the touch belongs to.</summary>
    public required FunnelStage Stage { get; init; }

    /// <summary>Gets when the touch was made.</summary>
    public required DateTimeOffset At { get; init; }

    /// <summary>Gets a free-text note (a template name, a CRM activity id, the reason for <see cref="TouchKind.Disqualified"/>), or <see langword="null"/>.</summary>
    public string? Note { get; init; }

    /// <summary>Gets what was done; <see cref="TouchKind.Emailed"/> unless set. <see cref="TouchKind.Disqualified"/>, <see cref="TouchKind.Won"/>, <see cref="TouchKind.Lost"/> and <see cref="TouchKind.Closed"/> close the offer's follow-up.</summary>
    public TouchKind Kind { get; init; }

    /// <summary>Gets who did it (a name or user id from your app), or <see langword="null"/>.</summary>
    public string? By { get; init; }

    /// <summary>Gets the leads the touch was about (<see cref="FollowUpLog.LeadsAbout"/>): the offer's requests it answered, or the offer's leads when it answered none; empty when not known (the touch then follows the lead whose id is <see cref="ProfileId"/>).</summary>
    /// <remarks><see cref="IFollowUpPlanner.RecordTouch"/> and the CLI's <c>touch</c> and <c>close</c> fill it; set it with <see cref="FollowUpLog.LeadsAbout"/> when you make a touch yourself. <see langword="null"/> is read as empty.</remarks>
    public IReadOnlyList<LeadId> Leads
    {
        get => _leads;
        init => _leads = value ?? [];
    }

    /// <summary>Gets a value indicating whether the touch closes the offer's follow-up (disqualified, won, lost or closed).</summary>
    public bool Closes => Kind is TouchKind.Disqualified or TouchKind.Won or TouchKind.Lost or TouchKind.Closed;

    /// <summary>Compares two touches field by field, <see cref="Leads"/> by their ids in order.</summary>
    /// <param name="other">The other touch.</param>
    /// <returns><see langword="true"/> when every field is equal.</returns>
    public bool Equals(FollowUpTouch? other) =>
        other is not null
        && ProfileId == other.ProfileId && Offer == other.Offer && Stage == other.Stage && At == other.At && Kind == other.Kind
        && string.Equals(Note, other.Note, StringComparison.Ordinal) && string.Equals(By, other.By, StringComparison.Ordinal)
        && _leads.SequenceEqual(other._leads);

    /// <summary>Returns a hash of the fields that <see cref="Equals(FollowUpTouch)"/> compares.</summary>
    /// <returns>The hash.</returns>
    public override int GetHashCode() => HashCode.Combine(ProfileId, Offer, Stage, At, Kind, Note, By, _leads.Count);
}
