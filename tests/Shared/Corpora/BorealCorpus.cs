using System;
using System.Buffers;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace MarketplaceLeads.Testing.Corpora;

/// <summary>
/// The Boreal labelled corpus, built independently of the de-duplication model and of the Atlantic and Meridian corpora, to
/// measure the model on data it was not tuned on. A publisher (Halcyra, six offers) sells to Northern and Eastern Europe,
/// Türkiye, the Arab world, South Asia, Vietnam/Indonesia/the Philippines, Brazil/Portugal, Spain/Latin America and
/// anglophone countries. Each person signs in with one or more accounts (work, personal, a shared mailbox); an account
/// carries the name as that account writes it, so a person's leads mostly repeat one of a few renderings, with occasional
/// per-lead slips. The leads are written as the marketplace delivers them (HTTPS JSON bodies and Azure Table rows) and read
/// with <see cref="LeadReader"/>.
/// </summary>
/// <remarks>
/// Case shares (of people): plain 52.7 %; data-entry noise 10 %; transliteration (scripts, spellings, double surnames,
/// particles) 7 %; initials/patronymics/al- prefixes 3 %; job change 4 %; company renamed 1.5 %; several mailboxes 5 %;
/// colleagues sharing a switchboard or role mailbox 6 %; namesakes 4 %; family (father/son, spouses, siblings) 3 %;
/// co-working desk 2 %; phone-only 2 %; marketplace test leads 0.8 %. About 2.4 leads per person (1–12), 2.5 % also send a
/// DNC lead, about 1 % of HTTPS leads are redelivered, over 84 days.
/// </remarks>
public sealed class BorealCorpus : ILabelledCorpus
{
    /// <summary>Gets when the corpus's timeline starts (a Monday).</summary>
    public static readonly DateTimeOffset Start = new(2027, 1, 4, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Gets how many days the timeline lasts.</summary>
    public const int Days = 84;

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly BorealOffer[] Offers =
    [
        new("halcyra.fieldops-mobile", "Halcyra FieldOps Mobile", "AppSource", ["PLT", "StartTestDrive", "INS"], false, 20, []),
        new("halcyra.invoice-ocr", "Halcyra Invoice OCR", "AzureMarketplace", ["PLT", "Create"], true, 16, ["BR", "MX", "ES", "IN"]),
        new("halcyra.sentinel-connector", "Halcyra Sentinel Connector", "AzureMarketplace", ["StartTestDrive", "Create"], false, 12, ["SE", "NO", "DK", "FI", "PL"]),
        new("halcyra.hr-suite-d365", "Halcyra HR Suite for Dynamics 365", "AppSource", ["PLT", "INS"], true, 18, ["TR", "VN", "ID", "PH"]),
        new("halcyra.edge-gateway-byol", "Halcyra Edge Gateway (BYOL)", "AzureMarketplace", ["Create"], true, 8, []),
        new("halcyra.multilingual-nlp", "Halcyra Multilingual NLP", "AzureMarketplace", ["StartTestDrive", "PLT", "Create"], false, 10, ["AE", "SA", "EG", "JO", "MA", "QA"]),
    ];

    private static readonly string[] NoteTexts =
    [
        "Please contact me about pricing for {n} users.",
        "We would like a demo next week.",
        "Need a quote in local currency incl. VAT.",
        "Can you host the data in {country}? Data residency is required.",
        "Interested in a partnership for {country}.",
        "Please call me on my mobile.",
        "Following up on my earlier request.",
        "Trial extension requested for {n} days.",
        "We have {n} technicians in the field.",
        "Por favor enviar cotización para {n} usuarios.",
        "Gostaria de uma demonstração, obrigado.",
        "Fiyat teklifi rica ediyorum, {n} kullanıcı.",
        "Прошу связаться со мной по поводу лицензий.",
        "يرجى التواصل معي بخصوص الأسعار",
        "Xin vui lòng liên hệ tư vấn giúp tôi.",
        "Mohon info harga untuk {n} user.",
        "Does it support Arabic and Hijri dates?",
        "Budget approved, we want a pilot with {n} users.",
        "Please send the security questionnaire and SOC 2 report.",
        "Is there a non-profit or education discount?",
    ];

    /// <inheritdoc/>
    public string Name => "Boreal";

    /// <inheritdoc/>
    public string Description =>
        "Independent corpus (not used for tuning): customers of Northern/Eastern Europe, Türkiye, the Arab world, South Asia, Vietnam/Indonesia/Philippines, Brazil/Portugal, Spain/Latin America and anglophone countries, "
        + "each signing in with one to four accounts (work, personal, shared mailboxes) that write the name their own way; people: plain 52.7 %, noise 10 %, transliteration 7 %, initials 3 %, job change 4 %, company renamed 1.5 %, "
        + "several mailboxes 5 %, colleagues 6 %, namesakes 4 %, family 3 %, co-working 2 %, phone-only 2 %, test leads 0.8 %; about 2.4 leads per person (1 to 12), 2.5 % send a DNC lead, about 1 % HTTPS redeliveries, over 84 days.";

    /// <inheritdoc/>
    public IReadOnlyList<LabelledLead> Generate(int people, int seed) => GenerateWithReport(people, seed).Leads;

    /// <summary>Generates the corpus and reports what the reader rejected.</summary>
    /// <param name="people">How many people.</param>
    /// <param name="seed">The random seed.</param>
    /// <returns>The leads and the report.</returns>
    internal BorealGeneration GenerateWithReport(int people, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(people);
        var dice = new BorealDice(seed);
        var population = new BorealPopulation(dice, Start, Days);
        population.Build(people);

        var deliveries = new List<BorealDelivery>();
        foreach (var person in population.People)
        {
            Plan(dice, person, deliveries);
        }

        var reader = new LeadReader(new LeadReaderOptions { ErrorPolicy = LeadReadErrorPolicy.SkipAndReport, TimeProvider = new BorealClock(Start) });
        var owners = new Dictionary<LeadId, BorealDelivery>();
        var errors = new List<(string PersonId, LeadReadError Error)>();
        var leads = new List<(LabelledLead Lead, long Order)>();
        var clashes = 0;
        var redeliveries = 0;
        long index = 0;
        foreach (var d in deliveries)
        {
            var fields = d.Person.TestLead ? null : Render(dice, d);
            for (var attempt = 0; ; attempt++)
            {
                var result = Deliver(dice, reader, d, fields, index++);
                if (!result.IsSuccess)
                {
                    errors.Add((d.Person.Id, result.Error!));
                    break;
                }

                var lead = result.Lead!;
                if (owners.TryAdd(lead.Id, d))
                {
                    leads.Add((new LabelledLead(Stamp(lead, d), d.Person.Id, d.Person.Case), leads.Count));
                    break;
                }

                // Identical content gives an identical LeadId (there is no id in the payload); a separate, real second
                // request differs somewhere. Give it what real ones differ by (a note or a campaign parameter) and read again.
                clashes++;
                index--;
                d.Description = (string.IsNullOrEmpty(d.Description) ? string.Empty : d.Description + " ") + (attempt < 2 ? Note(dice, d) : Campaign(dice, true));
            }

            if (d.Payload is not null && !d.Person.TestLead && d.Lead is not null && dice.Chance(0.01))
            {
                // The marketplace did not see the 200 in time and POSTs the same bytes again.
                var again = d.ReceivedAt;
                var times = dice.Chance(0.2) ? 2 : 1;
                for (var i = 0; i < times; i++)
                {
                    again = again.AddSeconds(dice.Next(20, 1200));
                    var result = reader.ReadHttpsPayload(d.Payload);
                    index++;
                    if (result.IsSuccess)
                    {
                        redeliveries++;
                        leads.Add((new LabelledLead(result.Lead! with { ReceivedAt = again }, d.Person.Id, d.Person.Case), leads.Count));
                    }
                }
            }
        }

        var ordered = leads.OrderBy(l => l.Lead.Lead.ReceivedAt).ThenBy(l => l.Order).Select(l => l.Lead).ToList();
        return new BorealGeneration(ordered, errors, (int)index, redeliveries, clashes, population.People);
    }

    private static Lead Stamp(Lead lead, BorealDelivery d)
    {
        d.Lead = lead;
        return d.CreatedAt is { } created ? lead with { ReceivedAt = d.ReceivedAt, CreatedAt = created } : lead with { ReceivedAt = d.ReceivedAt };
    }

    // ---- the journey -------------------------------------------------------------------------------------------------

    private static void Plan(BorealDice dice, BorealPerson person, List<BorealDelivery> deliveries)
    {
        var count = person.Leads + (person.SendsDnc ? 1 : 0);
        var offsets = new double[count];
        var heavy = person.Leads >= 6;
        for (var i = 1; i < count; i++)
        {
            var roll = dice.Unit();
            var hours = roll < 0.28 ? dice.Next(1, 45) / 60.0
                : roll < 0.55 ? 1 + (dice.Unit() * 7)
                : roll < (heavy ? 0.92 : 0.82) ? 18 + (dice.Unit() * 150)
                : 7 * 24 * (1 + (dice.Unit() * 4));
            offsets[i] = offsets[i - 1] + hours;
        }

        var total = Days * 24.0 - 2;
        if (offsets[^1] > total * 0.9)
        {
            var scale = total * (0.5 + (dice.Unit() * 0.35)) / offsets[^1];
            for (var i = 0; i < count; i++)
            {
                offsets[i] *= scale;
            }
        }

        // The first lead on a working day, in the customer's working hours (some in the evening).
        var day = Math.Floor(dice.Unit() * ((total - offsets[^1]) / 24.0));
        var localHour = dice.Chance(0.85) ? 8 + (dice.Unit() * 10) : 19 + (dice.Unit() * 4);
        var first = Start.AddDays(day).AddHours(localHour - person.Country.UtcOffset);
        if (first < Start.AddMinutes(10))
        {
            first = Start.AddMinutes(10 + dice.Next(600));
        }

        var renamed = person.Jobs.Select(j => j.Company.RenamedAt).FirstOrDefault(r => r is not null);
        if (renamed is { } at && person.Case == BorealPopulation.Renamed)
        {
            // An employee of an acquired company: leads before and after the new name.
            var before = Math.Max(1, count / 2);
            first = at.AddHours(-offsets[before - 1] - 2 - (dice.Unit() * 24 * 10));
            var shift = (at - first).TotalHours - offsets[before - 1] + 1 + (dice.Unit() * 24 * 5);
            for (var i = before; i < count; i++)
            {
                offsets[i] += Math.Max(0, shift - (offsets[before] - offsets[before - 1]));
            }
        }

        // Offers and actions: a favoured offer first, then funnel steps; sometimes another offer.
        var stage = new Dictionary<int, int>();
        var offer = PickOffer(dice, person);
        for (var i = 0; i < person.Leads; i++)
        {
            if (i > 0 && dice.Chance(0.35))
            {
                offer = PickOffer(dice, person);
            }

            var o = Offers[offer];
            var step = stage.TryGetValue(offer, out var current) ? Math.Min(o.Actions.Length - 1, current + dice.Weighted([35, 50, 15])) : dice.Weighted([50, 35, 15]) % o.Actions.Length;
            stage[offer] = step;
            deliveries.Add(new BorealDelivery(person, i, Clamp(first.AddHours(offsets[i])), o, person.TestLead ? "INS" : o.Actions[step]));
        }

        if (person.SendsDnc)
        {
            deliveries.Add(new BorealDelivery(person, person.Leads, Clamp(first.AddHours(offsets[^1])), deliveries[^1].Offer, "DNC"));
        }
    }

    private static DateTimeOffset Clamp(DateTimeOffset at)
    {
        var end = Start.AddDays(Days).AddHours(-1);
        return at < Start ? Start.AddMinutes(5) : at > end ? end : at;
    }

    private static int PickOffer(BorealDice dice, BorealPerson person) =>
        dice.Weighted([.. Offers.Select(o => o.Weight * (o.Favoured.Contains(person.Country.Code) ? 3.0 : 1.0))]);

    // ---- what the customer's account and form give -----------------------------------------------------------------

    private static BorealFields Render(BorealDice dice, BorealDelivery d)
    {
        var p = d.Person;
        var accountIndex = dice.Weighted([.. p.Accounts.Select(a => a.Weight)]);
        if (d.Index == 1 && p.Accounts.Count > 1 && accountIndex == p.LastAccount && p.Case is BorealPopulation.Noise or BorealPopulation.Transliteration or BorealPopulation.Initials or BorealPopulation.Mailboxes)
        {
            // A person of these cases comes back with another account by the second lead (otherwise the case would not show).
            accountIndex = (accountIndex + 1 + dice.Next(p.Accounts.Count - 1)) % p.Accounts.Count;
        }

        p.LastAccount = accountIndex;
        var account = p.Accounts[accountIndex];
        var (first, last) = RenderName(p, account.Name, accountIndex);
        var job = p.JobAt(d.Index);
        var company = job?.Company;
        var renamed = company?.RenamedAt is { } at && d.At >= at;

        // E-mail.
        string? email = account.Mailbox switch
        {
            BorealMailbox.None => null,
            BorealMailbox.Work when job is not null => WorkEmail(dice, account, job, renamed),
            BorealMailbox.Work => p.Personal,
            _ => account.Email,
        };

        // Phone.
        BorealPhone? phone = account.Phone switch
        {
            0 => null,
            2 => job?.Line ?? p.Mobile,
            3 => p.Home ?? p.Mobile,
            4 => p.SharedPhone ?? company?.Switchboard ?? p.Mobile,
            _ => p.Mobile,
        };
        var style = p.PhoneOnly ? dice.Next(BorealPhone.Styles) : dice.Chance(0.2) ? dice.Next(BorealPhone.Styles) : account.PhoneStyle;
        var phoneText = phone?.Format(style, dice.Next(7));

        // Company and title.
        string? companyText;
        if (company is null)
        {
            companyText = dice.Chance(0.15) ? dice.Pick(["Self-employed", "Freelance", "N/A", "-", "none", "Student", "Personal"]) : null;
        }
        else
        {
            var name = renamed ? company.NewName! : company.Name;
            var shortName = renamed ? company.NewShortName! : company.ShortName;
            companyText = (dice.Chance(0.1) ? dice.Next(5) : account.CompanyStyle) switch
            {
                0 => name,
                1 => shortName,
                2 => name.ToUpperInvariant(),
                3 => BorealSpelling.Fold(name),
                _ => dice.Chance(0.5) ? null : shortName.ToLowerInvariant(),
            };
        }

        var title = job?.Title is { } t && !dice.Chance(0.12) ? t : dice.Chance(0.15) ? dice.Pick(p.Country.Region.Titles) : null;
        var country = dice.Chance(0.05) ? dice.Pick(p.Country.Names) : dice.Chance(0.03) ? null : account.CountryText;

        // Slips on this one form.
        if (dice.Chance(p.Noise))
        {
            switch (dice.Next(5))
            {
                case 0:
                    last = last is null ? null : BorealSpelling.Typo(last, dice);
                    break;
                case 1:
                    first = first is null ? null : BorealSpelling.Typo(first, dice);
                    break;
                case 2:
                    last = null;
                    break;
                case 3:
                    phoneText = null;
                    break;
                default:
                    companyText = null;
                    break;
            }
        }

        if (email is null && phoneText is null)
        {
            phoneText = p.Mobile.Format(account.PhoneStyle);
        }

        d.Description = Notes(dice, d);
        return new BorealFields(first, last, email, phoneText, country, companyText, title);
    }

    private static string WorkEmail(BorealDice dice, BorealAccount account, BorealJob job, bool renamed)
    {
        var domain = renamed && !dice.Chance(0.15) ? job.Company.NewDomain! : job.Company.Domain;
        var local = account.WorkAlias ?? job.Local;
        if (account.WorkEmailUpper)
        {
            local = string.Join('.', local.Split('.').Select(s => s.Length > 0 ? char.ToUpperInvariant(s[0]) + s[1..] : s));
            domain = char.ToUpperInvariant(domain[0]) + domain[1..];
        }

        return local + "@" + domain;
    }

    /// <summary>Writes the person's name as one account carries it.</summary>
    internal static (string? First, string? Last) RenderName(BorealPerson p, BorealNameStyle s, int accountIndex)
    {
        var native = s.Script == 3;
        var given = native && p.GivenNative is not null ? p.GivenNative : p.Given[s.GivenVariant % p.Given.Count];
        string? family;
        string? first;
        if (p.Initial is not null)
        {
            family = (s.FamilyVariant % 5) switch
            {
                0 => p.Initial,
                1 => p.Initial + ".",
                2 => p.InitialExpanded,
                _ => null,
            };
            if (s.FamilyVariant % 5 == 3)
            {
                given = p.Initial + ". " + given;
            }
            else if (s.FamilyVariant % 5 == 4)
            {
                family = given;
                given = p.Initial + ".";
            }
        }
        else if (p.Family.Count == 0)
        {
            family = s.DropLast switch
            {
                1 => given,
                2 => ".",
                _ => null,
            };
        }
        else
        {
            family = native && p.FamilyNative is not null ? p.FamilyNative : p.Family[s.FamilyVariant % p.Family.Count];
        }

        string? middle = null;
        if (s.Middle > 0 && p.Middle.Count > 0)
        {
            middle = s.Middle == 2 ? p.Middle[0][..1] + "." : native && p.MiddleNative is not null ? p.MiddleNative : p.Middle[s.Script == 2 ? Math.Min(1, p.Middle.Count - 1) : 0];
        }

        if (s.Script is 1 or 4)
        {
            Func<string, string> fold = s.Script == 1 ? BorealSpelling.Fold : BorealSpelling.FoldExpanded;
            given = fold(given);
            family = family is null ? null : fold(family);
            middle = middle is null ? null : fold(middle);
        }

        first = middle is null ? given : p.Culture.Key == "vietnamese" ? middle + " " + given : given + " " + middle;
        var last = family;
        if (s.Typo)
        {
            var typoDice = new BorealDice((int.Parse(p.Id.AsSpan(1), CultureInfo.InvariantCulture) * 31) + accountIndex);
            if (last is { Length: > 3 } && typoDice.Chance(0.6))
            {
                last = BorealSpelling.Typo(last, typoDice);
            }
            else
            {
                first = BorealSpelling.Typo(first, typoDice);
            }
        }

        if (s.Suffix && p.Suffix is not null)
        {
            if (last is null)
            {
                first += " " + p.Suffix;
            }
            else
            {
                last += (p.Suffix is "Jr." or "Sr." && p.Culture.Key == "anglo" && accountIndex % 2 == 1 ? ", " : " ") + p.Suffix;
            }
        }

        if (last is not null)
        {
            switch (s.Order)
            {
                case 1:
                    (first, last) = (last, first);
                    break;
                case 2:
                    first = last + ", " + first;
                    last = null;
                    break;
                case 3:
                case 4:
                    var full = p.FamilyFirst ? last + " " + first : first + " " + last;
                    first = full;
                    last = s.Order == 4 ? last : null;
                    break;
            }
        }

        if (s.Caps == 1)
        {
            first = first?.ToUpperInvariant();
            last = last?.ToUpperInvariant();
        }
        else if (s.Caps == 2)
        {
            first = first?.ToLowerInvariant();
            last = last?.ToLowerInvariant();
        }
        else if (s.Caps == 3)
        {
            last = last?.ToUpperInvariant();
        }

        if (s.Honorific)
        {
            first = (p.Honorific ?? (p.Female ? "Mrs." : "Mr.")) + " " + first;
        }

        if (s.DropLast == 1 && p.Family.Count > 0)
        {
            last = null;
        }

        return (first, last);
    }

    private static string? Notes(BorealDice dice, BorealDelivery d)
    {
        var roll = dice.Unit();
        return d.Action switch
        {
            "PLT" => roll < 0.55 ? Note(dice, d) : roll < 0.8 ? Campaign(dice, false) : string.Empty,
            "DNC" => roll < 0.8 ? string.Empty : null,
            "Create" => roll < 0.55 ? null : roll < 0.8 ? string.Empty : Campaign(dice, false),
            _ => roll < 0.5 ? string.Empty : roll < 0.85 ? Campaign(dice, false) : null,
        };
    }

    private static string Note(BorealDice dice, BorealDelivery d) =>
        dice.Pick(NoteTexts)
            .Replace("{n}", dice.Pick([5, 10, 15, 25, 40, 50, 80, 120, 200, 350, 500, 1000]).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{country}", d.Person.Country.Names[Math.Min(2, d.Person.Country.Names.Length - 1)], StringComparison.Ordinal);

    private static string Campaign(BorealDice dice, bool unique) =>
        unique || dice.Chance(0.25)
            ? "{\"ocid\":\"AID" + dice.Digits(7) + "_SEM_" + dice.NextLong().ToString("x16", CultureInfo.InvariantCulture) + "\"}"
            : "{\"utm_source\":\"" + dice.Pick(["linkedin", "google", "newsletter", "partner", "bing", "webinar"]) + "\",\"utm_campaign\":\""
              + dice.Pick(["nordics-fy27", "mea-ai-week", "latam-erp", "sea-hr-2027", "india-smb", "cee-security"]) + "\"}";

    // ---- the wire ----------------------------------------------------------------------------------------------------

    private static LeadReadResult Deliver(BorealDice dice, LeadReader reader, BorealDelivery d, BorealFields? fields, long index)
    {
        var test = d.Person.TestLead;
        var table = test ? dice.Chance(0.35) : d.Offer.Table;
        var leadSource = test ? "AzureMarketplace" : LeadSource(dice, d);
        if (test)
        {
            var ticks = "MSFT_TEST_" + (d.At.UtcTicks + dice.Next(10_000_000)).ToString(CultureInfo.InvariantCulture);
            fields = new BorealFields(ticks, ticks, ticks + "@test.com", "1234567890", "US", ticks, ticks);
            d.Description = ticks;
        }

        if (table)
        {
            var created = d.At;
            d.CreatedAt = created;
            d.ReceivedAt = created.AddSeconds(dice.Next(30, 900));
            d.Payload = null;
            return reader.ReadTableRow(TableRow(dice, d, fields!, leadSource), index);
        }

        d.ReceivedAt = d.At.AddMilliseconds(dice.Next(150, 5000));
        d.CreatedAt = null;
        var payload = HttpsPayload(d, fields!, leadSource, test ? "Halcyra Test" : d.Offer.Title, dice.Chance(0.12));
        if (test && d.Index == 0 && d.Person.Leads >= 2 && dice.Chance(0.5))
        {
            // The documented test lead's published JSON lacks a comma after the offer title; a partner whose endpoint
            // answered 400 to such a body validates the destination again (the next test lead is well formed).
            payload = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(payload).Replace("\"Halcyra Test\",", "\"Halcyra Test\"", StringComparison.Ordinal));
        }

        d.Payload = payload;
        try
        {
            return reader.ReadHttpsPayload(payload);
        }
        catch (InvalidOperationException ex)
        {
            return new LeadReadResult(new LeadReadError
            {
                Channel = LeadChannel.HttpsEndpoint,
                Reason = "LeadReader.ReadHttpsPayload threw " + ex.GetType().Name + " instead of returning a LeadReadError",
                RecordIndex = index,
            });
        }
    }

    private static string LeadSource(BorealDice dice, BorealDelivery d)
    {
        var source = d.Action == "Create" ? "AzurePortal" : d.Action == "StartTestDrive" && dice.Chance(0.05) ? "TestDrive" : d.Offer.Source;
        if (source == "AppSource" && dice.Chance(0.06))
        {
            source = dice.Chance(0.5) ? "SPZA" : "AppSource (SPZA)";
        }

        var separator = dice.Chance(0.6) ? " | " : "|";
        return source + "-" + d.Action + separator + d.Offer.Id;
    }

    private static byte[] HttpsPayload(BorealDelivery d, BorealFields fields, string leadSource, string offerTitle, bool lowerCaseDetails)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteStartObject(lowerCaseDetails ? "userDetails" : "UserDetails");
            WriteCustomer(writer, fields, missingAsNull: false);
            writer.WriteEndObject();
            writer.WriteString("LeadSource", leadSource);
            writer.WriteString("ActionCode", d.Person.TestLead ? "INS" : d.Action);
            writer.WriteString("OfferTitle", offerTitle);
            if (d.Description is not null)
            {
                writer.WriteString(nameof(Lead.Description), d.Description);
            }

            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static Dictionary<string, object?> TableRow(BorealDice dice, BorealDelivery d, BorealFields fields, string leadSource)
    {
        var customer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(customer, WriterOptions))
        {
            writer.WriteStartObject();
            WriteCustomer(writer, fields, missingAsNull: true);
            writer.WriteEndObject();
        }

        var created = d.CreatedAt!.Value;
        var bytes = new byte[16];
        for (var i = 0; i < bytes.Length; i++)
        {
            bytes[i] = (byte)dice.Next(256);
        }

        return new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["PartitionKey"] = d.Person.TestLead ? "Halcyra Test" : d.Offer.Id,
            ["RowKey"] = new Guid(bytes).ToString(),
            ["Timestamp"] = created.AddMilliseconds(dice.Next(40, 900)),
            ["LeadSource"] = leadSource,
            ["ActionCode"] = d.Person.TestLead ? "INS" : d.Action,
            ["OfferDisplayName"] = d.Person.TestLead ? "Halcyra Test" : d.Offer.Title,
            [nameof(Lead.Description)] = d.Description ?? string.Empty,
            ["CreatedTime"] = dice.Chance(0.85)
                ? created.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture)
                : created.UtcDateTime.ToString("M/d/yyyy h:mm:ss tt", CultureInfo.InvariantCulture),
            ["CustomerInfo"] = Encoding.UTF8.GetString(customer.WrittenSpan),
        };
    }

    private static void WriteCustomer(Utf8JsonWriter writer, BorealFields f, bool missingAsNull)
    {
        Write("FirstName", f.FirstName);
        Write("LastName", f.LastName);
        Write("Email", f.Email);
        Write("Phone", f.Phone);
        Write("Country", f.Country);
        Write("Company", f.Company);
        Write("Title", f.Title);

        void Write(string name, string? value)
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
    }
}

/// <summary>An offer of the Boreal publisher and its lead destination.</summary>
internal sealed record BorealOffer(string Id, string Title, string Source, string[] Actions, bool Table, double Weight, string[] Favoured);

/// <summary>The customer fields of one lead, as written on the wire.</summary>
internal sealed record BorealFields(string? FirstName, string? LastName, string? Email, string? Phone, string? Country, string? Company, string? Title);

/// <summary>One lead a person sends, and how it travelled.</summary>
internal sealed class BorealDelivery(BorealPerson person, int index, DateTimeOffset at, BorealOffer offer, string action)
{
    public BorealPerson Person { get; } = person;

    public int Index { get; } = index;

    public DateTimeOffset At { get; } = at;

    public BorealOffer Offer { get; } = offer;

    public string Action { get; } = action;

    public string? Description { get; set; }

    public byte[]? Payload { get; set; }

    public DateTimeOffset ReceivedAt { get; set; }

    public DateTimeOffset? CreatedAt { get; set; }

    public Lead? Lead { get; set; }
}

/// <summary>What <see cref="BorealCorpus.GenerateWithReport"/> made.</summary>
/// <param name="Leads">The labelled leads in arrival order (redeliveries included).</param>
/// <param name="Errors">The wire records the reader rejected, with the person who sent them.</param>
/// <param name="Deliveries">How many wire records were read.</param>
/// <param name="Redeliveries">How many leads are exact redeliveries of an earlier HTTPS payload.</param>
/// <param name="Clashes">How many planned leads had the content of an earlier lead and were told apart by a note.</param>
/// <param name="People">The people.</param>
internal sealed record BorealGeneration(
    IReadOnlyList<LabelledLead> Leads,
    IReadOnlyList<(string PersonId, LeadReadError Error)> Errors,
    int Deliveries,
    int Redeliveries,
    int Clashes,
    IReadOnlyList<BorealPerson> People);

/// <summary>A clock that stands still at the corpus's start (the timeline sets each lead's times).</summary>
internal sealed class BorealClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
