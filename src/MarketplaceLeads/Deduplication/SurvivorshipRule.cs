namespace MarketplaceLeads.Deduplication;

/// <summary>Which value of a field survives into a <see cref="CustomerProfile"/> when its leads disagree. Blank values never survive over a non-blank one.</summary>
public enum SurvivorshipRule
{
    /// <summary>The value of the most recent lead (by created time, else received time) that has one. The default.</summary>
    MostRecentNonBlank = 0,

    /// <summary>The first value the profile received is kept; later leads only fill it while it is blank. In batch de-duplication leads are received in time order.</summary>
    FillBlanksOnly = 1,

    /// <summary>The value of the earliest lead (by created time, else received time) that has one.</summary>
    Earliest = 2,

    /// <summary>Every distinct value is kept (<see cref="CustomerProfile.GetValues"/>); the most recent one is the profile's value. The default for e-mail and phone.</summary>
    KeepAll = 3,
}
