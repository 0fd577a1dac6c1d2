using System;
using System.Diagnostics.Metrics;
using System.Net.Http;
using MarketplaceLeads.Crm;
using MarketplaceLeads.Internal;
using MarketplaceLeads.Salesforce;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace MarketplaceLeads;

/// <summary>Adds the Salesforce sink to a MarketplaceLeads pipeline (package <c>MarketplaceLeads.Salesforce</c>).</summary>
/// <remarks>In namespace <c>MarketplaceLeads</c>, like the builder it extends, so <c>builder.AddSalesforceSink(…)</c> needs no extra <c>using</c>.</remarks>
public static class MarketplaceLeadsSalesforceBuilderExtensions
{
    /// <summary>
    /// Adds a sink that upserts one <c>Lead</c> record per customer profile into a Salesforce org (REST API), keyed by the profile id in
    /// <see cref="SalesforceSinkOptions.ExternalIdField"/>, with a client-credentials token from the org's My Domain. docs/crm.md has the set-up.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="configure">Sets at least <see cref="SalesforceSinkOptions.MyDomainUrl"/>, <see cref="SalesforceSinkOptions.ClientId"/> and <see cref="SalesforceSinkOptions.ClientSecret"/>.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> or <paramref name="configure"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">An option is invalid; the message names the option, the rule and the value (never the client secret).</exception>
    /// <remarks>
    /// <para>
    /// The <c>HttpClient</c> is named <c>MarketplaceLeads.Salesforce:&lt;sink name&gt;</c> (<c>MarketplaceLeads.Salesforce:&lt;pipeline&gt;:&lt;sink name&gt;</c> in a named
    /// pipeline); its time-out is <see cref="SalesforceSinkOptions.RequestTimeout"/> and it follows no redirects. It does not retry: the pipeline owns retries,
    /// back-off and dead letters. Every Salesforce sink of the service provider that targets the same org shares one pause: after
    /// <c>REQUEST_LIMIT_EXCEEDED</c> none of them sends a request to it for <see cref="SalesforceSinkOptions.RequestLimitPause"/>. The org's API usage is the
    /// metric <c>marketplace_leads.salesforce.api_usage</c> (and <c>…api_limit</c>) of the meter <c>MarketplaceLeads.Salesforce</c>.
    /// </para>
    /// </remarks>
    public static IMarketplaceLeadsBuilder AddSalesforceSink(this IMarketplaceLeadsBuilder builder, Action<SalesforceSinkOptions> configure) =>
        AddSalesforceSink(builder, configure, configureHttpClient: null);

    /// <summary>
    /// Adds a Salesforce sink (see <see cref="AddSalesforceSink(IMarketplaceLeadsBuilder, Action{SalesforceSinkOptions})"/>) and lets you configure its
    /// <see cref="HttpClient"/> further: a proxy on the primary handler, logging.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="configure">Sets at least the My Domain URL, the consumer key and secret.</param>
    /// <param name="configureHttpClient">Called with the named client's builder after the sink's own configuration; <see langword="null"/> for none.
    /// If it replaces the primary handler, keep automatic redirects off.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> or <paramref name="configure"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">An option is invalid; the message names the option, the rule and the value (never the client secret).</exception>
    public static IMarketplaceLeadsBuilder AddSalesforceSink(this IMarketplaceLeadsBuilder builder, Action<SalesforceSinkOptions> configure, Action<IHttpClientBuilder>? configureHttpClient)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        var configured = new SalesforceSinkOptions();
        configure(configured);
        var options = OptionsRules.ThrowIfInvalid(new SalesforceSinkOptionsValidator(), configured.Snapshot());
        var clientName = HttpClientName(builder.Name, options.Name);
        var timeout = options.RequestTimeout;

        builder.Services.TryAddSingleton(static provider => new SalesforceTelemetry(provider.GetService<IMeterFactory>()));
        CrmClients.Add(builder, clientName, timeout, own: null, configureHttpClient);

        return builder.AddSink(
            provider => new SalesforceLeadSink(
                provider.GetRequiredService<IHttpClientFactory>(),
                options,
                clientName,
                provider.GetRequiredService<ThrottleGates>().For(options.MyDomainUrl!),
                provider.GetRequiredService<SalesforceTelemetry>(),
                provider.GetService<TimeProvider>() ?? TimeProvider.System,
                (provider.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance).CreateLogger("MarketplaceLeads.Salesforce")),
            options.Name);
    }

    /// <summary>Names the <c>HttpClient</c> of a Salesforce sink.</summary>
    internal static string HttpClientName(string pipelineName, string sinkName) =>
        CrmClients.Name("MarketplaceLeads.Salesforce", pipelineName, sinkName);
}
