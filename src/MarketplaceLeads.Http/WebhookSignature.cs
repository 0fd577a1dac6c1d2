using System;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace MarketplaceLeads.Http;

/// <summary>
/// Computes and checks the webhook sink's request signature: <c>sha256=</c> followed by the lowercase hex of
/// HMAC-SHA256 keyed with the UTF-8 bytes of the secret, over the ASCII timestamp (Unix seconds, as sent in
/// <see cref="WebhookFormat.TimestampHeader"/>), one <c>.</c>, and the raw body bytes.
/// </summary>
/// <remarks>
/// A receiver verifies the raw body exactly as received (before parsing it), compares in constant time, and refuses a timestamp more
/// than a few minutes away from its clock, so that a captured request cannot be replayed later. <see cref="Verify"/> does all three.
/// </remarks>
public static class WebhookSignature
{
    /// <summary>Computes the value of the <see cref="WebhookFormat.SignatureHeader"/> header for a body.</summary>
    /// <param name="secret">The shared secret (<see cref="WebhookSinkOptions.SigningSecret"/>).</param>
    /// <param name="timestamp">The signing time in Unix seconds, as sent in <see cref="WebhookFormat.TimestampHeader"/>.</param>
    /// <param name="body">The request body's bytes.</param>
    /// <returns><c>sha256=</c> and 64 lowercase hex digits.</returns>
    /// <exception cref="ArgumentException"><paramref name="secret"/> is <see langword="null"/> or empty.</exception>
    public static string Compute(string secret, long timestamp, ReadOnlySpan<byte> body)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        Span<byte> mac = stackalloc byte[32];
        ComputeMac(secret, timestamp, body, mac);
        return WebhookFormat.SignaturePrefix + Hex.ToLower(mac);
    }

    /// <summary>Checks a request's signature and timestamp, in constant time.</summary>
    /// <param name="secret">The shared secret.</param>
    /// <param name="timestamp">The <see cref="WebhookFormat.TimestampHeader"/> header's value.</param>
    /// <param name="signature">The <see cref="WebhookFormat.SignatureHeader"/> header's value.</param>
    /// <param name="body">The raw request body, exactly as received.</param>
    /// <param name="now">The receiver's current time (for example <c>TimeProvider.System.GetUtcNow()</c>).</param>
    /// <param name="tolerance">The largest difference allowed between <paramref name="now"/> and the timestamp, either way; five minutes is usual.</param>
    /// <returns><see langword="true"/> when the signature matches and the timestamp is within <paramref name="tolerance"/>; <see langword="false"/> for a missing or malformed header too.</returns>
    /// <exception cref="ArgumentException"><paramref name="secret"/> is <see langword="null"/> or empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="tolerance"/> is negative.</exception>
    public static bool Verify(string secret, string? timestamp, string? signature, ReadOnlySpan<byte> body, DateTimeOffset now, TimeSpan tolerance)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        ArgumentOutOfRangeException.ThrowIfLessThan(tolerance, TimeSpan.Zero);
        if (timestamp is null || signature is null
            || timestamp.Length is 0 or > 12
            || !long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return false;
        }

        var age = now.ToUnixTimeSeconds() - seconds;
        if (Math.Abs(age) > (long)tolerance.TotalSeconds)
        {
            return false;
        }

        var value = signature.AsSpan().Trim();
        if (!value.StartsWith(WebhookFormat.SignaturePrefix, StringComparison.Ordinal))
        {
            return false;
        }

        var hex = value[WebhookFormat.SignaturePrefix.Length..];
        Span<byte> given = stackalloc byte[32];
        if (hex.Length != 64 || !Hex.TryParse(hex, given))
        {
            return false;
        }

        Span<byte> expected = stackalloc byte[32];
        ComputeMac(secret, seconds, body, expected);
        return CryptographicOperations.FixedTimeEquals(expected, given);
    }

    private static void ComputeMac(string secret, long timestamp, ReadOnlySpan<byte> body, Span<byte> destination)
    {
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(secret));
        Span<byte> prefix = stackalloc byte[24];
        timestamp.TryFormat(prefix, out var written, default, CultureInfo.InvariantCulture);
        prefix[written++] = (byte)'.';
        hmac.AppendData(prefix[..written]);
        hmac.AppendData(body);
        hmac.GetHashAndReset(destination);
    }
}
