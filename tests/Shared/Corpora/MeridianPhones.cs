using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace MarketplaceLeads.Testing.Corpora;

/// <summary>What kind of line a number is.</summary>
internal enum MeridianPhoneKind
{
    Mobile,
    Landline,

    /// <summary>A national-only business number (1300 in Australia, 9200 in Saudi Arabia, 444 in Turkey).</summary>
    Business,
}

/// <summary>How a number is written on a form.</summary>
internal enum MeridianPhoneStyle
{
    /// <summary><c>+91 98765 43210</c>.</summary>
    IntlSpaced,

    /// <summary><c>+919876543210</c>.</summary>
    IntlCompact,

    /// <summary><c>+91-98765-43210</c>.</summary>
    IntlDashed,

    /// <summary><c>098765 43210</c>.</summary>
    NationalSpaced,

    /// <summary><c>09876543210</c>.</summary>
    NationalCompact,

    /// <summary><c>090-1234-5678</c>.</summary>
    NationalDashed,

    /// <summary><c>(02) 9876 5432</c>.</summary>
    NationalParenArea,

    /// <summary><c>+61 (0) 412 345 678</c>.</summary>
    IntlZeroInParens,

    /// <summary><c>254712345678</c> or <c>91 98765 43210</c>: the calling code without the plus.</summary>
    BareCallingCode,

    /// <summary><c>00971 50 123 4567</c>.</summary>
    DoubleZero,

    /// <summary><c>+61 0412 345 678</c>: the trunk prefix kept after the country code (a common mistake).</summary>
    IntlWithTrunk,

    /// <summary><c>024.3823.4567</c> (Vietnam).</summary>
    Dotted,

    /// <summary><c>０９０－１２３４－５６７８</c>: full-width digits from a Japanese input method.</summary>
    FullWidth,

    /// <summary>The subscriber number alone, without area code (<c>9876 5432</c>).</summary>
    LocalOnly,
}

/// <summary>A telephone number: the national significant number and how it is grouped.</summary>
/// <param name="Country">The alpha-2 code of the country the number belongs to.</param>
/// <param name="Kind">The kind of line.</param>
/// <param name="Nsn">The national significant number (no trunk prefix, no country code).</param>
/// <param name="Groups">How the digits are grouped when written with spaces; the first group is the area or mobile prefix.</param>
internal sealed record MeridianPhone(string Country, MeridianPhoneKind Kind, string Nsn, int[] Groups)
{
    /// <summary>Gets a key for counting: the country and digits.</summary>
    public string Key => Country + ":" + Nsn;
}

/// <summary>Numbers and the ways people write them.</summary>
internal static class MeridianPhones
{
    private static readonly string[] ExtensionFormats = [" ext. {0}", " x{0}", " ext {0}", " Ext: {0}", " #{0}", " (ext {0})", " EXT {0}"];

    /// <summary>Makes a mobile number in an allocated range.</summary>
    public static MeridianPhone NewMobile(MeridianCountry country, Random random)
    {
        MeridianPhone phone;
        var attempts = 0;
        do
        {
            var prefix = Pick(random, country.MobilePrefixes);
            var nsn = prefix + (char)('2' + random.Next(8)) + Digits(random, country.MobileLength - prefix.Length - 1);
            phone = new MeridianPhone(country.Code, MeridianPhoneKind.Mobile, nsn, country.MobileGroups);
        }
        while (!IsAllocated(phone) && ++attempts < 50);
        return phone;
    }

    /// <summary>Makes a landline number in an allocated range of one of the country's areas; a mobile where landlines are rare and none fits.</summary>
    public static MeridianPhone NewLandline(MeridianCountry country, Random random)
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var area = Pick(random, country.Areas);
            var length = area.Groups.Sum();
            var nsn = area.Code + (char)('2' + random.Next(8)) + Digits(random, length - 1);

            // Singapore has no area codes: its landlines are eight digits starting with 6, written 6123 4567.
            int[] groups = country.Code == "SG" ? [4, 4] : [area.Code.Length, .. area.Groups];
            var phone = new MeridianPhone(country.Code, MeridianPhoneKind.Landline, nsn, groups);
            if (IsAllocated(phone))
            {
                return phone;
            }
        }

        return NewMobile(country, random);
    }

    /// <summary>Makes a direct line in the same block as a company's main number (same leading digits, different last four).</summary>
    public static MeridianPhone NewDirectLine(MeridianPhone main, Random random)
    {
        string nsn;
        do
        {
            nsn = main.Nsn[..^4] + Digits(random, 4);
        }
        while (nsn == main.Nsn);
        return main with { Nsn = nsn };
    }

    /// <summary>Makes a national business number, where the country has them.</summary>
    public static MeridianPhone? NewBusiness(MeridianCountry country, Random random)
    {
        if (country.BusinessNumbers.Length == 0)
        {
            return null;
        }

        var template = Pick(random, country.BusinessNumbers);
        var nsn = new string([.. template.Select(c => c == '#' ? (char)('0' + random.Next(10)) : c)]);
        int[] groups = nsn.Length switch
        {
            10 => [4, 3, 3],
            9 => [4, 5],
            _ => [3, 2, 2],
        };
        return new MeridianPhone(country.Code, MeridianPhoneKind.Business, nsn, groups);
    }

    /// <summary>Picks how a person usually writes numbers of this country and kind.</summary>
    public static MeridianPhoneStyle PickStyle(MeridianCountry country, MeridianPhoneKind kind, Random random)
    {
        if (kind == MeridianPhoneKind.Business)
        {
            return Weighted(random, (MeridianPhoneStyle.NationalSpaced, 60), (MeridianPhoneStyle.NationalCompact, 25), (MeridianPhoneStyle.IntlSpaced, 10), (MeridianPhoneStyle.NationalDashed, 5));
        }

        var noTrunk = country.Trunk.Length == 0;
        var landline = kind == MeridianPhoneKind.Landline;
        var choices = new List<(MeridianPhoneStyle, int)>
        {
            (MeridianPhoneStyle.IntlSpaced, 22),
            (MeridianPhoneStyle.IntlCompact, 13),
            (MeridianPhoneStyle.IntlDashed, 6),
            (MeridianPhoneStyle.NationalSpaced, noTrunk ? 30 : 20),
            (MeridianPhoneStyle.NationalCompact, noTrunk ? 18 : 17),
            (MeridianPhoneStyle.NationalDashed, 6),
            (MeridianPhoneStyle.BareCallingCode, 4),
        };
        if (!noTrunk)
        {
            choices.Add((MeridianPhoneStyle.IntlZeroInParens, 3));
            choices.Add((MeridianPhoneStyle.IntlWithTrunk, 2));
        }

        if (landline && !noTrunk)
        {
            choices.Add((MeridianPhoneStyle.NationalParenArea, 10));
        }

        if (landline && country.Code is "AU" or "NZ" or "ZA" or "IN")
        {
            choices.Add((MeridianPhoneStyle.LocalOnly, 3));
        }

        switch (country.Code)
        {
            case "JP":
            case "KR":
                choices.Add((MeridianPhoneStyle.NationalDashed, 45));
                break;
            case "CN":
                choices.Add((MeridianPhoneStyle.NationalCompact, 25));
                break;
            case "VN":
                choices.Add((MeridianPhoneStyle.Dotted, 6));
                break;
            case "AE":
            case "SA":
                choices.Add((MeridianPhoneStyle.DoubleZero, 7));
                break;
            case "NG":
            case "KE":
                choices.Add((MeridianPhoneStyle.NationalCompact, 15));
                choices.Add((MeridianPhoneStyle.BareCallingCode, 6));
                break;
            case "AU":
            case "NZ":
            case "ZA":
                choices.Add((MeridianPhoneStyle.NationalSpaced, 25));
                break;
            default:
                break;
        }

        return Weighted(random, [.. choices]);
    }

    /// <summary>Writes a number in a style.</summary>
    public static string Format(MeridianPhone phone, MeridianPhoneStyle style)
    {
        var country = MeridianPlaces.Of(phone.Country);
        var cc = country.CallingCode;
        var trunk = phone.Kind == MeridianPhoneKind.Business ? string.Empty : country.Trunk;
        var groups = Group(phone.Nsn, phone.Groups);
        if (phone.Kind == MeridianPhoneKind.Business)
        {
            return style switch
            {
                MeridianPhoneStyle.NationalCompact => phone.Nsn,
                MeridianPhoneStyle.NationalDashed => string.Join('-', groups),
                MeridianPhoneStyle.IntlSpaced => "+" + cc + " " + string.Join(' ', groups),
                _ => string.Join(' ', groups),
            };
        }

        switch (style)
        {
            case MeridianPhoneStyle.IntlSpaced:
                return "+" + cc + " " + string.Join(' ', groups);
            case MeridianPhoneStyle.IntlCompact:
                return "+" + cc + phone.Nsn;
            case MeridianPhoneStyle.IntlDashed:
                return "+" + cc + "-" + string.Join('-', groups);
            case MeridianPhoneStyle.NationalSpaced:
                return trunk + string.Join(' ', groups);
            case MeridianPhoneStyle.NationalCompact:
                return trunk + phone.Nsn;
            case MeridianPhoneStyle.NationalDashed:
                return trunk + string.Join('-', groups);
            case MeridianPhoneStyle.NationalParenArea:
                return "(" + trunk + groups[0] + ") " + string.Join(' ', groups.Skip(1));
            case MeridianPhoneStyle.IntlZeroInParens:
                return "+" + cc + " (" + trunk + ")" + string.Join(' ', groups);
            case MeridianPhoneStyle.BareCallingCode:
                return phone.Nsn.Length % 2 == 0 ? cc + phone.Nsn : cc + " " + string.Join(' ', groups);
            case MeridianPhoneStyle.DoubleZero:
                return "00" + cc + " " + string.Join(' ', groups);
            case MeridianPhoneStyle.IntlWithTrunk:
                return "+" + cc + " " + trunk + string.Join(' ', groups);
            case MeridianPhoneStyle.Dotted:
                return trunk + string.Join('.', groups);
            case MeridianPhoneStyle.FullWidth:
                return ToFullWidth(trunk + string.Join('-', groups));
            case MeridianPhoneStyle.LocalOnly:
                return phone.Kind == MeridianPhoneKind.Landline ? string.Join(' ', groups.Skip(1)) : trunk + string.Join(' ', groups);
            default:
                throw new ArgumentOutOfRangeException(nameof(style), style, "unknown phone style");
        }
    }

    /// <summary>Writes an extension after a number, one of the ways people do.</summary>
    public static string WithExtension(string number, string extension, Random random) =>
        number + string.Format(System.Globalization.CultureInfo.InvariantCulture, Pick(random, ExtensionFormats), extension);

    /// <summary>
    /// Tells whether a number is in an allocated range of its country's numbering plan, by Google's numbering metadata
    /// (libphonenumber). Real customers' numbers are allocated ones; the corpus makes invalid numbers only by how
    /// people write them (a trunk 0 after the country code, no area code, a missing country).
    /// </summary>
    private static bool IsAllocated(MeridianPhone phone)
    {
        var util = PhoneNumbers.PhoneNumberUtil.GetInstance();
        try
        {
            var number = util.Parse("+" + MeridianPlaces.Of(phone.Country).CallingCode + phone.Nsn, null);
            return util.IsValidNumber(number);
        }
        catch (PhoneNumbers.NumberParseException)
        {
            return false;
        }
    }

    /// <summary>Makes random digits.</summary>
    public static string Digits(Random random, int count)
    {
        var chars = new char[count];
        for (var i = 0; i < count; i++)
        {
            chars[i] = (char)('0' + random.Next(10));
        }

        return new string(chars);
    }

    private static string ToFullWidth(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            builder.Append(c switch
            {
                >= '0' and <= '9' => (char)(c - '0' + '０'),
                '-' => '－',
                '+' => '＋',
                _ => c,
            });
        }

        return builder.ToString();
    }

    private static List<string> Group(string digits, int[] sizes)
    {
        var groups = new List<string>();
        var at = 0;
        foreach (var size in sizes)
        {
            if (at >= digits.Length)
            {
                break;
            }

            var take = Math.Min(size, digits.Length - at);
            groups.Add(digits.Substring(at, take));
            at += take;
        }

        if (at < digits.Length)
        {
            groups[^1] += digits[at..];
        }

        return groups;
    }

    private static T Pick<T>(Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];

    private static T Weighted<T>(Random random, params (T Item, int Weight)[] items)
    {
        var total = items.Sum(i => i.Weight);
        var roll = random.Next(total);
        foreach (var (item, weight) in items)
        {
            if (roll < weight)
            {
                return item;
            }

            roll -= weight;
        }

        return items[^1].Item;
    }
}
