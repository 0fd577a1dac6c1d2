using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace MarketplaceLeads.Testing.Corpora;

/// <summary>The Atlantic corpus's only source of randomness: one <see cref="Random"/> with a seed, so the corpus is deterministic.</summary>
internal sealed class AtlanticDice
{
    private readonly Random _random;

    public AtlanticDice(int seed)
    {
        _random = new Random(seed);
    }

    /// <summary>Returns an integer in [<paramref name="min"/>, <paramref name="max"/>).</summary>
    public int Next(int min, int max) => _random.Next(min, max);

    /// <summary>Returns a double in [0, 1).</summary>
    public double NextDouble() => _random.NextDouble();

    /// <summary>Returns <see langword="true"/> with the probability <paramref name="p"/>.</summary>
    public bool Chance(double p) => _random.NextDouble() < p;

    public T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    /// <summary>Picks with Zipf weights: the first items (the common names) far more often than the last.</summary>
    public T PickZipf<T>(IReadOnlyList<T> items, double exponent = 0.9)
    {
        var total = 0.0;
        for (var i = 0; i < items.Count; i++)
        {
            total += Math.Pow(i + 1, -exponent);
        }

        var u = _random.NextDouble() * total;
        for (var i = 0; i < items.Count; i++)
        {
            u -= Math.Pow(i + 1, -exponent);
            if (u < 0)
            {
                return items[i];
            }
        }

        return items[^1];
    }

    public T PickWeighted<T>(IReadOnlyList<(T Item, int Weight)> items)
    {
        var total = items.Sum(item => item.Weight);
        var u = _random.Next(total);
        foreach (var (item, weight) in items)
        {
            u -= weight;
            if (u < 0)
            {
                return item;
            }
        }

        return items[^1].Item;
    }

    /// <summary>Returns an index drawn with the given relative weights.</summary>
    public int Index(params double[] weights)
    {
        var u = _random.NextDouble() * weights.Sum();
        for (var i = 0; i < weights.Length; i++)
        {
            u -= weights[i];
            if (u < 0)
            {
                return i;
            }
        }

        return weights.Length - 1;
    }

    public string Digits(int count)
    {
        var builder = new StringBuilder(count);
        for (var i = 0; i < count; i++)
        {
            builder.Append((char)('0' + _random.Next(10)));
        }

        return builder.ToString();
    }

    /// <summary>Returns a normally distributed value (Box–Muller).</summary>
    public double Normal(double mean, double deviation)
    {
        var u1 = 1.0 - _random.NextDouble();
        var u2 = _random.NextDouble();
        return mean + (deviation * Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Sin(2.0 * Math.PI * u2));
    }

    public Guid Guid()
    {
        var bytes = new byte[16];
        _random.NextBytes(bytes);
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40); // version 4
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80); // RFC 4122 variant
        return new Guid(bytes);
    }

    public void Shuffle<T>(IList<T> list)
    {
        for (var i = list.Count - 1; i > 0; i--)
        {
            var j = _random.Next(i + 1);
            (list[i], list[j]) = (list[j], list[i]);
        }
    }
}

/// <summary>What people do to text on a form: diacritics lost, typos, case, stray spaces.</summary>
internal static class AtlanticText
{
    private static readonly Dictionary<char, string> SpecialLetters = new()
    {
        ['ł'] = "l", ['Ł'] = "L", ['ø'] = "o", ['Ø'] = "O", ['æ'] = "ae", ['Æ'] = "Ae", ['ß'] = "ss", ['đ'] = "d", ['œ'] = "oe", ['Œ'] = "Oe",
        ['’'] = "'", ['‘'] = "'",
    };

    private static readonly Dictionary<char, string> GermanLetters = new()
    {
        ['ä'] = "ae", ['ö'] = "oe", ['ü'] = "ue", ['Ä'] = "Ae", ['Ö'] = "Oe", ['Ü'] = "Ue", ['ß'] = "ss",
    };

    private static readonly Dictionary<char, string> NordicLetters = new()
    {
        ['å'] = "aa", ['Å'] = "Aa", ['ø'] = "oe", ['Ø'] = "Oe", ['ö'] = "oe", ['Ö'] = "Oe", ['æ'] = "ae", ['Æ'] = "Ae", ['ä'] = "ae", ['Ä'] = "Ae",
    };

    private static readonly Dictionary<AtlanticKeyboard, Dictionary<char, string>> Neighbours = new()
    {
        [AtlanticKeyboard.Qwerty] = BuildNeighbours("qwertyuiop", "asdfghjkl", "zxcvbnm"),
        [AtlanticKeyboard.Qwertz] = BuildNeighbours("qwertzuiop", "asdfghjkl", "yxcvbnm"),
        [AtlanticKeyboard.Azerty] = BuildNeighbours("azertyuiop", "qsdfghjklm", "wxcvbn"),
    };

    /// <summary>Returns whether the text has letters outside ASCII.</summary>
    public static bool HasDiacritics(string text) => text.Any(c => c > 0x7F);

    /// <summary>Writes the text without diacritics: expanded (Müller → Mueller, Ødegård → Oedegaard) or stripped (Muller, Odegard).</summary>
    public static string Fold(string text, AtlanticFold style, bool expand)
    {
        var builder = new StringBuilder(text.Length + 4);
        foreach (var c in text)
        {
            if (expand && style == AtlanticFold.German && GermanLetters.TryGetValue(c, out var german))
            {
                builder.Append(german);
            }
            else if (expand && style == AtlanticFold.Nordic && NordicLetters.TryGetValue(c, out var nordic))
            {
                builder.Append(nordic);
            }
            else if (SpecialLetters.TryGetValue(c, out var special))
            {
                builder.Append(special);
            }
            else if (c > 0x7F)
            {
                foreach (var d in c.ToString().Normalize(NormalizationForm.FormD))
                {
                    if (CharUnicodeInfo.GetUnicodeCategory(d) != UnicodeCategory.NonSpacingMark)
                    {
                        builder.Append(d);
                    }
                }
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    /// <summary>Returns the text as a mailbox's local part writes it: ASCII, lower case, without spaces or apostrophes.</summary>
    public static string MailPart(string text, AtlanticFold style, bool expand = true)
    {
        var folded = Fold(text, style, expand);
        var builder = new StringBuilder(folded.Length);
        foreach (var c in folded)
        {
            if (char.IsAsciiLetterOrDigit(c) || c == '-')
            {
                builder.Append(char.ToLowerInvariant(c));
            }
        }

        return builder.ToString();
    }

    /// <summary>Makes one typo: a neighbouring key, two letters swapped, a letter dropped or doubled.</summary>
    public static string Typo(AtlanticDice dice, string text, AtlanticKeyboard keyboard)
    {
        var letters = Enumerable.Range(0, text.Length).Where(i => char.IsLetter(text[i])).ToList();
        if (letters.Count < 3)
        {
            return text;
        }

        // The first letter is rarely wrong: people see it.
        var at = letters[dice.Chance(0.9) ? dice.Next(1, letters.Count) : 0];
        switch (dice.Index(4, 3, 3, 2))
        {
            case 0:
                var lower = char.ToLowerInvariant(text[at]);
                if (!Neighbours[keyboard].TryGetValue(lower, out var near))
                {
                    return text.Remove(at, 1);
                }

                var replacement = near[dice.Next(0, near.Length)];
                if (char.IsUpper(text[at]))
                {
                    replacement = char.ToUpperInvariant(replacement);
                }

                return text[..at] + replacement + text[(at + 1)..];
            case 1:
                if (at + 1 < text.Length && char.IsLetter(text[at + 1]) && text[at] != text[at + 1])
                {
                    return text[..at] + text[at + 1] + text[at] + text[(at + 2)..];
                }

                return text.Remove(at, 1);
            case 2:
                return text.Remove(at, 1);
            default:
                return text.Insert(at, char.ToLowerInvariant(text[at]).ToString());
        }
    }

    /// <summary>Changes the case as people do: all lower, all upper, or each word capitalised.</summary>
    public static string Case(AtlanticDice dice, string text) => dice.Index(5, 3, 2) switch
    {
        0 => text.ToLowerInvariant(),
        1 => text.ToUpperInvariant(),
        _ => TitleCase(text),
    };

    /// <summary>Capitalises each word and lowers the rest (McDonald → Mcdonald, van der Meer → Van Der Meer).</summary>
    public static string TitleCase(string text)
    {
        var builder = new StringBuilder(text.Length);
        var start = true;
        foreach (var c in text)
        {
            builder.Append(start ? char.ToUpperInvariant(c) : char.ToLowerInvariant(c));
            start = c is ' ' or '-';
        }

        return builder.ToString();
    }

    /// <summary>Adds the spaces a form keeps: leading, trailing, doubled inside, or a pasted no-break space.</summary>
    public static string Pad(AtlanticDice dice, string text) => dice.Index(4, 4, 2, 1) switch
    {
        0 => text + " ",
        1 => " " + text,
        2 => "  " + text + " ",
        _ => text + "\u00A0",
    };

    private static Dictionary<char, string> BuildNeighbours(params string[] rows)
    {
        var map = new Dictionary<char, string>();
        for (var r = 0; r < rows.Length; r++)
        {
            for (var i = 0; i < rows[r].Length; i++)
            {
                var near = new StringBuilder();
                if (i > 0)
                {
                    near.Append(rows[r][i - 1]);
                }

                if (i + 1 < rows[r].Length)
                {
                    near.Append(rows[r][i + 1]);
                }

                foreach (var other in new[] { r - 1, r + 1 })
                {
                    if (other >= 0 && other < rows.Length)
                    {
                        for (var j = Math.Max(0, i - 1); j <= Math.Min(rows[other].Length - 1, i); j++)
                        {
                            near.Append(rows[other][j]);
                        }
                    }
                }

                map[rows[r][i]] = near.ToString();
            }
        }

        return map;
    }
}
