using System;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using MarketplaceLeads.Deduplication;
using MarketplaceLeads.Delivery;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MarketplaceLeads.Tests;

public sealed class LeadPipelineTests
{
    [Fact]
    public async Task Submit_SamePersonTwice_DeliversNewThenMergedWithOneProfile()
    {
        var sink = new InMemoryLeadSink();
        await using var harness = PipelineHarness.Create(b => b.AddSink(sink));
        var first = TestLeads.Make("Ana", "García", "ana.garcia@fabrikam.example", action: "PLT");
        var second = TestLeads.Make("Ana", "Garcia", "Ana.Garcia@Fabrikam.example", action: "Create", minutes: 60);

        Assert.Equal(LeadSubmitStatus.Accepted, (await harness.Processor.SubmitAsync(first)).Status);
        Assert.Equal(LeadSubmitStatus.Accepted, (await harness.Processor.SubmitAsync(second)).Status);
        await sink.WaitForCountAsync(2).WaitAsync(TimeSpan.FromSeconds(30));

        var deliveries = sink.GetDeliveries();
        Assert.Equal([first.Id, second.Id], deliveries.Select(d => d.Lead.Id));
        Assert.Equal(DeduplicationOutcome.NewProfile, deliveries[0].Outcome);
        Assert.Equal(DeduplicationOutcome.JoinedProfile, deliveries[1].Outcome);
        Assert.Equal(deliveries[0].Profile.Id, deliveries[1].Profile.Id);
        Assert.Equal(2, deliveries[1].Profile.Leads.Count);
        Assert.All(deliveries, d => Assert.False(d.IsRedelivery));
    }

    [Fact]
    public async Task Submit_SameLeadIdAgain_IsAlreadyAcceptedAndDeliveredOnce()
    {
        var sink = new InMemoryLeadSink();
        await using var harness = PipelineHarness.Create(b => b.AddSink(sink));
        var lead = TestLeads.Person(1);

        var results = new[]
        {
            await harness.Processor.SubmitAsync(lead),
            await harness.Processor.SubmitAsync(lead),
            await harness.Processor.SubmitAsync(lead with { ReceivedAt = lead.ReceivedAt.AddHours(1) }),
        };
        await harness.Processor.StopAsync();

        Assert.Equal([LeadSubmitStatus.Accepted, LeadSubmitStatus.AlreadyAccepted, LeadSubmitStatus.AlreadyAccepted], results.Select(r => r.Status));
        Assert.All(results, r => Assert.True(r.IsAccepted));
        Assert.Single(sink.GetDeliveries());
    }

    [Fact]
    public async Task Submit_TestLead_IsAcceptedButReachesNoSinkUnlessConfigured()
    {
        var testLead = TestLeads.Make("MSFT_TEST_636573304831318844", "MSFT_TEST_636573304831318844", "MSFT_TEST_636573304831318844@test.example");
        Assert.True(testLead.IsTestLead);
        var real = TestLeads.Person(2);

        var skipping = new InMemoryLeadSink();
        var observer = new RecordingObserver();
        await using (var harness = PipelineHarness.Create(b => b.AddSink(skipping).AddObserver(observer)))
        {
            Assert.Equal(LeadSubmitStatus.Accepted, (await harness.Processor.SubmitAsync(testLead)).Status);
            await harness.Processor.SubmitAsync(real);
            await harness.Processor.StopAsync();
            Assert.Equal([real.Id], skipping.GetDeliveries().Select(d => d.Lead.Id));
            Assert.Contains(observer.Deduplicated, d => d.Lead.Id == testLead.Id && d.Outcome == DeduplicationOutcome.TestLead);
            Assert.Equal(0, harness.Pipeline.InFlight);
        }

        var delivering = new InMemoryLeadSink();
        await using (var harness = PipelineHarness.Create(b => b.AddSink(delivering), o => o.DeliverTestLeads = true))
        {
            await harness.Processor.SubmitAsync(testLead);
            await harness.Processor.StopAsync();
            var delivery = Assert.Single(delivering.GetDeliveries());
            Assert.Equal(DeduplicationOutcome.TestLead, delivery.Outcome);
        }
    }

    [Fact]
    public async Task HttpsBodyReadThenSubmitted_ArrayWithOneBadRecord_AcceptsTheRestAndDeadLettersTheBadOneWithItsRawJson()
    {
        var sink = new InMemoryLeadSink();
        var deadLetters = new RecordingDeadLetterSink();
        await using var harness = PipelineHarness.Create(b => b.AddSink(sink).UseDeadLetterSink(deadLetters));
        var body = """
            [
              {"UserDetails":{"FirstName":"Ana","Email":"ana@fabrikam.example"},"LeadSource":"AppSource-PLT | contoso.crm","ActionCode":"PLT"},
              {"UserDetails":"not an object","LeadSource":"AppSource-PLT | contoso.crm"},
              {"UserDetails":{"FirstName":"Bo","Email":"bo@fabrikam.example"},"LeadSource":"AzurePortal-Create | contoso.crm","ActionCode":"Create"}
            ]
            """;

        var results = await harness.SubmitHttpsBodyAsync(Encoding.UTF8.GetBytes(body));
        await harness.Processor.StopAsync();

        Assert.Equal([LeadSubmitStatus.Accepted, LeadSubmitStatus.Rejected, LeadSubmitStatus.Accepted], results.Select(r => r.Status));
        Assert.Equal(2, sink.Count);
        var rejected = results[1];
        Assert.NotNull(rejected.Error);
        Assert.Null(rejected.LeadId);
        var deadLetter = Assert.Single(deadLetters.Received);
        Assert.Equal(LeadDeadLetterKind.Rejected, deadLetter.Kind);
        Assert.Contains("not an object", deadLetter.RawPayload, StringComparison.Ordinal);
        Assert.Equal(rejected.Error, deadLetter.ReadError);
        var journaled = await harness.Journal.ReadDeadLettersAsync(CancellationToken.None).ToListAsync();
        Assert.Equal(deadLetter, Assert.Single(journaled));
    }

    [Fact]
    public async Task HttpsBodyReadThenSubmitted_NotJson_IsRejectedWithTheRawBodyKept()
    {
        var deadLetters = new RecordingDeadLetterSink();
        await using var harness = PipelineHarness.Create(b => b.AddSink(new InMemoryLeadSink()).UseDeadLetterSink(deadLetters));

        var results = await harness.SubmitHttpsBodyAsync(Encoding.UTF8.GetBytes("{\"UserDetails\": {\"Email\": "));
        await harness.Processor.StopAsync();

        var result = Assert.Single(results);
        Assert.Equal(LeadSubmitStatus.Rejected, result.Status);
        Assert.Contains("UserDetails", Assert.Single(deadLetters.Received).RawPayload, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SubmitReadResult_Error_IsRejectedAndJournaled()
    {
        await using var harness = PipelineHarness.Create(b => b.AddSink(new InMemoryLeadSink()));
        var error = new LeadReadError { Channel = LeadChannel.Csv, Reason = "missing LeadSource", RecordIndex = 4, LineNumber = 5, RawText = "a,b,c" };

        var result = await harness.Processor.SubmitAsync(new LeadReadResult(error));

        Assert.Equal(LeadSubmitStatus.Rejected, result.Status);
        var journaled = Assert.Single(await harness.Journal.ReadDeadLettersAsync(CancellationToken.None).ToListAsync());
        Assert.Equal("a,b,c", journaled.RawPayload);
        Assert.Equal("missing LeadSource", journaled.Reason);
    }

    [Fact]
    public async Task Stop_DrainsEverythingQueuedAndFlushesTheSinks()
    {
        var sink = new FlushCountingSink { Behaviour = (_, _, ct) => Task.Delay(2, ct) };
        await using var harness = PipelineHarness.Create(b => b.AddSink(sink), o => o.MaxBatchSize = 7);
        var leads = TestLeads.People(200);
        foreach (var lead in leads)
        {
            await harness.Processor.SubmitAsync(lead);
        }

        await harness.Processor.StopAsync();

        Assert.Equal(leads.Select(l => l.Id).Order(), sink.CommittedIds.Order());
        Assert.Equal(1, sink.Flushes);
        Assert.False(sink.Overlapped);
        Assert.All(sink.BatchSizes, size => Assert.InRange(size, 1, 7));
        Assert.Equal(0, harness.Pipeline.InFlight);
        Assert.Empty(await harness.Journal.ReadPendingAsync(CancellationToken.None).ToListAsync());
        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await harness.Processor.SubmitAsync(TestLeads.Person(999)));
    }

    [Fact]
    public async Task SeveralSinks_EachGetsEveryLead_AndASlowOneDoesNotHoldBackTheOthers()
    {
        var fast = new InMemoryLeadSink();
        var gate = new TaskCompletionSource();
        var slow = new RecordingSink { Behaviour = (_, _, ct) => gate.Task.WaitAsync(ct) };
        await using var harness = PipelineHarness.Create(b => b.AddSink(fast, "fast").AddSink(slow, "slow"));
        var leads = TestLeads.People(20);
        foreach (var lead in leads)
        {
            await harness.Processor.SubmitAsync(lead);
        }

        await fast.WaitForCountAsync(20).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Empty(slow.Committed);
        Assert.Equal(20, harness.Pipeline.InFlight);
        gate.SetResult();
        await slow.WaitForCommittedAsync(20);
        await harness.Processor.StopAsync();
        Assert.Equal(0, harness.Pipeline.InFlight);
    }

    [Fact]
    public async Task Observer_SeesAcceptedDeduplicatedAndDelivered_AndAThrowingObserverChangesNothing()
    {
        var sink = new InMemoryLeadSink();
        var observer = new RecordingObserver();
        await using var harness = PipelineHarness.Create(b => b.AddSink(sink, "memory").AddObserver(new ThrowingObserver()).AddObserver(observer));
        var leads = TestLeads.People(5);
        foreach (var lead in leads)
        {
            await harness.Processor.SubmitAsync(lead);
        }

        await harness.Processor.StopAsync();

        Assert.Equal(5, sink.Count);
        Assert.Equal(leads.Select(l => l.Id), observer.Accepted.Select(l => l.Id));
        Assert.Equal(leads.Select(l => l.Id), observer.Deduplicated.Select(d => d.Lead.Id));
        Assert.Equal(5, observer.Delivered.Where(d => d.Sink == "memory").Sum(d => d.Count));
    }

    [Fact]
    public async Task NamedPipelines_AreSeparate()
    {
        var services = new ServiceCollection();
        var a = new InMemoryLeadSink();
        var b = new InMemoryLeadSink();
        services.AddMarketplaceLeads("a").AddSink(a);
        services.AddMarketplaceLeads("b", o => o.MaxBatchSize = 1).AddSink(b);
        await using var provider = services.BuildServiceProvider();
        var first = provider.GetRequiredKeyedService<ILeadPipeline>("a");
        var second = provider.GetRequiredKeyedService<ILeadPipeline>("b");
        var lead = TestLeads.Person(1);

        await first.SubmitAsync(lead);
        Assert.Equal(LeadSubmitStatus.Accepted, (await second.SubmitAsync(lead)).Status);
        await first.StopAsync();
        await second.StopAsync();

        Assert.Equal("a", first.Name);
        Assert.Single(a.GetDeliveries());
        Assert.Single(b.GetDeliveries());
        Assert.Null(provider.GetService<ILeadPipeline>());
    }

    [Fact]
    public async Task AddMarketplaceLeads_CalledTwice_RegistersOnePipelineWithBothConfigurations()
    {
        var services = new ServiceCollection();
        var sink = new InMemoryLeadSink();
        services.AddMarketplaceLeads(o => o.MaxBatchSize = 3).AddSink(sink);
        services.AddMarketplaceLeads(o => o.QueueCapacity = 50);
        await using var provider = services.BuildServiceProvider();

        Assert.Single(services, d => d.ServiceType == typeof(ILeadPipeline));
        var options = provider.GetRequiredService<IOptionsMonitor<MarketplaceLeadsOptions>>().Get(Options.DefaultName);
        Assert.Equal(3, options.MaxBatchSize);
        Assert.Equal(50, options.QueueCapacity);
        await provider.GetRequiredService<ILeadPipeline>().SubmitAsync(TestLeads.Person(3));
    }

    private sealed class FlushCountingSink : RecordingSink, IFlushableLeadSink
    {
        private readonly System.Collections.Concurrent.ConcurrentQueue<int> _sizes = new();

        public int Flushes { get; private set; }

        public int[] BatchSizes => [.. _sizes];

        public ValueTask FlushAsync(CancellationToken cancellationToken)
        {
            Flushes++;
            return ValueTask.CompletedTask;
        }

        public override async ValueTask WriteBatchAsync(System.Collections.Generic.IReadOnlyList<LeadDelivery> batch, CancellationToken cancellationToken)
        {
            _sizes.Enqueue(batch.Count);
            await base.WriteBatchAsync(batch, cancellationToken);
        }
    }

    private sealed class ThrowingObserver : LeadPipelineObserver
    {
        public override void OnAccepted(Lead lead) => throw new InvalidOperationException("observer bug");

        public override void OnDelivered(string sink, System.Collections.Generic.IReadOnlyList<LeadDelivery> batch, int attempt) => throw new InvalidOperationException("observer bug");
    }
}
