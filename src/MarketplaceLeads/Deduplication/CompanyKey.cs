using System;
using System.Collections.Frozen;
using System.Text;
using MarketplaceLeads.Normalization;

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

        // Elsewhere: Indonesia (Tbk), Russia and the CIS (JSC, PJSC, OOO written last), Ukraine (TOV), India and Pakistan
        // ((Pvt) Ltd., Private Limited), Estonia (OÜ), Brazil and Portugal (ME, EIRELI, Lda.), Peru (S.A.C.), Egypt (S.A.E.),
        // Greece (A.E., IKE), the Gulf (W.L.L., FZE, FZCO, FZ-LLC, Est.), Malaysia (Sdn. Bhd.), Türkiye (Ltd. Şti., San. ve
        // Tic. A.Ş.), Mexico (S. de R.L. de C.V.).
        "tbk", "jsc", "pjsc", "ojsc", "cjsc", "ooo", "tov", "pvt", "private", "ou", "me", "eireli", "lda", "sac", "sae", "ae",
        "ike", "wll", "fze", "fzco", "fz", "est", "sdn", "bhd", "sti", "tic", "san", "ve", "rl",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Legal forms written before the name (folded, with the space after them): Indonesia's PT and CV, Russia's OOO, AO, ZAO, PAO and OAO, Ukraine's TOV, Vietnam's Công ty TNHH and Công ty cổ phần.</summary>
    private static readonly string[] LeadingLegalForms =
    [
        "cong ty tnhh ", "cong ty co phan ", "cong ty ", "pt ", "cv ", "ooo ", "oao ", "zao ", "pao ", "ao ", "tov ",
    ];

    /// <summary>Returns the key of a company name; empty for a blank name.</summary>
    public static string Of(string? company)
    {
        if (string.IsNullOrWhiteSpace(company))
        {
            return string.Empty;
        }

        var folded = TextFolding.Fold(company);
        var (start, end) = KeyRange(folded);
        return start == 0 && end == folded.Length ? folded : folded[start..end];
    }

    /// <summary>
    /// A code for the legal form a company name gives (the words <see cref="Of"/> drops, written one way: "Ltd." and
    /// "Limited", "S. A." and "SA" are one form; "Group" and "Holdings" are not forms): 0 when it gives none. Two names of one
    /// key with two different forms are two legal entities of one name — "Copperlyn Oy" and "Copperlyn Lda." — or one
    /// group's, not one company written twice. One allocation, the folded text.
    /// </summary>
    public static int FormCode(string? company)
    {
        if (string.IsNullOrWhiteSpace(company))
        {
            return 0;
        }

        var folded = TextFolding.Fold(company);
        var (start, end) = KeyRange(folded);
        var hash = 2166136261u; // FNV-1a over the form's words, spaces left out
        var any = false;
        Add(folded.AsSpan(0, start), ref hash, ref any);
        Add(folded.AsSpan(end), ref hash, ref any);
        return any ? (int)(hash | 1) : 0;

        static void Add(ReadOnlySpan<char> words, ref uint hash, ref bool any)
        {
            while (!words.IsEmpty)
            {
                var space = words.IndexOf(' ');
                var word = space < 0 ? words : words[..space];
                words = space < 0 ? default : words[(space + 1)..];
                ReadOnlySpan<char> written = word switch
                {
                    "group" or "holding" or "holdings" or "de" => default,
                    "limited" => "ltd",
                    "incorporated" => "inc",
                    "corporation" => "corp",
                    "company" => "co",
                    "private" => "pvt",
                    _ => word,
                };
                foreach (var c in written)
                {
                    hash = (hash ^ c) * 16777619u;
                    any = true;
                }
            }
        }
    }

    /// <summary>Where the key lies in the folded name: after the legal forms written before the name, before those written after it.</summary>
    /// <remarks>The folded text is words separated by single spaces, none leading or trailing, so dropping words is taking a range.</remarks>
    private static (int Start, int End) KeyRange(string folded)
    {
        var start = 0;
        for (var i = 0; i < LeadingLegalForms.Length; i++)
        {
            var form = LeadingLegalForms[i];
            if (folded.Length - start > form.Length && folded.AsSpan(start).StartsWith(form, StringComparison.Ordinal))
            {
                start += form.Length; // "PT Bumi Group" → "bumi group" → "bumi"
                i = -1; // and any other before it ("OOO PT …" is no one's name, but the key must not depend on the order)
            }
        }

        var end = folded.Length;
        while (true)
        {
            var name = folded.AsSpan(start, end - start);
            var space = name.LastIndexOf(' ');
            if (space < 0)
            {
                break; // a name that is only a legal form stays
            }

            if (IsLegalForm(name[(space + 1)..]))
            {
                end = start + space; // "Contoso Holdings Ltd" → "contoso"
                continue;
            }

            if (name.Length - space - 1 == 1 && SpelledLegalForm(name) is var spelled and > 0)
            {
                end = start + spelled; // "Alonso e Hijos S. A." → "alonso e hijos", as "S.A." gives
                continue;
            }

            break;
        }

        return (start, end);
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

    /// <summary>
    /// Where a legal form written letter by letter ends the name ("s a", "b v", "s r l": "S. A.", "B. V."), the index of the
    /// space before its first letter; else -1. Only the trailing run of one-letter words counts, at most five of them.
    /// </summary>
    private static int SpelledLegalForm(ReadOnlySpan<char> name)
    {
        Span<char> letters = stackalloc char[5];
        var count = 0;
        var end = name.Length;
        while (count < letters.Length && end >= 3 && name[end - 2] == ' ')
        {
            letters[count++] = name[end - 1];
            end -= 2;
            if (end >= 2 && name[end - 2] != ' ')
            {
                break; // the word before is longer than a letter: the run ends here
            }
        }

        if (count < 2 || end <= 0)
        {
            return -1;
        }

        letters[..count].Reverse();
        return IsLegalForm(letters[..count]) ? end : -1;
    }

    private static bool IsLegalForm(ReadOnlySpan<char> word)
    {
#if NET9_0_OR_GREATER
        return LegalForms.GetAlternateLookup<ReadOnlySpan<char>>().Contains(word);
#else
        return LegalForms.Contains(word.ToString());
#endif
    }

    /// <summary>How alike two company keys are: 1 equal, 0.95 an acronym of the other ("nt" against "northwind traders"), its leading words, or its words in another order ("seguros atlantico", "atlantico seguros"), the Jaro-Winkler similarity from 0.9, else 0.</summary>
    public static double Similarity(string a, string b)
    {
        if (string.Equals(a, b, StringComparison.Ordinal))
        {
            return 1.0;
        }

        if (IsAcronymOf(a, b) || IsAcronymOf(b, a) || StartsWithWords(a, b) || StartsWithWords(b, a) || SameWordsReordered(a, b))
        {
            return 0.95;
        }

        var similarity = JaroWinkler.Similarity(a, b);
        return similarity >= 0.9 ? similarity : 0.0;
    }

    /// <summary>Whether a key is the leading words of another ("fabrikam" and "fabrikam iberia", "firat otomotiv" and "firat otomotiv san ve tic"): the same company, with or without its branch or trade suffix.</summary>
    private static bool StartsWithWords(string shorter, string longer) =>
        shorter.Length >= 4 && longer.Length > shorter.Length && longer[shorter.Length] == ' ' && longer.StartsWith(shorter, StringComparison.Ordinal);

    /// <summary>
    /// Whether two keys of several words hold the same words in another order ("seguros atlantico" and "atlantico seguros",
    /// "bank of nordvik" and "nordvik bank of" after the legal forms are gone): one company's name as two forms wrote it.
    /// Without allocating: every word of one occurs as often in the other, and the two are as long.
    /// </summary>
    internal static bool SameWordsReordered(string a, string b)
    {
        if (a.Length != b.Length || !a.Contains(' ', StringComparison.Ordinal) || string.Equals(a, b, StringComparison.Ordinal))
        {
            return false;
        }

        for (var rest = a.AsSpan(); !rest.IsEmpty;)
        {
            var word = NextWord(ref rest);
            if (!word.IsEmpty && Occurrences(a, word) != Occurrences(b, word))
            {
                return false;
            }
        }

        return true;

        static int Occurrences(string key, ReadOnlySpan<char> word)
        {
            var count = 0;
            for (var rest = key.AsSpan(); !rest.IsEmpty;)
            {
                count += NextWord(ref rest).SequenceEqual(word) ? 1 : 0;
            }

            return count;
        }

        static ReadOnlySpan<char> NextWord(ref ReadOnlySpan<char> rest)
        {
            var space = rest.IndexOf(' ');
            var word = space < 0 ? rest : rest[..space];
            rest = space < 0 ? default : rest[(space + 1)..];
            return word;
        }
    }

    /// <summary>Whether a short one-word key is the first letters of another key's words ("nt" and "northwind traders"), without allocating.</summary>
    private static bool IsAcronymOf(string acronym, string key)
    {
        if (acronym.Length is < 2 or > 5 || acronym.Contains(' ', StringComparison.Ordinal) || !key.Contains(' ', StringComparison.Ordinal))
        {
            return false;
        }

        var letter = 0;
        var startOfWord = true;
        foreach (var c in key)
        {
            if (c == ' ')
            {
                startOfWord = true;
                continue;
            }

            if (startOfWord)
            {
                if (letter == acronym.Length || acronym[letter] != c)
                {
                    return false;
                }

                letter++;
                startOfWord = false;
            }
        }

        return letter == acronym.Length;
    }
}
