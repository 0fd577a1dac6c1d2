using System;
using System.Buffers;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace MarketplaceLeads.Testing.Corpora;

/// <summary>An offer of the corpus's publisher, and the lead destination it is configured with.</summary>
/// <param name="Id">The offer id (<c>publisher.offer</c>).</param>
/// <param name="Title">The offer's display name.</param>
/// <param name="Source">Where its leads come from (AppSource, AzureMarketplace).</param>
/// <param name="Actions">The actions a customer can take, in funnel order.</param>
/// <param name="Table">Whether the offer's lead destination is the Azure Table (otherwise the HTTPS endpoint).</param>
/// <param name="Weight">How popular the offer is.</param>
/// <param name="Favoured">Countries where the offer is more popular.</param>
internal sealed record MeridianOffer(string Id, string Title, string Source, string[] Actions, bool Table, int Weight, string[] Favoured);

/// <summary>The publisher's offers.</summary>
internal static class MeridianOffers
{
    public static readonly MeridianOffer[] All =
    [
        new("lotusgrid.lotusgrid-crm-connector", "LotusGrid CRM Connector for Dynamics 365", "AppSource", ["StartTestDrive", "PLT", "INS"], false, 20, []),
        new("lotusgrid.lotusgrid-field-service", "LotusGrid Field Service Mobile", "AppSource", ["StartTestDrive", "PLT", "INS"], false, 14, ["AE", "SA", "AU", "ZA"]),
        new("lotusgrid.lotusgrid-analytics-saas", "LotusGrid Analytics", "AzureMarketplace", ["StartTestDrive", "PLT", "Create"], false, 20, []),
        new("lotusgrid.lotusgrid-secure-gateway", "LotusGrid Secure Gateway (BYOL)", "AzureMarketplace", ["PLT", "Create"], true, 12, ["AE", "SA", "TR", "SG"]),
        new("lotusgrid.lotusgrid-payroll-apac", "LotusGrid Payroll for APAC & Middle East", "AppSource", ["PLT", "INS"], true, 14, ["IN", "SG", "MY", "AE", "SA", "AU", "NZ"]),
        new("lotusgrid.lotusgrid-iot-edge", "LotusGrid IoT Edge Runtime", "AzureMarketplace", ["StartTestDrive", "PLT", "Create"], false, 10, ["CN", "JP", "KR", "VN"]),
        new("lotusgrid.lotusgrid-document-ai", "LotusGrid Document AI", "AppSource", ["PLT", "INS"], false, 10, ["NG", "KE", "IN"]),
    ];

    /// <summary>Picks the offers a person looks at.</summary>
    public static IEnumerable<int> PickOffers(MeridianPerson person, int count, Random random)
    {
        var chosen = new List<int>();
        while (chosen.Count < Math.Min(count, All.Length))
        {
            var offer = random.Weighted([.. All.Select((o, i) => (i, o.Weight * (o.Favoured.Contains(person.Country) ? 3 : 1)))]);
            if (!chosen.Contains(offer))
            {
                chosen.Add(offer);
            }
        }

        return chosen;
    }
}

/// <summary>One lead a person sends: when, for which offer, doing what.</summary>
internal sealed record MeridianEvent(MeridianPerson Person, int Index, DateTimeOffset At, MeridianOffer Offer, string Action);

/// <summary>What the generator made: the labelled leads, and what it could not read.</summary>
/// <param name="Leads">The leads in arrival order.</param>
/// <param name="ReadErrors">The wire records the reader rejected, with the person who sent them.</param>
/// <param name="WireRecords">How many wire records were read (leads plus rejected records).</param>
/// <param name="Redeliveries">How many leads are exact redeliveries of an earlier payload.</param>
/// <param name="Population">The people and companies.</param>
internal sealed record MeridianRun(
    IReadOnlyList<LabelledLead> Leads,
    IReadOnlyList<(string PersonId, LeadReadError Error)> ReadErrors,
    int WireRecords,
    int Redeliveries,
    MeridianPopulation Population);

/// <summary>Plans each person's leads along the fourteen days and writes and reads them the way the marketplace delivers them.</summary>
internal static class MeridianWire
{
    /// <summary>Gets when the corpus's fourteen days start (a Monday).</summary>
    public static readonly DateTimeOffset Start = new(2026, 11, 2, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Gets when they end.</summary>
    public static readonly DateTimeOffset End = Start.AddDays(14);

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private const string LoneSurrogateMarker = "@@LONE-SURROGATE@@";

    private static readonly string[] Notes =
    [
        "Please contact me regarding pricing for {n} users.",
        "We are evaluating {offer} for our {city} office. Please share a quotation.",
        "Kindly share the pricing and implementation timeline.",
        "Interested in a demo next week. Best time to call is after 2pm {city} time.",
        "Need integration with SAP and our existing Dynamics 365 setup.",
        "Pls call back, urgent requirement for {n} licences",
        "Looking for an implementation partner in {country}.",
        "Our procurement team needs a formal proposal by the end of the month.",
        "Can you host the data in {country}? Data residency is mandatory for us.",
        "Following up on my previous request, no one has contacted me yet.",
        "Trial extension requested for {n} days.",
        "We have {n} field technicians across {city}.",
        "Please send the SOC 2 report and your security questionnaire.",
        "Budget approved for FY27, we want to start a pilot with {n} users.",
        "Does it support right-to-left languages and Hijri dates?",
        "Need a quote in local currency with GST / VAT.",
        "Comparing with two other vendors, please share a reference customer in {country}.",
        "Is there an education or non-profit discount?",
        "Please call me on my mobile, email is not checked often.",
        "We are a reseller, interested in partnering for {country}.",
        "Thanks 🙏 waiting for your call",
        "Migrating {n} users from our old system, need help with the data import.",
    ];

    private static readonly string[] Campaigns = ["apac-fy27-h1", "mea-cloud-week", "anz-partner-day", "india-smb-q2", "gulf-digital-2026", "sea-retail", "africa-fintech-summit"];

    private static readonly string[] UtmSources = ["linkedin", "google", "newsletter", "partner", "bing", "webinar", "facebook", "events"];

    /// <summary>Generates the corpus.</summary>
    public static MeridianRun Run(int people, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(people);
        var random = new Random(seed);
        var population = MeridianPopulation.Build(people, random);
        var events = new List<MeridianEvent>();
        foreach (var person in population.People)
        {
            events.AddRange(Plan(person, random));
        }

        var reader = new LeadReader(new LeadReaderOptions { ErrorPolicy = LeadReadErrorPolicy.SkipAndReport, TimeProvider = new FixedTime(Start) });
        var leads = new List<(LabelledLead Lead, long Order)>();
        var errors = new List<(string, LeadReadError)>();
        var ids = new HashSet<LeadId>();
        var records = 0;
        var redeliveries = 0;
        long order = 0;
        foreach (var e in events)
        {
            var person = e.Person;
            var table = e.Offer.Table && !(person.TestLead && random.Chance(0.7));
            var fields = person.TestLead ? null : MeridianForms.Fill(person, e.Index, random);
            var description = Description(e, random);
            var leadSource = person.TestLead ? "AzureMarketplace" : LeadSourceText(e, random);
            for (var attempt = 0; ; attempt++)
            {
                LeadReadResult result;
                DateTimeOffset receivedAt;
                byte[]? payload = null;
                if (table)
                {
                    var createdAt = e.At;
                    receivedAt = createdAt.AddSeconds(20 + random.Next(600));
                    result = reader.ReadTableRow(TableRow(e, fields, leadSource, description, createdAt, random), records);
                }
                else
                {
                    receivedAt = e.At.AddMilliseconds(200 + random.Next(4000));
                    payload = HttpsPayload(e, fields, leadSource, description);
                    result = ReadHttps(reader, payload);
                }

                records++;
                if (!result.IsSuccess)
                {
                    errors.Add((person.Id, result.Error!));
                    break;
                }

                var lead = result.Lead!;
                if (!ids.Add(lead.Id))
                {
                    // Identical content gives an identical id (LeadId.FromContent): the person sent the very same
                    // form again. Give it what real forms differ by, a campaign parameter, and read it again.
                    records--;
                    description = CampaignJson(random, unique: true);
                    if (attempt < 5)
                    {
                        continue;
                    }
                }

                leads.Add((new LabelledLead(lead with { ReceivedAt = receivedAt }, person.Id, person.Case), order++));
                if (payload is not null && !person.TestLead && random.Chance(0.012))
                {
                    // The marketplace did not see our answer in time and sends the same payload again.
                    var again = receivedAt;
                    var times = random.Chance(0.15) ? 2 : 1;
                    for (var i = 0; i < times; i++)
                    {
                        again = again.AddSeconds(30 + random.Next(1200));
                        var redelivered = ReadHttps(reader, payload);
                        records++;
                        redeliveries++;
                        leads.Add((new LabelledLead(redelivered.Lead! with { ReceivedAt = again }, person.Id, person.Case), order++));
                    }
                }

                break;
            }
        }

        var ordered = leads.OrderBy(l => l.Lead.Lead.ReceivedAt).ThenBy(l => l.Order).Select(l => l.Lead).ToArray();
        return new MeridianRun(ordered, errors, records, redeliveries, population);
    }

    /// <summary>
    /// Reads an HTTPS payload. A reader that throws instead of returning a <see cref="LeadReadError"/> has lost the
    /// lead (the marketplace never re-sends it); the corpus records that as a rejected record, with the reason.
    /// </summary>
    private static LeadReadResult ReadHttps(LeadReader reader, byte[] payload)
    {
        try
        {
            return reader.ReadHttpsPayload(payload);
        }
        catch (InvalidOperationException ex)
        {
            return new LeadReadResult(new LeadReadError
            {
                Channel = LeadChannel.HttpsEndpoint,
                Reason = "LeadReader.ReadHttpsPayload threw " + nameof(InvalidOperationException) + " (" + ex.Message + ") instead of returning a LeadReadError",
                RawText = Encoding.UTF8.GetString(payload),
            });
        }
    }

    /// <summary>Plans a person's leads: offers and actions in funnel order, times along the fourteen days.</summary>
    private static List<MeridianEvent> Plan(MeridianPerson person, Random random)
    {
        var country = person.TestLead ? MeridianPlaces.Of("SG") : MeridianPlaces.Of(person.Country);
        var total = person.LeadCount + (person.SendsDnc ? 1 : 0);
        var heavy = person.LeadCount >= 10;

        // When: the first lead in the person's working day, the next ones minutes, hours or days later.
        var firstDay = person.Window ?? random.NextDouble() * 13.5;
        var localHour = random.Chance(0.85) ? 8.5 + (random.NextDouble() * 5) + (random.NextDouble() * 5) : 18 + (random.NextDouble() * 5);
        var day = Math.Floor(firstDay);
        if (Start.AddDays(day).DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday && random.Chance(0.7))
        {
            day = Math.Min(13, day + 2);
        }

        var first = Start.AddDays(day).AddHours(localHour) - country.UtcOffset;
        var offsets = new double[total];
        for (var i = 1; i < total; i++)
        {
            var roll = random.NextDouble();
            var gapHours = roll < (heavy ? 0.3 : 0.35) ? (1 + random.Next(25)) / 60.0
                : roll < (heavy ? 0.6 : 0.6) ? 1 + (random.NextDouble() * 5)
                : heavy ? 7 + (random.NextDouble() * 30) : 17 + (random.NextDouble() * 80);
            offsets[i] = offsets[i - 1] + gapHours;
        }

        if (person.SendsDnc)
        {
            // The DNC comes after the last lead: minutes (a mis-click undone) to days later.
            offsets[^1] = offsets[Math.Max(0, total - 2)] + (random.Chance(0.3) ? random.Next(2, 60) / 60.0 : 2 + (random.NextDouble() * 70));
        }

        // Keep everything inside the fourteen days: squeeze a too long span, then move the start earlier.
        var latest = End.AddMinutes(-20);
        var earliest = Start.AddMinutes(5);
        var available = (latest - earliest).TotalHours;
        if (offsets[^1] > available * 0.9)
        {
            var scale = available * (0.6 + (random.NextDouble() * 0.3)) / offsets[^1];
            for (var i = 0; i < total; i++)
            {
                offsets[i] *= scale;
            }
        }

        var span = TimeSpan.FromHours(offsets[^1]);
        if (first + span > latest || first < earliest)
        {
            first = earliest + TimeSpan.FromHours(random.NextDouble() * (available - offsets[^1]));
        }

        // What: offers in the person's interest, actions in funnel order; a DNC last.
        var stage = new Dictionary<int, int>();
        var events = new List<MeridianEvent>(total);
        var offerIndex = person.Offers.Length > 0 ? person.Offers[0] : 0;
        for (var i = 0; i < person.LeadCount; i++)
        {
            if (i > 0 && person.Offers.Length > 1 && random.Chance(0.4))
            {
                offerIndex = random.Pick(person.Offers);
            }

            var offer = MeridianOffers.All[offerIndex];
            string action;
            if (person.TestLead)
            {
                action = "INS";
            }
            else if (person.NoData)
            {
                action = offer.Actions[^1];
            }
            else
            {
                int next;
                if (!stage.TryGetValue(offerIndex, out var current))
                {
                    next = random.Weighted([(0, 35), (1, 45), (2, 20)]);
                }
                else
                {
                    next = current + random.Weighted([(0, 30), (1, 55), (2, 15)]);
                }

                next = Math.Min(next, offer.Actions.Length - 1);
                stage[offerIndex] = next;
                action = offer.Actions[next];
            }

            events.Add(new MeridianEvent(person, i, first.AddHours(offsets[i]), offer, action));
        }

        if (person.SendsDnc)
        {
            events.Add(new MeridianEvent(person, person.LeadCount, first.AddHours(offsets[^1]), events[^1].Offer, "DNC"));
        }

        return events;
    }

    private static string LeadSourceText(MeridianEvent e, Random random)
    {
        var source = e.Action == "Create" && (e.Offer.Table || random.Chance(0.5)) ? "AzurePortal" : e.Offer.Source;
        var separator = source == "AzurePortal" && random.Chance(0.8) ? "|" : " | ";
        return source + "-" + e.Action + separator + e.Offer.Id;
    }

    private static string? Description(MeridianEvent e, Random random)
    {
        var person = e.Person;
        if (person.TestLead || person.NoData)
        {
            return person.NoData && random.Chance(0.5) ? CampaignJson(random, unique: false) : null;
        }

        var roll = random.NextDouble();
        switch (e.Action)
        {
            case "PLT":
                if (roll < 0.6)
                {
                    var note = Note(e, random);
                    if (random.Chance(0.004))
                    {
                        note = note.TrimEnd('.') + " " + LoneSurrogateMarker; // a form that cut an emoji in half
                    }

                    return note;
                }

                return roll < 0.85 ? CampaignJson(random, unique: false) : string.Empty;
            case "DNC":
                return roll < 0.8 ? string.Empty : null;
            case "Create":
                return roll < 0.6 ? null : roll < 0.8 ? string.Empty : CampaignJson(random, unique: false);
            default:
                return roll < 0.45 ? string.Empty : roll < 0.9 ? CampaignJson(random, unique: false) : Note(e, random);
        }
    }

    private static string Note(MeridianEvent e, Random random)
    {
        var country = MeridianPlaces.Of(e.Person.Country);
        var n = random.Pick([5, 10, 12, 20, 25, 40, 50, 75, 100, 150, 200, 250, 300, 500, 800, 1200, 2500]);
        return random.Pick(Notes)
            .Replace("{n}", n.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{offer}", e.Offer.Title, StringComparison.Ordinal)
            .Replace("{city}", e.Person.Office?.City ?? random.Pick(country.Cities), StringComparison.Ordinal)
            .Replace("{country}", country.Names[0], StringComparison.Ordinal);
    }

    private static string CampaignJson(Random random, bool unique)
    {
        var token = MeridianPhones.Digits(random, 6);
        if (unique || random.Chance(0.3))
        {
            return "{\"ocid\":\"AID" + MeridianPhones.Digits(random, 7) + "_SEM_" + Convert.ToHexString(BitConverter.GetBytes(random.NextInt64())).ToLowerInvariant() + "\"}";
        }

        return "{\"utm_source\":\"" + random.Pick(UtmSources) + "\",\"utm_medium\":\"" + random.Pick(["cpc", "email", "social", "referral"])
            + "\",\"utm_campaign\":\"" + random.Pick(Campaigns) + "-" + token[..2] + "\"}";
    }

    /// <summary>Writes the JSON the marketplace POSTs to an HTTPS lead endpoint.</summary>
    private static byte[] HttpsPayload(MeridianEvent e, MeridianFields? fields, string leadSource, string? description)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            if (fields is null)
            {
                // The documented test lead: MSFT_TEST_ and the ticks of the moment in every field.
                var test = "MSFT_TEST_" + e.At.UtcTicks.ToString(CultureInfo.InvariantCulture);
                writer.WriteStartObject("userDetails");
                writer.WriteString("FirstName", test);
                writer.WriteString("LastName", test);
                writer.WriteString("Email", test + "@test.com");
                writer.WriteString("Phone", "1234567890");
                writer.WriteString("Country", "US");
                writer.WriteString("Company", test);
                writer.WriteString("Title", test);
                writer.WriteEndObject();
                writer.WriteString("LeadSource", "AzureMarketplace");
                writer.WriteString("ActionCode", "INS");
                writer.WriteString("OfferTitle", "LotusGrid Test");
                writer.WriteString("Description", test);
                writer.WriteEndObject();
            }
            else
            {
                writer.WriteStartObject("UserDetails");
                WriteCustomer(writer, fields, missingAsNull: false);
                writer.WriteEndObject();
                writer.WriteString("LeadSource", leadSource);
                writer.WriteString("ActionCode", e.Action);
                writer.WriteString("OfferTitle", e.Offer.Title);
                if (description is not null)
                {
                    writer.WriteString("Description", description);
                }

                writer.WriteEndObject();
            }
        }

        var bytes = buffer.WrittenSpan.ToArray();
        return description is not null && description.Contains(LoneSurrogateMarker, StringComparison.Ordinal)
            ? Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(bytes).Replace(LoneSurrogateMarker, "\\ud83d", StringComparison.Ordinal))
            : bytes;
    }

    /// <summary>Writes the entity the marketplace adds to the publisher's Azure Table, as <c>TableEntity</c> exposes it.</summary>
    private static Dictionary<string, object?> TableRow(MeridianEvent e, MeridianFields? fields, string leadSource, string? description, DateTimeOffset createdAt, Random random)
    {
        var customer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(customer))
        {
            writer.WriteStartObject();
            if (fields is null)
            {
                var test = "MSFT_TEST_" + e.At.UtcTicks.ToString(CultureInfo.InvariantCulture);
                fields = new MeridianFields(test, test, test + "@test.com", "1234567890", "US", test, test);
            }

            WriteCustomer(writer, fields, missingAsNull: true);
            writer.WriteEndObject();
        }

        var bytes = new byte[16];
        random.NextBytes(bytes);
        var created = random.Chance(0.9)
            ? createdAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture)
            : createdAt.UtcDateTime.ToString("M/d/yyyy h:mm:ss tt", CultureInfo.InvariantCulture);
        return new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["PartitionKey"] = e.Offer.Id,
            ["RowKey"] = new Guid(bytes).ToString(),
            ["Timestamp"] = createdAt.AddMilliseconds(random.Next(50, 900)),
            ["LeadSource"] = leadSource,
            ["ActionCode"] = e.Person.TestLead ? "INS" : e.Action,
            ["OfferDisplayName"] = e.Offer.Title,
            ["Description"] = (description ?? string.Empty).Replace(LoneSurrogateMarker, "\uFFFD", StringComparison.Ordinal),
            ["CreatedTime"] = created,
            ["CustomerInfo"] = Encoding.UTF8.GetString(customer.WrittenSpan),
        };
    }

    private static void WriteCustomer(Utf8JsonWriter writer, MeridianFields fields, bool missingAsNull)
    {
        Write(writer, "FirstName", fields.FirstName, missingAsNull);
        Write(writer, "LastName", fields.LastName, missingAsNull);
        Write(writer, "Email", fields.Email, missingAsNull);
        Write(writer, "Phone", fields.Phone, missingAsNull);
        Write(writer, "Country", fields.Country, missingAsNull);
        Write(writer, "Company", fields.Company, missingAsNull);
        Write(writer, "Title", fields.Title, missingAsNull);
    }

    private static void Write(Utf8JsonWriter writer, string name, string? value, bool missingAsNull)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
        else if (missingAsNull)
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteString(name, string.Empty);
        }
    }

    /// <summary>A clock that stands still: the reader's own receive time is replaced by the timeline's.</summary>
    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
