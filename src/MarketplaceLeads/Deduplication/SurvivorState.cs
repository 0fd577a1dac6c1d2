using System;
using System.Collections.Generic;

namespace MarketplaceLeads.Deduplication;

/// <summary>The surviving value of each customer field and the time of the lead it came from, maintained lead by lead under a profile's <see cref="SurvivorshipRules"/>.</summary>
internal sealed class SurvivorState
{
    private readonly string?[] _values = new string?[SurvivorshipRules.FieldCount];
    private readonly long[] _ticks = new long[SurvivorshipRules.FieldCount];
    private CustomerInfo? _customer;

    public SurvivorState Clone()
    {
        var clone = new SurvivorState();
        _values.CopyTo(clone._values, 0);
        _ticks.CopyTo(clone._ticks, 0);
        clone._customer = _customer;
        return clone;
    }

    /// <summary>Takes in a lead received after every lead already applied.</summary>
    public void Apply(Lead lead, SurvivorshipRules rules)
    {
        var ticks = LeadOrder.TimeOf(lead).UtcTicks;
        var customer = lead.Customer;
        for (var i = 0; i < _values.Length; i++)
        {
            Offer((CustomerField)i, CustomerProfile.ValueOf(customer, (CustomerField)i), ticks, rules, incoming: true);
        }

        _customer = null;
    }

    /// <summary>Takes in the survivors of a profile merged into this one (this profile's values were there first).</summary>
    public void Merge(SurvivorState absorbed, SurvivorshipRules rules)
    {
        for (var i = 0; i < _values.Length; i++)
        {
            Offer((CustomerField)i, absorbed._values[i], absorbed._ticks[i], rules, incoming: false);
        }

        _customer = null;
    }

    /// <summary>Rebuilds the state of a stored profile from its surviving values and its leads (the time of each value is the latest, or under <see cref="SurvivorshipRule.Earliest"/> the earliest, lead that carried it).</summary>
    public static SurvivorState Restore(CustomerInfo survivors, IReadOnlyList<Lead> leads, SurvivorshipRules rules)
    {
        var state = new SurvivorState();
        for (var i = 0; i < state._values.Length; i++)
        {
            var field = (CustomerField)i;
            var value = CustomerProfile.ValueOf(survivors, field);
            if (string.IsNullOrWhiteSpace(value))
            {
                continue;
            }

            state._values[i] = value;
            var earliest = rules[field] == SurvivorshipRule.Earliest;
            long? ticks = null;
            foreach (var lead in leads)
            {
                if (string.Equals(CustomerProfile.ValueOf(lead.Customer, field), value, StringComparison.Ordinal))
                {
                    var t = LeadOrder.TimeOf(lead).UtcTicks;
                    ticks = ticks is null ? t : earliest ? Math.Min(ticks.Value, t) : Math.Max(ticks.Value, t);
                }
            }

            state._ticks[i] = ticks ?? 0;
        }

        return state;
    }

    public CustomerInfo ToCustomer() => _customer ??= new CustomerInfo
    {
        FirstName = _values[(int)CustomerField.FirstName],
        LastName = _values[(int)CustomerField.LastName],
        Email = _values[(int)CustomerField.Email],
        Phone = _values[(int)CustomerField.Phone],
        Country = _values[(int)CustomerField.Country],
        Company = _values[(int)CustomerField.Company],
        Title = _values[(int)CustomerField.Title],
    };

    // incoming: true for a newly received lead (wins ties on time under the most-recent rules), false for a merged profile's value (loses them).
    private void Offer(CustomerField field, string? value, long ticks, SurvivorshipRules rules, bool incoming)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return;
        }

        var i = (int)field;
        var current = _values[i];
        var take = current is null || rules[field] switch
        {
            SurvivorshipRule.MostRecentNonBlank or SurvivorshipRule.KeepAll => incoming ? ticks >= _ticks[i] : ticks > _ticks[i],
            SurvivorshipRule.Earliest => ticks < _ticks[i],
            _ => false, // FillBlanksOnly
        };
        if (take)
        {
            _values[i] = value;
            _ticks[i] = ticks;
        }
    }
}
