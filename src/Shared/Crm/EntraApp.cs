using System;
using System.Collections.Generic;
using System.ComponentModel.DataAnnotations;
using MarketplaceLeads.Internal;

namespace MarketplaceLeads.Crm;

/// <summary>The checks of a Microsoft Entra app registration's options (compiled into each package that gets a client-credentials token from Entra ID, src/Shared/Crm).</summary>
internal static class EntraApp
{
    /// <summary>Checks <c>AuthorityHost</c> (set, a good URL), <c>TenantId</c> (no characters that would change the token endpoint's path) and <c>ClientSecret</c> (set); messages never quote the secret.</summary>
    /// <typeparam name="TOptions">The options type, for the messages (<c>Type.Property …</c>).</typeparam>
    /// <param name="authorityHost">The authority host.</param>
    /// <param name="tenantId">The tenant id or domain.</param>
    /// <param name="clientSecret">The client secret.</param>
    /// <returns>The problems, none when the options are good.</returns>
    public static IEnumerable<ValidationResult> Check<TOptions>(Uri? authorityHost, string? tenantId, string? clientSecret)
    {
        if (authorityHost is null)
        {
            yield return OptionsRules.Fail<TOptions>("AuthorityHost", "must be set; it is null");
        }
        else if (CrmUrls.Check(authorityHost) is { } problem)
        {
            yield return OptionsRules.Fail<TOptions>("AuthorityHost", problem);
        }

        if (!string.IsNullOrWhiteSpace(tenantId) && tenantId.AsSpan().IndexOfAny("/?#% ") >= 0)
        {
            yield return OptionsRules.Fail<TOptions>("TenantId", $"must be a tenant id or domain name without '/', '?', '#', '%' or spaces; it is '{tenantId}'");
        }

        if (string.IsNullOrWhiteSpace(clientSecret))
        {
            yield return OptionsRules.Fail<TOptions>("ClientSecret", $"must be set (bind it from configuration or a secret store); it is {(clientSecret is null ? "null" : "empty")}");
        }
    }
}
