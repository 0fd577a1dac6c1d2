using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net.Http;

namespace MarketplaceLeads.Http;

/// <summary>The validated, immutable copy of <see cref="WebhookSinkOptions"/> a sink works with.</summary>
internal sealed class WebhookSinkSettings
{
    private const string Prefix = nameof(WebhookSinkOptions) + ".";

    private static readonly TimeSpan MinAttemptTimeout = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan MaxAttemptTimeout = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan MinBreakerDuration = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan MaxBreakerDuration = TimeSpan.FromDays(1);

    private WebhookSinkSettings(WebhookSinkOptions options, Uri endpoint, string clientName, KeyValuePair<string, string>[] headers)
    {
        Endpoint = endpoint;
        Name = options.Name;
        ClientName = clientName;
        AttemptTimeout = options.AttemptTimeout;
        SigningSecret = options.SigningSecret;
        Headers = headers;
        MaxRequestBodyBytes = options.MaxRequestBodyBytes;
        var breaker = options.CircuitBreaker;
        BreakerEnabled = breaker.Enabled;
        FailureRatio = breaker.FailureRatio;
        MinimumThroughput = breaker.MinimumThroughput;
        SamplingDuration = breaker.SamplingDuration;
        BreakDuration = breaker.BreakDuration;
    }

    public Uri Endpoint { get; }

    /// <summary>Gets the endpoint as error messages name it: host and port only (the path or query may hold a key).</summary>
    public string EndpointForMessages => Endpoint.Authority;

    public string Name { get; }

    public string ClientName { get; }

    public TimeSpan AttemptTimeout { get; }

    public string? SigningSecret { get; }

    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; }

    public int MaxRequestBodyBytes { get; }

    public bool BreakerEnabled { get; }

    public double FailureRatio { get; }

    public int MinimumThroughput { get; }

    public TimeSpan SamplingDuration { get; }

    public TimeSpan BreakDuration { get; }

    /// <summary>Names the <c>HttpClient</c> of a webhook sink: <c>MarketplaceLeads.Webhook:&lt;sink&gt;</c>, or <c>MarketplaceLeads.Webhook:&lt;pipeline&gt;:&lt;sink&gt;</c> in a named pipeline.</summary>
    public static string HttpClientName(string pipelineName, string sinkName) =>
        pipelineName.Length == 0 ? $"MarketplaceLeads.Webhook:{sinkName}" : $"MarketplaceLeads.Webhook:{pipelineName}:{sinkName}";

    /// <summary>Validates the options and copies them.</summary>
    /// <exception cref="ArgumentException">An option is invalid; the message names it and its value (never a secret or a header value).</exception>
    public static WebhookSinkSettings Create(WebhookSinkOptions options, string pipelineName, string paramName)
    {
        var endpoint = ValidateEndpoint(options, paramName);
        if (string.IsNullOrWhiteSpace(options.Name))
        {
            Fail(paramName, $"{Prefix}Name must not be empty; it is '{options.Name}'.");
        }

        if (options.AttemptTimeout < MinAttemptTimeout || options.AttemptTimeout > MaxAttemptTimeout)
        {
            Fail(paramName, $"{Prefix}AttemptTimeout must be between {MinAttemptTimeout} and {MaxAttemptTimeout}; it is {options.AttemptTimeout}.");
        }

        if (options.SigningSecret is { Length: < 16 } secret)
        {
            // The secret itself is never echoed.
            Fail(paramName, $"{Prefix}SigningSecret must be at least 16 characters long (or null for no signature); it is {secret.Length} characters long.");
        }

        if (options.MaxRequestBodyBytes < 4096)
        {
            Fail(paramName, $"{Prefix}MaxRequestBodyBytes must be at least 4096; it is {options.MaxRequestBodyBytes.ToString(CultureInfo.InvariantCulture)}.");
        }

        var breaker = options.CircuitBreaker;
        if (breaker.Enabled)
        {
            if (!(breaker.FailureRatio > 0 && breaker.FailureRatio <= 1))
            {
                Fail(paramName, $"{Prefix}CircuitBreaker.FailureRatio must be greater than 0 and at most 1; it is {breaker.FailureRatio.ToString(CultureInfo.InvariantCulture)}.");
            }

            if (breaker.MinimumThroughput < 2)
            {
                Fail(paramName, $"{Prefix}CircuitBreaker.MinimumThroughput must be at least 2; it is {breaker.MinimumThroughput.ToString(CultureInfo.InvariantCulture)}.");
            }

            CheckDuration(breaker.SamplingDuration, "SamplingDuration", paramName);
            CheckDuration(breaker.BreakDuration, "BreakDuration", paramName);
        }

        var headers = ValidateHeaders(options, paramName);
        return new WebhookSinkSettings(options, endpoint, HttpClientName(pipelineName, options.Name), headers);
    }

    private static Uri ValidateEndpoint(WebhookSinkOptions options, string paramName)
    {
        var endpoint = options.Endpoint;
        if (endpoint is null)
        {
            Fail(paramName, $"{Prefix}Endpoint must be set to an absolute https URL; it is null.");
        }

        if (!endpoint.IsAbsoluteUri)
        {
            Fail(paramName, $"{Prefix}Endpoint must be an absolute URL; it is the relative URL '{endpoint.OriginalString}'.");
        }

        if (endpoint.Scheme != Uri.UriSchemeHttps && endpoint.Scheme != Uri.UriSchemeHttp)
        {
            Fail(paramName, $"{Prefix}Endpoint must use https; it uses '{endpoint.Scheme}' ({Describe(endpoint)}).");
        }

        if (endpoint.UserInfo.Length > 0)
        {
            Fail(paramName, $"{Prefix}Endpoint must not carry credentials (user info); send them in WebhookSinkOptions.Headers. It is {Describe(endpoint)}.");
        }

        if (endpoint.Scheme == Uri.UriSchemeHttp && !endpoint.IsLoopback && !options.AllowInsecureHttp)
        {
            Fail(paramName, $"{Prefix}Endpoint must use https unless its host is loopback or WebhookSinkOptions.AllowInsecureHttp is set (leads carry personal data); it is {Describe(endpoint)}.");
        }

        return endpoint;
    }

    private static KeyValuePair<string, string>[] ValidateHeaders(WebhookSinkOptions options, string paramName)
    {
        var headers = new List<KeyValuePair<string, string>>(options.Headers.Count);
        using var probe = new HttpRequestMessage();
        foreach (var (name, value) in options.Headers)
        {
            if (string.IsNullOrWhiteSpace(name))
            {
                Fail(paramName, $"{Prefix}Headers must not have an empty name; it has '{name}'.");
            }

            if (IsReserved(name))
            {
                Fail(paramName, $"{Prefix}Headers must not set '{name}': the webhook sink sets it.");
            }

            if (!probe.Headers.TryAddWithoutValidation(name, "x"))
            {
                Fail(paramName, $"{Prefix}Headers has '{name}', which is not a valid request header name (content headers such as Content-Type are set by the sink).");
            }

            if (value is null || value.AsSpan().IndexOfAny('\r', '\n', '\0') >= 0)
            {
                // The value is never echoed: it is often a key.
                Fail(paramName, $"{Prefix}Headers['{name}'] must be a value without line breaks; it is {(value is null ? "null" : "a value with a line break")}.");
            }

            headers.Add(new(name, value));
        }

        return [.. headers];
    }

    private static bool IsReserved(string name) =>
        name.Equals("Host", StringComparison.OrdinalIgnoreCase)
        || name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase)
        || name.Equals(WebhookFormat.IdempotencyKeyHeader, StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("X-MarketplaceLeads-", StringComparison.OrdinalIgnoreCase);

    private static void CheckDuration(TimeSpan value, string property, string paramName)
    {
        if (value < MinBreakerDuration || value > MaxBreakerDuration)
        {
            Fail(paramName, $"{Prefix}CircuitBreaker.{property} must be between {MinBreakerDuration} and {MaxBreakerDuration}; it is {value}.");
        }
    }

    /// <summary>Describes a URL without its user info or query (either may hold a secret).</summary>
    private static string Describe(Uri endpoint) =>
        $"'{endpoint.Scheme}://{endpoint.Authority}{endpoint.AbsolutePath}{(endpoint.Query.Length > 0 ? "?…" : string.Empty)}'";

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    [System.Diagnostics.StackTraceHidden]
    private static void Fail(string paramName, string message) => throw new ArgumentException(message, paramName);
}
