using System;
using System.Linq;
using System.Threading.Tasks;
using MarketplaceLeads.Delivery;

namespace MarketplaceLeads.Tests.Delivery;

/// <summary><see cref="ILeadPipeline.RedeliverAsync"/>: a lead a sink dead-lettered is delivered again to that sink alone, once the cause is fixed.</summary>
public sealed class PipelineRedeliveryTests
{
    [Fact]
    public async Task ALeadItsSinkRefused_IsDeliveredAgainToThatSinkAlone_AsARedelivery()
    {
        var crm = new SwitchableSink { Refuse = true };
        var other = new SwitchableSink();
        var observer = new RecordingObserver();
        await using var harness = PipelineHarness.Create(b => b.AddSink(crm, "crm").AddSink(other, "archive").AddObserver(observer));
        var lead = TestLeads.Person(1);

        await harness.Processor.SubmitAsync(lead);
        await observer.WaitAsync(o => !o.DeadLetters.IsEmpty && o.Delivered.Any(d => d.Sink == "archive"));
        var letter = Assert.Single(observer.DeadLetters);
        Assert.Equal((LeadDeadLetterKind.DeliveryFailed, "crm", lead.Id), (letter.Kind, letter.Sink, letter.LeadId));

        crm.Refuse = false; // the cause is fixed
        Assert.True(await harness.Processor.RedeliverAsync(letter.Lead!, letter.Sink!, lead.ReceivedAt));
        await observer.WaitAsync(o => o.Delivered.Any(d => d.Sink == "crm"));

        var delivery = Assert.Single(crm.Delivered);
        Assert.Equal(lead.Id, delivery.Lead.Id);
        Assert.True(delivery.IsRedelivery);
        Assert.Single(other.Delivered); // the other sink had it already: not sent again
        Assert.Single(observer.DeadLetters);
    }

    [Fact]
    public async Task ASinkThePipelineDoesNotHave_IsNamedInTheError()
    {
        await using var harness = PipelineHarness.Create(b => b.AddSink(new SwitchableSink(), "crm"));

        var error = await Assert.ThrowsAsync<ArgumentException>(async () => await harness.Processor.RedeliverAsync(TestLeads.Person(1), "dataverse", TestLeads.Start));

        Assert.StartsWith("The default lead pipeline has no sink named 'dataverse'; its sinks are: crm.", error.Message, StringComparison.Ordinal);
    }
}
