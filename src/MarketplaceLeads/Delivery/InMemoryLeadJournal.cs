using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using MarketplaceLeads.Lifecycle;

namespace MarketplaceLeads.Delivery;

/// <summary>
/// The default <see cref="ILeadJournal"/>: in memory, so it survives a pipeline restart inside one process (and makes
/// a marketplace retry a no-op for the life of the process) but not a process exit. A lead that every sink has is
/// kept only as its id.
/// </summary>
internal sealed class InMemoryLeadJournal : ILeadJournal, ILeadErasureSink
{
    private readonly ConcurrentDictionary<LeadId, Entry> _entries = new();
    private readonly List<LeadDeadLetter> _deadLetters = [];
    private readonly ConcurrentDictionary<string, long> _changeProgress = new(StringComparer.Ordinal);
    private long _sequence;

    public ValueTask<bool> TryAcceptAsync(Lead lead, DateTimeOffset acceptedAt, IReadOnlyList<string> sinks, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lead);
        ArgumentNullException.ThrowIfNull(sinks);
        cancellationToken.ThrowIfCancellationRequested();
        var entry = new Entry(sinks.Count == 0 ? null : lead, acceptedAt, Interlocked.Increment(ref _sequence), [.. sinks]) { LeadAt = Deduplication.LeadOrder.TimeOf(lead) };
        return ValueTask.FromResult(_entries.TryAdd(lead.Id, entry));
    }

    public ValueTask<DateTimeOffset?> FindLeadTimeAsync(LeadId leadId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(_entries.TryGetValue(leadId, out var entry) ? entry.LeadAt : (DateTimeOffset?)null);
    }

    public ValueTask MarkDeliveredAsync(string sink, IReadOnlyList<LeadId> leads, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sink);
        ArgumentNullException.ThrowIfNull(leads);
        cancellationToken.ThrowIfCancellationRequested();
        foreach (var id in leads)
        {
            if (_entries.TryGetValue(id, out var entry))
            {
                entry.Done(sink);
            }
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask AddDeadLettersAsync(IReadOnlyList<LeadDeadLetter> deadLetters, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deadLetters);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_deadLetters)
        {
            _deadLetters.AddRange(deadLetters);
        }

        foreach (var deadLetter in deadLetters)
        {
            if (deadLetter is { Kind: LeadDeadLetterKind.DeliveryFailed, LeadId: { } id, Sink: { } sink } && _entries.TryGetValue(id, out var entry))
            {
                entry.Done(sink);
            }
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask<long?> GetProfileChangeProgressAsync(string sink, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sink);
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult<long?>(_changeProgress.TryGetValue(sink, out var sequence) ? sequence : null);
    }

    public ValueTask SetProfileChangeProgressAsync(string sink, long sequence, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sink);
        cancellationToken.ThrowIfCancellationRequested();
        _changeProgress.AddOrUpdate(sink, sequence, (_, recorded) => Math.Max(recorded, sequence));
        return ValueTask.CompletedTask;
    }

    public async IAsyncEnumerable<JournaledLead> ReadPendingAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.CompletedTask.ConfigureAwait(false);
        var pending = new List<(long Sequence, JournaledLead Lead)>();
        foreach (var entry in _entries.Values)
        {
            if (entry.Pending() is { } item)
            {
                pending.Add((entry.Sequence, item));
            }
        }

        foreach (var (_, item) in pending.OrderBy(p => p.Sequence))
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return item;
        }
    }

    public async IAsyncEnumerable<LeadDeadLetter> ReadDeadLettersAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.CompletedTask.ConfigureAwait(false);
        LeadDeadLetter[] snapshot;
        lock (_deadLetters)
        {
            snapshot = [.. _deadLetters];
        }

        foreach (var deadLetter in snapshot)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return deadLetter;
        }
    }

    /// <summary>Erases the leads' payloads and pending deliveries, keeping each id and time as a tombstone (a re-delivery stays a no-op), and the dead letters about the customer.</summary>
    public ValueTask<IReadOnlyDictionary<string, int>> EraseAsync(ErasureRequest request, CancellationToken cancellationToken)
    {
        var match = new ErasureMatch(request);
        cancellationToken.ThrowIfCancellationRequested();
        var leads = 0;
        foreach (var id in request.LeadIds)
        {
            if (_entries.TryGetValue(id, out var entry) && entry.Erase())
            {
                leads++;
            }
        }

        int letters;
        lock (_deadLetters)
        {
            letters = _deadLetters.RemoveAll(match.Holds);
        }

        return ValueTask.FromResult<IReadOnlyDictionary<string, int>>(new Dictionary<string, int>(StringComparer.Ordinal) { ["journal"] = leads, ["dead letters"] = letters });
    }

    /// <summary>Drops the raw payloads of pending leads accepted before the cut-off (a delivered lead keeps none), and old dead letters.</summary>
    public ValueTask<RetentionReceipt> ApplyRetentionAsync(DateTimeOffset? rawPayloadsBefore, DateTimeOffset? deadLettersBefore, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var payloads = 0;
        if (rawPayloadsBefore is { } payloadCutOff)
        {
            foreach (var entry in _entries.Values)
            {
                if (entry.DropRawPayload(payloadCutOff))
                {
                    payloads++;
                }
            }
        }

        var letters = 0;
        if (deadLettersBefore is { } letterCutOff)
        {
            lock (_deadLetters)
            {
                letters = _deadLetters.RemoveAll(letter => letter.OccurredAt < letterCutOff);
            }
        }

        return ValueTask.FromResult(new RetentionReceipt { RawPayloadsBefore = rawPayloadsBefore, DeadLettersBefore = deadLettersBefore, RawPayloadsDropped = payloads, DeadLettersDropped = letters });
    }

    private sealed class Entry(Lead? lead, DateTimeOffset acceptedAt, long sequence, List<string> pending)
    {
        private Lead? _lead = lead;

        /// <summary>Forgets the lead and its pending deliveries; its id and time stay.</summary>
        public bool Erase()
        {
            lock (pending)
            {
                var held = _lead is not null || pending.Count != 0;
                _lead = null;
                pending.Clear();
                return held;
            }
        }

        public bool DropRawPayload(DateTimeOffset before)
        {
            lock (pending)
            {
                if (acceptedAt >= before || _lead?.RawPayload is null)
                {
                    return false;
                }

                _lead = _lead with { RawPayload = null };
                return true;
            }
        }

        public long Sequence { get; } = sequence;

        /// <summary>Gets when the lead happened (created, else received).</summary>
        public DateTimeOffset LeadAt { get; init; }

        public void Done(string sink)
        {
            lock (pending)
            {
                if (pending.Remove(sink) && pending.Count == 0)
                {
                    _lead = null;
                }
            }
        }

        public JournaledLead? Pending()
        {
            lock (pending)
            {
                return _lead is null || pending.Count == 0 ? null : new JournaledLead(_lead, acceptedAt, [.. pending]);
            }
        }
    }
}
