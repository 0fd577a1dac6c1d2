using System;
using System.Globalization;
using System.Text;

namespace MarketplaceLeads.Normalization;

/// <summary>Folds free text for matching: lower case, diacritics removed, apostrophes and dots dropped, any other punctuation or white space as one space.</summary>
internal static class TextFolding
{
    /// <summary>Folds "Côte d’Ivoire" to <c>cote divoire</c>, "Northwind Traders, Inc." to <c>northwind traders inc</c>, "U.S.A." to <c>usa</c>.</summary>
    public static string Fold(ReadOnlySpan<char> text)
    {
        return System.Text.Ascii.IsValid(text) ? FoldAscii(text) : FoldUnicode(text);
    }

    /// <summary>The general path, for any text (internal for the test that the ASCII path agrees with it).</summary>
    /// <remarks>
    /// Never throws: <see cref="string.Normalize(NormalizationForm)"/> refuses a string with a lone surrogate or a
    /// noncharacter (U+FFFE, a customer's pasted byte order mark read the wrong way round), so those become separators
    /// first — neither is a letter or a digit, so the folded text is what it would be with a space in their place.
    /// </remarks>
    internal static string FoldUnicode(ReadOnlySpan<char> text)
    {
        var decomposed = Decompose(text);
        var builder = new StringBuilder(decomposed.Length);
        var pendingSpace = false;
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark || c is '\'' or '’' or '.')
            {
                continue;
            }

            if (char.IsLetterOrDigit(c))
            {
                if (pendingSpace && builder.Length > 0)
                {
                    builder.Append(' ');
                }

                builder.Append(char.ToLowerInvariant(c));
                pendingSpace = false;
            }
            else
            {
                pendingSpace = true;
            }
        }

        return builder.ToString();
    }

    /// <summary>Decomposes <paramref name="text"/> (NFD) after replacing what normalisation refuses; falls back to the text as it is.</summary>
    private static string Decompose(ReadOnlySpan<char> text)
    {
        var normalizable = NeedsReplacement(text) ? ReplaceUnnormalizable(text) : text.ToString();
        try
        {
            return normalizable.Normalize(NormalizationForm.FormD);
        }
        catch (Exception ex) when (ex is ArgumentException or PlatformNotSupportedException)
        {
            // Not expected once the text is cleaned (or with invariant globalization): fold without decomposing.
            return normalizable;
        }
    }

    /// <summary>Tells whether <paramref name="text"/> holds a lone surrogate or a noncharacter.</summary>
    private static bool NeedsReplacement(ReadOnlySpan<char> text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c < '\uD800')
            {
                continue;
            }

            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                if (IsNoncharacter(char.ConvertToUtf32(c, text[i + 1])))
                {
                    return true;
                }

                i++;
            }
            else if (char.IsSurrogate(c) || IsNoncharacter(c))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Copies <paramref name="text"/> with a space in place of each lone surrogate and each noncharacter.</summary>
    private static string ReplaceUnnormalizable(ReadOnlySpan<char> text)
    {
        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                if (IsNoncharacter(char.ConvertToUtf32(c, text[i + 1])))
                {
                    builder.Append(' ');
                }
                else
                {
                    builder.Append(c).Append(text[i + 1]);
                }

                i++;
            }
            else
            {
                builder.Append(char.IsSurrogate(c) || IsNoncharacter(c) ? ' ' : c);
            }
        }

        return builder.ToString();
    }

    /// <summary>Tells whether a code point is one of Unicode's 66 noncharacters (U+FDD0–U+FDEF, and the last two of every plane).</summary>
    private static bool IsNoncharacter(int codePoint) =>
        codePoint is >= 0xFDD0 and <= 0xFDEF || (codePoint & 0xFFFE) == 0xFFFE;

    /// <summary>The same folding for ASCII text, without Unicode normalisation (most names and companies): one allocation, the result.</summary>
    private static string FoldAscii(ReadOnlySpan<char> text)
    {
        char[]? rented = null;
        var buffer = text.Length <= 256 ? stackalloc char[text.Length] : (rented = System.Buffers.ArrayPool<char>.Shared.Rent(text.Length));
        var length = 0;
        var pendingSpace = false;
        foreach (var c in text)
        {
            if (c is '\'' or '.')
            {
                continue;
            }

            if (char.IsAsciiLetterOrDigit(c))
            {
                if (pendingSpace && length > 0)
                {
                    buffer[length++] = ' ';
                }

                buffer[length++] = char.IsAsciiLetterUpper(c) ? (char)(c | 0x20) : c;
                pendingSpace = false;
            }
            else
            {
                pendingSpace = true;
            }
        }

        var result = length == 0 ? string.Empty : new string(buffer[..length]);
        if (rented is not null)
        {
            System.Buffers.ArrayPool<char>.Shared.Return(rented);
        }

        return result;
    }
}
