using System;

namespace MarketplaceLeads.FollowUp;

/// <summary>The response service level of one lead that expects contact: when it must be answered, and whether it was.</summary>
public sealed record ResponseDeadline
{
    /// <summary>Gets the lead.</summary>
    public required Lead Lead { get; init; }

    /// <summary>Gets when the lead happened (created, else received): the start of the clock.</summary>
    public required DateTimeOffset LeadAt { get; init; }

    /// <summary>Gets the deadline: <see cref="LeadAt"/> plus the action's <see cref="FollowUpOptions.ResponseTimes">response time</see>.</summary>
    public required DateTimeOffset RespondBy { get; init; }

    /// <summary>Gets where the deadline stands at the time of planning.</summary>
    public required ResponseStatus Status { get; init; }

    /// <summary>Gets when the first touch for the offer at or after <see cref="LeadAt"/> was made, or <see langword="null"/> when none was.</summary>
    public DateTimeOffset? RespondedAt { get; init; }
}
