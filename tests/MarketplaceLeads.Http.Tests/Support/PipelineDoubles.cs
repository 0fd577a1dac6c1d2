using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using MarketplaceLeads.Delivery;
using MarketplaceLeads.Testing;

namespace MarketplaceLeads.Http.Tests;

/// <summary>Leads for the tests: distinct people, so de-duplication keeps them apart; each with a raw payload.</summary>
internal static class TestLeads
{
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    public static Lead Person(int index, string? description = null)
    {
        var n = index.ToString(CultureInfo.InvariantCulture);
        var customer = new CustomerInfo
        {
            FirstName = "Person" + n,
            LastName = "Tester" + n,
            Email = $"person{n}@company{n}.example",
            Company = $"Company {n}",
        };
        var text = "AppSource-PLT | contoso.contoso-analytics";
        return new Lead
        {
            Id = LeadId.FromContent(text, "PLT", "contoso.contoso-analytics", n, customer),
            LeadSource = LeadSource.Parse(text),
            LeadSourceText = text,
            ActionCode = "PLT",
            Description = description ?? n,
            Customer = customer,
            ReceivedAt = Start,
            Channel = LeadChannel.HttpsEndpoint,
            RawPayload = $"{{\"UserDetails\":{{\"Email\":\"person{n}@company{n}.example\"}},\"n\":{n}}}",
        };
    }

    public static Lead[] People(int count) => [.. Enumerable.Range(0, count).Select(i => Person(i))];

    /// <summary>Real <see cref="LeadDelivery"/> objects (their constructor is internal to the core): run the leads through an in-memory pipeline.</summary>
    public static async Task<IReadOnlyList<LeadDelivery>> DeliveriesAsync(params Lead[] leads)
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
