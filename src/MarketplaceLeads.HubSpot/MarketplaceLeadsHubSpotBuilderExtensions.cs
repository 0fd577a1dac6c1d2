using System;
using System.Net.Http;
using System.Security.Cryptography;
using System.Text;
using MarketplaceLeads.Crm;
using MarketplaceLeads.HubSpot;
using MarketplaceLeads.Internal;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace MarketplaceLeads;

/// <summary>Adds the HubSpot sink to a MarketplaceLeads pipeline (package <c>MarketplaceLeads.HubSpot</c>).</summary>
/// <remarks>In namespace <c>MarketplaceLeads</c>, like the builder it extends, so <c>builder.AddHubSpotSink(…)</c> needs no extra <c>using</c>.</remarks>
public static class MarketplaceLeadsHubSpotBuilderExtensions
{
    /// <summary>
    /// Adds a sink that upserts one contact per customer profile into a HubSpot account (CRM objects API, date-based version
    /// <see cref="HubSpotSinkOptions.ApiVersion"/>), keyed by <see cref="HubSpotSinkOptions.IdProperty"/>, with a private app access token or a service key.
    /// docs/crm.md has the set-up.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="configure">Sets at least <see cref="HubSpotSinkOptions.AccessToken"/>.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> or <paramref name="configure"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">An option is invalid; the message names the option, the rule and the value (never the token).</exception>
    /// <remarks>
    /// The <c>HttpClient</c> is named <c>MarketplaceLeads.HubSpot:&lt;sink name&gt;</c> (<c>MarketplaceLeads.HubSpot:&lt;pipeline&gt;:&lt;sink name&gt;</c> in a named
    /// pipeline); its time-out is <see cref="HubSpotSinkOptions.RequestTimeout"/>, it follows no redirects and it has none of <c>HttpClient</c>'s own request logs (they would print the e-mail address in the path of an unsubscription). It does not retry: the pipeline owns retries,
    /// back-off and dead letters. Every HubSpot sink of the service provider with the same token shares one pause: after a <c>DAILY</c> limit none of them
    /// sends a request until the account's midnight.
    /// </remarks>
    public static IMarketplaceLeadsBuilder AddHubSpotSink(this IMarketplaceLeadsBuilder builder, Action<HubSpotSinkOptions> configure) =>
        AddHubSpotSink(builder, configure, configureHttpClient: null);

    /// <summary>
    /// Adds a HubSpot sink (see <see cref="AddHubSpotSink(IMarketplaceLeadsBuilder, Action{HubSpotSinkOptions})"/>) and lets you configure its
    /// <see cref="HttpClient"/> further: a proxy on the primary handler, logging.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="configure">Sets at least the access token.</param>
    /// <param name="configureHttpClient">Called with the named client's builder after the sink's own configuration; <see langword="null"/> for none.
    /// If it replaces the primary handler, keep automatic redirects off.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> or <paramref name="configure"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">An option is invalid; the message names the option, the rule and the value (never the token).</exception>
    public static IMarketplaceLeadsBuilder AddHubSpotSink(this IMarketplaceLeadsBuilder builder, Action<HubSpotSinkOptions> configure, Action<IHttpClientBuilder>? configureHttpClient)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        var configured = new HubSpotSinkOptions();
        configure(configured);
        var options = OptionsRules.ThrowIfInvalid(new HubSpotSinkOptionsValidator(), configured.Snapshot());
        var clientName = HttpClientName(builder.Name, options.Name);
        var timeout = options.RequestTimeout;

        // HttpClient's own logs print each request's URL, and unsubscribing names the e-mail address in its path.
        CrmClients.Add(builder, clientName, timeout, static http => http.RemoveAllLoggers(), configureHttpClient);

        return builder.AddSink(
            provider => new HubSpotLeadSink(
                provider.GetRequiredService<IHttpClientFactory>(),
                options,
                clientName,
                provider.GetRequiredService<ThrottleGates>().For(AccountKey(options)),
                provider.GetService<TimeProvider>() ?? TimeProvider.System,
                (provider.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance).CreateLogger("MarketplaceLeads.HubSpot")),
            options.Name);
    }

    /// <summary>Names the <c>HttpClient</c> of a HubSpot sink.</summary>
    internal static string HttpClientName(string pipelineName, string sinkName) =>
        CrmClients.Name("MarketplaceLeads.HubSpot", pipelineName, sinkName);

    /// <summary>The throttle gate key of an account: every account shares <c>api.hubapi.com</c>, so the key is the host and a hash of the token (never the token).</summary>
    internal static string AccountKey(HubSpotSinkOptions options)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes((options.AccessToken ?? string.Empty).Trim()));
        return $"hubspot:{ThrottleGates.KeyOf(options.ApiUrl)}:{Convert.ToHexString(hash.AsSpan(0, 16)).ToLowerInvariant()}";
    }
}
