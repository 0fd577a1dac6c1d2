using System;
using System.Collections.Generic;
using System.Diagnostics.Metrics;
using System.Linq;
using MarketplaceLeads.Deduplication;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MarketplaceLeads.Delivery;

/// <summary>Builds a pipeline from what a service provider holds for its name.</summary>
internal static class LeadPipelineFactory
{
    public static LeadPipeline Create(IServiceProvider provider, string name)
    {
        var options = provider.GetRequiredService<IOptionsMonitor<MarketplaceLeadsOptions>>().Get(name);
        var registrations = provider.GetServices<SinkRegistration>().Where(s => s.Pipeline == name).ToList();
        PipelineRegistrationValidator.ThrowIfInvalid(name, registrations);
        var sinks = new List<ResolvedSink>(registrations.Count);
        foreach (var registration in registrations)
        {
            sinks.Add(registration.Resolve(provider));
        }

        var deadLetter = provider.GetServices<DeadLetterSinkRegistration>().LastOrDefault(d => d.Sink.Pipeline == name)?.Sink.Resolve(provider);
        var observers = provider.GetServices<ObserverRegistration>().Where(o => o.Pipeline == name).Select(o => o.Factory(provider)).ToList();
        var journal = name.Length == 0
            ? provider.GetRequiredService<ILeadJournal>()
            : provider.GetKeyedService<ILeadJournal>(name) ?? new InMemoryLeadJournal();
        return new LeadPipeline(
            name,
            options,
            sinks,
            deadLetter,
            journal,
            (name.Length == 0 ? null : provider.GetKeyedService<ILeadDeduplicator>(name)) ?? provider.GetRequiredService<ILeadDeduplicator>(),
            observers,
            provider.GetService<TimeProvider>() ?? TimeProvider.System,
            provider.GetService<ILoggerFactory>()?.CreateLogger("MarketplaceLeads.Delivery.LeadPipeline"),
            provider.GetService<IMeterFactory>());
    }
}
