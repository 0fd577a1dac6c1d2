using System;
using MarketplaceLeads.Deduplication;

namespace MarketplaceLeads.FollowUp;

/// <summary>A contact the app made with a customer about an offer (an e-mail sent, a call made), as recorded in a <see cref="FollowUpLog"/>.</summary>
/// <remarks>A touch is matched to a profile by <see cref="ProfileId"/> or, after profiles merged, by any lead of the profile whose id is <see cref="CustomerProfileId.FirstLeadId"/>.</remarks>
public sealed record FollowUpTouch
{
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

    /// <summary>Gets a value indicating whether the touch closes the offer's follow-up (disqualified, won, lost or closed).</summary>
    public bool Closes => Kind is TouchKind.Disqualified or TouchKind.Won or TouchKind.Lost or TouchKind.Closed;
}
