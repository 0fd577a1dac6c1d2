using System;
using System.Net.Http;
using MarketplaceLeads.Crm;
using Microsoft.Extensions.DependencyInjection;

namespace MarketplaceLeads.Dataverse.Tests;

/// <summary>Dataverse sinks called directly (no pipeline), built from what <c>AddDataverseSink</c> registers (tests/Crm.Shared's <see cref="CrmSinkUnderTest{TOptions, TSink}"/>):
/// the named client and the shared throttle gates; each sink has its own token cache.</summary>
internal static class SinkUnderTest
{
    public static CrmSinkUnderTest<DataverseSinkOptions, DataverseLeadSink> Create(DataverseServer server, Action<DataverseSinkOptions>? configure = null, TimeProvider? time = null) =>
        new(
            (builder, options) => builder.AddDataverseSink(options),
            o =>
            {
                server.Configure(o);
                configure?.Invoke(o);
            },
            (provider, configured, logger) =>
            {
                var options = configured.Snapshot();
                return new DataverseLeadSink(
                    provider.GetRequiredService<IHttpClientFactory>(),
                    options,
                    MarketplaceLeadsDataverseBuilderExtensions.HttpClientName(string.Empty, options.Name),
                    provider.GetRequiredService<ThrottleGates>().For(server.BaseAddress),
                    time ?? TimeProvider.System,
                    logger);
            });
}
