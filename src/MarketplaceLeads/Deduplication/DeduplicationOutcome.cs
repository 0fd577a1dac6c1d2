namespace MarketplaceLeads.Deduplication;

/// <summary>What de-duplication did with one lead.</summary>
public enum DeduplicationOutcome
{
    /// <summary>The lead is a new person: a new profile.</summary>
    NewProfile = 0,

    /// <summary>The lead is a person already seen: it joined their profile (and may have merged several profiles).</summary>
    JoinedProfile = 1,

    /// <summary>The same lead (same <see cref="LeadId"/>) was seen before: a redelivery, nothing changed.</summary>
    Redelivery = 2,

    /// <summary>The lead is a marketplace test lead: a profile of its own, never merged with real people.</summary>
    TestLead = 3,
}
