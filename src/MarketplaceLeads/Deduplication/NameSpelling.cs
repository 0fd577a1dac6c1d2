using System;

namespace MarketplaceLeads.Deduplication;

/// <summary>
/// Spelling variants of one folded name (lower case, no diacritics): German and Scandinavian transliterations
/// (<c>mueller</c> / <c>muller</c> from Müller, <c>oe</c> / <c>o</c>, <c>aa</c> / <c>a</c>), letters that do not decompose
/// (<c>ł</c>, <c>ø</c>, <c>ß</c>, <c>đ</c>, <c>æ</c>, <c>œ</c>, <c>ı</c>, <c>þ</c>), and compound names
/// (<c>garcia lopez</c> / <c>garcia</c>, <c>mary ann</c> / <c>mary</c>). Allocation-free.
/// </summary>
internal static class NameSpelling
{
    private const int MaxLength = 64;

    /// <summary>Copies the ASCII lower-case letters of <paramref name="text"/> (as many as fit) into <paramref name="letters"/>; returns how many.</summary>
    public static int AsciiLetters(ReadOnlySpan<char> text, Span<char> letters)
    {
        var length = 0;
        foreach (var c in text)
        {
            if (length == letters.Length)
            {
                break;
            }

            if (char.IsAsciiLetterLower(c))
            {
                letters[length++] = c;
            }
        }

        return length;
    }

    /// <summary>Determines whether two folded names are the same name spelled with or without transliteration.</summary>
    public static bool AreTransliterations(string a, string b)
    {
        if (a.Length > MaxLength || b.Length > MaxLength)
        {
            return false;
        }

        Span<char> x = stackalloc char[2 * MaxLength];
        Span<char> y = stackalloc char[2 * MaxLength];
        var lengthA = Reduce(a, x);
        var lengthB = Reduce(b, y);
        return x[..lengthA].SequenceEqual(y[..lengthB]);
    }

    /// <summary>Determines whether every word of one folded name is a word of the other (a compound or double-barrelled name against a part of it).</summary>
    public static bool OneContainsTheOther(string a, string b)
    {
        var (shorter, longer) = a.Length <= b.Length ? (a, b) : (b, a);
        if (shorter.Length == longer.Length || !longer.Contains(' ', StringComparison.Ordinal))
        {
            return false;
        }

        var rest = shorter.AsSpan();
        while (!rest.IsEmpty)
        {
            var word = NextWord(ref rest);
            if (word.Length < 2 || !ContainsWord(longer, word))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Determines whether two folded names of several words are the same words in another order ("Linden, van der" as a directory lists it, against "van der Linden").</summary>
    public static bool SameWordsReordered(string a, string b)
    {
        if (a.Length != b.Length || !a.Contains(' ', StringComparison.Ordinal) || string.Equals(a, b, StringComparison.Ordinal))
        {
            return false;
        }

        // Every word of each is a word of the other, and the lengths agree: the same words (a repeated word aside, which names do not have).
        var rest = a.AsSpan();
        while (!rest.IsEmpty)
        {
            if (!ContainsWord(b, NextWord(ref rest)))
            {
                return false;
            }
        }

        rest = b.AsSpan();
        while (!rest.IsEmpty)
        {
            if (!ContainsWord(a, NextWord(ref rest)))
            {
                return false;
            }
        }

        return true;
    }

    private static bool ContainsWord(string text, ReadOnlySpan<char> word)
    {
        var rest = text.AsSpan();
        while (!rest.IsEmpty)
        {
            if (NextWord(ref rest).SequenceEqual(word))
            {
                return true;
            }
        }

        return false;
    }

    private static ReadOnlySpan<char> NextWord(ref ReadOnlySpan<char> rest)
    {
        var space = rest.IndexOf(' ');
        var word = space < 0 ? rest : rest[..space];
        rest = space < 0 ? default : rest[(space + 1)..];
        return word;
    }

    /// <summary>Writes the name with the letters that do not decompose spelled out, then an <c>e</c> after a vowel (ae, oe, ue) and a doubled vowel dropped.</summary>
    private static int Reduce(string name, Span<char> output)
    {
        Span<char> spelled = stackalloc char[2 * MaxLength];
        var length = 0;
        foreach (var c in name)
        {
            switch (c)
            {
                case 'ł': spelled[length++] = 'l'; break;
                case 'ø': spelled[length++] = 'o'; break;
                case 'đ' or 'ð': spelled[length++] = 'd'; break;
                case 'ı': spelled[length++] = 'i'; break;
                case 'ß': spelled[length++] = 's'; spelled[length++] = 's'; break;
                case 'æ': spelled[length++] = 'a'; spelled[length++] = 'e'; break;
                case 'œ': spelled[length++] = 'o'; spelled[length++] = 'e'; break;
                case 'þ': spelled[length++] = 't'; spelled[length++] = 'h'; break;
                case ' ' or '-': break;
                default: spelled[length++] = c; break;
            }
        }

        var written = 0;
        for (var i = 0; i < length; i++)
        {
            var c = spelled[i];
            if (written > 0 && IsVowel(output[written - 1]) && (c == 'e' || c == output[written - 1]))
            {
                continue; // ue → u, oe → o, ae → a; aa → a, oo → o
            }

            output[written++] = c;
        }

        return written;
    }

    private static bool IsVowel(char c) => c is 'a' or 'o' or 'u';

    /// <summary>Determines whether two folded given names are the masculine and feminine forms of one name (Mario/Maria, Carlo/Carla, Juan/Juana, Daniel/Daniela, Giovanni/Giovanna): two people.</summary>
    public static bool AreGenderedForms(string a, string b)
    {
        var (shorter, longer) = a.Length <= b.Length ? (a, b) : (b, a);
        if (shorter.Length < 3)
        {
            return false;
        }

        if (longer.Length == shorter.Length + 1)
        {
            return longer[^1] == 'a' && longer.StartsWith(shorter, StringComparison.Ordinal); // Juan/Juana, Daniel/Daniela
        }

        return longer.Length == shorter.Length
            && shorter.AsSpan(0, shorter.Length - 1).SequenceEqual(longer.AsSpan(0, longer.Length - 1))
            && IsEnding(shorter[^1]) && IsEnding(longer[^1]) && (shorter[^1] == 'a' || longer[^1] == 'a');

        static bool IsEnding(char c) => c is 'a' or 'o' or 'e' or 'i';
    }

    /// <summary>Gets the generational suffix a folded last name ends with (<c>jr</c>, <c>sr</c>, <c>ii</c>, <c>iii</c>, <c>iv</c>), or empty.</summary>
    public static ReadOnlySpan<char> GenerationOf(string name)
    {
        var space = name.LastIndexOf(' ');
        if (space < 0)
        {
            return default;
        }

        var last = name.AsSpan(space + 1);
        return last is "jr" or "sr" or "ii" or "iii" or "iv" or "junior" or "senior" ? last : default;
    }

    /// <summary>Gets the name without its generational suffix.</summary>
    public static ReadOnlySpan<char> WithoutGeneration(string name)
    {
        var generation = GenerationOf(name);
        return generation.IsEmpty ? name : name.AsSpan(0, name.Length - generation.Length - 1);
    }

    /// <summary>Determines whether a folded name is written in Latin letters (so it can be compared with another Latin name at all).</summary>
    public static bool IsLatin(string name)
    {
        foreach (var c in name)
        {
            if (c > '\u024F' && c != ' ')
            {
                return false;
            }
        }

        return true;
    }
}
