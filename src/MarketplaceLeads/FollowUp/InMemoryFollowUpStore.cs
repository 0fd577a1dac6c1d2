using System;
using System.Collections.Generic;
using System.Threading;
using System.Linq;
using System.Threading.Tasks;
using MarketplaceLeads.Lifecycle;

namespace MarketplaceLeads.FollowUp;

/// <summary>The default <see cref="IFollowUpStore"/>: in memory, for the life of the process.</summary>
public sealed class InMemoryFollowUpStore : IFollowUpStore, ILeadErasureSink
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

    /// <summary>Removes the touches recorded for the customer's profiles or leads, and the alerts about the leads.</summary>
    /// <param name="request">The erasure.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The counts: <c>follow-up touches</c> and <c>follow-up alerts</c>.</returns>
    public ValueTask<IReadOnlyDictionary<string, int>> EraseAsync(ErasureRequest request, CancellationToken cancellationToken)
    {
        var match = new ErasureMatch(request);
        cancellationToken.ThrowIfCancellationRequested();
        bool Erased(FollowUpTouch touch) => match.HoldsProfile(touch.ProfileId) || touch.Leads.Any(match.HoldsLead);
        FollowUpLog current, next;
        int touches;
        do
        {
            current = Volatile.Read(ref _log);
            touches = current.Touches.Count(Erased);
            next = touches == 0 ? current : FollowUpLog.Create(current.Touches.Where(touch => !Erased(touch)));
        }
        while (!ReferenceEquals(Interlocked.CompareExchange(ref _log, next, current), current));

        int alerts;
        lock (_alerts)
        {
            alerts = _alerts.RemoveAll(alert => match.HoldsLead(alert.LeadId));
        }

        return ValueTask.FromResult<IReadOnlyDictionary<string, int>>(new Dictionary<string, int>(StringComparer.Ordinal) { ["follow-up touches"] = touches, ["follow-up alerts"] = alerts });
    }
}
