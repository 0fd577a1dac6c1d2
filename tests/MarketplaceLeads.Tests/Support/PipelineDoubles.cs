using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using MarketplaceLeads.Delivery;

namespace MarketplaceLeads.Tests;

/// <summary>
/// A sink that records what it committed and can be told how to fail: <see cref="Behaviour"/> runs before each
/// commit and may throw, delay or hang. Counts every call and every committed lead (with its redelivery flag).
/// </summary>
internal class RecordingSink : ILeadSink
{
    private readonly ConcurrentQueue<LeadDelivery> _committed = new();
    private int _calls;
    private int _active;

    /// <summary>Runs before a batch is committed (call number from 1, the batch, the token); throw to fail the call.</summary>
    public Func<int, IReadOnlyList<LeadDelivery>, CancellationToken, Task>? Behaviour { get; set; }

    public int Calls => Volatile.Read(ref _calls);

    /// <summary>Set when two calls ever overlapped (the pipeline promises they never do, except an abandoned call).</summary>
    public bool Overlapped { get; private set; }

    public IReadOnlyList<LeadDelivery> Committed => [.. _committed];

    public IReadOnlyList<LeadId> CommittedIds => [.. _committed.Select(d => d.Lead.Id)];

    public virtual async ValueTask WriteBatchAsync(IReadOnlyList<LeadDelivery> batch, CancellationToken cancellationToken)
    {
        var call = Interlocked.Increment(ref _calls);
        if (Interlocked.Increment(ref _active) > 1)
        {
            Overlapped = true;
        }

        try
        {
            if (Behaviour is { } behaviour)
            {
                await behaviour(call, batch, cancellationToken);
            }

            foreach (var delivery in batch)
            {
                _committed.Enqueue(delivery);
            }
        }
        finally
        {
            Interlocked.Decrement(ref _active);
        }
    }

    public async Task WaitForCommittedAsync(int count, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (_committed.Count < count)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The sink committed {_committed.Count} of {count} leads.");
            }

            await Task.Delay(5);
        }
    }
}
