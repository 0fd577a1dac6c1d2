#:package Bogus
#:project ../src/MarketplaceLeads/MarketplaceLeads.csproj
#:property PublishAot=false
#:property GenerateDocumentationFile=true
// Generates synthetic sample leads. Everything in them is made up by Bogus: no real person, company, e-mail address or
// phone number. Run from the repository root (add -c Release for large sets):
//
//   dotnet run eng/generate-sample-leads.cs
//     The committed sample set in samples/leads/ (the README's first command imports it): 1,500 people, a fixed seed,
//     byte-identical on every run.
//       samples/leads/marketplace-leads-2026.jsonl  ~80 % of the history, JSON Lines (schema marketplace-leads/lead@1)
//       samples/leads/partner-center-export.csv     ~20 % of the history plus 40 rows also in the .jsonl (a replayed export)
//       samples/leads/https-endpoint-payloads.json  the newest leads as the marketplace POSTs them (an array; no times, so
//                                                   they are received when imported) and three MSFT_TEST_ validation leads
//
//   dotnet run -c Release eng/generate-sample-leads.cs -- --people N [--seed S] [--out DIR]
//     A set of any size (ScaledSampleSet below): the same three files in DIR (default artifacts/sample-leads), streamed in
//     time order with flat memory, the same for the same N and S. About 1.8 leads per person: --people 560000 gives
//     about a million leads.
using System;
using System.Buffers;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Threading.Tasks;
using Bogus;
using MarketplaceLeads;

const int Seed = 20260105;
const int People = 1_500;
const int Recent = 150;
var start = new DateTimeOffset(2026, 1, 5, 8, 0, 0, TimeSpan.Zero);
var end = new DateTimeOffset(2026, 10, 30, 18, 0, 0, TimeSpan.Zero);
(string Id, string Title)[] offers =
[
    ("contoso.contoso-analytics", "Contoso Analytics"),
    ("contoso.contoso-crm-connector", "Contoso CRM Connector"),
    ("fabrikam.fabrikam-insights", "Fabrikam Insights"),
    ("litware.litware-backup-vm", "Litware Backup VM"),
    ("northwind.northwind-billing-saas", "Northwind Billing (SaaS)"),
];
string[] usAreaCodes = ["206", "212", "303", "310", "415", "425", "512", "617", "646", "702", "917"];
Dictionary<string, string> nicknames = new(StringComparer.Ordinal)
{
    ["Robert"] = "Bob", ["William"] = "Bill", ["Elizabeth"] = "Liz", ["Richard"] = "Rick", ["James"] = "Jim", ["Michael"] = "Mike",
    ["Thomas"] = "Tom", ["Katherine"] = "Kate", ["Jennifer"] = "Jen", ["Daniel"] = "Dan",
};
Dictionary<string, string> callingCodes = new(StringComparer.Ordinal)
{
    ["GB"] = "44", ["DE"] = "49", ["ES"] = "34", ["FR"] = "33", ["NL"] = "31", ["CA"] = "1", ["AU"] = "61", ["IN"] = "91",
};
if (args.Length > 0)
{
    return await ScaledSampleSet.RunAsync(args, Seed, start, end, offers, usAreaCodes, nicknames, callingCodes);
}

var output = Path.Combine("samples", "leads");
Directory.CreateDirectory(output);
var faker = new Faker("en") { Random = new Randomizer(Seed) };
(string First, string Last, string Company)? previous = null;
var emails = new HashSet<string>(StringComparer.Ordinal);
var ids = new HashSet<LeadId>();
var history = new List<Lead>();
var recent = new List<Lead>();

for (var person = 0; person < People; person++)
{
    var country = faker.PickRandom("US", "US", "US", "US", "GB", "DE", "ES", "FR", "NL", "CA", "AU", "IN");
    var first = faker.Random.Double() < 0.25 ? faker.PickRandom(nicknames.Keys.ToArray()) : faker.Name.FirstName();
    var last = faker.Name.LastName();
    var company = faker.Company.CompanyName(0);
    var hard = previous is null ? 1.0 : faker.Random.Double();
    if (hard < 0.03)
    {
        // A colleague or relative of the previous person: same last name and company, another first name.
        (last, company) = (previous!.Value.Last, previous.Value.Company);
        while (string.Equals(first, previous.Value.First, StringComparison.Ordinal))
        {
            first = faker.Name.FirstName();
        }
    }
    else if (hard < 0.05)
    {
        // A namesake: the previous person's name, at another company.
        (first, last) = (previous!.Value.First, previous.Value.Last);
    }

    previous = (first, last, company);
    var domain = faker.Random.Double() < 0.3 ? faker.PickRandom("gmail.com", "outlook.com", "yahoo.com") : SampleText.Slug(company) + ".example";
    var local = faker.PickRandom($"{first}.{last}", $"{first[0]}{last}", $"{first}{last[0]}").ToLowerInvariant().Replace("'", string.Empty, StringComparison.Ordinal);
    var email = $"{local}@{domain}";
    for (var n = 2; !emails.Add(email); n++)
    {
        email = $"{local}{n}@{domain}";
    }

    var phone = country == "US"
        ? $"({faker.PickRandom(usAreaCodes)}) {faker.Random.Int(200, 999)}-{faker.Random.Int(1000, 9999)}"
        : SampleText.ValidNumber(country, callingCodes[country], faker.Random.Long(100_000_000, 999_999_999));
    var title = faker.Name.JobTitle();

    // A journey: interest or trial first, then perhaps further stages on the same offer, perhaps another offer.
    var offer = faker.PickRandom(offers);
    var at = start.AddMinutes(faker.Random.Int(0, (int)(end - start).TotalMinutes));
    var steps = new List<(string Source, string Action)>
    {
        faker.Random.WeightedRandom([("AppSource", "PLT"), ("AzureMarketplace", "PLT"), ("AzureMarketplace", "StartTestDrive")], [0.5f, 0.3f, 0.2f]),
    };
    if (faker.Random.Double() < 0.45) { steps.Add(("AzureMarketplace", "StartTestDrive")); }
    if (faker.Random.Double() < 0.35) { steps.Add(faker.Random.Bool() ? ("AzureMarketplace", "INS") : ("AzurePortal", "Create")); }
    if (faker.Random.Double() < 0.03) { steps.Add(("AppSource", "DNC")); }
    var isRecent = recent.Count < Recent && faker.Random.Double() < 0.15;
    for (var i = 0; i < steps.Count; i++)
    {
        if (i > 0 && faker.Random.Double() < 0.15)
        {
            offer = faker.PickRandom(offers);
        }

        var (source, action) = steps[i];
        string? firstName = first, lastName = last, mail = email, tel = phone, org = company, place = country;
        if (i > 0)
        {
            // The same person, typed differently: what de-duplication has to see through.
            if (Chance(0.2)) { mail = mail.ToUpperInvariant(); }
            if (nicknames.TryGetValue(first, out var nick) && Chance(0.5)) { firstName = nick; }
            if (Chance(0.25)) { org += faker.PickRandom(", Inc.", " Ltd", " LLC", " GmbH"); }
            if (Chance(0.15)) { place = place == "US" ? faker.PickRandom("USA", "United States") : place; }
            if (Chance(0.1)) { tel = null; }
            if (Chance(0.05)) { org = null; }
        }

        var leadSource = $"{source}-{action} | {offer.Id}";
        var customer = new CustomerInfo { FirstName = firstName, LastName = lastName, Email = mail, Phone = tel, Country = place, Company = org, Title = title };
        var description = action == "PLT" && Chance(0.4) ? faker.PickRandom("Please contact me about pricing.", "Interested in a demo for our team.", "Does it support single sign-on?", "We need this for 200 seats.") : null;
        var lead = SampleText.HttpsLead(leadSource, LeadSource.Parse(leadSource), action, offer.Title, description, customer, at);
        if (!ids.Add(lead.Id))
        {
            continue;
        }

        (isRecent ? recent : history).Add(lead);
        at = at.AddHours(faker.Random.Int(6, 24 * 21));
    }
}

history.Sort(static (a, b) => a.ReceivedAt.CompareTo(b.ReceivedAt));
var toCsv = history.Where(_ => Chance(0.2)).ToHashSet();
var replayed = history.Where(lead => !toCsv.Contains(lead)).Take(40).ToList();
var jsonl = history.Where(lead => !toCsv.Contains(lead)).ToList();
var csv = history.Where(toCsv.Contains).Concat(replayed).OrderBy(static lead => lead.ReceivedAt).ToList();
for (var i = 0; i < 3; i++)
{
    var ticks = 638_950_000_000_000_000L + (i * 1_234_567_891L);
    var offer = offers[i];
    var customer = new CustomerInfo
    {
        FirstName = $"MSFT_TEST_{ticks}", LastName = $"MSFT_TEST_{ticks}", Email = $"MSFT_TEST_{ticks}@test.com",
        Phone = "1234567890", Country = "US", Company = $"MSFT_TEST_{ticks}", Title = $"MSFT_TEST_{ticks}",
    };
    var leadSource = $"AzureMarketplace-INS | {offer.Id}";
    recent.Add(new Lead
    {
        Id = LeadId.FromContent(leadSource, "INS", offer.Title, null, customer),
        LeadSource = LeadSource.Parse(leadSource),
        LeadSourceText = leadSource,
        ActionCode = "INS",
        OfferTitle = offer.Title,
        Customer = customer,
        Channel = LeadChannel.HttpsEndpoint,
    });
}

await using (var stream = File.Create(Path.Combine(output, "marketplace-leads-2026.jsonl")))
{
    await LeadJsonLines.WriteAsync(stream, jsonl);
}

await using (var stream = File.Create(Path.Combine(output, "partner-center-export.csv")))
{
    // A file programs read back (the import): values as they are, not neutralised for a spreadsheet.
    await LeadCsv.WriteAsync(stream, csv, new LeadCsvWriteOptions { NeutralizeFormulas = false });
}

await using (var stream = File.Create(Path.Combine(output, "https-endpoint-payloads.json")))
{
    await using var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
    writer.WriteStartArray();
    foreach (var lead in recent)
    {
        LeadHttpsPayload.Write(writer, lead);
    }

    writer.WriteEndArray();
}

Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"{jsonl.Count} + {csv.Count} ({replayed.Count} replayed) + {recent.Count} leads ({jsonl.Count + csv.Count - replayed.Count + recent.Count} distinct) from {People} people written to {output}"));
return 0;

bool Chance(double probability) => faker.Random.Double() < probability;

/// <summary>Text helpers both sets share.</summary>
internal static class SampleText
{
    /// <summary>Builds a lead as the HTTPS endpoint receives it (id from its content), for both the committed and the scaled sets.</summary>
    public static Lead HttpsLead(string leadSource, LeadSource parsed, string action, string offerTitle, string? description, CustomerInfo customer, DateTimeOffset at) => new()
    {
        Id = LeadId.FromContent(leadSource, action, offerTitle, description, customer),
        LeadSource = parsed,
        LeadSourceText = leadSource,
        ActionCode = action,
        OfferTitle = offerTitle,
        Description = description,
        Customer = customer,
        ReceivedAt = at,
        Channel = LeadChannel.HttpsEndpoint,
    };

    private static readonly Dictionary<string, string> Nationals = new(StringComparer.Ordinal);

    /// <summary>Gets a domain label for a company name: its ASCII letters and digits, lower case.</summary>
    /// <param name="company">The company name.</param>
    /// <returns>The label (<c>company</c> when nothing is left).</returns>
    public static string Slug(string company) =>
        new string(company.ToLower(CultureInfo.InvariantCulture).Where(char.IsAsciiLetterOrDigit).ToArray()) is { Length: > 0 } slug ? slug : "company";

    /// <summary>
    /// Makes a number the country's numbering plan allows (libphonenumber's example mobile number with its last digits
    /// taken from the random draw), so the sample sets carry no invalid phones.
    /// </summary>
    /// <param name="region">The country (ISO 3166 alpha-2).</param>
    /// <param name="callingCode">The country calling code.</param>
    /// <param name="draw">The random draw the last digits come from.</param>
    /// <returns>The number in international format.</returns>
    public static string ValidNumber(string region, string callingCode, long draw)
    {
        var util = PhoneNumbers.PhoneNumberUtil.GetInstance();
        if (!Nationals.TryGetValue(region, out var national))
        {
            var example = util.GetExampleNumberForType(region, PhoneNumbers.PhoneNumberType.MOBILE) ?? util.GetExampleNumber(region);
            national = example is null ? string.Empty : util.GetNationalSignificantNumber(example);
            Nationals[region] = national;
        }

        for (var attempt = 0; attempt < 1000 && national.Length > 4; attempt++)
        {
            var keep = national.Length - Math.Min(6, national.Length - 3);
            var tail = ((draw + attempt) % (long)Math.Pow(10, national.Length - keep)).ToString(CultureInfo.InvariantCulture).PadLeft(national.Length - keep, '0');
            var candidate = util.Parse("+" + callingCode + national[..keep] + tail, region);
            if (util.IsValidNumber(candidate))
            {
                return util.Format(candidate, PhoneNumbers.PhoneNumberFormat.INTERNATIONAL);
            }
        }

        return $"+{callingCode} {draw}";
    }

    /// <summary>Folds a name to the ASCII a mailbox is made of: accents dropped, <c>ß</c> as <c>ss</c>, other letters left out.</summary>
    /// <param name="text">The name.</param>
    /// <returns>The ASCII letters, lower case.</returns>
    public static string Fold(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            if (char.IsAsciiLetter(c))
            {
                builder.Append(char.ToLowerInvariant(c));
            }
            else if (c == 'ß')
            {
                builder.Append("ss");
            }
        }

        return builder.ToString();
    }
}

/// <summary>
/// A sample set of any size (<c>--people N</c>), seeded (<c>--seed S</c>): the same files for the same N and S. People come
/// alone or in groups that make de-duplication hard (colleagues at one company, some sharing its switchboard number or a
/// last name; households sharing a phone; namesakes elsewhere); each has one to four leads (contact me, test drive,
/// create or install, now and then do-not-contact), the later ones typed differently (case, nicknames, company suffixes,
/// country names, typos, phone formats, missing phone or company). Names come from the people's country's Bogus
/// locales, pooled with its neighbours' where they are small (first × last names; two surnames in Spain, prefixes in
/// the Netherlands, some double-barrelled); mailboxes get a number when taken, so every person's e-mail address is
/// their own. Leads are written in time order as they fall due: only the journeys in flight are held (a
/// queue of a few percent of the leads) and a 64-bit hash per mailbox and per phone number (drawn again when taken, so
/// that only switchboards and households share a number).
/// </summary>
internal sealed class ScaledSampleSet
{
    private const int TestLeadsPer = 50_000;

    /// <summary>The Bogus locales each country's names come from: its own and, where its pools are small, its neighbours'.</summary>
    private static readonly Dictionary<string, string[]> Locales = new(StringComparer.Ordinal)
    {
        ["US"] = ["en", "en_AU"], ["GB"] = ["en", "en_AU"], ["DE"] = ["de", "de_CH"], ["ES"] = ["es", "es_MX"], ["FR"] = ["fr", "fr_CH"], ["NL"] = ["nl", "nl_BE"],
        ["CA"] = ["en", "en_AU", "fr"], ["AU"] = ["en_AU", "en"], ["IN"] = ["en_IND"],
    };

    private static readonly string[] Sectors =
    [
        "Analytics", "Logistics", "Systems", "Consulting", "Health", "Media", "Partners", "Labs", "Energy", "Foods", "Legal", "Software", "Retail",
        "Capital", "Engineering", "Design", "Solutions", "Holdings", "Digital", "Travel", "Construction", "Pharma", "Telecom", "Insurance",
        "Motors", "Textiles", "Print", "Security", "Robotics", "Bank", "Hotels", "Farms", "Marine", "Aviation", "Studios", "Learning",
    ];

    private static readonly Dictionary<string, string[]> FreeMail = new(StringComparer.Ordinal)
    {
        ["US"] = ["gmail.com", "outlook.com", "yahoo.com", "hotmail.com", "icloud.com"],
        ["GB"] = ["gmail.com", "outlook.com", "hotmail.co.uk", "btinternet.com"],
        ["DE"] = ["gmail.com", "web.de", "gmx.de", "t-online.de"],
        ["ES"] = ["gmail.com", "hotmail.es", "yahoo.es"],
        ["FR"] = ["gmail.com", "orange.fr", "free.fr", "laposte.net"],
        ["NL"] = ["gmail.com", "outlook.com", "ziggo.nl"],
        ["CA"] = ["gmail.com", "outlook.com", "yahoo.ca"],
        ["AU"] = ["gmail.com", "outlook.com", "bigpond.com"],
        ["IN"] = ["gmail.com", "outlook.com", "yahoo.co.in", "rediffmail.com"],
    };

    private static readonly Dictionary<string, string[]> CompanySuffixes = new(StringComparer.Ordinal)
    {
        ["US"] = ["Inc", "LLC", "Group", "and Sons", "Corp"], ["GB"] = ["Ltd", "plc", "Group"], ["DE"] = ["GmbH", "AG", "KG"],
        ["ES"] = ["S.L.", "S.A."], ["FR"] = ["SARL", "SA", "SAS"], ["NL"] = ["B.V.", "N.V."], ["CA"] = ["Inc", "Ltd", "Corp"],
        ["AU"] = ["Pty Ltd", "Group"], ["IN"] = ["Pvt Ltd", "Ltd"],
    };

    private static readonly Dictionary<string, string[]> CountryNames = new(StringComparer.Ordinal)
    {
        ["US"] = ["USA", "United States"], ["GB"] = ["United Kingdom", "UK"], ["DE"] = ["Germany"], ["ES"] = ["Spain"], ["FR"] = ["France"],
        ["NL"] = ["Netherlands"], ["CA"] = ["Canada"], ["AU"] = ["Australia"], ["IN"] = ["India"],
    };

    private static readonly string[] Countries = ["US", "US", "US", "US", "GB", "DE", "ES", "FR", "NL", "CA", "AU", "IN"];
    private static readonly string[] Descriptions = ["Please contact me about pricing.", "Interested in a demo for our team.", "Does it support single sign-on?", "We need this for 200 seats."];

    private readonly Randomizer _random;
    private readonly Dictionary<string, (string[] First, string[] Last, string[] Prefixes)> _names = new(StringComparer.Ordinal);
    private readonly Faker _faker;
    private readonly HashSet<ulong> _mailboxes = [];
    private readonly HashSet<ulong> _phones = [];
    private readonly HashSet<LeadId> _personIds = [];
    private readonly Dictionary<string, LeadSource> _sources = new(StringComparer.Ordinal);
    private readonly PriorityQueue<(Lead Lead, bool Csv, bool Replay), (long Ticks, long Sequence)> _due = new();
    private readonly (string Id, string Title)[] _offers;
    private readonly string[] _usAreaCodes;
    private readonly Dictionary<string, string> _nicknames;
    private readonly string[] _nicknamed;
    private readonly Dictionary<string, string> _callingCodes;
    private readonly Writers _writers;
    private long _sequence;
    private int _peakDue;

    private ScaledSampleSet(int seed, (string Id, string Title)[] offers, string[] usAreaCodes, Dictionary<string, string> nicknames, Dictionary<string, string> callingCodes, Writers writers)
    {
        _random = new Randomizer(seed);
        _faker = new Faker("en") { Random = _random };
        foreach (var (country, locales) in Locales)
        {
            _names[country] = (Pool(locales, "first_name", "male_first_name", "female_first_name"), Pool(locales, "last_name"), Pool(locales, "tussenvoegsel"));
        }

        _offers = offers;
        _usAreaCodes = usAreaCodes;
        _nicknames = nicknames;
        _nicknamed = [.. nicknames.Keys];
        _callingCodes = callingCodes;
        _writers = writers;
    }

    /// <summary>Parses the options, writes the set and prints what it wrote.</summary>
    /// <param name="args">The command line.</param>
    /// <param name="defaultSeed">The seed when <c>--seed</c> is not given.</param>
    /// <param name="start">When the history starts.</param>
    /// <param name="end">When the people stop arriving.</param>
    /// <param name="offers">The offers (id, title).</param>
    /// <param name="usAreaCodes">The US area codes phones are made with.</param>
    /// <param name="nicknames">First names and their nicknames.</param>
    /// <param name="callingCodes">The country calling codes outside North America.</param>
    /// <returns>The exit code: 0, or 2 for a bad command line.</returns>
    public static async Task<int> RunAsync(string[] args, int defaultSeed, DateTimeOffset start, DateTimeOffset end, (string Id, string Title)[] offers, string[] usAreaCodes, Dictionary<string, string> nicknames, Dictionary<string, string> callingCodes)
    {
        int people = 1_500, seed = defaultSeed;
        var output = Path.Combine("artifacts", "sample-leads");
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            var ok = args[i] switch
            {
                "--people" => int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out people) && people > 0,
                "--seed" => int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out seed),
                "--out" => (output = value ?? string.Empty).Length > 0,
                _ => false,
            };
            if (!ok)
            {
                await Console.Error.WriteLineAsync(
                    $"generate-sample-leads: '{args[i]}{(value is null ? string.Empty : " " + value)}' is not understood. " +
                    "Usage: dotnet run eng/generate-sample-leads.cs [-- --people N (a whole number, at least 1) [--seed S (a whole number)] [--out DIR]]");
                return 2;
            }

            i++;
        }

        var clock = System.Diagnostics.Stopwatch.StartNew();
        Directory.CreateDirectory(output);
        await using var writers = new Writers(output);
        var set = new ScaledSampleSet(seed, offers, usAreaCodes, nicknames, callingCodes, writers);
        set.Generate(people, start, end);
        var (jsonl, csv, replayed, https) = (writers.JsonLines, writers.Csv, writers.Replayed, writers.Https);
        await writers.DisposeAsync();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{jsonl} + {csv} ({replayed} replayed) + {https} leads ({jsonl + csv - replayed + https} distinct) from {people} people (seed {seed}) written to {output} in {clock.Elapsed.TotalSeconds:0.0} s; at most {set._peakDue} leads in flight"));
        return 0;
    }

    private void Generate(int people, DateTimeOffset start, DateTimeOffset end)
    {
        var span = (end - start).Ticks;
        var person = 0;
        while (person < people)
        {
            // A group of people who arrive together: what makes telling people apart hard.
            var draw = _random.Double();
            var size = Math.Min(people - person, draw switch
            {
                < 0.06 => _random.Int(2, 6), // colleagues
                < 0.10 => 2, // a household, or namesakes
                _ => 1,
            });
            var country = _random.ArrayElement(Countries);
            var company = NewCompany(country);
            var switchboard = size > 1 && draw < 0.06 && Chance(0.4) ? NewPhone(country) : null;
            var household = draw is >= 0.06 and < 0.085;
            Person? first = null;
            for (var member = 0; member < size; member++, person++)
            {
                var arrival = start.AddTicks(span / people * person);
                Flush(arrival.UtcTicks);
                Person someone;
                if (first is null)
                {
                    someone = NewPerson(country, company, household ? null : switchboard);
                    first = someone;
                }
                else if (household)
                {
                    // Same last name and home phone, another first name, a mailbox of their own.
                    someone = NewPerson(country, NewCompany(country), first.Phone, first.Last, avoidFirst: first.First, freeMail: true);
                }
                else if (draw >= 0.085 && draw < 0.10)
                {
                    // A namesake: the first person's name, at another company, perhaps in another country.
                    var elsewhere = Chance(0.5) ? country : _random.ArrayElement(Countries);
                    someone = NewPerson(elsewhere, NewCompany(elsewhere), null, first.Last, sameFirst: first.First);
                }
                else
                {
                    // A colleague: the same company (and switchboard, when it has one), now and then the same last name.
                    someone = NewPerson(country, company, switchboard, Chance(0.25) ? first.Last : null, avoidFirst: first.First);
                }

                Journey(someone, arrival.AddMinutes(_random.Int(0, 3 * 24 * 60)));
            }
        }

        Flush(long.MaxValue);
        for (var i = 0; i < 3 + (people / TestLeadsPer); i++)
        {
            _writers.WriteHttps(TestLead(i));
        }
    }

    private Person NewPerson(string country, Company company, string? phone, string? last = null, string? avoidFirst = null, string? sameFirst = null, bool freeMail = false)
    {
        var names = _names[country];
        var first = sameFirst ?? (country is "US" or "GB" or "CA" or "AU" && Chance(0.1) ? _random.ArrayElement(_nicknamed) : _random.ArrayElement(names.First));
        while (sameFirst is null && string.Equals(first, avoidFirst, StringComparison.Ordinal))
        {
            first = _random.ArrayElement(names.First);
        }

        last ??= LastName(country);
        var domain = freeMail || Chance(0.3) ? _random.ArrayElement(FreeMail[country]) : company.Domain;
        var (f, l) = (SampleText.Fold(first), SampleText.Fold(last));
        if (f.Length == 0 || l.Length == 0)
        {
            (f, l) = (f.Length == 0 ? "contact" : f, l.Length == 0 ? "contact" : l);
        }

        var local = _random.Int(0, 3) switch
        {
            0 => $"{f}.{l}",
            1 => $"{f[0]}{l}",
            2 => $"{f}{l[0]}",
            _ => $"{f}_{l}",
        };
        var email = $"{local}@{domain}";
        for (var n = 2; !_mailboxes.Add(Hash(email)); n++)
        {
            email = string.Create(CultureInfo.InvariantCulture, $"{local}{n}@{domain}");
        }

        return new Person(first, last, email, phone ?? NewPhone(country), company.Name, country, _faker.Name.JobTitle());
    }

    /// <summary>
    /// A last name as the country writes them: Spanish people carry two, the Dutch a prefix now and then (<c>van der</c>),
    /// and anyone may be double-barrelled.
    /// </summary>
    private string LastName(string country)
    {
        var names = _names[country];
        var last = _random.ArrayElement(names.Last);
        if (country == "ES" || Chance(country == "FR" ? 0.1 : 0.04))
        {
            last += (country == "ES" ? " " : "-") + _random.ArrayElement(names.Last);
        }
        else if (names.Prefixes.Length > 0 && Chance(0.3))
        {
            last = _random.ArrayElement(names.Prefixes) + " " + last;
        }

        return last;
    }

    private Company NewCompany(string country)
    {
        var last = _names[country].Last;
        var name = _random.Int(0, 5) switch
        {
            0 => $"{_random.ArrayElement(last)} {_random.ArrayElement(CompanySuffixes[country])}",
            1 or 2 => $"{_random.ArrayElement(last)}-{_random.ArrayElement(last)}",
            3 => $"{_random.ArrayElement(last)}, {_random.ArrayElement(last)} and {_random.ArrayElement(last)}",
            _ => $"{_random.ArrayElement(last)} {_random.ArrayElement(Sectors)} {_random.ArrayElement(CompanySuffixes[country])}",
        };
        return new Company(name, SampleText.Slug(SampleText.Fold(name)) + ".example");
    }

    /// <summary>The distinct names under <paramref name="paths"/> of Bogus's <c>name</c> data in <paramref name="locales"/>, in a fixed order.</summary>
    private static string[] Pool(string[] locales, params string[] paths)
    {
        var pool = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var locale in locales)
        {
            foreach (var path in paths)
            {
                if (Database.HasKey("name", path, locale, null) && Database.Get("name", path, locale, null) is Bogus.Bson.BArray values)
                {
                    foreach (Bogus.Bson.BValue value in values)
                    {
                        pool.Add(value.StringValue);
                    }
                }
            }
        }

        return [.. pool];
    }

    /// <summary>A phone number of the person's own: one already given is drawn again (a few times), so that only switchboards and households share one.</summary>
    private string NewPhone(string country)
    {
        for (var attempt = 0; ; attempt++)
        {
            var phone = country == "US"
                ? $"({_random.ArrayElement(_usAreaCodes)}) {_random.Int(200, 999)}-{_random.Int(1000, 9999)}"
                : SampleText.ValidNumber(country, _callingCodes[country], _random.Long(100_000_000, 999_999_999));
            if (_phones.Add(Hash(phone)) || attempt == 20)
            {
                return phone;
            }
        }
    }

    /// <summary>One person's leads: interest or trial first, then perhaps further stages, perhaps on another offer; the later ones typed differently.</summary>
    private void Journey(Person person, DateTimeOffset at)
    {
        var offer = _random.ArrayElement(_offers);
        var steps = new (string Source, string Action)[4];
        var count = 0;
        steps[count++] = _random.WeightedRandom([("AppSource", "PLT"), ("AzureMarketplace", "PLT"), ("AzureMarketplace", "StartTestDrive")], [0.5f, 0.3f, 0.2f]);
        if (Chance(0.45)) { steps[count++] = ("AzureMarketplace", "StartTestDrive"); }
        if (Chance(0.35)) { steps[count++] = _random.Bool() ? ("AzureMarketplace", "INS") : ("AzurePortal", "Create"); }
        if (Chance(0.03)) { steps[count++] = ("AppSource", "DNC"); }
        var recent = Chance(0.05);
        _personIds.Clear();
        for (var i = 0; i < count; i++)
        {
            if (i > 0 && Chance(0.15))
            {
                offer = _random.ArrayElement(_offers);
            }

            var (source, action) = steps[i];
            string? firstName = person.First, lastName = person.Last, mail = person.Email, tel = person.Phone, org = person.Company, place = person.Country;
            if (i > 0)
            {
                // The same person, typed differently: what de-duplication has to see through.
                if (Chance(0.2)) { mail = mail.ToUpperInvariant(); }
                if (_nicknames.TryGetValue(person.First, out var nick) && Chance(0.5)) { firstName = nick; }
                if (Chance(0.25)) { org += _random.ArrayElement([", Inc.", " Ltd", " LLC", " GmbH"]); }
                if (Chance(0.15)) { place = _random.ArrayElement(CountryNames[person.Country]); }
                if (Chance(0.04)) { lastName = Typo(lastName); }
                if (Chance(0.01)) { (firstName, lastName) = (lastName, firstName); }
                if (Chance(0.08)) { tel = new string(tel.Where(static c => char.IsAsciiDigit(c) || c == '+').ToArray()); }
                if (Chance(0.1)) { tel = null; }
                if (Chance(0.05)) { org = null; }
            }

            var leadSource = $"{source}-{action} | {offer.Id}";
            if (!_sources.TryGetValue(leadSource, out var parsed))
            {
                parsed = LeadSource.Parse(leadSource);
                _sources[leadSource] = parsed;
            }

            var customer = new CustomerInfo { FirstName = firstName, LastName = lastName, Email = mail, Phone = tel, Country = place, Company = org, Title = person.Title };
            var description = action == "PLT" && Chance(0.4) ? _random.ArrayElement(Descriptions) : null;
            var lead = SampleText.HttpsLead(leadSource, parsed, action, offer.Title, description, customer, at);
            if (_personIds.Add(lead.Id))
            {
                if (recent)
                {
                    // Received over HTTPS lately: no time, received when imported.
                    _writers.WriteHttps(lead);
                }
                else
                {
                    var csv = Chance(0.2);
                    _due.Enqueue((lead, csv, !csv && Chance(0.015)), (at.UtcTicks, _sequence++));
                    _peakDue = Math.Max(_peakDue, _due.Count);
                }
            }

            at = at.AddHours(_random.Int(6, 24 * 21));
        }
    }

    /// <summary>Writes the leads due before <paramref name="ticks"/>, oldest first.</summary>
    private void Flush(long ticks)
    {
        while (_due.TryPeek(out var due, out var when) && when.Ticks < ticks)
        {
            _due.Dequeue();
            _writers.Write(due.Lead, due.Csv, due.Replay);
        }
    }

    private Lead TestLead(int i)
    {
        var ticks = 638_950_000_000_000_000L + (i * 1_234_567_891L);
        var offer = _offers[i % _offers.Length];
        var customer = new CustomerInfo
        {
            FirstName = $"MSFT_TEST_{ticks}", LastName = $"MSFT_TEST_{ticks}", Email = $"MSFT_TEST_{ticks}@test.com",
            Phone = "1234567890", Country = "US", Company = $"MSFT_TEST_{ticks}", Title = $"MSFT_TEST_{ticks}",
        };
        var leadSource = $"AzureMarketplace-INS | {offer.Id}";
        return new Lead
        {
            Id = LeadId.FromContent(leadSource, "INS", offer.Title, null, customer),
            LeadSource = LeadSource.Parse(leadSource),
            LeadSourceText = leadSource,
            ActionCode = "INS",
            OfferTitle = offer.Title,
            Customer = customer,
            Channel = LeadChannel.HttpsEndpoint,
        };
    }

    /// <summary>Swaps two neighbouring letters, or doubles one: a slip of the finger.</summary>
    private string Typo(string? text)
    {
        if (text is not { Length: > 3 })
        {
            return text ?? string.Empty;
        }

        var at = _random.Int(1, text.Length - 2);
        return _random.Bool()
            ? string.Concat(text.AsSpan(0, at), text.AsSpan(at + 1, 1), text.AsSpan(at, 1), text.AsSpan(at + 2))
            : text.Insert(at, text[at].ToString());
    }

    private bool Chance(double probability) => _random.Double() < probability;

    /// <summary>FNV-1a over the lower-case text: the same on every run and machine (string hashes are not).</summary>
    private static ulong Hash(string text)
    {
        var hash = 14_695_981_039_346_656_037UL;
        foreach (var c in text)
        {
            hash = (hash ^ char.ToLowerInvariant(c)) * 1_099_511_628_211UL;
        }

        return hash;
    }

    private sealed record Person(string First, string Last, string Email, string Phone, string Company, string Country, string Title);

    private sealed record Company(string Name, string Domain);

    /// <summary>The three files, written as the leads fall due.</summary>
    private sealed class Writers : IAsyncDisposable
    {
        private static readonly LeadCsvWriteOptions Raw = new() { NeutralizeFormulas = false };
        private readonly FileStream _jsonlStream;
        private readonly ArrayBufferWriter<byte> _line = new(4096);
        private readonly Utf8JsonWriter _jsonl;
        private readonly StreamWriter _csv;
        private readonly FileStream _httpsStream;
        private readonly Utf8JsonWriter _https;
        private bool _disposed;

        public Writers(string folder)
        {
            _jsonlStream = new FileStream(Path.Combine(folder, "marketplace-leads.jsonl"), FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 16);
            _jsonl = new Utf8JsonWriter(_line, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
            _csv = new StreamWriter(Path.Combine(folder, "partner-center-export.csv"), false, new UTF8Encoding(false), 1 << 16) { NewLine = "\n" };
            _csv.WriteLine(LeadCsv.Header);
            _httpsStream = new FileStream(Path.Combine(folder, "https-endpoint-payloads.json"), FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 16);
            _https = new Utf8JsonWriter(_httpsStream, new JsonWriterOptions { Indented = true });
            _https.WriteStartArray();
        }

        public long JsonLines { get; private set; }

        public long Csv { get; private set; }

        public long Replayed { get; private set; }

        public long Https { get; private set; }

        public void Write(Lead lead, bool csv, bool replay)
        {
            if (csv || replay)
            {
                _csv.WriteLine(LeadCsv.FormatRecord(lead, Raw));
                Csv++;
                Replayed += replay ? 1 : 0;
            }

            if (!csv)
            {
                _line.ResetWrittenCount();
                _jsonl.Reset(_line);
                LeadJsonLines.Write(_jsonl, lead);
                _jsonl.Flush();
                _line.Write("\n"u8);
                _jsonlStream.Write(_line.WrittenSpan);
                JsonLines++;
            }
        }

        public void WriteHttps(Lead lead)
        {
            LeadHttpsPayload.Write(_https, lead);
            if (++Https % 1024 == 0)
            {
                _https.Flush();
            }
        }

        public async ValueTask DisposeAsync()
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _https.WriteEndArray();
            await _https.DisposeAsync();
            await _httpsStream.DisposeAsync();
            await _jsonl.DisposeAsync();
            await _jsonlStream.DisposeAsync();
            await _csv.DisposeAsync();
        }
    }
}
