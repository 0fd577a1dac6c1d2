namespace MarketplaceLeads.Deduplication;

/// <summary>A lead an <see cref="ILeadDedupStore"/> found under a blocking key, with its match subject and the profile it belongs to now.</summary>
/// <param name="Lead">The lead.</param>
/// <param name="Subject">The lead's match subject (<see cref="LeadMatchSubject.Create(CustomerInfo)"/> of its customer; a store may cache it or rebuild it).</param>
/// <param name="Profile">The profile the lead belongs to now.</param>
public sealed record DedupCandidate(Lead Lead, LeadMatchSubject Subject, CustomerProfile Profile);
