using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Text;
using MarketplaceLeads.Testing.Corpora;
using Xunit.Abstractions;

namespace MarketplaceLeads.Tests.Corpora;

/// <summary>Generates the Boreal corpus once (2,500 people, seed 1) for the tests that look at its content.</summary>
public sealed class BorealCorpusFixture
{
    public BorealCorpusFixture()
    {
        var watch = Stopwatch.StartNew();
        Generation = new BorealCorpus().GenerateWithReport(People, Seed);
        Elapsed = watch.Elapsed;
    }

    public const int People = 2500;

    public const int Seed = 1;

    public TimeSpan Elapsed { get; }

    internal BorealGeneration Generation { get; }

    internal IReadOnlyList<LabelledLead> Leads => Generation.Leads;
}

/// <summary>
/// The Boreal labelled corpus is deterministic, arrives in order, has every hard case in its share and reads almost
/// without errors. It does not measure the de-duplicator (that is the lead engineer's integration).
/// </summary>
public sealed class BorealCorpusTests(BorealCorpusFixture fixture, ITestOutputHelper output) : IClassFixture<BorealCorpusFixture>
{
    private static readonly string[] AllCases =
    [
        BorealPopulation.Plain, BorealPopulation.Noise, BorealPopulation.Transliteration, BorealPopulation.Initials, BorealPopulation.JobChange,
        BorealPopulation.Renamed, BorealPopulation.Mailboxes, BorealPopulation.Colleagues, BorealPopulation.Namesake, BorealPopulation.Family,
        BorealPopulation.Coworking, BorealPopulation.PhoneOnly, BorealPopulation.TestLead,
    ];

    private IReadOnlyList<LabelledLead> Leads => fixture.Leads;

    [Fact]
    public void Generate_SameSeed_GivesTheSameLeadsPersonsAndPayloads()
    {
        var corpus = new BorealCorpus();

        var first = corpus.Generate(300, 42);
        var second = corpus.Generate(300, 42);
        var other = corpus.Generate(300, 43);

        Assert.Equal(first.Select(Key), second.Select(Key));
        Assert.NotEqual(first.Select(l => l.Lead.Id), other.Select(l => l.Lead.Id));

        static string Key(LabelledLead l) => string.Create(CultureInfo.InvariantCulture, $"{l.Lead.Id}|{l.PersonId}|{l.Case}|{l.Lead.ReceivedAt:O}|{l.Lead.CreatedAt:O}|{l.Lead.RawPayload}");
    }

    [Fact]
    public void Generate_DescribesItself()
    {
        var corpus = new BorealCorpus();

        Assert.Equal("Boreal", corpus.Name);
        Assert.Contains("namesakes 4 %", corpus.Description, StringComparison.Ordinal);
        Assert.Contains("not used for tuning", corpus.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Generate_EveryCaseAppears_InItsShareOfPeople()
    {
        var people = Leads.GroupBy(l => l.PersonId).Select(g => g.First().Case).ToList();

        Assert.Equal(BorealCorpusFixture.People, people.Count);
        foreach (var @case in AllCases)
        {
            Assert.Contains(@case, people);
        }

        double Share(string @case) => people.Count(c => c == @case) / (double)people.Count;
        foreach (var (@case, share) in BorealPopulation.Shares)
        {
            Assert.InRange(Share(@case), share * 0.8, share * 1.2);
        }

        Assert.InRange(Share(BorealPopulation.Plain), 0.48, 0.58);
    }

    [Fact]
    public void Generate_LeadsPerPerson_AboutTwoAndAHalfWithALongTail()
    {
        var counts = Leads.GroupBy(l => l.PersonId).Select(g => g.Count()).ToList();

        Assert.InRange(counts.Average(), 2.2, 2.5);
        Assert.True(counts.Count(c => c == 1) >= 0.3 * counts.Count, "many send one lead");
        Assert.True(counts.Count(c => c >= 6) >= 0.04 * counts.Count, "a tail of six and more");
        Assert.InRange(counts.Max(), 10, 16);
    }

    [Fact]
    public void Generate_ReadErrorsAreRare_AndReportedWithTheirPerson()
    {
        var generation = fixture.Generation;

        Assert.NotEmpty(generation.Errors);
        Assert.True(generation.Errors.Count <= generation.Deliveries / 200, $"{generation.Errors.Count} of {generation.Deliveries}");
        Assert.All(generation.Errors, e => Assert.False(string.IsNullOrEmpty(e.Error.Reason)));
        var cases = generation.People.ToDictionary(p => p.Id, p => p.Case, StringComparer.Ordinal);
        Assert.All(generation.Errors, e => Assert.Equal(BorealPopulation.TestLead, cases[e.PersonId]));
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
        Assert.All(repeated, g => Assert.Equal(LeadChannel.HttpsEndpoint, g.First().Lead.Channel));
    }

    [Fact]
    public void Generate_LeadsArriveSortedByReceivedTime_AlongThe84Days()
    {
        var start = BorealCorpus.Start;
        var end = start.AddDays(BorealCorpus.Days).AddHours(1);

        Assert.All(Leads, l => Assert.InRange(l.Lead.ReceivedAt, start, end));
        Assert.True(Leads.Zip(Leads.Skip(1)).All(p => p.First.Lead.ReceivedAt <= p.Second.Lead.ReceivedAt), "arrival order");
        var table = Leads.Where(l => l.Lead.Channel == LeadChannel.AzureTable).ToList();
        Assert.InRange(table.Count / (double)Leads.Count, 0.2, 0.6);
        Assert.All(table, l => Assert.True(l.Lead.CreatedAt is { } created && created <= l.Lead.ReceivedAt));
    }

    [Fact]
    public void Generate_HasTheShapesOfRealMarketplaceLeads()
    {
        foreach (var action in new[] { LeadAction.PartnerLedTrial, LeadAction.StartTestDrive, LeadAction.Create, LeadAction.Install, LeadAction.DoNotContact })
        {
            Assert.Contains(Leads, l => l.Lead.Action == action);
        }

        var offers = Leads.Where(l => !l.Lead.IsTestLead).Select(l => l.Lead.Offer.ToString()).Distinct().Count();
        Assert.Equal(6, offers);
        var testLeads = Leads.Where(l => l.Case == BorealPopulation.TestLead).ToList();
        Assert.True(testLeads.Select(l => l.PersonId).Distinct().Count() >= 10, "test leads from several partners");
        Assert.All(testLeads, l => Assert.True(l.Lead.IsTestLead));
        Assert.DoesNotContain(Leads, l => l.Lead.IsTestLead && l.Case != BorealPopulation.TestLead);
    }

    [Fact]
    public void Generate_HasTheHardCasesOfRealData()
    {
        var customers = Leads.Where(l => !l.Lead.IsTestLead).Select(l => l.Lead.Customer).ToList();
        var names = customers.Select(c => c.FirstName + " " + c.LastName).ToList();

        // Scripts and transliterations.
        Assert.Contains(names, n => n.Any(ch => ch is >= 'А' and <= 'я'));
        Assert.Contains(names, n => n.Any(ch => ch is >= 'Α' and <= 'ω'));
        Assert.Contains(names, n => n.Any(ch => ch is >= '\u0600' and <= '\u06FF'));
        Assert.Contains(names, n => n.Contains("Nguyễn", StringComparison.Ordinal));
        Assert.Contains(names, n => n.Contains("Nguyen", StringComparison.Ordinal));
        Assert.Contains(names, n => n.Contains("Yılmaz", StringComparison.Ordinal));
        Assert.Contains(names, n => n.Contains("da Silva", StringComparison.Ordinal));

        // Data-entry noise.
        Assert.Contains(customers, c => c.FirstName is { } f && f.Contains(", ", StringComparison.Ordinal) && c.LastName is null or "");
        Assert.Contains(customers, c => c.LastName is { Length: > 3 } l && string.Equals(l, l.ToUpperInvariant(), StringComparison.Ordinal) && l.Any(char.IsLetter));
        Assert.Contains(customers, c => c.FirstName is { } f && (f.StartsWith("Eng. ", StringComparison.Ordinal) || f.StartsWith("Dr. ", StringComparison.Ordinal)));
        Assert.Contains(customers, c => c.LastName is { } l && (l.EndsWith("Jr.", StringComparison.Ordinal) || l.EndsWith("III", StringComparison.Ordinal)));
        Assert.Contains(customers, c => string.IsNullOrEmpty(c.Email) && !string.IsNullOrEmpty(c.Phone));

        // Mailboxes and phones.
        Assert.Contains(customers, c => c.Email is { } e && e.Contains('+', StringComparison.Ordinal) && e.EndsWith("@gmail.com", StringComparison.Ordinal));
        Assert.Contains(customers, c => c.Email is { } e && (e.EndsWith("@yandex.ru", StringComparison.Ordinal) || e.EndsWith("@mail.ru", StringComparison.Ordinal)));
        Assert.Contains(customers, c => c.Email is { } e && (e.StartsWith("info@", StringComparison.Ordinal) || e.StartsWith("sales@", StringComparison.Ordinal) || e.StartsWith("it@", StringComparison.Ordinal)));
        Assert.Contains(customers, c => c.Phone is { } p && p.StartsWith("8 (9", StringComparison.Ordinal));
        Assert.Contains(customers, c => c.Phone is { } p && p.Contains("ext", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(customers, c => c.Phone is { } p && p.Contains("(0)", StringComparison.Ordinal));

        // A person's leads differ: the same person writes the name more than one way.
        var spelledTwoWays = Leads.Where(l => !l.Lead.IsTestLead).GroupBy(l => l.PersonId)
            .Count(g => g.Select(l => l.Lead.Customer.FirstName + "|" + l.Lead.Customer.LastName).Distinct(StringComparer.Ordinal).Count() > 1);
        Assert.True(spelledTwoWays > 150, $"{spelledTwoWays} people write their name in more than one way");
    }

    [Fact]
    public void Generate_HardNegativesShareWhatMatchersLookAt()
    {
        var real = Leads.Where(l => !l.Lead.IsTestLead).GroupBy(l => l.Lead.Id).Select(g => g.First()).ToList();

        // Different people sharing a phone (switchboards, co-working desks, a family's landline), a mailbox (role, family), a name.
        Assert.True(SharedNotPerson(real, l => l.Lead.Customer.PhoneE164) > 200, "people sharing a phone");
        Assert.True(SharedNotPerson(real, l => l.Lead.Customer.NormalizedEmail) > 20, "people sharing a mailbox");
        Assert.True(SharedNotPerson(real, l => Folded(l.Lead.Customer.FirstName) + "|" + Folded(l.Lead.Customer.LastName)) > 50, "people sharing a full name");
    }

    [Fact]
    public void Generate_PrintsSummaryStatistics()
    {
        var generation = fixture.Generation;
        var leads = generation.Leads;
        var people = leads.GroupBy(l => l.PersonId).ToList();
        var text = new StringBuilder();
        text.AppendLine(Invariant($"Boreal corpus (seed {BorealCorpusFixture.Seed}): {leads.Count} leads, {people.Count} people, {leads.Count / (double)people.Count:F2} leads per person; {generation.Deliveries} deliveries, {generation.Errors.Count} read errors, {generation.Redeliveries} redeliveries, {generation.Clashes} content clashes; generated in {fixture.Elapsed.TotalMilliseconds:F0} ms"));
        text.AppendLine(Invariant($"channels: {string.Join(", ", leads.GroupBy(l => l.Lead.Channel).OrderBy(g => g.Key).Select(g => $"{g.Key} {g.Count()}"))}"));
        text.AppendLine(Invariant($"actions: {string.Join(", ", leads.GroupBy(l => l.Lead.Action).OrderBy(g => g.Key).Select(g => $"{g.Key} {g.Count()}"))}"));
        text.AppendLine(Invariant($"countries: {string.Join(", ", leads.GroupBy(l => l.Lead.Customer.CountryCode ?? "-").OrderByDescending(g => g.Count()).Select(g => $"{g.Key} {g.Count()}"))}"));
        text.AppendLine("cases: people / leads / leads per person");
        foreach (var group in people.GroupBy(p => p.First().Case).OrderByDescending(g => g.Count()))
        {
            var n = group.Sum(p => p.Count());
            text.AppendLine(Invariant($"  {group.Key,-16} {group.Count(),5} ({group.Count() / (double)people.Count,6:P1}) {n,6} {n / (double)group.Count(),5:F2}"));
        }

        var histogram = people.GroupBy(p => Math.Min(p.Count(), 10)).OrderBy(g => g.Key).Select(g => $"{(g.Key == 10 ? "10+" : g.Key.ToString(CultureInfo.InvariantCulture))}: {g.Count()}");
        text.AppendLine(Invariant($"leads per person: {string.Join(", ", histogram)} (max {people.Max(p => p.Count())})"));
        var customers = leads.Select(l => l.Lead.Customer).ToList();
        text.AppendLine(Invariant($"not normalisable: e-mail {customers.Count(c => c.EmailStatus == FieldStatus.Invalid)}, phone {customers.Count(c => c.PhoneStatus == FieldStatus.Invalid)}, country {customers.Count(c => c.CountryStatus == FieldStatus.Invalid)}; phone blank {customers.Count(c => string.IsNullOrWhiteSpace(c.Phone))}, e-mail blank {customers.Count(c => string.IsNullOrWhiteSpace(c.Email))}"));
        var real = leads.Where(l => !l.Lead.IsTestLead).GroupBy(l => l.Lead.Id).Select(g => g.First()).ToList();
        text.AppendLine(Invariant($"pairs of different people sharing: a phone {SharedNotPerson(real, l => l.Lead.Customer.PhoneE164)}, an e-mail {SharedNotPerson(real, l => l.Lead.Customer.NormalizedEmail)}, a folded full name {SharedNotPerson(real, l => Folded(l.Lead.Customer.FirstName) + "|" + Folded(l.Lead.Customer.LastName))}"));
        foreach (var sample in people.Where(p => p.Count() > 1).GroupBy(p => p.First().Case).OrderBy(g => g.Key, StringComparer.Ordinal).SelectMany(g => g.OrderBy(p => p.Key, StringComparer.Ordinal).Take(2)))
        {
            text.AppendLine(Invariant($"  {sample.Key} {sample.First().Case}: {string.Join(" ; ", sample.Select(l => $"{l.Lead.Customer.FirstName}/{l.Lead.Customer.LastName}/{l.Lead.Customer.Email}/{l.Lead.Customer.Phone}/{l.Lead.Customer.Company}"))}"));
        }

        var seed2 = new BorealCorpus().Generate(BorealCorpusFixture.People, 2);
        text.AppendLine(Invariant($"seed 2: {seed2.Count} leads, {seed2.Count / (double)BorealCorpusFixture.People:F2} leads per person"));
        output.WriteLine(text.ToString());
        Assert.Equal(BorealCorpusFixture.People, people.Count);
    }

    private static long SharedNotPerson(IEnumerable<LabelledLead> leads, Func<LabelledLead, string?> key) =>
        leads.Select(l => (Key: key(l), l.PersonId))
            .Where(x => !string.IsNullOrEmpty(x.Key) && x.Key != "|")
            .GroupBy(x => x.Key, StringComparer.Ordinal)
            .Sum(g => Pairs(g.Count()) - g.GroupBy(x => x.PersonId, StringComparer.Ordinal).Sum(p => Pairs(p.Count())));

    private static long Pairs(long n) => n * (n - 1) / 2;

    private static string Folded(string? text) => text is null ? string.Empty : BorealSpelling.Letters(text);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

/// <summary>Properties of the Boreal corpus over any seed.</summary>
public sealed class BorealCorpusPropertyTests
{
    [FsCheck.Xunit.Property(MaxTest = 40)]
    public bool Generate_AnySeed_IsDeterministicAndGivesEachLeadIdOnePerson(int seed, byte size)
    {
        var people = 1 + (size % 80);
        var corpus = new BorealCorpus();

        var first = corpus.Generate(people, seed);
        var second = corpus.Generate(people, seed);

        return first.Select(l => (l.Lead.Id, l.PersonId, l.Lead.RawPayload)).SequenceEqual(second.Select(l => (l.Lead.Id, l.PersonId, l.Lead.RawPayload)))
            && first.Select(l => l.PersonId).Distinct().Count() == people
            && first.GroupBy(l => l.Lead.Id).All(g => g.Select(l => l.PersonId).Distinct().Count() == 1);
    }

    [FsCheck.Xunit.Property(MaxTest = 200)]
    public bool PhoneFormats_AnySeedAndCountry_WriteTheNumberTheyClaimInEveryStyle(int seed, byte countryIndex, bool mobile)
    {
        var dice = new BorealDice(seed);
        var country = BorealPlaces.Countries[countryIndex % BorealPlaces.Countries.Length];
        var phone = BorealPhone.New(country, mobile, dice);

        // Every style of a number the reader knows reads as that number, except the Mexican mobile '+52 1' written
        // before the 2019 numbering reform (kept on purpose: people still write it).
        var e164 = new CustomerInfo { Phone = phone.Format(0), Country = country.Code }.PhoneE164;
        return e164 is null
            || Enumerable.Range(0, BorealPhone.Styles)
                .Where(s => !(country.Code == "MX" && mobile && s == 11))
                .All(s => new CustomerInfo { Phone = phone.Format(s), Country = country.Code }.PhoneE164 == phone.E164);
    }
}
