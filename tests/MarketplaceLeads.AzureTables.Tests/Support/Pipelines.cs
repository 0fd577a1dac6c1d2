using System;
using MarketplaceLeads.Delivery;
using Microsoft.Extensions.DependencyInjection;

namespace MarketplaceLeads.AzureTables.Tests.Support;

/// <summary>A real pipeline in a service provider, with an in-memory sink and a dead-letter collector.</summary>
internal static class Pipelines
{
    public static ServiceProvider Build(InMemoryLeadSink sink, RecordingDeadLetterSink? deadLetters = null, Action<IMarketplaceLeadsBuilder>? configure = null, Action<MarketplaceLeadsOptions>? options = null)
    {
        var services = new ServiceCollection();
        var builder = services.AddMarketplaceLeads(o =>
        {
            o.BatchDelay = TimeSpan.FromMilliseconds(2);
            o.RetryBaseDelay = TimeSpan.FromMilliseconds(1);
            o.ShutdownTimeout = TimeSpan.FromSeconds(20);
            options?.Invoke(o);
        }).AddSink(sink, "memory");
        if (deadLetters is not null)
        {
            builder.UseDeadLetterSink(deadLetters);
        }

        configure?.Invoke(builder);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
    }
}
