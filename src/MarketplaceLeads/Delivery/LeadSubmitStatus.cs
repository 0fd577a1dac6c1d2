namespace MarketplaceLeads.Delivery;

/// <summary>What happened to a submitted lead.</summary>
public enum LeadSubmitStatus
{
    /// <summary>The lead is durably accepted and will be de-duplicated and delivered.</summary>
    Accepted = 0,

    /// <summary>A lead with the same <see cref="LeadId"/> was accepted before (a marketplace retry or a replayed file): nothing was done.</summary>
    AlreadyAccepted = 1,

    /// <summary>The input could not be read as a lead; it was dead-lettered with its raw payload and <see cref="LeadSubmitResult.Error"/> says why.</summary>
    Rejected = 2,

    /// <summary>The queue was full and <see cref="MarketplaceLeadsOptions.FullMode"/> is <see cref="LeadQueueFullMode.Reject"/>: the lead was <em>not</em> accepted; submit it again later (an HTTP endpoint answers 503).</summary>
    QueueFull = 3,
}
