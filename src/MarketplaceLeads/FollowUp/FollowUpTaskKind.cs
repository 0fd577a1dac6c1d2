namespace MarketplaceLeads.FollowUp;

/// <summary>What a <see cref="FollowUpTask"/> asks for.</summary>
public enum FollowUpTaskKind
{
    /// <summary>Answer a lead that expects contact, by its <see cref="ResponseDeadline.RespondBy"/>.</summary>
    Respond = 0,

    /// <summary>Make the next touch of the nurture schedule.</summary>
    Touch = 1,
}
