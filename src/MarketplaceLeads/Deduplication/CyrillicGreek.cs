using System;
using System.Text;

namespace MarketplaceLeads.Deduplication;

/// <summary>
/// Romanises names written in Cyrillic or Greek letters (Волков → <c>volkov</c>, Παπαδόπουλος → <c>papadopoulos</c>), so that
/// a lead that gives its name in its own script compares with the leads that give it in Latin letters. Both are alphabets:
/// each letter has one usual reading — for Cyrillic the one of Russian passports (ICAO 9303: х kh, ц ts, щ shch, ю iu,
/// я ia), with the letters of Ukrainian and Belarusian (і, ї, є, ґ, ў); for Greek ELOT 743 (θ th, χ ch,
/// ψ ps, ου ou, αυ av, ευ ev). People spell their names in Latin letters in more ways than one (Aleksei, Alexey), so a romanised name that
/// differs from the other says little (<see cref="LeadMatchSubject.HasRomanizedName"/>). The text is folded first (lower
/// case, marks gone: й is и, ё is е, ά is α).
/// </summary>
internal static class CyrillicGreek
{
    // а б в г д е ж з и й к л м н о п р с т у ф х ц ч ш щ ъ ы ь э ю я (U+0430–U+044F).
    private static readonly string[] Cyrillic =
    [
        "a", "b", "v", "g", "d", "e", "zh", "z", "i", "i", "k", "l", "m", "n", "o", "p",
        "r", "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "ie", "y", "", "e", "iu", "ia",
    ];

    // α β γ δ ε ζ η θ ι κ λ μ ν ξ ο π ρ ς σ τ υ φ χ ψ ω (U+03B1–U+03C9).
    private static readonly string[] Greek =
    [
        "a", "v", "g", "d", "e", "z", "i", "th", "i", "k", "l", "m", "n", "x", "o", "p",
        "r", "s", "s", "t", "y", "f", "ch", "ps", "o",
    ];

    /// <summary>Whether the text holds a Cyrillic or Greek letter.</summary>
    public static bool Contains(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (c is >= '\u0370' and <= '\u03FF' or >= '\u0400' and <= '\u04FF')
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Romanises the Cyrillic and Greek letters of folded text (lower case, without marks), leaving any other character as it is.</summary>
    public static string Romanize(string folded)
    {
        var builder = new StringBuilder(folded.Length * 2);
        for (var i = 0; i < folded.Length; i++)
        {
            var c = folded[i];
            if (c is 'ο' or 'α' or 'ε' && i + 1 < folded.Length && folded[i + 1] == 'υ')
            {
                builder.Append(c switch { 'ο' => "ou", 'α' => "av", _ => "ev" }); // the digraphs: Παπαδόπουλος, Ευάγγελος
                i++;
                continue;
            }

            switch (c)
            {
                case >= '\u0430' and <= '\u044F':
                    builder.Append(Cyrillic[c - '\u0430']);
                    break;
                case >= '\u03B1' and <= '\u03C9':
                    builder.Append(Greek[c - '\u03B1']);
                    break;
                case 'ё':
                    builder.Append('e');
                    break;
                case 'є':
                    builder.Append("ie");
                    break;
                case 'і' or 'ї':
                    builder.Append('i');
                    break;
                case 'ґ':
                    builder.Append('g');
                    break;
                case 'ў':
                    builder.Append('u');
                    break;
                case 'ј':
                    builder.Append('j');
                    break;
                default:
                    builder.Append(c);
                    break;
            }
        }

        return builder.ToString();
    }
}
