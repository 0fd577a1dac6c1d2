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
}
