using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http.Features;
using MarketplaceLeads.Delivery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MarketplaceLeads.AspNetCore.Tests;

/// <summary>
/// A real Kestrel server on 127.0.0.1 (ephemeral port) with a lead pipeline (an <see cref="InMemoryLeadSink"/>, a
/// recording dead-letter sink and observer, collected logs) and <c>MapMarketplaceLeads</c>; plus an <see cref="HttpClient"/> for it.
/// </summary>
internal sealed class LeadServer : IAsyncDisposable
{
    public const string Secret = "s3cr3t-0123456789-abcdefghij";

    private readonly WebApplication _app;

    private LeadServer(WebApplication app, InMemoryLeadSink sink, RecordingDeadLetterSink deadLetters, RecordingObserver observer, CollectingLoggerProvider logs)
    {
        _app = app;
        Sink = sink;
        DeadLetters = deadLetters;
        Observer = observer;
        Logs = logs;
    }

    public InMemoryLeadSink Sink { get; }

    public RecordingDeadLetterSink DeadLetters { get; }

    public RecordingObserver Observer { get; }

    public CollectingLoggerProvider Logs { get; }

    public HttpClient Client { get; private set; } = null!;

    public IServiceProvider Services => _app.Services;

    public static async Task<LeadServer> StartAsync(
        Action<MarketplaceLeadsEndpointOptions>? endpoint = null,
        string pattern = "/leads",
        Action<MarketplaceLeadsOptions>? pipeline = null,
        ILeadSink? extraSink = null,
        Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        var logs = new CollectingLoggerProvider();
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Debug);
        builder.Logging.AddProvider(logs);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(2));
        var sink = new InMemoryLeadSink();
        var deadLetters = new RecordingDeadLetterSink();
        var observer = new RecordingObserver();
        var leads = builder.Services.AddMarketplaceLeads(o =>
        {
            o.BatchDelay = TimeSpan.Zero;
            o.ShutdownTimeout = TimeSpan.FromSeconds(1);
            pipeline?.Invoke(o);
        })
            .AddSink(sink, "memory")
            .UseDeadLetterSink(deadLetters)
            .AddObserver(observer);
        if (extraSink is not null)
        {
            leads.AddSink(extraSink, "extra");
        }

        configure?.Invoke(builder);

        var app = builder.Build();
        app.MapMarketplaceLeads(pattern, endpoint ?? (o => o.SharedSecret = Secret));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        return new LeadServer(app, sink, deadLetters, observer, logs)
        {
            Client = new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromSeconds(20) },
        };
    }

    /// <summary>Posts <paramref name="body"/> as <c>application/json</c> to <c>/leads</c> with the key in the header.</summary>
    public Task<HttpResponseMessage> PostAsync(byte[] body, string path = "/leads", string? key = Secret, string contentType = "application/json")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        if (key is not null)
        {
            request.Headers.Add("X-MarketplaceLeads-Key", key);
        }

        return Client.SendAsync(request);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>Reads the documented payload samples in <c>samples/payloads/</c>.</summary>
internal static class Samples
{
    public static readonly string[] HttpsPayloadFiles = ["https-contact-me.json", "https-portal-create.json", "https-test-lead.json"];

    public static readonly string[] CustomerData =
    [
        "Ana", "García", "ana.garcia@fabrikam.example", "912 345 678", "Fabrikam", "John", "Smith", "Northwind", "555-0100", "300 sales users",
    ];

    public static byte[] Read(string fileName) => File.ReadAllBytes(Path(fileName));

    public static string Path(string fileName)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "MarketplaceLeads.sln")))
            {
                return System.IO.Path.Combine(dir.FullName, "samples", "payloads", fileName);
            }
        }

        throw new InvalidOperationException("MarketplaceLeads.sln not found above " + AppContext.BaseDirectory);
    }

    /// <summary>A valid, real (non-test) lead payload, distinct per <paramref name="i"/>.</summary>
    public static byte[] DistinctLead(int i) => System.Text.Encoding.UTF8.GetBytes(
        $$"""{"UserDetails":{"FirstName":"Person{{i}}","LastName":"Tester","Email":"person{{i}}@contoso.example","Phone":"+1 425 555 {{i % 10000:D4}}","Country":"US","Company":"Company {{i}}","Title":"CTO"},"LeadSource":"AzurePortal-Create|contoso.contoso-analytics","ActionCode":"Create","OfferTitle":"Contoso Analytics"}""");
}

/// <summary>A sink that blocks every write until <see cref="Release"/> is called.</summary>
internal sealed class BlockedSink : ILeadSink
{
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Release() => _release.TrySetResult();

    public async ValueTask WriteBatchAsync(IReadOnlyList<LeadDelivery> batch, CancellationToken cancellationToken) =>
        await _release.Task.WaitAsync(cancellationToken);
}

