using System;
using System.Security.Cryptography;
using System.Text;

namespace MarketplaceLeads.Http.Tests;

public sealed class WebhookSignatureTests
{
    private const string Secret = "whsec-0123456789abcdef";
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("{\"schema\":\"marketplace-leads/webhook@1\",\"deliveries\":[]}");
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Compute_IsHmacSha256OfTimestampDotBody_InLowercaseHex()
    {
        var timestamp = Now.ToUnixTimeSeconds();
        byte[] signed = [.. Encoding.ASCII.GetBytes($"{timestamp}."), .. Body];

        var signature = WebhookSignature.Compute(Secret, timestamp, Body);

        Assert.Equal("sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), signed)), signature);
    }

    [Fact]
    public void Verify_AcceptsTheSignature_WithinTheTolerance()
    {
        var timestamp = Now.ToUnixTimeSeconds();
        var signature = WebhookSignature.Compute(Secret, timestamp, Body);

        Assert.True(WebhookSignature.Verify(Secret, timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture), signature, Body, Now.AddMinutes(4), TimeSpan.FromMinutes(5)));
        Assert.True(WebhookSignature.Verify(Secret, timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture), signature.ToUpperInvariant().Replace("SHA256=", "sha256=", StringComparison.Ordinal), Body, Now, TimeSpan.FromMinutes(5)));
    }

    [Theory]
    [InlineData("tampered-body")]
    [InlineData("wrong-secret")]
    [InlineData("replayed-later")]
    [InlineData("from-the-future")]
    [InlineData("timestamp-changed")]
    [InlineData("no-timestamp")]
    [InlineData("no-signature")]
    [InlineData("no-prefix")]
    [InlineData("short-hex")]
    [InlineData("not-hex")]
    public void Verify_RefusesWhatWasNotSignedNow(string variant)
    {
        var timestamp = Now.ToUnixTimeSeconds();
        var stamp = timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var signature = WebhookSignature.Compute(Secret, timestamp, Body);
        var body = Body;
        var secret = Secret;
        var now = Now;
        switch (variant)
        {
            case "tampered-body": body = [.. Body, (byte)' ']; break;
            case "wrong-secret": secret = "whsec-another-secret-value"; break;
            case "replayed-later": now = Now.AddMinutes(6); break;
            case "from-the-future": now = Now.AddMinutes(-6); break;
            case "timestamp-changed": stamp = (timestamp + 1).ToString(System.Globalization.CultureInfo.InvariantCulture); break;
            case "no-timestamp": stamp = null; break;
            case "no-signature": signature = null; break;
            case "no-prefix": signature = signature[7..]; break;
            case "short-hex": signature = signature[..^2]; break;
            case "not-hex": signature = signature[..^1] + "g"; break;
        }

        Assert.False(WebhookSignature.Verify(secret, stamp, signature, body, now, TimeSpan.FromMinutes(5)));
    }
}
