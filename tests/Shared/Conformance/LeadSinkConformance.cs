using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using MarketplaceLeads.Deduplication;
using MarketplaceLeads.Delivery;

namespace MarketplaceLeads.Testing;

/// <summary>What a store's sink says about one lead now: the lead, its profile (after merges and reviews), the outcome it was delivered with, and whether the customer must not be contacted (the lead's or its profile's flag).</summary>
public sealed record StoredLeadView(Lead Lead, CustomerProfileId ProfileId, DeduplicationOutcome Outcome, bool DoNotContact);

/// <summary>
/// What every store's sink (the in-memory sink, the SQLite and PostgreSQL sinks) must keep of the leads it is given, run
/// against each by a derived class so that they cannot drift: each lead once (a redelivery replaces it), with its profile
/// after merges, and the profiles a review's accept or split (<see cref="IProfileChangeSink"/>) rewrites.
/// </summary>
public abstract class LeadSinkConformance : StoreConformance<IProfileChangeSink>
{
    // Two people of one household, one phone: Luis asked not to be contacted.
    private static readonly Lead Ana = TestLeads.Make("Ana", "Garcia", "ana@contoso.example", "+1 415 555 0134", minutes: 10, country: "US");
    private static readonly Lead LuisDnc = TestLeads.Make("Luis", "Garcia", "luis.garcia@gmail.com", "+1 415 555 0134", action: "DNC", minutes: 11, country: "US");

    /// <summary>Reads what the sink keeps now, one view per lead.</summary>
    protected abstract ValueTask<IReadOnlyList<StoredLeadView>> ReadAsync();

    /// <summary>Gets the sink under test.</summary>
    protected IProfileChangeSink Sink => Store;

    [Fact]
    public async Task DeliveredLeads_AreEachKeptOnce_WithTheirContent_AndOnePersonsLeadsShareTheirProfile()
    {
        var leads = TestLeads.Mixed().Where(l => !l.IsTestLead).ToArray();
        var deliveries = await TestLeads.DeliveriesAsync(leads);
        foreach (var chunk in deliveries.Chunk(7))
        {
            await Sink.WriteBatchAsync(chunk, CancellationToken.None);
        }

        var stored = (await ReadAsync()).ToDictionary(s => s.Lead.Id);
        Assert.Equal(leads.Select(l => l.Id).Order(), stored.Keys.Order());
        Assert.All(leads, lead => Assert.Equal((lead.RawPayload, lead.Customer, lead.ReceivedAt), (stored[lead.Id].Lead.RawPayload, stored[lead.Id].Lead.Customer, stored[lead.Id].Lead.ReceivedAt)));

        // Bob's three leads share a profile, and it is do-not-contact (sticky, also on his earlier leads).
        var bob = stored.Values.Where(s => s.Lead.Customer.LastName == "Smith" && s.Lead.Customer.Company != "Northwind").ToList();
        Assert.Equal(3, bob.Count);
        Assert.Single(bob.Select(s => s.ProfileId).Distinct());
        Assert.All(bob, s => Assert.True(s.DoNotContact));
        Assert.Equal(deliveries.Select(d => d.Outcome), deliveries.Select(d => stored[d.Lead.Id].Outcome));
    }

    [Fact]
    public async Task Redelivery_ReplacesTheLead_NotAddsIt()
    {
        var deliveries = await TestLeads.DeliveriesAsync(TestLeads.People(3));
        await Sink.WriteBatchAsync(deliveries, CancellationToken.None);
        await Sink.WriteBatchAsync([deliveries[1]], CancellationToken.None);
        await Sink.WriteBatchAsync(deliveries, CancellationToken.None);

        var stored = await ReadAsync();
        Assert.Equal(deliveries.Select(d => d.Lead.Id).Order(), stored.Select(s => s.Lead.Id).Order());
        Assert.All(stored, s => Assert.Equal(new CustomerProfileId(s.Lead.Id), s.ProfileId));
    }

    [Fact]
    public async Task ReviewsAcceptThenSplit_RewriteTheProfiles_AndAStrangersDoNotContactDoesNotStick()
    {
        var anaId = new CustomerProfileId(Ana.Id);
        var luisId = new CustomerProfileId(LuisDnc.Id);
        var memory = new InMemoryLeadSink();
        await using (var harness = PipelineHarness.Create(b => b.AddSink(memory, "memory")))
        {
            await harness.Processor.SubmitAsync(Ana);
            await harness.Processor.SubmitAsync(LuisDnc);
            await memory.WaitForCountAsync(2);
            var review = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<ILeadReview>(harness.Provider);
            await review.AcceptAsync(anaId, luisId, "reviewer");
            await review.SplitAsync(anaId, [LuisDnc.Id], "reviewer", "different people");
            await harness.Processor.StopAsync();
        }

        var changes = memory.GetProfileChanges();
        Assert.Equal(2, changes.Count);
        await Sink.WriteBatchAsync(memory.GetDeliveries(), CancellationToken.None);
        await Sink.WriteProfileChangesAsync([changes[0]], CancellationToken.None);

        var merged = await ReadAsync();
        Assert.All(merged, lead => Assert.Equal((anaId, true), (lead.ProfileId, lead.DoNotContact)));

        await Sink.WriteProfileChangesAsync([changes[1]], CancellationToken.None);
        await Sink.WriteProfileChangesAsync([changes[1]], CancellationToken.None); // at least once: twice does no harm

        var split = (await ReadAsync()).ToDictionary(s => s.Lead.Id);
        Assert.Equal((anaId, false), (split[Ana.Id].ProfileId, split[Ana.Id].DoNotContact));
        Assert.Equal((luisId, true), (split[LuisDnc.Id].ProfileId, split[LuisDnc.Id].DoNotContact));
    }
}
