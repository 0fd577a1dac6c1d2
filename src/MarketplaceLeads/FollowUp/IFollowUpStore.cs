using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace MarketplaceLeads.FollowUp;

/// <summary>
/// Stores what the sales team did (<see cref="FollowUpTouch"/>) so that the planner, <c>due</c> and <c>report</c> see it:
/// an answered lead stops being due and the cadence moves on. A touch is kept under the profile id it was recorded for,
/// which is the id of one of the customer's leads, so it follows the lead through later merges and splits.
/// </summary>
/// <remarks>The in-memory store is the default (<c>UseFollowUp</c>); <c>UseSqlite</c> registers a durable one. Implementations must be safe for concurrent calls.</remarks>
public interface IFollowUpStore
{
    /// <summary>Durably records a touch.</summary>
    /// <param name="touch">The touch.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the touch is stored.</returns>
    ValueTask RecordAsync(FollowUpTouch touch, CancellationToken cancellationToken = default);

    /// <summary>Reads every touch recorded, in the order recorded, as a log for the planner.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The log.</returns>
    ValueTask<FollowUpLog> ReadLogAsync(CancellationToken cancellationToken = default);

    /// <summary>Durably records a follow-up alert as raised (<see cref="FollowUpAlerts"/>), unless one of its lead and kind is recorded already: each alert is raised once, across restarts.</summary>
    /// <param name="alert">The alert's state (no personal data).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="true"/> when the alert was recorded; <see langword="false"/> when one of its lead and kind already was (the stored one is left as it is).</returns>
    ValueTask<bool> AddAlertAsync(FollowUpAlertRecord alert, CancellationToken cancellationToken = default);

    /// <summary>Durably sets the state of a recorded alert (delivered, cancelled, dead-lettered); does nothing when none of that lead and kind is recorded.</summary>
    /// <param name="leadId">The alert's lead.</param>
    /// <param name="kind">The alert's kind.</param>
    /// <param name="state">The new state.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the state is stored.</returns>
    ValueTask SetAlertStateAsync(LeadId leadId, FollowUpAlertKind kind, FollowUpAlertState state, CancellationToken cancellationToken = default);

    /// <summary>Reads every alert recorded, in the order raised.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The alerts.</returns>
    ValueTask<IReadOnlyList<FollowUpAlertRecord>> ReadAlertsAsync(CancellationToken cancellationToken = default);
}
