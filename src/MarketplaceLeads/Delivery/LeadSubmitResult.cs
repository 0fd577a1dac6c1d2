namespace MarketplaceLeads.Delivery;

/// <summary>The result of submitting one lead (or one record of raw input) to an <see cref="ILeadPipeline"/>.</summary>
public readonly record struct LeadSubmitResult
{
    internal LeadSubmitResult(LeadSubmitStatus status, LeadId? leadId, LeadReadError? error)
    {
        Status = status;
        LeadId = leadId;
        Error = error;
    }

    /// <summary>Gets what happened.</summary>
    public LeadSubmitStatus Status { get; }

    /// <summary>Gets the lead's id; <see langword="null"/> when the input did not become a lead.</summary>
    public LeadId? LeadId { get; }

    /// <summary>Gets where and why reading failed, for <see cref="LeadSubmitStatus.Rejected"/>.</summary>
    public LeadReadError? Error { get; }

    /// <summary>Gets a value indicating whether the pipeline holds the lead (<see cref="LeadSubmitStatus.Accepted"/> or <see cref="LeadSubmitStatus.AlreadyAccepted"/>): the sender may forget it.</summary>
    public bool IsAccepted => Status is LeadSubmitStatus.Accepted or LeadSubmitStatus.AlreadyAccepted;
}
