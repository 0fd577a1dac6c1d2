using System;
using System.Collections.Concurrent;
using PhoneNumbers;

namespace MarketplaceLeads.Deduplication;

/// <summary>
/// Reduces a phone number as sent to a matching key: <c>+</c>, the country calling code and the
/// national significant digits ("(415) 555-0100" with country US, "+1 415.555.0100" and
/// "1-415-555-0100" all give <c>+14155550100</c>; "0612 345 678" in NL gives <c>+31612345678</c>).
/// </summary>
/// <remarks>
/// <para>
/// This is what <see cref="CustomerInfo.PhoneE164"/> gives for a valid number, at a fraction of the
/// cost (a full libphonenumber parse and validation costs ~4 µs; de-duplicating a million leads has
/// a budget of 2 µs per lead in all). The country calling code and the national (trunk) prefix
/// come from libphonenumber's metadata for the lead's country, so the rules are Google's, not ours;
/// what is skipped is validation against the numbering plan, which matching does not need: two
/// leads with the same digits are the same line whether or not the plan knows the range.
/// </para>
/// <para>
/// No key (<see langword="null"/>) for blanks, fewer than 7 or more than 15 digits, and filler such
/// as <c>0000000</c> or <c>1234567890</c>. A number without a <c>+</c>/<c>00</c> prefix and without a
/// known country gets a key of its digits behind <c>?</c>, which matches only the same digits
/// written the same way.
/// </para>
/// </remarks>
internal static class PhoneKey
{
    /// <summary>How many trailing digits find and compare a number whatever way it was written (with or without the country, a trunk 0 after the country code).</summary>
    public const int SuffixDigits = 8;

    private static readonly System.Buffers.SearchValues<char> ExtensionMarks =
        System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ#;,");

    private const int MinDigits = 7;
    private const int MaxDigits = 15;
    private static readonly ConcurrentDictionary<string, (string CallingCode, string NationalPrefix)> Regions = new(StringComparer.Ordinal);

    /// <summary>
    /// Returns the extension written after a number ("x 35", "ext. 442", "poste 12": one to six digits after a letter,
    /// <c>#</c>, <c>;</c> or <c>,</c>), or an empty span when there is none. Two leads at one switchboard with different
    /// extensions are two desks.
    /// </summary>
    public static ReadOnlySpan<char> ExtensionOf(string? phone)
    {
        if (string.IsNullOrEmpty(phone) || phone.Length > 64 || phone.AsSpan().IndexOfAny(ExtensionMarks) < 0)
        {
            return default; // most numbers: no letter, '#', ';' or ',' at all (one vectorised scan)
        }

        var text = phone.AsSpan();
        var digitsSeen = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsAsciiDigit(c))
            {
                digitsSeen = true;
            }
            else if ((char.IsAsciiLetter(c) || c is '#' or ';' or ',') && digitsSeen)
            {
                var rest = text[(i + 1)..];
                var start = rest.IndexOfAnyInRange('0', '9');
                if (start < 0)
                {
                    return default;
                }

                var digits = rest[start..];
                var end = digits.IndexOfAnyExceptInRange('0', '9');
                if (end >= 0 && digits[end..].IndexOfAnyInRange('0', '9') >= 0)
                {
                    return default; // more digits further on: a second number ("…; +49 170 1234567"), not an extension
                }

                digits = end < 0 ? digits : digits[..end];
                return digits.Length is >= 1 and <= 6 ? digits : default;
            }
        }

        return default;
    }

    /// <summary>Returns the key of <paramref name="phone"/>, read with <paramref name="countryAlpha2"/> as its region when it has no country code.</summary>
    public static string? Of(string? phone, string? countryAlpha2)
    {
        Span<char> key = stackalloc char[MaxDigits + 1];
        var length = Write(phone, countryAlpha2, key);
        return length == 0 ? null : new string(key[..length]);
    }

    /// <summary>Returns the key of <paramref name="phone"/> packed in 64 bits (<see cref="Pack"/>), 0 for none.</summary>
    public static ulong PackedOf(string? phone, string? countryAlpha2)
    {
        Span<char> key = stackalloc char[MaxDigits + 1];
        var length = Write(phone, countryAlpha2, key);
        return length == 0 ? 0 : Pack(key[..length]);
    }

    /// <summary>
    /// Packs a key (<c>+</c> or <c>?</c> and 7 to 15 digits) in 64 bits, so that two keys are equal when their packed forms
    /// are: bit 63 set, bit 62 for <c>+</c>, the number of digits in bits 56–59 and the digits as a number in the low 50.
    /// </summary>
    public static ulong Pack(ReadOnlySpan<char> key)
    {
        ulong digits = 0;
        foreach (var c in key[1..])
        {
            digits = (digits * 10) + (ulong)(c - '0');
        }

        return PackedFlag | (key[0] == '+' ? InternationalFlag : 0) | ((ulong)(key.Length - 1) << 56) | digits;
    }

    /// <summary>Writes a packed key as text (what <see cref="Of"/> returns); returns the number of characters written.</summary>
    public static int Write(ulong packed, Span<char> into)
    {
        var count = DigitCount(packed);
        into[0] = (packed & InternationalFlag) != 0 ? '+' : '?';
        WriteDigits(DigitsOf(packed), into.Slice(1, count));
        return count + 1;
    }

    /// <summary>A packed key as text; <see langword="null"/> for 0.</summary>
    public static string? ToText(ulong packed)
    {
        if (packed == 0)
        {
            return null;
        }

        Span<char> key = stackalloc char[MaxDigits + 1];
        return new string(key[..Write(packed, key)]);
    }

    /// <summary>Writes the <see cref="Suffix"/> of a packed key; returns the number of characters written.</summary>
    public static int WriteSuffix(ulong packed, Span<char> into)
    {
        var length = SuffixLength(packed);
        WriteDigits(SuffixOf(packed, length), into[..length]);
        return length;
    }

    /// <summary>Whether two packed keys have the same <see cref="Suffix"/> (the same line, however it was written).</summary>
    public static bool SameSuffix(ulong a, ulong b) => SuffixLength(a) is var length && length == SuffixLength(b) && SuffixOf(a, length) == SuffixOf(b, length);

    /// <summary>Whether two packed keys have more than <see cref="SuffixDigits"/> characters each and the same last <see cref="SuffixDigits"/> digits.</summary>
    public static bool SameSubscriberNumber(ulong a, ulong b) =>
        DigitCount(a) >= SuffixDigits && DigitCount(b) >= SuffixDigits && SuffixOf(a, SuffixDigits) == SuffixOf(b, SuffixDigits);

    private const ulong PackedFlag = 1UL << 63;
    private const ulong InternationalFlag = 1UL << 62;
    private const ulong DigitsMask = (1UL << 50) - 1;

    private static int DigitCount(ulong packed) => (int)(packed >> 56) & 0xF;

    private static ulong DigitsOf(ulong packed) => packed & DigitsMask;

    private static int SuffixLength(ulong packed) => Math.Min(DigitCount(packed), SuffixDigits);

    private static ulong SuffixOf(ulong packed, int length) => DigitsOf(packed) % Pow10(length);

    private static ulong Pow10(int exponent)
    {
        ulong value = 1;
        for (var i = 0; i < exponent; i++)
        {
            value *= 10;
        }

        return value;
    }

    private static void WriteDigits(ulong digits, Span<char> into)
    {
        for (var i = into.Length - 1; i >= 0; i--)
        {
            into[i] = (char)('0' + (int)(digits % 10));
            digits /= 10;
        }
    }

    /// <summary>Writes the key of <paramref name="phone"/> into <paramref name="key"/> (at least 16 characters); returns its length, 0 for none.</summary>
    private static int Write(string? phone, string? countryAlpha2, Span<char> key)
    {
        if (string.IsNullOrWhiteSpace(phone) || phone.Length > 64)
        {
            return 0;
        }

        Span<char> digits = stackalloc char[64];
        var count = 0;
        var text = phone.AsSpan().Trim();
        var international = text.Length > 0 && text[0] == '+';
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '(' && i + 2 < text.Length && text[i + 1] == '0' && text[i + 2] == ')' && (international || count > 0))
            {
                i += 2; // "+44 (0)20 …": the trunk prefix written beside the country code is not dialled
                continue;
            }

            if (char.IsAsciiDigit(c))
            {
                digits[count++] = c;
            }
            else if ((char.IsAsciiLetter(c) || c is '#' or ';' or ',') && count > 0)
            {
                break; // an extension ("x 35", "ext. 442", "poste 12", "wew. 3") or a second number follows
            }
        }

        var number = digits[..count];
        if (!international && number.StartsWith("00"))
        {
            international = true;
            number = number[2..];
        }

        int length;
        if (international || (countryAlpha2 is null ? default : RegionOf(countryAlpha2)) is not { CallingCode: not null } region)
        {
            if (!IsPlausible(number))
            {
                return 0;
            }

            key[0] = international ? '+' : '?';
            number.CopyTo(key[1..]);
            return 1 + number.Length;
        }

        // Written nationally: drop the trunk prefix ("0" in most of Europe, "1" in North America).
        var prefix = region.NationalPrefix;
        if (prefix.Length > 0 && number.Length - prefix.Length >= MinDigits && number.StartsWith(prefix))
        {
            number = number[prefix.Length..];
        }
        else if (number.Length > region.CallingCode.Length + MinDigits && number.StartsWith(region.CallingCode))
        {
            number = number[region.CallingCode.Length..]; // "34 612 345 678": the country code without its "+"
        }

        if (!IsPlausible(number) || region.CallingCode.Length + number.Length > MaxDigits)
        {
            return 0;
        }

        key[0] = '+';
        region.CallingCode.CopyTo(key[1..]);
        length = 1 + region.CallingCode.Length;
        number.CopyTo(key[length..]);
        return length + number.Length;
    }

    /// <summary>The last <see cref="SuffixDigits"/> digits of a key (the whole key's digits when shorter).</summary>
    public static ReadOnlySpan<char> Suffix(string key) => key.Length > SuffixDigits ? key.AsSpan(key.Length - SuffixDigits) : key.AsSpan(1);

    private static bool IsPlausible(ReadOnlySpan<char> digits)
    {
        if (digits.Length is < MinDigits or > MaxDigits)
        {
            return false;
        }

        var significant = digits.TrimStart('0');
        if (significant.Length < MinDigits - 1 || significant.IndexOfAnyExcept(significant[0]) < 0)
        {
            return false; // 0000000, 5555555
        }

        var ascending = true;
        var descending = true;
        for (var i = 1; i < significant.Length && (ascending || descending); i++)
        {
            ascending &= significant[i] == (char)('0' + ((significant[i - 1] - '0' + 1) % 10));
            descending &= significant[i] == (char)('0' + ((significant[i - 1] - '0' + 9) % 10));
        }

        return !ascending && !descending; // 1234567890, 9876543210
    }

    private static (string? CallingCode, string NationalPrefix) RegionOf(string alpha2)
    {
        // Alpha-2 codes as Countries gives them (two capital letters): a slot each in a small array, filled on first use
        // (a region unknown to libphonenumber is remembered too). Racing threads store equal values, so no lock is needed.
        if (alpha2.Length == 2 && char.IsAsciiLetterUpper(alpha2[0]) && char.IsAsciiLetterUpper(alpha2[1]))
        {
            var slot = ((alpha2[0] - 'A') * 26) + (alpha2[1] - 'A');
            var known = RegionSlots[slot];
            if (known is null)
            {
                var looked = LookUpRegion(alpha2);
                RegionSlots[slot] = known = new Region(looked.CallingCode, looked.NationalPrefix);
            }

            return (known.CallingCode, known.NationalPrefix);
        }

        return LookUpRegion(alpha2);
    }

    /// <summary>
    /// Says whether a packed key is a mobile number by its country's numbering plan (libphonenumber's metadata): a mobile
    /// is one person's line, where a landline may be a company's switchboard or a household's. <see langword="false"/> for
    /// plans that do not tell mobiles from landlines (the US, Canada) and for numbers without a country.
    /// </summary>
    /// <remarks>A microsecond or two (the plan's patterns are regular expressions): callers ask once per subject, and only where it decides something.</remarks>
    public static bool IsMobile(ulong packed) => TypeOf(packed) == PhoneNumberType.MOBILE;

    /// <summary>
    /// The line's kind by the numbering plan, in one lookup: 2 a mobile (<see cref="IsMobile"/>), 3 a number of a plan that
    /// does not tell mobiles from landlines (the US, Canada, Mexico: libphonenumber's <c>FIXED_LINE_OR_MOBILE</c>), 1 anything else.
    /// </summary>
    internal static byte LineClass(ulong packed) => TypeOf(packed) switch
    {
        PhoneNumberType.MOBILE => 2,
        PhoneNumberType.FIXED_LINE_OR_MOBILE => 3,
        _ => 1,
    };

    private static PhoneNumberType TypeOf(ulong packed)
    {
        Span<char> text = stackalloc char[MaxDigits + 2];
        var length = packed == 0 ? 0 : Write(packed, text);
        if (length < 2 || text[0] != '+')
        {
            return PhoneNumberType.UNKNOWN;
        }

        // Calling codes are prefix-free: exactly one of the first one to three digits is one.
        var util = PhoneNumberUtil.GetInstance();
        var digits = text[1..length];
        for (var codeLength = 1; codeLength <= 3 && codeLength < digits.Length; codeLength++)
        {
            var code = int.Parse(digits[..codeLength], System.Globalization.CultureInfo.InvariantCulture);
            if (util.GetRegionCodeForCountryCode(code) != "ZZ")
            {
                var national = digits[codeLength..];
                var zeros = national.IndexOfAnyExcept('0');
                if (zeros < 0 || !ulong.TryParse(national, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number))
                {
                    return PhoneNumberType.UNKNOWN;
                }

                var builder = new PhoneNumber.Builder().SetCountryCode(code).SetNationalNumber(number);
                if (zeros > 0)
                {
                    builder.SetNumberOfLeadingZeros(zeros); // Italy's landlines keep their 0 after the country code
                }

                var phone = builder.Build();
                return util.GetNumberType(phone);
            }
        }

        return PhoneNumberType.UNKNOWN;
    }

    private static readonly Region?[] RegionSlots = new Region?[26 * 26];

    private sealed record Region(string? CallingCode, string NationalPrefix);

    private static (string? CallingCode, string NationalPrefix) LookUpRegion(string alpha2)
    {
        if (Regions.TryGetValue(alpha2, out var cached))
        {
            return cached;
        }

        var util = PhoneNumberUtil.GetInstance();
        var code = util.GetCountryCodeForRegion(alpha2);
        if (code == 0)
        {
            return default;
        }

        var metadata = util.GetMetadataForRegion(alpha2);
        var entry = (code.ToString(System.Globalization.CultureInfo.InvariantCulture), metadata?.NationalPrefix ?? string.Empty);
        Regions.TryAdd(alpha2, entry);
        return entry;
    }
}
