using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using MarketplaceLeads.Lifecycle;

namespace MarketplaceLeads.Delivery;

/// <summary>
/// A sink that keeps every delivery in memory, in the order written, and the profile changes reviews made
/// (<see cref="IProfileChangeSink"/>): for tests, samples and small applications that read the leads back in-process.
/// Thread-safe.
/// </summary>
/// <example>
/// <code>
/// var sink = new InMemoryLeadSink();
/// services.AddMarketplaceLeads().AddSink(sink);
/// // … submit leads, then:
/// await sink.WaitForCountAsync(3, cancellationToken);
/// </code>
/// </example>
public sealed class InMemoryLeadSink : IProfileChangeSink, ILeadErasureSink
{
    private readonly List<LeadDelivery> _deliveries = [];
    private readonly List<(int Count, TaskCompletionSource Signal)> _waiters = [];
    private readonly List<ProfileChange> _changes = [];

    /// <summary>Gets the number of deliveries written so far.</summary>
    public int Count
    {
        get
        {
            lock (_deliveries)
            {
                return _deliveries.Count;
            }
        }
    }

    /// <summary>Gets a snapshot of the deliveries written so far, in order.</summary>
    /// <returns>The deliveries.</returns>
    public IReadOnlyList<LeadDelivery> GetDeliveries()
    {
        lock (_deliveries)
        {
            return [.. _deliveries];
        }
    }

    /// <summary>Gets a snapshot of the profile changes written so far, in review order (a change sent again after a restart is kept again, with <see cref="ProfileChange.IsRedelivery"/>).</summary>
    /// <returns>The changes.</returns>
    public IReadOnlyList<ProfileChange> GetProfileChanges()
    {
        lock (_deliveries)
        {
            return [.. _changes];
        }
    }

    /// <inheritdoc/>
    public ValueTask WriteProfileChangesAsync(IReadOnlyList<ProfileChange> changes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changes);
        lock (_deliveries)
        {
            _changes.AddRange(changes);
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc/>
    public ValueTask WriteBatchAsync(IReadOnlyList<LeadDelivery> batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        List<TaskCompletionSource>? reached = null;
        lock (_deliveries)
        {
            _deliveries.AddRange(batch);
            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (_waiters[i].Count <= _deliveries.Count)
                {
                    (reached ??= []).Add(_waiters[i].Signal);
                    _waiters.RemoveAt(i);
                }
            }
        }

        reached?.ForEach(static signal => signal.TrySetResult());
        return ValueTask.CompletedTask;
    }

    /// <summary>Waits until at least <paramref name="count"/> deliveries have been written.</summary>
    /// <param name="count">The number of deliveries to wait for.</param>
    /// <param name="cancellationToken">Ends the wait.</param>
    /// <returns>A task that completes when the count is reached.</returns>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was signalled first.</exception>
    public Task WaitForCountAsync(int count, CancellationToken cancellationToken = default)
    {
        TaskCompletionSource signal;
        lock (_deliveries)
        {
            if (_deliveries.Count >= count)
            {
                return Task.CompletedTask;
            }

            signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((count, signal));
        }

        return signal.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Removes every delivery and profile change kept so far.</summary>
    public void Clear()
    {
        lock (_deliveries)
        {
            _deliveries.Clear();
            _changes.Clear();
        }
    }

    /// <summary>Removes the deliveries of the customer's leads or profiles, and the profile changes about the profiles.</summary>
    /// <param name="request">The erasure.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The counts: <c>deliveries</c> and <c>profile changes</c>.</returns>
    public ValueTask<IReadOnlyDictionary<string, int>> EraseAsync(ErasureRequest request, CancellationToken cancellationToken)
    {
        var match = new ErasureMatch(request);
        int deliveries, changes;
        lock (_deliveries)
        {
            deliveries = _deliveries.RemoveAll(delivery => match.HoldsLead(delivery.Lead.Id) || match.HoldsProfile(delivery.Profile.Id));
            changes = _changes.RemoveAll(change => change.Profiles.Any(profile => match.HoldsProfile(profile.Id)) || change.RemovedProfiles.Any(match.HoldsProfile));
        }

        return ValueTask.FromResult<IReadOnlyDictionary<string, int>>(new Dictionary<string, int>(StringComparer.Ordinal) { ["deliveries"] = deliveries, ["profile changes"] = changes });
    }
}
