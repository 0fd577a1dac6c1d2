namespace MarketplaceLeads.Deduplication;

/// <summary>What de-duplication did with one lead.</summary>
public enum DeduplicationOutcome
{
    /// <summary>The lead is a new person: a new profile.</summary>
    NewProfile = 0,

    /// <summary>The lead is a person already seen: it joined their profile (and may have merged several profiles).</summary>
    JoinedProfile = 1,

    /// <summary>The same lead was seen before: a redelivery, nothing changed. The same <see cref="LeadId"/>, or the same marketplace lead through a second channel (a Partner Center referral of a lead that came by HTTPS, or the other way round: same person, action, offer, within 24 hours).</summary>
    Redelivery = 2,

    /// <summary>The lead is a marketplace test lead: a profile of its own, never merged with real people.</summary>
    TestLead = 3,
}
