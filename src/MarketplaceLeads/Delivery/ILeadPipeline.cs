using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace MarketplaceLeads.Delivery;

/// <summary>
/// The pipeline's entry point: submit leads from wherever they arrive; each call returns once the lead is durably
/// accepted (in the <see cref="ILeadJournal"/>), and the pipeline de-duplicates it and delivers it to every sink.
/// </summary>
/// <remarks>
/// Registered by <c>services.AddMarketplaceLeads()</c>; safe for any number of concurrent callers. Rejected input is
/// dead-lettered with its raw payload, never dropped. Starting is automatic on the first call (a generic host starts
/// it with the application); <see cref="IAsyncDisposable.DisposeAsync"/> drains within
/// <see cref="MarketplaceLeadsOptions.ShutdownTimeout"/>.
/// </remarks>
public interface ILeadPipeline : IAsyncDisposable
{
    /// <summary>Gets the pipeline's name (<see cref="string.Empty"/> for the default pipeline).</summary>
    string Name { get; }

    /// <summary>Starts the pipeline if it is not running: reads the leads the journal still holds for some sink and queues them for delivery.</summary>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>A task that completes when the pipeline runs.</returns>
    Task StartAsync(CancellationToken cancellationToken = default);

    /// <summary>Stops accepting leads, delivers what is queued and flushes the sinks, within <see cref="MarketplaceLeadsOptions.ShutdownTimeout"/> or until <paramref name="cancellationToken"/> is signalled; what is left stays pending in the journal for the next start.</summary>
    /// <param name="cancellationToken">Ends the drain early.</param>
    /// <returns>A task that completes when the pipeline has stopped.</returns>
    Task StopAsync(CancellationToken cancellationToken = default);

    /// <summary>Submits a lead.</summary>
    /// <param name="lead">The lead.</param>
    /// <param name="cancellationToken">Cancels waiting for room in the queue.</param>
    /// <returns><see cref="LeadSubmitStatus.Accepted"/>, <see cref="LeadSubmitStatus.AlreadyAccepted"/>, or <see cref="LeadSubmitStatus.QueueFull"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="lead"/> is <see langword="null"/>.</exception>
    /// <exception cref="ObjectDisposedException">The pipeline has been stopped.</exception>
    ValueTask<LeadSubmitResult> SubmitAsync(Lead lead, CancellationToken cancellationToken = default);

    /// <summary>Submits the result of reading one record with a <see cref="LeadReader"/>: a lead is submitted; a read error is dead-lettered with its raw text and reported as <see cref="LeadSubmitStatus.Rejected"/>.</summary>
    /// <param name="result">The read result.</param>
    /// <param name="cancellationToken">Cancels waiting for room in the queue.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ObjectDisposedException">The pipeline has been stopped.</exception>
    ValueTask<LeadSubmitResult> SubmitAsync(LeadReadResult result, CancellationToken cancellationToken = default);

    /// <summary>
    /// Delivers a lead again to one of the pipeline's sinks, such as a lead that sink dead-lettered
    /// (<see cref="LeadDeadLetterKind.DeliveryFailed"/>, with the lead and the sink's name) once the cause is fixed: the lead is
    /// de-duplicated as a redelivery (its decision stands) and handed to that sink alone, flagged
    /// <see cref="LeadDelivery.IsRedelivery"/>, through the sink's retries; if it fails again it is dead-lettered again.
    /// </summary>
    /// <param name="lead">The lead, as the dead letter holds it.</param>
    /// <param name="sink">The name of the sink to deliver it to.</param>
    /// <param name="acceptedAt">When the lead was accepted (what the sink records).</param>
    /// <param name="cancellationToken">Cancels waiting for room in the queue.</param>
    /// <returns><see langword="true"/> when queued for delivery; <see langword="false"/> when the queue is full and full mode rejects.</returns>
    /// <exception cref="ArgumentException">The pipeline has no sink of that name.</exception>
    /// <exception cref="ObjectDisposedException">The pipeline has been stopped.</exception>
    /// <exception cref="NotSupportedException">The pipeline does not redeliver (the default of this interface method).</exception>
    ValueTask<bool> RedeliverAsync(Lead lead, string sink, DateTimeOffset acceptedAt, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException($"The lead pipeline {GetType().Name} does not redeliver leads to a sink.");

    /// <summary>
    /// Submits a chunk of read results (an import's next few thousand records) as <see cref="SubmitAsync(LeadReadResult, CancellationToken)"/>
    /// would one after the other, but journals the chunk's leads in one write: with a durable journal they are accepted
    /// together, with one flush to disk, when the call returns; after a crash each of them is delivered exactly once.
    /// </summary>
    /// <param name="results">The read results, in the order their leads are to be de-duplicated.</param>
    /// <param name="cancellationToken">Cancels waiting for room in the queue.</param>
    /// <returns>One result per read result, in order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="results"/> is <see langword="null"/>.</exception>
    /// <exception cref="ObjectDisposedException">The pipeline has been stopped.</exception>
    /// <remarks>The default calls <see cref="SubmitAsync(LeadReadResult, CancellationToken)"/> for each result in turn.</remarks>
    async ValueTask<IReadOnlyList<LeadSubmitResult>> SubmitManyAsync(IReadOnlyList<LeadReadResult> results, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(results);
        var answers = new LeadSubmitResult[results.Count];
        for (var i = 0; i < answers.Length; i++)
        {
            answers[i] = await SubmitAsync(results[i], cancellationToken).ConfigureAwait(false);
        }

        return answers;
    }
}
