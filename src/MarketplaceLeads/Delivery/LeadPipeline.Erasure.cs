using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using MarketplaceLeads.Deduplication;
using MarketplaceLeads.Lifecycle;

namespace MarketplaceLeads.Delivery;

/// <summary>The pipeline's part in the customer's data lifecycle (<see cref="ILeadErasure"/>, through <see cref="LeadErasure"/>).</summary>
internal sealed partial class LeadPipeline
{
    /// <summary>The journal, the de-duplication store, the sinks and the dead-letter sink: what an erasure or retention tells, when it implements <see cref="ILeadErasureSink"/>.</summary>
    private readonly object[] _stores;

    private static object[] StoresOf(ILeadJournal journal, ILeadDeduplicator deduplicator, IReadOnlyList<ResolvedSink> sinks, ResolvedSink? deadLetterSink) =>
        [journal, deduplicator is LeadDeduplicator { Store: var store } ? store : deduplicator, .. sinks.Select(static s => s.Instance), .. deadLetterSink is null ? Array.Empty<object>() : [deadLetterSink.Instance]];

    /// <summary>Erases a customer in the dispatcher's turn (between two leads), once the sinks have written what was dispatched before: the request is built from the de-duplication store, then every store that implements <see cref="ILeadErasureSink"/> is told, once each.</summary>
    internal async Task<ErasureReceipt> EraseAsync(Func<ILeadDeduplicationStore, Task<ErasureRequest>> find, IEnumerable<object?> more, CancellationToken cancellationToken)
    {
        await _dispatchTurn.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (Volatile.Read(ref _state) == Running && !_workersCompleted)
            {
                // Nothing is dispatched while the turn is held; what was is written first, so that it cannot bring the data back.
                await Task.WhenAll(_workers.Select(static worker => worker.DrainedAsync())).WaitAsync(cancellationToken).ConfigureAwait(false);
            }

            var store = _deduplicator is LeadDeduplicator deduplicator ? deduplicator.Store
                : throw new InvalidOperationException($"Lead pipeline '{Name}' de-duplicates with a custom {_deduplicator.GetType().Name}; erase through its store and sinks directly.");
            var request = await find(store).ConfigureAwait(false);
            var counts = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var target in Targets(more))
            {
                foreach (var (name, count) in await target.EraseAsync(request, cancellationToken).ConfigureAwait(false))
                {
                    counts[name] = counts.GetValueOrDefault(name) + count;
                }
            }

            var receipt = ErasureReceipt.For(request, _time.GetUtcNow(), counts);
            PipelineLog.Erased(_events.Logger, Name, receipt.ErasureId, receipt.ProfileIds.Count, receipt.LeadIds.Count, receipt.Total);
            return receipt;
        }
        finally
        {
            _dispatchTurn.Release();
        }
    }

    /// <summary>Applies the retention periods of the pipeline's options to every store that implements <see cref="ILeadErasureSink"/>.</summary>
    internal async Task<RetentionReceipt> ApplyRetentionAsync(IEnumerable<object?> more, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var receipt = new RetentionReceipt { RawPayloadsBefore = now - _options.RawPayloadRetention, DeadLettersBefore = now - _options.DeadLetterRetention };
        if (receipt.RawPayloadsBefore is null && receipt.DeadLettersBefore is null)
        {
            return receipt;
        }

        foreach (var target in Targets(more))
        {
            receipt = receipt.Add(await target.ApplyRetentionAsync(receipt.RawPayloadsBefore, receipt.DeadLettersBefore, cancellationToken).ConfigureAwait(false));
        }

        PipelineLog.RetentionApplied(_events.Logger, Name, receipt.RawPayloadsDropped, receipt.DeadLettersDropped);
        return receipt;
    }

    /// <summary>The stores to tell, each once (a database's journal and sink may be one object).</summary>
    private IEnumerable<ILeadErasureSink> Targets(IEnumerable<object?> more) =>
        _stores.Concat(more).OfType<ILeadErasureSink>().Distinct(ReferenceEqualityComparer.Instance).Cast<ILeadErasureSink>();
}
