using System;
using System.Collections.Generic;
using MarketplaceLeads.Deduplication;

namespace MarketplaceLeads.Delivery;

/// <summary>
/// Receives the pipeline's events: a lead accepted, de-duplicated (new, merged, possible duplicate, test lead),
/// delivered, retried, dead-lettered, and sink failures outside delivery (flush, dispose). Override the events you
/// need; register with <c>builder.AddObserver&lt;T&gt;()</c> or <c>AddObserver(instance)</c>.
/// </summary>
/// <remarks>
/// Events are raised on the pipeline's own tasks, synchronously: keep handlers short (count, log, signal) and
/// thread-safe, since the events of different sinks arrive concurrently. An exception thrown by a handler is logged
/// and otherwise ignored: it never stops delivery. New events are added as virtual methods, so an observer written
/// today keeps compiling.
/// </remarks>
public abstract class LeadPipelineObserver
{
    /// <summary>Called when a lead is durably accepted (not for a lead already accepted before).</summary>
    /// <param name="lead">The lead.</param>
    public virtual void OnAccepted(Lead lead)
    {
    }

    /// <summary>Called when de-duplication has decided where a lead belongs: <see cref="DeduplicationDecision.Outcome"/>, <see cref="DeduplicationDecision.MergedProfiles"/> and <see cref="DeduplicationDecision.PossibleDuplicates"/> say whether it was merged or raised possible duplicates.</summary>
    /// <param name="delivery">The delivery the sinks will receive.</param>
    public virtual void OnDeduplicated(LeadDelivery delivery)
    {
    }

    /// <summary>Called when a sink has written a batch.</summary>
    /// <param name="sink">The sink's name.</param>
    /// <param name="batch">The deliveries written.</param>
    /// <param name="attempt">Which attempt succeeded (1 for the first).</param>
    public virtual void OnDelivered(string sink, IReadOnlyList<LeadDelivery> batch, int attempt)
    {
    }

    /// <summary>Called after a sink that names its records (<see cref="ILeadRecordSink"/>, such as a CRM sink) has written a lead, once per lead with a record.</summary>
    /// <param name="sink">The sink's name.</param>
    /// <param name="delivery">The delivery written.</param>
    /// <param name="recordId">The id of the record that holds the lead in the sink's system.</param>
    public virtual void OnRecordWritten(string sink, LeadDelivery delivery, string recordId)
    {
    }

    /// <summary>Called when a sink failed to write a batch and the pipeline will try again after <paramref name="delay"/>.</summary>
    /// <param name="sink">The sink's name.</param>
    /// <param name="batch">The deliveries of the failed attempt.</param>
    /// <param name="attempt">Which attempt failed (1 for the first).</param>
    /// <param name="delay">How long the pipeline waits before the next attempt.</param>
    /// <param name="exception">What the sink threw.</param>
    public virtual void OnRetrying(string sink, IReadOnlyList<LeadDelivery> batch, int attempt, TimeSpan delay, Exception exception)
    {
    }

    /// <summary>Called when input was rejected or a lead could not be delivered to a sink; the dead letter is already in the journal.</summary>
    /// <param name="deadLetter">The dead letter.</param>
    public virtual void OnDeadLettered(LeadDeadLetter deadLetter)
    {
    }

    /// <summary>Called when a sink or the dead-letter sink failed outside a delivery attempt: flushing, disposing, or writing dead letters.</summary>
    /// <param name="sink">The sink's name.</param>
    /// <param name="operation">What was being done: <c>flush</c>, <c>dispose</c> or <c>dead-letter</c>.</param>
    /// <param name="exception">What the sink threw.</param>
    public virtual void OnSinkError(string sink, string operation, Exception exception)
    {
    }
}
