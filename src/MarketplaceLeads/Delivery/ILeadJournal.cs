using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace MarketplaceLeads.Delivery;

/// <summary>
/// The pipeline's durable record of accepted leads and of each sink's progress: what makes delivery at least once.
/// A lead is accepted (and <see cref="ILeadPipeline.SubmitAsync(Lead, CancellationToken)"/> returns) only once the
/// journal holds it; after a crash the pipeline reads the leads still pending for some sink and delivers them again.
/// </summary>
/// <remarks>
/// <para>
/// The default is an in-memory journal: it survives a pipeline restart inside one process but not a process exit.
/// The <c>MarketplaceLeads.Sqlite</c> package has a durable one. Implementations must be safe for concurrent calls.
/// </para>
/// <para>Acceptance is keyed by <see cref="LeadId"/>: a second <see cref="TryAcceptAsync"/> of the same id returns <see langword="false"/>, which is how a marketplace retry becomes a no-op.</para>
/// </remarks>
public interface ILeadJournal
{
    /// <summary>Durably records an accepted lead and the sinks it is to be delivered to, unless a lead with the same id was accepted before.</summary>
    /// <param name="lead">The lead, with its raw payload when known.</param>
    /// <param name="acceptedAt">When the pipeline accepted it.</param>
    /// <param name="sinks">The names of the sinks the lead is to be delivered to.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="true"/> when recorded; <see langword="false"/> when the id was already accepted (nothing changed).</returns>
    ValueTask<bool> TryAcceptAsync(Lead lead, DateTimeOffset acceptedAt, IReadOnlyList<string> sinks, CancellationToken cancellationToken);

    /// <summary>
    /// Durably records accepted leads in one write, as <see cref="TryAcceptAsync"/> would one after the other (a lead whose id
    /// was accepted before, or earlier in the list, is not recorded again): a durable journal commits them together, so a chunk
    /// of an import costs one flush to disk. Either every lead recorded is durable when the call returns, or it throws.
    /// </summary>
    /// <param name="leads">The leads, each with when it was accepted and the sinks it is to be delivered to (<see cref="JournaledLead.PendingSinks"/>).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>For each lead, in order: <see langword="true"/> when recorded, <see langword="false"/> when its id was already accepted.</returns>
    /// <remarks>The default calls <see cref="TryAcceptAsync"/> for each lead in turn.</remarks>
    async ValueTask<IReadOnlyList<bool>> TryAcceptManyAsync(IReadOnlyList<JournaledLead> leads, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(leads);
        var accepted = new bool[leads.Count];
        for (var i = 0; i < accepted.Length; i++)
        {
            accepted[i] = await TryAcceptAsync(leads[i].Lead, leads[i].AcceptedAt, leads[i].PendingSinks, cancellationToken).ConfigureAwait(false);
        }

        return accepted;
    }

    /// <summary>Finds when an accepted lead happened: its <see cref="Lead.CreatedAt"/>, else its <see cref="Lead.ReceivedAt"/> (what tells a redelivery, inside <see cref="MarketplaceLeadsOptions.RepeatInterestWindow"/>, from a customer asking again).</summary>
    /// <param name="leadId">The lead's id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The time; <see langword="null"/> when no lead with this id was accepted, or the journal does not know (the default: every identical lead is then a redelivery).</returns>
    ValueTask<DateTimeOffset?> FindLeadTimeAsync(LeadId leadId, CancellationToken cancellationToken) => ValueTask.FromResult<DateTimeOffset?>(null);

    /// <summary>Records that a sink has the leads (written, or deliberately skipped such as a test lead), so they are no longer pending for it.</summary>
    /// <param name="sink">The sink's name.</param>
    /// <param name="leads">The lead ids.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the progress is recorded.</returns>
    ValueTask MarkDeliveredAsync(string sink, IReadOnlyList<LeadId> leads, CancellationToken cancellationToken);

    /// <summary>Durably records dead letters; a <see cref="LeadDeadLetterKind.DeliveryFailed"/> one also ends the lead's pending state for its <see cref="LeadDeadLetter.Sink"/>.</summary>
    /// <param name="deadLetters">The dead letters.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the dead letters are recorded.</returns>
    ValueTask AddDeadLettersAsync(IReadOnlyList<LeadDeadLetter> deadLetters, CancellationToken cancellationToken);

    /// <summary>Reads how far a sink has been told of review decisions (<see cref="IProfileChangeSink"/>): the <see cref="MarketplaceLeads.Deduplication.ReviewAction.Sequence"/> of the last decision it confirmed or that was dead-lettered for it.</summary>
    /// <param name="sink">The sink's name.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The sequence; <see langword="null"/> when none was ever recorded for the sink (the pipeline then records the end of the review log when it starts, so the sink is told of the decisions made from then on).</returns>
    ValueTask<long?> GetProfileChangeProgressAsync(string sink, CancellationToken cancellationToken);

    /// <summary>Durably records that a sink has been told of the review decisions up to a sequence (delivered, dead-lettered, or made before the sink first ran); a smaller sequence than the one recorded changes nothing.</summary>
    /// <param name="sink">The sink's name.</param>
    /// <param name="sequence">The <see cref="MarketplaceLeads.Deduplication.ReviewAction.Sequence"/> of the last decision the sink has.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the progress is recorded.</returns>
    ValueTask SetProfileChangeProgressAsync(string sink, long sequence, CancellationToken cancellationToken);

    /// <summary>Reads the accepted leads that some sink has neither received nor dead-lettered, oldest accepted first.</summary>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The pending leads.</returns>
    IAsyncEnumerable<JournaledLead> ReadPendingAsync(CancellationToken cancellationToken);

    /// <summary>Reads every dead letter recorded, oldest first.</summary>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The dead letters.</returns>
    IAsyncEnumerable<LeadDeadLetter> ReadDeadLettersAsync(CancellationToken cancellationToken);
}
