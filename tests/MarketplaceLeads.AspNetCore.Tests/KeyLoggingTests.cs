using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading.Tasks;
using MarketplaceLeads.Delivery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.HttpLogging;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MarketplaceLeads.AspNetCore.Tests;

/// <summary>
/// The key the marketplace sends in the URL (<c>?key=</c> or <c>/leads/{key}</c>) must not reach any log of the documented
/// set-up (docs/receiving-leads.md): not ASP.NET Core's request logs, not routing's, not a scope.
/// </summary>
[Collection(CurrentDirectoryTests.Name)]
public sealed class KeyLoggingTests
{
    private const string Key = "Zq8v-0123456789-key-in-the-url";

    [Fact]
    public async Task DocumentedSetUp_KeyInQueryAndInRoute_AppearsInNoLogMessageStateOrScope_AtAnyLevel()
    {
        var logs = new RecordingLoggerProvider();
        var folder = Directory.CreateTempSubdirectory("ml-keylog-");
        var directory = Environment.CurrentDirectory;
        Environment.CurrentDirectory = folder.FullName;

        // Every category at Trace, globally and for the provider itself (a provider-specific rule, as an appsettings.json
        // "Logging:Console:LogLevel" section would be): the filter must hold whatever the configured levels.
        string[] args = ["--urls=http://127.0.0.1:0", "--Leads:Key=" + Key, "--Logging:LogLevel:Default=Trace", "--Logging:Recording:LogLevel:Default=Trace", "--Logging:Recording:LogLevel:Microsoft.AspNetCore=Trace"];
        try
        {
            // The documented set-up (docs/receiving-leads.md, run verbatim by ReceivingLeadsDocTests), plus the recording
            // provider and a second endpoint with the key in the route.
            var builder = WebApplication.CreateBuilder(args);
            builder.Logging.AddMarketplaceLeadsKeyFilter();
            builder.Logging.AddProvider(logs);
            builder.Services.AddMarketplaceLeads()
                .AddJsonLinesFileSink(o => o.Path = "leads.jsonl");
            var app = builder.Build();
            app.MapMarketplaceLeads("/leads", o => o.SharedSecret = app.Configuration["Leads:Key"]);
            app.MapMarketplaceLeads("/hooks/{key}", o => o.SharedSecret = app.Configuration["Leads:Key"]);
            await app.StartAsync();
            try
            {
                var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
                using var client = new HttpClient { BaseAddress = new Uri(address) };
                foreach (var path in new[] { "/leads?key=" + Key, "/hooks/" + Key, "/hooks/" + Key + "?key=" + Key })
                {
                    using var content = new ByteArrayContent(Samples.Read("https-contact-me.json"));
                    content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                    using var response = await client.PostAsync(new Uri(path, UriKind.Relative), content);
                    Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                }
            }
            finally
            {
                await app.StopAsync();
                await app.DisposeAsync();
            }
        }
        finally
        {
            Environment.CurrentDirectory = directory;
            folder.Delete(recursive: true);
        }

        var entries = logs.Entries;
        Assert.Contains(entries, static e => e.Category.StartsWith("MarketplaceLeads.AspNetCore", StringComparison.Ordinal));
        Assert.Contains(entries, static e => e.Level == LogLevel.Trace);
        var leaks = entries.Where(static e => e.Texts.Any(static t => t.Contains(Key, StringComparison.Ordinal))).ToList();
        Assert.True(leaks.Count == 0, "the key is in these log entries:\n" + string.Join('\n', leaks));
    }

    [Fact]
    public async Task HttpLoggingMiddleware_LoggingEverything_LogsNeitherTheKeyNorTheBodyOfTheLeadsEndpoint()
    {
        var logs = new RecordingLoggerProvider();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Trace);
        builder.Logging.AddMarketplaceLeadsKeyFilter(); // as documented; it removes the RequestPath scope as well
        builder.Logging.AddProvider(logs);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Services.AddHttpLogging(o =>
        {
            o.LoggingFields = HttpLoggingFields.All;
            o.RequestBodyLogLimit = 64 * 1024;
            o.CombineLogs = true;
        });
        builder.Services.AddMarketplaceLeads(o => o.BatchDelay = TimeSpan.Zero).AddSink(new InMemoryLeadSink(), "memory");
        var app = builder.Build();
        app.UseHttpLogging();
        app.MapMarketplaceLeads("/leads/{key}", o => o.SharedSecret = Key);
        await app.StartAsync();
        try
        {
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
            using var client = new HttpClient { BaseAddress = new Uri(address) };
            using var content = new ByteArrayContent(Samples.Read("https-contact-me.json"));
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            using var response = await client.PostAsync(new Uri("/leads/" + Key + "?key=" + Key, UriKind.Relative), content);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }

        var httpLogs = logs.Entries.Where(static e => e.Category.StartsWith("Microsoft.AspNetCore.HttpLogging", StringComparison.Ordinal)).ToList();
        Assert.Contains(httpLogs, static e => e.Texts.Any(static t => t.Contains("StatusCode: 200", StringComparison.Ordinal)));
        foreach (var entry in httpLogs)
        {
            foreach (var data in Samples.CustomerData.Append(Key))
            {
                Assert.False(entry.Texts.Any(t => t.Contains(data, StringComparison.OrdinalIgnoreCase)), $"{entry} contains '{data}'");
            }
        }
    }
}
