using System;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;
using MarketplaceLeads.Delivery;
using Microsoft.Extensions.Logging;

namespace MarketplaceLeads.Crm;

/// <summary>
/// Sends the requests of one CRM sink (compiled into each CRM sink package, src/Shared/Crm): nothing while the host's <see cref="ThrottleGate"/> is closed,
/// a bearer token on each request, the CRM's throttling answer turned into a transient <see cref="LeadSinkException"/> by the sink's own check, and after a
/// 401 a new token and one more send (when the token can be renewed).
/// </summary>
internal sealed partial class CrmSender
{
    private readonly Func<HttpClient> _client;
    private readonly ThrottleGate _gate;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly string _crm;
    private readonly string _host;
    private readonly string _pausedBecause;
    private readonly Func<CancellationToken, ValueTask<string>> _token;
    private readonly Action<string>? _invalidate;
    private readonly Action<HttpRequestMessage>? _prepare;
    private readonly Func<HttpResponseMessage, string, CancellationToken, Task<LeadSinkException?>>? _throttled;

    /// <summary>Initializes a sender.</summary>
    /// <param name="client">Returns the <see cref="HttpClient"/> to send with.</param>
    /// <param name="gate">The host's throttle gate, shared with every other sink of the host.</param>
    /// <param name="time">The clock of the gate.</param>
    /// <param name="logger">The sink's logger.</param>
    /// <param name="crm">What the host is, for messages, such as <c>Salesforce org</c>.</param>
    /// <param name="host">The host (authority), for messages.</param>
    /// <param name="pausedBecause">Why the gate is closed, for messages, such as <c>is over its API request limit</c>.</param>
    /// <param name="token">Returns the bearer token.</param>
    /// <param name="invalidate">Forgets a token the CRM refused (401), so that the request is sent once more with a new one; <see langword="null"/> when the token cannot be renewed (a 401 is then returned as it is).</param>
    /// <param name="prepare">Adds the CRM's own headers to each request, or <see langword="null"/>.</param>
    /// <param name="throttled">Looks at every answer (before the 401 check): returns the exception of a throttling answer (and pauses the gate as the CRM asks), else <see langword="null"/>; <see langword="null"/> for none.</param>
    public CrmSender(
        Func<HttpClient> client,
        ThrottleGate gate,
        TimeProvider time,
        ILogger logger,
        string crm,
        string host,
        string pausedBecause,
        Func<CancellationToken, ValueTask<string>> token,
        Action<string>? invalidate,
        Action<HttpRequestMessage>? prepare,
        Func<HttpResponseMessage, string, CancellationToken, Task<LeadSinkException?>>? throttled)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(gate);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentNullException.ThrowIfNull(token);
        _client = client;
        _gate = gate;
        _time = time;
        _logger = logger;
        _crm = crm;
        _host = host;
        _pausedBecause = pausedBecause;
        _token = token;
        _invalidate = invalidate;
        _prepare = prepare;
        _throttled = throttled;
    }

    /// <summary>
    /// Sends a request with a bearer token, unless the host is paused (then nothing is sent and a transient exception with the rest of the pause is thrown);
    /// after a 401 renews the token and sends once more. Throws for a throttling answer, network errors and time-outs; returns every other answer.
    /// </summary>
    /// <param name="create">Creates the request (called again for the second send).</param>
    /// <param name="what">What the request is for, for messages, such as <c>lead 0f…</c>.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The answer, whatever its status but throttling.</returns>
    public async Task<HttpResponseMessage> SendAsync(Func<HttpRequestMessage> create, string what, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var wait = _gate.Remaining(_time.GetUtcNow());
            if (wait > TimeSpan.Zero)
            {
                throw new LeadSinkException(
                    $"The {_crm} {_host} {_pausedBecause}; no request is sent for {what} until the pause ends ({wait}).",
                    isTransient: true,
                    retryAfter: wait);
            }

            var token = await _token(cancellationToken).ConfigureAwait(false);
            using var request = create();
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            _prepare?.Invoke(request);
            var response = await CrmHttp.SendAsync(_client(), request, $"the {_crm} {_host}", what, cancellationToken).ConfigureAwait(false);
            if (_throttled is not null)
            {
                LeadSinkException? throttled;
                try
                {
                    throttled = await _throttled(response, what, cancellationToken).ConfigureAwait(false);
                }
                catch
                {
                    response.Dispose();
                    throw;
                }

                if (throttled is not null)
                {
                    response.Dispose();
                    throw throttled;
                }
            }

            if ((int)response.StatusCode == 401 && attempt == 1 && _invalidate is not null)
            {
                // The token expired or was revoked early: fetch a new one and send once more.
                response.Dispose();
                _invalidate(token);
                Log.TokenRefused(_logger, _crm, _host);
                continue;
            }

            return response;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(100, LogLevel.Information, "{Crm} {Host} refused the access token (HTTP 401); fetching a new one")]
        public static partial void TokenRefused(ILogger logger, string crm, string host);
    }
}
