namespace MarketplaceLeads.FollowUp;

/// <summary>The outcome of one qualification rule.</summary>
/// <param name="Rule">The rule's <see cref="IQualificationRule.Name"/>.</param>
/// <param name="Passed">Whether the customer passed the rule.</param>
/// <param name="Reason">Why, in words a salesperson can read (no personal data beyond what the rule checked).</param>
public sealed record QualificationReason(string Rule, bool Passed, string Reason);
