using System;
using System.Threading.Tasks;

namespace MarketplaceLeads.Delivery;

/// <summary>A sink (or dead-letter sink) as the pipeline uses it: its name, the instance, and whether the pipeline created it (and so disposes it).</summary>
/// <param name="Name">The sink's name, unique in its pipeline; the journal records progress under it.</param>
/// <param name="Instance">The <see cref="ILeadSink"/> or <see cref="ILeadDeadLetterSink"/>.</param>
/// <param name="Owned"><see langword="true"/> when the pipeline created the instance and disposes it on stop.</param>
internal sealed record ResolvedSink(string Name, object Instance, bool Owned)
{
    /// <summary>Gets the instance as a lead sink.</summary>
    public ILeadSink Sink => (ILeadSink)Instance;

    /// <summary>Disposes the instance if the pipeline created it; a failure is reported as the sink's <c>dispose</c> error.</summary>
    public async Task DisposeOwnedAsync(PipelineEvents events)
    {
        if (!Owned)
        {
            return;
        }

        try
        {
            switch (Instance)
            {
                case IAsyncDisposable asyncDisposable:
                    await asyncDisposable.DisposeAsync().ConfigureAwait(false);
                    break;
                case IDisposable disposable:
                    disposable.Dispose();
                    break;
            }
        }
        catch (Exception error)
        {
            events.SinkFailed(Name, "dispose", error);
        }
    }
}
