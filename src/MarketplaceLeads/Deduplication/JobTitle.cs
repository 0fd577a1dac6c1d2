using System;
using System.Collections.Frozen;
using System.Collections.Generic;
using System.IO.Hashing;
using System.Runtime.InteropServices;
using MarketplaceLeads.Normalization;

namespace MarketplaceLeads.Deduplication;

/// <summary>
/// A job title reduced so that the ways one title is written compare equal: folded (case, diacritics, punctuation),
/// common abbreviations written out (<c>Sr. Mgr</c>, <c>VP</c>, <c>CIO</c>, <c>IT</c>), filler words dropped, and the
/// words taken in any order, so "Head of IT", "IT Head" and "Head - Information Technology" are one title. The result is
/// a 64-bit code (the sum of the words' XXH3 hashes): worked out on the stack for an ASCII title, without allocating.
/// </summary>
/// <remarks>
/// A title is weak evidence on its own (many people hold "IT Manager", and titles change), so the model asks it only at
/// one company, where it tells the only profile of a name, a changed last name or a person's own line apart from a
/// colleague (<see cref="IdentityEvidence"/>). Equal codes of different titles (a hash collision) only add that evidence.
/// </remarks>
internal static class JobTitle
{
    private const int MaxWord = 64;
    private const int MaxAscii = 256;

    // Abbreviations as written in titles (English; the marketplace's forms are in English), each to its words.
    private static readonly (string Word, string[] Expansion)[] Abbreviations =
    [
        ("sr", ["senior"]), ("snr", ["senior"]), ("jr", ["junior"]), ("jnr", ["junior"]), ("mgr", ["manager"]), ("mngr", ["manager"]),
        ("mgmt", ["management"]), ("dir", ["director"]), ("asst", ["assistant"]), ("assoc", ["associate"]), ("exec", ["executive"]),
        ("eng", ["engineer"]), ("engr", ["engineer"]), ("admin", ["administrator"]), ("dept", ["department"]), ("ops", ["operations"]),
        ("mktg", ["marketing"]), ("dy", ["deputy"]), ("dep", ["deputy"]), ("gen", ["general"]), ("vp", ["vice", "president"]),
        ("svp", ["senior", "vice", "president"]), ("evp", ["executive", "vice", "president"]), ("avp", ["assistant", "vice", "president"]),
        ("gm", ["general", "manager"]), ("dgm", ["deputy", "general", "manager"]), ("agm", ["assistant", "general", "manager"]),
        ("md", ["managing", "director"]), ("ceo", ["chief", "executive", "officer"]), ("cto", ["chief", "technology", "officer"]),
        ("cio", ["chief", "information", "officer"]), ("cfo", ["chief", "financial", "officer"]), ("coo", ["chief", "operating", "officer"]),
        ("cmo", ["chief", "marketing", "officer"]), ("cdo", ["chief", "digital", "officer"]), ("ciso", ["chief", "information", "security", "officer"]),
        ("it", ["information", "technology"]), ("ict", ["information", "communications", "technology"]), ("infosec", ["information", "security"]),
        ("hr", ["human", "resources"]), ("purchasing", ["procurement"]), ("sw", ["software"]), ("sys", ["system"]), ("systems", ["system"]),
        ("svcs", ["services"]), ("tech", ["technology"]),
    ];

    private static readonly string[] FillerWords = ["of", "the", "and", "for", "at", "in", "a"];

    // By the hash of the word as written: the sum of its expansion's hashes (0 for a filler word).
    private static readonly FrozenDictionary<ulong, ulong> Replacements = BuildReplacements();

    /// <summary>Returns the title's code, the same for every way of writing one title; 0 for a blank title.</summary>
    public static ulong Code(string? title)
    {
        if (string.IsNullOrWhiteSpace(title))
        {
            return 0;
        }

        if (title.Length <= MaxAscii && System.Text.Ascii.IsValid(title))
        {
            // Fold as TextFolding does for ASCII: lower case, apostrophes and dots dropped, anything else not a letter or
            // digit a separator.
            Span<char> folded = stackalloc char[title.Length];
            var length = 0;
            foreach (var c in title)
            {
                if (char.IsAsciiLetterOrDigit(c))
                {
                    folded[length++] = char.ToLowerInvariant(c);
                }
                else if (c is not ('\'' or '.'))
                {
                    folded[length++] = ' ';
                }
            }

            return Sum(folded[..length]);
        }

        return Sum(TextFolding.Fold(title));
    }

    private static ulong Sum(ReadOnlySpan<char> folded)
    {
        ulong sum = 0;
        var words = 0;
        while (!folded.IsEmpty)
        {
            var space = folded.IndexOf(' ');
            var word = space < 0 ? folded : folded[..space];
            folded = space < 0 ? default : folded[(space + 1)..];
            if (word.IsEmpty)
            {
                continue;
            }

            var hash = Hash(word.Length > MaxWord ? word[..MaxWord] : word);
            if (Replacements.TryGetValue(hash, out var replacement))
            {
                if (replacement != 0)
                {
                    sum += replacement;
                    words++;
                }
            }
            else
            {
                sum += hash;
                words++;
            }
        }

        return words == 0 ? 0 : sum == 0 ? 1 : sum;
    }

    private static ulong Hash(ReadOnlySpan<char> word) => XxHash3.HashToUInt64(MemoryMarshal.AsBytes(word));

    private static FrozenDictionary<ulong, ulong> BuildReplacements()
    {
        var map = new Dictionary<ulong, ulong>();
        foreach (var (word, expansion) in Abbreviations)
        {
            ulong sum = 0;
            foreach (var part in expansion)
            {
                sum += Hash(part);
            }

            map[Hash(word)] = sum;
        }

        foreach (var filler in FillerWords)
        {
            map[Hash(filler)] = 0;
        }

        return map.ToFrozenDictionary();
    }
}
