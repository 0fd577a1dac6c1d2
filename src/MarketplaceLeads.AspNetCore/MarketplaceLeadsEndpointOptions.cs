using System;
using System.Collections.Generic;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using MarketplaceLeads.Internal;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace MarketplaceLeads.AspNetCore;

/// <summary>
/// Options of the endpoint mapped by <c>MapMarketplaceLeads</c>: the shared secrets and where the request carries the key,
/// the body and record size limits, the answer to an unauthorized request and the pipeline the leads go to.
/// </summary>
/// <remarks>
/// Validated when the endpoint is mapped (by a generated validator, as every package's options are); a bad value throws an
/// <see cref="ArgumentException"/> whose message names the option, the rule and the value (never the secret). The key is looked for in the route value, then the header, then the query
/// parameter; the first one present is compared in constant time with every accepted secret (<see cref="SharedSecret"/>
/// and <see cref="SharedSecrets"/>), all of them every time, so the timing tells neither whether nor which one matched.
/// </remarks>
public sealed class MarketplaceLeadsEndpointOptions : IValidatableObject
{
    /// <summary>The smallest length of a shared secret (<see cref="SharedSecret"/> and each of <see cref="SharedSecrets"/>) accepted, in characters.</summary>
    public const int MinSharedSecretLength = 16;

    /// <summary>The largest <see cref="MaxBodyBytes"/> accepted: 16 MiB.</summary>
    public const int MaxBodyBytesLimit = 16 * 1024 * 1024;

    /// <summary>Gets or sets the shared secret the marketplace sends with each POST (in the URL you give Partner Center, or a header).</summary>
    /// <value>Default: <see langword="null"/>; this or <see cref="SharedSecrets"/> is required (at least <see cref="MinSharedSecretLength"/> characters) unless <see cref="AllowAnonymous"/> is set.</value>
    /// <remarks>Use a long random value (for example 32 bytes, base64url-encoded) read from configuration or a secret store, not a literal in code.</remarks>
    public string? SharedSecret { get; set; }

    /// <summary>Gets the further shared secrets accepted beside <see cref="SharedSecret"/>, so that a key can be rotated without downtime.</summary>
    /// <value>Default: empty. Each at least <see cref="MinSharedSecretLength"/> characters; none empty.</value>
    /// <remarks>
    /// To rotate: add the new key here (or make it <see cref="SharedSecret"/> and move the old one here), give Partner Center
    /// the URL with the new key, and once the marketplace uses it, remove the old key. The secrets are read when the endpoint is
    /// mapped; changing the list afterwards has no effect.
    /// </remarks>
    public IList<string> SharedSecrets { get; } = new List<string>();

    /// <summary>Gets or sets a value indicating whether the endpoint accepts requests without a key (when another mechanism, such as an authorization policy on the returned convention builder, protects it).</summary>
    /// <value>Default: <see langword="false"/>. When <see langword="true"/>, <see cref="SharedSecret"/> must be <see langword="null"/> and <see cref="SharedSecrets"/> empty.</value>
    public bool AllowAnonymous { get; set; }

    /// <summary>Gets or sets the name of the request header that carries the key; <see langword="null"/> to not read a header.</summary>
    /// <value>Default: <c>X-MarketplaceLeads-Key</c>.</value>
    public string? KeyHeaderName { get; set; } = "X-MarketplaceLeads-Key";

    /// <summary>Gets or sets the name of the query parameter that carries the key (<c>/leads?key=…</c>); <see langword="null"/> to not read the query.</summary>
    /// <value>Default: <c>key</c>.</value>
    /// <remarks>A key in the URL can end up in proxy and server request logs (ASP.NET Core's own request logging writes the URL at the <c>Information</c> level): call <c>builder.Logging.AddMarketplaceLeadsKeyFilter()</c>, and prefer a header where the sender supports one.</remarks>
    public string? KeyQueryParameterName { get; set; } = "key";

    /// <summary>Gets or sets the name of the route value that carries the key, for a pattern such as <c>/leads/{key}</c>; <see langword="null"/> to not read a route value.</summary>
    /// <value>Default: <c>key</c> (used only when the pattern has that parameter).</value>
    public string? KeyRouteValueName { get; set; } = "key";

    /// <summary>Gets or sets the status code answered to a request without a valid key: 401, 403, or 404 (to not reveal that the endpoint exists).</summary>
    /// <value>Default: <see cref="StatusCodes.Status401Unauthorized"/>. The response has no body either way.</value>
    public int UnauthorizedStatusCode { get; set; } = StatusCodes.Status401Unauthorized;

    /// <summary>Gets or sets the largest request body accepted, in bytes; a larger one gets 413. Enforced while reading, whatever <c>Content-Length</c> says.</summary>
    /// <value>Default: 65,536 (64 KiB); a real lead is well under 2 KiB. Between 1 and <see cref="MaxBodyBytesLimit"/>.</value>
    [IntBetween(1, MaxBodyBytesLimit)]
    public int MaxBodyBytes { get; set; } = 64 * 1024;

    /// <summary>Gets or sets the largest record (one lead object of the body) read, in bytes; a larger one is rejected (400) and dead-lettered with its raw payload.</summary>
    /// <value>Default: 65,536 (64 KiB). At least 64.</value>
    [IntBetween(64)]
    public int MaxRecordBytes { get; set; } = 64 * 1024;

    /// <summary>Gets or sets the longest field read, in characters; a record with a longer field is rejected (400) and dead-lettered with its raw payload.</summary>
    /// <value>Default: 8,192. At least 1.</value>
    [IntBetween(1)]
    public int MaxFieldLength { get; set; } = 8 * 1024;

    /// <summary>Gets or sets the deepest JSON nesting read inside a record; a deeper record is rejected (400) and dead-lettered with its raw payload.</summary>
    /// <value>Default: 16 (a lead needs 2). At least 2.</value>
    [IntBetween(2)]
    public int MaxDepth { get; set; } = 16;

    /// <summary>Gets or sets the <c>Retry-After</c> sent with a 503 answer (the pipeline's queue is full or the pipeline has stopped).</summary>
    /// <value>Default: 30 seconds. Between 1 second and 1 day; sent in whole seconds, rounded up.</value>
    [TimeSpanBetween("00:00:01", "1.00:00:00")]
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets the name of the pipeline the leads are submitted to (registered with <c>services.AddMarketplaceLeads(name, …)</c>); <see langword="null"/> for the default pipeline.</summary>
    /// <value>Default: <see langword="null"/>.</value>
    public string? PipelineName { get; set; }

    /// <summary>Checks the secrets, where the key is, the status code and the pipeline's name (the generated validator runs this); messages name a secret's length, never its value.</summary>
    IEnumerable<ValidationResult> IValidatableObject.Validate(ValidationContext validationContext)
    {
        const string FalseSecurity = "when AllowAnonymous is true (a key that is never checked would give a false sense of security)";
        if (AllowAnonymous)
        {
            if (SharedSecret is not null)
            {
                yield return Fail(nameof(SharedSecret), "must be null " + FalseSecurity);
            }

            if (SharedSecrets.Count > 0)
            {
                yield return Fail(nameof(SharedSecrets), "must be empty " + FalseSecurity);
            }
        }
        else
        {
            if (SharedSecret is null && SharedSecrets.Count == 0)
            {
                yield return Fail(nameof(SharedSecret), "is required; set it (or SharedSecrets), or set AllowAnonymous = true when something else protects the endpoint");
            }

            if (SharedSecret is not null && SecretProblem(SharedSecret) is { } problem)
            {
                yield return Fail(nameof(SharedSecret), problem);
            }

            for (var i = 0; i < SharedSecrets.Count; i++)
            {
                if (SecretProblem(SharedSecrets[i]) is { } itemProblem)
                {
                    yield return Fail(string.Create(CultureInfo.InvariantCulture, $"{nameof(SharedSecrets)}[{i}]"), itemProblem);
                }
            }

            if (string.IsNullOrWhiteSpace(KeyHeaderName) && string.IsNullOrWhiteSpace(KeyQueryParameterName) && string.IsNullOrWhiteSpace(KeyRouteValueName))
            {
                yield return Fail(nameof(KeyHeaderName), "KeyHeaderName, KeyQueryParameterName and KeyRouteValueName are all null; at least one must say where the key is");
            }
        }

        if (UnauthorizedStatusCode is not (StatusCodes.Status401Unauthorized or StatusCodes.Status403Forbidden or StatusCodes.Status404NotFound))
        {
            yield return Fail(nameof(UnauthorizedStatusCode), $"must be 401, 403 or 404; it is {OptionsRules.Text(UnauthorizedStatusCode)}");
        }

        if (PipelineName is { Length: 0 })
        {
            yield return Fail(nameof(PipelineName), "must be null (the default pipeline) or a pipeline name; it is empty");
        }
    }

    /// <summary>Gets every accepted secret: <see cref="SharedSecret"/> (when set), then <see cref="SharedSecrets"/>.</summary>
    internal List<string> AcceptedSecrets()
    {
        var secrets = new List<string>(SharedSecrets.Count + 1);
        if (SharedSecret is not null)
        {
            secrets.Add(SharedSecret);
        }

        secrets.AddRange(SharedSecrets);
        return secrets;
    }

    /// <summary>Says what is wrong with a secret, naming its length, never its value; <see langword="null"/> when it is usable.</summary>
    private static string? SecretProblem(string? secret) =>
        string.IsNullOrWhiteSpace(secret) ? $"is empty; every shared secret must be a key of at least {MinSharedSecretLength} characters"
        : secret.Length < MinSharedSecretLength ? $"must be at least {MinSharedSecretLength} characters; it has {OptionsRules.Text(secret.Length)}"
        : null;

    private static ValidationResult Fail(string option, string problem) => OptionsRules.Fail<MarketplaceLeadsEndpointOptions>(option, problem);
}

/// <summary>Validates <see cref="MarketplaceLeadsEndpointOptions"/> (source-generated from its validation attributes and <see cref="System.ComponentModel.DataAnnotations.IValidatableObject"/> rules, no reflection).</summary>
[OptionsValidator]
internal sealed partial class MarketplaceLeadsEndpointOptionsValidator : IValidateOptions<MarketplaceLeadsEndpointOptions>
{
}
