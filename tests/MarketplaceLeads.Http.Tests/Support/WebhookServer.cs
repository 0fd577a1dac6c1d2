using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MarketplaceLeads.Http.Tests;

/// <summary>One request the test server received.</summary>
internal sealed record ReceivedRequest(int Number, DateTimeOffset At, string Method, string PathAndQuery, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}

/// <summary>
/// A real Kestrel server on 127.0.0.1 (an ephemeral port) that records every request and answers as <see cref="Respond"/> says (200 by default).
/// </summary>
internal sealed class WebhookServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedRequest> _requests = new();
    private readonly CancellationTokenSource _stopping = new();
    private int _count;

    private WebhookServer(WebApplication app) => _app = app;

    /// <summary>Gets or sets how to answer request number n (from 1); sets the status, headers, body. Default: 200.</summary>
    public Func<ReceivedRequest, HttpContext, Task>? Respond { get; set; }

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Gets the webhook URL: <c>http://127.0.0.1:port/hooks/leads</c>.</summary>
    public Uri Endpoint => new(BaseAddress, "/hooks/leads");

    public IReadOnlyList<ReceivedRequest> Requests => [.. _requests.OrderBy(r => r.Number)];

    public int Count => Volatile.Read(ref _count);

    public CancellationToken Stopping => _stopping.Token;

    public static async Task<WebhookServer> StartAsync(Func<ReceivedRequest, HttpContext, Task>? respond = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(1));
        var app = builder.Build();
        var server = new WebhookServer(app) { Respond = respond };
        app.Run(server.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        server.BaseAddress = new Uri(address);
        return server;
    }

    /// <summary>Waits, for a server that never answers, until the client gives up or the server stops.</summary>
    public async Task HangAsync(HttpContext context)
    {
        using var both = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token);
        try
        {
            await Task.Delay(Timeout.Infinite, both.Token);
        }
        catch (OperationCanceledException)
        {
            // The client timed out and closed the connection.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _stopping.Dispose();
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted);
        var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var request = new ReceivedRequest(Interlocked.Increment(ref _count), DateTimeOffset.UtcNow, context.Request.Method, context.Request.Path + context.Request.QueryString, headers, body.ToArray());
        _requests.Enqueue(request);
        if (Respond is { } respond)
        {
            await respond(request, context);
        }
        else
        {
            context.Response.StatusCode = StatusCodes.Status200OK;
        }
    }

    /// <summary>Sets a reason phrase on an HTTP/1.1 response.</summary>
    public static void SetReason(HttpContext context, string reason) => context.Features.GetRequiredFeature<IHttpResponseFeature>().ReasonPhrase = reason;
}
