using System;
using System.Collections.Generic;
using Microsoft.Extensions.Logging;

namespace MarketplaceLeads.Delivery;

/// <summary>
/// The pipeline's one events seam: what happens to a lead (accepted, de-duplicated, delivered, retried, dead-lettered)
/// and to a sink (an operation failed) is raised here, once, and goes to the logs, the metrics and the observers. An
/// observer that throws is logged and otherwise ignored: it never stops delivery.
/// </summary>
internal sealed class PipelineEvents(ILogger logger, PipelineTelemetry telemetry, LeadPipelineObserver[] observers)
{
    /// <summary>Gets the pipeline's logger, for the messages that are no event of a lead (start, stop, recovery).</summary>
    public ILogger Logger => logger;

    /// <summary>Gets the pipeline's metrics, for the counts that are no event of an accepted lead (queue full, already accepted, rejected).</summary>
    public PipelineTelemetry Telemetry => telemetry;

    /// <summary>A lead was durably accepted: counted with its warnings (computing them never fails the submit of a lead the journal holds already), logged, observed.</summary>
    public void Accepted(Lead lead)
    {
        telemetry.Received();
        try
        {
            telemetry.Warnings(lead.Warnings);
            PipelineLog.Warnings(logger, lead);
        }
        catch (Exception error)
        {
            // A lead nothing expected (the warnings of its text could not be computed): it is accepted all the same.
            PipelineLog.WarningsFailed(logger, error, lead.Id.ToString());
        }

        Notify(static (observer, lead) => observer.OnAccepted(lead), lead, nameof(LeadPipelineObserver.OnAccepted));
    }

    /// <summary>A lead was de-duplicated, on its way to the sinks.</summary>
    public void Deduplicated(LeadDelivery delivery)
    {
        telemetry.Deduplicated(delivery.Outcome, delivery.PossibleDuplicates.Count);
        Notify(static (observer, delivery) => observer.OnDeduplicated(delivery), delivery, nameof(LeadPipelineObserver.OnDeduplicated));
    }

    /// <summary>A sink took a batch of leads at the given attempt.</summary>
    public void Delivered(string sink, LeadDelivery[] deliveries, int attempt, DateTimeOffset now, TimeSpan writeDuration)
    {
        telemetry.Delivered(sink, deliveries, now, writeDuration);
        Notify(static (observer, state) => observer.OnDelivered(state.sink, state.deliveries, state.attempt), (sink, deliveries: (IReadOnlyList<LeadDelivery>)deliveries, attempt), nameof(LeadPipelineObserver.OnDelivered));
    }

    /// <summary>A sink that names its records wrote a batch: each lead's record, to the observers.</summary>
    public void RecordsWritten(string sink, LeadDelivery[] deliveries, ILeadRecordSink records)
    {
        foreach (var delivery in deliveries)
        {
            string? recordId;
            try
            {
                if (!records.TryGetRecordId(delivery, out recordId))
                {
                    continue;
                }
            }
            catch (Exception error)
            {
                SinkFailed(sink, "record-id", error);
                return;
            }

            Notify(static (observer, state) => observer.OnRecordWritten(state.sink, state.delivery, state.recordId), (sink, delivery, recordId), nameof(LeadPipelineObserver.OnRecordWritten));
        }
    }

    /// <summary>A batch of leads failed at a sink and is tried again after <paramref name="delay"/>.</summary>
    public void Retrying(string sink, LeadDelivery[] deliveries, int attempt, int maxAttempts, TimeSpan delay, Exception error)
    {
        telemetry.Retried(sink);
        PipelineLog.Retrying(logger, error, sink, attempt, maxAttempts, deliveries.Length, delay);
        Notify(static (observer, state) => observer.OnRetrying(state.sink, state.Deliveries, state.Attempt, state.Delay, state.Error), (sink, Deliveries: (IReadOnlyList<LeadDelivery>)deliveries, Attempt: attempt, Delay: delay, Error: error), nameof(LeadPipelineObserver.OnRetrying));
    }

    /// <summary>A batch of profile changes failed at a sink and is tried again after <paramref name="delay"/>.</summary>
    public void RetryingProfileChanges(string sink, int changes, int attempt, int maxAttempts, TimeSpan delay, Exception error)
    {
        telemetry.Retried(sink);
        PipelineLog.RetryingProfileChanges(logger, error, sink, attempt, maxAttempts, changes, delay);
    }

    /// <summary>A dead letter was recorded in the journal.</summary>
    public void DeadLettered(LeadDeadLetter deadLetter)
    {
        telemetry.DeadLettered(deadLetter);
        PipelineLog.DeadLettered(logger, deadLetter.LeadId?.ToString() ?? "(none)", deadLetter.Kind, deadLetter.Sink ?? "(none)", deadLetter.Reason);
        Notify(static (observer, deadLetter) => observer.OnDeadLettered(deadLetter), deadLetter, nameof(LeadPipelineObserver.OnDeadLettered));
    }

    /// <summary>An operation of a sink other than a write (flush, dispose, a dead-letter write) failed.</summary>
    public void SinkFailed(string sink, string operation, Exception error)
    {
        PipelineLog.SinkOperationFailed(logger, error, sink, operation);
        Notify(static (observer, state) => observer.OnSinkError(state.sink, state.operation, state.error), (sink, operation, error), nameof(LeadPipelineObserver.OnSinkError));
    }

    private void Notify<T>(Action<LeadPipelineObserver, T> raise, T argument, string eventName)
    {
        foreach (var observer in observers)
        {
            try
            {
                raise(observer, argument);
            }
            catch (Exception error)
            {
                PipelineLog.ObserverFailed(logger, error, eventName);
            }
        }
    }
}
