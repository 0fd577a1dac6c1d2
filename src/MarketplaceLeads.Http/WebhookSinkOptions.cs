using System;
using System.Collections.Generic;

namespace MarketplaceLeads.Http;

/// <summary>
/// Configures the HTTP webhook sink (<c>builder.AddWebhookSink(o =&gt; o.Endpoint = new Uri("https://crm.example.com/hooks/leads"))</c>):
/// every batch is sent as one JSON POST (schema <see cref="WebhookFormat.Schema"/>) to <see cref="Endpoint"/>.
/// </summary>
/// <remarks>
/// The options are validated and copied when <c>AddWebhookSink</c> runs; changing them afterwards has no effect.
/// Retries and back-off are the pipeline's (<see cref="MarketplaceLeadsOptions.MaxDeliveryAttempts"/>,
/// <see cref="MarketplaceLeadsOptions.RetryBaseDelay"/>); the HTTP client only times out a request and breaks the circuit.
/// </remarks>
public sealed class WebhookSinkOptions
{
    /// <summary>Gets or sets the URL the batches are POSTed to. Required.</summary>
    /// <value>
    /// <see langword="null"/>: must be set. It must be absolute and use <c>https</c>; <c>http</c> is allowed only for a loopback host
    /// (<c>localhost</c>, <c>127.0.0.1</c>, <c>[::1]</c>) or when <see cref="AllowInsecureHttp"/> is set. It must not carry credentials
    /// (<c>user:password@</c>); send them in <see cref="Headers"/>.
    /// </value>
    /// <remarks>Error messages name only the endpoint's host and port, never its path or query (which may hold an access key).</remarks>
    public Uri? Endpoint { get; set; }

    /// <summary>Gets or sets a value indicating whether a plain <c>http</c> endpoint on a host other than loopback is allowed.</summary>
    /// <value><see langword="false"/>: leads carry personal data, so they go over TLS unless you say otherwise (for example behind a service mesh that encrypts).</value>
    public bool AllowInsecureHttp { get; set; }

    /// <summary>Gets or sets the sink's name in the pipeline and journal; also part of the name of the <c>HttpClient</c> it uses.</summary>
    /// <value><c>webhook</c>. Keep it stable across releases: the journal records progress under it.</value>
    public string Name { get; set; } = "webhook";

    /// <summary>Gets or sets how long one HTTP request may take, from sending to the response headers; then it is cancelled and the attempt fails as transient.</summary>
    /// <value>20 seconds; between 10 milliseconds and 10 minutes.</value>
    /// <remarks>
    /// The pipeline has its own <see cref="MarketplaceLeadsOptions.AttemptTimeout"/> (30 seconds by default) around the whole call.
    /// Keep this one shorter, so that the HTTP time-out fires first and the failure says which endpoint did not answer. When a batch is split
    /// (<see cref="MaxRequestBodyBytes"/>), each request gets this time-out, and all of them together must fit in the pipeline's.
    /// </remarks>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Gets or sets the secret the request bodies are signed with (HMAC-SHA256); <see langword="null"/> sends no signature.</summary>
    /// <value>
    /// <see langword="null"/>; at least 16 characters when set (its UTF-8 bytes are the key). Each request then carries
    /// <c>X-MarketplaceLeads-Timestamp: &lt;Unix seconds&gt;</c> and
    /// <c>X-MarketplaceLeads-Signature: sha256=&lt;lowercase hex of HMAC-SHA256(secret, timestamp + "." + body)&gt;</c>;
    /// see <see cref="WebhookSignature"/>.
    /// </value>
    /// <remarks>Never echoed in exception messages or logs. Load it from a secret store, not from source code.</remarks>
    public string? SigningSecret { get; set; }

    /// <summary>Gets extra headers sent with every request, for example an API key (<c>o.Headers["X-Api-Key"] = key</c>) or an <c>Authorization</c> header.</summary>
    /// <value>Empty; names are case-insensitive. A name must be a valid HTTP token and must not be a content header (<c>Content-Type</c>, …),
    /// <c>Host</c>, <c>Idempotency-Key</c> or start with <c>X-MarketplaceLeads-</c>; a value must not contain line breaks.</value>
    /// <remarks>Header values are never echoed in exception messages.</remarks>
    public IDictionary<string, string> Headers { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Gets or sets the largest request body: a batch whose JSON is larger is sent as several requests, each under the limit and each with its own <c>Idempotency-Key</c>.</summary>
    /// <value>1 MiB; at least 4 KiB. A single delivery that does not fit on its own fails as not transient, and the pipeline dead-letters that lead alone.</value>
    public int MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>Gets the circuit breaker's settings: after repeated failures the sink stops calling the endpoint for a while and fails fast instead.</summary>
    /// <value>Enabled; see <see cref="WebhookCircuitBreakerOptions"/> for the defaults.</value>
    public WebhookCircuitBreakerOptions CircuitBreaker { get; } = new();
}
