using System;
using System.Threading.Tasks;
using MarketplaceLeads.Delivery;
using Microsoft.Extensions.DependencyInjection;

namespace MarketplaceLeads.Http.Tests;

/// <summary>A service provider with the default pipeline configured for a test; fast retries unless the test says otherwise.</summary>
internal sealed class PipelineHarness : IAsyncDisposable
{
    private PipelineHarness(ServiceProvider provider)
    {
        Provider = provider;
        Processor = provider.GetRequiredService<ILeadProcessor>();
    }

    public ServiceProvider Provider { get; }

    public ILeadProcessor Processor { get; }

    public static PipelineHarness Create(Action<IMarketplaceLeadsBuilder> configure, Action<MarketplaceLeadsOptions>? options = null)
    {
        var collection = new ServiceCollection();
        var builder = collection.AddMarketplaceLeads(o =>
        {
            o.RetryBaseDelay = TimeSpan.FromMilliseconds(1);
            o.RetryMaxDelay = TimeSpan.FromMilliseconds(20);
            o.BatchDelay = TimeSpan.FromMilliseconds(5);
            o.AttemptTimeout = TimeSpan.FromSeconds(5);
            o.ShutdownTimeout = TimeSpan.FromSeconds(10);
            options?.Invoke(o);
        });
        configure(builder);
        return new PipelineHarness(collection.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true }));
    }

    public async ValueTask DisposeAsync() => await Provider.DisposeAsync();
}
