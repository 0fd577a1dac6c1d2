using System;
using System.Globalization;
using System.Text;

namespace MarketplaceLeads.Testing.Corpora;

/// <summary>
/// A phone number of the Atlantic corpus: country, area (national destination code without the trunk
/// prefix; for Italy with its leading 0, which Italy keeps) and subscriber number.
/// </summary>
/// <param name="Country">The ISO 3166 alpha-2 code of the number's country.</param>
/// <param name="Area">The area code or mobile prefix, without trunk prefix.</param>
/// <param name="Number">The subscriber number (for a German PBX, its base without the extension).</param>
/// <param name="Mobile">Whether it is a mobile number.</param>
internal sealed record AtlanticPhone(string Country, string Area, string Number, bool Mobile)
{
    /// <summary>Gets the extension (switchboard <c>0</c> or a person's line), or <see langword="null"/>.</summary>
    public string? Extension { get; init; }

    /// <summary>Gets a value indicating whether the extension is dialled as part of the number (a German Durchwahl: <c>0711 123456-0</c> is the switchboard, <c>-241</c> a person's line).</summary>
    public bool DialThrough { get; init; }
}

/// <summary>The phone plans of the Atlantic countries: numbers shaped like real ones, and the ways people write them.</summary>
internal static class AtlanticPhones
{
    private static readonly (string Area, int Length)[] GermanAreas =
        [("30", 8), ("40", 8), ("89", 8), ("69", 8), ("221", 7), ("211", 7), ("711", 7), ("351", 7), ("341", 7), ("511", 7), ("911", 7), ("421", 7), ("7531", 6), ("8031", 6), ("6221", 6), ("4101", 6), ("2871", 6)];

    private static readonly (string Area, int Length)[] GermanMobiles =
        [("151", 8), ("152", 8), ("157", 8), ("160", 7), ("170", 7), ("171", 7), ("172", 7), ("175", 7), ("176", 8), ("179", 7)];

    private static readonly string[] PolishAreas = ["22", "12", "61", "71", "58", "42", "32", "81", "85", "91", "52", "17"];
    private static readonly string[] PolishMobiles = ["50", "51", "53", "60", "66", "69", "72", "78", "79", "88"];
    private static readonly string[] SpanishAreas = ["91", "93", "96", "94", "95", "97"];
    private static readonly string[] BrazilAreas = ["11", "21", "31", "41", "51", "61", "71", "81", "85", "19", "27", "48", "62", "92"];

    private static readonly (string Area, int Length)[] ItalianAreas =
        [("02", 8), ("06", 8), ("011", 7), ("055", 7), ("081", 7), ("051", 7), ("041", 7), ("010", 7), ("091", 7), ("030", 7), ("035", 7), ("045", 7)];

    private static readonly string[] ItalianMobiles = ["320", "328", "329", "333", "334", "335", "338", "339", "340", "342", "345", "347", "348", "349", "366", "380", "388", "389", "392", "393"];

    private static readonly (string Area, int Length)[] DutchAreas =
        [("20", 7), ("10", 7), ("70", 7), ("30", 7), ("40", 7), ("50", 7), ("13", 7), ("23", 7), ("26", 7), ("33", 7), ("35", 7), ("43", 7), ("53", 7), ("71", 7), ("591", 6), ("513", 6), ("575", 6), ("548", 6), ("499", 6), ("229", 6), ("314", 6)];

    private static readonly (string Area, int Length)[] SwedishAreas = [("8", 7), ("8", 8), ("31", 7), ("40", 7), ("18", 6), ("13", 6), ("90", 6), ("60", 6)];
    private static readonly string[] SwedishMobiles = ["70", "72", "73", "76", "79"];
    private static readonly string[] NorwegianAreas = ["22", "23", "21", "55", "73", "51", "38", "69"];
    private static readonly string[] NorwegianMobiles = ["40", "41", "46", "47", "48", "90", "91", "92", "93", "94", "95", "97", "98", "99"];
    private static readonly (string Area, int Length)[] IrishAreas = [("1", 7), ("1", 7), ("21", 7), ("91", 6), ("61", 6), ("51", 6), ("71", 7), ("56", 7), ("66", 7), ("74", 7)];
    private static readonly string[] IrishMobiles = ["83", "85", "86", "87", "89"];
    private static readonly (string Area, int Length)[] BritishAreas = [("20", 8), ("20", 8), ("161", 7), ("121", 7), ("113", 7), ("141", 7), ("131", 7), ("117", 7), ("1223", 6), ("1865", 6), ("1603", 6)];
    private static readonly string[] BritishMobiles = ["7912", "7712", "7825", "7956", "7400", "7507", "7592", "7766", "7883", "7444", "7970", "7812"];
    private static readonly string[] UsAreas = ["212", "646", "718", "312", "773", "415", "650", "425", "206", "253", "617", "713", "214", "305", "404", "512", "720", "303", "602", "503", "612", "919", "704", "215", "314", "216", "412", "801", "702", "813", "615", "858", "916", "707", "978", "608", "317", "414", "502", "405", "504"];
    private static readonly string[] CanadianAreas = ["416", "647", "437", "604", "778", "403", "587", "613", "343", "902", "306", "204", "905", "519", "780", "709"];
    private static readonly string[] QuebecAreas = ["514", "438", "418", "581", "450", "819"];
    private static readonly (string Area, int Length)[] MexicanAreas = [("55", 8), ("55", 8), ("33", 8), ("81", 8), ("222", 7), ("442", 7), ("999", 7), ("664", 7), ("477", 7), ("614", 7), ("998", 7), ("229", 7)];

    /// <summary>Returns a new landline (a home or a desk) in the country.</summary>
    public static AtlanticPhone Landline(AtlanticDice dice, string country, bool quebec = false)
    {
        switch (country)
        {
            case "DE":
                var (deArea, deLength) = dice.Pick(GermanAreas);
                return new(country, deArea, Subscriber(dice, deLength), false);
            case "PL":
                return new(country, dice.Pick(PolishAreas), Subscriber(dice, 7), false);
            case "FR":
                // 0262, 0269 and 0594 are overseas departments, not metropolitan France.
                var frArea = dice.Next(1, 6);
                var frFirst = dice.Next(1, frArea is 2 or 5 ? 6 : 10);
                return new(country, frArea.ToString(CultureInfo.InvariantCulture), frFirst.ToString(CultureInfo.InvariantCulture) + dice.Digits(7), false);
            case "ES":
                return new(country, dice.Pick(SpanishAreas), Subscriber(dice, 7), false);
            case "BR":
                return new(country, dice.Pick(BrazilAreas), dice.Next(2, 6).ToString(CultureInfo.InvariantCulture) + dice.Digits(7), false);
            case "IT":
                var (itArea, itLength) = dice.Pick(ItalianAreas);
                return new(country, itArea, Subscriber(dice, itLength), false);
            case "NL":
                var (nlArea, nlLength) = dice.Pick(DutchAreas);
                return new(country, nlArea, Subscriber(dice, nlLength), false);
            case "SE":
                var (seArea, seLength) = dice.Pick(SwedishAreas);
                return new(country, seArea, Subscriber(dice, seLength), false);
            case "NO":
                return new(country, dice.Pick(NorwegianAreas), Subscriber(dice, 6), false);
            case "IE":
                var (ieArea, ieLength) = dice.Pick(IrishAreas);
                return new(country, ieArea, Subscriber(dice, ieLength), false);
            case "GB":
                var (gbArea, gbLength) = dice.Pick(BritishAreas);
                var gbNumber = gbArea == "20" ? dice.Pick(["7", "8", "3"]) + Subscriber(dice, 7)
                    : gbArea.Length == 3 ? dice.Next(2, 5).ToString(CultureInfo.InvariantCulture) + dice.Digits(gbLength - 1)
                    : Subscriber(dice, gbLength);
                return new(country, gbArea, gbNumber, false);
            case "US":
                return new(country, dice.Pick(UsAreas), Exchange(dice) + dice.Digits(4), false);
            case "CA":
                return new(country, dice.Pick(quebec ? QuebecAreas : CanadianAreas), Exchange(dice) + dice.Digits(4), false);
            case "MX":
                var (mxArea, mxLength) = dice.Pick(MexicanAreas);
                return new(country, mxArea, Subscriber(dice, mxLength), false);
            default:
                throw new ArgumentOutOfRangeException(nameof(country), country, "No phone plan for this country.");
        }
    }

    /// <summary>Returns a new mobile number in the country.</summary>
    public static AtlanticPhone Mobile(AtlanticDice dice, string country, bool quebec = false)
    {
        switch (country)
        {
            case "DE":
                var (dePrefix, deLength) = dice.Pick(GermanMobiles);
                return new(country, dePrefix, Subscriber(dice, deLength), true);
            case "PL":
                var pl = dice.Pick(PolishMobiles) + dice.Digits(7);
                return new(country, pl[..3], pl[3..], true);
            case "FR":
                // 0639 and 069x are overseas mobiles; 07 mobiles are 073–078.
                var frMobile = dice.Chance(0.8);
                return new(country, frMobile ? "6" : "7", (frMobile ? "01245678"[dice.Next(0, 8)] : "345678"[dice.Next(0, 6)]) + dice.Digits(7), true);
            case "ES":
                var es = dice.Chance(0.85) ? "6" + dice.Digits(8) : "7" + dice.Next(1, 5).ToString(CultureInfo.InvariantCulture) + dice.Digits(7);
                return new(country, es[..3], es[3..], true);
            case "BR":
                return new(country, dice.Pick(BrazilAreas), "9" + dice.Next(6, 10).ToString(CultureInfo.InvariantCulture) + dice.Digits(7), true);
            case "IT":
                return new(country, dice.Pick(ItalianMobiles), Subscriber(dice, 7), true);
            case "NL":
                return new(country, "6", dice.Next(1, 6).ToString(CultureInfo.InvariantCulture) + dice.Digits(7), true);
            case "SE":
                return new(country, dice.Pick(SwedishMobiles), Subscriber(dice, 7), true);
            case "NO":
                return new(country, dice.Pick(NorwegianMobiles), Subscriber(dice, 6), true);
            case "IE":
                return new(country, dice.Pick(IrishMobiles), Subscriber(dice, 7), true);
            case "GB":
                return new(country, dice.Pick(BritishMobiles), dice.Digits(6), true);
            case "US":
                return new(country, dice.Pick(UsAreas), Exchange(dice) + dice.Digits(4), true);
            case "CA":
                return new(country, dice.Pick(quebec ? QuebecAreas : CanadianAreas), Exchange(dice) + dice.Digits(4), true);
            case "MX":
                var (mxArea, mxLength) = dice.Pick(MexicanAreas);
                return new(country, mxArea, Subscriber(dice, mxLength), true);
            default:
                throw new ArgumentOutOfRangeException(nameof(country), country, "No phone plan for this country.");
        }
    }

    /// <summary>Returns a company's main number: in Germany a PBX base whose switchboard is extension 0 (<c>0711 123456-0</c>); elsewhere often a round number (…00).</summary>
    public static AtlanticPhone Switchboard(AtlanticDice dice, string country, bool quebec = false)
    {
        var phone = Landline(dice, country, quebec);
        if (country == "DE")
        {
            // A PBX: the base is two digits shorter, the switchboard is -0 and people have -NN or -NNN.
            return phone with { Number = phone.Number[..^2], Extension = "0", DialThrough = true };
        }

        return dice.Chance(0.4) ? phone with { Number = phone.Number[..^2] + "00" } : phone;
    }

    /// <summary>
    /// Returns a person's line at a company: a German Durchwahl; in North America mostly the main number and an
    /// extension; elsewhere mostly a direct-dial number that shares the main number's prefix.
    /// </summary>
    public static AtlanticPhone Line(AtlanticDice dice, AtlanticPhone main)
    {
        var extension = dice.Next(10, dice.Chance(0.6) ? 1000 : 100).ToString(CultureInfo.InvariantCulture);
        if (main.DialThrough)
        {
            return main with { Extension = extension };
        }

        var notation = main.Country switch
        {
            "US" or "CA" => 0.7,
            "GB" or "IE" => 0.4,
            _ => 0.15,
        };
        if (dice.Chance(notation))
        {
            return main with { Extension = extension };
        }

        var digits = main.Country is "US" or "CA" ? 4 : main.Number.Length >= 7 ? 3 : 2;
        while (true)
        {
            var direct = main.Number[..^digits] + dice.Digits(digits);
            if (direct != main.Number)
            {
                return main with { Number = direct };
            }
        }
    }

    /// <summary>Gets how many ways of writing a number the country has (the first is the most common).</summary>
    public static int StyleCount(string country) => country switch
    {
        "US" or "CA" => 10,
        "DE" or "MX" => 9,
        "NO" => 6,
        _ => 8,
    };

    /// <summary>Writes the number the way people in its country do; <paramref name="style"/> picks the way.</summary>
    public static string Format(AtlanticPhone phone, int style, int extensionStyle = 0)
    {
        var text = FormatNumber(phone, style % StyleCount(phone.Country));
        if (phone.Extension is { } extension && !phone.DialThrough)
        {
            text += ExtensionSuffix(phone.Country, extensionStyle, extension);
        }

        return text;
    }

    /// <summary>Returns the number's digits in international form (+ and digits), for statistics and checks.</summary>
    public static string International(AtlanticPhone phone) =>
        "+" + CallingCode(phone.Country) + phone.Area + phone.Number + (phone.DialThrough ? phone.Extension : string.Empty);

    private static string CallingCode(string country) => country switch
    {
        "DE" => "49",
        "PL" => "48",
        "FR" => "33",
        "ES" => "34",
        "BR" => "55",
        "IT" => "39",
        "NL" => "31",
        "SE" => "46",
        "NO" => "47",
        "IE" => "353",
        "GB" => "44",
        "US" or "CA" => "1",
        "MX" => "52",
        _ => throw new ArgumentOutOfRangeException(nameof(country), country, "No phone plan for this country."),
    };

    private static string ExtensionSuffix(string country, int style, string extension)
    {
        string[] forms = country switch
        {
            "US" or "CA" => [" x{0}", " ext. {0}", " ext {0}", " Ext. {0}", " x {0}"],
            "GB" or "IE" => [" ext. {0}", " x{0}", " ext {0}"],
            "PL" => [" wew. {0}", " w. {0}", " ext. {0}"],
            "FR" => [" poste {0}", " p. {0}", " ext. {0}"],
            "BR" => [" ramal {0}", " r. {0}", " ext. {0}"],
            "IT" => [" int. {0}", " interno {0}", " ext. {0}"],
            "NL" => [" tst. {0}", " toestel {0}", " ext. {0}"],
            "SE" => [" ankn. {0}", " ext. {0}"],
            _ => [" ext. {0}", " Ext {0}", " x{0}"],
        };
        return string.Format(CultureInfo.InvariantCulture, forms[style % forms.Length], extension);
    }

    private static string FormatNumber(AtlanticPhone p, int style)
    {
        var a = p.Area;
        var n = p.Number;
        var cc = CallingCode(p.Country);
        switch (p.Country)
        {
            case "DE":
            {
                var ext = p.Extension is { } e && p.DialThrough ? e : null;
                var plain = ext is null ? n : n + "-" + ext;
                var compact = ext is null ? n : n + ext;
                var grouped = (ext is null ? Pairs(n) : Pairs(n) + "-" + ext).Trim();
                return style switch
                {
                    0 => $"0{a} {plain}",
                    1 => $"0{a}/{plain}",
                    2 => $"+49 {a} {plain}",
                    3 => $"+49 (0){a} {plain}",
                    4 => $"(0{a}) {plain}",
                    5 => $"0{a}-{plain}",
                    6 => $"0049 {a} {plain}",
                    7 => $"+49{a}{compact}",
                    _ => $"0{a} {grouped}",
                };
            }

            case "FR":
                return style switch
                {
                    0 => $"0{a} {Pairs(n)}",
                    1 => $"0{a}.{Group(n, ".", 2, 2, 2, 2)}",
                    2 => $"+33 {a} {Pairs(n)}",
                    3 => $"+33 (0){a} {Pairs(n)}",
                    4 => $"0{a}{n}",
                    5 => $"0033 {a} {Pairs(n)}",
                    6 => $"+33{a}{n}",
                    _ => $"0{a}-{Group(n, "-", 2, 2, 2, 2)}",
                };
            case "PL":
                var pl = a + n;
                return p.Mobile
                    ? style switch
                    {
                        0 => Group(pl, " ", 3, 3, 3),
                        1 => "+48 " + Group(pl, " ", 3, 3, 3),
                        2 => Group(pl, "-", 3, 3, 3),
                        3 => pl,
                        4 => "0048 " + Group(pl, " ", 3, 3, 3),
                        5 => "+48" + pl,
                        6 => "+48 " + Group(pl, "-", 3, 3, 3),
                        _ => "(+48) " + Group(pl, " ", 3, 3, 3),
                    }
                    : style switch
                    {
                        0 => $"{a} {Group(n, " ", 3, 2, 2)}",
                        1 => $"+48 {a} {Group(n, " ", 3, 2, 2)}",
                        2 => $"({a}) {Group(n, "-", 3, 2, 2)}",
                        3 => $"+48 {a} {Group(n, "-", 3, 2, 2)}",
                        4 => a + n,
                        5 => $"0048 {a} {n}",
                        6 => $"+48{a}{n}",
                        _ => $"(0-{a}) {Group(n, " ", 3, 2, 2)}", // the pre-2005 trunk prefix, still on old letterheads
                    };
            case "ES":
                var es = a + n;
                return style switch
                {
                    0 => Group(es, " ", 3, 3, 3),
                    1 => p.Mobile ? Group(es, " ", 3, 2, 2, 2) : Group(es, " ", 2, 3, 2, 2),
                    2 => "+34 " + Group(es, " ", 3, 3, 3),
                    3 => "+34 " + (p.Mobile ? Group(es, " ", 3, 2, 2, 2) : Group(es, " ", 2, 3, 2, 2)),
                    4 => es,
                    5 => "0034 " + es,
                    6 => "(+34) " + Group(es, " ", 3, 3, 3),
                    _ => "+34" + es,
                };
            case "BR":
                var split = n.Length - 4;
                return style switch
                {
                    0 => $"({a}) {n[..split]}-{n[split..]}",
                    1 => p.Mobile ? $"({a}) 9 {n[1..split]}-{n[split..]}" : $"{a} {n[..split]}-{n[split..]}",
                    2 => $"+55 {a} {n[..split]}-{n[split..]}",
                    3 => p.Mobile ? $"{a} {n[..split]}-{n[split..]}" : $"+55 ({a}) {n[..split]}-{n[split..]}",
                    4 => a + n,
                    5 => "+55" + a + n,
                    6 => p.Mobile ? $"+55 ({a}) {n[..split]}-{n[split..]}" : $"(0xx{a}) {n[..split]}-{n[split..]}",
                    _ => $"{a} {n[..split]}{n[split..]}",
                };
            case "IT":
                var it = a + n;
                return p.Mobile
                    ? style switch
                    {
                        0 => $"{a} {Group(n, " ", 3, 4)}",
                        1 => $"{a} {n}",
                        2 => $"{a}/{n}",
                        3 => $"{a}-{n}",
                        4 => $"+39 {a} {Group(n, " ", 3, 4)}",
                        5 => "+39 " + it,
                        6 => $"0039 {a} {n}",
                        _ => $"+39 {a} {n}",
                    }
                    : style switch
                    {
                        0 => $"{a} {n}",
                        1 => $"{a} {Half(n)}",
                        2 => $"{a}/{n}",
                        3 => $"+39 {a} {n}",
                        4 => $"+39 {it}",
                        5 => $"0039 {a} {n}",
                        6 => $"({a}) {n}",
                        _ => $"{a}-{n}",
                    };
            case "NL":
                return p.Mobile
                    ? style switch
                    {
                        0 => $"06-{n}",
                        1 => $"06 {Group(n, " ", 4, 4)}",
                        2 => $"06 {Pairs(n)}",
                        3 => $"+31 6 {n}",
                        4 => $"+31 (0)6 {n}",
                        5 => $"+316{n}",
                        6 => $"0031 6 {Group(n, " ", 4, 4)}",
                        _ => $"06{n}",
                    }
                    : style switch
                    {
                        0 => $"0{a}-{n}",
                        1 => $"0{a} {Half(n)}",
                        2 => $"0{a} {n}",
                        3 => $"+31 {a} {Half(n)}",
                        4 => $"+31 (0){a} {n}",
                        5 => $"0031 {a} {n}",
                        6 => $"(0{a}) {n}",
                        _ => $"+31{a}{n}",
                    };
            case "SE":
                var se = SwedishGroups(n);
                return style switch
                {
                    0 => $"0{a}-{se}",
                    1 => $"0{a}-{n}",
                    2 => $"0{a} {se}",
                    3 => $"+46 {a} {se}",
                    4 => $"+46 (0){a}-{se}",
                    5 => $"+46{a}{n}",
                    6 => $"0046 {a} {n}",
                    _ => $"0{a}{n}",
                };
            case "NO":
                var no = a + n;
                var noGrouped = p.Mobile ? Group(no, " ", 3, 2, 3) : Pairs(no);
                return style switch
                {
                    0 => noGrouped,
                    1 => "+47 " + noGrouped,
                    2 => no,
                    3 => "+47 " + no,
                    4 => "0047 " + noGrouped,
                    _ => "+47" + no,
                };
            case "IE":
                var ie = Half(n);
                return style switch
                {
                    0 => $"0{a} {ie}",
                    1 => $"(0{a}) {ie}",
                    2 => $"0{a}-{n}",
                    3 => $"+353 {a} {ie}",
                    4 => $"+353 (0){a} {ie}",
                    5 => $"00353 {a} {n}",
                    6 => $"+353{a}{n}",
                    _ => $"0{a}{n}",
                };
            case "GB":
                var gb = n.Length == 8 ? Group(n, " ", 4, 4) : n.Length == 7 ? Group(n, " ", 3, 4) : n;
                return style switch
                {
                    0 => $"0{a} {gb}",
                    1 => p.Mobile ? $"0{a}-{Group(n, "-", 3, 3)}" : $"(0{a}) {gb}",
                    2 => $"+44 {a} {gb}",
                    3 => $"+44 (0){a} {gb}",
                    4 => $"0{a}{n}",
                    5 => $"0044 {a} {n}",
                    6 => $"+44{a}{n}",
                    _ => p.Mobile ? $"0{a} {Group(n, " ", 3, 3)}" : $"0{a}-{gb.Replace(' ', '-')}",
                };
            case "US":
            case "CA":
                var x = n[..3];
                var y = n[3..];
                return style switch
                {
                    0 => $"({a}) {x}-{y}",
                    1 => $"{a}-{x}-{y}",
                    2 => $"{a}.{x}.{y}",
                    3 => $"{a} {x} {y}",
                    4 => $"+1 {a} {x} {y}",
                    5 => $"+1 ({a}) {x}-{y}",
                    6 => $"1-{a}-{x}-{y}",
                    7 => $"+1-{a}-{x}-{y}",
                    8 => a + n,
                    _ => "+1" + a + n,
                };
            case "MX":
                var mx = n.Length == 8 ? Group(n, " ", 4, 4) : Group(n, " ", 3, 4);
                var mxDash = n.Length == 8 ? Group(n, "-", 4, 4) : Group(n, "-", 3, 4);
                return style switch
                {
                    0 => $"{a} {mx}",
                    1 => $"({a}) {mxDash}",
                    2 => $"+52 {a} {mx}",
                    3 => a + n,
                    4 => "+52" + a + n,
                    5 => $"+52 ({a}) {mxDash}",
                    6 => $"+{cc} {a}{n}",

                    // The forms before the 2019 numbering reform: +52 1 and 044 for mobiles, the 01 trunk prefix.
                    7 => p.Mobile ? $"+52 1 {a} {mx}" : $"01 {a} {mx}",
                    _ => p.Mobile ? $"044 {a} {mx}" : $"01 {a} {mxDash}",
                };
            default:
                return $"+{cc} {a} {n}";
        }
    }

    private static string Subscriber(AtlanticDice dice, int length) => dice.Next(2, 10).ToString(CultureInfo.InvariantCulture) + dice.Digits(length - 1);

    /// <summary>Returns a North American exchange: [2-9]XX, not an N11 service code nor 555.</summary>
    private static string Exchange(AtlanticDice dice)
    {
        while (true)
        {
            var exchange = dice.Next(200, 1000);
            if (exchange % 100 != 11 && exchange != 555 && exchange != 950 && exchange != 958 && exchange != 959 && exchange != 976)
            {
                return exchange.ToString(CultureInfo.InvariantCulture);
            }
        }
    }

    private static string Pairs(string digits)
    {
        var builder = new StringBuilder();
        var start = digits.Length % 2;
        if (start == 1)
        {
            builder.Append(digits[0]);
        }

        for (var i = start; i < digits.Length; i += 2)
        {
            if (builder.Length > 0)
            {
                builder.Append(' ');
            }

            builder.Append(digits, i, 2);
        }

        return builder.ToString();
    }

    private static string Half(string digits) => digits.Length switch
    {
        8 => Group(digits, " ", 4, 4),
        7 => Group(digits, " ", 3, 4),
        6 => Group(digits, " ", 3, 3),
        _ => digits,
    };

    private static string SwedishGroups(string digits) => digits.Length switch
    {
        8 => Group(digits, " ", 3, 3, 2),
        7 => Group(digits, " ", 3, 2, 2),
        6 => Group(digits, " ", 2, 2, 2),
        _ => digits,
    };

    private static string Group(string digits, string separator, params int[] sizes)
    {
        var total = 0;
        foreach (var size in sizes)
        {
            total += size;
        }

        if (total != digits.Length)
        {
            return digits;
        }

        var builder = new StringBuilder();
        var at = 0;
        foreach (var size in sizes)
        {
            if (at > 0)
            {
                builder.Append(separator);
            }

            builder.Append(digits, at, size);
            at += size;
        }

        return builder.ToString();
    }
}
