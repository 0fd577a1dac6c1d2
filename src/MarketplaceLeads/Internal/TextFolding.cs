using System;
using System.Globalization;
using System.Text;

namespace MarketplaceLeads.Internal;

/// <summary>Folds free text for matching: lower case, diacritics removed, apostrophes and dots dropped, any other punctuation or white space as one space.</summary>
internal static class TextFolding
{
    /// <summary>Folds "Côte d’Ivoire" to <c>cote divoire</c>, "Northwind Traders, Inc." to <c>northwind traders inc</c>, "U.S.A." to <c>usa</c>.</summary>
    public static string Fold(ReadOnlySpan<char> text)
    {
        return System.Text.Ascii.IsValid(text) ? FoldAscii(text) : FoldUnicode(text);
    }

    /// <summary>The general path, for any text (internal for the test that the ASCII path agrees with it).</summary>
    internal static string FoldUnicode(ReadOnlySpan<char> text)
    {
        var decomposed = text.ToString().Normalize(NormalizationForm.FormD);
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
