using System;
using System.Text;

namespace MarketplaceLeads.Deduplication;

/// <summary>
/// Romanises Korean names written in Hangul (서준 → <c>seojun</c>, 김 → <c>kim</c>), so that a lead that gives its name in
/// Hangul compares with the leads that give it in Latin letters. Hangul is an alphabet: each syllable is an initial
/// consonant, a vowel and an optional final consonant, each with one reading in the Revised Romanization of Korean (the
/// letter-by-letter form, without the sound changes across syllables). A name of one syllable — almost always a family
/// name — takes the spelling Koreans use for it in Latin letters where that differs (이 Lee, 오 Oh, 우 Woo; the others, as
/// 박 Bak for Park, are in <see cref="FamilyNames"/>). Chinese and Japanese characters have many readings and are not
/// romanised.
/// </summary>
internal static class Hangul
{
    // Revised Romanization: the 19 initial consonants, 21 vowels and 27 final consonants, in Unicode's jamo order.
    private static readonly string[] Initials = ["g", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s", "ss", "", "j", "jj", "ch", "k", "t", "p", "h"];
    private static readonly string[] Vowels = ["a", "ae", "ya", "yae", "eo", "e", "yeo", "ye", "o", "wa", "wae", "oe", "yo", "u", "wo", "we", "wi", "yu", "eu", "ui", "i"];
    private static readonly string[] Finals = ["k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l", "p", "l", "m", "p", "p", "t", "t", "ng", "t", "t", "k", "t", "p", "t"];

    private const char FirstSyllable = '\uAC00';
    private const char LastSyllable = '\uD7A3';

    /// <summary>Whether the text holds Hangul (syllables or the conjoining letters Unicode decomposes them into).</summary>
    public static bool Contains(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (IsHangul(c))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Romanises the Hangul in folded text (lower case), leaving any other character as it is.</summary>
    public static string Romanize(string folded)
    {
        var builder = new StringBuilder(folded.Length * 3);
        var syllables = 0;
        var wordStart = 0;
        foreach (var c in folded)
        {
            if (c is >= FirstSyllable and <= LastSyllable)
            {
                // A precomposed syllable: (initial × 21 + vowel) × 28 + final.
                var index = c - FirstSyllable;
                builder.Append(Initials[index / (21 * 28)]).Append(Vowels[index % (21 * 28) / 28]);
                var final = index % 28;
                if (final > 0)
                {
                    builder.Append(Finals[final - 1]);
                }

                syllables++;
            }
            else if (c is >= '\u1100' and <= '\u1112')
            {
                builder.Append(Initials[c - '\u1100']);
                syllables++;
            }
            else if (c is >= '\u1161' and <= '\u1175')
            {
                builder.Append(Vowels[c - '\u1161']);
            }
            else if (c is >= '\u11A8' and <= '\u11C2')
            {
                builder.Append(Finals[c - '\u11A8']);
            }
            else
            {
                if (c == ' ')
                {
                    Conventional(builder, wordStart, syllables);
                    syllables = 0;
                    wordStart = builder.Length + 1;
                }

                builder.Append(c);
            }
        }

        Conventional(builder, wordStart, syllables);
        return builder.ToString();
    }

    private static bool IsHangul(char c) =>
        c is (>= FirstSyllable and <= LastSyllable) or (>= '\u1100' and <= '\u11FF') or (>= '\u3130' and <= '\u318F');

    /// <summary>A word of one syllable (a family name) in the spelling Koreans give it where the letter-by-letter one is a lone vowel.</summary>
    private static void Conventional(StringBuilder builder, int start, int syllables)
    {
        if (syllables != 1)
        {
            return;
        }

        var word = builder.ToString(start, builder.Length - start);
        var spelled = word switch
        {
            "i" => "lee",
            "o" => "oh",
            "u" => "woo",
            "yu" => "yoo",
            _ => null,
        };
        if (spelled is not null)
        {
            builder.Length = start;
            builder.Append(spelled);
        }
    }
}
