using System;
using Microsoft.Extensions.Logging;

namespace MarketplaceLeads.Delivery;

/// <summary>The pipeline's log messages (source-generated, no boxing when the level is off). They name leads by <see cref="LeadId"/> only: no customer data is ever logged.</summary>
internal static partial class PipelineLog
{
    /// <summary>
    /// Logs the warnings of an accepted lead by its id: what affects its handling (lost text, the
    /// action, the lead source) at Warning, a customer field that is not valid (common, and kept as
    /// sent) at Information. Warning messages carry no customer data.
    /// </summary>
    public static void Warnings(ILogger logger, Lead lead)
    {
        var warnings = lead.Warnings;
        if (warnings.Count == 0 || (!logger.IsEnabled(LogLevel.Information) && !logger.IsEnabled(LogLevel.Warning)))
        {
            return;
        }

        var id = lead.Id.ToString();
        foreach (var warning in warnings)
        {
            if (warning.Kind is LeadWarningKind.InvalidEmail or LeadWarningKind.InvalidPhone or LeadWarningKind.UnknownCountry)
            {
                AcceptedWithInvalidCustomerField(logger, id, warning.Kind, warning.Field, warning.Message);
            }
            else
            {
                AcceptedWithWarning(logger, id, warning.Kind, warning.Field, warning.Message);
            }
        }
    }

    [LoggerMessage(1, LogLevel.Information, "Lead pipeline '{Pipeline}' started with {SinkCount} sink(s); {PendingCount} lead(s) recovered from the journal")]
    public static partial void Started(ILogger logger, string pipeline, int sinkCount, int pendingCount);

    [LoggerMessage(2, LogLevel.Information, "Lead pipeline '{Pipeline}' stopped; {PendingCount} lead(s) left pending in the journal")]
    public static partial void Stopped(ILogger logger, string pipeline, int pendingCount);

    [LoggerMessage(3, LogLevel.Warning, "Lead pipeline '{Pipeline}' did not drain within {Timeout}; undelivered leads stay pending in the journal for the next start")]
    public static partial void DrainTimedOut(ILogger logger, string pipeline, TimeSpan timeout);

    [LoggerMessage(4, LogLevel.Warning, "Sink '{Sink}' failed attempt {Attempt} of {MaxAttempts} for {Count} lead(s); retrying in {Delay}")]
    public static partial void Retrying(ILogger logger, Exception error, string sink, int attempt, int maxAttempts, int count, TimeSpan delay);

    [LoggerMessage(5, LogLevel.Error, "Lead {LeadId} dead-lettered ({Kind}, sink '{Sink}'): {Reason}")]
    public static partial void DeadLettered(ILogger logger, string leadId, LeadDeadLetterKind kind, string sink, string reason);

    [LoggerMessage(6, LogLevel.Error, "Sink '{Sink}' failed to {Operation}")]
    public static partial void SinkOperationFailed(ILogger logger, Exception error, string sink, string operation);

    [LoggerMessage(7, LogLevel.Error, "The lead journal failed to {Operation}; the leads concerned stay pending and are delivered again after a restart")]
    public static partial void JournalFailed(ILogger logger, Exception error, string operation);

    [LoggerMessage(8, LogLevel.Warning, "De-duplication of lead {LeadId} failed (attempt {Attempt}); retrying in {Delay}")]
    public static partial void DeduplicationRetrying(ILogger logger, Exception error, string leadId, int attempt, TimeSpan delay);

    [LoggerMessage(9, LogLevel.Warning, "Lead pipeline '{Pipeline}' queue is full ({Capacity} leads); a lead was refused")]
    public static partial void QueueFull(ILogger logger, string pipeline, int capacity);

    [LoggerMessage(10, LogLevel.Error, "A pipeline observer threw from {Event}")]
    public static partial void ObserverFailed(ILogger logger, Exception error, string @event);

    [LoggerMessage(11, LogLevel.Warning, "Lead {LeadId} is pending in the journal for sink '{Sink}', which is not configured; it stays pending")]
    public static partial void UnknownPendingSink(ILogger logger, string leadId, string sink);

    [LoggerMessage(12, LogLevel.Error, "The dead-letter sink failed {Attempts} time(s) for {Count} dead letter(s); they stay in the journal")]
    public static partial void DeadLetterSinkGaveUp(ILogger logger, Exception error, int attempts, int count);

    [LoggerMessage(14, LogLevel.Warning, "Lead {LeadId} accepted with a warning ({Kind}, field {Field}): {Message}")]
    public static partial void AcceptedWithWarning(ILogger logger, string leadId, LeadWarningKind kind, string field, string message);

    [LoggerMessage(15, LogLevel.Information, "Lead {LeadId} accepted with a customer field that is not valid ({Kind}, field {Field}): {Message}")]
    public static partial void AcceptedWithInvalidCustomerField(ILogger logger, string leadId, LeadWarningKind kind, string field, string message);

    [LoggerMessage(16, LogLevel.Error, "De-duplication of lead {LeadId} failed {Attempts} time(s) while the de-duplication store answers: the lead itself cannot be de-duplicated; it is dead-lettered")]
    public static partial void DeduplicationFailedForLead(ILogger logger, Exception error, string leadId, int attempts);

    [LoggerMessage(17, LogLevel.Warning, "De-duplication of lead {LeadId} failed and the pipeline is stopping; the lead stays pending in the journal and is de-duplicated after the next start")]
    public static partial void DeduplicationLeftPending(ILogger logger, string leadId);

    [LoggerMessage(18, LogLevel.Error, "The warnings of lead {LeadId} could not be computed; the lead is accepted without them")]
    public static partial void WarningsFailed(ILogger logger, Exception error, string leadId);

    [LoggerMessage(13, LogLevel.Critical, "A task of lead pipeline '{Pipeline}' failed unexpectedly; the pipeline stops and the leads it held stay pending in the journal")]
    public static partial void TaskFailed(ILogger logger, Exception error, string pipeline);

    [LoggerMessage(19, LogLevel.Information, "Lead pipeline '{Pipeline}': review {Kind} of profiles {First} and {Second} ({LeadCount} lead(s) moved) saved; the sinks that keep profiles are told")]
    public static partial void Reviewed(ILogger logger, string pipeline, MarketplaceLeads.Deduplication.ReviewKind kind, string first, string second, int leadCount);

    [LoggerMessage(20, LogLevel.Error, "Lead pipeline '{Pipeline}' could not read the review log from the de-duplication store; the profile changes not yet sent are sent at the next review or start")]
    public static partial void ProfileChangesNotRead(ILogger logger, Exception error, string pipeline);

    [LoggerMessage(21, LogLevel.Warning, "Sink '{Sink}' failed attempt {Attempt} of {MaxAttempts} at {Count} profile change(s); retrying in {Delay}")]
    public static partial void RetryingProfileChanges(ILogger logger, Exception error, string sink, int attempt, int maxAttempts, int count, TimeSpan delay);

    [LoggerMessage(22, LogLevel.Warning, "Lead pipeline '{Pipeline}' took over {Count} pending lead(s) whose owner stopped renewing its lease; delivering them")]
    public static partial void TookOver(ILogger logger, string pipeline, int count);

    [LoggerMessage(23, LogLevel.Error, "Lead pipeline '{Pipeline}' could not ask the journal for abandoned leads; it asks again at the next interval")]
    public static partial void TakeoverFailed(ILogger logger, Exception error, string pipeline);

    [LoggerMessage(24, LogLevel.Information, "Lead pipeline '{Pipeline}' erased customer data: erasure {ErasureId}, {ProfileCount} profile(s), {LeadCount} lead(s), {ItemCount} item(s) removed")]
    public static partial void Erased(ILogger logger, string pipeline, string erasureId, int profileCount, int leadCount, int itemCount);

    [LoggerMessage(25, LogLevel.Information, "Lead pipeline '{Pipeline}' applied retention: {RawPayloadCount} raw payload(s) and {DeadLetterCount} dead letter(s) dropped")]
    public static partial void RetentionApplied(ILogger logger, string pipeline, int rawPayloadCount, int deadLetterCount);
}
