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
}
