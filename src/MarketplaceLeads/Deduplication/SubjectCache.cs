using System.Collections.Generic;
using MarketplaceLeads.Internal;

namespace MarketplaceLeads.Deduplication;

/// <summary>
/// Remembers, for one batch, the folded form of each distinct name, company and country text: they
/// repeat across leads (the same person, colleagues, countries), so each is folded once and the
/// folded strings are shared. Lives only as long as the batch, so no customer data outlives it.
/// </summary>
internal sealed class SubjectCache
{
    private readonly Dictionary<string, string?> _names = new(System.StringComparer.Ordinal);
    private readonly Dictionary<string, string?> _companies = new(System.StringComparer.Ordinal);
    private readonly Dictionary<string, string?> _countries = new(System.StringComparer.Ordinal);

    public string? Name(string? text) => Get(_names, text, static t => LeadMatchSubject.FoldOrNull(t));

    public string? Company(string? text) => Get(_companies, text, static t => LeadMatchSubject.CompanyKeyOrNull(t));

    public string? Country(string? text) => Get(_countries, text, static t => Countries.ToAlpha2(t));

    private static string? Get(Dictionary<string, string?> map, string? text, System.Func<string, string?> compute)
    {
        if (text is null)
        {
            return null;
        }

        if (!map.TryGetValue(text, out var value))
        {
            value = compute(text);
            map[text] = value;
        }

        return value;
    }
}
