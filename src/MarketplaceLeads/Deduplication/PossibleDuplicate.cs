namespace MarketplaceLeads.Deduplication;

/// <summary>Two profiles that may be the same person: reported for a person (or a CRM rule) to decide, never merged automatically.</summary>
/// <param name="First">The profile with the smaller id.</param>
/// <param name="Second">The profile with the larger id.</param>
/// <param name="Score">The strength of the evidence, from 0 to 1 (the highest seen for this pair).</param>
/// <param name="Reason">What agreed and what did not, without personal data (for example "name 0.97, same phone, different email").</param>
/// <param name="RaisedBy">The lead whose arrival raised the pair.</param>
/// <param name="Explanation">The match-weight waterfall of the built-in model (<see langword="null"/> for a custom strategy's pair, or when a store did not keep it).</param>
public sealed record PossibleDuplicate(CustomerProfileId First, CustomerProfileId Second, double Score, string Reason, LeadId RaisedBy, MatchExplanation? Explanation = null);
