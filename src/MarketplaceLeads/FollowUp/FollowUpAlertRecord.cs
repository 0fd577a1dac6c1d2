using System;

namespace MarketplaceLeads.FollowUp;

/// <summary>The stored state of one follow-up alert: one per lead and <see cref="FollowUpAlertKind"/>, so that it is raised once, even across restarts. It holds no personal data.</summary>
public sealed record FollowUpAlertRecord
{
    /// <summary>Gets the lead whose reply the alert is about.</summary>
    public required LeadId LeadId { get; init; }

    /// <summary>Gets the kind of alert.</summary>
    public required FollowUpAlertKind Kind { get; init; }

    /// <summary>Gets the reply's deadline.</summary>
    public required DateTimeOffset DueAt { get; init; }

    /// <summary>Gets when the alert was raised.</summary>
    public required DateTimeOffset RaisedAt { get; init; }

    /// <summary>Gets where the alert stands.</summary>
    public FollowUpAlertState State { get; init; } = FollowUpAlertState.Pending;
}
