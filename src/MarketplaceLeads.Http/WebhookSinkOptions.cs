using System;
using System.Collections.Generic;
using System.ComponentModel.DataAnnotations;
using System.Net.Http;
using MarketplaceLeads.Internal;
using Microsoft.Extensions.Options;

namespace MarketplaceLeads.Http;

/// <summary>
/// Configures the HTTP webhook sink (<c>builder.AddWebhookSink(o =&gt; o.Endpoint = new Uri("https://crm.example.com/hooks/leads"))</c>):
/// every batch is sent as one JSON POST (schema <see cref="WebhookFormat.Schema"/>) to <see cref="Endpoint"/>.
/// </summary>
/// <remarks>
/// The options are copied and validated (by the generated validator: the same rules and messages wherever options are
/// checked) when <c>AddWebhookSink</c> runs; changing them afterwards has no effect.
/// Retries and back-off are the pipeline's (<see cref="MarketplaceLeadsOptions.MaxDeliveryAttempts"/>,
/// <see cref="MarketplaceLeadsOptions.RetryBaseDelay"/>); the HTTP client only times out a request and breaks the circuit.
/// </remarks>
public sealed class WebhookSinkOptions : IValidatableObject
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
    [NotEmpty]
    public string Name { get; set; } = "webhook";

    /// <summary>Gets or sets how long one HTTP request may take, from sending to the response headers; then it is cancelled and the attempt fails as transient.</summary>
    /// <value>20 seconds; between 10 milliseconds and 10 minutes.</value>
    /// <remarks>
    /// The pipeline has its own <see cref="MarketplaceLeadsOptions.AttemptTimeout"/> (30 seconds by default) around the whole call.
    /// Keep this one shorter, so that the HTTP time-out fires first and the failure says which endpoint did not answer. When a batch is split
    /// (<see cref="MaxRequestBodyBytes"/>), each request gets this time-out, and all of them together must fit in the pipeline's.
    /// </remarks>
    [TimeSpanBetween("00:00:00.010", "00:10:00")]
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
    [IntBetween(4096)]
    public int MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>Gets the circuit breaker's settings: after repeated failures the sink stops calling the endpoint for a while and fails fast instead.</summary>
    /// <value>Enabled; see <see cref="WebhookCircuitBreakerOptions"/> for the defaults.</value>
    [ValidateObjectMembers]
    public WebhookCircuitBreakerOptions CircuitBreaker { get; } = new();

    /// <summary>Copies the options (the headers and circuit breaker too), so that later changes to these have no effect on the copy.</summary>
    internal WebhookSinkOptions Snapshot()
    {
        var copy = new WebhookSinkOptions
        {
            Endpoint = Endpoint,
            AllowInsecureHttp = AllowInsecureHttp,
            Name = Name,
            AttemptTimeout = AttemptTimeout,
            SigningSecret = SigningSecret,
            MaxRequestBodyBytes = MaxRequestBodyBytes,
        };
        foreach (var (name, value) in Headers)
        {
            copy.Headers[name] = value;
        }

        copy.CircuitBreaker.Enabled = CircuitBreaker.Enabled;
        copy.CircuitBreaker.FailureRatio = CircuitBreaker.FailureRatio;
        copy.CircuitBreaker.MinimumThroughput = CircuitBreaker.MinimumThroughput;
        copy.CircuitBreaker.SamplingDuration = CircuitBreaker.SamplingDuration;
        copy.CircuitBreaker.BreakDuration = CircuitBreaker.BreakDuration;
        return copy;
    }

    /// <summary>Checks the endpoint, the signing secret and the headers (the generated validator runs this); messages never quote a secret, a header value or the endpoint's query.</summary>
    IEnumerable<ValidationResult> IValidatableObject.Validate(ValidationContext validationContext)
    {
        if (Endpoint is not { } endpoint)
        {
            yield return OptionsRules.Fail<WebhookSinkOptions>(nameof(Endpoint), "must be set to an absolute https URL; it is null");
        }
        else if (!endpoint.IsAbsoluteUri)
        {
            yield return OptionsRules.Fail<WebhookSinkOptions>(nameof(Endpoint), $"must be an absolute URL; it is the relative URL '{endpoint.OriginalString}'");
        }
        else if (endpoint.Scheme != Uri.UriSchemeHttps && endpoint.Scheme != Uri.UriSchemeHttp)
        {
            yield return OptionsRules.Fail<WebhookSinkOptions>(nameof(Endpoint), $"must use https; it uses '{endpoint.Scheme}' ({Describe(endpoint)})");
        }
        else if (endpoint.UserInfo.Length > 0)
        {
            yield return OptionsRules.Fail<WebhookSinkOptions>(nameof(Endpoint), $"must not carry credentials (user info); send them in WebhookSinkOptions.Headers. It is {Describe(endpoint)}");
        }
        else if (endpoint.Scheme == Uri.UriSchemeHttp && !endpoint.IsLoopback && !AllowInsecureHttp)
        {
            yield return OptionsRules.Fail<WebhookSinkOptions>(nameof(Endpoint), $"must use https unless its host is loopback or WebhookSinkOptions.AllowInsecureHttp is set (leads carry personal data); it is {Describe(endpoint)}");
        }

        if (SigningSecret is { Length: < 16 } secret)
        {
            yield return OptionsRules.Fail<WebhookSinkOptions>(nameof(SigningSecret), $"must be at least 16 characters long (or null for no signature); it is {secret.Length} characters long");
        }

        using var probe = new HttpRequestMessage();
        foreach (var (name, value) in Headers)
        {
            if (string.IsNullOrWhiteSpace(name))
            {
                yield return OptionsRules.Fail<WebhookSinkOptions>(nameof(Headers), $"must not have an empty name; it has '{name}'");
            }
            else if (IsReserved(name))
            {
                yield return OptionsRules.Fail<WebhookSinkOptions>(nameof(Headers), $"must not set '{name}': the webhook sink sets it");
            }
            else if (!probe.Headers.TryAddWithoutValidation(name, "x"))
            {
                yield return OptionsRules.Fail<WebhookSinkOptions>(nameof(Headers), $"has '{name}', which is not a valid request header name (content headers such as Content-Type are set by the sink)");
            }
            else if (value is null || value.AsSpan().IndexOfAny('\r', '\n', '\0') >= 0)
            {
                yield return OptionsRules.Fail<WebhookSinkOptions>($"{nameof(Headers)}['{name}']", $"must be a value without line breaks; it is {(value is null ? "null" : "a value with a line break")}");
            }
        }
    }

    private static bool IsReserved(string name) =>
        name.Equals("Host", StringComparison.OrdinalIgnoreCase)
        || name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase)
        || name.Equals(WebhookFormat.IdempotencyKeyHeader, StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("X-MarketplaceLeads-", StringComparison.OrdinalIgnoreCase);

    /// <summary>Describes a URL without its user info or query (either may hold a secret).</summary>
    private static string Describe(Uri endpoint) =>
        $"'{endpoint.Scheme}://{endpoint.Authority}{endpoint.AbsolutePath}{(endpoint.Query.Length > 0 ? "?…" : string.Empty)}'";
}

/// <summary>Validates <see cref="WebhookSinkOptions"/> and its <see cref="WebhookSinkOptions.CircuitBreaker"/> (source-generated, no reflection).</summary>
[OptionsValidator]
internal sealed partial class WebhookSinkOptionsValidator : IValidateOptions<WebhookSinkOptions>
{
}
