using System;
using System.Buffers;
using System.Globalization;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using MarketplaceLeads.Delivery;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace MarketplaceLeads.AspNetCore;

/// <summary>
/// The request handler behind <c>MapMarketplaceLeads</c>: key, content type, size limit, read, submit, answer. It reads the
/// body with a <see cref="LeadReader"/> (one lead or an array) and submits each record: a record that cannot be read is
/// submitted as its <see cref="LeadReadError"/>, which the pipeline dead-letters with its raw text.
/// Logs and answers name leads by id and count only; the body is never logged or echoed, and the pooled buffer that
/// held it is cleared when returned.
/// </summary>
internal sealed class MarketplaceLeadsEndpoint
{
    private const int InitialBufferBytes = 16 * 1024;

    private readonly MarketplaceLeadsEndpointOptions _options;
    private readonly IServiceProvider _services;
    private readonly ILogger _logger;
    private readonly byte[][]? _secretHashes;
    private readonly string _retryAfter;
    private readonly LeadReader _reader;
    private ILeadPipeline? _processor;

    public MarketplaceLeadsEndpoint(MarketplaceLeadsEndpointOptions options, IServiceProvider services, ILogger logger)
    {
        _options = options;
        _services = services;
        _logger = logger;
        var secrets = options.AcceptedSecrets();
        _secretHashes = secrets.Count == 0 ? null : secrets.ConvertAll(static secret => SHA256.HashData(Encoding.UTF8.GetBytes(secret))).ToArray();
        _retryAfter = ((long)Math.Ceiling(options.RetryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        _reader = new LeadReader(new LeadReaderOptions
        {
            ErrorPolicy = LeadReadErrorPolicy.SkipAndReport, // every record reaches the pipeline: a lead, or an error to dead-letter
            KeepRawPayload = true,
            MaxDepth = options.MaxDepth,
            MaxFieldLength = options.MaxFieldLength,
            MaxRecordBytes = options.MaxRecordBytes,
            TimeProvider = services.GetService<TimeProvider>() ?? TimeProvider.System,
        });
    }

    private ILeadPipeline Processor => _processor ??= _options.PipelineName is { } name
        ? _services.GetRequiredKeyedService<ILeadPipeline>(name)
        : _services.GetRequiredService<ILeadPipeline>();

    public async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var response = context.Response;
        if (_secretHashes is not null && !IsAuthorized(request, _secretHashes))
        {
            EndpointLog.Unauthorized(_logger, _options.UnauthorizedStatusCode);
            response.StatusCode = _options.UnauthorizedStatusCode;
            return;
        }

        if (!IsJson(request.ContentType))
        {
            EndpointLog.UnsupportedContentType(_logger);
            await ResponseWriter.WriteProblemAsync(response, StatusCodes.Status415UnsupportedMediaType, "Unsupported content type", "The body must be application/json in UTF-8.", null).ConfigureAwait(false);
            return;
        }

        if (request.ContentLength > _options.MaxBodyBytes)
        {
            await TooLargeAsync(response).ConfigureAwait(false);
            return;
        }

        var sizeFeature = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (sizeFeature is { IsReadOnly: false })
        {
            sizeFeature.MaxRequestBodySize = _options.MaxBodyBytes;
        }

        byte[]? buffer = null;
        try
        {
            int length;
            try
            {
                (buffer, length) = await ReadBodyAsync(request, _options.MaxBodyBytes, context).ConfigureAwait(false);
            }
            catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
            {
                length = -1;
            }
            catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status408RequestTimeout)
            {
                // Kestrel's MinRequestBodyDataRate: the body arrived too slowly. Answered here, not left to escape as an unhandled exception.
                EndpointLog.BodyTooSlow(_logger);
                await AnswerUnreadAsync(response, StatusCodes.Status408RequestTimeout, "Request timeout", "The body arrived too slowly; nothing was submitted. Send it again.").ConfigureAwait(false);
                return;
            }
            catch (BadHttpRequestException ex)
            {
                // Most often the client closed the connection before the declared Content-Length arrived; or bad chunked framing.
                EndpointLog.BodyIncomplete(_logger, ex.StatusCode);
                await AnswerUnreadAsync(response, StatusCodes.Status400BadRequest, "The body is incomplete", "The body ended before its declared length, or its framing is malformed; nothing was submitted.").ConfigureAwait(false);
                return;
            }
            catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
            {
                EndpointLog.ClientDisconnected(_logger);
                return;
            }
            catch (IOException)
            {
                // Kestrel's ConnectionResetException and the like: the connection broke mid-body.
                EndpointLog.ClientDisconnected(_logger);
                return;
            }

            if (length < 0)
            {
                await TooLargeAsync(response).ConfigureAwait(false);
                return;
            }

            var records = _reader.ReadHttpsPayloads(buffer.AsSpan(0, length));
            var results = new LeadSubmitResult[records.Count];
            try
            {
                // Not cancelled by RequestAborted: a body that arrived whole is submitted even if the client hangs up now (the
                // marketplace may not send it again; a retry it does send is AlreadyAccepted).
                for (var i = 0; i < records.Count; i++)
                {
                    results[i] = await Processor.SubmitAsync(records[i], CancellationToken.None).ConfigureAwait(false);
                }
            }
            catch (ObjectDisposedException)
            {
                EndpointLog.PipelineStopped(_logger);
                await UnavailableAsync(response, "The lead pipeline has stopped; nothing was accepted. Retry later.", null).ConfigureAwait(false);
                return;
            }

            await AnswerAsync(response, results).ConfigureAwait(false);
        }
        finally
        {
            if (buffer is not null)
            {
                ArrayPool<byte>.Shared.Return(buffer, clearArray: true);
            }
        }
    }

    private async Task AnswerAsync(HttpResponse response, LeadSubmitResult[] results)
    {
        var counts = default(ResponseWriter.Counts);
        LeadSubmitResult? firstRejected = null;
        foreach (var result in results)
        {
            switch (result.Status)
            {
                case LeadSubmitStatus.Accepted:
                    counts.Accepted++;
                    EndpointLog.LeadAccepted(_logger, result.LeadId?.ToString() ?? "?");
                    break;
                case LeadSubmitStatus.AlreadyAccepted:
                    counts.AlreadyAccepted++;
                    EndpointLog.LeadAlreadyAccepted(_logger, result.LeadId?.ToString() ?? "?");
                    break;
                case LeadSubmitStatus.Rejected:
                    counts.Rejected++;
                    firstRejected ??= result;
                    break;
                default:
                    counts.QueueFull++;
                    break;
            }
        }

        if (counts.QueueFull > 0)
        {
            // Retrying helps the refused leads (and is a no-op for the accepted ones), so 503 wins over 400.
            EndpointLog.QueueFull(_logger, counts.QueueFull, counts.Accepted, counts.AlreadyAccepted);
            await UnavailableAsync(response, "The lead queue is full; the leads counted as queueFull were not accepted. Retry later.", counts).ConfigureAwait(false);
            return;
        }

        if (firstRejected is { } rejected)
        {
            var error = rejected.Error;
            var recordIndex = error?.RecordIndex ?? 0;
            var jsonPath = error?.JsonPath ?? "$";
            var reason = error?.Reason ?? "the record is not a lead";
            EndpointLog.PayloadRejected(_logger, counts.Rejected, recordIndex, jsonPath, reason, counts.Accepted, counts.AlreadyAccepted);
            var detail = string.Create(
                CultureInfo.InvariantCulture,
                $"Record {recordIndex} at {jsonPath}: {reason}. The rejected record(s) were kept as dead letters; the {counts.Accepted + counts.AlreadyAccepted} other record(s) are accepted.");
            await ResponseWriter.WriteProblemAsync(response, StatusCodes.Status400BadRequest, "The payload is not a valid lead", detail, counts, jsonPath, recordIndex).ConfigureAwait(false);
            return;
        }

        if (results.Length == 0)
        {
            EndpointLog.PayloadEmpty(_logger);
            await ResponseWriter.WriteProblemAsync(response, StatusCodes.Status400BadRequest, "The payload is not a valid lead", "The body holds no lead (an empty array).", counts, "$").ConfigureAwait(false);
            return;
        }

        EndpointLog.PayloadAccepted(_logger, counts.Accepted, counts.AlreadyAccepted);
        await ResponseWriter.WriteAcceptedAsync(response, counts).ConfigureAwait(false);
    }

    private Task TooLargeAsync(HttpResponse response)
    {
        EndpointLog.PayloadTooLarge(_logger, _options.MaxBodyBytes);
        return ResponseWriter.WriteProblemAsync(
            response,
            StatusCodes.Status413PayloadTooLarge,
            "Payload too large",
            string.Create(CultureInfo.InvariantCulture, $"The body must be at most {_options.MaxBodyBytes} bytes."),
            null);
    }

    /// <summary>Answers a request whose body could not be read, unless the answer has started or the client is gone.</summary>
    private static Task AnswerUnreadAsync(HttpResponse response, int status, string title, string detail) =>
        response.HasStarted || response.HttpContext.RequestAborted.IsCancellationRequested
            ? Task.CompletedTask
            : ResponseWriter.WriteProblemAsync(response, status, title, detail, null);

    private Task UnavailableAsync(HttpResponse response, string detail, ResponseWriter.Counts? counts)
    {
        response.Headers.RetryAfter = _retryAfter;
        return ResponseWriter.WriteProblemAsync(response, StatusCodes.Status503ServiceUnavailable, "Service unavailable", detail, counts);
    }

    /// <summary>Reads the body into a pooled buffer, counting bytes; returns length -1 once more than <paramref name="max"/> bytes arrived.</summary>
    private static async Task<(byte[] Buffer, int Length)> ReadBodyAsync(HttpRequest request, int max, HttpContext context)
    {
        var capacity = request.ContentLength is { } declared ? (int)Math.Min(declared + 1, max + 1L) : Math.Min(InitialBufferBytes, max + 1);
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(capacity, 1));
        var length = 0;
        try
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min(buffer.Length * 2L, max + 1L));
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer, clearArray: true);
                    buffer = larger;
                }

                var read = await request.Body.ReadAsync(buffer.AsMemory(length), context.RequestAborted).ConfigureAwait(false);
                if (read == 0)
                {
                    return (buffer, length);
                }

                length += read;
                if (length > max)
                {
                    return (buffer, -1);
                }
            }
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer, clearArray: true);
            throw;
        }
    }

    private bool IsAuthorized(HttpRequest request, byte[][] secretHashes)
    {
        var presented = FindKey(request);
        if (presented is null)
        {
            return false;
        }

        var byteCount = Encoding.UTF8.GetByteCount(presented);
        var rented = ArrayPool<byte>.Shared.Rent(byteCount);
        try
        {
            var written = Encoding.UTF8.GetBytes(presented, rented);
            Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
            SHA256.HashData(rented.AsSpan(0, written), hash);

            // Both sides are 32-byte hashes: neither the comparison nor its length reveals anything about a secret. Every secret
            // is compared, with no early exit, so the timing does not tell which one (if any) matched.
            var matched = false;
            foreach (var expected in secretHashes)
            {
                matched |= CryptographicOperations.FixedTimeEquals(hash, expected);
            }

            return matched;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented, clearArray: true);
        }
    }

    private string? FindKey(HttpRequest request)
    {
        if (_options.KeyRouteValueName is { Length: > 0 } routeName && request.RouteValues.TryGetValue(routeName, out var routeValue) && routeValue is string { Length: > 0 } fromRoute)
        {
            return fromRoute;
        }

        if (_options.KeyHeaderName is { Length: > 0 } headerName && Single(request.Headers[headerName]) is { } fromHeader)
        {
            return fromHeader;
        }

        if (_options.KeyQueryParameterName is { Length: > 0 } queryName && Single(request.Query[queryName]) is { } fromQuery)
        {
            return fromQuery;
        }

        return null;
    }

    private static string? Single(StringValues values) => values.Count == 1 && !string.IsNullOrEmpty(values[0]) ? values[0] : null;

    private static bool IsJson(string? contentType)
    {
        if (contentType is null || !MediaTypeHeaderValue.TryParse(contentType, out var mediaType))
        {
            return false;
        }

        if (!mediaType.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var charset = HeaderUtilities.RemoveQuotes(mediaType.Charset);
        return !charset.HasValue || charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase) || charset.Equals("utf8", StringComparison.OrdinalIgnoreCase);
    }
}
