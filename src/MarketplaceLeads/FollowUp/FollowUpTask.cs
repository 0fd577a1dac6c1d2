using System;
using MarketplaceLeads.Deduplication;

namespace MarketplaceLeads.FollowUp;

/// <summary>One thing to do now for a customer and offer, with what a message needs to say.</summary>
public sealed record FollowUpTask
{
    /// <summary>Gets what to do.</summary>
    public required FollowUpTaskKind Kind { get; init; }

    /// <summary>Gets the customer.</summary>
    public required CustomerProfileId ProfileId { get; init; }

    /// <summary>Gets the offer.</summary>
    public required MarketplaceOffer Offer { get; init; }

    /// <summary>Gets the stage whose cadence a touch belongs to (the furthest reached on the offer).</summary>
    public required FunnelStage Stage { get; init; }

    /// <summary>Gets when the task is due: the response deadline, or the touch's due time.</summary>
    public required DateTimeOffset DueAt { get; init; }

    /// <summary>Gets a value indicating whether the task is past <see cref="DueAt"/> at the time of planning (for a response, past its deadline).</summary>
    public required bool IsOverdue { get; init; }

    /// <summary>Gets the lead to answer, for <see cref="FollowUpTaskKind.Respond"/>; otherwise <see langword="null"/>.</summary>
    public LeadId? LeadId { get; init; }

    /// <summary>Gets the touch's number and count, for <see cref="FollowUpTaskKind.Touch"/>; otherwise <see langword="null"/>.</summary>
    public ScheduledTouch? Touch { get; init; }

    /// <summary>Gets the facts a message needs.</summary>
    public required PersonalizationContext Context { get; init; }

    /// <summary>Gets the outcome of the configured qualification rules for the customer.</summary>
    public required QualificationResult Qualification { get; init; }
}
