using System;
using System.Buffers;
using System.Collections.Generic;
using System.Globalization;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Polly.CircuitBreaker;
using Polly.Timeout;
using MarketplaceLeads.Delivery;

namespace MarketplaceLeads.Http;

/// <summary>
/// POSTs each batch as one JSON request (<see cref="WebhookFormat.Schema"/>) to a webhook, through a named <see cref="HttpClient"/>
/// whose resilience handler times requests out and breaks the circuit; retries are the pipeline's. Profile changes (a review's
/// accept or split) are posted the same way, in requests of their own whose <c>deliveries</c> array is empty and whose
/// <c>profileChanges</c> array holds <see cref="ProfileChangeJson"/> records.
/// </summary>
/// <remarks>
/// Answers are mapped to what the pipeline understands: 2xx is delivered; 408, 429, 5xx, network errors, time-outs and an open circuit throw a
/// transient <see cref="LeadSinkException"/> (with the <c>Retry-After</c> hint when there is one); other answers (3xx, 4xx) throw a
/// non-transient one, after which the pipeline gives each lead its own attempt and dead-letters those refused again.
/// Messages name the status and the endpoint's host, never lead data or the response body.
/// </remarks>
internal sealed class WebhookLeadSink : IProfileChangeSink
{
    private const int MaxReasonLength = 64;

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly byte[] BodyStart = "{\"schema\":\"marketplace-leads/webhook@1\",\"deliveries\":["u8.ToArray();
    private static readonly byte[] BodyEnd = "]}"u8.ToArray();
    private static readonly byte[] ChangesStart = "{\"schema\":\"marketplace-leads/webhook@1\",\"deliveries\":[],\"profileChanges\":["u8.ToArray();
    private static readonly ProductInfoHeaderValue UserAgent = new("MarketplaceLeads.Http", typeof(WebhookLeadSink).Assembly.GetName().Version?.ToString(3) ?? "0.0.0");

    private readonly IHttpClientFactory _clients;
    private readonly WebhookSinkOptions _options;
    private readonly Uri _endpoint;
    private readonly string _clientName;
    private readonly TimeProvider _time;
    private readonly bool _hasUserAgent;

    /// <summary>Initializes a sink.</summary>
    /// <param name="clients">The factory of the named client.</param>
    /// <param name="options">The options, validated (<see cref="WebhookSinkOptionsValidator"/>).</param>
    /// <param name="clientName">The name of the <see cref="HttpClient"/>.</param>
    /// <param name="time">The clock of the signature's timestamp and of <c>Retry-After</c> dates.</param>
    public WebhookLeadSink(IHttpClientFactory clients, WebhookSinkOptions options, string clientName, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(clients);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(options.Endpoint);
        ArgumentNullException.ThrowIfNull(time);
        _clients = clients;
        _options = options;
        _endpoint = options.Endpoint;
        _clientName = clientName;
        _time = time;
        _hasUserAgent = options.Headers.ContainsKey("User-Agent");
    }

    /// <summary>Gets the endpoint as error messages name it: host and port only (the path or query may hold a key).</summary>
    private string EndpointForMessages => _endpoint.Authority;

    public async ValueTask WriteBatchAsync(IReadOnlyList<LeadDelivery> batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.Count == 0)
        {
            return;
        }

        // Serialize every record once; ends[i] is where record i ends in the buffer.
        var records = new ArrayBufferWriter<byte>(Math.Max(4096, batch.Count * 2048));
        var ends = new int[batch.Count];
        using (var writer = new Utf8JsonWriter(records, WriterOptions))
        {
            for (var i = 0; i < batch.Count; i++)
            {
                LeadDeliveryJson.Write(writer, batch[i]);
                writer.Flush();
                writer.Reset();
                ends[i] = records.WrittenCount;
            }
        }

        foreach (var (from, to) in PlanRequests(ends, batch.Count))
        {
            var body = BuildBody(records.WrittenSpan, ends, from, to);
            await SendAsync(body, IdempotencyKey(batch, from, to), string.Create(CultureInfo.InvariantCulture, $"{to - from} lead(s)"), cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask WriteProfileChangesAsync(IReadOnlyList<ProfileChange> changes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changes);
        if (changes.Count == 0)
        {
            return;
        }

        var body = new ArrayBufferWriter<byte>(4096);
        body.Write(ChangesStart);
        using (var writer = new Utf8JsonWriter(body, WriterOptions))
        {
            for (var i = 0; i < changes.Count; i++)
            {
                if (i > 0)
                {
                    body.Write(","u8);
                }

                ProfileChangeJson.Write(writer, changes[i]);
                writer.Flush();
                writer.Reset();
            }
        }

        body.Write(BodyEnd);
        var what = string.Create(CultureInfo.InvariantCulture, $"{changes.Count} profile change(s)");
        if (body.WrittenCount > _options.MaxRequestBodyBytes)
        {
            throw new LeadSinkException(
                $"The profile changes are {body.WrittenCount} bytes of JSON, more than WebhookSinkOptions.MaxRequestBodyBytes ({_options.MaxRequestBodyBytes}) allows for one request to {EndpointForMessages}; they cannot be sent ({what}).",
                isTransient: false);
        }

        await SendAsync(body.WrittenSpan.ToArray(), ProfileChangeKey(changes), what, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Computes the <see cref="WebhookFormat.IdempotencyKeyHeader"/> value of a profile-change request: lowercase hex SHA-256 of <c>profile-change:</c> and the changes' sequences, in order.</summary>
    internal static string ProfileChangeKey(IReadOnlyList<ProfileChange> changes)
    {
        var text = new System.Text.StringBuilder("profile-change:");
        foreach (var change in changes)
        {
            text.Append(change.Sequence.ToString(CultureInfo.InvariantCulture)).Append(',');
        }

        return Hex.ToLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text.ToString())));
    }

    /// <summary>Computes the <see cref="WebhookFormat.IdempotencyKeyHeader"/> value: lowercase hex SHA-256 of the lead ids' 16 bytes each, in order.</summary>
    internal static string IdempotencyKey(IReadOnlyList<LeadDelivery> batch, int from, int to)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> id = stackalloc byte[16];
        for (var i = from; i < to; i++)
        {
            batch[i].Lead.Id.TryWriteBytes(id);
            hash.AppendData(id);
        }

        Span<byte> digest = stackalloc byte[32];
        hash.GetHashAndReset(digest);
        return Hex.ToLower(digest);
    }

    /// <summary>Splits the batch into runs of records whose body fits <see cref="WebhookSinkOptions.MaxRequestBodyBytes"/>; throws (not transient) before anything is sent when one record cannot fit alone.</summary>
    private List<(int From, int To)> PlanRequests(int[] ends, int count)
    {
        var max = _options.MaxRequestBodyBytes;
        var envelope = BodyStart.Length + BodyEnd.Length;
        var requests = new List<(int From, int To)>(1);
        var from = 0;
        var fromByte = 0;
        for (var i = 0; i < count; i++)
        {
            var start = i == 0 ? 0 : ends[i - 1];
            if (envelope + (ends[i] - start) > max)
            {
                throw new LeadSinkException(
                    $"A delivery is {ends[i] - start} bytes of JSON, more than WebhookSinkOptions.MaxRequestBodyBytes ({max}) allows for one request to {EndpointForMessages}; it cannot be sent.",
                    isTransient: false);
            }

            // Body with records from..i: the envelope, the records, and a comma between each two.
            if (i > from && envelope + (ends[i] - fromByte) + (i - from) > max)
            {
                requests.Add((from, i));
                from = i;
                fromByte = start;
            }
        }

        requests.Add((from, count));
        return requests;
    }

    private static byte[] BuildBody(ReadOnlySpan<byte> records, int[] ends, int from, int to)
    {
        var fromByte = from == 0 ? 0 : ends[from - 1];
        var body = new byte[BodyStart.Length + (ends[to - 1] - fromByte) + (to - from - 1) + BodyEnd.Length];
        var span = body.AsSpan();
        BodyStart.CopyTo(span);
        var position = BodyStart.Length;
        for (var i = from; i < to; i++)
        {
            if (i > from)
            {
                span[position++] = (byte)',';
            }

            var start = i == 0 ? 0 : ends[i - 1];
            records[start..ends[i]].CopyTo(span[position..]);
            position += ends[i] - start;
        }

        BodyEnd.CopyTo(span[position..]);
        return body;
    }

    private async Task SendAsync(byte[] body, string idempotencyKey, string what, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, _endpoint);
        request.Content = new ByteArrayContent(body);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.TryAddWithoutValidation(WebhookFormat.IdempotencyKeyHeader, idempotencyKey);
        if (_options.SigningSecret is { } secret)
        {
            var timestamp = _time.GetUtcNow().ToUnixTimeSeconds();
            request.Headers.TryAddWithoutValidation(WebhookFormat.TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
            request.Headers.TryAddWithoutValidation(WebhookFormat.SignatureHeader, WebhookSignature.Compute(secret, timestamp, body));
        }

        foreach (var header in _options.Headers)
        {
            request.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        if (!_hasUserAgent)
        {
            request.Headers.UserAgent.Add(UserAgent);
        }

        var client = _clients.CreateClient(_clientName);
        HttpResponseMessage response;
        try
        {
            response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (TimeoutRejectedException error)
        {
            throw new LeadSinkException($"The webhook endpoint {EndpointForMessages} did not answer within {_options.AttemptTimeout} ({what}).", isTransient: true, innerException: error);
        }
        catch (BrokenCircuitException error)
        {
            throw new LeadSinkException(
                $"The circuit to the webhook endpoint {EndpointForMessages} is open after repeated failures; no request was sent ({what}).",
                isTransient: true,
                retryAfter: _options.CircuitBreaker.BreakDuration,
                innerException: error);
        }
        catch (HttpRequestException error)
        {
            throw new LeadSinkException($"The request to the webhook endpoint {EndpointForMessages} failed ({DescribeError(error)}; {what}).", isTransient: true, innerException: error);
        }
        catch (OperationCanceledException error)
        {
            // HttpClient.Timeout, or a handler that cancels; not the pipeline's token.
            throw new LeadSinkException($"The request to the webhook endpoint {EndpointForMessages} was cancelled or timed out ({what}).", isTransient: true, innerException: error);
        }

        using (response)
        {
            ThrowIfFailed(response, what);
        }
    }

    private void ThrowIfFailed(HttpResponseMessage response, string what)
    {
        var status = (int)response.StatusCode;
        if (status is >= 200 and <= 299)
        {
            if (response.RequestMessage is { } sent && (sent.Method != HttpMethod.Post || sent.RequestUri != _endpoint))
            {
                // A handler followed a redirect (a POST turned into a GET loses the body): the leads were not delivered.
                throw new LeadSinkException(
                    $"The webhook endpoint {EndpointForMessages} redirected the request; redirects are not followed, set WebhookSinkOptions.Endpoint to the final URL ({what}).",
                    isTransient: false);
            }

            return;
        }

        var transient = status is 408 or 429 or >= 500;
        var retryAfter = transient ? RetryAfterHeader.Read(response, _time.GetUtcNow()) : null;
        var message = $"The webhook endpoint {EndpointForMessages} answered HTTP {status.ToString(CultureInfo.InvariantCulture)} ({Reason(response.ReasonPhrase)}) for {what}"
            + (retryAfter is { } wait ? $"; retry after {wait}." : ".")
            + (status is >= 300 and < 400 ? " Redirects are not followed: set WebhookSinkOptions.Endpoint to the final URL." : string.Empty);
        throw new LeadSinkException(message, transient, retryAfter);
    }

    /// <summary>A short, printable reason phrase: the receiver's text is not trusted to be short or free of data.</summary>
    private static string Reason(string? phrase)
    {
        if (string.IsNullOrWhiteSpace(phrase))
        {
            return "no reason";
        }

        var span = phrase.AsSpan().Trim();
        var truncated = span.Length > MaxReasonLength;
        if (truncated)
        {
            span = span[..MaxReasonLength];
        }

        return string.Create(span.Length + (truncated ? 1 : 0), (phrase, truncated), static (destination, state) =>
        {
            var source = state.phrase.AsSpan().Trim();
            for (var i = 0; i < destination.Length - (state.truncated ? 1 : 0); i++)
            {
                destination[i] = char.IsControl(source[i]) ? '?' : source[i];
            }

            if (state.truncated)
            {
                destination[^1] = '…';
            }
        });
    }

    private static string DescribeError(HttpRequestException error) => error.HttpRequestError.ToString();
}
