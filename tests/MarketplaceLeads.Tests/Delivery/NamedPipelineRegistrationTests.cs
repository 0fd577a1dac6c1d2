using System;
using System.IO;
using System.Threading.Tasks;
using MarketplaceLeads.Delivery;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MarketplaceLeads.Tests;

/// <summary>Issue #17: every <c>Use…</c>/<c>Add…</c> called on a named pipeline's builder configures that pipeline only.</summary>
public sealed class NamedPipelineRegistrationTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "ml-named-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task JournalDeadLetterSinkObserverAndFileSink_OfPipelineB_DoNotReachPipelineA()
    {
        var services = new ServiceCollection();
        var observerA = new RecordingObserver();
        services.AddMarketplaceLeads("a", o =>
            {
                o.MaxDeliveryAttempts = 1;
                o.BatchDelay = TimeSpan.Zero;
            })
            .AddSink(static (_, _) => throw new LeadSinkException("refused", isTransient: false), "refusing")
            .AddObserver(observerA);
        var journalB = new InMemoryLeadJournal();
        var deadLettersB = new RecordingDeadLetterSink();
        var observerB = new RecordingObserver();
        var file = Path.Combine(_folder, "b.jsonl");
        services.AddMarketplaceLeads("b", o => o.MaxBatchSize = 1)
            .AddJsonLinesFileSink(o => o.Path = file)
            .UseLeadJournal(_ => journalB)
            .UseDeadLetterSink(deadLettersB)
            .AddObserver(observerB);
        await using var provider = services.BuildServiceProvider();
        var a = provider.GetRequiredKeyedService<ILeadPipeline>("a");
        var b = provider.GetRequiredKeyedService<ILeadPipeline>("b");
        var first = TestLeads.Person(1);
        var second = TestLeads.Person(2);

        await a.StartAsync();
        await a.SubmitAsync(first);
        await observerA.WaitAsync(o => !o.DeadLetters.IsEmpty);
        await a.StopAsync();

        Assert.Equal(100, provider.GetRequiredService<IOptionsMonitor<MarketplaceLeadsOptions>>().Get("a").MaxBatchSize); // b's MaxBatchSize
        Assert.Empty(observerB.Accepted);
        Assert.Empty(deadLettersB.Received);
        Assert.Null(await journalB.FindLeadTimeAsync(first.Id, default));
        Assert.False(File.Exists(file));

        await b.StartAsync();
        await b.SubmitAsync(second);
        await b.StopAsync();

        Assert.Equal(second.Id, Assert.Single(observerB.Accepted).Id);
        Assert.Equal(first.Id, Assert.Single(observerA.Accepted).Id);
        Assert.NotNull(await journalB.FindLeadTimeAsync(second.Id, default));
        Assert.Single(File.ReadAllLines(file));
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}
