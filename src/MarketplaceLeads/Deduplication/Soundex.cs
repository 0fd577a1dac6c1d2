using System;

namespace MarketplaceLeads.Deduplication;

/// <summary>
/// American Soundex (letter + three digits) of a name, for blocking: names that sound alike
/// ("Smith", "Smyth", "Schmidt" → S530) land in the same block and are then compared properly.
/// Non-letters are ignored; a name without ASCII letters gives an empty code. Allocation-free
/// apart from the returned 4-character string.
/// </summary>
internal static class Soundex
{
    //                                    ABCDEFGHIJKLMNOPQRSTUVWXYZ
    private const string Codes = "01230120022455012623010202";

    /// <summary>The length of a code.</summary>
    public const int Length = 4;

    public static string Of(ReadOnlySpan<char> name)
    {
        Span<char> code = stackalloc char[Length];
        var written = Write(name, code);
        return written == 0 ? string.Empty : code.ToString();
    }

    /// <summary>The code of <paramref name="name"/> packed in 14 bits (the letter's number from 1 and three 3-bit digits), 0 for a name without ASCII letters; <see cref="Unpack"/> writes it out.</summary>
    public static uint Pack(ReadOnlySpan<char> name)
    {
        Span<char> code = stackalloc char[Length];
        if (Write(name, code) == 0)
        {
            return 0;
        }

        return ((uint)(code[0] - 'A' + 1) << 9) | ((uint)(code[1] - '0') << 6) | ((uint)(code[2] - '0') << 3) | (uint)(code[3] - '0');
    }

    /// <summary>Writes a code packed by <see cref="Pack"/> into <paramref name="code"/> (at least <see cref="Length"/> long).</summary>
    /// <returns><see cref="Length"/>, or 0 for the empty code.</returns>
    public static int Unpack(uint packed, Span<char> code)
    {
        if (packed == 0)
        {
            return 0;
        }

        code[0] = (char)('A' - 1 + (packed >> 9));
        code[1] = (char)('0' + ((packed >> 6) & 7));
        code[2] = (char)('0' + ((packed >> 3) & 7));
        code[3] = (char)('0' + (packed & 7));
        return Length;
    }

    /// <summary>Writes the code of <paramref name="name"/> into <paramref name="code"/> (at least <see cref="Length"/> long).</summary>
    /// <returns><see cref="Length"/>, or 0 for a name without ASCII letters.</returns>
    public static int Write(ReadOnlySpan<char> name, Span<char> code)
    {
        var length = 0;
        var previous = '\0';
        foreach (var raw in name)
        {
            // ASCII (folded names are): clear the lower-case bit; others as the invariant culture upper-cases them ('ı' → 'I').
            var c = raw < 0x80 ? (char.IsAsciiLetterLower(raw) ? (char)(raw - 0x20) : raw) : char.ToUpperInvariant(raw);
            if (c is < 'A' or > 'Z')
            {
                continue;
            }

            var digit = Codes[c - 'A'];
            if (length == 0)
            {
                code[length++] = c;
                previous = digit;
                continue;
            }

            if (digit != '0' && digit != previous)
            {
                code[length++] = digit;
                if (length == 4)
                {
                    break;
                }
            }

            if (c is not ('H' or 'W'))
            {
                previous = digit; // H and W do not separate equal codes; vowels do
            }
        }

        if (length == 0)
        {
            return 0;
        }

        while (length < Length)
        {
            code[length++] = '0';
        }

        return Length;
    }
}
