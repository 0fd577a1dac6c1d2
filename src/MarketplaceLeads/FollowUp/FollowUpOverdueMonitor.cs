using System;
using System.Collections.Generic;
using System.Threading;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace MarketplaceLeads.FollowUp;

/// <summary>
/// Raises <see cref="LeadOverdue"/> when a lead passes its response deadline (<see cref="ResponseDeadline.RespondBy"/>):
/// it checks on an interval with a <see cref="TimeProvider"/> timer, calling
/// <see cref="IFollowUpPlanner.NewlyOverdue"/> with the time of the previous check, so each lead is reported once.
/// </summary>
/// <remarks>
/// <para>
/// The customers and the touch log come from delegates, read at every check, so the monitor always sees the current
/// state (a <c>CustomerProfile</c> list from the de-duplication store, the log your application keeps). Checks never
/// overlap: a check still running when the timer fires again makes that tick a no-op. Do-not-contact and test
/// customers are never reported (the planner gives them no deadlines), nor, when the monitor is given the possible
/// duplicates, a customer who may be the same person as a do-not-contact customer (<see cref="DoNotContactHolds"/>).
/// </para>
/// <para>
/// A failure is logged and raised as <see cref="CheckFailed"/>, and the monitor keeps running. When a delegate throws, the
/// check reports nothing and the next one reports its leads; when a <see cref="LeadOverdue"/> handler throws, the other
/// leads of the check still get their event. <see cref="CheckNow"/> lets a delegate's exception propagate instead.
/// </para>
/// </remarks>
public sealed class FollowUpOverdueMonitor : IDisposable
{
    private readonly IFollowUpPlanner _planner;
    private readonly Func<IEnumerable<Deduplication.CustomerProfile>> _profiles;
    private readonly Func<IEnumerable<Deduplication.PossibleDuplicate>>? _possibleDuplicates;
    private readonly Func<FollowUpLog> _log;
    private readonly TimeSpan _interval;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly object _gate = new();
    private DateTimeOffset _lastCheck;
    private ITimer? _timer;
    private bool _disposed;

    /// <summary>Initializes a new monitor; call <see cref="Start"/> to check on the interval, or <see cref="CheckNow"/> to check once.</summary>
    /// <param name="planner">The planner (its deadlines decide what is overdue).</param>
    /// <param name="profiles">Returns the customers to watch; called at every check.</param>
    /// <param name="log">Returns the touches recorded so far; called at every check.</param>
    /// <param name="interval">How often to check; between 1 second and 1 day.</param>
    /// <param name="timeProvider">The clock and timer; <see langword="null"/> for <see cref="TimeProvider.System"/>.</param>
    /// <param name="logger">Logs failed checks; <see langword="null"/> for none.</param>
    /// <exception cref="ArgumentNullException"><paramref name="planner"/>, <paramref name="profiles"/> or <paramref name="log"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="interval"/> is out of range.</exception>
    public FollowUpOverdueMonitor(
        IFollowUpPlanner planner,
        Func<IEnumerable<Deduplication.CustomerProfile>> profiles,
        Func<FollowUpLog> log,
        TimeSpan interval,
        TimeProvider? timeProvider = null,
        ILogger<FollowUpOverdueMonitor>? logger = null)
        : this(planner, profiles, null, log, interval, timeProvider, logger)
    {
    }

    /// <summary>Initializes a new monitor that holds back the possible duplicates of do-not-contact customers (<see cref="DoNotContactHolds"/>): use it when the customers come from a de-duplication store; call <see cref="Start"/> to check on the interval, or <see cref="CheckNow"/> to check once.</summary>
    /// <param name="planner">The planner (its deadlines decide what is overdue).</param>
    /// <param name="profiles">Returns the customers to watch; called at every check.</param>
    /// <param name="possibleDuplicates">Returns the possible duplicates waiting for review; called at every check. A customer who may be the same person as a do-not-contact customer is never reported.</param>
    /// <param name="log">Returns the touches recorded so far; called at every check.</param>
    /// <param name="interval">How often to check; between 1 second and 1 day.</param>
    /// <param name="timeProvider">The clock and timer; <see langword="null"/> for <see cref="TimeProvider.System"/>.</param>
    /// <param name="logger">Logs failed checks; <see langword="null"/> for none.</param>
    /// <exception cref="ArgumentNullException"><paramref name="planner"/>, <paramref name="profiles"/> or <paramref name="log"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="interval"/> is out of range.</exception>
    public FollowUpOverdueMonitor(
        IFollowUpPlanner planner,
        Func<IEnumerable<Deduplication.CustomerProfile>> profiles,
        Func<IEnumerable<Deduplication.PossibleDuplicate>>? possibleDuplicates,
        Func<FollowUpLog> log,
        TimeSpan interval,
        TimeProvider? timeProvider = null,
        ILogger<FollowUpOverdueMonitor>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(planner);
        ArgumentNullException.ThrowIfNull(profiles);
        ArgumentNullException.ThrowIfNull(log);
        if (interval < TimeSpan.FromSeconds(1) || interval > TimeSpan.FromDays(1))
        {
            throw new ArgumentOutOfRangeException(nameof(interval), interval, $"The overdue check interval must be between 00:00:01 and 1.00:00:00; it is {interval}.");
        }

        _planner = planner;
        _profiles = profiles;
        _possibleDuplicates = possibleDuplicates;
        _log = log;
        _interval = interval;
        _time = timeProvider ?? TimeProvider.System;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _lastCheck = _time.GetUtcNow();
    }

    /// <summary>Occurs once for each lead that has passed its response deadline since the previous check (on the timer's thread).</summary>
    public event EventHandler<FollowUpOverdueEventArgs>? LeadOverdue;

    /// <summary>Occurs when a check failed: a delegate or a <see cref="LeadOverdue"/> handler threw.</summary>
    public event EventHandler<Exception>? CheckFailed;

    /// <summary>Starts checking every interval (the first check one interval from now). Calling it again does nothing.</summary>
    /// <exception cref="ObjectDisposedException">The monitor is disposed.</exception>
    public void Start()
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _timer ??= _time.CreateTimer(static state => ((FollowUpOverdueMonitor)state!).Tick(), this, _interval, _interval);
        }
    }

    /// <summary>Checks now: raises <see cref="LeadOverdue"/> for each lead that passed its deadline since the previous check, and returns them.</summary>
    /// <returns>The leads that became overdue since the previous check (response tasks, earliest deadline first).</returns>
    /// <exception cref="ObjectDisposedException">The monitor is disposed.</exception>
    public IReadOnlyList<FollowUpTask> CheckNow()
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return Check();
        }
    }

    /// <summary>Stops the timer.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            _timer?.Dispose();
            _timer = null;
        }
    }

    private void Tick()
    {
        if (!Monitor.TryEnter(_gate))
        {
            return; // the previous check is still running
        }

        try
        {
            if (!_disposed)
            {
                Check();
            }
        }
        catch (Exception error)
        {
            Failed(error);
        }
        finally
        {
            Monitor.Exit(_gate);
        }
    }

    private List<FollowUpTask> Check()
    {
        var now = _time.GetUtcNow();
        var profiles = _profiles();
        DoNotContactHolds? holds = null;
        if (_possibleDuplicates is not null)
        {
            var listed = profiles as IReadOnlyCollection<Deduplication.CustomerProfile> ?? [.. profiles];
            holds = DoNotContactHolds.Create(listed, _possibleDuplicates());
            profiles = listed;
        }

        var overdue = _planner.NewlyOverdue(profiles, _log(), _lastCheck, holds);
        _lastCheck = now;
        var raised = new List<FollowUpTask>(overdue.Count);
        foreach (var task in overdue)
        {
            raised.Add(task);
            try
            {
                LeadOverdue?.Invoke(this, new FollowUpOverdueEventArgs(task));
            }
            catch (Exception error)
            {
                Failed(error); // one failing handler does not cost the other leads their event
            }
        }

        return raised;
    }

    private void Failed(Exception error)
    {
        FollowUpLogMessages.OverdueCheckFailed(_logger, error);
        try
        {
            CheckFailed?.Invoke(this, error);
        }
        catch (Exception handlerError)
        {
            FollowUpLogMessages.OverdueCheckFailed(_logger, handlerError);
        }
    }
}

/// <summary>The lead that became overdue, for <see cref="FollowUpOverdueMonitor.LeadOverdue"/>.</summary>
/// <param name="task">The response task (its <see cref="FollowUpTask.LeadId"/>, <see cref="FollowUpTask.DueAt"/> and personalisation context).</param>
public sealed class FollowUpOverdueEventArgs(FollowUpTask task) : EventArgs
{
    /// <summary>Gets the response task of the lead that became overdue.</summary>
    public FollowUpTask Task { get; } = task;
}

/// <summary>The follow-up planner's log messages (source-generated).</summary>
internal static partial class FollowUpLogMessages
{
    [LoggerMessage(1, LogLevel.Error, "An overdue follow-up check failed; the leads it would have reported are reported by the next check")]
    public static partial void OverdueCheckFailed(ILogger logger, Exception error);
}
