using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using MarketplaceLeads.Crm;
using MarketplaceLeads.Delivery;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MarketplaceLeads.Dataverse.Tests;

/// <summary>Dataverse sinks called directly (no pipeline), built from what <c>AddDataverseSink</c> registers: the named client and the shared throttle gates.</summary>
internal sealed class SinkUnderTest : IAsyncDisposable
{
    private readonly ServiceProvider _provider;
    private readonly List<DataverseLeadSink> _sinks = [];
    private readonly DataverseServer _server;
    private readonly TimeProvider _time;

    public SinkUnderTest(DataverseServer server, Action<DataverseSinkOptions>? configure = null, TimeProvider? time = null)
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
        services.AddMarketplaceLeads().AddDataverseSink(Configure);
        _provider = services.BuildServiceProvider();
        Sink = NewSink();
    }

    public Action<DataverseSinkOptions> Configure { get; }

    public CollectingLoggerProvider Logs { get; } = new();

    public DataverseLeadSink Sink { get; }

    /// <summary>Another sink of the same service provider (the same environment, so the same throttle gate), with its own token cache.</summary>
    public DataverseLeadSink NewSink()
    {
        var options = new DataverseSinkOptions();
        Configure(options);
        var sink = new DataverseLeadSink(
            _provider.GetRequiredService<IHttpClientFactory>(),
            options.Snapshot(),
            MarketplaceLeadsDataverseBuilderExtensions.HttpClientName(string.Empty, options.Name),
            _provider.GetRequiredService<ThrottleGates>().For(_server.BaseAddress),
            _time,
            _provider.GetRequiredService<ILoggerFactory>().CreateLogger("test"));
        _sinks.Add(sink);
        return sink;
    }

    public async Task<LeadSinkException> FailAsync(IReadOnlyList<LeadDelivery> batch, DataverseLeadSink? sink = null) =>
        await Assert.ThrowsAsync<LeadSinkException>(async () => await (sink ?? Sink).WriteBatchAsync(batch, CancellationToken.None));

    public async ValueTask DisposeAsync()
    {
        foreach (var sink in _sinks)
        {
            sink.Dispose();
        }

        await _provider.DisposeAsync();
    }
}
