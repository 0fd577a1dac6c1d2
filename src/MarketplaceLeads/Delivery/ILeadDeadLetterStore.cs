using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace MarketplaceLeads.Delivery;

/// <summary>
/// The dead letters of a durable journal, each by its id, so that a person can retry one and the store remembers it: the
/// SQLite and PostgreSQL journals implement it beside <see cref="ILeadJournal"/> (discover it by a type test on the journal;
/// the in-memory journal does not).
/// </summary>
/// <remarks>A retry resubmits what could not be read; a dead letter is never deleted by a retry (retention drops old ones), it is marked retried, or keeps the new error.</remarks>
public interface ILeadDeadLetterStore
{
    /// <summary>Reads every dead letter with its id and when it was retried, oldest first.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The dead letters.</returns>
    IAsyncEnumerable<StoredLeadDeadLetter> ReadStoredDeadLettersAsync(CancellationToken cancellationToken = default);

    /// <summary>Durably marks a dead letter as retried with success (its input is now a lead of the pipeline).</summary>
    /// <param name="id">The dead letter's id.</param>
    /// <param name="retriedAt">When it was retried.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="true"/> when it was marked; <see langword="false"/> when no dead letter has that id or it was marked already.</returns>
    ValueTask<bool> MarkRetriedAsync(long id, DateTimeOffset retriedAt, CancellationToken cancellationToken = default);

    /// <summary>Durably replaces a dead letter's reason with the error of a retry that failed again (no customer data in it).</summary>
    /// <param name="id">The dead letter's id.</param>
    /// <param name="reason">What went wrong this time.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="true"/> when it was updated; <see langword="false"/> when no dead letter has that id.</returns>
    ValueTask<bool> SetReasonAsync(long id, string reason, CancellationToken cancellationToken = default);
}

/// <summary>A dead letter as a durable journal keeps it (<see cref="ILeadDeadLetterStore"/>).</summary>
/// <param name="Id">Its id in the store (increasing in the order dead-lettered).</param>
/// <param name="DeadLetter">The dead letter, with its raw payload.</param>
/// <param name="RetriedAt">When a retry turned it into a lead; <see langword="null"/> while not.</param>
public sealed record StoredLeadDeadLetter(long Id, LeadDeadLetter DeadLetter, DateTimeOffset? RetriedAt);
