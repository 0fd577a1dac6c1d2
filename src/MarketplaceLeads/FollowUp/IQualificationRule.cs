using MarketplaceLeads.Deduplication;

namespace MarketplaceLeads.FollowUp;

/// <summary>A rule that decides whether a customer is worth the full sales process (company present, business e-mail, …). Built-ins are in <see cref="QualificationRules"/>.</summary>
public interface IQualificationRule
{
    /// <summary>Gets the rule's name, as reported in <see cref="QualificationReason.Rule"/>.</summary>
    string Name { get; }

    /// <summary>Evaluates the rule on a customer.</summary>
    /// <param name="profile">The customer.</param>
    /// <returns>Whether the customer passed, and why.</returns>
    QualificationReason Evaluate(CustomerProfile profile);
}
