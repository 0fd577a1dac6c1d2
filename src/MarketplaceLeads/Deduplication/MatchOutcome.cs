namespace MarketplaceLeads.Deduplication;

/// <summary>What a strategy concluded about two customers.</summary>
public enum MatchOutcome
{
    /// <summary>No evidence that they are the same person.</summary>
    NoMatch = 0,

    /// <summary>They may be the same person: reported with a score for a person to decide, not merged.</summary>
    PossibleDuplicate = 1,

    /// <summary>They are the same person: their profiles are merged.</summary>
    SamePerson = 2,
}
