using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using MarketplaceLeads.Testing.Corpora;
using Xunit.Abstractions;

namespace MarketplaceLeads.Tests.Corpora;

/// <summary>
/// The Meridian labelled corpus: deterministic, every hard case in its share, leads read the real way, and the
/// statistics a measurement needs to be read against. These tests do not measure the de-duplicator.
/// </summary>
public class MeridianCorpusTests(ITestOutputHelper output)
{
    private const int People = 2500;

    private static readonly string[] RequiredCases =
        ["plain", "household", "switchboard", "namesake", "two-mailboxes", "name-change", "role-mailbox", "sparse"];

    private static readonly Lazy<MeridianRun> Standard = new(() => MeridianCorpus.Run(People, seed: 1));

    private static IReadOnlyList<LabelledLead> Leads => Standard.Value.Leads;

    [Fact]
    public void Generate_SameSeed_GivesSameLeadIdsPersonsAndFields()
    {
        var corpus = new MeridianCorpus();

        var first = corpus.Generate(400, seed: 7);
        var second = corpus.Generate(400, seed: 7);

        Assert.Equal(first.Count, second.Count);
        for (var i = 0; i < first.Count; i++)
        {
            Assert.Equal(first[i].Lead.Id, second[i].Lead.Id);
            Assert.Equal(first[i].PersonId, second[i].PersonId);
            Assert.Equal(first[i].Case, second[i].Case);
            Assert.Equal(first[i].Lead.ReceivedAt, second[i].Lead.ReceivedAt);
            Assert.Equal(first[i].Lead.Customer, second[i].Lead.Customer);
            Assert.Equal(first[i].Lead.RawPayload, second[i].Lead.RawPayload);
        }
    }

    [Fact]
    public void Generate_OtherSeed_GivesOtherLeads()
    {
        var corpus = new MeridianCorpus();

        var first = corpus.Generate(400, seed: 7).Select(l => l.Lead.Id).ToHashSet();
        var other = corpus.Generate(400, seed: 8).Select(l => l.Lead.Id).ToHashSet();

        Assert.True(first.Intersect(other).Count() < first.Count / 20, "two seeds should give (almost) disjoint leads");
    }

    [Fact]
    public void Generate_SmallCorpus_StillHasEveryCase()
    {
        var cases = new MeridianCorpus().Generate(200, seed: 3).Select(l => l.Case).ToHashSet();

        Assert.Superset(RequiredCases.ToHashSet(), cases);
    }

    [Fact]
    public void Generate_2500People_HasEveryCaseInItsShare()
    {
        var people = PeopleByCase();

        Assert.Equal(People, Standard.Value.Population.People.Count);
        Assert.InRange(people.Values.Sum(), People - Standard.Value.ReadErrors.Count, People); // a person whose only lead was rejected has none
        foreach (var @case in RequiredCases)
        {
            Assert.True(people.GetValueOrDefault(@case) >= 0.03 * People, $"{@case}: {people.GetValueOrDefault(@case)} people, fewer than 3 %");
        }

        Assert.True(people["role-mailbox"] >= 0.05 * People, $"role-mailbox: {people["role-mailbox"]} people, fewer than 5 %");
        Assert.True(people["namesake"] >= 0.05 * People, $"namesake: {people["namesake"]} people, fewer than 5 %");
        Assert.True(people["committee"] + people["switchboard"] >= 0.2 * People, "buying committees should be a fifth of the people");
        Assert.True(people["no-data"] > 0);
        Assert.True(people["test-lead"] > 0);
    }

    [Fact]
    public void Generate_2500People_LeadsPerPersonMostlyOneToThreeWithATailToThirty()
    {
        var perPerson = Leads.GroupBy(l => l.PersonId).Select(g => g.Select(l => l.Lead.Id).Distinct().Count()).ToArray();

        var mean = (double)Leads.Count / People;
        Assert.InRange(mean, 2.0, 2.5);
        Assert.True(perPerson.Count(n => n <= 3) >= 0.8 * People, "most people send one to three leads");
        Assert.True(perPerson.Count(n => n >= 10) >= 0.01 * People, "a tail of heavy evaluators sends ten or more");
        Assert.InRange(perPerson.Max(), 20, 31);
    }

    [Fact]
    public void Generate_2500People_ReadsAtLeast99PercentOfWireRecordsWithoutError()
    {
        var run = Standard.Value;

        Assert.True(run.ReadErrors.Count <= run.WireRecords / 100, $"{run.ReadErrors.Count} of {run.WireRecords} records were rejected");
        Assert.Equal(run.WireRecords - run.ReadErrors.Count, run.Leads.Count);
        Assert.All(run.Leads, l => Assert.NotNull(l.Lead.RawPayload));
    }

    [Fact]
    public void Generate_2500People_LeadsArriveInOrderAlongFourteenDaysThroughBothDestinations()
    {
        var start = new DateTimeOffset(2026, 11, 2, 0, 0, 0, TimeSpan.Zero);

        for (var i = 1; i < Leads.Count; i++)
        {
            Assert.True(Leads[i - 1].Lead.ReceivedAt <= Leads[i].Lead.ReceivedAt, $"lead {i} arrives before lead {i - 1}");
        }

        Assert.All(Leads, l => Assert.InRange(l.Lead.ReceivedAt, start, start.AddDays(14)));
        var table = Leads.Where(l => l.Lead.Channel == LeadChannel.AzureTable).ToArray();
        Assert.All(table, l => Assert.True(l.Lead.CreatedAt <= l.Lead.ReceivedAt));
        Assert.InRange(table.Length, Leads.Count / 8, Leads.Count / 2);
        Assert.Contains(Leads, l => l.Lead.Channel == LeadChannel.HttpsEndpoint);
        Assert.True(Leads.Max(l => l.Lead.ReceivedAt) - Leads.Min(l => l.Lead.ReceivedAt) > TimeSpan.FromDays(13));
    }

    [Fact]
    public void Generate_2500People_SeveralOffersActionsInFunnelOrderAndSomeDoNotContact()
    {
        var offers = Leads.Where(l => !l.Lead.IsTestLead).Select(l => l.Lead.Offer.ToString()).Distinct().ToArray();
        var actions = Leads.Select(l => l.Lead.Action).ToHashSet();
        var dnc = Leads.Where(l => l.Lead.Action == LeadAction.DoNotContact).Select(l => l.PersonId).Distinct().Count();

        Assert.InRange(offers.Length, 3, 8);
        Assert.Superset(actions, new HashSet<LeadAction> { LeadAction.PartnerLedTrial, LeadAction.StartTestDrive, LeadAction.Create, LeadAction.Install, LeadAction.DoNotContact });
        Assert.InRange(dnc, 0.05 * People, 0.11 * People);
        foreach (var person in Distinct(Leads.Where(l => !l.Lead.IsTestLead && l.Case != "no-data")).GroupBy(l => l.PersonId))
        {
            var ordered = person.OrderBy(Sent).ToArray();
            Assert.True(ordered[0].Lead.Action != LeadAction.DoNotContact, $"{person.Key} starts with a DNC lead");
            foreach (var offer in ordered.Where(l => l.Lead.Action != LeadAction.DoNotContact).GroupBy(l => l.Lead.Offer))
            {
                var stages = offer.Select(l => Stage(l.Lead.Action)).ToArray();
                Assert.True(stages.Zip(stages.Skip(1)).All(p => p.First <= p.Second), $"{person.Key} goes back in the funnel of {offer.Key}");
            }
        }
    }

    [Fact]
    public void Generate_2500People_RedeliveriesRepeatIdAndPayloadAndNoIdIsShared()
    {
        var byId = Leads.GroupBy(l => l.Lead.Id).ToArray();
        var redelivered = byId.Where(g => g.Count() > 1).ToArray();

        Assert.All(byId, g => Assert.Single(g.Select(l => l.PersonId).Distinct()));
        Assert.InRange(redelivered.Length, 5, Leads.Count / 20);
        Assert.All(redelivered, g => Assert.Single(g.Select(l => l.Lead.RawPayload).Distinct()));
        Assert.Equal(Standard.Value.Redeliveries, Leads.Count - byId.Length);
    }

    [Fact]
    public void Generate_2500People_HardCasesLookTheWayTheyAreLabelled()
    {
        var persons = Leads.GroupBy(l => l.PersonId).ToDictionary(g => g.Key, g => g.ToArray());

        // Test leads carry MSFT_TEST_ values; .edu customers arrive with no personal data at all.
        Assert.All(Leads.Where(l => l.Case == "test-lead"), l => Assert.True(l.Lead.IsTestLead));
        Assert.All(Leads.Where(l => l.Case == "no-data"), l => Assert.True(l.Lead.Customer.IsEmpty));
        Assert.DoesNotContain(Leads, l => l.Case != "test-lead" && l.Lead.IsTestLead);

        // A name change shows two last names; two mailboxes show two addresses and one mobile; sparse people drop the e-mail.
        var nameChanges = persons.Values.Where(p => p[0].Case == "name-change").ToArray();
        Assert.True(nameChanges.Count(p => p.Select(l => Fold(l.Lead.Customer.LastName)).Where(n => n.Length > 0).Distinct().Count() >= 2) >= nameChanges.Length * 0.8);
        var twoMailboxes = persons.Values.Where(p => p[0].Case == "two-mailboxes").ToArray();
        Assert.True(twoMailboxes.Count(p => p.Select(l => l.Lead.Customer.NormalizedEmail).OfType<string>().Distinct().Count() >= 2) >= twoMailboxes.Length * 0.9);
        Assert.All(persons.Values.Where(p => p[0].Case == "sparse"), p => Assert.Contains(p.OrderBy(Sent).Skip(1), l => string.IsNullOrWhiteSpace(l.Lead.Customer.Email)));

        // Role mailboxes and switchboards are shared by different people.
        Assert.True(PairsNotSamePerson(Distinct(Leads.Where(l => l.Case == "role-mailbox")), l => l.Lead.Customer.NormalizedEmail) > 100);
        Assert.True(PairsNotSamePerson(Distinct(Leads.Where(l => l.Case == "switchboard")), l => l.Lead.Customer.PhoneE164) > 100);
        Assert.True(PairsNotSamePerson(Distinct(Leads.Where(l => l.Case == "household")), l => l.Lead.Customer.PhoneE164) > 50);
        Assert.True(PairsNotSamePerson(Distinct(Leads.Where(l => l.Case == "namesake")), FullName) > 100);
    }

    [Fact]
    public void Generate_2500PeopleSeed1_PrintsSummaryStatistics()
    {
        var run = Standard.Value;
        var distinct = Distinct(run.Leads);
        var report = new StringBuilder();
        void Line(string text) => report.AppendLine(text);
        string Pct(double part, double whole) => (100.0 * part / whole).ToString("0.0", CultureInfo.InvariantCulture) + " %";

        Line($"Meridian corpus, {People} people, seed 1");
        Line($"  leads {run.Leads.Count} ({(double)run.Leads.Count / People:0.00} per person), distinct lead ids {distinct.Count}, exact redeliveries {run.Redeliveries}");
        Line($"  wire records {run.WireRecords}, rejected by the reader {run.ReadErrors.Count}");
        foreach (var reason in run.ReadErrors.GroupBy(e => e.Error.Reason))
        {
            Line($"    {reason.Count()} x {reason.Key}");
        }

        Line($"  channels: HTTPS {run.Leads.Count(l => l.Lead.Channel == LeadChannel.HttpsEndpoint)}, Azure Table {run.Leads.Count(l => l.Lead.Channel == LeadChannel.AzureTable)}");
        Line($"  offers: {string.Join(", ", run.Leads.GroupBy(l => l.Lead.OfferTitle).OrderByDescending(g => g.Count()).Select(g => $"{g.Key} {g.Count()}"))}");
        Line($"  actions: {string.Join(", ", run.Leads.GroupBy(l => l.Lead.Action).OrderByDescending(g => g.Count()).Select(g => $"{g.Key} {g.Count()}"))}");
        Line($"  people sending a DNC lead: {run.Leads.Where(l => l.Lead.Action == LeadAction.DoNotContact).Select(l => l.PersonId).Distinct().Count()}");
        Line($"  companies: {run.Population.Enterprises.Count} enterprises with {run.Population.Enterprises.Sum(e => e.Members)} people (largest {run.Population.Enterprises.Max(e => e.Members)})");
        Line($"  countries: {string.Join(", ", run.Population.People.GroupBy(p => p.Country).OrderByDescending(g => g.Count()).Select(g => $"{g.Key} {g.Count()}"))}");
        Line(string.Empty);
        Line("  case            people  share   leads  leads/person");
        foreach (var group in run.Leads.GroupBy(l => l.Case).OrderByDescending(g => g.Select(l => l.PersonId).Distinct().Count()))
        {
            var people = group.Select(l => l.PersonId).Distinct().Count();
            Line($"  {group.Key,-15} {people,6}  {Pct(people, People),6}  {group.Count(),6}  {(double)group.Count() / people,6:0.00}");
        }

        var perPerson = distinct.GroupBy(l => l.PersonId).Select(g => g.Count()).ToArray();
        Line(string.Empty);
        Line("  distinct leads per person: " + string.Join(", ", new (string Label, Func<int, bool> In)[]
        {
            ("1", n => n == 1), ("2", n => n == 2), ("3", n => n == 3), ("4", n => n == 4), ("5", n => n == 5),
            ("6-9", n => n is >= 6 and <= 9), ("10-19", n => n is >= 10 and <= 19), ("20-31", n => n >= 20),
        }.Select(b => $"{b.Label}: {perPerson.Count(b.In)}")) + $"; max {perPerson.Max()}");

        Line(string.Empty);
        Line("  fields missing (blank) in distinct leads:");
        foreach (var (field, value) in new (string, Func<CustomerInfo, string?>)[]
        {
            ("FirstName", c => c.FirstName), ("LastName", c => c.LastName), ("Email", c => c.Email), ("Phone", c => c.Phone),
            ("Country", c => c.Country), ("Company", c => c.Company), ("Title", c => c.Title),
        })
        {
            Line($"    {field,-9} {Pct(distinct.Count(l => string.IsNullOrWhiteSpace(value(l.Lead.Customer))), distinct.Count),7}");
        }

        Line($"  e-mail status: {string.Join(", ", distinct.GroupBy(l => l.Lead.Customer.EmailStatus).Select(g => $"{g.Key} {g.Count()}"))}");
        Line($"  phone status: {string.Join(", ", distinct.GroupBy(l => l.Lead.Customer.PhoneStatus).Select(g => $"{g.Key} {g.Count()}"))}");
        Line($"  country status: {string.Join(", ", distinct.GroupBy(l => l.Lead.Customer.CountryStatus).Select(g => $"{g.Key} {g.Count()}"))}");
        Line($"  test leads {distinct.Count(l => l.Lead.IsTestLead)}, leads with no customer data {distinct.Count(l => l.Lead.Customer.IsEmpty)}");

        var real = distinct.Where(l => !l.Lead.IsTestLead && !l.Lead.Customer.IsEmpty).ToList();
        var truePairs = perPerson.Sum(n => (long)n * (n - 1) / 2);
        var trueNoShared = real.GroupBy(l => l.PersonId).Sum(g => PairsWithout(g.ToArray()));
        Line(string.Empty);
        Line("  pairs of distinct leads:");
        Line($"    true duplicates (same person)                       {truePairs,8}");
        Line($"    true duplicates sharing neither e-mail nor phone    {trueNoShared,8}");
        Line($"    same phone (E.164), different people                {PairsNotSamePerson(real, l => l.Lead.Customer.PhoneE164),8}");
        Line($"    same e-mail (normalised), different people          {PairsNotSamePerson(real, l => l.Lead.Customer.NormalizedEmail),8}");
        Line($"    same first + last name, different people            {PairsNotSamePerson(real, FullName),8}");
        Line($"    same last name + company, different people          {PairsNotSamePerson(real, l => Key(Fold(l.Lead.Customer.LastName), Fold(l.Lead.Customer.Company))),8}");
        Line($"    same last name + e-mail domain, different people    {PairsNotSamePerson(real, l => Key(Fold(l.Lead.Customer.LastName), Domain(l.Lead.Customer.NormalizedEmail))),8}");
        Line($"    same e-mail domain (not free mail), different people {PairsNotSamePerson(real, l => Domain(l.Lead.Customer.NormalizedEmail) is { } d && !FreeMail.Contains(d) ? d : null),7}");
        var lastNames = real.Select(l => Fold(l.Lead.Customer.LastName)).Where(n => n.Length > 0).GroupBy(n => n).OrderByDescending(g => g.Count()).Take(10);
        Line($"  most common last names: {string.Join(", ", lastNames.Select(g => $"{g.Key} {Pct(g.Count(), real.Count)}"))}");

        output.WriteLine(report.ToString());
        Assert.True(truePairs > 0);
    }

    private static readonly HashSet<string> FreeMail = new(StringComparer.Ordinal)
    {
        "gmail.com", "yahoo.com", "yahoo.co.in", "rediffmail.com", "outlook.com", "hotmail.com", "qq.com", "163.com", "126.com",
        "sina.com", "foxmail.com", "yahoo.co.jp", "icloud.com", "outlook.jp", "docomo.ne.jp", "naver.com", "daum.net", "hanmail.net",
        "kakao.com", "yandex.com", "mweb.co.za", "webmail.co.za", "bigpond.com", "optusnet.com.au", "xtra.co.nz", "yahoo.com.sg",
    };

    private static Dictionary<string, int> PeopleByCase() =>
        Leads.GroupBy(l => l.Case).ToDictionary(g => g.Key, g => g.Select(l => l.PersonId).Distinct().Count());

    /// <summary>Gets when a lead was sent: a table row's creation time (rows are polled minutes later), an HTTPS lead's arrival.</summary>
    private static DateTimeOffset Sent(LabelledLead lead) => lead.Lead.CreatedAt ?? lead.Lead.ReceivedAt;

    private static int Stage(LeadAction action) => action switch
    {
        LeadAction.StartTestDrive => 0,
        LeadAction.PartnerLedTrial => 1,
        _ => 2,
    };

    private static List<LabelledLead> Distinct(IEnumerable<LabelledLead> leads) => [.. leads.DistinctBy(l => l.Lead.Id)];

    private static string Fold(string? text) => (text ?? string.Empty).Trim().ToUpperInvariant();

    private static string? Key(string a, string? b) => a.Length == 0 || string.IsNullOrEmpty(b) ? null : a + "\u0001" + b;

    private static string? FullName(LabelledLead lead) => Key(Fold(lead.Lead.Customer.FirstName), Fold(lead.Lead.Customer.LastName));

    private static string? Domain(string? email) => email is null ? null : email[(email.IndexOf('@', StringComparison.Ordinal) + 1)..];

    /// <summary>Counts the pairs of leads that share a key but are not the same person.</summary>
    private static long PairsNotSamePerson(IEnumerable<LabelledLead> leads, Func<LabelledLead, string?> key)
    {
        long pairs = 0;
        foreach (var group in leads.Select(l => (Key: key(l), l.PersonId)).Where(x => !string.IsNullOrEmpty(x.Key)).GroupBy(x => x.Key))
        {
            long n = group.Count();
            var same = group.GroupBy(x => x.PersonId).Sum(p => (long)p.Count() * (p.Count() - 1) / 2);
            pairs += (n * (n - 1) / 2) - same;
        }

        return pairs;
    }

    /// <summary>Counts the pairs of one person's leads that share neither a normalised e-mail nor a phone.</summary>
    private static long PairsWithout(LabelledLead[] leads)
    {
        long pairs = 0;
        for (var i = 0; i < leads.Length; i++)
        {
            for (var j = i + 1; j < leads.Length; j++)
            {
                var (a, b) = (leads[i].Lead.Customer, leads[j].Lead.Customer);
                var email = a.NormalizedEmail is not null && a.NormalizedEmail == b.NormalizedEmail;
                var phone = a.PhoneE164 is not null && a.PhoneE164 == b.PhoneE164;
                pairs += email || phone ? 0 : 1;
            }
        }

        return pairs;
    }
}
