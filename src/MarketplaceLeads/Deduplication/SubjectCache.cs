using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using MarketplaceLeads.Normalization;

namespace MarketplaceLeads.Deduplication;

/// <summary>
/// Remembers, for one batch, the folded form of each distinct name, company and country text: they
/// repeat across leads (the same person, colleagues, countries), so each is folded once and the
/// folded strings are shared. Lives only as long as the batch, so no customer data outlives it.
/// </summary>
/// <remarks>A name's nickname canonical form is kept beside its folded form, so a first name costs one lookup.</remarks>
internal sealed class SubjectCache
{
    private readonly Dictionary<string, NameEntry> _names = new(System.StringComparer.Ordinal);
    private readonly Dictionary<string, string?> _companies = new(System.StringComparer.Ordinal);
    private readonly Dictionary<string, string?> _countries = new(System.StringComparer.Ordinal);

    public string? Name(string? text) => text is null ? null : EntryOf(text).Folded;

    /// <summary>The folded last name, and the packed Soundex code of it (<see cref="Soundex.Pack"/>).</summary>
    public string? LastName(string? text, out uint code)
    {
        if (text is null)
        {
            code = 0;
            return null;
        }

        ref var entry = ref EntryOf(text);
        if (!entry.HasCode)
        {
            entry.Code = Soundex.Pack(entry.Folded is null ? null : FamilyNames.Canonical(entry.Folded)); // Gim files as Kim
            entry.HasCode = true;
        }

        code = entry.Code;
        return entry.Folded;
    }

    /// <summary>The folded first name, its canonical form by <see cref="Nicknames"/> (<see langword="null"/> when the folded name is), and the packed Soundex code of the canonical form.</summary>
    public string? FirstName(string? text, out string? canonical, out uint canonicalCode)
    {
        if (text is null)
        {
            canonical = null;
            canonicalCode = 0;
            return null;
        }

        ref var entry = ref EntryOf(text);
        if (!entry.HasCanonical)
        {
            entry.Canonical = entry.Folded is null ? null : Nicknames.Canonical(entry.Folded);
            entry.CanonicalCode = Soundex.Pack(entry.Canonical);
            entry.HasCanonical = true;
        }

        canonical = entry.Canonical;
        canonicalCode = entry.CanonicalCode;
        return entry.Folded;
    }

    public string? Company(string? text) => Get(_companies, text, static t => LeadMatchSubject.CompanyKeyOrNull(t));

    public string? Country(string? text) => Get(_countries, text, static t => Countries.ToAlpha2(t));

    private ref NameEntry EntryOf(string text)
    {
        ref var entry = ref CollectionsMarshal.GetValueRefOrNullRef(_names, text);
        if (Unsafe.IsNullRef(ref entry))
        {
            var folded = LeadMatchSubject.FoldOrNull(text); // computed before the entry exists, as the other caches do
            entry = ref CollectionsMarshal.GetValueRefOrAddDefault(_names, text, out _);
            entry.Folded = folded;
        }

        return ref entry;
    }

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

    private struct NameEntry
    {
        public string? Folded;
        public string? Canonical;
        public uint Code;
        public uint CanonicalCode;
        public bool HasCanonical;
        public bool HasCode;
    }
}
