using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using MarketplaceLeads.Crm;
using MarketplaceLeads.Delivery;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MarketplaceLeads.Salesforce.Tests;

/// <summary>Salesforce sinks called directly (no pipeline), built from what <c>AddSalesforceSink</c> registers: the named client, the shared throttle gates and metrics.</summary>
internal sealed class SinkUnderTest : IAsyncDisposable
{
    private readonly ServiceProvider _provider;
    private readonly List<SalesforceLeadSink> _sinks = [];
    private readonly SalesforceServer _server;
    private readonly TimeProvider _time;

    public SinkUnderTest(SalesforceServer server, Action<SalesforceSinkOptions>? configure = null, TimeProvider? time = null)
    {
        _server = server;
        _time = time ?? TimeProvider.System;
        Configure = o =>
        {
            server.Configure(o);
            configure?.Invoke(o);
        };
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddProvider(Logs).SetMinimumLevel(LogLevel.Debug));
        services.AddMarketplaceLeads().AddSalesforceSink(Configure);
        _provider = services.BuildServiceProvider();
        Sink = NewSink();
    }

    public Action<SalesforceSinkOptions> Configure { get; }

    public CollectingLoggerProvider Logs { get; } = new();

    public SalesforceLeadSink Sink { get; }

    /// <summary>Another sink of the same service provider (the same org, so the same throttle gate), with its own token cache.</summary>
    public SalesforceLeadSink NewSink()
    {
        var options = new SalesforceSinkOptions();
        Configure(options);
        var sink = new SalesforceLeadSink(
            _provider.GetRequiredService<IHttpClientFactory>(),
            options.Snapshot(),
            MarketplaceLeadsSalesforceBuilderExtensions.HttpClientName(string.Empty, options.Name),
            _provider.GetRequiredService<ThrottleGates>().For(_server.BaseAddress),
            _provider.GetRequiredService<SalesforceTelemetry>(),
            _time,
            _provider.GetRequiredService<ILoggerFactory>().CreateLogger("test"));
        _sinks.Add(sink);
        return sink;
    }

    public async Task<LeadSinkException> FailAsync(IReadOnlyList<LeadDelivery> batch, SalesforceLeadSink? sink = null) =>
        await Assert.ThrowsAnyAsync<LeadSinkException>(async () => await (sink ?? Sink).WriteBatchAsync(batch, CancellationToken.None));

    public async ValueTask DisposeAsync()
    {
        foreach (var sink in _sinks)
        {
            sink.Dispose();
        }

        await _provider.DisposeAsync();
    }
}
