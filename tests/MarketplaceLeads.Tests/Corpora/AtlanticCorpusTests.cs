using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using MarketplaceLeads.Testing.Corpora;
using Xunit.Abstractions;

namespace MarketplaceLeads.Tests.Corpora;

/// <summary>Generates the Atlantic corpus once (2,500 people, seed 1) for the tests that look at its content.</summary>
public sealed class AtlanticCorpusFixture
{
    public AtlanticCorpusFixture()
    {
        Generation = new AtlanticCorpus().GenerateWithReport(People, Seed);
    }

    public const int People = 2500;

    public const int Seed = 1;

    internal AtlanticGeneration Generation { get; }

    internal IReadOnlyList<LabelledLead> Leads => Generation.Leads;
}

/// <summary>
/// The Atlantic labelled corpus is deterministic, has every hard case in its share, the leads-per-person
/// distribution of real marketplace traffic, and reads without errors. It does not measure the de-duplicator.
/// </summary>
public sealed class AtlanticCorpusTests(AtlanticCorpusFixture fixture, ITestOutputHelper output) : IClassFixture<AtlanticCorpusFixture>
{
    private static readonly string[] HardCases =
    [
        AtlanticWorld.Household, AtlanticWorld.Switchboard, AtlanticWorld.Namesake, AtlanticWorld.TwoMailboxes,
        AtlanticWorld.NameChange, AtlanticWorld.RoleMailbox, AtlanticWorld.SparseCase,
    ];

    private IReadOnlyList<LabelledLead> Leads => fixture.Leads;

    [Fact]
    public void Generate_SameSeed_GivesTheSameLeadsPersonsAndPayloads()
    {
        var corpus = new AtlanticCorpus();

        var first = corpus.Generate(300, 42);
        var second = corpus.Generate(300, 42);
        var other = corpus.Generate(300, 43);

        Assert.Equal(first.Select(Key), second.Select(Key));
        Assert.NotEqual(first.Select(l => l.Lead.Id), other.Select(l => l.Lead.Id));

        static string Key(LabelledLead l) => $"{l.Lead.Id}|{l.PersonId}|{l.Case}|{l.Lead.ReceivedAt:O}|{l.Lead.CreatedAt:O}|{l.Lead.RawPayload}";
    }

    [Fact]
    public void Generate_DescribesItself()
    {
        var corpus = new AtlanticCorpus();

        Assert.Equal("Atlantic", corpus.Name);
        Assert.Contains("household 8 %", corpus.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Generate_EveryHardCaseAppears_InAtLeastItsShareOfPeople()
    {
        var people = Leads.GroupBy(l => l.PersonId).Select(g => g.First().Case).ToList();

        Assert.Equal(AtlanticCorpusFixture.People, people.Count);
        foreach (var @case in HardCases.Append(AtlanticWorld.Plain).Append(AtlanticWorld.Edu).Append(AtlanticWorld.TestLeadCase))
        {
            Assert.Contains(@case, people);
        }

        double Share(string @case) => people.Count(c => c == @case) / (double)people.Count;
        Assert.True(Share(AtlanticWorld.Household) >= 0.06, $"household {Share(AtlanticWorld.Household):P1}");
        Assert.True(Share(AtlanticWorld.Switchboard) >= 0.06, $"switchboard {Share(AtlanticWorld.Switchboard):P1}");
        foreach (var @case in HardCases)
        {
            Assert.True(Share(@case) >= 0.03, $"{@case} {Share(@case):P1}");
        }
    }

    [Fact]
    public void Generate_LargestSwitchboard_Has30To60PeopleBehindOneNumber()
    {
        var largest = Leads
            .Where(l => l.Case == AtlanticWorld.Switchboard && l.Lead.Customer.PhoneE164 is not null)
            .GroupBy(l => l.Lead.Customer.PhoneE164)
            .Max(g => g.Select(l => l.PersonId).Distinct().Count());

        Assert.InRange(fixture.Generation.LargestSwitchboard, 30, 60);
        Assert.InRange(largest, 25, 60);
    }

    [Fact]
    public void Generate_LeadsPerPerson_MostlyOneToThreeWithATailPastTen()
    {
        var counts = Leads.GroupBy(l => l.PersonId).Select(g => g.Count()).ToList();

        var mean = counts.Average();
        Assert.InRange(mean, 2.0, 2.4);
        Assert.True(counts.Count(c => c <= 3) >= 0.75 * counts.Count, "most people send one to three leads");
        Assert.True(counts.Count(c => c == 1) >= 0.35 * counts.Count, "many send one");
        Assert.True(counts.Max() >= 10, "a tail past ten");
    }

    [Fact]
    public void Generate_ReadsAtLeast99PercentWithoutALeadReadError()
    {
        var generation = fixture.Generation;

        Assert.True(generation.Errors.Count <= generation.Deliveries / 100, string.Join("; ", generation.Errors.Take(3)));
        Assert.Equal(generation.Deliveries - generation.Errors.Count, generation.Leads.Count);
    }

    [Fact]
    public void Generate_EachLeadIdBelongsToOnePerson_AndRedeliveriesRepeatThePayload()
    {
        var byId = Leads.GroupBy(l => l.Lead.Id).ToList();

        Assert.All(byId, g => Assert.Single(g.Select(l => l.PersonId).Distinct()));
        var repeated = byId.Where(g => g.Count() > 1).ToList();
        Assert.NotEmpty(repeated);
        Assert.Equal(fixture.Generation.Redeliveries, repeated.Sum(g => g.Count() - 1));
        Assert.All(repeated, g => Assert.Single(g.Select(l => l.Lead.RawPayload).Distinct()));
    }

    [Fact]
    public void Generate_LeadsArriveInOrderAlongA14DayTimeline()
    {
        var start = AtlanticCorpus.Start;
        var end = start.AddDays(AtlanticCorpus.Days).AddHours(1);

        Assert.All(Leads, l => Assert.InRange(l.Lead.ReceivedAt, start, end));
        Assert.True(Leads.Zip(Leads.Skip(1)).All(p => p.First.Lead.ReceivedAt <= p.Second.Lead.ReceivedAt), "arrival order");
        var tableLeads = Leads.Where(l => l.Lead.Channel == LeadChannel.AzureTable).ToList();
        Assert.NotEmpty(tableLeads);
        Assert.All(tableLeads, l => Assert.True(l.Lead.CreatedAt is { } created && created <= l.Lead.ReceivedAt));
        Assert.All(Leads.Where(l => l.Lead.Channel == LeadChannel.HttpsEndpoint), l => Assert.Null(l.Lead.CreatedAt));
    }

    [Fact]
    public void Generate_HasTheShapesOfRealMarketplaceLeads()
    {
        var offers = Leads.Where(l => !l.Lead.IsTestLead).Select(l => l.Lead.Offer.ToString()).Distinct().ToList();
        Assert.InRange(offers.Count, 3, 8);
        foreach (var action in new[] { LeadAction.PartnerLedTrial, LeadAction.StartTestDrive, LeadAction.Create, LeadAction.Install, LeadAction.DoNotContact })
        {
            Assert.Contains(Leads, l => l.Lead.Action == action);
        }

        var people = Leads.Select(l => l.PersonId).Distinct().Count();
        var dncPeople = Leads.Where(l => l.Lead.Action == LeadAction.DoNotContact).Select(l => l.PersonId).Distinct().Count();
        Assert.InRange(dncPeople / (double)people, 0.05, 0.11);

        var testLeads = Leads.Where(l => l.Case == AtlanticWorld.TestLeadCase).ToList();
        Assert.NotEmpty(testLeads);
        Assert.All(testLeads, l => Assert.True(l.Lead.IsTestLead));
        Assert.DoesNotContain(Leads, l => l.Lead.IsTestLead && l.Case != AtlanticWorld.TestLeadCase);
        Assert.All(Leads.Where(l => l.Case == AtlanticWorld.Edu), l => Assert.True(l.Lead.Customer.IsEmpty));
        Assert.Contains(Leads, l => l.Lead.Channel == LeadChannel.HttpsEndpoint);
    }

    [Fact]
    public void Generate_HasTheCorruptionOfRealForms()
    {
        var customers = Leads.Select(l => l.Lead.Customer).ToList();

        Assert.Contains(customers, c => c.LastName is { } last && last != last.Trim());
        Assert.Contains(customers, c => c.LastName is "Mueller" or "Muller" or "MÜLLER" or "müller");
        Assert.Contains(customers, c => c.Email is { } e && e.Contains('+', StringComparison.Ordinal) && e.EndsWith("gmail.com", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(customers, c => c.Phone is { } p && (p.Contains(" x", StringComparison.Ordinal) || p.Contains("ext", StringComparison.OrdinalIgnoreCase)));
        Assert.Contains(customers, c => c.Country is "DEU" or "USA" or "GBR" or "ESP");
        Assert.Contains(customers, c => c.Company is { } company && company.Contains("Sp. z o.o.", StringComparison.Ordinal));
        Assert.Contains(customers, c => c.Company is { } company && string.Equals(company, company.ToUpperInvariant(), StringComparison.Ordinal) && company.Any(char.IsLetter));

        // A person's leads differ: the same person writes the name two ways.
        var spelledTwoWays = Leads.Where(l => !l.Lead.Customer.IsEmpty && !l.Lead.IsTestLead)
            .GroupBy(l => l.PersonId)
            .Count(g => g.Select(l => $"{l.Lead.Customer.FirstName}|{l.Lead.Customer.LastName}").Distinct().Count() > 1);
        Assert.True(spelledTwoWays > 100, $"{spelledTwoWays} people write their name in more than one way");
    }

    [Fact]
    public void Generate_PrintsSummaryStatistics()
    {
        var statistics = AtlanticStatistics.Summarise(fixture.Generation);
        output.WriteLine(statistics.Text);

        // The look-alikes that make matching hard are there.
        Assert.True(statistics.PhoneSharedNotPerson > 500, "people sharing a phone");
        Assert.True(statistics.EmailSharedNotPerson > 20, "people sharing a mailbox");
        Assert.True(statistics.NameSharedNotPerson > 50, "people sharing a full name");
        Assert.True(statistics.LastNameAndCompanyNotPerson > 50, "people sharing a last name and a company");
    }
}

/// <summary>Summary statistics of a generated corpus: what a matcher faces (it does not run one).</summary>
internal sealed class AtlanticStatistics
{
    public required string Text { get; init; }

    public required long PhoneSharedNotPerson { get; init; }

    public required long EmailSharedNotPerson { get; init; }

    public required long NameSharedNotPerson { get; init; }

    public required long LastNameAndCompanyNotPerson { get; init; }

    public static AtlanticStatistics Summarise(AtlanticGeneration generation)
    {
        var leads = generation.Leads;
        var text = new StringBuilder();
        var people = leads.GroupBy(l => l.PersonId).ToList();
        var distinctLeads = leads.GroupBy(l => l.Lead.Id).Select(g => g.First()).ToList();
        text.AppendLine(Invariant($"Atlantic corpus: {leads.Count} leads ({generation.Deliveries} deliveries, {generation.Errors.Count} read errors, {generation.Redeliveries} exact redeliveries, {generation.ContentClashes} content clashes resolved), {people.Count} people, {leads.Count / (double)people.Count:F2} leads per person"));
        text.AppendLine(Invariant($"channels: {string.Join(", ", leads.GroupBy(l => l.Lead.Channel).OrderBy(g => g.Key).Select(g => $"{g.Key} {g.Count()}"))}"));
        text.AppendLine(Invariant($"actions: {string.Join(", ", leads.GroupBy(l => l.Lead.Action).OrderBy(g => g.Key).Select(g => $"{g.Key} {g.Count()}"))}"));
        text.AppendLine(Invariant($"offers: {string.Join(", ", leads.GroupBy(l => l.Lead.OfferTitle).OrderByDescending(g => g.Count()).Select(g => $"{g.Key} {g.Count()}"))}"));
        text.AppendLine(Invariant($"countries (as normalised): {string.Join(", ", leads.GroupBy(l => l.Lead.Customer.CountryCode ?? "-").OrderByDescending(g => g.Count()).Select(g => $"{g.Key} {g.Count()}"))}"));
        text.AppendLine("cases: people / leads / leads per person");
        foreach (var group in people.GroupBy(p => p.First().Case).OrderByDescending(g => g.Count()))
        {
            var n = group.Sum(p => p.Count());
            text.AppendLine(Invariant($"  {group.Key,-14} {group.Count(),5} ({group.Count() / (double)people.Count,6:P1}) {n,6} {n / (double)group.Count(),5:F2}"));
        }

        var histogram = people.GroupBy(p => Math.Min(p.Count(), 10)).OrderBy(g => g.Key).Select(g => $"{(g.Key == 10 ? "10+" : g.Key.ToString(CultureInfo.InvariantCulture))}: {g.Count()}");
        text.AppendLine(Invariant($"leads per person: {string.Join(", ", histogram)} (max {people.Max(p => p.Count())})"));

        var customers = leads.Select(l => l.Lead.Customer).ToList();
        text.AppendLine(Invariant($"fields missing (blank) in leads: first name {Blank(c => c.FirstName)}, last name {Blank(c => c.LastName)}, e-mail {Blank(c => c.Email)}, phone {Blank(c => c.Phone)}, country {Blank(c => c.Country)}, company {Blank(c => c.Company)}, title {Blank(c => c.Title)}; no personal data {customers.Count(c => c.IsEmpty)}; test leads {leads.Count(l => l.Lead.IsTestLead)}"));
        text.AppendLine(Invariant($"fields present but not normalisable: e-mail {customers.Count(c => c.EmailStatus == FieldStatus.Invalid)}, phone {customers.Count(c => c.PhoneStatus == FieldStatus.Invalid)}, country {customers.Count(c => c.CountryStatus == FieldStatus.Invalid)}"));

        var truePairs = people.Sum(p => Pairs(p.Count()));
        var trueDistinctPairs = distinctLeads.GroupBy(l => l.PersonId).Sum(p => Pairs(p.Count()));
        var real = distinctLeads.Where(l => !l.Lead.IsTestLead && !l.Lead.Customer.IsEmpty).ToList();
        var phone = SharedNotPerson(real, l => l.Lead.Customer.PhoneE164);
        var email = SharedNotPerson(real, l => l.Lead.Customer.NormalizedEmail);
        var name = SharedNotPerson(real, l => Fold(l.Lead.Customer.FirstName) is { Length: > 1 } f && Fold(l.Lead.Customer.LastName) is { Length: > 1 } s ? f + " " + s : null);
        var lastCompany = SharedNotPerson(real, l => Fold(l.Lead.Customer.LastName) is { Length: > 1 } s && FirstWord(l.Lead.Customer.Company) is { Length: > 1 } c ? s + "@" + c : null);
        var hiddenPairs = real.GroupBy(l => l.PersonId).Sum(p =>
        {
            var list = p.ToList();
            long n = 0;
            for (var i = 0; i < list.Count; i++)
            {
                for (var j = i + 1; j < list.Count; j++)
                {
                    var a = list[i].Lead.Customer;
                    var b = list[j].Lead.Customer;
                    if ((a.NormalizedEmail is null || a.NormalizedEmail != b.NormalizedEmail) && (a.PhoneE164 is null || a.PhoneE164 != b.PhoneE164))
                    {
                        n++;
                    }
                }
            }

            return n;
        });
        text.AppendLine(Invariant($"pairs of true duplicates: {truePairs} ({trueDistinctPairs} between distinct lead ids; {hiddenPairs} share neither a normalised e-mail nor a phone)"));
        text.AppendLine(Invariant($"pairs of different people sharing: a phone (E.164) {phone}, an e-mail (normalised) {email}, a full name (folded) {name}, a last name and a company's first word {lastCompany}"));
        return new AtlanticStatistics
        {
            Text = text.ToString(),
            PhoneSharedNotPerson = phone,
            EmailSharedNotPerson = email,
            NameSharedNotPerson = name,
            LastNameAndCompanyNotPerson = lastCompany,
        };

        int Blank(Func<CustomerInfo, string?> field) => customers.Count(c => string.IsNullOrWhiteSpace(field(c)));
    }

    private static long Pairs(long n) => n * (n - 1) / 2;

    /// <summary>Counts pairs of leads with the same key that belong to different people.</summary>
    private static long SharedNotPerson(IEnumerable<LabelledLead> leads, Func<LabelledLead, string?> key) =>
        leads.Select(l => (Key: key(l), l.PersonId))
            .Where(x => x.Key is not null)
            .GroupBy(x => x.Key, StringComparer.Ordinal)
            .Sum(g => Pairs(g.Count()) - g.GroupBy(x => x.PersonId).Sum(p => Pairs(p.Count())));

    private static string? Fold(string? text) =>
        text is null ? null : new string(AtlanticText.Fold(text, AtlanticFold.Strip, expand: false).Where(char.IsLetter).Select(char.ToLowerInvariant).ToArray());

    private static string? FirstWord(string? company) =>
        company is null ? null : Fold(company.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault());

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

/// <summary>Properties of the Atlantic corpus over any seed.</summary>
public sealed class AtlanticCorpusPropertyTests
{
    [FsCheck.Xunit.Property(MaxTest = 60)]
    public bool Generate_AnySeed_IsDeterministicAndGivesEachLeadIdOnePerson(int seed, byte size)
    {
        var people = 1 + (size % 80);
        var corpus = new AtlanticCorpus();

        var first = corpus.Generate(people, seed);
        var second = corpus.Generate(people, seed);

        return first.Select(l => (l.Lead.Id, l.PersonId, l.Lead.RawPayload)).SequenceEqual(second.Select(l => (l.Lead.Id, l.PersonId, l.Lead.RawPayload)))
            && first.Select(l => l.PersonId).Distinct().Count() == people
            && first.GroupBy(l => l.Lead.Id).All(g => g.Select(l => l.PersonId).Distinct().Count() == 1);
    }

    [FsCheck.Xunit.Property(MaxTest = 200)]
    public bool PhoneFormats_AnySeedAndCountry_WriteTheNumberTheyClaimInEveryStyle(int seed, byte countryIndex, bool mobile)
    {
        var dice = new AtlanticDice(seed);
        var country = AtlanticPools.Countries[countryIndex % AtlanticPools.Countries.Length].Code;
        for (var i = 0; i < 25; i++)
        {
            var phone = mobile ? AtlanticPhones.Mobile(dice, country) : AtlanticPhones.Landline(dice, country);
            for (var style = 0; style < AtlanticPhones.StyleCount(country); style++)
            {
                // The few written forms from before a numbering reform are meant to be unreadable.
                var outdated = (country == "PL" && !mobile && style == 7) || (country == "MX" && style >= 7) || (country == "BR" && !mobile && style == 6);
                var read = new CustomerInfo { Phone = AtlanticPhones.Format(phone, style), Country = country }.PhoneE164;
                if (outdated ? read is not null && read != AtlanticPhones.International(phone) : read != AtlanticPhones.International(phone))
                {
                    return false;
                }
            }
        }

        return true;
    }

    [FsCheck.Xunit.Property(MaxTest = 200)]
    public bool Lines_AnySeed_ShareTheSwitchboardOrItsPrefix(int seed, byte countryIndex)
    {
        var dice = new AtlanticDice(seed);
        var country = AtlanticPools.Countries[countryIndex % AtlanticPools.Countries.Length].Code;
        var main = AtlanticPhones.Switchboard(dice, country);
        var line = AtlanticPhones.Line(dice, main);

        var mainE164 = new CustomerInfo { Phone = AtlanticPhones.Format(main, 0), Country = country }.PhoneE164;
        var lineE164 = new CustomerInfo { Phone = AtlanticPhones.Format(line, 0, extensionStyle: 0), Country = country }.PhoneE164;
        var englishExtension = line.Extension is not null && !line.DialThrough && country is "US" or "CA" or "GB" or "IE" or "ES" or "MX" or "NO";

        // An extension in English notation reads as the switchboard; a direct line or a Durchwahl is its own number with the same prefix.
        return mainE164 is not null
            && (englishExtension ? lineE164 == mainE164
                : line.Extension is not null && !line.DialThrough ? true
                : lineE164 is not null && lineE164 != mainE164 && lineE164.StartsWith(mainE164[..^4], StringComparison.Ordinal));
    }
}
