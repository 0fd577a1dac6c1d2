namespace MarketplaceLeads.Delivery;

/// <summary>What <see cref="ILeadPipeline"/> does when its queue is full.</summary>
public enum LeadQueueFullMode
{
    /// <summary>Wait (asynchronously, honouring the cancellation token) until there is room: backpressure on the producer.</summary>
    Wait = 0,

    /// <summary>Return <see cref="LeadSubmitStatus.QueueFull"/> at once without accepting the lead.</summary>
    Reject = 1,
}
