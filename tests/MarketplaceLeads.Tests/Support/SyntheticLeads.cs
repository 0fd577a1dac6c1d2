using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Bogus;

namespace MarketplaceLeads.Tests.Support;

/// <summary>One generated lead and the person it really belongs to (ground truth for de-duplication accuracy).</summary>
/// <param name="Lead">The lead, as the marketplace could have sent it.</param>
/// <param name="PersonId">The id of the generated person.</param>
/// <param name="Corruptions">What was done to the person's details in this lead.</param>
public sealed record SyntheticLead(Lead Lead, int PersonId, IReadOnlyList<string> Corruptions);

/// <summary>
/// A seeded generator of people and their leads (interest, trial, acquisition across offers), with
/// the corruption real leads show: letter case, Gmail dots and tags, phone formats with and without
/// country code, nicknames, company suffixes, swapped names, typos, missing fields, country spellings;
/// and the people that make matching hard: colleagues or relatives (same last name and company) and
/// namesakes (same first and last name elsewhere), 3 % each.
/// The same seed always gives the same leads.
/// </summary>
public sealed class SyntheticLeads
{
    private static readonly string[] Offers = ["contoso.contoso-analytics", "contoso.contoso-crm-connector", "fabrikam.fabrikam-insights", "litware.litware-backup-vm"];
    private static readonly (string Source, string Action)[] Steps =
        [("AppSource", "PLT"), ("AzureMarketplace", "StartTestDrive"), ("AzureMarketplace", "INS"), ("AzurePortal", "Create"), ("AppSource", "DNC")];

    private static readonly Dictionary<string, string> NicknameOf = new(StringComparer.Ordinal)
    {
        ["Robert"] = "Bob", ["William"] = "Bill", ["Elizabeth"] = "Liz", ["Richard"] = "Rick", ["James"] = "Jim", ["Michael"] = "Mike",
        ["Thomas"] = "Tom", ["Joseph"] = "Joe", ["Katherine"] = "Kate", ["Jennifer"] = "Jen", ["Margaret"] = "Maggie", ["Daniel"] = "Dan",
    };

    private static readonly string[] UsAreaCodes = ["206", "212", "303", "310", "415", "425", "512", "617", "646", "702", "917"];

    private readonly Faker _faker;
    private readonly HashSet<LeadId> _ids = [];
    private Person? _previous;
    private readonly HashSet<string> _emails = new(StringComparer.Ordinal);
    private readonly DateTimeOffset _start = new(2026, 1, 5, 8, 0, 0, TimeSpan.Zero);

    public SyntheticLeads(int seed)
    {
        _faker = new Faker("en") { Random = new Randomizer(seed) };
    }

    /// <summary>Generates <paramref name="people"/> people with 1 to 4 leads each.</summary>
    public IReadOnlyList<SyntheticLead> Generate(int people)
    {
        var leads = new List<SyntheticLead>();
        for (var personId = 0; personId < people; personId++)
        {
            var person = NewPerson();
            var count = _faker.Random.WeightedRandom([1, 2, 3, 4], [0.35f, 0.30f, 0.20f, 0.15f]);
            for (var i = 0; i < count; i++)
            {
                // Identical content is the same lead (a redelivery) by definition; ground truth wants distinct leads.
                var lead = NewLead(person, personId, first: i == 0);
                var added = _ids.Add(lead.Lead.Id);
                for (var attempt = 0; attempt < 20 && !added; attempt++)
                {
                    lead = NewLead(person, personId, first: false);
                    added = _ids.Add(lead.Lead.Id);
                }

                if (added)
                {
                    leads.Add(lead);
                }
            }
        }

        return leads;
    }

    private Person NewPerson()
    {
        var us = _faker.Random.Double() < 0.75;
        var first = _faker.Random.Double() < 0.3 ? _faker.PickRandom(NicknameOf.Keys.ToArray()) : _faker.Name.FirstName();
        var last = _faker.Name.LastName();
        var company = _faker.Company.CompanyName(0);
        var hard = _previous is null ? 1.0 : _faker.Random.Double();
        if (hard < 0.03)
        {
            // A colleague or relative of the previous person: same last name and company, another first name.
            last = _previous!.LastName;
            company = _previous.Company;
            while (Deduplication.Nicknames.AreEquivalent(first.ToLowerInvariant(), _previous.FirstName.ToLowerInvariant()))
            {
                first = _faker.Name.FirstName();
            }
        }
        else if (hard < 0.06)
        {
            // A namesake: the previous person's name, elsewhere.
            first = _previous!.FirstName;
            last = _previous.LastName;
        }

        var domain = _faker.Random.Double() < 0.35 ? _faker.PickRandom("gmail.com", "outlook.com", "yahoo.com") : Slug(company) + ".example";
        var local = _faker.PickRandom($"{first}.{last}", $"{first[0]}{last}", $"{first}{last[0]}").ToLowerInvariant().Replace("'", string.Empty, StringComparison.Ordinal);
        var national = us
            ? $"{_faker.PickRandom(UsAreaCodes)}{_faker.Random.Int(2, 9)}{_faker.Random.Int(0, 9)}{_faker.Random.Int(0, 9)}{_faker.Random.Int(1000, 9999)}"
            : $"{_faker.PickRandom("6", "7", "91")}{_faker.Random.Long(10_000_000, 99_999_999)}"[..9];
        var email = $"{local}@{domain}";
        for (var n = 2; !_emails.Add(email); n++)
        {
            email = $"{local}{n}@{domain}"; // distinct people have distinct mailboxes
        }

        return _previous = new Person(first, last, email, national, us ? "US" : "ES", company, _faker.Name.JobTitle());
    }

    private SyntheticLead NewLead(Person person, int personId, bool first)
    {
        var corruptions = new List<string>();
        string? firstName = person.FirstName, lastName = person.LastName, email = person.Email, company = person.Company, title = person.Title;
        string? phone = FormatPhone(person, corruptions, first);
        string? country = person.Country;
        if (!first)
        {
            if (Chance(0.2)) { email = email.ToUpperInvariant(); corruptions.Add("email-case"); }
            if (email.EndsWith("@gmail.com", StringComparison.OrdinalIgnoreCase) && Chance(0.5))
            {
                var at = email.IndexOf('@', StringComparison.Ordinal);
                email = email[..at].Replace(".", string.Empty, StringComparison.Ordinal) + "+marketplace" + email[at..];
                corruptions.Add("gmail-dots-tag");
            }

            if (NicknameOf.TryGetValue(person.FirstName, out var nickname) && Chance(0.5)) { firstName = nickname; corruptions.Add("nickname"); }
            if (Chance(0.15)) { (firstName, lastName) = (lastName, firstName); corruptions.Add("swapped-names"); }
            if (Chance(0.15) && lastName!.Length > 3) { lastName = Typo(lastName); corruptions.Add("typo"); }
            if (Chance(0.3)) { company = company + _faker.PickRandom(", Inc.", " Ltd", " LLC", " GmbH"); corruptions.Add("company-suffix"); }
            if (Chance(0.2)) { country = person.Country == "US" ? _faker.PickRandom("USA", "United States") : "Spain"; corruptions.Add("country-name"); }
            if (Chance(0.1)) { phone = null; corruptions.Add("missing-phone"); }
            if (Chance(0.1)) { company = null; corruptions.Add("missing-company"); }
            if (Chance(0.05)) { email = null; corruptions.Add("missing-email"); }
        }

        var (source, action) = _faker.PickRandom(Steps);
        var offer = _faker.PickRandom(Offers);
        var leadSource = $"{source}-{action} | {offer}";
        var customer = new CustomerInfo
        {
            FirstName = firstName, LastName = lastName, Email = email, Phone = phone, Country = country, Company = company, Title = title,
        };
        var lead = new Lead
        {
            Id = LeadId.FromContent(leadSource, action, offer, null, customer),
            LeadSource = LeadSource.Parse(leadSource),
            LeadSourceText = leadSource,
            ActionCode = action,
            Customer = customer,
            ReceivedAt = _start.AddMinutes(_faker.Random.Int(0, 60 * 24 * 300)),
            Channel = LeadChannel.HttpsEndpoint,
        };
        return new SyntheticLead(lead, personId, corruptions);
    }

    private string FormatPhone(Person person, List<string> corruptions, bool first)
    {
        var n = person.NationalNumber;
        if (person.Country == "US")
        {
            var style = first ? 0 : _faker.Random.Int(0, 3);
            if (style != 0)
            {
                corruptions.Add("phone-format");
            }

            return style switch
            {
                0 => $"({n[..3]}) {n[3..6]}-{n[6..]}",
                1 => $"+1 {n[..3]} {n[3..6]} {n[6..]}",
                2 => $"{n[..3]}.{n[3..6]}.{n[6..]}",
                _ => n,
            };
        }

        var spanish = first || Chance(0.5) ? $"{n[..3]} {n[3..6]} {n[6..]}" : $"+34 {n}";
        if (!spanish.StartsWith(n[..3], StringComparison.Ordinal))
        {
            corruptions.Add("phone-format");
        }

        return spanish;
    }

    private string Typo(string name)
    {
        var i = _faker.Random.Int(1, name.Length - 2);
        var chars = name.ToCharArray();
        (chars[i], chars[i + 1]) = (chars[i + 1], chars[i]);
        return new string(chars);
    }

    private bool Chance(double probability) => _faker.Random.Double() < probability;

    private static string Slug(string company) =>
        new string(company.ToLower(CultureInfo.InvariantCulture).Where(char.IsAsciiLetterOrDigit).ToArray()) is { Length: > 0 } slug ? slug : "company";

    private sealed record Person(string FirstName, string LastName, string Email, string NationalNumber, string Country, string Company, string Title);
}
