using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace MarketplaceLeads.Delivery;

/// <summary>
/// Receives de-duplicated leads from the pipeline, a batch at a time: a CRM, a database, a file, a queue, a webhook.
/// </summary>
/// <remarks>
/// <para>
/// A sink does one thing: write the batch, or throw. The pipeline owns everything else: batching, the bounded queue,
/// retries with exponential back-off and jitter, per-attempt time-outs, dead-lettering, and recording progress in the
/// <see cref="ILeadJournal"/>. A sink must not catch and swallow its own failures: an exception (any type) tells the
/// pipeline that the batch was not written. Throw a <see cref="LeadSinkException"/> to pass a retry-after hint or to
/// say that retrying cannot help.
/// </para>
/// <para>
/// Calls to one sink never overlap: the pipeline awaits each call before it makes the next (the one exception is a
/// call that ignores its cancellation token past its time-out, which the pipeline abandons). A batch is never empty.
/// Delivery is at least once: after a crash or a time-out a sink can see a lead again, flagged with
/// <see cref="LeadDelivery.IsRedelivery"/>; a sink that must be exactly-once upserts by <see cref="Lead.Id"/>.
/// </para>
/// <para>Optional capabilities are discovered by type test: <see cref="IFlushableLeadSink"/> (flushed on shutdown after the last batch), <see cref="IProfileChangeSink"/> (told when a review merges or splits profiles) and
/// <see cref="System.IAsyncDisposable"/> / <see cref="System.IDisposable"/> (disposed by the pipeline when it created the sink).</para>
/// </remarks>
public interface ILeadSink
{
    /// <summary>Writes a batch of deliveries.</summary>
    /// <param name="batch">The deliveries, oldest accepted first; never empty. Valid only until the returned task completes.</param>
    /// <param name="cancellationToken">Signalled when the attempt times out or the pipeline stops without draining.</param>
    /// <returns>A task that completes when every delivery in the batch is written.</returns>
    ValueTask WriteBatchAsync(IReadOnlyList<LeadDelivery> batch, CancellationToken cancellationToken);
}
