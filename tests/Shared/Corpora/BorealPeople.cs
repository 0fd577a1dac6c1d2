using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace MarketplaceLeads.Testing.Corpora;

/// <summary>A company of the Boreal corpus: its name, e-mail domain, switchboard; possibly renamed (acquired) during the timeline.</summary>
internal sealed class BorealCompany
{
    public required string Name { get; init; }

    public required string ShortName { get; init; }

    public required string Domain { get; init; }

    public required BorealCountry Country { get; init; }

    public required BorealPhone Switchboard { get; init; }

    public required int EmailPattern { get; init; }

    public required string RoleBox { get; init; }

    public bool Large { get; init; }

    public string? NewName { get; set; }

    public string? NewShortName { get; set; }

    public string? NewDomain { get; set; }

    public DateTimeOffset? RenamedAt { get; set; }

    public HashSet<string> Locals { get; } = new(StringComparer.Ordinal);
}

/// <summary>A job: a company, the person's mailbox there, a line, a title, from when.</summary>
internal sealed record BorealJob(BorealCompany Company, string Local, BorealPhone Line, string? Title, int FromLead);

/// <summary>How one account (a Microsoft work or personal account, a shared mailbox) writes the person's name and picks contact data.</summary>
internal sealed record BorealNameStyle(
    int Script = 0,
    int Middle = 0,
    int Order = 0,
    int Caps = 0,
    bool Honorific = false,
    bool Suffix = false,
    int DropLast = 0,
    int FamilyVariant = 0,
    int GivenVariant = 0,
    bool Typo = false);

/// <summary>What kind of mailbox and phone an account uses.</summary>
internal enum BorealMailbox
{
    Work,
    Personal,
    Shared,
    None,
}

/// <summary>A Microsoft account a person signs in to the marketplace with: the name it carries, its mailbox, the phone typed in the form.</summary>
internal sealed class BorealAccount
{
    public required BorealNameStyle Name { get; init; }

    public required BorealMailbox Mailbox { get; init; }

    /// <summary>Gets the mailbox as written (personal, shared); null for a work account (the current job's).</summary>
    public string? Email { get; init; }

    /// <summary>Gets the phone: 0 none, 1 mobile, 2 work line, 3 home, 4 shared number (switchboard without extension, co-working desk).</summary>
    public required int Phone { get; init; }

    public required int PhoneStyle { get; init; }

    public required string CountryText { get; init; }

    /// <summary>Gets how the company is written: 0 full, 1 short, 2 upper case, 3 folded to ASCII, 4 blank.</summary>
    public required int CompanyStyle { get; init; }

    public bool WorkEmailUpper { get; init; }

    public string? WorkAlias { get; init; }

    public required double Weight { get; init; }
}

/// <summary>A real person behind one or more leads, and the truth about them.</summary>
internal sealed class BorealPerson
{
    public required string Id { get; init; }

    public required string Case { get; set; }

    public required BorealCountry Country { get; init; }

    public required BorealCulture Culture { get; init; }

    public bool Female { get; init; }

    public List<string> Given { get; } = [];

    public string? GivenNative { get; set; }

    public List<string> Family { get; } = [];

    public string? FamilyNative { get; set; }

    public List<string> Middle { get; } = [];

    public string? MiddleNative { get; set; }

    public string? Initial { get; set; }

    public string? InitialExpanded { get; set; }

    public string? Suffix { get; set; }

    public string? Honorific { get; set; }

    public bool FamilyFirst { get; set; }

    public required BorealPhone Mobile { get; set; }

    public BorealPhone? Home { get; set; }

    public BorealPhone? SharedPhone { get; set; }

    public required string Personal { get; set; }

    public List<BorealJob> Jobs { get; } = [];

    public List<BorealAccount> Accounts { get; } = [];

    public int Leads { get; set; }

    public bool TestLead { get; init; }

    public bool SendsDnc { get; set; }

    public bool PhoneOnly { get; set; }

    public double Noise { get; set; } = 0.02;

    public int PhoneHabit { get; set; }

    /// <summary>Gets or sets the account of the person's previous lead.</summary>
    public int LastAccount { get; set; } = -1;

    /// <summary>Gets the job the person has at a lead.</summary>
    public BorealJob? JobAt(int lead)
    {
        BorealJob? job = null;
        foreach (var j in Jobs)
        {
            if (j.FromLead <= lead)
            {
                job = j;
            }
        }

        return job;
    }

    public override string ToString() => Id + " (" + Case + ")";
}

/// <summary>Builds the people of the Boreal corpus: plain customers and the hard cases, with their accounts.</summary>
internal sealed class BorealPopulation
{
    public const string Plain = "plain";
    public const string Noise = "noise";
    public const string Transliteration = "transliteration";
    public const string Initials = "initials";
    public const string JobChange = "job-change";
    public const string Renamed = "company-renamed";
    public const string Mailboxes = "mailboxes";
    public const string Colleagues = "colleagues";
    public const string Namesake = "namesake";
    public const string Family = "family";
    public const string Coworking = "coworking";
    public const string PhoneOnly = "phone-only";
    public const string TestLead = "test-lead";

    /// <summary>The share of people per case (the rest are plain).</summary>
    public static readonly (string Case, double Share)[] Shares =
    [
        (Noise, 0.10), (Transliteration, 0.07), (Initials, 0.03), (JobChange, 0.04), (Renamed, 0.015), (Mailboxes, 0.05),
        (Colleagues, 0.06), (Namesake, 0.04), (Family, 0.03), (Coworking, 0.02), (PhoneOnly, 0.02), (TestLead, 0.008),
    ];

    private readonly BorealDice _dice;
    private readonly HashSet<string> _phones = new(StringComparer.Ordinal);
    private readonly HashSet<string> _emails = new(StringComparer.Ordinal);
    private readonly HashSet<string> _domains = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<BorealCompany>> _large = new(StringComparer.Ordinal);
    private readonly double[] _countryWeights = [.. BorealPlaces.Countries.Select(c => c.Share)];
    private int _next;

    public BorealPopulation(BorealDice dice, DateTimeOffset start, double days)
    {
        _dice = dice;
        Start = start;
        Days = days;
    }

    public DateTimeOffset Start { get; }

    public double Days { get; }

    public List<BorealPerson> People { get; } = [];

    public static int LeadCount(BorealDice dice)
    {
        var r = dice.Unit();
        return r < 0.50 ? 1 : r < 0.72 ? 2 : r < 0.845 ? 3 : r < 0.905 ? 4 : r < 0.94 ? 5 : r < 0.982 ? dice.Next(6, 9) : dice.Next(9, 13);
    }

    /// <summary>Builds <paramref name="count"/> people.</summary>
    public void Build(int count)
    {
        var quotas = Shares.Select(s => (s.Case, Quota: (int)Math.Round(s.Share * count))).ToList();
        foreach (var (kind, quota) in quotas)
        {
            var made = 0;
            while (made < quota && People.Count < count)
            {
                var room = Math.Min(quota - made, count - People.Count);
                made += MakeCase(kind, room);
            }
        }

        while (People.Count < count)
        {
            var p = NewPerson(Plain, null);
            AddAccounts(p);
            People.Add(p);
        }

        // Shuffle so that groups do not arrive together by construction (the timeline decides).
        for (var i = People.Count - 1; i > 0; i--)
        {
            var j = _dice.Next(i + 1);
            (People[i], People[j]) = (People[j], People[i]);
        }
    }

    private int MakeCase(string kind, int room)
    {
        switch (kind)
        {
            case Colleagues:
                return Colleague(Math.Min(room, room >= 20 && _dice.Chance(0.12) ? _dice.Next(12, 21) : _dice.Next(3, 9)));
            case Namesake:
                return Namesakes(Math.Min(room, _dice.Next(2, 5)));
            case Family:
                return Families(room);
            case Coworking:
                return Cowork(Math.Min(room, _dice.Next(3, 8)));
            case Renamed:
                return RenamedGroup(Math.Min(room, _dice.Next(1, 4)));
            default:
                string[]? cultures = kind switch
                {
                    Transliteration => ["slavic", "greek", "arab", "turkish", "vietnamese", "spanish", "lusophone", "central-european", "nordic", "south-asian-muslim"],
                    Initials => ["south-indian", "slavic", "arab", "filipino"],
                    _ => null,
                };
                var p = NewPerson(kind, cultures);
                for (var attempt = 0; attempt < 30 && !HasVariants(p, kind); attempt++)
                {
                    // A name with nothing to transliterate (Karl Andersen) or no initial, patronymic or prefix: another person.
                    _next--;
                    p = NewPerson(kind, cultures);
                }

                if (kind == TestLead)
                {
                    p.Leads = _dice.Chance(0.7) ? 1 : _dice.Chance(0.6) ? 2 : 3;
                }

                if (kind == JobChange)
                {
                    p.Leads = Math.Max(2, p.Leads);
                    var from = _dice.Next(1, p.Leads);
                    var company = _dice.Chance(0.2) ? LargeCompany(p.Country) : NewCompany(p.Country, false);
                    p.Jobs.Add(NewJob(p, company, from));
                }

                if (kind == PhoneOnly)
                {
                    p.PhoneOnly = true;
                }

                AddAccounts(p);
                People.Add(p);
                return 1;
        }
    }

    // ---- people -------------------------------------------------------------------------------------------

    private static bool HasVariants(BorealPerson p, string kind)
    {
        var latin = string.Join(' ', p.Given.Take(1).Concat(p.Family.Take(1)));
        return kind switch
        {
            Transliteration => p.GivenNative is not null || p.FamilyNative is not null || p.Given.Count > 1 || p.Family.Count > 1 || BorealSpelling.Fold(latin) != latin,
            Initials => p.Initial is not null || p.Middle.Count > 0 || p.Family.Count > 1 || p.Suffix is not null,
            _ => true,
        };
    }

    private BorealPerson NewPerson(string kind, string[]? cultures, BorealCountry? country = null, BorealCulture? culture = null, bool? female = null, BorealCompany? company = null)
    {
        if (culture is null)
        {
            for (var attempt = 0; ; attempt++)
            {
                country ??= BorealPlaces.Countries[_dice.Weighted(_countryWeights)];
                culture = country.Cultures[_dice.Weighted([.. country.Cultures.Select(c => c.Weight)])].Culture;
                if (cultures is null || cultures.Contains(culture.Key) || attempt > 200)
                {
                    break;
                }

                country = null;
            }
        }
        else
        {
            country ??= BorealPlaces.Countries.Where(c => c.Cultures.Any(x => x.Culture == culture)).OrderBy(_ => _dice.Next(1000)).First();
        }

        var isFemale = female ?? _dice.Chance(culture.Key is "arab" or "south-asian-muslim" ? 0.25 : culture.Key is "south-indian" or "north-indian" ? 0.3 : 0.38);
        var id = "B" + (++_next).ToString("D5", CultureInfo.InvariantCulture);
        var testLead = kind == TestLead;
        var person = new BorealPerson
        {
            Id = id,
            Case = kind,
            Country = country,
            Culture = culture,
            Female = isFemale,
            TestLead = testLead,
            Mobile = NewPhone(country, true),
            Personal = string.Empty,
        };
        person.Leads = LeadCount(_dice);
        if (kind is Noise or Transliteration or Initials or Mailboxes or Renamed)
        {
            person.Leads = Math.Max(2, person.Leads);
        }

        person.SendsDnc = !testLead && _dice.Chance(0.025);
        person.PhoneHabit = BorealPhone.Habit(country, _dice);
        Name(person, kind);
        person.Personal = PersonalMailbox(person);
        if (!testLead)
        {
            if (company is not null || _dice.Chance(0.88))
            {
                company ??= _dice.Chance(0.25) ? LargeCompany(country) : NewCompany(country, false);
                person.Jobs.Add(NewJob(person, company, 0));
            }
        }

        if (_dice.Chance(0.12))
        {
            person.Home = NewPhone(country, false);
        }

        return person;
    }

    private void Name(BorealPerson p, string kind)
    {
        var c = p.Culture;
        var given = (p.Female ? c.Female : c.Male).Pick(_dice);
        SetGiven(p, given);
        if (c.Family is not null)
        {
            var family = c.Family.Pick(_dice);
            if (p.Female)
            {
                family = BorealSpelling.Feminine(family, c.Key);
            }

            SetFamily(p, family);
        }

        switch (c.Key)
        {
            case "vietnamese":
                p.FamilyFirst = true;
                var middle = (p.Female ? c.FemaleMiddle! : c.Middle!).Pick(_dice);
                p.Middle.Add(middle.Main);
                break;
            case "slavic":
                var patronymic = (p.Female ? c.FemaleMiddle! : c.Middle!).Pick(_dice);
                p.Middle.AddRange(patronymic.Latin);
                p.MiddleNative = patronymic.Native;
                p.FamilyFirst = true;
                break;
            case "filipino":
                var mother = c.Family!.Pick(_dice).Main;
                if (mother != p.Family[0])
                {
                    p.Middle.Add(mother);
                }

                if (!p.Female && _dice.Chance(0.08))
                {
                    p.Suffix = _dice.Chance(0.8) ? "Jr." : "III";
                }

                break;
            case "anglo":
                if (_dice.Chance(0.35))
                {
                    p.Middle.Add((p.Female ? c.Female : c.Male).Pick(_dice).Main);
                }

                if (!p.Female && _dice.Chance(0.03))
                {
                    p.Suffix = _dice.Pick(["Jr.", "III", "II", "Sr."]);
                }

                if (BorealCulture.Nicknames.TryGetValue(p.Given[0], out var nicks))
                {
                    p.Given.AddRange(nicks);
                }

                break;
            case "north-indian":
                if (!p.Female && p.Family[0] != "Kumar" && _dice.Chance(0.3))
                {
                    p.Middle.Add("Kumar");
                }

                break;
            case "south-indian":
                if (kind == Initials || _dice.Chance(0.3))
                {
                    // Tamil naming: the father's given name as an initial, no family name.
                    var father = c.Male.Pick(_dice).Main;
                    p.Family.Clear();
                    p.Initial = father[..1];
                    p.InitialExpanded = father;
                }

                break;
            case "south-asian-muslim":
                if (!p.Female && _dice.Chance(0.4))
                {
                    // "Muhammad" before the name people call him by: Muhammad Usman, M. Usman, Usman.
                    var spelled = _dice.Pick(["Muhammad", "Mohammad", "Muhammad", "Mohammed"]);
                    var used = p.Given.ToList();
                    p.Given.Clear();
                    p.Given.Add(spelled + " " + used[0]);
                    p.Given.Add(used[0]);
                    p.Given.Add("M. " + used[0]);
                    p.Given.Add("Muhammad " + used[0]);
                }

                break;
            case "arab":
                if (_dice.Chance(0.35))
                {
                    // The father's name (nasab) between the given and the family name on some forms.
                    var father = c.Male.Pick(_dice);
                    p.Middle.Add(father.Main);
                    p.MiddleNative = father.Native;
                }

                if (_dice.Chance(0.12))
                {
                    p.Honorific = _dice.Pick(["Eng.", "Eng.", "Dr.", "Mr."]);
                }

                break;
            case "indonesian":
                if (_dice.Chance(0.35))
                {
                    p.Family.Clear(); // a single name
                }

                break;
            case "spanish":
                var second = c.Family!.Pick(_dice).Main;
                if (second != p.Family[0] && (p.Country.Code is not ("US" or "CA") || _dice.Chance(0.3)))
                {
                    var first = p.Family[0];
                    p.Family.Clear();
                    p.Family.Add(first + " " + second);
                    p.Family.Add(first);
                    p.Family.Add(first + "-" + second);
                }

                break;
            case "lusophone":
                var main = p.Family[0];
                var more = c.Family!.Pick(_dice).Main;
                var particle = BorealCulture.Particles.GetValueOrDefault(main);
                p.Family.Clear();
                if (more != main && _dice.Chance(0.55))
                {
                    // Brazilian/Portuguese: the mother's and the father's names, the last one is what people are called by.
                    var full = more + " " + (particle is not null && _dice.Chance(0.5) ? particle + " " : string.Empty) + main;
                    p.Family.Add(full);
                    p.Family.Add(main);
                    if (particle is not null)
                    {
                        p.Family.Add(particle + " " + main);
                    }

                    p.Family.Add(more);
                }
                else
                {
                    if (particle is not null && _dice.Chance(0.4))
                    {
                        p.Family.Add(particle + " " + main);
                        p.Family.Add(main);
                        p.Family.Add(char.ToUpperInvariant(particle[0]) + particle[1..] + " " + main);
                    }
                    else
                    {
                        p.Family.Add(main);
                    }
                }

                break;
            case "turkish":
            case "nordic":
            case "central-european":
            case "greek":
                break;
        }

        if (p.Honorific is null && _dice.Chance(c.Key is "north-indian" or "south-indian" or "filipino" ? 0.04 : 0.01))
        {
            p.Honorific = _dice.Pick(["Dr.", "Mr.", p.Female ? "Ms." : "Mr."]);
        }

        // Al-/El- prefixes: every way people write them.
        if (p.Family.Count > 0 && (p.Family[0].StartsWith("Al-", StringComparison.Ordinal) || p.Family[0].StartsWith("El-", StringComparison.Ordinal)))
        {
            var prefix = p.Family[0][..2];
            var rest = p.Family[0][3..];
            p.Family.AddRange([prefix + " " + rest, prefix + rest.ToLowerInvariant(), rest, prefix.ToLowerInvariant() + "-" + rest, (prefix == "Al" ? "El" : "Al") + "-" + rest, prefix + rest]);
        }
    }

    private static void SetGiven(BorealPerson p, BorealForm form)
    {
        p.Given.Clear();
        p.Given.AddRange(form.Latin);
        p.GivenNative = form.Native;
    }

    private static void SetFamily(BorealPerson p, BorealForm form)
    {
        p.Family.Clear();
        p.Family.AddRange(form.Latin);
        p.FamilyNative = form.Native;
    }

    // ---- contact data ---------------------------------------------------------------------------------

    private BorealPhone NewPhone(BorealCountry country, bool mobile)
    {
        for (var i = 0; ; i++)
        {
            var phone = BorealPhone.New(country, mobile, _dice);
            if (_phones.Add(phone.E164) || i > 20)
            {
                return phone;
            }
        }
    }

    private string Unique(string local, string domain)
    {
        // A provider hands an account to one person: Gmail ignores dots, so sarah.johnson@ is sarahjohnson@'s mailbox and
        // nobody else's (a corpus that gave the two to two people would label one account two people).
        var email = local + "@" + domain;
        for (var i = 0; !_emails.Add(MailboxOf(email)); i++)
        {
            email = local + (i < 3 ? _dice.Next(1, 99) : _dice.Next(100, 9999)).ToString(CultureInfo.InvariantCulture) + "@" + domain;
        }

        return email;
    }

    /// <summary>The account an address reaches: Gmail's without dots (and googlemail.com is gmail.com); others as written.</summary>
    internal static string MailboxOf(string email)
    {
        var at = email.LastIndexOf('@');
        var domain = email[(at + 1)..].ToLowerInvariant();
        var local = email[..at].ToLowerInvariant();
        return domain is "gmail.com" or "googlemail.com" ? local.Replace(".", string.Empty, StringComparison.Ordinal) + "@gmail.com" : local + "@" + domain;
    }

    private (string First, string Last) Letters(BorealPerson p)
    {
        var given = BorealSpelling.Letters(p.Given[^1].Split(' ')[0]);
        if (p.Given[0].Contains(' ', StringComparison.Ordinal) && p.Culture.Key == "south-asian-muslim")
        {
            given = BorealSpelling.Letters(p.Given[1]);
        }

        var last = p.Family.Count > 0 ? BorealSpelling.Letters(p.Family.Count > 1 && p.Culture.Key is "spanish" ? p.Family[1] : p.Culture.Key == "lusophone" ? p.Family.OrderBy(f => f.Length).First() : p.Family[0])
            : p.InitialExpanded is not null ? BorealSpelling.Letters(p.Initial!) : string.Empty;
        if (p.Culture.Key == "arab" && last.StartsWith("al", StringComparison.Ordinal) && _dice.Chance(0.4))
        {
            last = last[2..];
        }

        given = given.Length == 0 ? "user" : given;
        return (given, last);
    }

    private string PersonalMailbox(BorealPerson p)
    {
        var (first, last) = Letters(p);
        var domain = p.Country.Webmail[_dice.Weighted([.. p.Country.Webmail.Select(w => w.Weight)])].Domain;
        var year = (1965 + _dice.Next(40)).ToString(CultureInfo.InvariantCulture);
        var l = last.Length > 0 ? last : first;
        var local = _dice.Next(9) switch
        {
            0 or 1 => first + "." + l,
            2 => first + l,
            3 => first + "." + l + year[2..],
            4 => first + "_" + l,
            5 => first + l + year,
            6 => l + "." + first,
            7 => first[..1] + l + _dice.Next(1, 99).ToString(CultureInfo.InvariantCulture),
            _ => first + _dice.Next(1, 999).ToString(CultureInfo.InvariantCulture),
        };
        return Unique(local, domain);
    }

    private static string Local(BorealPerson p, (string First, string Last) n, int pattern)
    {
        var last = n.Last.Length > 0 ? n.Last : n.First;
        return pattern switch
        {
            0 => n.First + "." + last,
            1 => n.First[..1] + last,
            2 => n.First,
            3 => n.First + last[..1],
            4 => n.First + "_" + last,
            5 => last + n.First[..1],
            6 => n.First + "." + last[..1],
            _ => n.First[..1] + "." + last,
        };
    }

    private BorealJob NewJob(BorealPerson p, BorealCompany company, int from, string? local = null)
    {
        var n = Letters(p);
        local ??= Local(p, n, company.EmailPattern);
        var candidate = local;
        for (var i = 0; !company.Locals.Add(candidate); i++)
        {
            candidate = i switch
            {
                0 when p.Middle.Count > 0 => n.First + "." + BorealSpelling.Letters(p.Middle[0])[..1] + "." + n.Last,
                0 or 1 => Local(p, n, (company.EmailPattern + 1 + i) % 8),
                _ => local + (i - 1).ToString(CultureInfo.InvariantCulture),
            };
        }

        var line = _dice.Chance(0.55) ? company.Switchboard.WithExtension(_dice.Next(100, company.Large ? 9999 : 400).ToString(CultureInfo.InvariantCulture)) : company.Switchboard.DirectLine(_dice);
        if (company.Country.Code is "SE" or "NO" or "DK" or "FI" && line.Extension is not null && _dice.Chance(0.7))
        {
            line = company.Switchboard.DirectLine(_dice); // the Nordics dial straight through
        }

        return new BorealJob(company, candidate, line, _dice.Chance(0.8) ? _dice.Pick(company.Country.Region.Titles) : null, from);
    }

    // ---- companies ------------------------------------------------------------------------------------

    private BorealCompany LargeCompany(BorealCountry country)
    {
        if (!_large.TryGetValue(country.Code, out var list))
        {
            list = [];
            _large[country.Code] = list;
        }

        if (list.Count < 4 && (list.Count == 0 || _dice.Chance(0.3)))
        {
            list.Add(NewCompany(country, true));
        }

        return _dice.Pick(list);
    }

    /// <summary>The legal forms companies of a country use (where the region's list would mix countries).</summary>
    private static readonly Dictionary<string, string[]> CountryLegal = new(StringComparer.Ordinal)
    {
        ["US"] = ["Inc.", "LLC", "Corp."], ["GB"] = ["Ltd", "Limited", "Ltd."], ["IE"] = ["Ltd", "Limited", "DAC"], ["AU"] = ["Pty Ltd", "Pty. Ltd."],
        ["NZ"] = ["Limited", "Ltd"], ["CA"] = ["Inc.", "Ltd.", "Corp."], ["ZA"] = ["(Pty) Ltd", "Pty Ltd"], ["SE"] = ["AB"], ["NO"] = ["AS", "ASA"],
        ["DK"] = ["A/S", "ApS"], ["FI"] = ["Oy", "Oyj"], ["EE"] = ["OÜ", "AS"], ["PL"] = ["Sp. z o.o.", "S.A."], ["RU"] = ["OOO", "JSC", "LLC"],
        ["UA"] = ["TOV", "LLC"], ["RO"] = ["S.R.L.", "S.A."], ["CZ"] = ["s.r.o.", "a.s."], ["GR"] = ["A.E.", "IKE"], ["AE"] = ["LLC", "FZ-LLC", "FZE"],
        ["SA"] = ["Co.", "Est.", "LLC"], ["EG"] = ["S.A.E.", "LLC"], ["JO"] = ["LLC", "Co."], ["MA"] = ["S.A.R.L.", "S.A."], ["QA"] = ["W.L.L.", "LLC"],
        ["IN"] = ["Pvt. Ltd.", "Private Limited", "Ltd.", "LLP"], ["PK"] = ["(Pvt) Ltd.", "Limited"], ["BD"] = ["Limited", "Ltd."], ["LK"] = ["(Pvt) Ltd", "PLC"],
        ["BR"] = ["Ltda.", "S.A.", "ME", "EIRELI"], ["PT"] = ["Lda.", "S.A."], ["ES"] = ["S.L.", "S.A."], ["MX"] = ["S.A. de C.V.", "S. de R.L. de C.V."],
        ["AR"] = ["S.R.L.", "S.A."], ["CO"] = ["S.A.S.", "S.A."], ["CL"] = ["SpA", "S.A.", "Ltda."], ["PE"] = ["S.A.C.", "S.A."],
    };

    /// <summary>Name roots of the countries that share a region but not a language.</summary>
    private static readonly Dictionary<string, string[]> CountryRoots = new(StringComparer.Ordinal)
    {
        ["VN"] = ["An Phát", "Hòa Bình", "Sao Việt", "Đông Á", "Minh Long", "Thành Công", "Phú Thịnh", "Việt Tiến", "Hưng Thịnh", "Sông Hồng", "Mekong", "Lạc Hồng"],
        ["ID"] = ["Maju Bersama", "Sinar Jaya", "Cahaya", "Nusantara", "Mitra Sejati", "Bumi", "Garuda", "Sentosa", "Harapan", "Karya"],
        ["PH"] = ["Bayanihan", "Luzon", "Visayas", "Sampaguita", "Tala", "Bituin", "Manila Bay", "Mindanao", "Pacific Isles"],
        ["GR"] = ["Aegean", "Olympos", "Ionio", "Thalassa", "Meltemi", "Astra"],
        ["RO"] = ["Dunărea", "Carpați", "Astra", "Zenit", "Granit"],
        ["CZ"] = ["Vltava", "Morava", "Granit", "Zenit", "Sokol"],
        ["PL"] = ["Vistula", "Orzeł", "Sokol", "Granit", "Zenit", "Baltika"],
        ["RU"] = ["Vostok", "Zenit", "Rubin", "Polyus", "Almaz", "Kedr", "Sever", "Volga", "Ural", "Altai", "Baltika"],
        ["UA"] = ["Dnipro", "Karpaty", "Sokol", "Granit", "Zenit", "Kedr"],
        ["PT"] = ["Tejo", "Douro", "Minho", "Lusitânia", "Ribeira", "Atlântico", "Aurora", "Horizonte"],
    };

    private BorealCompany NewCompany(BorealCountry country, bool large)
    {
        var region = country.Region;
        for (var attempt = 0; ; attempt++)
        {
            var root = _dice.Pick(CountryRoots.GetValueOrDefault(country.Code) ?? region.Roots);
            var descriptor = large ? _dice.Pick(region.LargeDescriptors) : _dice.Pick(region.Descriptors);
            var legal = _dice.Pick(CountryLegal.GetValueOrDefault(country.Code) ?? region.Legal);
            var name = region.Key switch
            {
                "southeast-asia" when country.Code == "ID" => "PT " + root + " " + descriptor + (large && _dice.Chance(0.5) ? " Tbk" : string.Empty),
                "southeast-asia" when country.Code == "VN" => _dice.Chance(0.3) ? "Công ty TNHH " + descriptor + " " + root : root + " " + descriptor + " " + (_dice.Chance(0.5) ? "JSC" : "Co., Ltd."),
                "southeast-asia" => root + " " + descriptor + " " + (_dice.Chance(0.6) ? "Inc." : "Corp."),
                "turkey" => root + " " + descriptor + " " + legal,
                "lusophone" when large => descriptor + " " + root + " " + legal,
                "hispanic" when large => descriptor + " " + root + " " + legal,
                _ => root + " " + descriptor + " " + legal,
            };
            var shortName = region.Key == "southeast-asia" && country.Code == "ID" ? root : root + (large || _dice.Chance(0.5) ? " " + descriptor : string.Empty);
            var letters = BorealSpelling.Letters(root);
            var tld = _dice.Pick(country.Tlds);
            var domain = (attempt switch
            {
                0 => letters,
                1 => letters + BorealSpelling.Letters(descriptor)[..Math.Min(4, BorealSpelling.Letters(descriptor).Length)],
                2 => letters + "-" + BorealSpelling.Letters(descriptor),
                _ => letters + _dice.Next(2, 99).ToString(CultureInfo.InvariantCulture),
            }) + tld;
            if (!_domains.Add(domain))
            {
                continue;
            }

            return new BorealCompany
            {
                Name = name,
                ShortName = shortName,
                Domain = domain,
                Country = country,
                Switchboard = NewPhone(country, false),
                EmailPattern = _dice.Weighted([40, 12, 10, 6, 6, 5, 4, 4]),
                RoleBox = _dice.Pick(region.RoleBoxes),
                Large = large,
            };
        }
    }

    // ---- groups -------------------------------------------------------------------------------------------

    private int Colleague(int size)
    {
        var country = BorealPlaces.Countries[_dice.Weighted(_countryWeights)];
        var company = _dice.Chance(0.4) ? LargeCompany(country) : NewCompany(country, false);
        for (var i = 0; i < size; i++)
        {
            var p = NewPerson(Colleagues, null, country, null, null, company);
            var usesRole = _dice.Chance(0.45);
            AddAccounts(p);
            if (usesRole)
            {
                p.Accounts.Add(Account(p, new BorealNameStyle(), BorealMailbox.Shared, p.Jobs[0].Company.RoleBox + "@" + company.Domain, 4, 0.7));
            }
            else if (_dice.Chance(0.5))
            {
                // Gives the switchboard without an extension on the form.
                p.Accounts.Add(Account(p, p.Accounts[0].Name, BorealMailbox.Work, null, 4, 0.5));
            }

            People.Add(p);
        }

        return size;
    }

    private int Namesakes(int size)
    {
        var country = BorealPlaces.Countries[_dice.Weighted(_countryWeights)];
        var culture = country.Cultures[_dice.Weighted([.. country.Cultures.Select(c => c.Weight)])].Culture;
        if (culture.Family is null)
        {
            culture = BorealCulture.Vietnamese;
        }

        var female = _dice.Chance(0.3);
        var given = (female ? culture.Female : culture.Male).PickCommon(_dice, 4);
        var family = culture.Family!.PickCommon(_dice, 3);
        var oneCompany = _dice.Chance(0.3) ? LargeCompany(country) : null;
        for (var i = 0; i < size; i++)
        {
            var here = oneCompany is not null ? country : _dice.Chance(0.7) ? country : BorealPlaces.Countries.Where(c => c.Cultures.Any(x => x.Culture == culture)).OrderBy(_ => _dice.Next(1000)).First();
            var p = NewPerson(Namesake, null, here, culture, female, oneCompany);
            SetGiven(p, given);
            var fam = female ? BorealSpelling.Feminine(family, culture.Key) : family;
            if (p.Family.Count > 0 || culture.Key != "indonesian")
            {
                SetFamily(p, fam);
            }

            if (culture.Key == "vietnamese")
            {
                p.Middle.Clear();
                p.Middle.Add(female ? "Thị" : "Văn");
            }

            p.Initial = null;
            p.InitialExpanded = null;
            p.Personal = PersonalMailbox(p);
            if (p.Jobs.Count > 0)
            {
                var company = p.Jobs[0].Company;
                p.Jobs.Clear();
                p.Jobs.Add(NewJob(p, company, 0));
            }

            AddAccounts(p);
            People.Add(p);
        }

        return size;
    }

    private int Families(int room)
    {
        if (room < 2)
        {
            var alone = NewPerson(Family, null);
            AddAccounts(alone);
            People.Add(alone);
            return 1;
        }

        var kind = _dice.Weighted([30, 40, 30]);
        var a = NewPerson(Family, kind == 0 ? ["anglo", "filipino", "spanish", "lusophone", "arab"] : null);
        var home = NewPhone(a.Country, false);
        a.Home = home;
        BorealPerson b;
        string? mailbox = null;
        switch (kind)
        {
            case 0:
                // Father and son: the same name, Sr./Jr. on some forms, the family's landline; the son may work in the family business.
                b = NewPerson(Family, null, a.Country, a.Culture, false, a.Jobs.Count > 0 && _dice.Chance(0.4) ? a.Jobs[0].Company : null);
                a.Given.Clear();
                a.Given.AddRange(b.Given.Count > 0 ? b.Given : ["Jose"]);
                a.Family.Clear();
                a.Family.AddRange(b.Family);
                a.FamilyNative = b.FamilyNative;
                a.GivenNative = b.GivenNative;
                a.Initial = b.Initial;
                a.InitialExpanded = b.InitialExpanded;
                a.Suffix = a.Culture.Key == "lusophone" ? null : "Sr.";
                b.Suffix = a.Culture.Key == "lusophone" ? _dice.Pick(["Filho", "Júnior", "Neto"]) : a.Culture.Key == "spanish" ? _dice.Pick(["Jr.", "hijo"]) : _dice.Pick(["Jr.", "Jr", "II"]);
                a.Personal = PersonalMailbox(a);
                b.Personal = PersonalMailbox(b);
                if (a.Jobs.Count > 0)
                {
                    var c = a.Jobs[0].Company;
                    a.Jobs.Clear();
                    a.Jobs.Add(NewJob(a, c, 0));
                }

                if (b.Jobs.Count > 0)
                {
                    var c = b.Jobs[0].Company;
                    b.Jobs.Clear();
                    b.Jobs.Add(NewJob(b, c, 0));
                }

                break;
            case 1:
                // Spouses: a shared family mailbox and/or the home phone.
                b = NewPerson(Family, null, a.Country, a.Culture, !a.Female);
                if (a.Culture.Key is not ("arab" or "spanish" or "vietnamese" or "south-asian-muslim") && a.Family.Count > 0)
                {
                    b.Family.Clear();
                    b.Family.AddRange(a.Family.Count > 1 && a.Culture.Key == "lusophone" ? [a.Family[1]] : a.Family);
                    b.FamilyNative = a.FamilyNative;
                    if (b.Female && a.Culture.Key is "slavic" or "central-european" or "greek")
                    {
                        var f = BorealSpelling.Feminine(new BorealForm(a.Family[0], [.. a.Family.Skip(1)], a.FamilyNative), a.Culture.Key);
                        SetFamily(b, f);
                    }
                }

                if (_dice.Chance(0.7))
                {
                    mailbox = FamilyMailbox(a, b);
                }

                break;
            default:
                // Siblings: the parents' landline, sometimes the family mailbox.
                b = NewPerson(Family, null, a.Country, a.Culture, null);
                if (a.Family.Count > 0)
                {
                    var f = new BorealForm(a.Family[0], [.. a.Family.Skip(1)], a.FamilyNative);
                    SetFamily(b, b.Female == a.Female ? f : BorealSpelling.Feminine(f, a.Culture.Key));
                }

                if (_dice.Chance(0.2))
                {
                    mailbox = FamilyMailbox(a, b);
                }

                break;
        }

        b.Home = home;
        foreach (var p in new[] { a, b })
        {
            AddAccounts(p);
            if (mailbox is not null)
            {
                p.Accounts.Add(Account(p, p.Accounts[0].Name, BorealMailbox.Shared, mailbox, _dice.Chance(0.6) ? 3 : 1, 0.8));
            }
            else
            {
                p.Accounts.Add(Account(p, p.Accounts[0].Name, BorealMailbox.Personal, p.Personal, 3, 0.5));
            }

            People.Add(p);
        }

        return 2;
    }

    private string FamilyMailbox(BorealPerson a, BorealPerson b)
    {
        var last = a.Family.Count > 0 ? BorealSpelling.Letters(a.Family[^1].Split(' ')[^1]) : BorealSpelling.Letters(a.Given[0]);
        var f1 = BorealSpelling.Letters(a.Given[0].Split(' ')[0]);
        var f2 = BorealSpelling.Letters(b.Given[0].Split(' ')[0]);
        var local = a.Culture.Key switch
        {
            "anglo" => _dice.Pick(["the" + last + "s", last + "family", last + ".family", f1 + "and" + f2]),
            "spanish" => _dice.Pick(["familia" + last, "casa" + last, "familia." + last]),
            "lusophone" => _dice.Pick(["familia" + last, "familia." + last, f1 + "e" + f2]),
            _ => _dice.Pick([last + ".family", last + "home", f1 + f2, f1 + "." + f2 + "." + last]),
        };
        var domain = a.Country.Webmail[_dice.Weighted([.. a.Country.Webmail.Select(w => w.Weight)])].Domain;
        return Unique(local, domain);
    }

    private int Cowork(int size)
    {
        var country = BorealPlaces.Countries[_dice.Weighted(_countryWeights)];
        var desk = NewPhone(country, false);
        for (var i = 0; i < size; i++)
        {
            var p = NewPerson(Coworking, null, country, null, null, NewCompany(country, false));
            p.SharedPhone = _dice.Chance(0.3) ? desk.WithExtension(_dice.Next(10, 60).ToString(CultureInfo.InvariantCulture)) : desk;
            AddAccounts(p);
            p.Accounts.Add(Account(p, p.Accounts[0].Name, BorealMailbox.Work, null, 4, 1.2));
            People.Add(p);
        }

        return size;
    }

    private int RenamedGroup(int size)
    {
        var country = BorealPlaces.Countries[_dice.Weighted(_countryWeights)];
        var company = NewCompany(country, false);
        var buyer = NewCompany(country, _dice.Chance(0.5));
        var oldRoot = company.ShortName.Split(' ')[0];
        company.NewName = _dice.Chance(0.5) || buyer.ShortName.StartsWith(oldRoot, StringComparison.Ordinal) ? buyer.Name : buyer.ShortName + " " + oldRoot;
        company.NewShortName = buyer.ShortName;
        company.NewDomain = buyer.Domain;
        company.RenamedAt = Start.AddDays(Days * (0.25 + (_dice.Unit() * 0.5)));
        for (var i = 0; i < size; i++)
        {
            var p = NewPerson(Renamed, null, country, null, null, company);
            p.Leads = Math.Max(p.Leads, 3);
            AddAccounts(p);
            People.Add(p);
        }

        return size;
    }

    // ---- accounts -----------------------------------------------------------------------------------------

    private BorealAccount Account(BorealPerson p, BorealNameStyle name, BorealMailbox mailbox, string? email, int phone, double weight, int? companyStyle = null) => new()
    {
        Name = name,
        Mailbox = mailbox,
        Email = email,
        Phone = phone,
        PhoneStyle = _dice.Chance(0.75) ? p.PhoneHabit : _dice.Next(BorealPhone.Styles),
        CountryText = _dice.Chance(0.62) ? p.Country.Code : _dice.Chance(0.8) ? p.Country.Names[1] : _dice.Pick(p.Country.Names),
        CompanyStyle = companyStyle ?? (_dice.Chance(0.55) ? 0 : _dice.Chance(0.55) ? 1 : _dice.Chance(0.3) ? 2 : _dice.Chance(0.5) ? 3 : 4),
        Weight = weight,
    };

    private BorealNameStyle Habit(BorealPerson p)
    {
        var key = p.Culture.Key;
        var script = key switch
        {
            "vietnamese" => _dice.Chance(0.4) ? 1 : 0,
            "turkish" => _dice.Chance(0.25) ? 1 : 0,
            "spanish" or "lusophone" or "central-european" or "nordic" => _dice.Chance(0.15) ? 1 : 0,
            "slavic" when p.Country.Code is "RU" or "UA" => _dice.Chance(0.2) ? 3 : 0,
            "greek" when p.Country.Code == "GR" => _dice.Chance(0.15) ? 3 : 0,
            "arab" => _dice.Chance(0.04) ? 3 : 0,
            _ => 0,
        };
        var middle = p.Middle.Count == 0 ? 0 : key switch
        {
            "vietnamese" => _dice.Chance(0.55) ? 1 : 0,
            "filipino" => _dice.Chance(0.5) ? 2 : _dice.Chance(0.3) ? 1 : 0,
            "slavic" => script == 3 && _dice.Chance(0.4) ? 1 : 0,
            "north-indian" => _dice.Chance(0.6) ? 1 : 0,
            "anglo" => _dice.Chance(0.15) ? 2 : 0,
            "arab" => _dice.Chance(0.3) ? 1 : 0,
            _ => 0,
        };
        var order = key == "vietnamese" && _dice.Chance(0.08) ? 1 : 0;
        var dropLast = p.Family.Count == 0 && p.Initial is null ? _dice.Next(3) : 0;
        return new BorealNameStyle(Script: script, Middle: middle, Order: order, Honorific: p.Honorific is not null && _dice.Chance(0.5), Suffix: p.Suffix is not null && _dice.Chance(0.6), DropLast: dropLast, FamilyVariant: p.Initial is not null ? _dice.Next(3) : 0);
    }

    private BorealNameStyle Vary(BorealPerson p, BorealNameStyle s, string kind)
    {
        var habit = BorealCorpus.RenderName(p, s, 0);
        var varied = VaryOnce(p, s, kind);
        for (var i = 0; i < 8 && kind is Transliteration or Initials && BorealCorpus.RenderName(p, varied, 0) == habit; i++)
        {
            varied = VaryOnce(p, s, kind);
        }

        return varied;
    }

    private BorealNameStyle VaryOnce(BorealPerson p, BorealNameStyle s, string kind)
    {
        switch (kind)
        {
            case Noise:
                var ops = _dice.Chance(0.7) ? 1 : 2;
                for (var i = 0; i < ops; i++)
                {
                    s = _dice.Next(12) switch
                    {
                        0 => s with { Caps = 1 },
                        1 => s with { Caps = 2 },
                        2 => s with { Caps = 3 },
                        3 => s with { Order = 1 },
                        4 => s with { Order = 2 },
                        5 => s with { Order = _dice.Chance(0.5) ? 3 : 4 },
                        6 => s with { Honorific = true },
                        7 => s with { Suffix = true, Honorific = p.Suffix is null },
                        8 => s with { Middle = p.Middle.Count > 0 ? (s.Middle == 0 ? 1 + _dice.Next(2) : 0) : s.Middle, Typo = p.Middle.Count == 0 },
                        9 => s with { Typo = true },
                        10 => s with { DropLast = 1 },
                        _ => s with { GivenVariant = p.Given.Count > 1 ? 1 + _dice.Next(p.Given.Count - 1) : 0, Caps = p.Given.Count > 1 ? s.Caps : 1 },
                    };
                }

                return s;
            case Transliteration:
                var native = p.GivenNative is not null || p.FamilyNative is not null;
                var choices = new List<BorealNameStyle>();
                if (native)
                {
                    choices.Add(s with { Script = s.Script == 3 ? 0 : 3 });
                }

                if (p.Given.Count > 1 || p.Family.Count > 1)
                {
                    choices.Add(s with { Script = 2, GivenVariant = p.Given.Count > 1 ? 1 + _dice.Next(p.Given.Count - 1) : 0, FamilyVariant = p.Family.Count > 1 ? 1 + _dice.Next(p.Family.Count - 1) : 0 });
                    choices.Add(s with { FamilyVariant = p.Family.Count > 1 ? 1 + _dice.Next(p.Family.Count - 1) : 0 });
                }

                choices.Add(s with { Script = s.Script == 1 ? 0 : 1 });
                if (p.Culture.Key is "nordic" or "turkish" or "central-european")
                {
                    choices.Add(s with { Script = 4 });
                }

                return _dice.Pick(choices);
            case Initials:
                if (p.Initial is not null)
                {
                    return s with { FamilyVariant = (s.FamilyVariant + 1 + _dice.Next(4)) % 5 };
                }

                if (p.Culture.Key == "slavic")
                {
                    return _dice.Next(3) switch
                    {
                        0 => s with { Middle = s.Middle == 0 ? 1 : 0 },
                        1 => s with { Order = 3, Middle = 1 },
                        _ => s with { Script = 3, Middle = 1, Order = _dice.Chance(0.3) ? 1 : 0 },
                    };
                }

                if (p.Culture.Key == "filipino")
                {
                    return s with { Middle = s.Middle == 2 ? 1 : 2, Suffix = !s.Suffix };
                }

                return s with { Script = 0, FamilyVariant = p.Family.Count > 1 ? 1 + _dice.Next(p.Family.Count - 1) : 0, Middle = p.Middle.Count > 0 && _dice.Chance(0.5) ? 1 - Math.Min(1, s.Middle) : s.Middle };
            default:
                return _dice.Next(5) switch
                {
                    0 => s with { Middle = p.Middle.Count > 0 ? (s.Middle == 0 ? 1 : 0) : 0 },
                    1 => s with { Script = s.Script == 0 ? 1 : 0 },
                    2 => s with { Caps = 3 },
                    _ => s,
                };
        }
    }

    /// <summary>Gives a person the accounts their leads come from, by their case.</summary>
    private void AddAccounts(BorealPerson p)
    {
        var habit = Habit(p);
        var hasJob = p.Jobs.Count > 0;
        var primary = hasJob && _dice.Chance(0.8) ? BorealMailbox.Work : BorealMailbox.Personal;
        var primaryPhone = p.PhoneOnly ? 1 : _dice.Chance(0.08) ? 0 : primary == BorealMailbox.Work && _dice.Chance(0.45) ? 2 : 1;
        var first = Account(p, habit, primary, primary == BorealMailbox.Personal ? p.Personal : null, primaryPhone, 1.0);
        p.Accounts.Add(first);
        switch (p.Case)
        {
            case Noise:
                p.Noise = 0.08;
                var extra = _dice.Chance(0.6) ? 1 : 2;
                for (var i = 0; i < extra; i++)
                {
                    var mailbox = hasJob && _dice.Chance(0.5) ? BorealMailbox.Work : BorealMailbox.Personal;
                    p.Accounts.Add(Account(p, Vary(p, habit, Noise), mailbox, mailbox == BorealMailbox.Personal ? p.Personal : null, _dice.Chance(0.15) ? 0 : 1 + _dice.Next(2), 0.8));
                }

                break;
            case Transliteration:
            case Initials:
                var count = _dice.Chance(0.7) ? 1 : 2;
                for (var i = 0; i < count; i++)
                {
                    var mailbox = hasJob && _dice.Chance(0.5) ? BorealMailbox.Work : BorealMailbox.Personal;
                    p.Accounts.Add(Account(p, Vary(p, habit, p.Case), mailbox, mailbox == BorealMailbox.Personal ? p.Personal : null, _dice.Chance(0.1) ? 0 : 1 + _dice.Next(2), 0.9));
                }

                break;
            case Mailboxes:
                var local = p.Personal[..p.Personal.IndexOf('@', StringComparison.Ordinal)];
                var domain = p.Personal[(p.Personal.IndexOf('@', StringComparison.Ordinal) + 1)..];
                var variants = new List<string>();
                if (domain == "gmail.com")
                {
                    variants.Add(local.Replace(".", string.Empty, StringComparison.Ordinal) is var nodots && nodots != local ? nodots + "@gmail.com" : local[..Math.Max(1, local.Length / 2)] + "." + local[Math.Max(1, local.Length / 2)..] + "@gmail.com");
                    variants.Add(local + "+" + _dice.Pick(["azure", "ms", "work", "leads", "trial", "appsource"]) + "@gmail.com");
                    variants.Add(local + "@googlemail.com");
                }
                else if (domain.StartsWith("yandex", StringComparison.Ordinal))
                {
                    variants.Add(local + "@ya.ru");
                    variants.Add(local.Replace('.', '-') + "@yandex.ru");
                    variants.Add(local + "@yandex.com");
                }
                else if (domain.Contains("outlook", StringComparison.Ordinal) || domain.Contains("hotmail", StringComparison.Ordinal))
                {
                    variants.Add(local + "+" + _dice.Pick(["azure", "marketplace", "trial"]) + "@" + domain);
                }

                variants.Add(char.ToUpperInvariant(local[0]) + local[1..] + "@" + char.ToUpperInvariant(domain[0]) + domain[1..]);
                var second = Unique(local.Replace(".", "_", StringComparison.Ordinal) + (_dice.Chance(0.5) ? _dice.Next(1, 99).ToString(CultureInfo.InvariantCulture) : string.Empty),
                    _dice.Pick<string>(p.Country.Code is "RU" or "UA" ? ["mail.ru", "yandex.ru", "outlook.com"] : ["outlook.com", "yahoo.com", "hotmail.com", "icloud.com", "proton.me"]));
                variants.Add(second);
                if (primary == BorealMailbox.Personal && hasJob)
                {
                    p.Accounts.Add(Account(p, habit, BorealMailbox.Work, null, _dice.Chance(0.5) ? 2 : 1, 0.9));
                }
                else if (primary == BorealMailbox.Work)
                {
                    p.Accounts.Add(Account(p, habit, BorealMailbox.Personal, p.Personal, 1, 0.9));
                }

                var n = _dice.Next(1, Math.Min(3, variants.Count) + 1);
                foreach (var v in variants.OrderBy(_ => _dice.Next(1000)).Take(n))
                {
                    p.Accounts.Add(Account(p, _dice.Chance(0.8) ? habit : Vary(p, habit, Plain), BorealMailbox.Personal, v, _dice.Chance(0.8) ? 1 : 0, 0.7));
                }

                if (hasJob && _dice.Chance(0.35))
                {
                    p.Accounts.Add(new BorealAccount
                    {
                        Name = habit, Mailbox = BorealMailbox.Work, Phone = 1, PhoneStyle = p.PhoneHabit, CountryText = first.CountryText, CompanyStyle = first.CompanyStyle,
                        WorkEmailUpper = _dice.Chance(0.6), WorkAlias = _dice.Chance(0.5) ? Local(p, Letters(p), (p.Jobs[0].Company.EmailPattern + 1) % 8) : null, Weight = 0.6,
                    });
                }

                break;
            case JobChange:
                if (_dice.Chance(0.6))
                {
                    p.Accounts.Add(Account(p, _dice.Chance(0.8) ? habit : Vary(p, habit, Plain), BorealMailbox.Personal, p.Personal, 1, 0.6));
                }

                if (primary == BorealMailbox.Personal)
                {
                    p.Accounts.Add(Account(p, habit, BorealMailbox.Work, null, 1 + _dice.Next(2), 1.2));
                }

                break;
            case PhoneOnly:
                p.Accounts.Clear();
                p.Accounts.Add(Account(p, habit, BorealMailbox.None, null, 1, 1.0));
                p.Accounts.Add(Account(p, habit, hasJob ? BorealMailbox.Work : BorealMailbox.Personal, hasJob ? null : p.Personal, 1, 0.5));
                break;
            case TestLead:
                break;
            default:
                if (_dice.Chance(0.28))
                {
                    var mailbox = hasJob && primary == BorealMailbox.Personal ? BorealMailbox.Work : BorealMailbox.Personal;
                    p.Accounts.Add(Account(p, _dice.Chance(0.7) ? habit : Vary(p, habit, Plain), mailbox, mailbox == BorealMailbox.Personal ? p.Personal : null, _dice.Chance(0.1) ? 0 : 1, 0.5));
                }

                break;
        }
    }
}
