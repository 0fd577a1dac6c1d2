using System;
using System.Collections.Frozen;
using System.Collections.Generic;

namespace MarketplaceLeads.Normalization;

/// <summary>
/// Recognises a country written as an ISO 3166-1 alpha-2 or alpha-3 code, an English short name
/// (from ICU, see <c>Countries.g.cs</c>) or a common English variant ("USA", "United States of
/// America", "UK", "Great Britain", "Russian Federation", "Viet Nam", …), and returns its alpha-2 code.
/// </summary>
/// <remarks>
/// Lookup ignores case, diacritics, punctuation, repeated white space and a leading "The".
/// </remarks>
internal static partial class Countries
{
    private static readonly (string Name, string Alpha2)[] Aliases =
    [
        ("United States of America", "US"), ("America", "US"), ("U.S.", "US"), ("U.S.A.", "US"),
        ("UK", "GB"), ("U.K.", "GB"), ("Great Britain", "GB"), ("Britain", "GB"), ("England", "GB"),
        ("Scotland", "GB"), ("Wales", "GB"), ("Northern Ireland", "GB"),
        ("United Kingdom of Great Britain and Northern Ireland", "GB"),
        ("Russian Federation", "RU"), ("Viet Nam", "VN"), ("Czech Republic", "CZ"),
        ("Korea", "KR"), ("Republic of Korea", "KR"), ("Korea, Republic of", "KR"),
        ("Korea Republic of", "KR"), ("North Korea", "KP"),
        ("Democratic People's Republic of Korea", "KP"), ("Holland", "NL"), ("Turkiye", "TR"),
        ("Ivory Coast", "CI"), ("Cote d'Ivoire", "CI"), ("Macedonia", "MK"), ("Swaziland", "SZ"),
        ("Cabo Verde", "CV"), ("Burma", "MM"), ("Iran, Islamic Republic of", "IR"),
        ("Islamic Republic of Iran", "IR"), ("Syrian Arab Republic", "SY"),
        ("Lao People's Democratic Republic", "LA"), ("Laos", "LA"),
        ("Bolivia, Plurinational State of", "BO"), ("Venezuela, Bolivarian Republic of", "VE"),
        ("Tanzania, United Republic of", "TZ"), ("United Republic of Tanzania", "TZ"),
        ("Moldova, Republic of", "MD"), ("Republic of Moldova", "MD"), ("Taiwan, Province of China", "TW"),
        ("Hong Kong SAR", "HK"), ("Hong Kong SAR China", "HK"), ("Macao SAR China", "MO"), ("Macau", "MO"),
        ("Palestine", "PS"), ("State of Palestine", "PS"), ("Vatican", "VA"), ("Holy See", "VA"),
        ("Micronesia, Federated States of", "FM"), ("Congo, Democratic Republic of the", "CD"),
        ("Democratic Republic of the Congo", "CD"), ("DR Congo", "CD"), ("DRC", "CD"),
        ("Republic of the Congo", "CG"), ("Congo", "CG"), ("UAE", "AE"), ("Emirates", "AE"),
        ("Brunei Darussalam", "BN"), ("Deutschland", "DE"), ("Espana", "ES"), ("Brasil", "BR"),
        ("Schweiz", "CH"), ("Suisse", "CH"), ("Osterreich", "AT"), ("Nederland", "NL"), ("Italia", "IT"),
        ("Sverige", "SE"), ("Norge", "NO"), ("Danmark", "DK"), ("Suomi", "FI"), ("Polska", "PL"),
        ("Nippon", "JP"), ("Zhongguo", "CN"), ("PRC", "CN"), ("People's Republic of China", "CN"),
        ("Mainland China", "CN"), ("KSA", "SA"), ("Kingdom of Saudi Arabia", "SA"), ("ROK", "KR"),
    ];

    /// <summary>The lookup, built on first use (in a holder class: <c>Table</c> lives in the generated part, whose initialiser order relative to this file is unspecified).</summary>
    private static FrozenDictionary<string, string> Lookup => LookupHolder.Value;

    /// <summary>Returns the ISO 3166-1 alpha-2 code for a country text, or <see langword="null"/> when it is not recognised.</summary>
    public static string? ToAlpha2(string? country)
    {
        if (string.IsNullOrWhiteSpace(country))
        {
            return null;
        }

        var trimmed = country.AsSpan().Trim();
        return Lookup.TryGetValue(Key(trimmed), out var found) ? found : null;
    }

    /// <summary>Normalises a country text for lookup: folded (<see cref="TextFolding"/>), upper case, no leading "THE".</summary>
    internal static string Key(ReadOnlySpan<char> text)
    {
        var key = TextFolding.Fold(text).ToUpperInvariant();
        return key.StartsWith("THE ", StringComparison.Ordinal) ? key[4..] : key;
    }

    private static FrozenDictionary<string, string> BuildLookup()
    {
        var map = new Dictionary<string, string>(Table.Length * 3 + Aliases.Length, StringComparer.Ordinal);
        foreach (var (alpha2, alpha3, name) in Table)
        {
            map[alpha2] = alpha2;
            map[alpha3] = alpha2;
            map.TryAdd(Key(name), alpha2);
        }

        foreach (var (name, alpha2) in Aliases)
        {
            map.TryAdd(Key(name), alpha2);
        }

        return map.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private static class LookupHolder
    {
        public static readonly FrozenDictionary<string, string> Value = BuildLookup();
    }
}
