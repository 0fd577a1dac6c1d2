using System;
using System.Collections.Generic;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MarketplaceLeads.AspNetCore;

/// <summary>
/// Adds, after configuration, the filter rules of <c>AddMarketplaceLeadsKeyFilter</c>: <see cref="LogLevel.None"/> for the
/// categories that log the request URL, for every provider that has rules of its own (provider rules win over general
/// ones) and for the rest. Being added last, with the longest category, they win over any configured rule.
/// </summary>
internal sealed class KeyLogFilter : IPostConfigureOptions<LoggerFilterOptions>
{
    /// <summary>The categories that write the request path or query: hosting's request start/finish messages and scope; routing's matcher.</summary>
    internal static readonly string[] Categories = ["Microsoft.AspNetCore.Hosting.Diagnostics", "Microsoft.AspNetCore.Routing.Matching.DfaMatcher"];

    public void PostConfigure(string? name, LoggerFilterOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var providers = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var rule in options.Rules)
        {
            if (rule.ProviderName is { } provider)
            {
                providers.Add(provider);
            }
        }

        foreach (var category in Categories)
        {
            options.Rules.Add(new LoggerFilterRule(null, category, LogLevel.None, null));
            foreach (var provider in providers)
            {
                options.Rules.Add(new LoggerFilterRule(provider, category, LogLevel.None, null));
            }
        }
    }
}
