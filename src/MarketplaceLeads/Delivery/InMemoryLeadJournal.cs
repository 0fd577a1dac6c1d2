using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;

namespace MarketplaceLeads.Delivery;

/// <summary>
/// The default <see cref="ILeadJournal"/>: in memory, so it survives a pipeline restart inside one process (and makes
/// a marketplace retry a no-op for the life of the process) but not a process exit. A lead that every sink has is
/// kept only as its id.
/// </summary>
internal sealed class InMemoryLeadJournal : ILeadJournal
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

    private sealed class Entry(Lead? lead, DateTimeOffset acceptedAt, long sequence, List<string> pending)
    {
        private Lead? _lead = lead;

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
