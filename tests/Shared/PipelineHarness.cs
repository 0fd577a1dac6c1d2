using System;
using System.Threading.Tasks;
using MarketplaceLeads.Deduplication;
using MarketplaceLeads.Delivery;
using Microsoft.Extensions.DependencyInjection;

namespace MarketplaceLeads.Testing;

/// <summary>A service provider with the default pipeline configured for a test (every test project's one harness); fast retries unless the test says otherwise.</summary>
internal sealed class PipelineHarness : IAsyncDisposable
{
    private PipelineHarness(ServiceProvider provider)
    {
        Provider = provider;
        Processor = provider.GetRequiredService<ILeadPipeline>();
    }

    public ServiceProvider Provider { get; }

    public ILeadPipeline Processor { get; }

    public ILeadJournal Journal => Provider.GetRequiredService<ILeadJournal>();

    public static PipelineHarness Create(Action<IMarketplaceLeadsBuilder> configure, Action<MarketplaceLeadsOptions>? options = null, Action<IServiceCollection>? services = null)
    {
        var collection = new ServiceCollection();
        services?.Invoke(collection);
        var builder = collection.AddMarketplaceLeads(o =>
        {
            o.RetryBaseDelay = TimeSpan.FromMilliseconds(1);
            o.RetryMaxDelay = TimeSpan.FromMilliseconds(20);
            o.BatchDelay = TimeSpan.FromMilliseconds(5);
            o.ShutdownTimeout = TimeSpan.FromSeconds(20);
            options?.Invoke(o);
        });
        configure(builder);
        return new PipelineHarness(collection.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true }));
    }

    /// <summary>The options of the durable journals' crash tests: small batches and short delays, so that a pipeline stopped without draining (<paramref name="shutdownTimeout"/> zero) leaves some leads delivered and some pending.</summary>
    public static Action<MarketplaceLeadsOptions> CrashTestOptions(TimeSpan shutdownTimeout) => o =>
    {
        o.ShutdownTimeout = shutdownTimeout;
        o.MaxBatchSize = 8;
        o.BatchDelay = TimeSpan.FromMilliseconds(2);
        o.RetryBaseDelay = TimeSpan.FromMilliseconds(1);
    };

    /// <summary>Reads an HTTPS body as the endpoint does (every record, on the provider's clock, raw payloads kept) and submits each record.</summary>
    public static async Task<LeadSubmitResult[]> SubmitHttpsBodyAsync(ILeadPipeline processor, IServiceProvider provider, byte[] body)
    {
        var reader = new LeadReader(new LeadReaderOptions { ErrorPolicy = LeadReadErrorPolicy.SkipAndReport, TimeProvider = provider.GetService<TimeProvider>() ?? TimeProvider.System });
        var records = reader.ReadHttpsPayloads(body);
        var results = new LeadSubmitResult[records.Count];
        for (var i = 0; i < records.Count; i++)
        {
            results[i] = await processor.SubmitAsync(records[i]);
        }

        return results;
    }

    /// <inheritdoc cref="SubmitHttpsBodyAsync(ILeadPipeline, IServiceProvider, byte[])"/>
    public Task<LeadSubmitResult[]> SubmitHttpsBodyAsync(byte[] body) => SubmitHttpsBodyAsync(Processor, Provider, body);

    /// <summary>Shares one journal and one de-duplicator between pipelines, standing in for a durable store that outlives a process.</summary>
    public static Action<IServiceCollection> SharedState(ILeadJournal journal, ILeadDeduplicator deduplicator) => services =>
    {
        services.AddSingleton(journal);
        services.AddSingleton(deduplicator);
    };

    public async ValueTask DisposeAsync() => await Provider.DisposeAsync();
}
