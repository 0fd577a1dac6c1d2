#:package Bogus
#:project ../src/MarketplaceLeads/MarketplaceLeads.csproj
#:property PublishAot=false
#:property GenerateDocumentationFile=true
// Generates the synthetic sample lead set in samples/leads/ (the README's first command imports it).
// Run from the repository root:
//   dotnet run eng/generate-sample-leads.cs
// The seed is fixed, so the files are the same on every run. Everything in them is made up by Bogus:
// no real person, company, e-mail address or phone number.
//
// samples/leads/marketplace-leads-2026.jsonl  ~80 % of the history, JSON Lines (schema marketplace-leads/lead@1)
// samples/leads/partner-center-export.csv     ~20 % of the history plus 40 rows also in the .jsonl (a replayed export)
// samples/leads/https-endpoint-payloads.json  the newest leads as the marketplace POSTs them (an array; no times, so
//                                             they are received when imported) and three MSFT_TEST_ validation leads
using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using Bogus;
using MarketplaceLeads;

const int Seed = 20260105;
const int People = 1_500;
const int Recent = 150;
var start = new DateTimeOffset(2026, 1, 5, 8, 0, 0, TimeSpan.Zero);
var end = new DateTimeOffset(2026, 10, 30, 18, 0, 0, TimeSpan.Zero);
var output = Path.Combine("samples", "leads");
Directory.CreateDirectory(output);

var faker = new Faker("en") { Random = new Randomizer(Seed) };
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
    var domain = faker.Random.Double() < 0.3 ? faker.PickRandom("gmail.com", "outlook.com", "yahoo.com") : Slug(company) + ".example";
    var local = faker.PickRandom($"{first}.{last}", $"{first[0]}{last}", $"{first}{last[0]}").ToLowerInvariant().Replace("'", string.Empty, StringComparison.Ordinal);
    var email = $"{local}@{domain}";
    for (var n = 2; !emails.Add(email); n++)
    {
        email = $"{local}{n}@{domain}";
    }

    var phone = country == "US"
        ? $"({faker.PickRandom(usAreaCodes)}) {faker.Random.Int(200, 999)}-{faker.Random.Int(1000, 9999)}"
        : ValidNumber(country, callingCodes[country], faker.Random.Long(100_000_000, 999_999_999));
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
        var lead = new Lead
        {
            Id = LeadId.FromContent(leadSource, action, offer.Title, description, customer),
            LeadSource = LeadSource.Parse(leadSource),
            LeadSourceText = leadSource,
            ActionCode = action,
            OfferTitle = offer.Title,
            Description = description,
            Customer = customer,
            ReceivedAt = at,
            Channel = LeadChannel.HttpsEndpoint,
        };
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

static string Slug(string company) =>
    new string(company.ToLower(CultureInfo.InvariantCulture).Where(char.IsAsciiLetterOrDigit).ToArray()) is { Length: > 0 } slug ? slug : "company";

// A number the country's numbering plan allows (libphonenumber's example mobile number with its last digits taken from
// the random draw), so the sample set carries no invalid phones: the draw is the same as before, only its use changed.
static string ValidNumber(string region, string callingCode, long draw)
{
    var util = PhoneNumbers.PhoneNumberUtil.GetInstance();
    var example = util.GetExampleNumberForType(region, PhoneNumbers.PhoneNumberType.MOBILE) ?? util.GetExampleNumber(region);
    var national = example is null ? string.Empty : util.GetNationalSignificantNumber(example);
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
