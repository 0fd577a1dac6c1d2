using System;

namespace MarketplaceLeads.Delivery;

/// <summary>What a builder registered for a pipeline (a sink, the dead-letter sink, or an observer): the pipeline's name, the sink's name, and how to get the instance.</summary>
/// <param name="Pipeline">The pipeline's name (<see cref="string.Empty"/> for the default pipeline).</param>
/// <param name="Name">The sink's name.</param>
/// <param name="Factory">Creates or finds the instance.</param>
/// <param name="Owned"><see langword="true"/> when <paramref name="Factory"/> creates the instance, which the pipeline then disposes.</param>
internal sealed record SinkRegistration(string Pipeline, string Name, Func<IServiceProvider, object> Factory, bool Owned)
{
    public ResolvedSink Resolve(IServiceProvider services) => new(Name, Factory(services), Owned);
}

/// <summary>The dead-letter sink registered for a pipeline (the last registration wins).</summary>
/// <param name="Sink">The registration.</param>
internal sealed record DeadLetterSinkRegistration(SinkRegistration Sink);

/// <summary>An observer registered for a pipeline.</summary>
/// <param name="Pipeline">The pipeline's name.</param>
/// <param name="Factory">Creates or finds the observer.</param>
internal sealed record ObserverRegistration(string Pipeline, Func<IServiceProvider, LeadPipelineObserver> Factory);

/// <summary>Marks a pipeline registered in a service collection, so the hosted service can start every pipeline.</summary>
/// <param name="Name">The pipeline's name.</param>
internal sealed record PipelineRegistration(string Name);
