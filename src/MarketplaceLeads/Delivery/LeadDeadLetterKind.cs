namespace MarketplaceLeads.Delivery;

/// <summary>Why a lead was dead-lettered.</summary>
public enum LeadDeadLetterKind
{
    /// <summary>The input could not be read as a lead or failed validation; nothing was accepted. <see cref="LeadDeadLetter.ReadError"/> says where and why.</summary>
    Rejected = 0,

    /// <summary>A sink failed to write the lead on every attempt, or failed with a non-transient error. <see cref="LeadDeadLetter.Sink"/> names the sink.</summary>
    DeliveryFailed = 1,
}
