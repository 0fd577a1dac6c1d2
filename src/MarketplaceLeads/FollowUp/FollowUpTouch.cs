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

    /// <summary>Gets a free-text note (a template name, a CRM activity id), or <see langword="null"/>.</summary>
    public string? Note { get; init; }
}
