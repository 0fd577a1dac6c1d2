using System.Collections.Generic;

namespace MarketplaceLeads.FollowUp;

/// <summary>The funnel of one offer over many customers: how many reached each stage, and how many moved between stages.</summary>
public sealed record OfferFunnel
{
    /// <summary>Gets the offer.</summary>
    public required MarketplaceOffer Offer { get; init; }

    /// <summary>Gets the offer's display name from the latest lead that had one, or <see langword="null"/>.</summary>
    public string? Title { get; init; }

    /// <summary>Gets how many customers acted on the offer (test customers excluded).</summary>
    public required int Customers { get; init; }

    /// <summary>Gets how many customers reached <see cref="FunnelStage.Interest"/> on the offer.</summary>
    public required int Interest { get; init; }

    /// <summary>Gets how many customers reached <see cref="FunnelStage.Trial"/> on the offer.</summary>
    public required int Trial { get; init; }

    /// <summary>Gets how many customers reached <see cref="FunnelStage.Acquisition"/> on the offer.</summary>
    public required int Acquisition { get; init; }

    /// <summary>Gets how many of <see cref="Customers"/> said do not contact (on any offer).</summary>
    public required int DoNotContact { get; init; }

    /// <summary>Gets the moves between consecutive stages reached, by pair of stages, in stage order.</summary>
    public required IReadOnlyList<StageConversionCount> Conversions { get; init; }
}
