using System;

namespace MarketplaceLeads.Crm;

/// <summary>Checks a CRM URL option (compiled into each CRM sink package, src/Shared/Crm).</summary>
internal static class CrmUrls
{
    /// <summary>What is wrong with a CRM URL: relative, not <c>https</c> (plain <c>http</c> is allowed for a loopback host, as in tests), or with credentials.</summary>
    /// <param name="url">The URL.</param>
    /// <returns>The problem, worded for an options message, or <see langword="null"/> when the URL is fine.</returns>
    public static string? Check(Uri url)
    {
        if (!url.IsAbsoluteUri)
        {
            return $"must be an absolute URL; it is the relative URL '{url.OriginalString}'";
        }

        if (url.Scheme != Uri.UriSchemeHttps && !(url.Scheme == Uri.UriSchemeHttp && url.IsLoopback))
        {
            return $"must use https (http only for a loopback host); it is '{url.Scheme}://{url.Authority}'";
        }

        return url.UserInfo.Length > 0 ? $"must not carry credentials; it is '{url.Scheme}://…@{url.Host}'" : null;
    }
}
