using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using MarketplaceLeads.Delivery;
using Microsoft.Extensions.DependencyInjection;

namespace MarketplaceLeads.Http.Tests;

/// <summary>A <see cref="WebhookLeadSink"/> called directly (no pipeline), with the <c>HttpClient</c> that <c>AddWebhookSink</c> registers.</summary>
internal sealed class SinkUnderTest : IAsyncDisposable
{
    private static readonly SemaphoreSlim DeliveriesLock = new(1, 1);
    private static IReadOnlyList<LeadDelivery>? s_deliveries;

    private readonly ServiceProvider _provider;

    public SinkUnderTest(Action<WebhookSinkOptions> configure, TimeProvider? time = null)
    {
        var services = new ServiceCollection();
        services.AddMarketplaceLeads().AddWebhookSink(configure);
        _provider = services.BuildServiceProvider();
        var options = new WebhookSinkOptions();
        configure(options);
        Sink = new WebhookLeadSink(_provider.GetRequiredService<IHttpClientFactory>(), options, MarketplaceLeadsHttpBuilderExtensions.HttpClientName(string.Empty, options.Name), time ?? TimeProvider.System);
    }

    public WebhookLeadSink Sink { get; }

    /// <summary>Six deliveries of distinct people, made once per test run.</summary>
    public static async Task<IReadOnlyList<LeadDelivery>> DeliveriesAsync()
    {
        await DeliveriesLock.WaitAsync();
        try
        {
            return s_deliveries ??= await TestLeads.DeliveriesAsync(TestLeads.People(6));
        }
        finally
        {
            DeliveriesLock.Release();
        }
    }

    public async Task<LeadSinkException> FailAsync(IReadOnlyList<LeadDelivery> batch) =>
        await Assert.ThrowsAsync<LeadSinkException>(async () => await Sink.WriteBatchAsync(batch, CancellationToken.None));

    public async ValueTask DisposeAsync() => await _provider.DisposeAsync();
}
