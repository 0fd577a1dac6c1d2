using System;

namespace MarketplaceLeads.Normalization;

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

        // Nearly every address is ASCII: one vectorised check, then a single table-driven pass. Anything else takes the
        // general path, which decides the same for ASCII text.
        return System.Text.Ascii.IsValid(text) ? IsValidAscii(text) : IsValidReference(text);
    }

    /// <summary><see cref="IsValid"/> for ASCII text, in one pass over the characters.</summary>
    private static bool IsValidAscii(ReadOnlySpan<char> text)
    {
        var at = text.IndexOf('@');
        if (at <= 0 || at > MaxLocalLength)
        {
            return false;
        }

        var classes = CharClasses;
        var previousDot = true; // no leading dot
        for (var i = 0; i < at; i++)
        {
            var c = text[i];
            if (c == '.')
            {
                if (previousDot)
                {
                    return false;
                }

                previousDot = true;
            }
            else if ((classes[c] & LocalClass) == 0)
            {
                return false;
            }
            else
            {
                previousDot = false;
            }
        }

        if (previousDot)
        {
            return false; // no trailing dot
        }

        // The domain: a second '@' is not a domain character, so it fails here as it does in the general path.
        var labels = 0;
        var labelStart = at + 1;
        var hasLetter = false;
        for (var i = labelStart; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '.')
            {
                if (!IsLabel(text, labelStart, i))
                {
                    return false;
                }

                labels++;
                labelStart = i + 1;
                hasLetter = false;
                continue;
            }

            var cls = classes[c];
            if ((cls & DomainClass) == 0)
            {
                return false;
            }

            hasLetter |= (cls & LetterClass) != 0;
        }

        return IsLabel(text, labelStart, text.Length) && labels >= 1 && hasLetter;

        static bool IsLabel(ReadOnlySpan<char> text, int start, int end) =>
            end > start && end - start <= MaxLabelLength && text[start] != '-' && text[end - 1] != '-';
    }

    private const byte LocalClass = 1;
    private const byte DomainClass = 2;
    private const byte LetterClass = 4;

    /// <summary>For each ASCII character: allowed in a local part, allowed in a domain label, a letter.</summary>
    private static ReadOnlySpan<byte> CharClasses =>
    [
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        //   !  "  #  $  %  &  '  (  )  *  +  ,  -  .  /
        0, 1, 0, 1, 1, 1, 1, 1, 0, 0, 1, 1, 0, 3, 0, 1,
        // 0-9                          :  ;  <  =  >  ?
        3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 0, 0, 0, 1, 0, 1,
        // @  A-O
        0, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7,
        // P-Z                                   [  \  ]  ^  _
        7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 0, 0, 0, 1, 1,
        // `  a-o
        1, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7,
        // p-z                                   {  |  }  ~  DEL
        7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 1, 1, 1, 1, 0,
    ];

    /// <summary>The general form of <see cref="IsValid"/>, for any text (and the reference the ASCII path is tested against).</summary>
    internal static bool IsValidReference(ReadOnlySpan<char> text)
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
