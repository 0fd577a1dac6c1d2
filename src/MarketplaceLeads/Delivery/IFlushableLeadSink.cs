using System.Threading;
using System.Threading.Tasks;

namespace MarketplaceLeads.Delivery;

/// <summary>An optional capability of an <see cref="ILeadSink"/> that buffers: the pipeline flushes it on shutdown, after the last batch it delivers.</summary>
public interface IFlushableLeadSink : ILeadSink
{
    /// <summary>Writes whatever the sink has buffered.</summary>
    /// <param name="cancellationToken">Signalled when the shutdown time-out runs out.</param>
    /// <returns>A task that completes when the buffered data is written.</returns>
    ValueTask FlushAsync(CancellationToken cancellationToken);
}
