using System;

namespace MarketplaceLeads.Crm;

/// <summary>Fits text into a CRM column (compiled into each CRM sink package, src/Shared/Crm).</summary>
internal static class CrmText
{
    /// <summary>Trims <paramref name="text"/> and cuts it to at most <paramref name="maxLength"/> UTF-16 code units (the unit CRMs count column lengths in), never between the two halves of a surrogate pair.</summary>
    /// <param name="text">The text, or <see langword="null"/>.</param>
    /// <param name="maxLength">The column's length.</param>
    /// <returns>The text that fits; <see langword="null"/> for <see langword="null"/>, empty or white-space text.</returns>
    public static string? Fit(string? text, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var span = text.AsSpan().Trim();
        if (span.Length <= maxLength)
        {
            return span.Length == text.Length ? text : span.ToString();
        }

        var cut = maxLength;
        if (cut > 0 && char.IsHighSurrogate(span[cut - 1]))
        {
            cut--;
        }

        var fitted = span[..cut].TrimEnd();
        return fitted.IsEmpty ? null : fitted.ToString();
    }

    /// <summary>Whether a text is a lowercase internal name (a Dataverse logical name, a HubSpot property name): ASCII lowercase letters, digits and '_', starting with a letter.</summary>
    /// <param name="name">The name.</param>
    /// <param name="maxLength">The longest name the CRM takes.</param>
    /// <returns><see langword="true"/> when it is such a name.</returns>
    public static bool IsLowercaseName(string? name, int maxLength)
    {
        if (string.IsNullOrEmpty(name) || name.Length > maxLength || !char.IsAsciiLetterLower(name[0]))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!char.IsAsciiLetterLower(c) && !char.IsAsciiDigit(c) && c != '_')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether a code from an answer (an OAuth <c>error</c>, a CRM error code) is a short token safe to put in a message: ASCII letters, digits, '_', '-', '.'; at most 64 characters.</summary>
    /// <param name="text">The code.</param>
    /// <returns><see langword="true"/> when it is such a token.</returns>
    public static bool IsToken(string text)
    {
        if (text.Length is 0 or > 64)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('_' or '-' or '.'))
            {
                return false;
            }
        }

        return true;
    }
}
