namespace MarketplaceLeads.FollowUp;

/// <summary>Where a follow-up alert stands in the follow-up store (<see cref="IFollowUpStore.ReadAlertsAsync"/>).</summary>
public enum FollowUpAlertState
{
    /// <summary>Raised and not yet delivered (or delivery was cut short by a crash or a shutdown: the next check delivers it).</summary>
    Pending,

    /// <summary>Delivered to the notifier.</summary>
    Delivered,

    /// <summary>Not delivered and never will be: a touch answered the reply first, the customer became do-not-contact or is held for review, or a warning's deadline passed (the breach follows).</summary>
    Cancelled,

    /// <summary>The notifier failed every attempt the retry policy allows: kept here, with nothing lost, for someone to read or retry.</summary>
    DeadLettered,
}
