using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace MarketplaceLeads.Delivery;

/// <summary>Starts every registered lead pipeline with a generic host (recovering what the journal holds) and drains them when the host stops.</summary>
internal sealed class LeadPipelineHostedService(IServiceProvider provider, IEnumerable<PipelineRegistration> pipelines) : IHostedService
{
    private readonly List<ILeadPipeline> _started = [];

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var pipeline in pipelines)
        {
            var processor = pipeline.Name.Length == 0
                ? provider.GetRequiredService<ILeadPipeline>()
                : provider.GetRequiredKeyedService<ILeadPipeline>(pipeline.Name);
            await processor.StartAsync(cancellationToken).ConfigureAwait(false);
            _started.Add(processor);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        var stops = new List<Task>(_started.Count);
        foreach (var processor in _started)
        {
            stops.Add(processor.StopAsync(cancellationToken));
        }

        await Task.WhenAll(stops).ConfigureAwait(false);
    }
}
