namespace MarketplaceLeads.Deduplication;

/// <summary>What an <see cref="ILeadMatchStrategy"/> compares a new lead with.</summary>
public enum MatchScope
{
    /// <summary>Every earlier lead that shares a blocking key (at most one per profile and key): a match with any lead of a profile joins it, so matches close transitively. For exact rules.</summary>
    AnyLead = 0,

    /// <summary>The representative of each candidate profile (its surviving values): no chaining from lead to lead. For fuzzy rules.</summary>
    Representative = 1,
}
