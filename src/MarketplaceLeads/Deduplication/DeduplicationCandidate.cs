using System.Collections.Generic;

namespace MarketplaceLeads.Deduplication;

/// <summary>A lead an <see cref="ILeadDeduplicationStore"/> found under a blocking key, with its match subject and the profile it belongs to now (a value: a lookup lists about a dozen, kept inline in its list rather than an object each).</summary>
/// <param name="Lead">The lead.</param>
/// <param name="Subject">The lead's match subject (<see cref="LeadMatchSubject.Create(CustomerInfo)"/> of its customer; a store may cache it or rebuild it).</param>
/// <param name="Profile">The profile the lead belongs to now.</param>
public readonly record struct DeduplicationCandidate(Lead Lead, LeadMatchSubject Subject, CustomerProfile Profile);

/// <summary>What an <see cref="ILeadDeduplicationStore"/> found for one lead's blocking keys: the candidates, and how many profiles are filed under each key.</summary>
/// <param name="Candidates">The leads filed under the keys (none for a key filed by more than the limit), each with its current profile; a lead found under several keys may be listed once or several times.</param>
/// <param name="FiledPerKey">For each key, in the order asked, the number of profiles filed under it now (a block keeps one lead per profile; profiles merged since count once), or the number of entries up to the limit + 1 when the key is filed by more than the limit: how many people share a mailbox or a phone, so that a shared value counts for less.</param>
public sealed record DeduplicationLookup(IReadOnlyList<DeduplicationCandidate> Candidates, IReadOnlyList<int> FiledPerKey);
