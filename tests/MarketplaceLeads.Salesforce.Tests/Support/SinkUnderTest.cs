using System;
using System.Net.Http;
using MarketplaceLeads.Crm;
using Microsoft.Extensions.DependencyInjection;

namespace MarketplaceLeads.Salesforce.Tests;

/// <summary>Salesforce sinks called directly (no pipeline), built from what <c>AddSalesforceSink</c> registers (tests/Crm.Shared's <see cref="CrmSinkUnderTest{TOptions, TSink}"/>):
/// the named client, the shared throttle gates and metrics; each sink has its own token cache.</summary>
internal static class SinkUnderTest
{
    public static CrmSinkUnderTest<SalesforceSinkOptions, SalesforceLeadSink> Create(SalesforceServer server, Action<SalesforceSinkOptions>? configure = null, TimeProvider? time = null) =>
        new(
            (builder, options) => builder.AddSalesforceSink(options),
            o =>
            {
                server.Configure(o);
                configure?.Invoke(o);
            },
            (provider, configured, logger) =>
            {
                var options = configured.Snapshot();
                return new SalesforceLeadSink(
                    provider.GetRequiredService<IHttpClientFactory>(),
                    options,
                    MarketplaceLeadsSalesforceBuilderExtensions.HttpClientName(string.Empty, options.Name),
                    provider.GetRequiredService<ThrottleGates>().For(server.BaseAddress),
                    provider.GetRequiredService<SalesforceTelemetry>(),
                    time ?? TimeProvider.System,
                    logger);
            });
}
