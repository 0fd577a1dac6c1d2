using System;

namespace MarketplaceLeads.Internal;

/// <summary>
/// Normalises an e-mail address for matching: trimmed, lower-cased (invariant), and checked
/// against a pragmatic form of RFC 5321/5322 <c>local@domain</c> (no display names, comments or
/// quoted local parts, which marketplace forms do not produce).
/// </summary>
internal static class EmailNormalizer
{
    private const int MaxLength = 254;
    private const int MaxLocalLength = 64;
    private const int MaxLabelLength = 63;

    public static FieldStatus Normalize(string? email, out string? normalized)
    {
        normalized = null;
        if (string.IsNullOrWhiteSpace(email))
        {
            return FieldStatus.Missing;
        }

        var text = email.AsSpan().Trim();
        if (!IsValid(text))
        {
            return FieldStatus.Invalid;
        }

        normalized = text.ToString().ToLowerInvariant();
        return FieldStatus.Valid;
    }

    /// <summary>Checks <c>local@domain</c>: one <c>@</c>; a dot-atom local part; a domain of two or more labels, letters or digits or hyphens (not at either end), a top-level label with a letter.</summary>
    internal static bool IsValid(ReadOnlySpan<char> text)
    {
        if (text.Length > MaxLength)
        {
            return false;
        }

        var at = text.IndexOf('@');
        if (at <= 0 || at > MaxLocalLength || text[(at + 1)..].Contains('@'))
        {
            return false;
        }

        return IsDotAtom(text[..at]) && IsDomain(text[(at + 1)..]);
    }

    private static bool IsDotAtom(ReadOnlySpan<char> local)
    {
        var previousDot = true; // no leading dot
        foreach (var c in local)
        {
            if (c == '.')
            {
                if (previousDot)
                {
                    return false;
                }

                previousDot = true;
                continue;
            }

            if (!(char.IsAsciiLetterOrDigit(c) || "!#$%&'*+/=?^_`{|}~-".Contains(c) || (c > 0x7F && char.IsLetterOrDigit(c))))
            {
                return false;
            }

            previousDot = false;
        }

        return !previousDot; // no trailing dot
    }

    private static bool IsDomain(ReadOnlySpan<char> domain)
    {
        var labels = 0;
        var lastLabelHasLetter = false;
        while (true)
        {
            var dot = domain.IndexOf('.');
            var label = dot < 0 ? domain : domain[..dot];
            if (label.IsEmpty || label.Length > MaxLabelLength || label[0] == '-' || label[^1] == '-')
            {
                return false;
            }

            lastLabelHasLetter = false;
            foreach (var c in label)
            {
                var letter = char.IsAsciiLetter(c) || (c > 0x7F && char.IsLetter(c));
                if (!(letter || char.IsAsciiDigit(c) || c == '-' || (c > 0x7F && char.IsDigit(c))))
                {
                    return false;
                }

                lastLabelHasLetter |= letter;
            }

            labels++;
            if (dot < 0)
            {
                break;
            }

            domain = domain[(dot + 1)..];
        }

        return labels >= 2 && lastLabelHasLetter;
    }
}
