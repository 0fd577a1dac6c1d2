using System;
using System.Collections.Generic;
using MarketplaceLeads.Deduplication;

namespace MarketplaceLeads.FollowUp;

/// <summary>Whether a customer is qualified, with the outcome of every rule.</summary>
public sealed record QualificationResult
{
    /// <summary>Gets the result with no rules: qualified, no reasons.</summary>
    public static QualificationResult NoRules { get; } = new() { Reasons = [] };

    /// <summary>Gets the outcome of each rule, in the order the rules were given.</summary>
    public required IReadOnlyList<QualificationReason> Reasons { get; init; }

    /// <summary>Gets a value indicating whether every rule passed.</summary>
    public bool IsQualified
    {
        get
        {
            foreach (var reason in Reasons)
            {
                if (!reason.Passed)
                {
                    return false;
                }
            }

            return true;
        }
    }

    /// <summary>Evaluates rules on a customer.</summary>
    /// <param name="profile">The customer.</param>
    /// <param name="rules">The rules; all must pass.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="profile"/>, <paramref name="rules"/> or a rule is <see langword="null"/>.</exception>
    public static QualificationResult Evaluate(CustomerProfile profile, IEnumerable<IQualificationRule> rules)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(rules);
        var reasons = new List<QualificationReason>();
        foreach (var rule in rules)
        {
            ArgumentNullException.ThrowIfNull(rule, nameof(rules));
            reasons.Add(rule.Evaluate(profile));
        }

        return reasons.Count == 0 ? NoRules : new QualificationResult { Reasons = reasons };
    }
}
