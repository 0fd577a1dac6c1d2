using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using MarketplaceLeads.Delivery;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MarketplaceLeads.Testing.Crm;

/// <summary>
/// CRM sinks called directly (no pipeline), built from what a package's <c>Add…Sink</c> registers (the named client, the shared throttle gates):
/// <see cref="NewSink"/> makes another sink of the same service provider, as after a restart or for a second sink of the same account.
/// </summary>
/// <typeparam name="TOptions">The sink's options.</typeparam>
/// <typeparam name="TSink">The sink.</typeparam>
internal sealed class CrmSinkUnderTest<TOptions, TSink> : IAsyncDisposable
    where TOptions : new()
    where TSink : class, ILeadSink
{
    private readonly ServiceProvider _provider;
    private readonly List<TSink> _sinks = [];
    private readonly Func<IServiceProvider, TOptions, ILogger, TSink> _create;

    /// <summary>Registers the sink with <paramref name="register"/> and makes the first one.</summary>
    /// <param name="register">Calls the package's <c>Add…Sink</c> with the options' configuration.</param>
    /// <param name="configure">Points the options at the loopback server, then sets the test's own.</param>
    /// <param name="create">Makes a sink from the service provider and the configured options (snapshot them first).</param>
    public CrmSinkUnderTest(Action<IMarketplaceLeadsBuilder, Action<TOptions>> register, Action<TOptions> configure, Func<IServiceProvider, TOptions, ILogger, TSink> create)
    {
        Configure = configure;
        _create = create;
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddProvider(Logs).SetMinimumLevel(LogLevel.Debug));
        register(services.AddMarketplaceLeads(), Configure);
        _provider = services.BuildServiceProvider();
        Sink = NewSink();
    }

    public Action<TOptions> Configure { get; }

    public CollectingLoggerProvider Logs { get; } = new();

    public TSink Sink { get; }

    /// <summary>Another sink of the same service provider (so the same throttle gates).</summary>
    public TSink NewSink()
    {
        var options = new TOptions();
        Configure(options);
        var sink = _create(_provider, options, _provider.GetRequiredService<ILoggerFactory>().CreateLogger("test"));
        _sinks.Add(sink);
        return sink;
    }

    public async Task<LeadSinkException> FailAsync(IReadOnlyList<LeadDelivery> batch, TSink? sink = null) =>
        await Assert.ThrowsAnyAsync<LeadSinkException>(async () => await (sink ?? Sink).WriteBatchAsync(batch, CancellationToken.None));

    public async ValueTask DisposeAsync()
    {
        foreach (var sink in _sinks)
        {
            (sink as IDisposable)?.Dispose();
        }

        await _provider.DisposeAsync();
    }
}
