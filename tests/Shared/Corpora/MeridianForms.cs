using System;
using System.Collections.Generic;
using System.Linq;

namespace MarketplaceLeads.Testing.Corpora;

/// <summary>The seven customer fields of one form as typed; null for a field left empty.</summary>
internal sealed record MeridianFields(string? FirstName, string? LastName, string? Email, string? Phone, string? Country, string? Company, string? Title)
{
    public static MeridianFields Empty { get; } = new(null, null, null, null, null, null, null);
}

/// <summary>Fills a person's form for one lead: which address and number, and the slips people make.</summary>
internal static class MeridianForms
{
    private static readonly string[] QwertyRows = ["qwertyuiop", "asdfghjkl", "zxcvbnm"];

    private static readonly Dictionary<string, string[]> DomainTypos = new(StringComparer.Ordinal)
    {
        ["gmail.com"] = ["gmial.com", "gmal.com", "gmail.co", "gmai.com", "gnail.com", "gmail.con", "gamil.com"],
        ["outlook.com"] = ["outlok.com", "outllook.com", "outlook.co", "otlook.com"],
        ["hotmail.com"] = ["hotmial.com", "hotmal.com", "hotmail.co", "hotmil.com"],
        ["yahoo.com"] = ["yaho.com", "yahooo.com", "yahoo.co"],
        ["yahoo.co.in"] = ["yahoo.in", "yaho.co.in", "yahoo.co.n"],
        ["naver.com"] = ["naver.co", "nave.com"],
        ["qq.com"] = ["qq.con", "qq.co"],
        ["163.com"] = ["163.con", "136.com"],
        ["icloud.com"] = ["iclod.com", "icloud.co"],
        ["bigpond.com"] = ["bigpond.com.au", "bigpnd.com"],
        ["yahoo.co.jp"] = ["yahoo.jp", "yahoo.co.jo"],
    };

    private static readonly string[] PlusTags = ["azure", "marketplace", "appsource", "trials", "vendors", "work", "leads", "ms"];

    private static readonly (string From, string To)[] TitleAbbreviations =
    [
        ("Senior ", "Sr. "), ("Senior ", "Sr "), ("Manager", "Mgr"), ("Chief Information Officer", "CIO"), ("Chief Technology Officer", "CTO"),
        ("Chief Financial Officer", "CFO"), ("Vice President", "VP"), ("Head of IT", "Head - IT"), ("Head of IT", "IT Head"),
        ("General Manager", "GM"), ("Deputy General Manager", "DGM"), ("Information Security", "InfoSec"), ("Director", "Dir."),
        ("Managing Director", "MD"), ("Information Technology", "IT"), (" - ", ", "), ("Procurement", "Purchasing"),
    ];

    /// <summary>Fills the form of lead number <paramref name="index"/> of a person.</summary>
    public static MeridianFields Fill(MeridianPerson person, int index, Random random)
    {
        if (person.NoData)
        {
            return MeridianFields.Empty;
        }

        var identity = person.NewName is not null && index >= person.ChangeAt && !random.Chance(0.1) ? person.NewName : person.Name;
        var (first, last) = WriteName(identity, person.Country, random);
        var later = index > 0;
        var sparse = person.Case == "sparse" && later;
        var sparseKind = sparse ? random.Weighted([(0, 50), (1, 30), (2, 20)]) : -1;

        string? email = null;
        if (!sparse)
        {
            var choice = person.MailPlan is { } plan ? plan[Math.Min(index, plan.Length - 1)] : random.Weighted(person.MailWeights);
            if (choice == MeridianMailChoice.None && !later)
            {
                choice = person.MailWeights[0].Choice;
            }

            var address = choice switch
            {
                MeridianMailChoice.Work => identity == person.NewName && person.NewWorkEmail is not null ? person.NewWorkEmail : person.WorkEmail ?? person.PersonalEmail,
                MeridianMailChoice.Personal => person.PersonalEmail ?? person.WorkEmail,
                MeridianMailChoice.Shared => person.SharedEmail ?? person.WorkEmail ?? person.PersonalEmail,
                _ => null,
            };
            email = address is null ? null : WriteEmail(address, random);
        }

        string? phone = null;
        if (sparseKind is not 1)
        {
            var choice = random.Weighted(person.PhoneWeights);
            if (choice == MeridianPhoneChoice.None && (!later || sparse))
            {
                choice = person.PhoneWeights[0].Choice;
            }

            var number = choice switch
            {
                MeridianPhoneChoice.Direct => person.Direct ?? person.Mobile,
                MeridianPhoneChoice.Shared => person.Shared ?? person.Mobile,
                MeridianPhoneChoice.None => null,
                _ => person.Mobile,
            };
            if (number is not null)
            {
                phone = WritePhone(person, number, choice == MeridianPhoneChoice.Shared, random);
            }
        }

        var country = later && random.Chance(0.03) ? null : WriteCountry(person, random);
        var company = later && random.Chance(0.06) || sparseKind == 0 && random.Chance(0.6) ? null : WriteCompany(person, random);
        var title = person.Title is null || random.Chance(0.13) ? null : WriteTitle(person.Title, random);
        return new MeridianFields(first, last, email, phone, country, company, title);
    }

    /// <summary>Writes the name fields: the person's template, then the generic slips (swap, initials, case, spaces, typos).</summary>
    private static (string? First, string? Last) WriteName(MeridianIdentity identity, string country, Random random)
    {
        var (first, last) = identity.Write(random);
        var latin = IsLatin(first) && IsLatin(last);
        if (last.Length > 0 && random.Chance(identity.Culture.SwapRate))
        {
            (first, last) = (last, first);
        }

        if (latin && first.Length > 1 && random.Chance(0.02))
        {
            first = first[..1].ToUpperInvariant() + random.Pick([".", "", ". "]).TrimEnd();
        }

        if (random.Chance(identity.StripDiacritics))
        {
            first = MeridianPlaces.ToAscii(first);
            last = MeridianPlaces.ToAscii(last);
        }

        if (latin && last.Length > 0 && random.Chance(identity.UpperFamily))
        {
            last = Upper(last, identity.Culture.Culture);
        }

        if (latin && random.Chance(0.012) && last.Length > 0)
        {
            (first, last) = (first + " " + last, string.Empty); // the whole name in the first field
        }

        if (latin)
        {
            var roll = random.NextDouble();
            if (roll < 0.03)
            {
                (first, last) = (first.ToLowerInvariant(), last.ToLowerInvariant());
            }
            else if (roll < 0.045)
            {
                (first, last) = (Upper(first, identity.Culture.Culture), Upper(last, identity.Culture.Culture));
            }
            else if (roll < 0.055)
            {
                first = first.ToLowerInvariant();
            }

            first = random.Chance(0.03) ? Typo(first, random) : first;
            last = random.Chance(0.03) ? Typo(last, random) : last;
        }

        first = random.Chance(0.03) ? Space(first, random) : first;
        last = random.Chance(0.03) ? Space(last, random) : last;
        if (last.Length == 0)
        {
            // A form that wants a last name gets a dot or the first name again; others leave it empty.
            var roll = random.NextDouble();
            last = country == "IN" && roll < 0.3 ? "." : roll < 0.1 ? "-" : string.Empty;
        }

        return (first.Length == 0 ? null : first, last.Length == 0 ? null : last);
    }

    private static string WriteEmail(string address, Random random)
    {
        var at = address.IndexOf('@', StringComparison.Ordinal);
        var local = address[..at];
        var domain = address[(at + 1)..];
        if (domain == "gmail.com")
        {
            if (random.Chance(0.18))
            {
                local = local.Contains('.', StringComparison.Ordinal) ? local.Replace(".", string.Empty, StringComparison.Ordinal) : local.Insert(random.Next(1, local.Length), ".");
            }

            if (random.Chance(0.08))
            {
                local += "+" + random.Pick(PlusTags);
            }
        }

        if (random.Chance(0.025))
        {
            domain = DomainTypos.TryGetValue(domain, out var typos) ? random.Pick(typos) : DomainTypo(domain, random);
        }

        var roll = random.NextDouble();
        if (roll < 0.07)
        {
            local = string.Join('.', local.Split('.').Select(Capitalise)); // Wei.Zhang@
        }
        else if (roll < 0.09)
        {
            domain = Capitalise(domain);
        }
        else if (roll < 0.105)
        {
            (local, domain) = (local.ToUpperInvariant(), domain.ToUpperInvariant());
        }

        var email = local + "@" + domain;
        return random.Chance(0.02) ? Space(email, random) : email;
    }

    private static string WritePhone(MeridianPerson person, MeridianPhone phone, bool shared, Random random)
    {
        var country = MeridianPlaces.Of(phone.Country);
        var style = person.PhoneStyles.TryGetValue(phone.Key, out var habit) && random.Chance(0.75)
            ? habit
            : MeridianPhones.PickStyle(country, phone.Kind, random);
        if (phone.Country == "JP" && random.Chance(0.02))
        {
            style = MeridianPhoneStyle.FullWidth;
        }

        var text = MeridianPhones.Format(phone, style);
        if (shared && person.Extension is not null && phone.Kind != MeridianPhoneKind.Mobile && random.Chance(0.6))
        {
            text = MeridianPhones.WithExtension(text, person.Extension, random);
        }

        return random.Chance(0.02) ? Space(text, random) : text;
    }

    private static string WriteCountry(MeridianPerson person, Random random)
    {
        var country = MeridianPlaces.Of(person.Country);
        var form = random.Chance(0.85) ? person.CountryHabit : random.Next(4);
        var text = form switch
        {
            0 => random.Chance(0.02) ? country.Code.ToLowerInvariant() : country.Code,
            1 => country.Names[0],
            2 => country.Alpha3,
            _ => random.Pick(country.Names),
        };
        return random.Chance(0.02) ? Space(text, random) : text;
    }

    private static string? WriteCompany(MeridianPerson person, Random random)
    {
        var company = person.Company;
        if (company is null)
        {
            return person.CompanyText;
        }

        var legal = company.Legal;
        var office = person.Office ?? company.Offices[0];
        var forms = new List<string>
        {
            company.BaseName + " " + legal[0],
            company.BaseName + " " + legal[0],
            company.BaseName + " " + random.Pick(legal),
            company.BaseName,
            company.BaseName,
        };
        if (company.Acronym is not null)
        {
            forms.Add(company.Acronym);
            forms.Add(company.Acronym);
            forms.Add(company.Acronym + " " + random.Pick(legal));
        }

        if (company.CityPrefix is not null)
        {
            forms.Add(company.CityPrefix + " " + company.BaseName + " " + legal[0]);
            forms.Add(company.CityPrefix + " " + company.BaseName + " " + legal[0]);
        }

        if (company.Enterprise && company.Offices.Count > 1)
        {
            forms.Add(company.BaseName + " - " + office.City);
            forms.Add((company.Acronym ?? company.BaseName) + " " + MeridianPlaces.Of(office.Country).Names[0]);
        }

        var text = random.Chance(0.7) ? forms[person.CompanyHabit % forms.Count] : random.Pick(forms);
        var roll = random.NextDouble();
        if (roll < 0.05)
        {
            text = text.ToUpperInvariant();
        }
        else if (roll < 0.08)
        {
            text = text.ToLowerInvariant();
        }
        else if (roll < 0.10)
        {
            text = Typo(text, random);
        }
        else if (roll < 0.115)
        {
            text = MeridianPlaces.ToAscii(text);
        }

        return random.Chance(0.02) ? Space(text, random) : text;
    }

    private static string WriteTitle(string title, Random random)
    {
        if (random.Chance(0.12))
        {
            var applicable = TitleAbbreviations.Where(a => title.Contains(a.From, StringComparison.Ordinal)).ToArray();
            if (applicable.Length > 0)
            {
                var (from, to) = random.Pick(applicable);
                title = title.Replace(from, to, StringComparison.Ordinal);
            }
        }

        return random.Chance(0.03) ? title.ToLowerInvariant() : title;
    }

    /// <summary>Makes one typing slip: a neighbouring key, two letters swapped, a letter dropped or doubled.</summary>
    internal static string Typo(string text, Random random)
    {
        var letters = Enumerable.Range(0, text.Length).Where(i => char.IsAsciiLetter(text[i])).ToArray();
        if (letters.Length < 3)
        {
            return text;
        }

        var at = letters[random.Next(1, letters.Length)];
        var c = text[at];
        switch (random.Next(4))
        {
            case 0:
                var row = QwertyRows.First(r => r.Contains(char.ToLowerInvariant(c), StringComparison.Ordinal) || r == QwertyRows[^1]);
                var position = row.IndexOf(char.ToLowerInvariant(c), StringComparison.Ordinal);
                if (position < 0)
                {
                    return text;
                }

                var neighbour = row[position == 0 ? 1 : position == row.Length - 1 ? position - 1 : position + (random.Chance(0.5) ? 1 : -1)];
                return text[..at] + (char.IsUpper(c) ? char.ToUpperInvariant(neighbour) : neighbour) + text[(at + 1)..];
            case 1:
                var previous = at - 1;
                return text[..previous] + text[at] + text[previous] + text[(at + 1)..];
            case 2:
                return text.Remove(at, 1);
            default:
                return text.Insert(at, c.ToString());
        }
    }

    private static string DomainTypo(string domain, Random random)
    {
        var dot = domain.IndexOf('.', StringComparison.Ordinal);
        var label = domain[..dot];
        var rest = domain[dot..];
        if (rest is ".co.in" or ".com.au" or ".co.za" or ".com.sg" or ".com.my" or ".co.ke" or ".com.ng" && random.Chance(0.4))
        {
            return label + ".com"; // the country suffix forgotten
        }

        return (label.Length > 3 ? Typo(label, random) : label + label[^1]) + rest;
    }

    private static string Space(string text, Random random) => random.Next(5) switch
    {
        0 => " " + text,
        1 => text + " ",
        2 => " " + text + "  ",
        3 => text.Contains(' ', StringComparison.Ordinal) ? text.Replace(" ", "  ", StringComparison.Ordinal) : text + " ",
        _ => text + "\u00A0",
    };

    private static string Capitalise(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    private static string Upper(string text, MeridianCulture culture) =>
        culture == MeridianCulture.Turkish ? text.Replace('i', 'İ').ToUpperInvariant() : text.ToUpperInvariant();

    /// <summary>Tells whether text is in Latin letters (Vietnamese ones included), so that typos and case changes apply.</summary>
    private static bool IsLatin(string text)
    {
        foreach (var c in text)
        {
            if (c > 'ʯ' && c is not (>= '\u1E00' and <= '\u1EFF') && c != '’')
            {
                return false;
            }
        }

        return true;
    }
}
