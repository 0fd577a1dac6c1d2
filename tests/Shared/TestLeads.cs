using System;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using MarketplaceLeads.Delivery;

namespace MarketplaceLeads.Testing;

/// <summary>
/// Hand-made leads for the tests of every package, one factory: <see cref="Make"/> for a lead with the details a test
/// names, <see cref="Person"/> and <see cref="People"/> for distinct people (so de-duplication keeps them apart), and
/// <see cref="Mixed"/> for what a store must reproduce. A lead's id comes from its content and its <c>minutes</c>, so two
/// calls with the same arguments give the same lead (a redelivery) and two minutes give two leads.
/// </summary>
internal static class TestLeads
{
    /// <summary>The time of a lead made at minute 0.</summary>
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    /// <summary>The offer a lead is about unless a test names another.</summary>
    public const string DefaultOffer = "contoso.contoso-analytics";

    /// <summary>A lead received <paramref name="minutes"/> after <see cref="Start"/>, from <c>{source}-{action} | {offer}</c>, with the description <paramref name="description"/> (the minutes when <see langword="null"/>).</summary>
    public static Lead Make(
        string? first = null,
        string? last = null,
        string? email = null,
        string? phone = null,
        string? company = null,
        string? country = null,
        string? title = null,
        string action = "PLT",
        string offer = DefaultOffer,
        int minutes = 0,
        string source = "AppSource",
        string? description = null,
        string? rawPayload = null)
    {
        var customer = new CustomerInfo { FirstName = first, LastName = last, Email = email, Phone = phone, Company = company, Country = country, Title = title };
        var text = $"{source}-{action} | {offer}";
        var at = minutes.ToString(CultureInfo.InvariantCulture);
        return new Lead
        {
            Id = LeadId.FromContent(text, action, offer, at, customer),
            LeadSource = LeadSource.Parse(text),
            LeadSourceText = text,
            ActionCode = action,
            Description = description ?? at,
            Customer = customer,
            ReceivedAt = Start.AddMinutes(minutes),
            Channel = LeadChannel.HttpsEndpoint,
            RawPayload = rawPayload,
        };
    }

    /// <summary>Person <paramref name="index"/>: a name, an address and a company of their own, with a raw payload (as a lead read from the wire has).</summary>
    public static Lead Person(int index, string action = "PLT", int minutes = 0, string offer = DefaultOffer, string? description = null)
    {
        var n = index.ToString(CultureInfo.InvariantCulture);
        var email = $"person{n}@company{n}.example";
        return Make(
            first: "Person" + n,
            last: "Tester" + n,
            email: email,
            company: "Company " + n,
            action: action,
            offer: offer,
            minutes: minutes,
            description: description,
            rawPayload: $"{{\"UserDetails\":{{\"Email\":\"{email}\"}},\"n\":{n},\"m\":{minutes.ToString(CultureInfo.InvariantCulture)}}}");
    }

    /// <summary><paramref name="count"/> people from <paramref name="from"/> on, all at minute 0, or each at the minute of its index when <paramref name="spaced"/>.</summary>
    public static Lead[] People(int count, int from = 0, bool spaced = false) =>
        [.. Enumerable.Range(from, count).Select(i => Person(i, minutes: spaced ? i : 0))];

    /// <summary>A mix with merges, a DNC, a possible duplicate and a test lead: what a store must reproduce.</summary>
    public static Lead[] Mixed() =>
    [
        Make("Robert", "Smith", "bob.smith@gmail.com", "+1 425 555 0100", "Fabrikam Inc", "US", minutes: 0),
        Make("Bob", "Smith", "BobSmith+trial@googlemail.com", action: "StartTestDrive", minutes: 10),
        Make("Ana", "García", "ana@fabrikam.example", "+34 912 345 678", "Fabrikam Iberia S.L.", "US", minutes: 20),
        Make("Bob", "Smith", null, "(425) 555-0100", country: "US", action: "DNC", minutes: 30),
        Make("Anna", "Garcia", "anna.garcia@contoso.example", company: "Fabrikam Iberia", minutes: 40),
        Make("Robert", "Smith", "rsmith@northwind.example", company: "Northwind", minutes: 50),
        Make("MSFT_TEST_636573304831318844", "MSFT_TEST_636573304831318844", "MSFT_TEST_636573304831318844@test.example", minutes: 60),
        Make("Ana", "Garcia", "ana@fabrikam.example", action: "Create", minutes: 70),
        .. Enumerable.Range(0, 30).Select(i => Person(i, minutes: 100 + i)),
    ];

    /// <summary>Real <see cref="LeadDelivery"/> objects (their constructor is internal to the core): the leads run through an in-memory pipeline.</summary>
    public static async Task<System.Collections.Generic.IReadOnlyList<LeadDelivery>> DeliveriesAsync(params Lead[] leads)
    {
        var sink = new InMemoryLeadSink();
        await using var harness = PipelineHarness.Create(b => b.AddSink(sink, "memory"));
        foreach (var lead in leads)
        {
            await harness.Processor.SubmitAsync(lead);
        }

        await sink.WaitForCountAsync(leads.Length);
        return sink.GetDeliveries();
    }
}
