using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace MarketplaceLeads.Testing.Corpora;

/// <summary>
/// The Atlantic corpus: people and small and mid-size companies of Europe and the Americas, with
/// households, switchboards, name changes and transliterations, their leads built as the marketplace
/// sends them (HTTPS payloads and Azure Table rows) and read with <see cref="LeadReader"/>.
/// </summary>
/// <remarks>
/// Designed from how leads and people look, not from the de-duplicator: each person has one or more
/// accounts (a work and a personal one, a profile under an old name) whose details pre-fill the
/// marketplace form, and edits them now and then (typos, case, spaces, a nickname, a missing field).
/// </remarks>
internal sealed class AtlanticCorpus : ILabelledCorpus
{
    /// <summary>The first day of the timeline (a Monday).</summary>
    public static readonly DateTimeOffset Start = new(2026, 11, 2, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The timeline's length in days.</summary>
    public const int Days = 14;

    /// <summary>The publisher's offers: AppSource and Azure ones; two deliver to an Azure Table, the rest to an HTTPS endpoint.</summary>
    public static readonly AtlanticOffer[] Offers =
    [
        new("litware.litware-invoice-hub", "Litware Invoice Hub", AppSource: true, TestDrive: false, Table: false, Weight: 24),
        new("litware.litware-field-service", "Litware Field Service for Dynamics 365", AppSource: true, TestDrive: true, Table: false, Weight: 16),
        new("litware.litware-gdpr-toolkit", "Litware GDPR Toolkit", AppSource: true, TestDrive: false, Table: true, Weight: 14),
        new("litware.litware-backup-vault", "Litware Backup Vault", AppSource: false, TestDrive: true, Table: false, Weight: 18),
        new("litware.litware-edge-gateway", "Litware Edge Gateway", AppSource: false, TestDrive: false, Table: true, Weight: 10),
        new("litware.litware-retail-analytics", "Litware Retail Analytics for Power BI", AppSource: true, TestDrive: false, Table: false, Weight: 18),
    ];

    private const string DescriptionProperty = "Description";

    private static readonly string[] GmailTags = ["appsource", "ms", "leads", "work", "azure", "marketplace", "trial"];

    /// <inheritdoc/>
    public string Name => "Atlantic";

    /// <inheritdoc/>
    public string Description =>
        "Atlantic: people of 14 countries of Europe and the Americas (US 20 %, DE 12 %, GB 9 %, FR 7 %, ES, BR, IT, PL 6 % each, NL, CA, MX 5 %, SE 4 %, NO, IE 3 %) "
        + "with their naming cultures (diacritics and their ASCII spellings, two surnames in Spain and Mexico, gendered Polish surnames, Dutch and Irish particles, "
        + "nicknames and cross-language equivalents) at small and mid-size companies with local legal forms and mailbox conventions; "
        + "cases by share of people: household 8 %, switchboard 8 % (the largest company holds 1.8 % of the people, 45 at 2,500, most of them giving its main number), namesake 4 %, two-mailboxes 4.5 %, "
        + "name-change 5 %, role-mailbox 4 %, sparse 5 %, edu 1.2 % (no personal data), test-lead 0.4 %, plain the rest; "
        + "each person's leads come from one to three accounts that pre-fill the form (work, personal, old name) plus edits (typos, case, spaces, nicknames, missing fields); "
        + "about 2.2 leads per person (1 to 14), 8 % also send a DNC lead, about 1 % exact redeliveries; six offers, two delivered as Azure Table rows, over 14 days.";

    /// <inheritdoc/>
    public IReadOnlyList<LabelledLead> Generate(int people, int seed) => GenerateWithReport(people, seed).Leads;

    /// <summary>Generates the corpus and reports what the reader rejected and how the deliveries were made.</summary>
    /// <param name="people">How many people.</param>
    /// <param name="seed">The random seed.</param>
    /// <returns>The leads and the report.</returns>
    public AtlanticGeneration GenerateWithReport(int people, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(people);
        var dice = new AtlanticDice(seed);
        var world = new AtlanticWorld(dice);
        world.Populate(people);

        var deliveries = new List<AtlanticDelivery>();
        foreach (var person in world.People)
        {
            Plan(dice, person, deliveries);
        }

        var reader = new LeadReader(new LeadReaderOptions { ErrorPolicy = LeadReadErrorPolicy.SkipAndReport, TimeProvider = new AtlanticClock(Start) });
        var owners = new Dictionary<LeadId, AtlanticDelivery>();
        var errors = new List<LeadReadError>();
        var clashes = 0;
        var index = 0L;
        foreach (var delivery in deliveries)
        {
            for (var attempt = 0; ; attempt++)
            {
                Render(dice, delivery);
                var result = Read(reader, delivery, index);
                if (!result.IsSuccess)
                {
                    errors.Add(result.Error);
                    break;
                }

                if (owners.TryAdd(result.Lead.Id, delivery))
                {
                    delivery.Lead = result.Lead;
                    break;
                }

                // Identical content gives an identical LeadId (the payload has no id): a second, separate lead
                // with the same content would read as a redelivery. Real second requests differ; say so in the note.
                clashes++;
                var more = attempt < 4 ? dice.Pick(AtlanticContent.FollowUps[delivery.Person.Language]) : AtlanticContent.Campaign(dice);
                delivery.Description = string.IsNullOrEmpty(delivery.Description) ? more : delivery.Description + " " + more;
            }

            index++;
        }

        // The marketplace retries a POST it thinks failed: the same bytes again, seconds to minutes later.
        var redeliveries = new List<AtlanticDelivery>();
        foreach (var delivery in deliveries)
        {
            if (delivery.Lead is null || delivery.Payload is null || delivery.Person.TestLead || !dice.Chance(0.011))
            {
                continue;
            }

            var retries = dice.Chance(0.15) ? 2 : 1;
            var at = delivery.ReceivedAt;
            for (var r = 0; r < retries; r++)
            {
                at = at.AddSeconds(dice.Next(20, 1200));
                var result = Read(reader, delivery, index++);
                if (!result.IsSuccess)
                {
                    errors.Add(result.Error);
                    continue;
                }

                redeliveries.Add(new AtlanticDelivery
                {
                    Person = delivery.Person,
                    Offer = delivery.Offer,
                    Action = delivery.Action,
                    Event = delivery.Event,
                    Ordinal = delivery.Ordinal,
                    Profile = delivery.Profile,
                    Payload = delivery.Payload,
                    ReceivedAt = at,
                    Lead = result.Lead,
                    Redelivery = true,
                });
            }
        }

        var leads = deliveries.Concat(redeliveries)
            .Where(d => d.Lead is not null)
            .Select((d, order) => (Delivery: d, Order: order))
            .OrderBy(x => x.Delivery.ReceivedAt)
            .ThenBy(x => x.Order)
            .Select(x => new LabelledLead(
                x.Delivery.CreatedAt is { } created
                    ? x.Delivery.Lead! with { ReceivedAt = x.Delivery.ReceivedAt, CreatedAt = created }
                    : x.Delivery.Lead! with { ReceivedAt = x.Delivery.ReceivedAt },
                x.Delivery.Person.Id,
                x.Delivery.Person.Case))
            .ToList();
        return new AtlanticGeneration(leads, errors, deliveries.Count + redeliveries.Count, redeliveries.Count, world.LargestSwitchboard, clashes);
    }

    private static LeadReadResult Read(LeadReader reader, AtlanticDelivery delivery, long index) =>
        delivery.Entity is not null ? reader.ReadTableRow(delivery.Entity, index) : reader.ReadHttpsPayload(delivery.Payload);

    // ---- the journey: which offers, which actions, when, from which account ---------------------------------

    private static void Plan(AtlanticDice dice, AtlanticPerson person, List<AtlanticDelivery> deliveries)
    {
        var offers = Offers.Select(o => (o, o.Id.EndsWith("gdpr-toolkit", StringComparison.Ordinal) && person.Country.Code is "US" or "CA" or "MX" or "BR" ? 4 : o.Weight)).ToArray();
        var count = person.Leads;
        var times = Timeline(dice, person, count);
        var profiles = AssignProfiles(dice, person, count);
        var offer = dice.PickWeighted(offers);
        var action = FirstAction(dice, offer);
        for (var i = 0; i < count; i++)
        {
            if (i > 0)
            {
                switch (dice.Index(55, 25, 20))
                {
                    case 0:
                        action = NextAction(dice, offer, action);
                        break;
                    case 1:
                        var other = dice.PickWeighted(offers);
                        if (other != offer)
                        {
                            offer = other;
                            action = FirstAction(dice, offer);
                        }

                        break;
                    default:
                        break; // the same again (a second Contact me, another test drive)
                }
            }

            if (person.TestLead)
            {
                action = "INS";
            }

            deliveries.Add(NewDelivery(dice, person, offer, action, times[i], profiles[i], i));
        }

        if (person.SendsDnc && !person.TestLead && !person.NoPersonalData)
        {
            // A partner cross-listed on the page was asked to get in touch: the publisher is told, and must not call.
            var dncOffer = dice.PickWeighted(offers);
            var at = times[0] + TimeSpan.FromMinutes(dice.Next(1, (int)Math.Max(2, (times[^1] - times[0]).TotalMinutes + 2880)));
            at = at < Start.AddDays(Days) ? at : Start.AddDays(Days).AddMinutes(-dice.Next(1, 120));
            deliveries.Add(NewDelivery(dice, person, dncOffer, "DNC", at, dice.Pick(person.Profiles), count));
        }
    }

    private static AtlanticDelivery NewDelivery(AtlanticDice dice, AtlanticPerson person, AtlanticOffer offer, string action, DateTimeOffset at, AtlanticProfile profile, int ordinal)
    {
        var delivery = new AtlanticDelivery
        {
            Person = person,
            Offer = offer,
            Action = action,
            Event = at,
            Ordinal = ordinal,
            Profile = profile,
            Description = Note(dice, person, action),
        };
        if (offer.Table && !(person.TestLead && dice.Chance(0.7)))
        {
            // The table is polled every five minutes.
            delivery.CreatedAt = new DateTimeOffset(at.Ticks - (at.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
            var poll = Start.AddMinutes((Math.Floor((at - Start).TotalMinutes / 5) + 1) * 5);
            delivery.ReceivedAt = poll.AddSeconds(dice.Next(1, 40));
        }
        else
        {
            delivery.ReceivedAt = at.AddMilliseconds(dice.Next(300, 8000));
        }

        return delivery;
    }

    private static string FirstAction(AtlanticDice dice, AtlanticOffer offer) => offer.AppSource
        ? dice.Index(60, 28, offer.TestDrive ? 12 : 0) switch { 0 => "PLT", 1 => "INS", _ => "StartTestDrive" }
        : dice.Index(40, 25, offer.TestDrive ? 20 : 0, 15) switch { 0 => "Create", 1 => "PLT", 2 => "StartTestDrive", _ => "INS" };

    private static string NextAction(AtlanticDice dice, AtlanticOffer offer, string action)
    {
        var acquire = offer.AppSource ? "INS" : "Create";
        return action switch
        {
            "PLT" => dice.Index(offer.TestDrive ? 40 : 0, 35, 25) switch { 0 => "StartTestDrive", 1 => acquire, _ => "PLT" },
            "StartTestDrive" => dice.Chance(0.6) ? acquire : "PLT",
            _ => dice.Chance(0.5) ? acquire : "PLT",
        };
    }

    private static string LeadSource(AtlanticOffer offer, string action) => action switch
    {
        "Create" => "AzurePortal-Create|" + offer.Id,
        _ when offer.AppSource => "AppSource-" + action + " | " + offer.Id,
        _ => "AzureMarketplace-" + action + " | " + offer.Id,
    };

    private static string? Note(AtlanticDice dice, AtlanticPerson person, string action) => action switch
    {
        "PLT" => dice.Index(62, 10, 28) switch { 0 => AtlanticContent.Note(dice, person.Language), 1 => AtlanticContent.Campaign(dice), _ => null },
        "StartTestDrive" => dice.Chance(0.12) ? AtlanticContent.Campaign(dice) : null,
        "DNC" => null,
        _ => dice.Chance(0.08) ? AtlanticContent.Campaign(dice) : null,
    };

    /// <summary>Returns the times of a person's leads: a start in their working hours (their time zone), then gaps of minutes, hours or days.</summary>
    private static List<DateTimeOffset> Timeline(AtlanticDice dice, AtlanticPerson person, int count)
    {
        var offsets = new List<double> { 0 }; // minutes after the first lead
        for (var i = 1; i < count; i++)
        {
            var gap = dice.Index(35, 35, 30) switch
            {
                0 => dice.Next(1, 45),
                1 => dice.Next(60, 2 * 24 * 60),
                _ => dice.Next(2 * 24 * 60, 9 * 24 * 60),
            };
            offsets.Add(offsets[^1] + gap);
        }

        var limit = (Days - 1) * 24 * 60.0;
        if (offsets[^1] > limit)
        {
            var scale = limit / offsets[^1];
            for (var i = 1; i < offsets.Count; i++)
            {
                offsets[i] = Math.Max(offsets[i - 1] + 1, offsets[i] * scale);
            }
        }

        var span = offsets[^1];
        var lastDay = Math.Max(0, (int)Math.Floor(Days - 1 - (span / (24 * 60))));
        var weights = Enumerable.Range(0, lastDay + 1).Select(d => Start.AddDays(d).DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? 0.3 : 1.0).ToArray();
        var day = dice.Index(weights);
        var hour = dice.Chance(0.75) ? Math.Clamp(dice.Normal(11.5, 2.6), 7, 19.5) : 6 + (dice.NextDouble() * 17.5);
        var first = Start.AddDays(day).AddHours(hour).AddMinutes(-person.UtcOffset);
        var end = Start.AddDays(Days);
        if (first < Start)
        {
            first = Start.AddMinutes(dice.Next(1, 600));
        }

        if (first.AddMinutes(span) >= end)
        {
            first = end.AddMinutes(-span - dice.Next(5, 180));
        }

        return offsets.Select(o => first.AddMinutes(o).AddSeconds(dice.Next(0, 60))).ToList();
    }

    /// <summary>Assigns each lead a profile: every profile of a two-mailbox or name-change person is used; an old name comes first (mostly).</summary>
    private static List<AtlanticProfile> AssignProfiles(AtlanticDice dice, AtlanticPerson person, int count)
    {
        var profiles = person.Profiles;
        var everyProfile = person.Case is AtlanticWorld.TwoMailboxes or AtlanticWorld.NameChange;
        var assigned = everyProfile ? profiles.Take(count).ToList() : [profiles[0]];
        var weights = profiles.Select(p => p.Weight).ToArray();
        while (assigned.Count < count)
        {
            assigned.Add(profiles[dice.Index(weights)]);
        }

        dice.Shuffle(assigned);
        if (person.Case == AtlanticWorld.NameChange && dice.Chance(0.75))
        {
            assigned = assigned.OrderBy(p => p.Era).ToList();
        }

        if (person.Case == AtlanticWorld.Household && !assigned.Contains(profiles[0]))
        {
            assigned[0] = profiles[0];
        }

        return assigned;
    }

    // ---- one lead: the fields as typed, the wire form ---------------------------------------------------------

    private static void Render(AtlanticDice dice, AtlanticDelivery delivery)
    {
        var person = delivery.Person;
        var leadSource = LeadSource(delivery.Offer, delivery.Action);
        if (person.TestLead)
        {
            var test = "MSFT_TEST_" + delivery.Event.UtcTicks.ToString(CultureInfo.InvariantCulture);
            var fields = new AtlanticFields(test, test, test + "@test.com", "1234567890", "US", test, test);
            if (delivery.CreatedAt is not null)
            {
                delivery.Entity = TableRow(dice, delivery, fields, test + "-" + test + "|" + delivery.Offer.Title, "INS", test, testLead: true);
            }
            else
            {
                delivery.Payload = HttpsPayload(dice, fields, "AzureMarketplace", "INS", delivery.Offer.Title, test, testLead: true, empty: false);
            }

            return;
        }

        var customer = person.NoPersonalData ? new AtlanticFields(null, null, null, null, null, null, null) : Fields(dice, person, delivery.Profile!, delivery.Ordinal);
        if (delivery.CreatedAt is not null)
        {
            delivery.Entity = TableRow(dice, delivery, customer, leadSource, delivery.Action, delivery.Description, testLead: false);
        }
        else
        {
            delivery.Payload = HttpsPayload(dice, customer, leadSource, delivery.Action, delivery.Offer.Title, delivery.Description, testLead: false, empty: person.NoPersonalData);
        }
    }

    /// <summary>Returns the customer fields of one lead: the profile as stored, with the edits a person makes on a form.</summary>
    private static AtlanticFields Fields(AtlanticDice dice, AtlanticPerson person, AtlanticProfile profile, int ordinal)
    {
        var keyboard = person.Country.Keyboard;
        var first = profile.First;
        var last = profile.Last;
        if (first is not null)
        {
            first = person.Given.Alternates.Length > 0 && dice.Chance(0.03) ? dice.Pick(person.Given.Alternates) : first;
            first = dice.Chance(0.03) ? AtlanticText.Case(dice, first) : first;
            first = dice.Chance(0.015) ? AtlanticText.Typo(dice, first, keyboard) : first;
            first = dice.Chance(0.025) ? AtlanticText.Pad(dice, first) : first;
        }

        if (last is not null)
        {
            last = dice.Chance(0.03) ? AtlanticText.Case(dice, last) : last;
            last = dice.Chance(0.015) ? AtlanticText.Typo(dice, last, keyboard) : last;
            last = dice.Chance(0.025) ? AtlanticText.Pad(dice, last) : last;
        }

        if (dice.Chance(0.015))
        {
            (first, last) = (last, first);
        }

        var email = profile.Email;
        if (email is not null && ordinal > 0 && (profile.Sparse != AtlanticSparse.None || dice.Chance(0.03)))
        {
            email = null;
        }

        if (email is not null)
        {
            email = Gmail(dice, email, person.Country.Code == "DE");
            email = dice.Chance(0.03) ? EmailCase(dice, email) : email;
            email = dice.Chance(0.004) ? DomainTypo(dice, email) : email;
            email = dice.Chance(0.01) ? AtlanticText.Pad(dice, email) : email;
        }

        string? phone = null;
        var dropPhone = ordinal > 0 && (profile.Sparse == AtlanticSparse.CompanyOnly || dice.Chance(0.06));
        if (profile.Phone is { } number && !dropPhone)
        {
            var style = dice.Chance(0.2) ? dice.Next(0, AtlanticPhones.StyleCount(number.Country)) : profile.PhoneStyle;
            phone = AtlanticPhones.Format(number, style, profile.ExtensionStyle);
            phone = dice.Chance(0.01) ? AtlanticText.Pad(dice, phone) : phone;
        }

        var company = profile.CompanyText;
        if (profile.Company is not null && dice.Chance(0.15))
        {
            company = AtlanticCompanies.Variant(dice, profile.Company, keyboard);
        }

        if (ordinal > 0 && profile.Sparse != AtlanticSparse.CompanyOnly && dice.Chance(0.05))
        {
            company = null;
        }

        var title = dice.Chance(0.1) ? null : profile.Title;
        title = title is not null && dice.Chance(0.05) ? AtlanticText.Case(dice, title) : title;
        var country = dice.Chance(0.02) ? null : dice.Chance(0.1) ? AtlanticWorld.CountryText(dice, person.Country) : profile.CountryText;
        return new AtlanticFields(first, last, email, phone, country, company, title);
    }

    /// <summary>Gmail ignores dots and +tags: people add and drop them (and Germans had googlemail.com).</summary>
    private static string Gmail(AtlanticDice dice, string email, bool german)
    {
        var at = email.IndexOf('@', StringComparison.Ordinal);
        var local = email[..at];
        var domain = email[(at + 1)..];
        if (!domain.Equals("gmail.com", StringComparison.OrdinalIgnoreCase) && !domain.Equals("googlemail.com", StringComparison.OrdinalIgnoreCase))
        {
            return email;
        }

        switch (dice.Index(55, 22, 15, german ? 8 : 0))
        {
            case 1:
                if (local.Contains('.', StringComparison.Ordinal))
                {
                    local = local.Replace(".", string.Empty, StringComparison.Ordinal);
                }
                else if (local.Length > 3)
                {
                    var dot = dice.Next(1, local.Length - 1);
                    local = local[..dot] + "." + local[dot..];
                }

                break;
            case 2:
                local += "+" + dice.Pick(GmailTags);
                break;
            case 3:
                domain = domain.Equals("gmail.com", StringComparison.OrdinalIgnoreCase) ? "googlemail.com" : "gmail.com";
                break;
            default:
                break;
        }

        return local + "@" + domain;
    }

    private static string EmailCase(AtlanticDice dice, string email)
    {
        var at = email.IndexOf('@', StringComparison.Ordinal);
        return dice.Index(3, 2, 1) switch
        {
            0 => AtlanticText.TitleCase(email[..at].Replace('.', ' ')).Replace(' ', '.') + email[at..],
            1 => email.ToUpperInvariant(),
            _ => email[..at] + email[at..].ToUpperInvariant(),
        };
    }

    private static string DomainTypo(AtlanticDice dice, string email)
    {
        var at = email.IndexOf('@', StringComparison.Ordinal);
        var domain = email[(at + 1)..];
        var typo = domain.ToLowerInvariant() switch
        {
            "gmail.com" => dice.Pick(["gmial.com", "gmail.co", "gamil.com", "gmail.con", "gmai.com"]),
            "hotmail.com" => dice.Pick(["hotmial.com", "hotmail.co", "hotmal.com"]),
            "outlook.com" => dice.Pick(["outlok.com", "outlook.co"]),
            "yahoo.com" => dice.Pick(["yaho.com", "yahooo.com"]),
            _ => AtlanticText.Typo(dice, domain, AtlanticKeyboard.Qwerty),
        };
        return email[..(at + 1)] + typo;
    }

    private static byte[] HttpsPayload(AtlanticDice dice, AtlanticFields customer, string leadSource, string actionCode, string offerTitle, string? description, bool testLead, bool empty)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Indented = dice.Chance(0.3) }))
        {
            writer.WriteStartObject();
            writer.WritePropertyName(testLead ? "userDetails" : "UserDetails");
            if (empty && dice.Chance(0.25))
            {
                // A .edu customer: the marketplace sends nothing about them.
                if (dice.Chance(0.5))
                {
                    writer.WriteNullValue();
                }
                else
                {
                    writer.WriteStartObject();
                    writer.WriteEndObject();
                }
            }
            else
            {
                WriteCustomer(writer, customer, dice.Index(70, 25, 5));
            }

            writer.WriteString("LeadSource", leadSource);
            writer.WriteString("ActionCode", actionCode);
            writer.WriteString("OfferTitle", offerTitle);
            if (description is not null)
            {
                writer.WriteString(DescriptionProperty, description);
            }
            else if (dice.Chance(0.5))
            {
                writer.WriteString(DescriptionProperty, string.Empty);
            }

            writer.WriteEndObject();
        }

        return stream.ToArray();
    }

    private static Dictionary<string, object?> TableRow(AtlanticDice dice, AtlanticDelivery delivery, AtlanticFields customer, string leadSource, string actionCode, string? description, bool testLead)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            WriteCustomer(writer, customer, testLead ? 0 : dice.Index(70, 25, 5));
        }

        var created = delivery.CreatedAt!.Value;
        return new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["PartitionKey"] = delivery.Offer.Id,
            ["RowKey"] = dice.Guid().ToString("D"),
            ["Timestamp"] = created.AddMilliseconds(dice.Next(100, 3000)),
            ["LeadSource"] = leadSource,
            ["ActionCode"] = actionCode,
            ["OfferDisplayName"] = delivery.Offer.Title,
            ["Description"] = description ?? string.Empty,
            ["CreatedTime"] = created.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            ["CustomerInfo"] = System.Text.Encoding.UTF8.GetString(stream.ToArray()),
        };
    }

    /// <summary>Writes UserDetails; an absent field is written as "" (0), null (1) or left out (2).</summary>
    private static void WriteCustomer(Utf8JsonWriter writer, AtlanticFields customer, int absent)
    {
        writer.WriteStartObject();
        foreach (var (name, value) in new[]
                 {
                     ("FirstName", customer.FirstName), ("LastName", customer.LastName), ("Email", customer.Email), ("Phone", customer.Phone),
                     ("Country", customer.Country), ("Company", customer.Company), ("Title", customer.Title),
                 })
        {
            if (value is not null)
            {
                writer.WriteString(name, value);
            }
            else if (absent == 0)
            {
                writer.WriteString(name, string.Empty);
            }
            else if (absent == 1)
            {
                writer.WriteNull(name);
            }
        }

        writer.WriteEndObject();
    }
}

/// <summary>An offer of the corpus's publisher.</summary>
/// <param name="Id">The offer id (<c>publisher.offer</c>).</param>
/// <param name="Title">The display name.</param>
/// <param name="AppSource">Whether it is listed on AppSource (else Azure Marketplace and the Azure portal).</param>
/// <param name="TestDrive">Whether it has a test drive.</param>
/// <param name="Table">Whether its leads go to an Azure Table (else to an HTTPS endpoint).</param>
/// <param name="Weight">How popular it is, relative to the others.</param>
internal sealed record AtlanticOffer(string Id, string Title, bool AppSource, bool TestDrive, bool Table, int Weight);

/// <summary>The customer fields of one lead as sent (<see langword="null"/> when absent).</summary>
internal sealed record AtlanticFields(string? FirstName, string? LastName, string? Email, string? Phone, string? Country, string? Company, string? Title);

/// <summary>What <see cref="AtlanticCorpus.GenerateWithReport"/> made.</summary>
/// <param name="Leads">The leads read, in arrival order, with their truth.</param>
/// <param name="Errors">The records the reader rejected.</param>
/// <param name="Deliveries">How many records were delivered (read or rejected), redeliveries included.</param>
/// <param name="Redeliveries">How many of them were exact redeliveries of an earlier payload.</param>
/// <param name="LargestSwitchboard">How many people the largest switchboard company has.</param>
/// <param name="ContentClashes">How often two separate leads came out with identical content (the same LeadId) and one got a follow-up note.</param>
internal sealed record AtlanticGeneration(IReadOnlyList<LabelledLead> Leads, IReadOnlyList<LeadReadError> Errors, int Deliveries, int Redeliveries, int LargestSwitchboard, int ContentClashes);

/// <summary>One delivery of a lead: who, what, when, from which profile, and its wire form.</summary>
internal sealed class AtlanticDelivery
{
    public required AtlanticPerson Person { get; init; }

    public required AtlanticOffer Offer { get; init; }

    public required string Action { get; init; }

    public required DateTimeOffset Event { get; init; }

    public required int Ordinal { get; init; }

    public AtlanticProfile? Profile { get; init; }

    public string? Description { get; set; }

    public byte[]? Payload { get; set; }

    public Dictionary<string, object?>? Entity { get; set; }

    public DateTimeOffset ReceivedAt { get; set; }

    public DateTimeOffset? CreatedAt { get; set; }

    public bool Redelivery { get; init; }

    public Lead? Lead { get; set; }
}

/// <summary>A clock stopped at the start of the timeline (the corpus sets each lead's times itself).</summary>
internal sealed class AtlanticClock : TimeProvider
{
    private readonly DateTimeOffset _now;

    public AtlanticClock(DateTimeOffset now)
    {
        _now = now;
    }

    public override DateTimeOffset GetUtcNow() => _now;
}
