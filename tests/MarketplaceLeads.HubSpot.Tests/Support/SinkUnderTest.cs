using System;
using System.Net.Http;
using MarketplaceLeads.Crm;
using Microsoft.Extensions.DependencyInjection;

namespace MarketplaceLeads.HubSpot.Tests;

/// <summary>HubSpot sinks called directly (no pipeline), built from what <c>AddHubSpotSink</c> registers (tests/Crm.Shared's <see cref="CrmSinkUnderTest{TOptions, TSink}"/>).</summary>
internal static class SinkUnderTest
{
    public static CrmSinkUnderTest<HubSpotSinkOptions, HubSpotLeadSink> Create(HubSpotServer server, Action<HubSpotSinkOptions>? configure = null, TimeProvider? time = null) =>
        new(
            (builder, options) => builder.AddHubSpotSink(options),
            o =>
            {
                server.Configure(o);
                configure?.Invoke(o);
            },
            (provider, configured, logger) =>
            {
                var options = configured.Snapshot();
                return new HubSpotLeadSink(
                    provider.GetRequiredService<IHttpClientFactory>(),
                    options,
                    MarketplaceLeadsHubSpotBuilderExtensions.HttpClientName(string.Empty, options.Name),
                    provider.GetRequiredService<ThrottleGates>().For(MarketplaceLeadsHubSpotBuilderExtensions.AccountKey(options)),
                    time ?? TimeProvider.System,
                    logger);
            });
}
