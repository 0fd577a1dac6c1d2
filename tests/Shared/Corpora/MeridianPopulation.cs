using System;
using System.Collections.Generic;
using System.Linq;

namespace MarketplaceLeads.Testing.Corpora;

/// <summary>How a company makes its mailbox names.</summary>
internal enum MeridianMailPattern
{
    /// <summary><c>wei.zhang@</c>.</summary>
    FirstDotLast,

    /// <summary><c>wzhang@</c>.</summary>
    FirstInitialLast,

    /// <summary><c>weizhang@</c>.</summary>
    FirstLast,

    /// <summary><c>wei_zhang@</c>.</summary>
    FirstUnderscoreLast,

    /// <summary><c>tanaka.hiroshi@</c>.</summary>
    LastDotFirst,

    /// <summary><c>zhangwei@</c>.</summary>
    LastFirst,

    /// <summary><c>h-tanaka@</c>.</summary>
    InitialDashLast,

    /// <summary><c>mjkim@</c> (Korean: the given name's syllable initials and the family name).</summary>
    InitialsLast,

    /// <summary><c>minhnv@</c> (Vietnamese: given name, then the initials of family and middle name).</summary>
    GivenFamilyInitials,

    /// <summary><c>m.alqahtani@</c>.</summary>
    InitialDotLast,

    /// <summary><c>john.s@</c>.</summary>
    FirstDotLastInitial,

    /// <summary><c>rahul@</c> (small companies).</summary>
    First,
}

/// <summary>An office of a company: where it is and its main number (the switchboard).</summary>
internal sealed record MeridianOffice(string Country, string City, MeridianPhone Main);

/// <summary>A company of the corpus: a large enterprise with a buying committee, or a small business.</summary>
internal sealed class MeridianCompany
{
    public required string Id { get; init; }

    /// <summary>Gets the name without legal form (Vindhya Consultancy Services).</summary>
    public required string BaseName { get; init; }

    /// <summary>Gets the city Chinese company names start with (Hangzhou Lianhe Logistics), if any.</summary>
    public string? CityPrefix { get; init; }

    /// <summary>Gets the acronym the company goes by (VCS), if any.</summary>
    public string? Acronym { get; init; }

    /// <summary>Gets the legal form: the canonical one first, then its abbreviations.</summary>
    public required string[] Legal { get; init; }

    /// <summary>Gets the e-mail domain, or null when the staff use free mail.</summary>
    public string? Domain { get; init; }

    public required MeridianMailPattern Pattern { get; init; }

    public required bool Enterprise { get; init; }

    public required List<MeridianOffice> Offices { get; init; }

    /// <summary>Gets a family name many of the staff share (a family business, a clan), if any.</summary>
    public MeridianName? FavouredFamily { get; init; }

    /// <summary>Gets the mailboxes taken at the domain.</summary>
    public HashSet<string> Mailboxes { get; } = new(StringComparer.Ordinal);

    /// <summary>Gets or sets how many people of the corpus work there.</summary>
    public int Members { get; set; }

    public string Country => Offices[0].Country;
}

/// <summary>Which address a person puts on a form.</summary>
internal enum MeridianMailChoice
{
    Work,
    Personal,
    Shared,
    None,
}

/// <summary>Which number a person puts on a form.</summary>
internal enum MeridianPhoneChoice
{
    Mobile,
    Direct,
    Shared,
    None,
}

/// <summary>One person of the corpus with everything their forms are filled from.</summary>
internal sealed class MeridianPerson
{
    public required string Id { get; init; }

    public required string Case { get; init; }

    public required string Country { get; set; }

    public required MeridianIdentity Name { get; init; }

    /// <summary>Gets or sets the name after a marriage (name-change case).</summary>
    public MeridianIdentity? NewName { get; set; }

    /// <summary>Gets or sets the first lead written with <see cref="NewName"/>.</summary>
    public int ChangeAt { get; set; }

    public MeridianCompany? Company { get; set; }

    public MeridianOffice? Office { get; set; }

    /// <summary>Gets or sets what an individual writes as company (Self-employed, Freelancer, N/A), or null.</summary>
    public string? CompanyText { get; set; }

    public string? Title { get; set; }

    public string? WorkEmail { get; set; }

    /// <summary>Gets or sets the work address after the mailbox was renamed for a new family name.</summary>
    public string? NewWorkEmail { get; set; }

    public string? PersonalEmail { get; set; }

    /// <summary>Gets or sets a shared address: the role mailbox or the family mailbox.</summary>
    public string? SharedEmail { get; set; }

    public MeridianPhone? Mobile { get; set; }

    public MeridianPhone? Direct { get; set; }

    /// <summary>Gets or sets a shared number: the company switchboard or the household landline.</summary>
    public MeridianPhone? Shared { get; set; }

    public string? Extension { get; set; }

    public Dictionary<string, MeridianPhoneStyle> PhoneStyles { get; } = new(StringComparer.Ordinal);

    public (MeridianMailChoice Choice, int Weight)[] MailWeights { get; set; } = [(MeridianMailChoice.Work, 1)];

    public (MeridianPhoneChoice Choice, int Weight)[] PhoneWeights { get; set; } = [(MeridianPhoneChoice.Mobile, 1)];

    /// <summary>Gets or sets the address chosen for each lead, where the case fixes it (two-mailboxes).</summary>
    public MeridianMailChoice[]? MailPlan { get; set; }

    public int LeadCount { get; set; }

    public bool SendsDnc { get; set; }

    public bool NoData { get; init; }

    public bool TestLead { get; init; }

    /// <summary>Gets or sets the country form the person usually picks: 0 code, 1 name, 2 alpha-3, 3 another way.</summary>
    public int CountryHabit { get; set; }

    /// <summary>Gets or sets the company name form the person usually writes (see <see cref="MeridianForms"/>).</summary>
    public int CompanyHabit { get; set; }

    /// <summary>Gets or sets when the person's company evaluates (committee members act in one window), in days from the start.</summary>
    public double? Window { get; set; }

    /// <summary>Gets or sets the offers the person is interested in.</summary>
    public int[] Offers { get; set; } = [];
}

/// <summary>Builds the people and companies of the corpus, case by case.</summary>
internal sealed class MeridianPopulation
{
    private static readonly string[] EnterpriseTitles =
    [
        "Chief Information Officer", "Chief Technology Officer", "IT Director", "Head of IT", "IT Manager", "Procurement Manager",
        "Senior Procurement Officer", "Purchasing Executive", "Solutions Architect", "Enterprise Architect", "Cloud Architect",
        "Head of Digital Transformation", "Finance Controller", "Chief Financial Officer", "Information Security Manager",
        "Data Engineer", "Senior Software Engineer", "Project Manager", "Program Manager", "Business Analyst", "Operations Manager",
        "HR Director", "HR Business Partner", "Deputy General Manager - IT", "Assistant Manager", "Associate Consultant",
        "Team Lead", "Vice President, Technology", "General Manager", "System Administrator", "Network Engineer",
        "Supply Chain Manager", "Senior Manager, Applications", "Category Manager - IT", "Legal Counsel",
    ];

    private static readonly string[] SmallTitles =
    [
        "Owner", "Director", "Managing Director", "Founder", "Co-founder", "CEO", "Partner", "Proprietor", "Office Manager",
        "Accountant", "IT Consultant", "Operations Manager", "General Manager", "Sales Manager",
    ];

    private static readonly string[] IndividualTitles =
    [
        "Consultant", "Freelance Developer", "Independent Consultant", "Software Developer", "Data Analyst", "Researcher",
        "Contractor", "Solutions Consultant", "Developer",
    ];

    private static readonly string[] IndividualCompanies =
        ["Self-employed", "Self employed", "Freelancer", "N/A", "Individual", "-", "None", "Personal", "NA", "Self"];

    private static readonly string[] EnterpriseRoles = ["purchasing", "procurement", "it", "itsupport", "it.admin", "ict", "sales", "admin", "info", "software", "licensing"];

    private static readonly string[] SmallRoles = ["info", "sales", "admin", "office", "contact", "accounts", "hello", "enquiries", "support"];

    private static readonly string[] AsiaPacific = ["IN", "CN", "JP", "KR", "VN", "SG", "MY", "AU", "NZ"];

    private static readonly string[] MiddleEastAfrica = ["AE", "SA", "TR", "NG", "KE", "ZA", "IN"];

    private readonly Random _random;
    private readonly List<MeridianPerson> _people = [];
    private readonly List<MeridianCompany> _enterprises = [];
    private readonly HashSet<string> _domains = new(StringComparer.Ordinal);
    private readonly HashSet<string> _personalMail = new(StringComparer.Ordinal);
    private int _companies;

    private MeridianPopulation(Random random) => _random = random;

    public IReadOnlyList<MeridianPerson> People => _people;

    public IReadOnlyList<MeridianCompany> Enterprises => _enterprises;

    /// <summary>Builds the population of <paramref name="people"/> people.</summary>
    public static MeridianPopulation Build(int people, Random random)
    {
        var population = new MeridianPopulation(random);
        population.BuildCore(people);
        return population;
    }

    private static int Share(int people, double fraction) => (int)Math.Round(people * fraction, MidpointRounding.AwayFromZero);

    private void BuildCore(int people)
    {
        var tests = people >= 20 ? Math.Max(1, Share(people, 0.002)) : 0;
        var noData = people >= 20 ? Math.Max(1, Share(people, 0.015)) : 0;
        var household = people >= 20 ? Math.Max(2, Share(people, 0.045)) : 0;
        var namesake = people >= 20 ? Math.Max(2, Share(people, 0.075)) : 0;
        var role = people >= 20 ? Math.Max(2, Share(people, 0.06)) : 0;
        var twoMailboxes = people >= 20 ? Math.Max(1, Share(people, 0.04)) : 0;
        var nameChange = people >= 20 ? Math.Max(1, Share(people, 0.035)) : 0;
        var sparse = people >= 20 ? Math.Max(1, Share(people, 0.05)) : 0;
        var switchboard = people >= 20 ? Math.Max(3, Share(people, 0.09)) : 0;
        var committee = people >= 20 ? Math.Max(3, Share(people, 0.14)) : 0;
        var plain = people - tests - noData - household - namesake - role - twoMailboxes - nameChange - sparse - switchboard - committee;

        BuildEnterprises(switchboard, committee);
        BuildNamesakes(namesake);
        BuildRoleMailboxes(role);
        BuildHouseholds(household);
        for (var i = 0; i < twoMailboxes; i++)
        {
            AddTwoMailboxes();
        }

        for (var i = 0; i < nameChange; i++)
        {
            AddNameChange();
        }

        for (var i = 0; i < sparse; i++)
        {
            AddSparse();
        }

        BuildPlain(plain);
        for (var i = 0; i < noData; i++)
        {
            Add(new MeridianPerson { Id = NextId(), Case = "no-data", Country = PickCountry().Code, Name = AnyIdentity(), NoData = true, LeadCount = 1 });
        }

        for (var i = 0; i < tests; i++)
        {
            Add(new MeridianPerson { Id = NextId(), Case = "test-lead", Country = "US", Name = AnyIdentity(), TestLead = true, LeadCount = 1 });
        }

        foreach (var person in _people)
        {
            FinishPerson(person);
        }
    }

    private void BuildEnterprises(int switchboard, int committee)
    {
        var slots = Enumerable.Repeat("switchboard", switchboard).Concat(Enumerable.Repeat("committee", committee)).ToArray();
        _random.Shuffle(slots);
        var at = 0;
        while (at < slots.Length)
        {
            var size = 5 + (int)(20 * Math.Pow(_random.NextDouble(), 1.7));
            if (slots.Length - at - size < 5)
            {
                size = slots.Length - at;
            }

            var company = NewEnterprise(PickCountry());
            var window = _random.NextDouble() * 11;
            foreach (var slot in slots.Skip(at).Take(size))
            {
                AddEmployee(company, slot, window);
            }

            at += size;
        }
    }

    private MeridianPerson AddEmployee(MeridianCompany company, string @case, double? window, MeridianIdentity? identity = null, string? country = null)
    {
        var office = company.Offices.FirstOrDefault(o => o.Country == country)
            ?? (company.Offices.Count == 1 || _random.Chance(0.6) ? company.Offices[0] : _random.Pick(company.Offices));
        var where = MeridianPlaces.Of(office.Country);
        identity ??= NewIdentity(where, company.FavouredFamily);
        var person = new MeridianPerson
        {
            Id = NextId(),
            Case = @case,
            Country = office.Country,
            Name = identity,
            Company = company,
            Office = office,
            Title = _random.Pick(company.Enterprise ? EnterpriseTitles : SmallTitles),
            Mobile = MeridianPhones.NewMobile(where, _random),
            Window = window is null ? null : window + (_random.NextDouble() * 3),
        };
        person.WorkEmail = WorkAddress(company, identity);
        if (@case == "switchboard")
        {
            person.Shared = office.Main;
            person.Extension = _random.Chance(0.6) ? MeridianPhones.Digits(_random, _random.Pick([3, 4, 4])) : null;
            person.PhoneWeights = [(MeridianPhoneChoice.Shared, 75), (MeridianPhoneChoice.Mobile, 15), (MeridianPhoneChoice.None, 10)];
        }
        else
        {
            person.Direct = company.Enterprise && office.Main.Kind == MeridianPhoneKind.Landline && _random.Chance(0.4)
                ? MeridianPhones.NewDirectLine(office.Main, _random)
                : null;
            person.PhoneWeights = person.Direct is null
                ? [(MeridianPhoneChoice.Mobile, 88), (MeridianPhoneChoice.None, 12)]
                : [(MeridianPhoneChoice.Direct, 55), (MeridianPhoneChoice.Mobile, 35), (MeridianPhoneChoice.None, 10)];
        }

        person.MailWeights = [(MeridianMailChoice.Work, 97), (MeridianMailChoice.None, 3)];
        company.Members++;
        Add(person);
        return person;
    }

    private void BuildNamesakes(int budget)
    {
        var made = 0;
        while (made < budget)
        {
            var remaining = budget - made;
            var size = remaining <= 3 ? remaining : _random.Chance(0.78) ? 2 : 3;
            if (remaining - size == 1)
            {
                size++; // never leave a lone "namesake"
            }

            var culture = MeridianNames.Of(_random.Weighted(
            [
                (MeridianCulture.Chinese, 20), (MeridianCulture.Hindi, 16), (MeridianCulture.Korean, 10), (MeridianCulture.Vietnamese, 10),
                (MeridianCulture.Arab, 12), (MeridianCulture.Japanese, 6), (MeridianCulture.Anglo, 8), (MeridianCulture.Hausa, 4),
                (MeridianCulture.Kenyan, 4), (MeridianCulture.SeaChinese, 5), (MeridianCulture.Tamil, 3), (MeridianCulture.Bengali, 2),
            ]));
            var female = _random.Chance(0.4);
            var given = _random.PickCommonName(female ? culture.Female : culture.Male);
            var family = culture.Family.Length > 0 ? _random.PickCommonName(culture.Family) : null;
            var first = MeridianIdentity.Create(culture, female, _random, given, family);
            var sameCompany = _random.Chance(0.55);
            var home = CountriesOf(culture.Culture);
            MeridianCompany? company = null;
            if (sameCompany)
            {
                company = PickEnterprise(e => e.Offices.Any(o => home.Contains(o.Country)), size)
                    ?? NewEnterprise(MeridianPlaces.Of(_random.Pick(home)));
            }

            for (var i = 0; i < size; i++)
            {
                var identity = i == 0 ? first : MeridianIdentity.Create(culture, female, _random, given, family, first);
                if (company is not null)
                {
                    AddEmployee(company, "namesake", null, identity, company.Offices.First(o => home.Contains(o.Country)).Country);
                }
                else
                {
                    var country = MeridianPlaces.Of(_random.Pick(home));
                    if (_random.Chance(0.5) && PickEnterprise(e => e.Offices.Any(o => o.Country == country.Code)) is { } enterprise)
                    {
                        AddEmployee(enterprise, "namesake", null, identity, country.Code);
                    }
                    else
                    {
                        AddSmallOrIndividual("namesake", country, identity);
                    }
                }
            }

            made += size;
        }
    }

    private void BuildRoleMailboxes(int budget)
    {
        var made = 0;
        while (made < budget)
        {
            var size = Math.Min(budget - made, _random.Weighted([(2, 35), (3, 35), (4, 20), (5, 10)]));
            if (budget - made - size == 1)
            {
                size++;
            }

            MeridianCompany company;
            if (_random.Chance(0.4) && PickEnterprise(null, size) is { } enterprise)
            {
                company = enterprise;
            }
            else
            {
                company = NewSmallCompany(PickCountry(), withDomain: _random.Chance(0.85));
            }

            var roles = company.Enterprise ? EnterpriseRoles : SmallRoles;
            var role = roles.FirstOrDefault(r => !company.Mailboxes.Contains(r) && _random.Chance(0.5))
                ?? roles.FirstOrDefault(r => !company.Mailboxes.Contains(r))
                ?? roles[0] + company.Mailboxes.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
            string shared;
            if (company.Domain is not null)
            {
                company.Mailboxes.Add(role);
                shared = role + "@" + company.Domain;
            }
            else
            {
                // A small business without a domain shares one free mailbox named after the business.
                var country = MeridianPlaces.Of(company.Country);
                shared = UniquePersonal(MeridianPlaces.ToMailbox(company.BaseName) + _random.Pick(["", ".sales", "info", "2016", ".office"]), FreemailOf(country));
            }

            for (var i = 0; i < size; i++)
            {
                var person = company.Enterprise
                    ? AddEmployee(company, "role-mailbox", null)
                    : AddSmallOrIndividual("role-mailbox", MeridianPlaces.Of(company.Country), null, company);
                person.SharedEmail = shared;
                person.MailWeights = company.Enterprise
                    ? [(MeridianMailChoice.Shared, 78), (MeridianMailChoice.Work, 20), (MeridianMailChoice.None, 2)]
                    : [(MeridianMailChoice.Shared, 88), (person.WorkEmail is null ? MeridianMailChoice.Personal : MeridianMailChoice.Work, 10), (MeridianMailChoice.None, 2)];
                if (_random.Chance(0.4))
                {
                    person.Shared = person.Office?.Main;
                    person.PhoneWeights = [(MeridianPhoneChoice.Shared, 60), (MeridianPhoneChoice.Mobile, 30), (MeridianPhoneChoice.None, 10)];
                }
            }

            made += size;
        }
    }

    private void BuildHouseholds(int budget)
    {
        var made = 0;
        while (made < budget)
        {
            var size = Math.Min(budget - made, _random.Weighted([(2, 70), (3, 22), (4, 8)]));
            if (budget - made - size == 1)
            {
                size++;
            }

            var country = _random.Chance(0.85)
                ? PickCountry(c => c.HomeLandlines)
                : PickCountry(c => !c.HomeLandlines);
            MeridianCultureInfo culture;
            do
            {
                culture = MeridianNames.Of(_random.Weighted(country.People));
            }
            while (!culture.HouseholdSharesFamilyName);

            var family = culture.Family.Length > 0 ? _random.PickName(culture.Family) : null;
            var phone = country.HomeLandlines ? MeridianPhones.NewLandline(country, _random) : MeridianPhones.NewMobile(country, _random);
            string? familyMail = null;
            if (_random.Chance(0.35) && family is not null)
            {
                var f = MeridianPlaces.ToMailbox(family.Canonical);
                familyMail = UniquePersonal(_random.Pick([f + "family", "the" + f + "s", f + ".family", f + "home", f + "house", "team" + f]), FreemailOf(country));
            }

            MeridianIdentity? first = null;
            var usedGiven = new HashSet<MeridianName>();
            for (var i = 0; i < size; i++)
            {
                var female = i == 1 ? !first!.Female : _random.Chance(0.5);
                var pool = female ? culture.Female : culture.Male;
                MeridianName given;
                do
                {
                    given = _random.PickName(pool);
                }
                while (!usedGiven.Add(given));

                var identity = MeridianIdentity.Create(culture, female, _random, given, family, first);
                first ??= identity;
                var person = AddSmallOrIndividual("household", country, identity);
                person.Shared = phone;
                person.PhoneWeights = [(MeridianPhoneChoice.Shared, 60), (MeridianPhoneChoice.Mobile, 30), (MeridianPhoneChoice.None, 10)];
                if (familyMail is not null && (i == 0 || _random.Chance(0.5)))
                {
                    person.SharedEmail = familyMail;
                    person.MailWeights = [(MeridianMailChoice.Shared, 50), (person.WorkEmail is null ? MeridianMailChoice.Personal : MeridianMailChoice.Work, 48), (MeridianMailChoice.None, 2)];
                }
            }

            made += size;
        }
    }

    private void AddTwoMailboxes()
    {
        var country = PickCountry();
        MeridianPerson person;
        if (_random.Chance(0.5) && PickEnterprise(null) is { } enterprise)
        {
            person = AddEmployee(enterprise, "two-mailboxes", null);
        }
        else
        {
            person = AddSmallOrIndividual("two-mailboxes", country, null, NewSmallCompany(country, withDomain: true));
        }

        person.PersonalEmail ??= PersonalAddress(person.Name, MeridianPlaces.Of(person.Country));
        person.Direct = null;
        person.Shared = null;
        person.PhoneWeights = [(MeridianPhoneChoice.Mobile, 88), (MeridianPhoneChoice.None, 12)];
        person.LeadCount = Math.Max(2, DrawLeadCount());
        var plan = new MeridianMailChoice[person.LeadCount];
        for (var i = 0; i < plan.Length; i++)
        {
            plan[i] = _random.Chance(0.5) ? MeridianMailChoice.Work : MeridianMailChoice.Personal;
        }

        if (plan.All(p => p == plan[0]))
        {
            plan[_random.Next(1, plan.Length)] = plan[0] == MeridianMailChoice.Work ? MeridianMailChoice.Personal : MeridianMailChoice.Work;
        }

        person.MailPlan = plan;
    }

    private void AddNameChange()
    {
        var country = PickCountry(c => c.People.Any(p => MeridianNames.Of(p.Culture).ChangesNameOnMarriage));
        MeridianCultureInfo culture;
        do
        {
            culture = MeridianNames.Of(_random.Weighted(country.People));
        }
        while (!culture.ChangesNameOnMarriage || culture.Family.Length < 2);

        var female = _random.Chance(0.92);
        var before = MeridianIdentity.Create(culture, female, _random, family: _random.PickName(culture.Family));
        var where = _random.Next(3);
        MeridianPerson person;
        if (where == 0 && PickEnterprise(e => e.Offices.Any(o => o.Country == country.Code)) is { } company)
        {
            person = AddEmployee(company, "name-change", null, before, country.Code);
        }
        else
        {
            person = AddSmallOrIndividual("name-change", country, before, where == 1 ? NewSmallCompany(country, withDomain: true) : null);
        }

        person.NewName = before.Married(_random);
        person.LeadCount = Math.Max(2, DrawLeadCount());
        person.ChangeAt = _random.Next(1, person.LeadCount);
        person.Direct = null;
        person.Shared = null;
        person.PhoneWeights = [(MeridianPhoneChoice.Mobile, 88), (MeridianPhoneChoice.None, 12)];
        if (person.WorkEmail is not null && person.Company?.Domain is not null && _random.Chance(0.5))
        {
            // The mailbox is renamed for the new name; the mobile stays.
            person.NewWorkEmail = WorkAddress(person.Company, person.NewName);
            person.MailWeights = [(MeridianMailChoice.Work, 95), (MeridianMailChoice.None, 5)];
        }
        else
        {
            // The personal mailbox made under the maiden name stays.
            person.PersonalEmail ??= PersonalAddress(before, country);
            person.MailWeights = [(MeridianMailChoice.Personal, 90), (MeridianMailChoice.None, 10)];
        }
    }

    private void AddSparse()
    {
        var country = PickCountry();
        MeridianPerson person;
        if (_random.Chance(0.3) && PickEnterprise(null) is { } enterprise)
        {
            person = AddEmployee(enterprise, "sparse", null);
        }
        else
        {
            person = AddSmallOrIndividual("sparse", country, null, _random.Chance(0.6) ? NewSmallCompany(country, withDomain: _random.Chance(0.7)) : null);
        }

        person.LeadCount = Math.Max(2, DrawLeadCount());
    }

    private void BuildPlain(int count)
    {
        var made = 0;
        while (made < count)
        {
            var country = PickCountry();
            if (_random.Chance(0.55))
            {
                // A small business: one to three of its people send leads.
                var company = NewSmallCompany(country, withDomain: _random.Chance(0.6));
                var size = Math.Min(count - made, _random.Weighted([(1, 60), (2, 28), (3, 12)]));
                for (var i = 0; i < size; i++)
                {
                    AddSmallOrIndividual("plain", country, null, company);
                }

                made += size;
            }
            else
            {
                AddSmallOrIndividual("plain", country, null);
                made++;
            }
        }
    }

    /// <summary>Adds a person who works at a small company, or for themselves when <paramref name="company"/> is null and a coin says so.</summary>
    private MeridianPerson AddSmallOrIndividual(string @case, MeridianCountry country, MeridianIdentity? identity, MeridianCompany? company = null)
    {
        identity ??= NewIdentity(country, null);
        if (company is null && @case is "namesake" or "household" && _random.Chance(0.5))
        {
            company = NewSmallCompany(country, withDomain: _random.Chance(0.5));
        }

        var person = new MeridianPerson
        {
            Id = NextId(),
            Case = @case,
            Country = country.Code,
            Name = identity,
            Company = company,
            Office = company?.Offices[0],
            Mobile = MeridianPhones.NewMobile(country, _random),
        };
        if (company is not null)
        {
            company.Members++;
            person.Title = _random.Pick(SmallTitles);
            person.WorkEmail = company.Domain is null ? null : WorkAddress(company, identity);
        }
        else
        {
            person.Title = _random.Chance(0.7) ? _random.Pick(IndividualTitles) : null;
            person.CompanyText = _random.Chance(0.6) ? _random.Pick(IndividualCompanies) : null;
        }

        if (person.WorkEmail is null || _random.Chance(0.15))
        {
            person.PersonalEmail = PersonalAddress(identity, country);
        }

        person.MailWeights = person.WorkEmail is null
            ? [(MeridianMailChoice.Personal, 97), (MeridianMailChoice.None, 3)]
            : person.PersonalEmail is null
                ? [(MeridianMailChoice.Work, 97), (MeridianMailChoice.None, 3)]
                : [(MeridianMailChoice.Work, 90), (MeridianMailChoice.Personal, 7), (MeridianMailChoice.None, 3)];
        person.PhoneWeights = company is not null && company.Offices[0].Main.Kind != MeridianPhoneKind.Mobile && _random.Chance(0.3)
            ? [(MeridianPhoneChoice.Shared, 50), (MeridianPhoneChoice.Mobile, 42), (MeridianPhoneChoice.None, 8)]
            : [(MeridianPhoneChoice.Mobile, 91), (MeridianPhoneChoice.None, 9)];
        if (person.PhoneWeights[0].Choice == MeridianPhoneChoice.Shared)
        {
            person.Shared = company!.Offices[0].Main;
        }

        Add(person);
        return person;
    }

    private void FinishPerson(MeridianPerson person)
    {
        if (person.LeadCount == 0)
        {
            person.LeadCount = DrawLeadCount();
        }

        person.SendsDnc = !person.NoData && !person.TestLead && _random.Chance(0.08);
        person.CountryHabit = _random.Weighted([(0, 58), (1, 28), (2, 7), (3, 7)]);
        person.CompanyHabit = _random.Next(1000);
        var offerCount = person.LeadCount >= 8 ? _random.Next(2, 5) : person.LeadCount >= 3 ? _random.Next(1, 4) : _random.Next(1, 3);
        person.Offers = [.. MeridianOffers.PickOffers(person, offerCount, _random)];
        foreach (var phone in new[] { person.Mobile, person.Direct, person.Shared })
        {
            if (phone is not null && !person.PhoneStyles.ContainsKey(phone.Key))
            {
                person.PhoneStyles[phone.Key] = MeridianPhones.PickStyle(MeridianPlaces.Of(phone.Country), phone.Kind, _random);
            }
        }
    }

    /// <summary>Draws how many leads a person sends: most 1–3, a tail of 4–9 and a few heavy evaluators with 10–30.</summary>
    private int DrawLeadCount()
    {
        var roll = _random.NextDouble();
        return roll switch
        {
            < 0.58 => 1,
            < 0.80 => 2,
            < 0.89 => 3,
            < 0.93 => 4,
            < 0.955 => 5,
            < 0.978 => _random.Next(6, 10),
            _ => Math.Min(30, 10 + (int)(-6 * Math.Log(1 - _random.NextDouble()))),
        };
    }

    /// <summary>Picks an enterprise that has room for <paramref name="room"/> more people (committees stay at 5–25).</summary>
    private MeridianCompany? PickEnterprise(Func<MeridianCompany, bool>? filter, int room = 1)
    {
        var candidates = _enterprises.Where(e => e.Members + room <= 25 && (filter is null || filter(e))).ToArray();
        return candidates.Length == 0 ? null : _random.Pick(candidates);
    }

    private MeridianIdentity NewIdentity(MeridianCountry country, MeridianName? favouredFamily)
    {
        var culture = MeridianNames.Of(_random.Weighted(country.People));
        var female = _random.Chance(0.42);
        var family = favouredFamily is not null && culture.Family.Contains(favouredFamily) && _random.Chance(0.3) ? favouredFamily : null;
        return MeridianIdentity.Create(culture, female, _random, family: family);
    }

    private MeridianIdentity AnyIdentity() => NewIdentity(PickCountry(), null);

    private MeridianCountry PickCountry(Func<MeridianCountry, bool>? filter = null) =>
        _random.Weighted([.. MeridianPlaces.All.Where(c => filter is null || filter(c)).Select(c => (c, c.Weight))]);

    private static string[] CountriesOf(MeridianCulture culture) =>
        [.. MeridianPlaces.All.Where(c => c.People.Any(p => p.Culture == culture && p.Weight >= 5)).Select(c => c.Code)];

    private MeridianCompany NewEnterprise(MeridianCountry country)
    {
        var prefix = _random.Pick(country.CompanyPrefixes);
        var sector = _random.Pick(country.CompanySectors);
        var baseName = prefix + " " + sector;
        var words = baseName.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(w => w is not ("&" or "and" or "of")).ToArray();
        var acronym = words.Length >= 3 && _random.Chance(0.8) ? string.Concat(words.Select(w => char.ToUpperInvariant(MeridianPlaces.ToAscii(w)[0]))) : null;
        var cityPrefix = country.Code == "CN" && _random.Chance(0.5) ? _random.Pick(country.Cities) : null;
        var tld = _random.Pick(country.CompanyTlds);
        var candidates = new List<string>();
        if (acronym is not null && _random.Chance(0.4))
        {
            candidates.Add(acronym.ToLowerInvariant() + "." + tld);
            candidates.Add(acronym.ToLowerInvariant() + "group." + tld);
        }

        candidates.Add(MeridianPlaces.ToMailbox(prefix) + MeridianPlaces.ToMailbox(sector.Split(' ')[0]) + "." + tld);
        candidates.Add(MeridianPlaces.ToMailbox(prefix) + "-" + MeridianPlaces.ToMailbox(sector.Split(' ')[0]) + "." + tld);
        candidates.Add(MeridianPlaces.ToMailbox(prefix) + "group." + tld);
        var domain = UniqueDomain(candidates);
        // Regional groups headquartered in a hub have offices in their region (Singapore for APAC, Dubai for the Middle East and Africa …).
        var offices = new List<MeridianOffice> { NewOffice(country, business: true) };
        if (country.Code is "SG" or "AE" or "IN" or "AU" or "JP" or "KR" or "CN" or "ZA" or "SA" or "MY" && _random.Chance(0.4))
        {
            string[] region = country.Code is "AE" or "SA" or "ZA" || country.Code == "IN" && _random.Chance(0.4) ? MiddleEastAfrica : AsiaPacific;
            foreach (var other in Enumerable.Range(0, _random.Next(1, 3)).Select(_ => PickCountry(c => c.Code != country.Code && region.Contains(c.Code))).DistinctBy(c => c.Code))
            {
                offices.Add(NewOffice(other, business: true));
            }
        }

        // A third of the enterprises have a family name many of their staff share (a family firm, a clan, a region).
        var dominant = MeridianNames.Of(country.People.OrderByDescending(p => p.Weight).First().Culture);
        var favoured = dominant.Family.Length > 0 && _random.Chance(0.35) ? _random.PickCommonName(dominant.Family) : null;
        var company = new MeridianCompany
        {
            Id = "c" + (++_companies).ToString("D4", System.Globalization.CultureInfo.InvariantCulture),
            BaseName = baseName,
            CityPrefix = cityPrefix,
            Acronym = acronym,
            Legal = _random.Pick(country.LegalForms),
            Domain = domain,
            Pattern = PickPattern(country, enterprise: true),
            Enterprise = true,
            Offices = offices,
            FavouredFamily = favoured,
        };
        _enterprises.Add(company);
        return company;
    }

    private MeridianCompany NewSmallCompany(MeridianCountry country, bool withDomain)
    {
        string baseName;
        if (_random.Chance(0.3))
        {
            var culture = MeridianNames.Of(_random.Weighted(country.People));
            var owner = culture.Family.Length > 0 ? _random.PickName(culture.Family).Canonical : _random.PickName(culture.Male).Canonical;
            baseName = owner + " " + _random.Pick(["Enterprises", "& Sons", "Traders", "Associates", "Consulting", "Technologies", "Solutions", "& Co", "Group", "Digital"]);
        }
        else
        {
            baseName = _random.Pick(country.CompanyPrefixes) + " " + _random.Pick(["Softech", "Systems", "Solutions", "Traders", "Digital", "Consulting", "Analytics", "Labs", "Technologies", "Infra", "Partners", "Works"]);
        }

        string? domain = null;
        if (withDomain)
        {
            var tld = _random.Pick(country.CompanyTlds);
            var words = baseName.Split(' ').Where(w => w != "&").Select(MeridianPlaces.ToMailbox).Where(w => w.Length > 0).ToArray();
            domain = UniqueDomain([string.Concat(words) + "." + tld, string.Join('-', words) + "." + tld, words[0] + "." + tld, string.Concat(words) + "hq." + tld]);
        }

        var company = new MeridianCompany
        {
            Id = "c" + (++_companies).ToString("D4", System.Globalization.CultureInfo.InvariantCulture),
            BaseName = baseName,
            Acronym = null,
            Legal = _random.Pick(country.LegalForms),
            Domain = domain,
            Pattern = _random.Weighted([(MeridianMailPattern.First, 40), (MeridianMailPattern.FirstDotLast, 40), (MeridianMailPattern.FirstInitialLast, 20)]),
            Enterprise = false,
            Offices = [NewOffice(country, business: false)],
        };
        return company;
    }

    private MeridianOffice NewOffice(MeridianCountry country, bool business)
    {
        MeridianPhone main;
        if (business && _random.Chance(0.2) && MeridianPhones.NewBusiness(country, _random) is { } businessNumber)
        {
            main = businessNumber;
        }
        else if (!business && _random.Chance(0.5))
        {
            main = MeridianPhones.NewMobile(country, _random); // the owner's mobile is the shop's number
        }
        else
        {
            main = MeridianPhones.NewLandline(country, _random);
        }

        return new MeridianOffice(country.Code, _random.Pick(country.Cities), main);
    }

    private MeridianMailPattern PickPattern(MeridianCountry country, bool enterprise) => country.Code switch
    {
        "CN" => _random.Weighted([(MeridianMailPattern.LastFirst, 35), (MeridianMailPattern.FirstDotLast, 25), (MeridianMailPattern.FirstInitialLast, 15), (MeridianMailPattern.LastDotFirst, 15), (MeridianMailPattern.FirstLast, 10)]),
        "JP" => _random.Weighted([(MeridianMailPattern.LastDotFirst, 30), (MeridianMailPattern.FirstDotLast, 30), (MeridianMailPattern.InitialDashLast, 25), (MeridianMailPattern.LastFirst, 15)]),
        "KR" => _random.Weighted([(MeridianMailPattern.InitialsLast, 40), (MeridianMailPattern.FirstDotLast, 30), (MeridianMailPattern.FirstLast, 15), (MeridianMailPattern.LastDotFirst, 15)]),
        "VN" => _random.Weighted([(MeridianMailPattern.GivenFamilyInitials, 55), (MeridianMailPattern.FirstDotLast, 25), (MeridianMailPattern.FirstLast, 20)]),
        "AE" or "SA" => _random.Weighted([(MeridianMailPattern.FirstDotLast, 50), (MeridianMailPattern.FirstInitialLast, 25), (MeridianMailPattern.InitialDotLast, 25)]),
        "TR" => _random.Weighted([(MeridianMailPattern.FirstDotLast, 70), (MeridianMailPattern.FirstLast, 15), (MeridianMailPattern.FirstInitialLast, 15)]),
        "IN" => _random.Weighted([(MeridianMailPattern.FirstDotLast, 55), (MeridianMailPattern.FirstInitialLast, 15), (MeridianMailPattern.FirstLast, 10), (MeridianMailPattern.FirstUnderscoreLast, 10), (MeridianMailPattern.FirstDotLastInitial, 10)]),
        _ => enterprise
            ? _random.Weighted([(MeridianMailPattern.FirstDotLast, 55), (MeridianMailPattern.FirstInitialLast, 25), (MeridianMailPattern.FirstLast, 10), (MeridianMailPattern.FirstDotLastInitial, 10)])
            : MeridianMailPattern.First,
    };

    /// <summary>Makes a person's mailbox at a company by its pattern; a taken mailbox gets a number (wei.zhang2).</summary>
    private string WorkAddress(MeridianCompany company, MeridianIdentity identity)
    {
        var g = identity.MailGiven;
        var f = identity.MailFamily;
        var local = company.Pattern switch
        {
            MeridianMailPattern.FirstDotLast => g + "." + f,
            MeridianMailPattern.FirstInitialLast => g[..1] + f,
            MeridianMailPattern.FirstLast => g + f,
            MeridianMailPattern.FirstUnderscoreLast => g + "_" + f,
            MeridianMailPattern.LastDotFirst => f + "." + g,
            MeridianMailPattern.LastFirst => f + g,
            MeridianMailPattern.InitialDashLast => g[..1] + "-" + f,
            MeridianMailPattern.InitialsLast => identity.MailGivenInitials + f,
            MeridianMailPattern.GivenFamilyInitials => g + f[..1] + identity.MailMiddleInitial,
            MeridianMailPattern.InitialDotLast => g[..1] + "." + f,
            MeridianMailPattern.FirstDotLastInitial => g + "." + f[..1],
            _ => g,
        };
        var candidate = local;
        for (var n = 2; !company.Mailboxes.Add(candidate); n++)
        {
            candidate = company.Pattern == MeridianMailPattern.First && n == 2 ? g + "." + f : local + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return candidate + "@" + company.Domain;
    }

    /// <summary>Makes a personal free-mail address, unique in the corpus.</summary>
    private string PersonalAddress(MeridianIdentity identity, MeridianCountry country)
    {
        var domain = FreemailOf(country);
        var g = MeridianPlaces.ToMailbox(identity.Western is not null && _random.Chance(0.5) ? identity.Western.Canonical : identity.GivenSpelling);
        var f = identity.MailFamily;
        var nick = identity.Nickname is not null ? MeridianPlaces.ToMailbox(identity.Nickname) : g;
        var year = _random.Next(1968, 2004).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var nn = _random.Next(1, 100).ToString("D2", System.Globalization.CultureInfo.InvariantCulture);
        if (domain == "qq.com" && _random.Chance(0.7))
        {
            return UniquePersonal(MeridianPhones.Digits(_random, 1).Replace('0', '1') + MeridianPhones.Digits(_random, _random.Next(7, 10)), domain);
        }

        var local = _random.Weighted(
        [
            (g + "." + f, 25), (g + f, 14), (g + "." + f + nn, 10), (g + f + year[2..], 10), (g + "_" + f, 6), (f + "." + g, 6),
            (g[..1] + f, 8), (g + year, 6), (g + "." + f[..1], 4), (nick + f, 5), (f + g + nn, 4), (nick + "." + f + year[2..], 2),
        ]);
        return UniquePersonal(local, domain);
    }

    private string UniquePersonal(string local, string domain)
    {
        var candidate = local;
        // Gmail ignores dots: one account, one person (anna.silva@ is annasilva@'s mailbox).
        for (var n = 0; !_personalMail.Add(domain == "gmail.com" ? candidate.Replace(".", string.Empty, StringComparison.Ordinal) + "@gmail.com" : candidate + "@" + domain); n++)
        {
            candidate = local + (n < 3 ? _random.Next(1, 100).ToString(System.Globalization.CultureInfo.InvariantCulture) : _random.Next(100, 10000).ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        return candidate + "@" + domain;
    }

    private string UniqueDomain(List<string> candidates)
    {
        foreach (var candidate in candidates)
        {
            if (_domains.Add(candidate))
            {
                return candidate;
            }
        }

        for (var n = 2; ; n++)
        {
            var numbered = candidates[0].Insert(candidates[0].IndexOf('.', StringComparison.Ordinal), n.ToString(System.Globalization.CultureInfo.InvariantCulture));
            if (_domains.Add(numbered))
            {
                return numbered;
            }
        }
    }

    private string FreemailOf(MeridianCountry country) => _random.Weighted(country.Freemail);

    private string NextId() => "meridian-p" + (_people.Count + 1).ToString("D5", System.Globalization.CultureInfo.InvariantCulture);

    private void Add(MeridianPerson person) => _people.Add(person);
}
