using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using MarketplaceLeads.Crm;
using MarketplaceLeads.Delivery;
using Microsoft.Extensions.Logging;

namespace MarketplaceLeads.PartnerCenter;

/// <summary>
/// The requests of the Referrals API (Microsoft Learn, Partner Center developer docs: "Get a list of referrals", "Update a referral",
/// "Partner REST headers"): a client-credentials token for <c>https://api.partner.microsoft.com/.default</c> (src/Shared/Crm's cache),
/// every request with <c>MS-CorrelationId</c> (one per pass or write-back) and a new <c>MS-RequestId</c>; nothing is sent while the host's
/// throttle gate is closed; 429 closes it for its <c>Retry-After</c> and fails as transient; 401 gets a new token and is sent once more;
/// 408 and 5xx are transient, other answers not. Errors are <see cref="PartnerCenterException"/>s naming both ids.
/// </summary>
internal sealed class PartnerCenterClient : IDisposable
{
    /// <summary>The token's scope, whatever <see cref="PartnerCenterReaderOptions.ApiUrl"/> is.</summary>
    public const string Scope = "https://api.partner.microsoft.com/.default";

    /// <summary>The wait after a 429 without <c>Retry-After</c>.</summary>
    internal static readonly TimeSpan DefaultThrottleWait = TimeSpan.FromSeconds(30);

    private static readonly MediaTypeHeaderValue JsonContentType = new("application/json") { CharSet = "utf-8" };

    private readonly Uri _api;
    private readonly string _host;
    private readonly ThrottleGate _gate;
    private readonly TimeProvider _time;
    private readonly CrmSender _sender;

    public PartnerCenterClient(Func<HttpClient> client, PartnerCenterReaderOptions options, ThrottleGate gate, TimeProvider time, ILogger logger)
    {
        _api = options.ApiUrl;
        _host = options.ApiUrl.Authority;
        _gate = gate;
        _time = time;
        var tokenEndpoint = new Uri(options.AuthorityHost, Uri.EscapeDataString(options.TenantId.Trim()) + "/oauth2/v2.0/token");
        Tokens = new ClientCredentialsTokenCache(client, tokenEndpoint, options.ClientId.Trim(), options.ClientSecret ?? string.Empty, Scope, time, TimeSpan.FromHours(1));
        _sender = new CrmSender(client, gate, time, logger, "Partner Center API", _host, "is throttling this client", Tokens.GetTokenAsync, Tokens.Invalidate, prepare: null, ThrottledAsync);
    }

    /// <summary>Gets the token cache (tests read its fetch count).</summary>
    internal ClientCredentialsTokenCache Tokens { get; }

    /// <summary>Gets the URL of the referrals collection.</summary>
    public Uri Referrals => new(_api, "v1.0/engagements/referrals");

    /// <summary>Returns a new <c>MS-CorrelationId</c> for a unit of work (a read pass, a write-back), which its requests share.</summary>
    /// <returns>The correlation id.</returns>
    public static string NewCorrelationId() => Guid.NewGuid().ToString("D", CultureInfo.InvariantCulture);

    /// <summary>Reads one page of referrals.</summary>
    /// <param name="url">The page's URL: the first page's query, or the previous page's <c>@odata.nextLink</c>.</param>
    /// <param name="correlationId">The pass's <c>MS-CorrelationId</c>.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The page.</returns>
    /// <exception cref="PartnerCenterException">The request failed, or the answer is not a referral collection.</exception>
    public async Task<ReferralPage> ListAsync(Uri url, string correlationId, CancellationToken cancellationToken)
    {
        if (!SameHost(url))
        {
            throw Fail($"The Partner Center API {_host} gave a next page on another host ({url.Scheme}://{url.Authority}); it is not followed (the access token is only sent to {_host})", correlationId, null, null, transient: false);
        }

        var (body, requestId) = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, url), "a page of referrals", correlationId, null, cancellationToken).ConfigureAwait(false);
        try
        {
            return ReferralPage.Parse(body);
        }
        catch (Exception error) when (error is JsonException or FormatException or InvalidOperationException)
        {
            throw Fail($"The Partner Center API {_host} answered a page of referrals with a body that is not a referral collection ({error.GetType().Name})", correlationId, null, requestId, transient: false, inner: error);
        }
    }

    /// <summary>Reads one referral (<c>GET …/referrals/{id}</c>) with its ETag.</summary>
    public async Task<(byte[] Body, string? ETag)> GetAsync(string id, string correlationId, CancellationToken cancellationToken)
    {
        var url = ReferralUrl(id);
        string? etag = null;
        var (body, _) = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, url), $"referral {id}", correlationId, response => etag = response.Headers.ETag?.ToString(), cancellationToken).ConfigureAwait(false);
        return (body, etag ?? ReferralPage.ETagOf(body));
    }

    /// <summary>Updates fields of a referral with a JSON Patch document (<c>PATCH …/referrals/{id}</c>, <c>replace</c> operations), with <c>If-Match</c> when an ETag is known.</summary>
    /// <returns><see langword="false"/> when the API answered 412 (the referral changed since it was read).</returns>
    public async Task<bool> PatchAsync(string id, byte[] patch, string? etag, string correlationId, CancellationToken cancellationToken)
    {
        var url = ReferralUrl(id);
        try
        {
            await SendAsync(
                () =>
                {
                    var request = new HttpRequestMessage(HttpMethod.Patch, url) { Content = new ByteArrayContent(patch) };
                    request.Content.Headers.ContentType = JsonContentType;
                    if (etag is not null)
                    {
                        request.Headers.TryAddWithoutValidation("If-Match", etag);
                    }

                    return request;
                },
                $"referral {id}",
                correlationId,
                null,
                cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (PartnerCenterException error) when (error.StatusCode == 412)
        {
            return false;
        }
    }

    public void Dispose() => Tokens.Dispose();

    private Uri ReferralUrl(string id) => new(_api, "v1.0/engagements/referrals/" + Uri.EscapeDataString(id));

    private bool SameHost(Uri url) =>
        url.IsAbsoluteUri && string.Equals(url.GetLeftPart(UriPartial.Authority), _api.GetLeftPart(UriPartial.Authority), StringComparison.OrdinalIgnoreCase);

    private async Task<(byte[] Body, string? RequestId)> SendAsync(Func<HttpRequestMessage> create, string what, string correlationId, Action<HttpResponseMessage>? read, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await _sender.SendAsync(
                () =>
                {
                    var request = create();
                    request.Headers.TryAddWithoutValidation("MS-CorrelationId", correlationId);
                    request.Headers.TryAddWithoutValidation("MS-RequestId", Guid.NewGuid().ToString("D", CultureInfo.InvariantCulture));
                    return request;
                },
                what,
                cancellationToken).ConfigureAwait(false);
        }
        catch (LeadSinkException error)
        {
            // Network errors, time-outs, the throttle gate and the token endpoint (src/Shared/Crm speaks the sinks' exception).
            throw new PartnerCenterException(error.Message.TrimEnd('.') + CorrelationText(correlationId, null), null, correlationId, null, error.IsTransient, error.RetryAfter, error);
        }

        using (response)
        {
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            var requestId = Header(response, "MS-RequestId") ?? Header(response.RequestMessage, "MS-RequestId");
            var status = (int)response.StatusCode;
            if (status is >= 200 and <= 299)
            {
                read?.Invoke(response);
                return (body, requestId);
            }

            var transient = status is 408 or 429 or >= 500;
            var retryAfter = transient ? RetryAfterHeader.Read(response, _time.GetUtcNow()) ?? (status == 429 ? DefaultThrottleWait : null) : null;
            var code = ErrorCode(body);
            throw Fail(
                $"The Partner Center API {_host} answered HTTP {status.ToString(CultureInfo.InvariantCulture)}{(code is null ? string.Empty : $" ({code})")} to {what}"
                + (status is 401 or 403 ? "; check the app registration's Partner Center permissions (docs/partner-center.md)" : string.Empty),
                correlationId,
                status,
                requestId,
                transient,
                retryAfter);
        }
    }

    private static PartnerCenterException Fail(string message, string correlationId, int? status, string? requestId, bool transient, TimeSpan? retryAfter = null, Exception? inner = null) =>
        new(message + CorrelationText(correlationId, requestId), status, correlationId, requestId, transient, retryAfter, inner);

    private static string CorrelationText(string correlationId, string? requestId) =>
        $" (MS-CorrelationId {correlationId}{(requestId is null ? string.Empty : ", MS-RequestId " + requestId)}).";

    /// <summary>Closes the host's gate after a 429 for its <c>Retry-After</c> (the answer itself then fails the request as transient).</summary>
    private Task<LeadSinkException?> ThrottledAsync(HttpResponseMessage response, string what, CancellationToken cancellationToken)
    {
        if ((int)response.StatusCode == 429)
        {
            var now = _time.GetUtcNow();
            _gate.PauseFor(RetryAfterHeader.Read(response, now) ?? DefaultThrottleWait, now);
        }

        return Task.FromResult<LeadSinkException?>(null);
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.NonValidated.TryGetValues(name, out var values) ? Token(string.Join(",", values)) : null;

    private static string? Header(HttpRequestMessage? request, string name) =>
        request is not null && request.Headers.NonValidated.TryGetValues(name, out var values) ? Token(string.Join(",", values)) : null;

    /// <summary>A header value safe for a message: a short token (a GUID), else nothing.</summary>
    private static string? Token(string value) => value.Length is > 0 and <= 64 && CrmText.IsToken(value.Replace("-", string.Empty, StringComparison.Ordinal)) ? value : null;

    /// <summary>The API's error code (<c>code</c> or <c>error.code</c>) when it is a short token; never its message text.</summary>
    private static string? ErrorCode(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            var code = root.TryGetProperty("code", out var c) ? c
                : root.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.Object && e.TryGetProperty("code", out var ec) ? ec
                : default;
            var text = code.ValueKind switch
            {
                JsonValueKind.String => code.GetString(),
                JsonValueKind.Number => code.GetRawText(),
                _ => null,
            };
            return text is { Length: > 0 and <= 64 } && CrmText.IsToken(text) ? text : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

/// <summary>One page of the referrals collection: each referral's raw JSON with what the reader needs of it, and the next page's link.</summary>
/// <param name="Referrals">The referrals, in the API's order.</param>
/// <param name="NextLink">The <c>@odata.nextLink</c>, or <see langword="null"/>.</param>
internal sealed record ReferralPage(IReadOnlyList<ReferralItem> Referrals, Uri? NextLink)
{
    /// <summary>Parses a page: <c>{"value": [ … ], "@odata.nextLink": "…"}</c>.</summary>
    /// <exception cref="JsonException">The body is not JSON.</exception>
    /// <exception cref="FormatException">The body is not a referral collection.</exception>
    public static ReferralPage Parse(byte[] body)
    {
        using var document = JsonDocument.Parse(body);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("value", out var value) || value.ValueKind != JsonValueKind.Array)
        {
            throw new FormatException("expected an object with a 'value' array");
        }

        var items = new List<ReferralItem>(value.GetArrayLength());
        foreach (var element in value.EnumerateArray())
        {
            items.Add(ReferralItem.Of(element));
        }

        Uri? next = root.TryGetProperty("@odata.nextLink", out var link) && link.ValueKind == JsonValueKind.String && Uri.TryCreate(link.GetString(), UriKind.Absolute, out var uri) ? uri : null;
        return new ReferralPage(items, next);
    }

    /// <summary>The <c>eTag</c> property of a referral's JSON, when the answer had no <c>ETag</c> header.</summary>
    public static string? ETagOf(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object && ReferralItem.Property(document.RootElement, "eTag") is { ValueKind: JsonValueKind.String } etag ? etag.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

/// <summary>A referral as read: its raw JSON, its id and update time when readable, and whether it is a marketplace lead.</summary>
/// <param name="Utf8Json">The referral's JSON, UTF-8, as the API sent it.</param>
/// <param name="Id">The <c>id</c>, or <see langword="null"/>.</param>
/// <param name="UpdatedAt">The <c>updatedDateTime</c>, or <see langword="null"/> when absent or unreadable.</param>
/// <param name="IsMarketplaceLead">Whether the referral is a marketplace lead.</param>
internal sealed record ReferralItem(byte[] Utf8Json, string? Id, DateTimeOffset? UpdatedAt, bool IsMarketplaceLead)
{
    /// <summary>
    /// Reads what the reader needs of a referral. A marketplace lead is, per Microsoft Learn "Referrals API introduction", a referral of
    /// <c>type</c> <c>Independent</c>, <c>qualification</c> <c>Direct</c> and <c>inviteContext.invitedBy.organizationId</c> <c>msft</c> or
    /// absent (<c>referralSource</c> and <c>callToAction</c> alone do not identify one); a value that is not an object is not one.
    /// </summary>
    public static ReferralItem Of(JsonElement element)
    {
        var json = Encoding.UTF8.GetBytes(element.GetRawText());
        if (element.ValueKind != JsonValueKind.Object)
        {
            return new ReferralItem(json, null, null, IsMarketplaceLead: true); // let the mapper reject (dead-letter) it
        }

        var id = Property(element, "id") is { ValueKind: JsonValueKind.String } i ? i.GetString() : null;
        DateTimeOffset? updated = Property(element, "updatedDateTime") is { ValueKind: JsonValueKind.String } u
            && DateTimeOffset.TryParse(u.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : null;
        var type = Text(Property(element, "type"));
        var qualification = Text(Property(element, "qualification"));
        var invitedBy = Property(element, "inviteContext") is { ValueKind: JsonValueKind.Object } context
            && Property(context, "invitedBy") is { ValueKind: JsonValueKind.Object } by ? Text(Property(by, "organizationId")) : null;
        var marketplace = string.Equals(type, "Independent", StringComparison.OrdinalIgnoreCase)
            && string.Equals(qualification, "Direct", StringComparison.OrdinalIgnoreCase)
            && (string.IsNullOrEmpty(invitedBy) || string.Equals(invitedBy, "msft", StringComparison.OrdinalIgnoreCase));
        return new ReferralItem(json, id, updated, marketplace);
    }

    /// <summary>A property by name, ignoring case (the docs spell <c>Substatus</c> and <c>substatus</c>); <c>default</c> when absent.</summary>
    internal static JsonElement Property(JsonElement parent, string name)
    {
        foreach (var property in parent.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return property.Value;
            }
        }

        return default;
    }

    private static string? Text(JsonElement value) => value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
