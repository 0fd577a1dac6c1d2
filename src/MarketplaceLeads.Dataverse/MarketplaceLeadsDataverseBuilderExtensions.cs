using System;
using System.Net.Http;
using MarketplaceLeads.Crm;
using MarketplaceLeads.Dataverse;
using MarketplaceLeads.Internal;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace MarketplaceLeads;

/// <summary>Adds the Microsoft Dataverse (Dynamics 365) sink to a MarketplaceLeads pipeline (package <c>MarketplaceLeads.Dataverse</c>).</summary>
/// <remarks>In namespace <c>MarketplaceLeads</c>, like the builder it extends, so <c>builder.AddDataverseSink(…)</c> needs no extra <c>using</c>.</remarks>
public static class MarketplaceLeadsDataverseBuilderExtensions
{
    /// <summary>
    /// Adds a sink that upserts one <c>lead</c> record per customer profile into a Dataverse environment (Web API v9.2), keyed by the profile id in
    /// <see cref="DataverseSinkOptions.AlternateKeyColumn"/>, with a client-credentials token from Microsoft Entra ID. docs/crm.md has the set-up.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="configure">Sets at least <see cref="DataverseSinkOptions.EnvironmentUrl"/>, <see cref="DataverseSinkOptions.TenantId"/>,
    /// <see cref="DataverseSinkOptions.ClientId"/> and <see cref="DataverseSinkOptions.ClientSecret"/>.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> or <paramref name="configure"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">An option is invalid; the message names the option, the rule and the value (never the client secret).</exception>
    /// <remarks>
    /// <para>
    /// The <c>HttpClient</c> is named <c>MarketplaceLeads.Dataverse:&lt;sink name&gt;</c> (<c>MarketplaceLeads.Dataverse:&lt;pipeline&gt;:&lt;sink name&gt;</c> in a named
    /// pipeline); its time-out is <see cref="DataverseSinkOptions.RequestTimeout"/> and it follows no redirects. It does not retry: the pipeline owns retries,
    /// back-off, <c>Retry-After</c> hints and dead letters. Every Dataverse sink of the service provider that targets the same environment shares one
    /// throttle gate: after a 429 none of them sends a request to it until the <c>Retry-After</c> has passed.
    /// </para>
    /// <para>
    /// Answers: 2xx (and 412 to a create-only upsert, and duplicate detection's 500 <c>0x80040333</c>) deliver the lead; 429 pauses the environment and
    /// is transient with its <c>Retry-After</c>; 401 gets a new token and is sent once more; 408, 5xx, network errors and time-outs are transient;
    /// other 4xx (400, 403, 404, …) are not: the pipeline sends each lead alone and dead-letters those refused again.
    /// </para>
    /// </remarks>
    public static IMarketplaceLeadsBuilder AddDataverseSink(this IMarketplaceLeadsBuilder builder, Action<DataverseSinkOptions> configure) =>
        AddDataverseSink(builder, configure, configureHttpClient: null);

    /// <summary>
    /// Adds a Dataverse sink (see <see cref="AddDataverseSink(IMarketplaceLeadsBuilder, Action{DataverseSinkOptions})"/>) and lets you configure its
    /// <see cref="HttpClient"/> further: a proxy on the primary handler, logging.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="configure">Sets at least the environment, tenant, client id and secret.</param>
    /// <param name="configureHttpClient">Called with the named client's builder after the sink's own configuration; <see langword="null"/> for none.
    /// If it replaces the primary handler, keep automatic redirects off.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> or <paramref name="configure"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">An option is invalid; the message names the option, the rule and the value (never the client secret).</exception>
    public static IMarketplaceLeadsBuilder AddDataverseSink(this IMarketplaceLeadsBuilder builder, Action<DataverseSinkOptions> configure, Action<IHttpClientBuilder>? configureHttpClient)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        var configured = new DataverseSinkOptions();
        configure(configured);
        var options = OptionsRules.ThrowIfInvalid(new DataverseSinkOptionsValidator(), configured.Snapshot());
        var clientName = HttpClientName(builder.Name, options.Name);
        var timeout = options.RequestTimeout;

        CrmClients.Add(builder, clientName, timeout, own: null, configureHttpClient);

        return builder.AddSink(
            provider => new DataverseLeadSink(
                provider.GetRequiredService<IHttpClientFactory>(),
                options,
                clientName,
                provider.GetRequiredService<ThrottleGates>().For(options.EnvironmentUrl!),
                provider.GetService<TimeProvider>() ?? TimeProvider.System,
                (provider.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance).CreateLogger("MarketplaceLeads.Dataverse")),
            options.Name);
    }

    /// <summary>Names the <c>HttpClient</c> of a Dataverse sink.</summary>
    internal static string HttpClientName(string pipelineName, string sinkName) =>
        CrmClients.Name("MarketplaceLeads.Dataverse", pipelineName, sinkName);
}
