using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace MarketplaceLeads.Testing.Streams;

/// <summary>What a customer did, in the seed's words.</summary>
internal enum StreamAction
{
    /// <summary><em>Contact me</em> (<c>PLT</c>).</summary>
    ContactMe,

    /// <summary>A test drive started (<c>StartTestDrive</c>).</summary>
    TestDrive,

    /// <summary>A trial or purchase created in the Azure portal (<c>Create</c>).</summary>
    Create,

    /// <summary><em>Get it now</em> (<c>INS</c>).</summary>
    GetItNow,

    /// <summary>Do not contact (<c>DNC</c>).</summary>
    DoNotContact,
}

/// <summary>How a lead reaches the importer: an HTTPS-endpoint payload (no time on it) or a row of a CSV export (with its created time).</summary>
internal enum StreamChannel
{
    Https,
    CsvExport,
}

/// <summary>A person of the stream: the ground truth behind the leads.</summary>
internal sealed record StreamPerson(
    int Id,
    StreamCountry Country,
    string FirstName,
    string LastName,
    string? Email,
    string Phone,
    string Company,
    string Title,
    int? HouseholdWith,
    int? ColleagueOf);

/// <summary>
/// One lead of the stream as the marketplace delivers it (the fields as sent) and its truth: who sent it, what they did and
/// when, and when it arrives at the importer.
/// </summary>
internal sealed record StreamLead
{
    public required int Index { get; init; }

    public required int PersonId { get; init; }

    /// <summary>Gets the offer as <c>publisherid.offerid</c>.</summary>
    public required string Offer { get; init; }

    public required string OfferTitle { get; init; }

    public required StreamAction Action { get; init; }

    /// <summary>Gets when the customer made the request (the truth the deadlines count from).</summary>
    public required DateTimeOffset MadeAt { get; init; }

    /// <summary>Gets the check moment at which the lead is imported (the first one at or after <see cref="MadeAt"/>, later for a replay).</summary>
    public required DateTimeOffset ArrivesAt { get; init; }

    public required StreamChannel Channel { get; init; }

    /// <summary>Gets whether this is a <em>Contact me</em> the customer sent again days after an earlier one: a new request, the same payload.</summary>
    public bool IsRepeat { get; init; }

    /// <summary>Gets whether this is a lead delivered again (an export replaying an HTTPS lead): not a new request.</summary>
    public bool IsRedelivery { get; init; }

    /// <summary>Gets the index of the lead this one repeats or redelivers.</summary>
    public int? SameAs { get; init; }

    public required string LeadSource { get; init; }

    public required string ActionCode { get; init; }

    public string? FirstName { get; init; }

    public string? LastName { get; init; }

    public string? Email { get; init; }

    public string? Phone { get; init; }

    public string? Country { get; init; }

    public string? Company { get; init; }

    public string? Title { get; init; }

    public string? Description { get; init; }
}

/// <summary>
/// A seeded, deterministic stream of marketplace leads over some days, from people who act like customers: <em>Contact me</em>,
/// test drives, trials and purchases, <em>Contact me</em> again days later, do-not-contact after other leads (sometimes
/// without an e-mail, from another source or for another offer), households and colleagues sharing a phone, missing fields and
/// odd encodings. Leads arrive at three check moments a day (08:00, 13:00 and 18:00 UTC), as HTTPS payloads and CSV export rows.
/// </summary>
internal sealed class LeadStream
{
    /// <summary>The check moments of a day (UTC hours).</summary>
    public static readonly int[] MomentHours = [8, 13, 18];

    /// <summary>The default first day of a stream.</summary>
    public static readonly DateTimeOffset DefaultStart = new(2027, 3, 1, 0, 0, 0, TimeSpan.Zero);

    private LeadStream(int seed, int days, DateTimeOffset start, IReadOnlyList<StreamPerson> people, IReadOnlyList<StreamLead> leads)
    {
        Seed = seed;
        Days = days;
        Start = start;
        People = people;
        Leads = leads;
        Moments = [.. Enumerable.Range(0, days).SelectMany(d => MomentHours.Select(h => start.AddDays(d).AddHours(h)))];
    }

    public int Seed { get; }

    public int Days { get; }

    public DateTimeOffset Start { get; }

    public IReadOnlyList<StreamPerson> People { get; }

    /// <summary>Gets the leads in arrival order (then the order they were made).</summary>
    public IReadOnlyList<StreamLead> Leads { get; }

    /// <summary>Gets every check moment, in order.</summary>
    public IReadOnlyList<DateTimeOffset> Moments { get; }

    /// <summary>Gets the people who sent a do-not-contact lead, with when the first one arrives.</summary>
    public IReadOnlyDictionary<int, DateTimeOffset> DoNotContactArrivals =>
        Leads.Where(static l => l.Action == StreamAction.DoNotContact)
            .GroupBy(static l => l.PersonId)
            .ToDictionary(static g => g.Key, static g => g.Min(static l => l.ArrivesAt));

    /// <summary>Gets the check moment at or after <paramref name="time"/> (the last moment when there is none).</summary>
    public DateTimeOffset MomentAtOrAfter(DateTimeOffset time) => Moments.FirstOrDefault(m => m >= time, Moments[^1]);

    /// <summary>Generates a stream of <paramref name="people"/> people over <paramref name="days"/> days.</summary>
    public static LeadStream Generate(int people, int seed, int days = 14, DateTimeOffset? start = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(people, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(days, 1);
        var first = start ?? DefaultStart;
        var random = new Random(seed);
        var persons = GeneratePeople(random, people);
        var end = first.AddDays(days - 1).AddHours(MomentHours[^1]);
        var moments = Enumerable.Range(0, days).SelectMany(d => MomentHours.Select(h => first.AddDays(d).AddHours(h))).ToArray();
        DateTimeOffset Arrival(DateTimeOffset made) => moments.First(m => m >= made);

        var leads = new List<StreamLead>();
        foreach (var person in persons)
        {
            GenerateJourney(random, person, first, end, days, Arrival, leads);
        }

        // Redeliveries: a CSV export replays some HTTPS leads at the next moment, with the same content.
        var replays = new List<StreamLead>();
        foreach (var lead in leads.Where(static l => l.Channel == StreamChannel.Https && !l.IsRepeat))
        {
            if (random.NextDouble() < 0.08 && lead.ArrivesAt < end)
            {
                replays.Add(lead with { Channel = StreamChannel.CsvExport, IsRedelivery = true, SameAs = lead.Index, ArrivesAt = Arrival(lead.ArrivesAt.AddMinutes(1)) });
            }
        }

        leads.AddRange(replays);
        var ordered = leads.OrderBy(static l => l.ArrivesAt).ThenBy(static l => l.MadeAt).ThenBy(static l => l.Index).ToList();
        var renumber = new Dictionary<int, int>();
        for (var i = 0; i < ordered.Count; i++)
        {
            if (!ordered[i].IsRedelivery)
            {
                renumber[ordered[i].Index] = i;
            }
        }

        var result = ordered.Select((l, i) => l with { Index = i, SameAs = l.SameAs is { } s ? renumber[s] : null }).ToList();
        return new LeadStream(seed, days, first, persons, result);
    }

    private static List<StreamPerson> GeneratePeople(Random random, int count)
    {
        var people = new List<StreamPerson>(count);
        while (people.Count < count)
        {
            var country = StreamPools.PickCountry(random);
            var company = Company(random);
            var person = NewPerson(random, people.Count, country, company, random.Pick(country.LastNames), Phone(random, country), null, null);
            people.Add(person);
            var roll = random.NextDouble();
            if (roll < 0.10 && people.Count < count)
            {
                // A household: same surname, same home phone, a different first name, personal e-mail (or none).
                var partner = NewPerson(random, people.Count, country, Company(random), person.LastName, person.Phone, person.Id, null);
                people.Add(partner with { Email = random.NextDouble() < 0.7 ? FreeMail(random, partner.FirstName, partner.LastName, country) : null });
            }
            else if (roll < 0.22)
            {
                // Colleagues: same company and switchboard phone, their own names and work e-mail addresses.
                var colleagues = random.Next(1, 4);
                for (var i = 0; i < colleagues && people.Count < count; i++)
                {
                    people.Add(NewPerson(random, people.Count, country, company, random.Pick(country.LastNames), person.Phone, null, person.Id));
                }
            }
            else if (roll < 0.24 && people.Count < count)
            {
                // A namesake: the same name in the same country, another company and phone.
                var other = NewPerson(random, people.Count, country, Company(random), person.LastName, Phone(random, country), null, null);
                people.Add(other with { FirstName = person.FirstName, Email = random.NextDouble() < 0.5 ? FreeMail(random, person.FirstName, person.LastName, country) : other.Email });
            }
        }

        // An address is one mailbox: two people never hold the same one (a company gives its second Tomáš another
        // address). Without this, "tomas@brightmoss.cz" went to two people at two Brightmoss companies, and the truth
        // called "two people" what no data could tell apart.
        var used = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < people.Count; i++)
        {
            var email = people[i].Email;
            if (email is null || used.Add(email))
            {
                continue;
            }

            var at = email.IndexOf('@', StringComparison.Ordinal);
            var unique = email[..at] + "." + Ascii(people[i].LastName).ToLowerInvariant().Replace(' ', '.') + email[at..];
            for (var n = 2; !used.Add(unique); n++)
            {
                unique = email[..at] + n.ToString(CultureInfo.InvariantCulture) + email[at..];
            }

            people[i] = people[i] with { Email = unique };
        }

        return people;
    }

    private static StreamPerson NewPerson(Random random, int id, StreamCountry country, string company, string lastName, string phone, int? household, int? colleague)
    {
        var first = random.Pick(country.FirstNames);
        var roll = random.NextDouble();
        var email = roll < 0.70 ? WorkMail(first, lastName, company, country, random) : roll < 0.93 ? FreeMail(random, first, lastName, country) : null;
        return new StreamPerson(id, country, first, lastName, email, phone, company, random.Pick(StreamPools.Titles), household, colleague);
    }

    private static string Company(Random random) => random.Pick(StreamPools.CompanyStems) + " " + random.Pick(StreamPools.CompanySuffixes);

    private static string Phone(Random random, StreamCountry country)
    {
        var digits = new StringBuilder();
        for (var i = 0; i < country.SubscriberDigits; i++)
        {
            digits.Append((char)('0' + random.Next(i == 0 ? 2 : 0, 10)));
        }

        return "+" + country.CallingCode + " " + random.Pick(country.MobilePrefixes) + " " + digits;
    }

    private static string WorkMail(string first, string last, string company, StreamCountry country, Random random)
    {
        var domain = Ascii(company.Split(' ')[0]).ToLowerInvariant() + "." + country.MailDomain;
        var local = random.Next(3) switch
        {
            0 => Ascii(first) + "." + Ascii(last),
            1 => Ascii(first)[..1] + Ascii(last),
            _ => Ascii(first),
        };
        return local.ToLowerInvariant().Replace(' ', '.') + "@" + domain;
    }

    private static string FreeMail(Random random, string first, string last, StreamCountry country) =>
        (Ascii(first) + (random.Next(2) == 0 ? "." : "_") + Ascii(last)).ToLowerInvariant().Replace(' ', '.') + random.Next(1, 99).ToString(CultureInfo.InvariantCulture) + "@" + random.Pick(country.FreeMail);

    /// <summary>Drops diacritics and anything but letters, digits, spaces and '-' (how people make an e-mail address from a name).</summary>
    private static string Ascii(string text)
    {
        var builder = new StringBuilder();
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            if (c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or ' ' or '-')
            {
                builder.Append(c);
            }
            else if (c is 'ł' or 'Ł')
            {
                builder.Append('l');
            }
        }

        return builder.ToString();
    }

    private static void GenerateJourney(Random random, StreamPerson person, DateTimeOffset start, DateTimeOffset end, int days, Func<DateTimeOffset, DateTimeOffset> arrival, List<StreamLead> leads)
    {
        var offer = random.Pick(StreamPools.Offers);
        var t = start.AddDays(random.Next(days)).Add(TimeOfDay(random));
        var steps = new List<(DateTimeOffset At, StreamAction Action, (string Id, string Title) Offer)>();
        var kind = random.NextDouble();
        if (kind < 0.40)
        {
            steps.Add((t, StreamAction.ContactMe, offer));
        }
        else if (kind < 0.60)
        {
            steps.Add((t, StreamAction.TestDrive, offer));
            if (random.NextDouble() < 0.5)
            {
                steps.Add((t.AddHours(random.Next(1, 72)), StreamAction.ContactMe, offer));
            }
        }
        else if (kind < 0.80)
        {
            steps.Add((t, StreamAction.Create, offer));
            if (random.NextDouble() < 0.3)
            {
                steps.Add((t.AddHours(random.Next(24, 24 * 6)), StreamAction.GetItNow, offer));
            }
        }
        else if (kind < 0.90)
        {
            steps.Add((t, StreamAction.GetItNow, offer));
        }
        else
        {
            steps.Add((t, StreamAction.ContactMe, offer));
            steps.Add((t.AddHours(random.Next(4, 24 * 4)), StreamAction.Create, offer));
        }

        if (random.NextDouble() < 0.18)
        {
            // Interest in a second offer, later.
            var other = random.Pick(StreamPools.Offers);
            steps.Add((steps[^1].At.AddHours(random.Next(2, 24 * 5)), random.NextDouble() < 0.6 ? StreamAction.ContactMe : StreamAction.TestDrive, other));
        }

        var source = random.Next(3) switch { 0 => "AppSource", 1 => "AzureMarketplace", _ => "AzurePortal" };
        var channel = random.NextDouble() < 0.7 ? StreamChannel.Https : StreamChannel.CsvExport;
        var made = new List<StreamLead>();
        foreach (var (at, action, stepOffer) in steps.OrderBy(static s => s.At))
        {
            if (at > end)
            {
                break;
            }

            var lead = Lead(random, person, leads.Count + made.Count, at, action, stepOffer, action == StreamAction.Create ? "AzurePortal" : source, channel, arrival);
            made.Add(lead);
            if (action == StreamAction.ContactMe && random.NextDouble() < 0.25)
            {
                // The customer clicks Contact me again, days later: the marketplace sends the same payload.
                var again = at.AddHours(random.Next(36, 24 * 6));
                if (again <= end)
                {
                    made.Add(lead with { Index = leads.Count + made.Count, MadeAt = again, ArrivesAt = arrival(again), IsRepeat = true, SameAs = lead.Index });
                }
            }
        }

        if (made.Count > 0 && random.NextDouble() < 0.12)
        {
            // Do not contact, after the other leads: sometimes without an e-mail, from another source or for another offer.
            var last = made.Max(static l => l.MadeAt);
            var at = last.AddHours(random.Next(2, 24 * 5));
            if (at <= end)
            {
                var variant = random.NextDouble();
                var dncSource = variant is >= 0.45 and < 0.70 ? (source == "AppSource" ? "AzureMarketplace" : "AppSource") : source;
                var dncOffer = variant >= 0.85 ? StreamPools.Offers.First(o => o.Id != offer.Id) : offer;
                var dnc = Lead(random, person, leads.Count + made.Count, at, StreamAction.DoNotContact, dncOffer, dncSource, random.NextDouble() < 0.7 ? StreamChannel.Https : StreamChannel.CsvExport, arrival);
                if (variant is >= 0.20 and < 0.45)
                {
                    dnc = dnc with { Email = null };
                }

                made.Add(dnc);
            }
        }

        leads.AddRange(made);
    }

    private static TimeSpan TimeOfDay(Random random) =>
        random.NextDouble() < 0.8 ? TimeSpan.FromMinutes(random.Next(6 * 60, 20 * 60)) : TimeSpan.FromMinutes(random.Next(24 * 60));

    private static StreamLead Lead(Random random, StreamPerson person, int index, DateTimeOffset at, StreamAction action, (string Id, string Title) offer, string source, StreamChannel channel, Func<DateTimeOffset, DateTimeOffset> arrival)
    {
        var code = action switch
        {
            StreamAction.ContactMe => "PLT",
            StreamAction.TestDrive => "StartTestDrive",
            StreamAction.Create => "Create",
            StreamAction.GetItNow => "INS",
            _ => "DNC",
        };
        var country = person.Country;
        return new StreamLead
        {
            Index = index,
            PersonId = person.Id,
            Offer = StreamPools.Publisher + "." + offer.Id,
            OfferTitle = offer.Title,
            Action = action,
            MadeAt = at,
            ArrivesAt = arrival(at),
            Channel = channel,
            LeadSource = source + "-" + code + " | " + StreamPools.Publisher + "." + offer.Id,
            ActionCode = code,
            FirstName = Odd(random, person.FirstName),
            LastName = Odd(random, person.LastName),
            Email = person.Email is null ? null : random.NextDouble() < 0.1 ? person.Email.ToUpperInvariant() : person.Email,
            Phone = random.NextDouble() < 0.2 ? null : PhoneForm(random, person.Phone),
            Country = random.NextDouble() < 0.05 ? null : random.Pick(country.Spellings),
            Company = random.NextDouble() < 0.1 ? null : person.Company,
            Title = random.NextDouble() < 0.3 ? null : person.Title,
            Description = action == StreamAction.ContactMe && random.NextDouble() < 0.4 ? random.Pick(StreamPools.Notes) : null,
        };
    }

    /// <summary>How a name arrives: mostly as is; sometimes decomposed (NFD), padded, or in capitals.</summary>
    private static string Odd(Random random, string text) => random.NextDouble() switch
    {
        < 0.05 => text.Normalize(NormalizationForm.FormD),
        < 0.08 => " " + text + " ",
        < 0.10 => text.ToUpperInvariant(),
        _ => text,
    };

    /// <summary>How a phone number arrives: international with spaces, E.164, or with dashes.</summary>
    private static string PhoneForm(Random random, string phone) => random.Next(3) switch
    {
        0 => phone,
        1 => phone.Replace(" ", string.Empty, StringComparison.Ordinal),
        _ => phone.Replace(" ", "-", StringComparison.Ordinal),
    };
}
