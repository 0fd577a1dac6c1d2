using System;
using System.Collections.Generic;
using System.Threading;

namespace MarketplaceLeads.Delivery;

/// <summary>
/// A journal that several processes share, each leasing the pending leads it delivers (a PostgreSQL journal): a running
/// pipeline asks it, every <see cref="TakeoverInterval"/>, for the leads whose owner stopped renewing its lease (a
/// crashed or killed process), and delivers them, instead of leaving them until the next pipeline start.
/// </summary>
/// <remarks>
/// A journal implements this beside <see cref="ILeadJournal"/>; the pipeline finds it by a type test. Leads are delivered
/// at least once: a lead taken over from a process that was only slow may reach a sink twice, which sinks absorb by lead
/// id (an upsert).
/// </remarks>
public interface ILeadJournalTakeover
{
    /// <summary>Gets how often a running pipeline asks for abandoned leads.</summary>
    TimeSpan TakeoverInterval { get; }

    /// <summary>
    /// Claims, for this process, the pending leads another owner held whose lease has expired, and returns them in the
    /// order they were accepted with the sinks that still wait for them; never a lead this process holds.
    /// </summary>
    /// <param name="cancellationToken">Stops the read.</param>
    /// <returns>The leads taken over; none when no lease has expired.</returns>
    IAsyncEnumerable<JournaledLead> TakeOverAbandonedAsync(CancellationToken cancellationToken);
}
