using System;

namespace MarketplaceLeads.Delivery;

/// <summary>
/// Thrown by an <see cref="ILeadSink"/> to tell the pipeline more about a failed write: when to retry
/// (<see cref="RetryAfter"/>, e.g. from an HTTP <c>Retry-After</c> header) or that retrying cannot help
/// (<see cref="IsTransient"/> is <see langword="false"/>).
/// </summary>
/// <remarks>Any other exception type counts as transient with no hint.</remarks>
public class LeadSinkException : Exception
{
    /// <summary>Initializes a new instance for a transient failure without a hint.</summary>
    public LeadSinkException()
        : this("The lead sink failed.")
    {
    }

    /// <summary>Initializes a new instance for a transient failure without a hint.</summary>
    /// <param name="message">What failed.</param>
    public LeadSinkException(string message)
        : this(message, null)
    {
    }

    /// <summary>Initializes a new instance for a transient failure without a hint.</summary>
    /// <param name="message">What failed.</param>
    /// <param name="innerException">The cause.</param>
    public LeadSinkException(string message, Exception? innerException)
        : base(message, innerException)
    {
        IsTransient = true;
    }

    /// <summary>Initializes a new instance.</summary>
    /// <param name="message">What failed.</param>
    /// <param name="isTransient"><see langword="true"/> when a later attempt may succeed.</param>
    /// <param name="retryAfter">How long the target asked to wait before the next attempt; <see langword="null"/> for no hint.</param>
    /// <param name="innerException">The cause.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="retryAfter"/> is negative.</exception>
    public LeadSinkException(string message, bool isTransient, TimeSpan? retryAfter = null, Exception? innerException = null)
        : base(message, innerException)
    {
        if (retryAfter is { } wait && wait < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(retryAfter), wait, "The retry-after hint must not be negative.");
        }

        IsTransient = isTransient;
        RetryAfter = retryAfter;
    }

    /// <summary>Gets a value indicating whether a later attempt may succeed; when <see langword="false"/> the pipeline dead-letters the leads without retrying.</summary>
    public bool IsTransient { get; }

    /// <summary>Gets how long the target asked to wait before the next attempt; the pipeline waits at least this long (up to <see cref="MarketplaceLeadsOptions.MaxRetryAfter"/>).</summary>
    public TimeSpan? RetryAfter { get; }
}
