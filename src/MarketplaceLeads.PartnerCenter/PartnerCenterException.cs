using System;

namespace MarketplaceLeads.PartnerCenter;

/// <summary>
/// A request to Partner Center's Referrals API (or its token endpoint) failed. The message names the host, the HTTP status, the API's
/// error code and the <c>MS-CorrelationId</c> and <c>MS-RequestId</c> of the request (quote them to Partner Center support), never
/// referral data, the token or the secret.
/// </summary>
public sealed class PartnerCenterException : Exception
{
    /// <summary>Initializes an exception.</summary>
    public PartnerCenterException()
    {
    }

    /// <summary>Initializes an exception with a message.</summary>
    /// <param name="message">The message.</param>
    public PartnerCenterException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes an exception with a message and its cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public PartnerCenterException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    internal PartnerCenterException(string message, int? statusCode, string? correlationId, string? requestId, bool isTransient, TimeSpan? retryAfter, Exception? innerException = null)
        : base(message, innerException)
    {
        StatusCode = statusCode;
        CorrelationId = correlationId;
        RequestId = requestId;
        IsTransient = isTransient;
        RetryAfter = retryAfter;
    }

    /// <summary>Gets the HTTP status of the answer; <see langword="null"/> when there was none (network error, time-out, throttled locally).</summary>
    public int? StatusCode { get; }

    /// <summary>Gets the <c>MS-CorrelationId</c> the request was sent with (one per read pass or write-back).</summary>
    public string? CorrelationId { get; }

    /// <summary>Gets the <c>MS-RequestId</c> of the request (the API's own when it answered with one).</summary>
    public string? RequestId { get; }

    /// <summary>Gets a value indicating whether trying again later can help (throttling, 408, 5xx, network errors, time-outs).</summary>
    public bool IsTransient { get; }

    /// <summary>Gets how long the API asked to wait (<c>Retry-After</c>), when it did.</summary>
    public TimeSpan? RetryAfter { get; }
}
