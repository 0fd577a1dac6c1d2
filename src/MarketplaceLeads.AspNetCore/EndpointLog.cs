using Microsoft.Extensions.Logging;

namespace MarketplaceLeads.AspNetCore;

/// <summary>The endpoint's log messages (source-generated). They name leads by id and count only: no customer data, no body, no key.</summary>
internal static partial class EndpointLog
{
    [LoggerMessage(1, LogLevel.Debug, "Lead {LeadId} accepted from the HTTPS endpoint")]
    public static partial void LeadAccepted(ILogger logger, string leadId);

    [LoggerMessage(2, LogLevel.Debug, "Lead {LeadId} was already accepted (a marketplace retry)")]
    public static partial void LeadAlreadyAccepted(ILogger logger, string leadId);

    [LoggerMessage(3, LogLevel.Information, "Lead POST answered 200: {Accepted} accepted, {AlreadyAccepted} already accepted")]
    public static partial void PayloadAccepted(ILogger logger, int accepted, int alreadyAccepted);

    [LoggerMessage(4, LogLevel.Warning, "Lead POST answered 400: {Rejected} record(s) rejected and dead-lettered; first is record {RecordIndex} at {JsonPath}: {Reason}; {Accepted} accepted, {AlreadyAccepted} already accepted")]
    public static partial void PayloadRejected(ILogger logger, int rejected, long recordIndex, string jsonPath, string reason, int accepted, int alreadyAccepted);

    [LoggerMessage(5, LogLevel.Warning, "Lead POST answered {StatusCode}: no valid key")]
    public static partial void Unauthorized(ILogger logger, int statusCode);

    [LoggerMessage(6, LogLevel.Warning, "Lead POST answered 413: the body is over {MaxBodyBytes} bytes")]
    public static partial void PayloadTooLarge(ILogger logger, int maxBodyBytes);

    [LoggerMessage(7, LogLevel.Warning, "Lead POST answered 415: the content type is not UTF-8 application/json")]
    public static partial void UnsupportedContentType(ILogger logger);

    [LoggerMessage(8, LogLevel.Warning, "Lead POST answered 503: the queue is full; {QueueFull} lead(s) refused, {Accepted} accepted, {AlreadyAccepted} already accepted")]
    public static partial void QueueFull(ILogger logger, int queueFull, int accepted, int alreadyAccepted);

    [LoggerMessage(9, LogLevel.Warning, "Lead POST answered 503: the lead pipeline has stopped")]
    public static partial void PipelineStopped(ILogger logger);

    [LoggerMessage(10, LogLevel.Warning, "Lead POST answered 400: the body holds no lead")]
    public static partial void PayloadEmpty(ILogger logger);

    [LoggerMessage(11, LogLevel.Warning, "Lead POST answered 408: the body arrived slower than Kestrel's MinRequestBodyDataRate; nothing was submitted")]
    public static partial void BodyTooSlow(ILogger logger);

    [LoggerMessage(12, LogLevel.Information, "Lead POST abandoned: the body ended before its declared length or its framing is malformed (Kestrel status {StatusCode}), most often because the client disconnected; nothing was submitted")]
    public static partial void BodyIncomplete(ILogger logger, int statusCode);

    [LoggerMessage(13, LogLevel.Information, "Lead POST abandoned: the client disconnected before the whole body arrived; nothing was submitted")]
    public static partial void ClientDisconnected(ILogger logger);
}
