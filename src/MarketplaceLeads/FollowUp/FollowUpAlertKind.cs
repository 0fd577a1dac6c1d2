namespace MarketplaceLeads.FollowUp;

/// <summary>What a follow-up alert says about a reply that is due.</summary>
public enum FollowUpAlertKind
{
    /// <summary>The reply is due soon: the deadline is within the action's <see cref="FollowUpOptions.WarnBefore">warning time</see>.</summary>
    Warning,

    /// <summary>The reply is late: the deadline has passed without a touch that answers it.</summary>
    Breach,
}
