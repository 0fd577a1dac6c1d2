using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using MarketplaceLeads.Delivery;

namespace MarketplaceLeads.Crm;

/// <summary>
/// An OAuth 2.0 client-credentials access token (RFC 6749 §4.4) for one CRM: fetched on first use, cached, and fetched again
/// <see cref="RefreshMargin"/> before it expires (one request at a time, however many callers wait) or after a 401 made the
/// caller <see cref="Invalidate">invalidate</see> it. Compiled into each CRM sink package (src/Shared/Crm).
/// </summary>
/// <remarks>
/// Answers of the token endpoint become <see cref="LeadSinkException"/>s: 400, 401 and 403 (wrong tenant, client or secret, consent
/// missing) are not transient; 408, 429, 5xx, network errors and time-outs are. Messages name the endpoint's host, the HTTP status
/// and the OAuth <c>error</c> code (with Microsoft Entra's <c>AADSTS</c> number), never the secret, the token or the description text.
/// </remarks>
internal sealed class ClientCredentialsTokenCache : IDisposable
{
    /// <summary>How long before its expiry a token is replaced (at most half its lifetime).</summary>
    public static readonly TimeSpan RefreshMargin = TimeSpan.FromMinutes(5);

    private readonly Func<HttpClient> _client;
    private readonly Uri _tokenEndpoint;
    private readonly KeyValuePair<string, string>[] _form;
    private readonly TimeProvider _time;
    private readonly TimeSpan _defaultLifetime;
    private readonly string _refusedHint;
    private readonly SemaphoreSlim _fetch = new(1, 1);
    private volatile CachedToken? _token;

    /// <summary>Initializes a cache.</summary>
    /// <param name="client">Returns the <see cref="HttpClient"/> to send the token request with.</param>
    /// <param name="tokenEndpoint">The token endpoint.</param>
    /// <param name="clientId">The client id.</param>
    /// <param name="clientSecret">The client secret.</param>
    /// <param name="scope">The scope, or <see langword="null"/> for none (an endpoint that infers it).</param>
    /// <param name="time">The clock of expiry.</param>
    /// <param name="defaultLifetime">The lifetime of a token whose answer has no <c>expires_in</c>.</param>
    /// <param name="refusedHint">What to check when the endpoint refuses the credentials, for messages; <see langword="null"/> for Microsoft Entra ID's.</param>
    public ClientCredentialsTokenCache(Func<HttpClient> client, Uri tokenEndpoint, string clientId, string clientSecret, string? scope, TimeProvider time, TimeSpan defaultLifetime, string? refusedHint = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(tokenEndpoint);
        ArgumentNullException.ThrowIfNull(time);
        _client = client;
        _tokenEndpoint = tokenEndpoint;
        _time = time;
        _defaultLifetime = defaultLifetime;
        _refusedHint = refusedHint ?? "check the tenant, the client id and the client secret (or its expiry) in the options, and the app registration's consent.";
        var form = new List<KeyValuePair<string, string>>
        {
            new("grant_type", "client_credentials"),
            new("client_id", clientId),
            new("client_secret", clientSecret),
        };
        if (scope is not null)
        {
            form.Add(new("scope", scope));
        }

        _form = [.. form];
    }

    /// <summary>Gets how many tokens were fetched (for tests and diagnostics).</summary>
    public int FetchCount { get; private set; }

    /// <summary>Returns a token that is not about to expire, fetching one when needed.</summary>
    /// <param name="cancellationToken">Cancels the wait and the request.</param>
    /// <returns>The access token.</returns>
    /// <exception cref="LeadSinkException">The token endpoint refused the credentials (not transient) or could not be reached (transient).</exception>
    public async ValueTask<string> GetTokenAsync(CancellationToken cancellationToken)
    {
        if (_token is { } cached && _time.GetUtcNow() < cached.RefreshAt)
        {
            return cached.Value;
        }

        await _fetch.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_token is { } fresh && _time.GetUtcNow() < fresh.RefreshAt)
            {
                return fresh.Value;
            }

            var token = await FetchAsync(cancellationToken).ConfigureAwait(false);
            _token = token;
            return token.Value;
        }
        finally
        {
            _fetch.Release();
        }
    }

    /// <summary>Forgets <paramref name="token"/> (the CRM answered 401 to it), so that the next <see cref="GetTokenAsync"/> fetches a new one; a newer token is kept.</summary>
    /// <param name="token">The token the CRM refused.</param>
    public void Invalidate(string token)
    {
        if (_token is { } cached && string.Equals(cached.Value, token, StringComparison.Ordinal))
        {
            _token = null;
        }
    }

    /// <inheritdoc/>
    public void Dispose() => _fetch.Dispose();

    private async Task<CachedToken> FetchAsync(CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, _tokenEndpoint) { Content = new FormUrlEncodedContent(_form) };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        var host = _tokenEndpoint.Authority;
        var response = await CrmHttp.SendAsync(_client(), request, $"the token endpoint {host}", "client-credentials token", cancellationToken).ConfigureAwait(false);
        using (response)
        {
            var issuedAt = _time.GetUtcNow();
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            if (status is >= 200 and <= 299 && TryReadToken(body, out var value, out var lifetime))
            {
                FetchCount++;
                var life = lifetime ?? _defaultLifetime;
                var margin = life / 2 < RefreshMargin ? life / 2 : RefreshMargin;
                return new CachedToken(value, issuedAt + life - margin);
            }

            var statusText = status.ToString(CultureInfo.InvariantCulture);
            if (status is >= 200 and <= 299)
            {
                throw new LeadSinkException($"The token endpoint {host} answered HTTP {statusText} without an access token.", isTransient: true);
            }

            var transient = status is 408 or 429 or >= 500;
            var retryAfter = transient ? RetryAfterHeader.Read(response, issuedAt) : null;
            var error = DescribeError(body);
            throw new LeadSinkException(
                $"The token endpoint {host} answered HTTP {statusText}{error} to the client-credentials request"
                + (transient ? "." : ": " + _refusedHint),
                transient,
                retryAfter);
        }
    }

    /// <summary>Reads <c>access_token</c> and <c>expires_in</c> (a number, or a number as text) from a token answer.</summary>
    internal static bool TryReadToken(ReadOnlySpan<byte> body, out string token, out TimeSpan? lifetime)
    {
        token = string.Empty;
        lifetime = null;
        try
        {
            var reader = new Utf8JsonReader(body);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("access_token"u8))
                {
                    reader.Read();
                    token = reader.TokenType == JsonTokenType.String ? reader.GetString() ?? string.Empty : string.Empty;
                }
                else if (reader.ValueTextEquals("expires_in"u8))
                {
                    reader.Read();
                    long seconds = 0;
                    var ok = reader.TokenType switch
                    {
                        JsonTokenType.Number => reader.TryGetInt64(out seconds),
                        JsonTokenType.String => long.TryParse(reader.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out seconds),
                        _ => false,
                    };
                    if (ok && seconds > 0)
                    {
                        lifetime = TimeSpan.FromSeconds(Math.Min(seconds, 86_400 * 366L));
                    }
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }
        }
        catch (JsonException)
        {
            return false;
        }

        return token.Length > 0;
    }

    /// <summary>Describes an OAuth error answer without its free text: <c> (invalid_client, AADSTS7000215)</c>, or empty.</summary>
    internal static string DescribeError(ReadOnlySpan<byte> body)
    {
        string? code = null;
        long? number = null;
        try
        {
            var reader = new Utf8JsonReader(body);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return string.Empty;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("error"u8))
                {
                    reader.Read();
                    code = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                }
                else if (reader.ValueTextEquals("error_codes"u8))
                {
                    reader.Read();
                    if (reader.TokenType != JsonTokenType.StartArray)
                    {
                        reader.Skip();
                        continue;
                    }

                    while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                    {
                        if (number is null && reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var first))
                        {
                            number = first;
                        }
                    }
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }
        }
        catch (JsonException)
        {
            return string.Empty;
        }

        if (code is null || code.Length > 64 || !CrmText.IsToken(code))
        {
            return string.Empty;
        }

        return number is { } aadsts ? $" ({code}, AADSTS{aadsts.ToString(CultureInfo.InvariantCulture)})" : $" ({code})";
    }

    private sealed record CachedToken(string Value, DateTimeOffset RefreshAt);
}
