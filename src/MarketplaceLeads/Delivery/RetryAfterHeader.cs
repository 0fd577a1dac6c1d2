using System;
using System.Globalization;
using System.Net.Http;

namespace MarketplaceLeads.Delivery;

/// <summary>
/// Reads an HTTP <c>Retry-After</c> value (RFC 9110 §10.2.3): delay-seconds or an HTTP-date (IMF-fixdate, and the
/// obsolete RFC 850 and asctime forms). Never throws. For sinks that pass a target's hint on as
/// <see cref="LeadSinkException.RetryAfter"/>; the webhook, Azure Table and CRM sinks compile this file in (internal in
/// each package: a user's own HTTP sink has <c>HttpResponseMessage.Headers.RetryAfter</c>).
/// </summary>
internal static class RetryAfterHeader
{
    /// <summary>The longest delay read; a larger value is cut to it (the pipeline caps hints at <c>MaxRetryAfter</c> anyway).</summary>
    public static readonly TimeSpan MaxDelay = TimeSpan.FromDays(1);

    // IMF-fixdate (the one senders must use), then the obsolete RFC 850 and asctime forms receivers must accept.
    private static readonly string[] DateFormats =
    [
        "ddd, dd MMM yyyy HH':'mm':'ss 'GMT'",
        "dddd, dd-MMM-yy HH':'mm':'ss 'GMT'",
        "ddd MMM d HH':'mm':'ss yyyy",
    ];

    /// <summary>Reads the first valid <c>Retry-After</c> header of a response.</summary>
    /// <param name="response">The response.</param>
    /// <param name="now">The current time, for the HTTP-date form.</param>
    /// <returns>The delay (see <see cref="TryParse"/>), or <see langword="null"/> when the response has no valid <c>Retry-After</c>.</returns>
    public static TimeSpan? Read(HttpResponseMessage response, DateTimeOffset now)
    {
        if (!response.Headers.NonValidated.TryGetValues("Retry-After", out var values))
        {
            return null;
        }

        foreach (var value in values)
        {
            if (TryParse(value, now, out var delay))
            {
                return delay;
            }
        }

        return null;
    }

    /// <summary>Parses a <c>Retry-After</c> value.</summary>
    /// <param name="value">The header value.</param>
    /// <param name="now">The current time, for the HTTP-date form.</param>
    /// <param name="delay">The delay: at least zero (a date in the past), at most <see cref="MaxDelay"/>.</param>
    /// <returns><see langword="true"/> when <paramref name="value"/> is delay-seconds or an HTTP-date.</returns>
    public static bool TryParse(ReadOnlySpan<char> value, DateTimeOffset now, out TimeSpan delay)
    {
        value = value.Trim();
        delay = TimeSpan.Zero;
        if (value.IsEmpty)
        {
            return false;
        }

        if (char.IsAsciiDigit(value[0]))
        {
            return TryParseSeconds(value, out delay);
        }

        if (!DateTimeOffset.TryParseExact(value, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.AllowInnerWhite | DateTimeStyles.AssumeUniversal, out var date))
        {
            return false;
        }

        var ticks = (date.UtcTicks - now.UtcTicks) switch
        {
            < 0 => 0,
            var t when t > MaxDelay.Ticks => MaxDelay.Ticks,
            var t => t,
        };
        delay = TimeSpan.FromTicks(ticks);
        return true;
    }

    private static bool TryParseSeconds(ReadOnlySpan<char> value, out TimeSpan delay)
    {
        var maxSeconds = (long)MaxDelay.TotalSeconds;
        long seconds = 0;
        foreach (var c in value)
        {
            if (!char.IsAsciiDigit(c))
            {
                delay = TimeSpan.Zero;
                return false;
            }

            seconds = Math.Min((seconds * 10) + (c - '0'), maxSeconds);
        }

        delay = TimeSpan.FromSeconds(seconds);
        return true;
    }
}
