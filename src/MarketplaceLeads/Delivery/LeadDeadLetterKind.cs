namespace MarketplaceLeads.Delivery;

/// <summary>Why a lead was dead-lettered.</summary>
public enum LeadDeadLetterKind
{
    /// <summary>The input could not be read as a lead or failed validation; nothing was accepted. <see cref="LeadDeadLetter.ReadError"/> says where and why.</summary>
    Rejected = 0,

    /// <summary>A sink failed to write the lead on every attempt, or failed with a non-transient error. <see cref="LeadDeadLetter.Sink"/> names the sink.</summary>
    DeliveryFailed = 1,

    /// <summary>A sink (<see cref="IProfileChangeSink"/>) failed to take a profile change on every attempt, or failed with a non-transient error. <see cref="LeadDeadLetter.Sink"/> names the sink, <see cref="LeadDeadLetter.RawPayload"/> holds the change as a <see cref="ProfileChangeJson.Schema"/> record, and <see cref="LeadDeadLetter.Lead"/> is <see langword="null"/>.</summary>
    ProfileChangeFailed = 2,
}
