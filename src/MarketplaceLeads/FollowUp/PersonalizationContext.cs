using System.Collections.Generic;

namespace MarketplaceLeads.FollowUp;

/// <summary>The facts a follow-up message needs, for a template or a CRM: who, which offers and actions, which stage, how long ago.</summary>
/// <remarks>Holds personal data (name, company, e-mail address); <see cref="ToString"/> prints none.</remarks>
public sealed record PersonalizationContext
{
    /// <summary>Gets the customer's first name (the surviving value), or <see langword="null"/>.</summary>
    public string? FirstName { get; init; }

    /// <summary>Gets the customer's last name, or <see langword="null"/>.</summary>
    public string? LastName { get; init; }

    /// <summary>Gets the customer's company, or <see langword="null"/>.</summary>
    public string? Company { get; init; }

    /// <summary>Gets the customer's job title, or <see langword="null"/>.</summary>
    public string? Title { get; init; }

    /// <summary>Gets the customer's country as sent, or <see langword="null"/>.</summary>
    public string? Country { get; init; }

    /// <summary>Gets the e-mail address to write to, as sent, or <see langword="null"/>.</summary>
    public string? Email { get; init; }

    /// <summary>Gets the offer the task is about.</summary>
    public required PersonalizedOffer Offer { get; init; }

    /// <summary>Gets every offer the customer acted on, in the profile's order (including <see cref="Offer"/>).</summary>
    public required IReadOnlyList<PersonalizedOffer> Offers { get; init; }

    /// <summary>Gets the furthest stage reached on <see cref="Offer"/>.</summary>
    public required FunnelStage Stage { get; init; }

    /// <summary>Gets the customer's latest action on <see cref="Offer"/>.</summary>
    public required LeadAction LastAction { get; init; }

    /// <summary>Gets whole days since the customer's latest action on <see cref="Offer"/>, at the time of planning (0 when in the future).</summary>
    public required int DaysSinceLastAction { get; init; }

    /// <summary>Gets the ids of the customer's leads for <see cref="Offer"/>, in time order.</summary>
    public required IReadOnlyList<LeadId> LeadIds { get; init; }

    /// <summary>Returns a description without personal data.</summary>
    /// <returns>The description.</returns>
    public override string ToString() =>
        $"PersonalizationContext {{ Offer = {Offer.Offer}, Stage = {Stage}, LastAction = {LastAction}, DaysSinceLastAction = {DaysSinceLastAction}, Leads = {LeadIds.Count} }}";
}
