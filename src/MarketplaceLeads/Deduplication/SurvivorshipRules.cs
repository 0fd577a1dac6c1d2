using System;
using MarketplaceLeads.Internal;

namespace MarketplaceLeads.Deduplication;

/// <summary>The <see cref="SurvivorshipRule"/> of each <see cref="CustomerField"/>.</summary>
/// <remarks>Defaults: <see cref="SurvivorshipRule.KeepAll"/> for <see cref="CustomerField.Email"/> and <see cref="CustomerField.Phone"/>, <see cref="SurvivorshipRule.MostRecentNonBlank"/> for the rest.</remarks>
public sealed class SurvivorshipRules
{
    internal const int FieldCount = 7;
    private readonly SurvivorshipRule[] _rules = new SurvivorshipRule[FieldCount];

    /// <summary>Initializes the default rules.</summary>
    public SurvivorshipRules()
    {
        _rules[(int)CustomerField.Email] = SurvivorshipRule.KeepAll;
        _rules[(int)CustomerField.Phone] = SurvivorshipRule.KeepAll;
    }

    /// <summary>Gets or sets the rule of a field.</summary>
    /// <param name="field">The field.</param>
    /// <returns>The rule.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="field"/> or the value is not a defined member.</exception>
    public SurvivorshipRule this[CustomerField field]
    {
        get => _rules[Index(field)];
        set
        {
            if (!Enum.IsDefined(value))
            {
                ThrowHelper.ThrowArgumentOutOfRange(nameof(value), value, $"{value} is not a SurvivorshipRule.");
            }

            _rules[Index(field)] = value;
        }
    }

    internal SurvivorshipRules Clone()
    {
        var clone = new SurvivorshipRules();
        _rules.CopyTo(clone._rules, 0);
        return clone;
    }

    private static int Index(CustomerField field)
    {
        if ((uint)field >= FieldCount)
        {
            ThrowHelper.ThrowArgumentOutOfRange(nameof(field), field, $"{field} is not a CustomerField.");
        }

        return (int)field;
    }
}
