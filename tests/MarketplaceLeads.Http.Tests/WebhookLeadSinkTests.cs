using System;
using System.Linq;
using System.Net.Http;
using System.Security.Cryptography;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using MarketplaceLeads.Delivery;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;

namespace MarketplaceLeads.Http.Tests;

/// <summary>The sink called directly against a real Kestrel server: how answers map to <see cref="LeadSinkException"/>, splitting, keys.</summary>
public sealed class WebhookLeadSinkTests
{
    [Theory]
    [InlineData(400, false)]
    [InlineData(401, false)]
    [InlineData(403, false)]
    [InlineData(404, false)]
    [InlineData(409, false)]
    [InlineData(413, false)]
    [InlineData(422, false)]
    [InlineData(408, true)]
    [InlineData(500, true)]
    [InlineData(502, true)]
    [InlineData(504, true)]
    public async Task Status_MapsToTransientOrNot(int status, bool transient)
    {
        await using var server = await WebhookServer.StartAsync((_, context) =>
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        });
        await using var sut = new SinkUnderTest(o => o.Endpoint = server.Endpoint);

        var error = await sut.FailAsync(await SinkUnderTest.DeliveriesAsync());

        Assert.Equal(transient, error.IsTransient);
        Assert.Null(error.RetryAfter);
        Assert.Contains($"HTTP {status} (", error.Message, StringComparison.Ordinal);
        Assert.Contains($"127.0.0.1:{server.Endpoint.Port}", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, server.Count);
    }

    [Theory]
    [InlineData(429, "7", 7)]
    [InlineData(503, "120", 120)]
    [InlineData(503, "soon", null)]
    [InlineData(429, null, null)]
    [InlineData(500, "3", 3)]
    public async Task ThrottledOrUnavailable_IsTransient_WithTheRetryAfterHint(int status, string? retryAfter, int? seconds)
    {
        await using var server = await WebhookServer.StartAsync((_, context) =>
        {
            context.Response.StatusCode = status;
            if (retryAfter is not null)
            {
                context.Response.Headers.RetryAfter = retryAfter;
            }

            return Task.CompletedTask;
        });
        await using var sut = new SinkUnderTest(o => o.Endpoint = server.Endpoint);

        var error = await sut.FailAsync(await SinkUnderTest.DeliveriesAsync());

        Assert.True(error.IsTransient);
        Assert.Equal(seconds is { } s ? TimeSpan.FromSeconds(s) : null, error.RetryAfter);
    }

    [Fact]
    public async Task RetryAfterAsHttpDate_IsMeasuredFromTheInjectedTimeProvider_WhichAlsoStampsTheSignature()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
        var until = time.GetUtcNow().AddMinutes(2).ToString("r", System.Globalization.CultureInfo.InvariantCulture);
        await using var server = await WebhookServer.StartAsync((_, context) =>
        {
            context.Response.StatusCode = 503;
            context.Response.Headers.RetryAfter = until;
            return Task.CompletedTask;
        });
        await using var sut = new SinkUnderTest(
            o =>
            {
                o.Endpoint = server.Endpoint;
                o.SigningSecret = "a-long-enough-signing-secret";
            },
            time);

        var error = await sut.FailAsync(await SinkUnderTest.DeliveriesAsync());

        Assert.Equal("Mon, 02 Mar 2026 09:02:00 GMT", until);
        Assert.Equal(TimeSpan.FromMinutes(2), error.RetryAfter);
        Assert.Contains("retry after 00:02:00", error.Message, StringComparison.Ordinal);
        Assert.Equal(time.GetUtcNow().ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), Assert.Single(server.Requests).Header(WebhookFormat.TimestampHeader));
    }

    [Fact]
    public async Task ErrorMessage_NamesStatusAndHost_ButNeitherTheBodyNorThePathNorALongReason()
    {
        await using var server = await WebhookServer.StartAsync(async (_, context) =>
        {
            context.Response.StatusCode = 422;
            WebhookServer.SetReason(context, "Unprocessable " + new string('x', 200));
            await context.Response.WriteAsync("person0@company0.example is not allowed");
        });
        var endpoint = new Uri(server.Endpoint + "?code=SECRET-FUNCTION-KEY");
        await using var sut = new SinkUnderTest(o => o.Endpoint = endpoint);

        var error = await sut.FailAsync(await SinkUnderTest.DeliveriesAsync());

        Assert.False(error.IsTransient);
        Assert.StartsWith($"The webhook endpoint 127.0.0.1:{server.Endpoint.Port} answered HTTP 422 (Unprocessable xxx", error.Message, StringComparison.Ordinal);
        Assert.Contains("x…) for 6 lead(s).", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("@", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("SECRET", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("/hooks", error.Message, StringComparison.Ordinal);
        Assert.True(error.Message.Length < 200, error.Message);
    }

    [Theory]
    [InlineData(301)]
    [InlineData(302)]
    [InlineData(307)]
    public async Task Redirect_IsNotFollowed_AndFailsAsNotTransient(int status)
    {
        await using var server = await WebhookServer.StartAsync((request, context) =>
        {
            if (request.PathAndQuery == "/hooks/leads")
            {
                context.Response.StatusCode = status;
                context.Response.Headers.Location = "/elsewhere";
            }

            return Task.CompletedTask;
        });
        await using var sut = new SinkUnderTest(o => o.Endpoint = server.Endpoint);

        var error = await sut.FailAsync(await SinkUnderTest.DeliveriesAsync());

        Assert.False(error.IsTransient);
        Assert.Contains("Redirects are not followed", error.Message, StringComparison.Ordinal);
        Assert.Equal("/hooks/leads", Assert.Single(server.Requests).PathAndQuery);
    }

    [Fact]
    public async Task ConnectionRefused_IsTransient_WithTheNetworkErrorInside()
    {
        Uri endpoint;
        await using (var stopped = await WebhookServer.StartAsync())
        {
            endpoint = stopped.Endpoint;
        }

        await using var sut = new SinkUnderTest(o => o.Endpoint = endpoint);

        var error = await sut.FailAsync(await SinkUnderTest.DeliveriesAsync());

        Assert.True(error.IsTransient);
        Assert.IsType<HttpRequestException>(error.InnerException);
        Assert.Contains($"webhook endpoint 127.0.0.1:{endpoint.Port} failed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CancelledByThePipeline_PropagatesTheCancellation()
    {
        WebhookServer? hanging = null;
        await using var server = hanging = await WebhookServer.StartAsync((_, context) => hanging!.HangAsync(context));
        await using var sut = new SinkUnderTest(o => o.Endpoint = server.Endpoint);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await sut.Sink.WriteBatchAsync(await SinkUnderTest.DeliveriesAsync(), cancel.Token));
    }

    [Fact]
    public async Task BatchOverMaxRequestBodyBytes_IsSplit_EachRequestUnderTheLimitWithItsOwnKey()
    {
        await using var server = await WebhookServer.StartAsync();
        await using var sut = new SinkUnderTest(o =>
        {
            o.Endpoint = server.Endpoint;
            o.MaxRequestBodyBytes = 4096;
        });
        var deliveries = await SinkUnderTest.DeliveriesAsync();

        await sut.Sink.WriteBatchAsync(deliveries, CancellationToken.None);

        var requests = server.Requests;
        Assert.True(requests.Count > 1, $"{requests.Count} request(s)");
        Assert.All(requests, r => Assert.InRange(r.Body.Length, 1, 4096));
        var sent = requests.Select(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("deliveries").EnumerateArray().Select(d => LeadId.Parse(d.GetProperty("leadId").GetString()!)).ToArray()).ToArray();
        Assert.Equal(deliveries.Select(d => d.Lead.Id), sent.SelectMany(ids => ids));
        Assert.All(requests.Zip(sent), pair => Assert.Equal(KeyOf(pair.Second), pair.First.Header(WebhookFormat.IdempotencyKeyHeader)));
        Assert.Equal(requests.Count, requests.Select(r => r.Header(WebhookFormat.IdempotencyKeyHeader)).Distinct().Count());
    }

    [Fact]
    public async Task DeliveryTooLargeForOneRequest_FailsAsNotTransient_BeforeAnythingIsSent()
    {
        await using var server = await WebhookServer.StartAsync();
        await using var sut = new SinkUnderTest(o =>
        {
            o.Endpoint = server.Endpoint;
            o.MaxRequestBodyBytes = 4096;
        });
        var deliveries = await TestLeads.DeliveriesAsync(TestLeads.Person(1), TestLeads.Person(2, description: new string('d', 5000)));

        var error = await sut.FailAsync(deliveries);

        Assert.False(error.IsTransient);
        Assert.Contains("MaxRequestBodyBytes (4096)", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, server.Count);
    }

    [Fact]
    public async Task IdempotencyKey_IsTheSameForTheSameLeads_AndDiffersForOthers()
    {
        await using var server = await WebhookServer.StartAsync();
        await using var sut = new SinkUnderTest(o => o.Endpoint = server.Endpoint);
        var deliveries = await SinkUnderTest.DeliveriesAsync();

        await sut.Sink.WriteBatchAsync(deliveries.Take(3).ToArray(), CancellationToken.None);
        await sut.Sink.WriteBatchAsync(deliveries.Take(3).ToArray(), CancellationToken.None);
        await sut.Sink.WriteBatchAsync(deliveries.Skip(3).ToArray(), CancellationToken.None);

        var keys = server.Requests.Select(r => r.Header(WebhookFormat.IdempotencyKeyHeader)).ToArray();
        Assert.Equal(keys[0], keys[1]);
        Assert.NotEqual(keys[0], keys[2]);
        Assert.Matches("^[0-9a-f]{64}$", keys[0]!);
    }

    [Fact]
    public async Task NoSigningSecret_SendsNoSignatureHeaders()
    {
        await using var server = await WebhookServer.StartAsync();
        await using var sut = new SinkUnderTest(o => o.Endpoint = server.Endpoint);

        await sut.Sink.WriteBatchAsync(await SinkUnderTest.DeliveriesAsync(), CancellationToken.None);

        var request = Assert.Single(server.Requests);
        Assert.Null(request.Header(WebhookFormat.SignatureHeader));
        Assert.Null(request.Header(WebhookFormat.TimestampHeader));
    }

    private static string KeyOf(LeadId[] ids)
    {
        var bytes = new byte[ids.Length * 16];
        for (var i = 0; i < ids.Length; i++)
        {
            ids[i].TryWriteBytes(bytes.AsSpan(i * 16, 16));
        }

        return Convert.ToHexStringLower(SHA256.HashData(bytes));
    }
}
