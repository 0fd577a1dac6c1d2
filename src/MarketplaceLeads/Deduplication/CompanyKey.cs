using System;
using System.Collections.Frozen;
using MarketplaceLeads.Internal;
using System.Text;

namespace MarketplaceLeads.Deduplication;

/// <summary>
/// Reduces a company name to a comparison key: lower case, diacritics and punctuation removed,
/// legal-form suffixes dropped ("Northwind Traders, Inc." and "NORTHWIND TRADERS" both give
/// <c>northwind traders</c>; "Fabrikam Iberia S.L." gives <c>fabrikam iberia</c>), and its acronym
/// (<c>nt</c>) for matching "NT" against "Northwind Traders".
/// </summary>
internal static class CompanyKey
{
    private static readonly FrozenSet<string> LegalForms = new[]
    {
        "inc", "incorporated", "corp", "corporation", "co", "company", "ltd", "limited", "llc", "llp", "lp", "plc",
        "gmbh", "ag", "kg", "ug", "se", "sa", "sas", "sarl", "srl", "spa", "sl", "bv", "nv", "ab", "as", "asa", "oy", "oyj",
        "aps", "pty", "pte", "kk", "kft", "sro", "doo", "zoo", "spzoo", "ltda", "cv", "sapi", "de", "group", "holding", "holdings",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Returns the key of a company name; empty for a blank name.</summary>
    public static string Of(string? company)
    {
        if (string.IsNullOrWhiteSpace(company))
        {
            return string.Empty;
        }

        var words = Words(company);
        var end = words.Length;
        while (end > 1 && LegalForms.Contains(words[end - 1]))
        {
            end--; // "Contoso Holdings Ltd" → "contoso"; a name that is only a legal form stays
        }

        return string.Join(' ', words, 0, end);
    }

    /// <summary>Returns the acronym of a company key (first letters of its words), or the key itself when it is one word.</summary>
    public static string Acronym(string key)
    {
        var words = key.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length < 2)
        {
            return key;
        }

        var builder = new StringBuilder(words.Length);
        foreach (var word in words)
        {
            builder.Append(word[0]);
        }

        return builder.ToString();
    }

    private static string[] Words(string company) =>
        TextFolding.Fold(company).Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
