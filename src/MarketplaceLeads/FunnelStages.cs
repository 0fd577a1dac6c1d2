namespace MarketplaceLeads;

/// <summary>Maps lead actions to funnel stages (<see cref="Lead.Stage"/> is the public face of it).</summary>
internal static class FunnelStages
{
    /// <summary>Returns the funnel stage an action puts a lead in.</summary>
    /// <param name="action">The action.</param>
    /// <returns>
    /// <see cref="FunnelStage.Interest"/> for <see cref="LeadAction.PartnerLedTrial"/>,
    /// <see cref="FunnelStage.Trial"/> for <see cref="LeadAction.StartTestDrive"/>,
    /// <see cref="FunnelStage.Acquisition"/> for <see cref="LeadAction.Install"/> and <see cref="LeadAction.Create"/>,
    /// <see cref="FunnelStage.Suppressed"/> for <see cref="LeadAction.DoNotContact"/>, otherwise <see cref="FunnelStage.Unknown"/>.
    /// </returns>
    public static FunnelStage FromAction(LeadAction action) => action switch
    {
        LeadAction.PartnerLedTrial => FunnelStage.Interest,
        LeadAction.StartTestDrive => FunnelStage.Trial,
        LeadAction.Install or LeadAction.Create => FunnelStage.Acquisition,
        LeadAction.DoNotContact => FunnelStage.Suppressed,
        _ => FunnelStage.Unknown,
    };
}
