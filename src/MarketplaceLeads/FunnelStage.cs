namespace MarketplaceLeads;

/// <summary>
/// How far along the marketplace funnel a lead is, derived from its <see cref="LeadAction"/>:
/// interest (<em>Contact me</em>), trial (test drive, free trial), acquisition (install, create).
/// </summary>
/// <remarks>
/// <see cref="Interest"/> &lt; <see cref="Trial"/> &lt; <see cref="Acquisition"/> in numeric order,
/// so the furthest stage reached is the maximum. <see cref="Suppressed"/> (do not contact) stands
/// apart from that order.
/// </remarks>
public enum FunnelStage
{
    /// <summary>The action is unknown, so the stage is too.</summary>
    Unknown = 0,

    /// <summary>Initial interest: <see cref="LeadAction.PartnerLedTrial"/> (<em>Contact me</em>).</summary>
    Interest = 1,

    /// <summary>A trial: <see cref="LeadAction.StartTestDrive"/>.</summary>
    Trial = 2,

    /// <summary>The customer acquired the offer: <see cref="LeadAction.Install"/> or <see cref="LeadAction.Create"/>.</summary>
    Acquisition = 3,

    /// <summary>Do not contact: <see cref="LeadAction.DoNotContact"/>.</summary>
    Suppressed = 4,
}
