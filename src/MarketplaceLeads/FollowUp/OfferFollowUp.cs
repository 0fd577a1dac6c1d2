using System;
using System.Collections.Generic;

namespace MarketplaceLeads.FollowUp;

/// <summary>The follow-up of one customer and one offer: the funnel reached, the response deadlines, and the nurture schedule.</summary>
public sealed record OfferFollowUp
{
    /// <summary>Gets the offer; <see cref="MarketplaceOffer.IsEmpty"/> for leads that named none.</summary>
    public required MarketplaceOffer Offer { get; init; }

    /// <summary>Gets the offer's display name from the latest lead that had one, or <see langword="null"/>.</summary>
    public string? OfferTitle { get; init; }

    /// <summary>Gets the furthest funnel stage reached on the offer (<see cref="FunnelStage.Unknown"/> when none was).</summary>
    public required FunnelStage Stage { get; init; }

    /// <summary>Gets when <see cref="Stage"/> was reached, or <see langword="null"/> when it is <see cref="FunnelStage.Unknown"/>.</summary>
    public DateTimeOffset? StageReachedAt { get; init; }

    /// <summary>Gets each stage reached and when, in stage order.</summary>
    public required IReadOnlyList<FunnelStep> Funnel { get; init; }

    /// <summary>Gets the moves between consecutive stages reached, in stage order.</summary>
    public required IReadOnlyList<StageConversion> Conversions { get; init; }

    /// <summary>Gets the response deadline of each lead that expects contact, in time order; empty for a suppressed or test customer.</summary>
    public required IReadOnlyList<ResponseDeadline> Responses { get; init; }

    /// <summary>Gets where the nurture schedule stands.</summary>
    public required FollowUpStatus Status { get; init; }

    /// <summary>Gets how many touches of <see cref="Stage"/>'s cadence were recorded.</summary>
    public required int TouchesRecorded { get; init; }

    /// <summary>Gets the next touch when <see cref="Status"/> is <see cref="FollowUpStatus.Active"/>; otherwise <see langword="null"/>.</summary>
    public ScheduledTouch? NextTouch { get; init; }

    /// <summary>Gets the latest touch for the offer (any stage), or <see langword="null"/>.</summary>
    public DateTimeOffset? LastTouchAt { get; init; }
}
