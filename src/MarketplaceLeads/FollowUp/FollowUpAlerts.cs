using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using MarketplaceLeads.Deduplication;
using MarketplaceLeads.Delivery;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace MarketplaceLeads.FollowUp;

/// <summary>
/// Raises the reply alerts of the service level: a <see cref="FollowUpAlertKind.Warning"/> when a reply's deadline is
/// within the lead action's <see cref="FollowUpOptions.WarnBefore"/> time, and a <see cref="FollowUpAlertKind.Breach"/>
/// once it has passed, each once per lead, across restarts (the state is kept in the <see cref="IFollowUpStore"/>), and
/// delivers them through an <see cref="INotifier"/>.
/// </summary>
/// <remarks>
/// <para>
/// Call <see cref="CheckAsync"/> on an interval (every minute suits a 1-hour warning). A check reads the touch log, works
/// out the open replies with the planner (so never for a do-not-contact or test customer, nor one held back as a possible
/// duplicate of a do-not-contact customer), records each new alert as pending, then delivers every pending alert whose
/// reply is still open. A pending alert whose reply was answered by a touch, or whose customer is no longer listed, is
/// cancelled; so is a warning not delivered before its deadline (the breach follows).
/// </para>
/// <para>
/// Delivery runs through the pipeline's retry policy (<see cref="MarketplaceLeadsOptions.MaxDeliveryAttempts"/>, back-off
/// on the <see cref="TimeProvider"/>). An alert whose attempts all failed for a transient reason (any error but a
/// <see cref="LeadSinkException"/> that says it is not transient: a destination that is down) stays pending and is tried again at
/// the next check, while its reply is open; one refused for good is kept as <see cref="FollowUpAlertState.DeadLettered"/>.
/// An alert is marked delivered after the notifier returns, so a crash between the two delivers it again on the next check
/// (<see cref="FollowUpAlert.Id"/> lets a receiver drop the repeat). Run one checker per store. Logs name leads by id only.
/// </para>
/// </remarks>
public sealed class FollowUpAlerts
{
    private readonly IFollowUpPlanner _planner;
    private readonly FollowUpOptions _options;
    private readonly IFollowUpStore _store;
    private readonly INotifier _notifier;
    private readonly TimeProvider _time;
    private readonly RetryPolicy _retry;
    private readonly ILogger _logger;

    /// <summary>Initializes a new checker.</summary>
    /// <param name="planner">The planner (its deadlines and its clock decide what is due); give it the same <paramref name="timeProvider"/>.</param>
    /// <param name="options">The follow-up options (<see cref="FollowUpOptions.WarnBefore"/>).</param>
    /// <param name="store">Keeps the touch log and the alerts' state.</param>
    /// <param name="notifier">Delivers the alerts.</param>
    /// <param name="timeProvider">The clock for raising and for the retries' back-off; <see langword="null"/> for <see cref="TimeProvider.System"/>.</param>
    /// <param name="retry">The retry settings (<see cref="MarketplaceLeadsOptions.MaxDeliveryAttempts"/>, <see cref="MarketplaceLeadsOptions.RetryBaseDelay"/>, <see cref="MarketplaceLeadsOptions.RetryMaxDelay"/>); <see langword="null"/> for the defaults.</param>
    /// <param name="logger">Logs deliveries that failed, by lead id; <see langword="null"/> for none.</param>
    /// <exception cref="ArgumentNullException"><paramref name="planner"/>, <paramref name="options"/>, <paramref name="store"/> or <paramref name="notifier"/> is <see langword="null"/>.</exception>
    public FollowUpAlerts(
        IFollowUpPlanner planner,
        FollowUpOptions options,
        IFollowUpStore store,
        INotifier notifier,
        TimeProvider? timeProvider = null,
        MarketplaceLeadsOptions? retry = null,
        ILogger<FollowUpAlerts>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(planner);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(notifier);
        _planner = planner;
        _options = options;
        _store = store;
        _notifier = notifier;
        _time = timeProvider ?? TimeProvider.System;
        _retry = new RetryPolicy(retry ?? new MarketplaceLeadsOptions(), _time);
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    /// <summary>Raises the alerts due now and delivers every pending one whose reply is still open.</summary>
    /// <param name="profiles">The customers (from the de-duplication store).</param>
    /// <param name="possibleDuplicates">The possible duplicates waiting for review, so that a possible duplicate of a do-not-contact customer is held back (<see cref="DoNotContactHolds"/>); <see langword="null"/> for none.</param>
    /// <param name="cancellationToken">Cancels the check; alerts not yet delivered stay pending for the next one.</param>
    /// <returns>The alerts delivered by this check, earliest deadline first.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="profiles"/> is <see langword="null"/>.</exception>
    public async Task<IReadOnlyList<FollowUpAlert>> CheckAsync(IEnumerable<CustomerProfile> profiles, IEnumerable<PossibleDuplicate>? possibleDuplicates = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(profiles);
        var listed = profiles as IReadOnlyCollection<CustomerProfile> ?? [.. profiles];
        var holds = DoNotContactHolds.Create(listed, possibleDuplicates ?? []);
        var log = await _store.ReadLogAsync(cancellationToken).ConfigureAwait(false);
        var now = _time.GetUtcNow();
        var open = OpenAlerts(listed, log, holds, now);

        var known = new Dictionary<(LeadId, FollowUpAlertKind), FollowUpAlertState>();
        foreach (var record in await _store.ReadAlertsAsync(cancellationToken).ConfigureAwait(false))
        {
            known[(record.LeadId, record.Kind)] = record.State;
        }

        foreach (var (key, state) in known)
        {
            if (state == FollowUpAlertState.Pending && !open.ContainsKey(key))
            {
                await _store.SetAlertStateAsync(key.Item1, key.Item2, FollowUpAlertState.Cancelled, cancellationToken).ConfigureAwait(false);
            }
        }

        var raised = new List<KeyValuePair<(LeadId, FollowUpAlertKind), FollowUpAlert>>(open);
        raised.Sort(static (x, y) => x.Value.Task.DueAt.UtcTicks.CompareTo(y.Value.Task.DueAt.UtcTicks));
        var delivered = new List<FollowUpAlert>();
        foreach (var (key, alert) in raised)
        {
            if (known.TryGetValue(key, out var state))
            {
                if (state != FollowUpAlertState.Pending)
                {
                    continue; // raised once: delivered, cancelled or dead-lettered before
                }
            }
            else if (!await _store.AddAlertAsync(new FollowUpAlertRecord { LeadId = key.Item1, Kind = key.Item2, DueAt = alert.Task.DueAt, RaisedAt = now }, cancellationToken).ConfigureAwait(false))
            {
                continue;
            }

            if (await DeliverAsync(alert, cancellationToken).ConfigureAwait(false))
            {
                delivered.Add(alert);
            }
        }

        return delivered;
    }

    private Dictionary<(LeadId, FollowUpAlertKind), FollowUpAlert> OpenAlerts(IReadOnlyCollection<CustomerProfile> profiles, FollowUpLog log, DoNotContactHolds holds, DateTimeOffset now)
    {
        var open = new Dictionary<(LeadId, FollowUpAlertKind), FollowUpAlert>();
        var actions = new Dictionary<LeadId, LeadAction>();
        foreach (var profile in profiles)
        {
            foreach (var lead in profile.Leads)
            {
                actions[lead.Id] = lead.Action;
            }
        }

        foreach (var task in _planner.Due(profiles, log, holds))
        {
            if (task.Kind == FollowUpTaskKind.Respond && actions.TryGetValue(task.LeadId!.Value, out var action)
                && _options.WarnBefore.TryGetValue(action, out var before) && now >= task.DueAt - before)
            {
                open[(task.LeadId!.Value, FollowUpAlertKind.Warning)] = new FollowUpAlert { Kind = FollowUpAlertKind.Warning, Action = action, Task = task };
            }
        }

        foreach (var task in _planner.Overdue(profiles, log, holds))
        {
            if (task.Kind == FollowUpTaskKind.Respond && actions.TryGetValue(task.LeadId!.Value, out var action))
            {
                open[(task.LeadId!.Value, FollowUpAlertKind.Breach)] = new FollowUpAlert { Kind = FollowUpAlertKind.Breach, Action = action, Task = task };
            }
        }

        return open;
    }

    private async Task<bool> DeliverAsync(FollowUpAlert alert, CancellationToken cancellationToken)
    {
        var result = await _retry.RunAsync(
            (Notifier: _notifier, Alert: alert),
            static (s, token) => s.Notifier.NotifyAsync(s.Alert, token),
            (_, attempt, error) => ValueTask.FromResult(_retry.Next(attempt, error)),
            cancellationToken).ConfigureAwait(false);
        var id = alert.Task.LeadId!.Value;
        if (result.Succeeded)
        {
            await _store.SetAlertStateAsync(id, alert.Kind, FollowUpAlertState.Delivered, cancellationToken).ConfigureAwait(false);
            return true;
        }

        cancellationToken.ThrowIfCancellationRequested();
        if (RetryPolicy.IsTransient(result.Error!))
        {
            // A destination that is down now (a timeout, a 5xx, a refused connection) may be back at the next check: the alert
            // stays pending and is tried again then, as long as its reply is still open (a warning until its deadline).
            FollowUpLogMessages.AlertPostponed(_logger, id, alert.Kind, result.Attempts, result.Error!.GetType().Name);
            return false;
        }

        FollowUpLogMessages.AlertDeadLettered(_logger, id, alert.Kind, result.Attempts, result.Error!.GetType().Name);
        await _store.SetAlertStateAsync(id, alert.Kind, FollowUpAlertState.DeadLettered, cancellationToken).ConfigureAwait(false);
        return false;
    }
}

/// <summary>The alerts' log messages (source-generated; leads by id only).</summary>
internal static partial class FollowUpLogMessages
{
    [LoggerMessage(2, LogLevel.Error, "The {Kind} alert for lead {LeadId} could not be delivered after {Attempts} attempts ({ErrorType}); it is kept as a dead letter")]
    public static partial void AlertDeadLettered(ILogger logger, LeadId leadId, FollowUpAlertKind kind, int attempts, string errorType);

    [LoggerMessage(5, LogLevel.Warning, "The {Kind} alert for lead {LeadId} could not be delivered after {Attempts} attempts ({ErrorType}, transient); it stays pending and is tried again at the next check")]
    public static partial void AlertPostponed(ILogger logger, LeadId leadId, FollowUpAlertKind kind, int attempts, string errorType);
}
