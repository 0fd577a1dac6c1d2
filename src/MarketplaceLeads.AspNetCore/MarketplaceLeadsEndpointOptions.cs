using System;
using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace MarketplaceLeads.AspNetCore;

/// <summary>
/// Options of the endpoint mapped by <c>MapMarketplaceLeads</c>: the shared secret and where the request carries it,
/// the body size limit, the answer to an unauthorized request and the pipeline the leads go to.
/// </summary>
/// <remarks>
/// Validated when the endpoint is mapped; a bad value throws an <see cref="ArgumentException"/> whose message names the
/// option and the value (never the secret). The key is looked for in the route value, then the header, then the query
/// parameter; the first one present is compared with <see cref="SharedSecret"/> in constant time.
/// </remarks>
public sealed class MarketplaceLeadsEndpointOptions
{
    /// <summary>The smallest <see cref="SharedSecret"/> length accepted, in characters.</summary>
    public const int MinSharedSecretLength = 16;

    /// <summary>The largest <see cref="MaxBodyBytes"/> accepted: 16 MiB.</summary>
    public const int MaxBodyBytesLimit = 16 * 1024 * 1024;

    /// <summary>Gets or sets the shared secret the marketplace sends with each POST (in the URL you give Partner Center, or a header).</summary>
    /// <value>Default: <see langword="null"/>; required (at least <see cref="MinSharedSecretLength"/> characters) unless <see cref="AllowAnonymous"/> is set.</value>
    /// <remarks>Use a long random value (for example 32 bytes, base64url-encoded) read from configuration or a secret store, not a literal in code.</remarks>
    public string? SharedSecret { get; set; }

    /// <summary>Gets or sets a value indicating whether the endpoint accepts requests without a key (when another mechanism, such as an authorization policy on the returned convention builder, protects it).</summary>
    /// <value>Default: <see langword="false"/>. When <see langword="true"/>, <see cref="SharedSecret"/> must be <see langword="null"/>.</value>
    public bool AllowAnonymous { get; set; }

    /// <summary>Gets or sets the name of the request header that carries the key; <see langword="null"/> to not read a header.</summary>
    /// <value>Default: <c>X-MarketplaceLeads-Key</c>.</value>
    public string? KeyHeaderName { get; set; } = "X-MarketplaceLeads-Key";

    /// <summary>Gets or sets the name of the query parameter that carries the key (<c>/leads?key=…</c>); <see langword="null"/> to not read the query.</summary>
    /// <value>Default: <c>key</c>.</value>
    /// <remarks>A key in the URL can end up in proxy and server request logs (ASP.NET Core's own request logging writes the URL at the <c>Information</c> level); prefer a header where the sender supports one.</remarks>
    public string? KeyQueryParameterName { get; set; } = "key";

    /// <summary>Gets or sets the name of the route value that carries the key, for a pattern such as <c>/leads/{key}</c>; <see langword="null"/> to not read a route value.</summary>
    /// <value>Default: <c>key</c> (used only when the pattern has that parameter).</value>
    public string? KeyRouteValueName { get; set; } = "key";

    /// <summary>Gets or sets the status code answered to a request without a valid key: 401, 403, or 404 (to not reveal that the endpoint exists).</summary>
    /// <value>Default: <see cref="StatusCodes.Status401Unauthorized"/>. The response has no body either way.</value>
    public int UnauthorizedStatusCode { get; set; } = StatusCodes.Status401Unauthorized;

    /// <summary>Gets or sets the largest request body accepted, in bytes; a larger one gets 413. Enforced while reading, whatever <c>Content-Length</c> says.</summary>
    /// <value>Default: 65,536 (64 KiB); a real lead is well under 2 KiB. Between 1 and <see cref="MaxBodyBytesLimit"/>.</value>
    public int MaxBodyBytes { get; set; } = 64 * 1024;

    /// <summary>Gets or sets the <c>Retry-After</c> sent with a 503 answer (the pipeline's queue is full or the pipeline has stopped).</summary>
    /// <value>Default: 30 seconds. Between 1 second and 1 day; sent in whole seconds, rounded up.</value>
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets the name of the pipeline the leads are submitted to (registered with <c>services.AddMarketplaceLeads(name, …)</c>); <see langword="null"/> for the default pipeline.</summary>
    /// <value>Default: <see langword="null"/>.</value>
    public string? PipelineName { get; set; }

    internal void Validate()
    {
        if (AllowAnonymous)
        {
            if (SharedSecret is not null)
            {
                throw Invalid(nameof(SharedSecret), "must be null when AllowAnonymous is true (a key that is never checked would give a false sense of security)");
            }
        }
        else
        {
            if (string.IsNullOrEmpty(SharedSecret))
            {
                throw Invalid(nameof(SharedSecret), "is required; set it, or set AllowAnonymous = true when something else protects the endpoint");
            }

            if (SharedSecret.Length < MinSharedSecretLength)
            {
                throw Invalid(nameof(SharedSecret), string.Create(CultureInfo.InvariantCulture, $"must be at least {MinSharedSecretLength} characters; it has {SharedSecret.Length}"));
            }

            if (string.IsNullOrWhiteSpace(KeyHeaderName) && string.IsNullOrWhiteSpace(KeyQueryParameterName) && string.IsNullOrWhiteSpace(KeyRouteValueName))
            {
                throw Invalid(nameof(KeyHeaderName), "KeyHeaderName, KeyQueryParameterName and KeyRouteValueName are all null; at least one must say where the key is");
            }
        }

        if (UnauthorizedStatusCode is not (StatusCodes.Status401Unauthorized or StatusCodes.Status403Forbidden or StatusCodes.Status404NotFound))
        {
            throw Invalid(nameof(UnauthorizedStatusCode), string.Create(CultureInfo.InvariantCulture, $"must be 401, 403 or 404; it is {UnauthorizedStatusCode}"));
        }

        if (MaxBodyBytes is < 1 or > MaxBodyBytesLimit)
        {
            throw Invalid(nameof(MaxBodyBytes), string.Create(CultureInfo.InvariantCulture, $"must be between 1 and {MaxBodyBytesLimit:N0}; it is {MaxBodyBytes}"));
        }

        if (RetryAfter < TimeSpan.FromSeconds(1) || RetryAfter > TimeSpan.FromDays(1))
        {
            throw Invalid(nameof(RetryAfter), string.Create(CultureInfo.InvariantCulture, $"must be between 00:00:01 and 1.00:00:00; it is {RetryAfter}"));
        }

        if (PipelineName is { Length: 0 })
        {
            throw Invalid(nameof(PipelineName), "must be null (the default pipeline) or a pipeline name; it is empty");
        }
    }

    private static ArgumentException Invalid(string option, string problem) =>
        new($"{nameof(MarketplaceLeadsEndpointOptions)}.{option} {problem}.", option);
}
