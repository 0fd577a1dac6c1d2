using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace MarketplaceLeads.Testing.Corpora;

/// <summary>What a sparse person's later leads keep.</summary>
internal enum AtlanticSparse
{
    /// <summary>Not sparse.</summary>
    None,

    /// <summary>Later leads have no e-mail: name, phone and company.</summary>
    KeepPhone,

    /// <summary>Later leads have no e-mail and no phone: name and company.</summary>
    CompanyOnly,
}

/// <summary>
/// One way a person's details reach the marketplace: an account (a work Entra ID, a personal Microsoft account)
/// whose profile pre-fills the form, as the person typed it once. Each lead uses one profile; the form
/// lets the person edit it, which the renderer does now and then.
/// </summary>
internal sealed class AtlanticProfile
{
    public string? First { get; set; }

    public string? Last { get; set; }

    public string? Email { get; set; }

    public AtlanticPhone? Phone { get; set; }

    public int PhoneStyle { get; set; }

    public int ExtensionStyle { get; set; }

    public AtlanticCompany? Company { get; set; }

    public string? CompanyText { get; set; }

    public string? Title { get; set; }

    public string? CountryText { get; set; }

    /// <summary>Gets or sets how often the profile is used, relative to the person's others.</summary>
    public double Weight { get; set; } = 1;

    /// <summary>Gets or sets the profile's place in time: a name-change person's old-name profile (0) comes before the new one (1).</summary>
    public int Era { get; set; }

    public AtlanticSparse Sparse { get; set; }
}

/// <summary>A person of the Atlantic corpus: the truth behind the leads.</summary>
internal sealed class AtlanticPerson
{
    public required string Case { get; init; }

    public required AtlanticCountry Country { get; init; }

    public required AtlanticCulture Culture { get; init; }

    public required bool Female { get; init; }

    public required AtlanticGiven Given { get; init; }

    /// <summary>Gets or sets the last name as the person writes it today (García López, van der Meer, Kowalska).</summary>
    public required string Surname { get; set; }

    /// <summary>Gets or sets the surname a mailbox is made from (García for García López, Lima for Souza Lima).</summary>
    public required string MailSurname { get; set; }

    public string? Suffix { get; set; }

    public required string Language { get; init; }

    public required int UtcOffset { get; init; }

    public string Id { get; set; } = string.Empty;

    public List<AtlanticProfile> Profiles { get; } = [];

    public int Leads { get; set; }

    public bool SendsDnc { get; set; }

    /// <summary>Gets a value indicating whether the person's leads carry no personal data (a <c>.edu</c> customer).</summary>
    public bool NoPersonalData { get; init; }

    /// <summary>Gets a value indicating whether the "person" is a marketplace test lead.</summary>
    public bool TestLead { get; init; }

    public string? Title { get; set; }

    public bool Quebec => Culture.Key == "qc";
}

/// <summary>Builds the people of the Atlantic corpus, case by case, with their companies, mailboxes and phones.</summary>
internal sealed class AtlanticWorld
{
    public const string Plain = "plain";
    public const string Household = "household";
    public const string Switchboard = "switchboard";
    public const string Namesake = "namesake";
    public const string TwoMailboxes = "two-mailboxes";
    public const string NameChange = "name-change";
    public const string RoleMailbox = "role-mailbox";
    public const string SparseCase = "sparse";
    public const string Edu = "edu";
    public const string TestLeadCase = "test-lead";

    /// <summary>The share of people of each case (plain takes the rest).</summary>
    public static readonly (string Case, double Share)[] Shares =
    [
        (Household, 0.08), (Switchboard, 0.08), (Namesake, 0.04), (TwoMailboxes, 0.045), (NameChange, 0.05),
        (RoleMailbox, 0.04), (SparseCase, 0.05), (Edu, 0.012), (TestLeadCase, 0.004),
    ];

    /// <summary>The relative weights of 1, 2, 3 … 14 leads per person.</summary>
    private static readonly double[] LeadCountWeights = [52, 23, 11.2, 5.9, 3.2, 2, 1.2, 0.7, 0.42, 0.27, 0.16, 0.1, 0.06, 0.04];

    private static readonly string[] Placeholders = AtlanticContent.NoCompany;

    private readonly AtlanticDice _dice;
    private readonly HashSet<string> _taken = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, List<AtlanticCompany>> _companies = new(StringComparer.Ordinal);

    public AtlanticWorld(AtlanticDice dice)
    {
        _dice = dice;
    }

    public List<AtlanticPerson> People { get; } = [];

    /// <summary>Gets the largest switchboard's size (people behind one number).</summary>
    public int LargestSwitchboard { get; private set; }

    /// <summary>Creates the people: the hard cases in their shares, plain people for the rest, shuffled.</summary>
    public void Populate(int people)
    {
        var quota = Shares.ToDictionary(s => s.Case, s => (int)Math.Round(s.Share * people));
        if (people >= 20)
        {
            quota[TestLeadCase] = Math.Max(1, quota[TestLeadCase]);
        }

        FillGroups(quota[Household], () => _dice.Index(62, 26, 12) + 2, 2, AddHousehold);
        AddSwitchboards(quota[Switchboard], people);
        FillGroups(quota[Namesake], () => _dice.Chance(0.88) ? 2 : 3, 2, size => AddNamesakes(size, sameCompany: _dice.Chance(0.5)));
        FillGroups(quota[RoleMailbox], () => _dice.Index(40, 30, 20, 10) + 2, 2, AddRoleMailbox);
        Repeat(quota[TwoMailboxes], AddTwoMailboxes);
        Repeat(quota[NameChange], AddNameChange);
        Repeat(quota[SparseCase], AddSparse);
        Repeat(quota[Edu], AddEdu);
        Repeat(quota[TestLeadCase], AddTestLead);
        while (People.Count < people)
        {
            AddPlain();
        }

        _dice.Shuffle(People);
        for (var i = 0; i < People.Count; i++)
        {
            People[i].Id = "atlantic-" + (i + 1).ToString("D5", CultureInfo.InvariantCulture);
        }
    }

    private static void Repeat(int count, Action add)
    {
        for (var i = 0; i < count; i++)
        {
            add();
        }
    }

    private void FillGroups(int quota, Func<int> size, int minimum, Action<int> add)
    {
        while (quota >= minimum)
        {
            var n = Math.Min(size(), quota);
            if (quota - n > 0 && quota - n < minimum)
            {
                n = quota; // no group of one left over
            }

            add(n);
            quota -= n;
        }

        Repeat(quota, AddPlain);
    }

    // ---- the cases -------------------------------------------------------------------------------------------

    private void AddPlain()
    {
        var person = NewPerson(Plain, PickCountry());
        var freelancer = _dice.Chance(0.12);
        var company = freelancer ? null : AnyCompany(person.Country, person.Culture, person.Quebec);
        var email = company is { Domain: not null } && _dice.Chance(0.82) ? WorkMailbox(person, company) : PersonalMailbox(person);
        var phone = _dice.Index(55, 25, 10, 10) switch
        {
            0 => Mobile(person),
            1 when company is not null => AtlanticPhones.Line(_dice, company.MainPhone),
            2 when company is not null => company.MainPhone,
            _ => AtlanticPhones.Landline(_dice, person.Country.Code, person.Quebec),
        };
        var profile = Profile(person, email, phone, company, personal: company is null);
        if (freelancer && _dice.Chance(0.3))
        {
            profile.CompanyText = _dice.Pick(Placeholders);
        }

        person.Profiles.Add(profile);
        if (_dice.Chance(0.12))
        {
            // The same mailbox from another device or account: another phone, the name typed again.
            var second = Profile(person, email, _dice.Chance(0.5) ? Mobile(person) : phone, company, personal: _dice.Chance(0.5));
            second.Weight = 0.5;
            person.Profiles.Add(second);
        }

        Finish(person, minimumLeads: 1);
    }

    /// <summary>A household: people sharing a landline and a last name, sometimes a family mailbox and a family business.</summary>
    private void AddHousehold(int size)
    {
        var country = PickCountry();
        var culture = PickCulture(country);
        var landline = AtlanticPhones.Landline(_dice, country.Code, culture.Key == "qc");
        var (familyName, familyMail) = NewSurname(culture, female: false);
        var familyBusiness = _dice.Chance(0.3) ? NewCompany(country, culture, culture.Key == "qc", needsDomain: false, mainPhone: _dice.Chance(0.5) ? landline : null) : null;
        var familyMailbox = _dice.Chance(0.3) ? FamilyMailbox(country, culture, familyMail) : null;
        var familyMailboxUsers = 0;
        var keepsNames = culture.NameChange == AtlanticNameChange.None;
        var juniorPair = size == 2 && _dice.Chance(culture.Key is "en" or "ga" ? 0.3 : 0.1);

        AtlanticGiven? fatherGiven = null;
        string? motherMail = null;
        for (var i = 0; i < size; i++)
        {
            // Member 0 is a parent; member 1 the spouse, or (where spouses keep their names, and for a Jr.) a grown
            // child, so that two members always share the last name; the rest are grown children.
            var child = i >= 2 || (i == 1 && (juniorPair || (keepsNames && size == 2)));
            var female = i switch
            {
                0 => false,
                1 when juniorPair => false,
                1 when !child => !_dice.Chance(0.06),
                _ => _dice.Chance(0.5),
            };
            string surname, mailSurname;
            if (!child && i == 1 && keepsNames)
            {
                (surname, mailSurname) = NewSurname(culture, female);
                motherMail = mailSurname;
            }
            else if (child && culture.TwoSurnames)
            {
                // A child carries the father's first surname and the mother's first surname.
                motherMail ??= NewSurname(culture, female: true).Mail;
                (surname, mailSurname) = (motherMail == familyMail ? familyMail : familyMail + " " + motherMail, familyMail);
            }
            else
            {
                (surname, mailSurname) = (female ? culture.Feminine(familyName) : familyName, familyMail);
                if (culture.GenderedSurnames && female)
                {
                    mailSurname = surname;
                }
            }

            var given = i == 1 && juniorPair ? fatherGiven! : PickGiven(culture, female);
            var person = NewPerson(Household, country, culture, female, given, surname, mailSurname);
            fatherGiven ??= given;
            if (juniorPair && i == 1 && country.Code is "US" or "CA")
            {
                person.Suffix = "Jr.";
            }

            var company = familyBusiness ?? (_dice.Chance(0.75) ? AnyCompany(country, culture, person.Quebec) : null);
            var ownEmail = company is { Domain: not null } && _dice.Chance(0.6) ? WorkMailbox(person, company) : PersonalMailbox(person);
            var useFamilyMailbox = familyMailbox is not null && (familyMailboxUsers < 2 || _dice.Chance(0.5));
            var home = Profile(person, useFamilyMailbox ? familyMailbox : ownEmail, landline, company, personal: company is null || useFamilyMailbox);
            home.Weight = 1.2;
            person.Profiles.Add(home);
            if (useFamilyMailbox)
            {
                familyMailboxUsers++;
            }

            if (useFamilyMailbox || _dice.Chance(0.45))
            {
                var own = Profile(person, ownEmail, Mobile(person), company, personal: company is null);
                own.Weight = 0.8;
                person.Profiles.Add(own);
            }

            Finish(person, minimumLeads: 1);
        }
    }

    /// <summary>Switchboards: many people at one company behind its main number, each with a mailbox at the company domain.</summary>
    private void AddSwitchboards(int quota, int people)
    {
        var first = true;
        while (quota >= 3)
        {
            int size;
            if (first)
            {
                size = Math.Clamp((int)Math.Round(people * 0.018), 3, 60);
                LargestSwitchboard = Math.Min(size, quota);
            }
            else
            {
                size = 3 + _dice.Index(20, 18, 15, 12, 10, 8, 6, 5, 4, 3, 2, 2, 1, 1);
            }

            size = Math.Min(size, quota);
            if (quota - size is > 0 and < 3)
            {
                size = quota;
            }

            AddSwitchboard(size, familyClusters: size >= 10 ? 1 + _dice.Next(0, 3) : _dice.Chance(0.3) ? 1 : 0);
            quota -= size;
            first = false;
        }

        Repeat(quota, AddPlain);
    }

    private void AddSwitchboard(int size, int familyClusters)
    {
        var country = PickCountry();
        var mainCulture = country.Cultures[0].Culture;
        var quebec = country.Code == "CA" && _dice.Chance(0.3);
        var company = NewCompany(country, quebec ? AtlanticPools.Quebec : mainCulture, quebec, needsDomain: true);
        var main = company.MainPhone;

        // Families in the firm: several people with one last name (the Patels at Coho Winery).
        var clusters = new List<(AtlanticCulture Culture, string Surname, string Mail, int Left)>();
        for (var c = 0; c < familyClusters; c++)
        {
            var culture = quebec ? AtlanticPools.Quebec : PickCulture(country);
            var (surname, mail) = NewSurname(culture, female: false);
            clusters.Add((culture, surname, mail, 2 + _dice.Next(0, size >= 20 ? 4 : 2)));
        }

        for (var i = 0; i < size; i++)
        {
            AtlanticPerson person;
            var cluster = clusters.FindIndex(k => k.Left > 0);
            var female = _dice.Chance(0.5);
            if (cluster >= 0)
            {
                var (culture, surname, mail, left) = clusters[cluster];
                clusters[cluster] = (culture, surname, mail, left - 1);
                person = NewPerson(Switchboard, country, culture, female, surname: female ? culture.Feminine(surname) : surname, mailSurname: mail);
            }
            else
            {
                person = NewPerson(Switchboard, country, quebec ? AtlanticPools.Quebec : PickCulture(country), female);
            }

            var email = WorkMailbox(person, company);
            var phone = _dice.Chance(0.8) ? main : AtlanticPhones.Line(_dice, main);
            var work = Profile(person, email, phone, company, personal: false);
            person.Profiles.Add(work);
            if (_dice.Chance(0.25))
            {
                var mobile = Profile(person, email, Mobile(person), company, personal: false);
                mobile.Weight = 0.5;
                person.Profiles.Add(mobile);
            }

            Finish(person, minimumLeads: 1);
        }
    }

    /// <summary>Namesakes: different people with the same full name, at one company (different mailboxes) or at different companies.</summary>
    private void AddNamesakes(int size, bool sameCompany)
    {
        var country = PickCountry();
        var culture = country.Cultures[0].Culture;
        var female = _dice.Chance(0.45);
        var given = female ? _dice.PickZipf(culture.Female, 1.3) : _dice.PickZipf(culture.Male, 1.3);
        var (surname, mail) = NewSurname(culture, female, exponent: 1.3);
        var shared = sameCompany ? NewCompany(country, culture, culture.Key == "qc", needsDomain: true) : null;
        for (var i = 0; i < size; i++)
        {
            // Different companies: mostly in the same country; sometimes abroad in a country of the same culture.
            var home = i > 0 && !sameCompany && _dice.Chance(0.3) ? CountryWith(culture) ?? country : country;
            var person = NewPerson(Namesake, home, culture, female, given, surname, mail);
            var company = shared ?? NewCompany(home, culture, person.Quebec, needsDomain: false);
            var email = company.Domain is not null && _dice.Chance(0.85) ? WorkMailbox(person, company) : PersonalMailbox(person);
            var phone = sameCompany && _dice.Chance(0.15) ? company.MainPhone
                : _dice.Chance(0.5) ? AtlanticPhones.Line(_dice, company.MainPhone) : Mobile(person);
            person.Profiles.Add(Profile(person, email, phone, company, personal: false));
            Finish(person, minimumLeads: 1);
        }
    }

    /// <summary>Role mailboxes: several people of one company submitting with info@, sales@, biuro@ …</summary>
    private void AddRoleMailbox(int size)
    {
        var country = PickCountry();
        var culture = PickCulture(country);
        var quebec = culture.Key == "qc";
        var company = NewCompany(country, culture, quebec, needsDomain: true);
        var language = quebec ? "qc" : country.Language;
        var role = _dice.Pick(AtlanticPools.RoleMailboxes[language]) + "@" + company.Domain;
        company.Mailboxes.Add(role);
        for (var i = 0; i < size; i++)
        {
            var person = NewPerson(RoleMailbox, country, quebec ? AtlanticPools.Quebec : PickCulture(country), _dice.Chance(0.5));
            var phone = _dice.Chance(0.5) ? company.MainPhone : _dice.Chance(0.5) ? Mobile(person) : AtlanticPhones.Line(_dice, company.MainPhone);
            var shared = Profile(person, role, phone, company, personal: false);
            shared.Weight = 2;
            person.Profiles.Add(shared);
            if (_dice.Chance(0.35))
            {
                var own = Profile(person, WorkMailbox(person, company), phone, company, personal: false);
                person.Profiles.Add(own);
            }

            Finish(person, minimumLeads: 1);
        }
    }

    /// <summary>One person, a work and a personal (freemail) mailbox in different leads, the same mobile.</summary>
    private void AddTwoMailboxes()
    {
        var person = NewPerson(TwoMailboxes, PickCountry());
        var company = AnyCompany(person.Country, person.Culture, person.Quebec, needsDomain: true);
        var mobile = Mobile(person);
        person.Profiles.Add(Profile(person, WorkMailbox(person, company), mobile, company, personal: false));
        var personal = Profile(person, PersonalMailbox(person), mobile, company, personal: true);
        personal.CompanyText = _dice.Index(40, 52, 8) switch
        {
            0 => personal.CompanyText,
            1 => null,
            _ => _dice.Pick(Placeholders),
        };
        person.Profiles.Add(personal);
        Finish(person, minimumLeads: 2);
    }

    /// <summary>One person whose last name changes (maiden/married) but who keeps the mailbox or the phone.</summary>
    private void AddNameChange()
    {
        AtlanticCountry country;
        AtlanticCulture culture;
        do
        {
            country = PickCountry();
            culture = PickCulture(country);
        }
        while (culture.NameChange == AtlanticNameChange.None);

        var female = !_dice.Chance(0.12);
        var (maiden, maidenMail) = NewSurname(culture, female);
        var spouseCulture = _dice.Chance(0.75) ? culture : PickCulture(country);
        var (spouse, spouseMail) = NewSurname(spouseCulture, female: false);
        spouse = female ? spouseCulture.Feminine(spouse) : spouse;
        if (female && culture.GenderedSurnames)
        {
            spouseMail = AtlanticText.MailPart(spouse, culture.Fold);
        }

        var (married, marriedMail) = culture.NameChange switch
        {
            AtlanticNameChange.DutchHyphen => _dice.Chance(0.6) ? (spouse + "-" + maiden, spouseMail) : (spouse, spouseMail),
            AtlanticNameChange.PortugueseAppend => _dice.Chance(0.6) || !maiden.Contains(' ', StringComparison.Ordinal) || char.IsLower(maiden[0])
                ? (maiden + " " + spouseMail, spouseMail)
                : (maiden.Split(' ')[0] + " " + spouseMail, spouseMail),
            AtlanticNameChange.FrenchUsage => _dice.Chance(0.8) ? (spouse, spouseMail) : (spouse + "-" + maiden, spouseMail),
            _ => _dice.Index(75, 15, 10) switch
            {
                0 => (spouse, spouseMail),
                1 => (maiden + "-" + spouse, maidenMail),
                _ => (spouse + "-" + maiden, spouseMail),
            },
        };

        var person = NewPerson(NameChange, country, culture, female, surname: married, mailSurname: marriedMail);
        var company = AnyCompany(country, culture, person.Quebec);
        var oldEmail = company.Domain is not null && _dice.Chance(0.6) ? WorkMailbox(person, company, maidenMail) : PersonalMailbox(person, maidenMail);
        var phone = _dice.Chance(0.7) ? Mobile(person) : company.Domain is not null ? AtlanticPhones.Line(_dice, company.MainPhone) : Mobile(person);

        var old = Profile(person, oldEmail, phone, company, personal: false, surname: maiden);
        old.Era = 0;
        person.Profiles.Add(old);

        // She keeps the mailbox, or the phone, or both; a new mailbox carries the new name.
        var keep = _dice.Index(35, 40, 25); // 0 mailbox, 1 phone, 2 both
        var newEmail = keep is 0 or 2 ? oldEmail
            : company.Domain is not null && _dice.Chance(0.7) ? WorkMailbox(person, company) : PersonalMailbox(person);
        var newPhone = keep is 1 or 2 ? phone : _dice.Chance(0.6) ? Mobile(person) : null;
        var current = Profile(person, newEmail, newPhone, company, personal: false);
        if (culture.NameChange == AtlanticNameChange.FrenchUsage && _dice.Chance(0.2))
        {
            current.Last = married + " née " + maiden;
        }
        else if (culture.Key == "de" && _dice.Chance(0.15))
        {
            current.Last = married + " geb. " + maiden;
        }

        current.Era = 1;
        person.Profiles.Add(current);
        Finish(person, minimumLeads: 2);
    }

    /// <summary>One person whose later leads lack the e-mail: name and phone, or name and company only.</summary>
    private void AddSparse()
    {
        var person = NewPerson(SparseCase, PickCountry());
        var company = AnyCompany(person.Country, person.Culture, person.Quebec);
        var email = company.Domain is not null && _dice.Chance(0.7) ? WorkMailbox(person, company) : PersonalMailbox(person);
        var phone = _dice.Chance(0.7) ? Mobile(person) : AtlanticPhones.Line(_dice, company.MainPhone);
        var profile = Profile(person, email, phone, company, personal: false);
        profile.Sparse = _dice.Chance(0.55) ? AtlanticSparse.KeepPhone : AtlanticSparse.CompanyOnly;
        profile.CompanyText ??= company.Name;
        person.Profiles.Add(profile);
        Finish(person, minimumLeads: 2);
    }

    /// <summary>A <c>.edu</c> customer: the marketplace sends no personal data at all.</summary>
    private void AddEdu()
    {
        var country = PickCountry();
        var culture = country.Cultures[0].Culture;
        var person = new AtlanticPerson
        {
            Case = Edu,
            Country = country,
            Culture = culture,
            Female = false,
            Given = new AtlanticGiven(string.Empty, []),
            Surname = string.Empty,
            MailSurname = string.Empty,
            Language = country.Language,
            UtcOffset = _dice.Pick(country.UtcOffsets),
            NoPersonalData = true,
            Leads = _dice.Chance(0.8) ? 1 : 2,
        };
        person.Profiles.Add(new AtlanticProfile());
        People.Add(person);
    }

    /// <summary>A marketplace test lead (<c>MSFT_TEST_</c> and digits in every field).</summary>
    private void AddTestLead()
    {
        var country = AtlanticPools.Countries[0];
        var person = new AtlanticPerson
        {
            Case = TestLeadCase,
            Country = country,
            Culture = AtlanticPools.English,
            Female = false,
            Given = new AtlanticGiven(string.Empty, []),
            Surname = string.Empty,
            MailSurname = string.Empty,
            Language = "en",
            UtcOffset = -480,
            TestLead = true,
            Leads = 1,
        };
        person.Profiles.Add(new AtlanticProfile());
        People.Add(person);
    }

    // ---- people, names, mailboxes ------------------------------------------------------------------------------

    private void Finish(AtlanticPerson person, int minimumLeads)
    {
        person.Leads = Math.Max(minimumLeads, _dice.Index(LeadCountWeights) + 1);
        person.SendsDnc = _dice.Chance(0.08);
        People.Add(person);
    }

    private AtlanticCountry PickCountry() => _dice.PickWeighted(AtlanticPools.Countries.Select(c => (c, c.Weight)).ToArray());

    private AtlanticCulture PickCulture(AtlanticCountry country) => _dice.PickWeighted(country.Cultures);

    private AtlanticCountry? CountryWith(AtlanticCulture culture)
    {
        var candidates = AtlanticPools.Countries.Where(c => c.Cultures.Any(k => k.Culture == culture)).ToArray();
        return candidates.Length == 0 ? null : _dice.Pick(candidates);
    }

    // The pools hold the few dozen commonest names of each culture, where life has thousands: the weights are kept
    // flat, so that two people share a full name about as rarely as they do in life, except where a case says so.
    private AtlanticGiven PickGiven(AtlanticCulture culture, bool female) =>
        female ? _dice.PickZipf(culture.Female, 0.5) : _dice.PickZipf(culture.Male, 0.5);

    /// <summary>Returns a surname as the culture forms it, and the part of it a mailbox uses.</summary>
    private (string Surname, string Mail) NewSurname(AtlanticCulture culture, bool female, double exponent = 0.4)
    {
        var first = _dice.PickZipf(culture.Surnames, exponent);
        if (culture.TwoSurnames)
        {
            var second = _dice.PickZipf(culture.Surnames, exponent);
            return second == first ? (first, first) : (first + " " + second, first);
        }

        if (culture.PortugueseSurnames)
        {
            if (_dice.Chance(0.3))
            {
                var particle = first switch
                {
                    "Silva" or "Costa" or "Conceição" or "Rocha" => "da ",
                    "Santos" => "dos ",
                    "Oliveira" or "Souza" or "Sousa" or "Almeida" or "Andrade" => "de ",
                    _ => string.Empty,
                };
                return (particle + first, first);
            }

            var mother = _dice.PickZipf(culture.Surnames, exponent);
            return mother == first ? (first, first) : (mother + " " + first, first);
        }

        if (culture.HyphenatedAtBirth && _dice.Chance(0.1))
        {
            var other = _dice.PickZipf(culture.Surnames, exponent);
            if (other != first)
            {
                return (first + "-" + other, first);
            }
        }

        var surname = female ? culture.Feminine(first) : first;
        return (surname, surname);
    }

    private AtlanticPerson NewPerson(
        string @case, AtlanticCountry country, AtlanticCulture? culture = null, bool? female = null, AtlanticGiven? given = null,
        string? surname = null, string? mailSurname = null)
    {
        culture ??= PickCulture(country);
        var isFemale = female ?? _dice.Chance(0.5);
        if (surname is null)
        {
            (surname, mailSurname) = NewSurname(culture, isFemale);
        }

        var language = culture.Key == "qc" ? "qc"
            : culture.Language == country.Language || _dice.Chance(0.7) ? country.Language
            : culture.Language;
        var person = new AtlanticPerson
        {
            Case = @case,
            Country = country,
            Culture = culture,
            Female = isFemale,
            Given = given ?? PickGiven(culture, isFemale),
            Surname = surname,
            MailSurname = mailSurname ?? surname,
            Language = language,
            UtcOffset = culture.Key == "qc" ? -300 : _dice.Pick(country.UtcOffsets),
        };
        if (!isFemale && country.Code == "US" && culture.Key == "en" && _dice.Chance(0.04))
        {
            person.Suffix = _dice.Chance(0.8) ? "Jr." : "III";
        }

        person.Title = AtlanticContent.Title(_dice, language is "en" or "qc" || _dice.Chance(0.75) ? language : "en", isFemale);
        return person;
    }

    private AtlanticPhone Mobile(AtlanticPerson person) => AtlanticPhones.Mobile(_dice, person.Country.Code, person.Quebec);

    private AtlanticCompany NewCompany(AtlanticCountry country, AtlanticCulture culture, bool quebec, bool needsDomain, AtlanticPhone? mainPhone = null)
    {
        var company = AtlanticCompanies.Create(_dice, country, culture, quebec, needsDomain, key => _taken.Contains(key));
        if (mainPhone is not null)
        {
            company = new AtlanticCompany
            {
                Country = company.Country,
                Core = company.Core,
                LegalForm = company.LegalForm,
                Separator = company.Separator,
                Domain = company.Domain,
                MailStyle = company.MailStyle,
                MainPhone = mainPhone,
            };
        }

        _taken.Add("name:" + company.Name);
        if (company.Domain is not null)
        {
            _taken.Add("domain:" + company.Domain);
        }

        if (!_companies.TryGetValue(country.Code, out var list))
        {
            _companies[country.Code] = list = [];
        }

        list.Add(company);
        return company;
    }

    /// <summary>Returns a company for a plain person: now and then one that already has people in the corpus.</summary>
    private AtlanticCompany AnyCompany(AtlanticCountry country, AtlanticCulture culture, bool quebec, bool needsDomain = false)
    {
        if (_companies.TryGetValue(country.Code, out var list) && list.Count > 10 && _dice.Chance(0.15))
        {
            var existing = _dice.Pick(list);
            if (existing.Domain is not null || !needsDomain)
            {
                return existing;
            }
        }

        return NewCompany(country, country.Cultures[0].Culture == culture || !_dice.Chance(0.5) ? country.Cultures[0].Culture : culture, quebec, needsDomain);
    }

    /// <summary>Returns a new mailbox at the company, under its convention, never one someone else has.</summary>
    private string WorkMailbox(AtlanticPerson person, AtlanticCompany company, string? surname = null)
    {
        if (company.Domain is null)
        {
            return PersonalMailbox(person, surname, company);
        }

        var first = AtlanticText.MailPart(person.Given.Name.Replace(" ", string.Empty, StringComparison.Ordinal), person.Culture.Fold);
        var last = AtlanticText.MailPart(surname ?? person.MailSurname, person.Culture.Fold);
        if (first.Length == 0 || last.Length == 0)
        {
            first = first.Length == 0 ? "user" : first;
            last = last.Length == 0 ? "x" : last;
        }

        var local = AtlanticCompanies.LocalPart(company.MailStyle, first, last);
        if (!company.Mailboxes.Add(local))
        {
            // A second person with that mailbox: the middle initial, another convention, or a number.
            var initial = (char)('a' + _dice.Next(0, 26));
            string[] candidates =
            [
                $"{first}.{initial}.{last}", $"{first[..Math.Min(2, first.Length)]}.{last}", $"{first}{last}", $"{first[..1]}{last}",
                .. Enumerable.Range(2, 60).Select(n => local + n.ToString(CultureInfo.InvariantCulture)),
            ];
            local = candidates.First(company.Mailboxes.Add);
        }

        return local + "@" + company.Domain;
    }

    /// <summary>Returns a new freemail mailbox: the name in one of the usual patterns, or a handle unrelated to it.</summary>
    private string PersonalMailbox(AtlanticPerson person, string? surname = null, AtlanticCompany? business = null)
    {
        var domain = _dice.PickWeighted(person.Country.Freemail);
        var first = AtlanticText.MailPart(person.Given.Name.Replace(" ", string.Empty, StringComparison.Ordinal), person.Culture.Fold);
        var last = AtlanticText.MailPart((surname ?? person.MailSurname).Replace(" ", string.Empty, StringComparison.Ordinal), person.Culture.Fold);
        var nick = person.Given.Alternates.Length > 0 ? AtlanticText.MailPart(person.Given.Alternates[0], person.Culture.Fold) : first;
        var year = _dice.Next(55, 100 + 5) % 100;
        var yy = year.ToString("D2", CultureInfo.InvariantCulture);
        string local;
        if (business is not null)
        {
            var word = AtlanticText.MailPart(business.Core.Split(' ')[^1], AtlanticFold.German);
            local = _dice.Chance(0.5) ? $"{last}.{word}" : $"{word}.{last}";
        }
        else
        {
            local = _dice.Index(25, 15, 8, 12, 8, 5, 5, 5, 4, 13) switch
            {
                0 => $"{first}.{last}",
                1 => $"{first}{last}",
                2 => $"{first[..1]}{last}",
                3 => $"{first}.{last}{yy}",
                4 => $"{first}{last}{_dice.Next(1, 100)}",
                5 => $"{last}.{first}",
                6 => $"{first}_{last}",
                7 => $"{nick}.{last}",
                8 => $"{first}{(_dice.Chance(0.5) ? yy : "19" + yy)}",
                _ => _dice.Pick(AtlanticPools.Handles) + _dice.Next(1, 999).ToString(CultureInfo.InvariantCulture),
            };
        }

        local = local.Trim('.', '_', '-');
        for (var n = 2; ; n++)
        {
            var key = "mail:" + MailboxKey(local, domain);
            if (_taken.Add(key))
            {
                return local + "@" + domain;
            }

            local = local.TrimEnd('0', '1', '2', '3', '4', '5', '6', '7', '8', '9') + n.ToString(CultureInfo.InvariantCulture);
        }
    }

    private string FamilyMailbox(AtlanticCountry country, AtlanticCulture culture, string familyName)
    {
        var language = culture.Key == "qc" ? "qc" : country.Language;
        var name = AtlanticText.MailPart(familyName.Replace(" ", string.Empty, StringComparison.Ordinal), culture.Fold);
        var local = string.Format(CultureInfo.InvariantCulture, _dice.Pick(AtlanticPools.FamilyMailboxes[language]), name);
        var domain = _dice.PickWeighted(country.Freemail);
        for (var n = 2; !_taken.Add("mail:" + MailboxKey(local, domain)); n++)
        {
            local += n.ToString(CultureInfo.InvariantCulture);
        }

        return local + "@" + domain;
    }

    /// <summary>Gmail ignores dots in the local part, so two "different" Gmail addresses can be one mailbox.</summary>
    private static string MailboxKey(string local, string domain) =>
        domain is "gmail.com" or "googlemail.com" ? local.Replace(".", string.Empty, StringComparison.Ordinal) + "@gmail.com" : local + "@" + domain;

    // ---- profiles ------------------------------------------------------------------------------------------------

    /// <summary>Creates a profile: the person's details as one account stores them (names as typed once, a company spelling, a phone format).</summary>
    private AtlanticProfile Profile(AtlanticPerson person, string? email, AtlanticPhone? phone, AtlanticCompany? company, bool personal, string? surname = null)
    {
        var keyboard = person.Country.Keyboard;
        var profile = new AtlanticProfile
        {
            First = RenderGiven(person, personal),
            Last = RenderSurname(person, surname ?? person.Surname, personal),
            Email = email is null ? null : EmailAsStored(email, personal),
            Phone = phone,
            PhoneStyle = _dice.PickZipf(Enumerable.Range(0, AtlanticPhones.StyleCount(person.Country.Code)).ToArray(), 1.1),
            ExtensionStyle = _dice.Next(0, 5),
            Company = company,
            CompanyText = company is null ? null : AtlanticCompanies.Variant(_dice, company, keyboard),
            Title = personal && _dice.Chance(0.5) ? null : person.Title,
            CountryText = CountryText(person.Country),
        };
        if (_dice.Chance(0.006))
        {
            (profile.First, profile.Last) = (profile.Last, profile.First);
        }

        if (personal && _dice.Chance(0.05))
        {
            profile.First = profile.First?.ToLowerInvariant();
            profile.Last = profile.Last?.ToLowerInvariant();
        }

        return profile;
    }

    private string RenderGiven(AtlanticPerson person, bool personal)
    {
        var given = person.Given;
        var name = given.Name;
        if (given.Alternates.Length > 0 && _dice.Chance(personal ? 0.25 : 0.1))
        {
            name = _dice.Pick(given.Alternates);
        }
        else if (name.Contains(' ', StringComparison.Ordinal) && _dice.Chance(0.2))
        {
            name = name.Split(' ')[0]; // María José → María, Ana Paula → Ana
        }
        else if (name.Contains('-', StringComparison.Ordinal) && _dice.Chance(0.2))
        {
            name = name.Replace('-', ' ');
        }
        else if (_dice.Chance(0.015))
        {
            name = name[..1] + (_dice.Chance(0.6) ? "." : string.Empty);
        }
        else if (person.Country.Code == "US" && _dice.Chance(0.06))
        {
            name += " " + (char)('A' + _dice.Next(0, 26)) + "."; // a middle initial
        }

        return Ascii(person, name, personal);
    }

    private string RenderSurname(AtlanticPerson person, string surname, bool personal)
    {
        var culture = person.Culture;
        var name = surname;
        if (culture.TwoSurnames && name.Contains(' ', StringComparison.Ordinal) && !name.StartsWith("De la", StringComparison.Ordinal))
        {
            // Both surnames, the first only, or hyphenated.
            name = _dice.Index(45, 45, 10) switch
            {
                0 => name,
                1 => name.Split(' ')[0],
                _ => name.Replace(' ', '-'),
            };
        }
        else if (culture.PortugueseSurnames && name.Contains(' ', StringComparison.Ordinal) && _dice.Chance(0.35))
        {
            name = name.Split(' ')[^1]; // Souza Lima → Lima
        }
        else if (name.StartsWith("van ", StringComparison.Ordinal) || name.StartsWith("de ", StringComparison.Ordinal))
        {
            name = _dice.Index(70, 15, 5, 4, 3, 3) switch
            {
                0 => name,
                1 => char.ToUpperInvariant(name[0]) + name[1..],
                2 => AtlanticText.TitleCase(name),
                3 => AtlanticText.TitleCase(name).Replace(" ", string.Empty, StringComparison.Ordinal),
                4 => name.Split(' ')[^1] + ", " + name[..name.LastIndexOf(' ')],
                _ => name.Split(' ')[^1],
            };
        }
        else if (name.Length > 2 && name[1] == '\'' && _dice.Chance(0.18))
        {
            // O'Sullivan, D'Angelo: O Sullivan, OSullivan, O’Sullivan, O'sullivan.
            name = _dice.Index(3, 3, 3, 2) switch
            {
                0 => name.Replace("'", " ", StringComparison.Ordinal),
                1 => name.Replace("'", string.Empty, StringComparison.Ordinal),
                2 => name.Replace('\'', '’'),
                _ => name[..2] + name[2..].ToLowerInvariant(),
            };
        }
        else if (name.StartsWith("Mc", StringComparison.Ordinal) && _dice.Chance(0.12))
        {
            name = _dice.Chance(0.5) ? "Mc " + name[2..] : "Mc" + name[2..].ToLowerInvariant();
        }
        else if (name.StartsWith("St-", StringComparison.Ordinal) && _dice.Chance(0.25))
        {
            name = _dice.Pick(["St " + name[3..], "Saint-" + name[3..], "St. " + name[3..], "St-" + name[3..].ToLowerInvariant()]);
        }
        else if ((name.StartsWith("Le ", StringComparison.Ordinal) || name.StartsWith("De ", StringComparison.Ordinal) || name.StartsWith("Di ", StringComparison.Ordinal)
                  || name.StartsWith("La ", StringComparison.Ordinal) || name.StartsWith("Lo ", StringComparison.Ordinal)) && _dice.Chance(0.15))
        {
            name = _dice.Chance(0.5) ? name.Replace(" ", string.Empty, StringComparison.Ordinal) : name[..3] + name[3..].ToLowerInvariant();
        }

        if (culture.NativeSurnames.TryGetValue(surname, out var native) && _dice.Chance(0.05))
        {
            var forms = native.Split('/');
            name = person.Female ? forms[1] : forms[0];
        }

        if (person.Suffix is { } suffix && _dice.Chance(0.6))
        {
            name += _dice.Pick([" " + suffix, ", " + suffix, " " + suffix.TrimEnd('.')]);
        }

        return Ascii(person, name, personal);
    }

    /// <summary>Loses the diacritics the way the person's keyboard and culture do, more often in personal accounts.</summary>
    private string Ascii(AtlanticPerson person, string name, bool personal)
    {
        if (!AtlanticText.HasDiacritics(name) || !_dice.Chance(personal ? 0.3 : 0.12))
        {
            return name;
        }

        var expand = person.Culture.Fold switch
        {
            AtlanticFold.German => _dice.Chance(0.6),
            AtlanticFold.Nordic => _dice.Chance(0.4),
            _ => false,
        };
        return AtlanticText.Fold(name, person.Culture.Fold, expand);
    }

    private string EmailAsStored(string email, bool personal)
    {
        if (!personal && _dice.Chance(0.08))
        {
            // Directories show John.Smith@Northwind.example.
            var at = email.IndexOf('@', StringComparison.Ordinal);
            var dot = email.IndexOf('.', at);
            return AtlanticText.TitleCase(email[..at].Replace('.', ' ')).Replace(' ', '.') + "@" + AtlanticText.TitleCase(email[(at + 1)..dot]) + email[dot..];
        }

        return email;
    }

    /// <summary>Writes the country as forms and people do: alpha-2, English name, alpha-3, a local or colloquial name.</summary>
    public static string CountryText(AtlanticDice dice, AtlanticCountry country) => dice.Index(55, 25, 8, 7, 3, 2) switch
    {
        0 => country.Code,
        1 => country.Name,
        2 => country.Alpha3,
        3 => dice.Pick(country.OtherNames),
        4 => country.Code.ToLowerInvariant(),
        _ => " " + country.Name + " ",
    };

    private string CountryText(AtlanticCountry country) => CountryText(_dice, country);
}
