namespace MarketplaceLeads.Deduplication;

/// <summary>What a person decided in review.</summary>
public enum ReviewKind
{
    /// <summary>Two profiles are one person: they were merged.</summary>
    Accept = 0,

    /// <summary>Two profiles are different people: they are kept apart from now on.</summary>
    Reject = 1,

    /// <summary>A profile held more than one person: some of its leads were moved out into a profile of their own, kept apart from it.</summary>
    Split = 2,
}
