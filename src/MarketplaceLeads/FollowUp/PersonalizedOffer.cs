using System;
using System.Collections.Generic;

namespace MarketplaceLeads.FollowUp;

/// <summary>One offer as a message would mention it.</summary>
public sealed record PersonalizedOffer
{
    /// <summary>Gets the offer.</summary>
    public required MarketplaceOffer Offer { get; init; }

    /// <summary>Gets the offer's display name, or <see langword="null"/> when no lead had one.</summary>
    public string? Title { get; init; }

    /// <summary>Gets the distinct actions the customer took on the offer, in the order first taken.</summary>
    public required IReadOnlyList<LeadAction> Actions { get; init; }

    /// <summary>Gets the furthest funnel stage reached on the offer.</summary>
    public required FunnelStage Stage { get; init; }

    /// <summary>Gets when the customer last acted on the offer.</summary>
    public required DateTimeOffset LastActionAt { get; init; }
}
