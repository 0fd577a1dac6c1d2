using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Text;
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

namespace MarketplaceLeads.Testing.Crm;

/// <summary>One request a loopback CRM server received.</summary>
internal sealed record ReceivedRequest(int Number, DateTimeOffset At, string Method, string Path, string Query, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    public string Text => Encoding.UTF8.GetString(Body);

    /// <summary>Gets a value indicating whether this is an OAuth token request (<c>…/oauth2/…token</c>: Entra ID's and Salesforce's).</summary>
    public bool IsToken => Path.Contains("/oauth2/", StringComparison.Ordinal) && Path.EndsWith("/token", StringComparison.Ordinal);

    /// <summary>Reads a form body (<c>application/x-www-form-urlencoded</c>).</summary>
    public Dictionary<string, string> Form() =>
        Text.Split('&').Select(p => p.Split('=', 2)).ToDictionary(p => Uri.UnescapeDataString(p[0]), p => Uri.UnescapeDataString(p[1].Replace('+', ' ')));
}

/// <summary>
/// A real Kestrel server on 127.0.0.1 for the CRM sinks' tests (tests/Crm.Shared, linked by each CRM test project): it records every request and
/// hands it to the CRM's documented behaviour, unless <see cref="Intercept"/> answers it first (throttling, errors, …).
/// </summary>
internal sealed class LoopbackCrmServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedRequest> _requests = new();
    private readonly Func<ReceivedRequest, HttpContext, Task> _documented;
    private int _count;

    private LoopbackCrmServer(WebApplication app, Func<ReceivedRequest, HttpContext, Task> documented)
    {
        _app = app;
        _documented = documented;
    }

    /// <summary>Gets or sets an answer in place of the documented one: return <see langword="true"/> when the request was answered.</summary>
    public Func<ReceivedRequest, HttpContext, Task<bool>>? Intercept { get; set; }

    public Uri BaseAddress { get; private set; } = null!;

    public IReadOnlyList<ReceivedRequest> Requests => [.. _requests.OrderBy(r => r.Number)];

    public IReadOnlyList<ReceivedRequest> ApiRequests => [.. Requests.Where(r => !r.IsToken)];

    /// <summary>Starts a server on a free port of 127.0.0.1 that answers with <paramref name="documented"/>.</summary>
    public static async Task<LoopbackCrmServer> StartAsync(Func<ReceivedRequest, HttpContext, Task> documented)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(1));
        var app = builder.Build();
        var server = new LoopbackCrmServer(app, documented);
        app.Run(server.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        server.BaseAddress = new Uri(address);
        return server;
    }

    /// <summary>Writes an answer: a status, a JSON body (or none) and headers.</summary>
    public static async Task<bool> AnswerAsync(HttpContext context, int status, string? body, params (string Name, string Value)[] headers)
    {
        context.Response.StatusCode = status;
        foreach (var (name, value) in headers)
        {
            context.Response.Headers[name] = value;
        }

        if (body is not null)
        {
            context.Response.ContentType = "application/json; charset=utf-8";
            await context.Response.WriteAsync(body);
        }

        return true;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var request = new ReceivedRequest(
            Interlocked.Increment(ref _count), DateTimeOffset.UtcNow, context.Request.Method, context.Request.Path.Value ?? string.Empty,
            context.Request.QueryString.Value ?? string.Empty, headers, buffer.ToArray());
        _requests.Enqueue(request);
        if (Intercept is { } intercept && await intercept(request, context))
        {
            return;
        }

        await _documented(request, context);
    }
}
