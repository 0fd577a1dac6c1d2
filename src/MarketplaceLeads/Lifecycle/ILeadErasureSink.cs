using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace MarketplaceLeads.Lifecycle;

/// <summary>
/// An optional interface for a sink, journal or store that keeps customer data: it is told of every erasure
/// (<see cref="ILeadErasure"/>) and, when it keeps raw payloads or dead letters, of the retention periods. The pipeline finds it
/// by a type test on its journal, de-duplication store, sinks and dead-letter sink, and on the follow-up store.
/// </summary>
/// <remarks>The built-in in-memory, SQLite and PostgreSQL stores and sinks implement it. A custom sink (a CRM, a file) implements it to delete or anonymise the records it wrote; an exception fails the erasure, which may be run again (erasing is idempotent).</remarks>
public interface ILeadErasureSink
{
    /// <summary>Removes what this store holds of the request's profiles and leads (and of its e-mail addresses, where no id reaches), leaving no personal data of the customer.</summary>
    /// <param name="request">The erasure.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>How many items were removed, by store or table name (<see cref="ErasureReceipt.Counts"/>).</returns>
    ValueTask<IReadOnlyDictionary<string, int>> EraseAsync(ErasureRequest request, CancellationToken cancellationToken);

    /// <summary>Drops the raw payloads of leads accepted before one time and the dead letters recorded before another.</summary>
    /// <param name="rawPayloadsBefore">The cut-off for raw payloads; <see langword="null"/> to keep them.</param>
    /// <param name="deadLettersBefore">The cut-off for dead letters; <see langword="null"/> to keep them.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>What was dropped. The default drops nothing.</returns>
    ValueTask<RetentionReceipt> ApplyRetentionAsync(DateTimeOffset? rawPayloadsBefore, DateTimeOffset? deadLettersBefore, CancellationToken cancellationToken) =>
        ValueTask.FromResult(new RetentionReceipt { RawPayloadsBefore = rawPayloadsBefore, DeadLettersBefore = deadLettersBefore });
}
