using System.Globalization;

namespace MarketplaceLeads.FollowUp;

/// <summary>An alert for the team: a reply is due soon (<see cref="FollowUpAlertKind.Warning"/>) or late (<see cref="FollowUpAlertKind.Breach"/>). It carries what the team needs (the customer's name and company, the offer, the due time) for the configured destination only; its <see cref="ToString"/> holds no personal data.</summary>
public sealed record FollowUpAlert
{
    /// <summary>Gets the alert's id, the same on every delivery attempt (<c>lead id/kind</c>), for receivers that drop repeats.</summary>
    public string Id => string.Create(CultureInfo.InvariantCulture, $"{Task.LeadId}/{Kind}");

    /// <summary>Gets the kind of alert.</summary>
    public required FollowUpAlertKind Kind { get; init; }

    /// <summary>Gets the action of the lead to answer (<see cref="LeadAction.PartnerLedTrial"/> is <em>Contact me</em>).</summary>
    public required LeadAction Action { get; init; }

    /// <summary>Gets the reply task: its lead, customer, offer, <see cref="FollowUpTask.DueAt">due time</see> and personalisation context.</summary>
    public required FollowUpTask Task { get; init; }

    /// <summary>Gets the alert's id, kind, action and due time; no personal data.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Id} ({Action}) due {Task.DueAt:O}");
}
