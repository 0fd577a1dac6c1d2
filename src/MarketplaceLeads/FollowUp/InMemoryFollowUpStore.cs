using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace MarketplaceLeads.FollowUp;

/// <summary>The default <see cref="IFollowUpStore"/>: in memory, for the life of the process.</summary>
public sealed class InMemoryFollowUpStore : IFollowUpStore
{
    private readonly List<FollowUpAlertRecord> _alerts = [];
    private FollowUpLog _log = FollowUpLog.Empty;

    /// <inheritdoc/>
    public ValueTask RecordAsync(FollowUpTouch touch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(touch);
        cancellationToken.ThrowIfCancellationRequested();
        FollowUpLog current, next;
        do
        {
            current = Volatile.Read(ref _log);
            next = current.Record(touch);
        }
        while (!ReferenceEquals(Interlocked.CompareExchange(ref _log, next, current), current));

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc/>
    public ValueTask<FollowUpLog> ReadLogAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(Volatile.Read(ref _log));
    }

    /// <inheritdoc/>
    public ValueTask<bool> AddAlertAsync(FollowUpAlertRecord alert, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(alert);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_alerts)
        {
            if (_alerts.FindIndex(a => a.LeadId == alert.LeadId && a.Kind == alert.Kind) >= 0)
            {
                return ValueTask.FromResult(false);
            }

            _alerts.Add(alert);
            return ValueTask.FromResult(true);
        }
    }

    /// <inheritdoc/>
    public ValueTask SetAlertStateAsync(LeadId leadId, FollowUpAlertKind kind, FollowUpAlertState state, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_alerts)
        {
            var index = _alerts.FindIndex(a => a.LeadId == leadId && a.Kind == kind);
            if (index >= 0)
            {
                _alerts[index] = _alerts[index] with { State = state };
            }
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc/>
    public ValueTask<IReadOnlyList<FollowUpAlertRecord>> ReadAlertsAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_alerts)
        {
            return ValueTask.FromResult<IReadOnlyList<FollowUpAlertRecord>>([.. _alerts]);
        }
    }
}
