using System;
using System.Collections.Concurrent;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using MailKit.Security;
using MarketplaceLeads.Deduplication;
using MarketplaceLeads.FollowUp;
using MarketplaceLeads.Http;
using MarketplaceLeads.Smtp;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace MarketplaceLeads.AotSmoke;

/// <summary>
/// The alert notifiers in a NativeAOT binary: <c>AddFollowUpAlerts</c> with four <c>AddNotifier</c>s (the options'
/// generated validator, the hosted checker), a breach for an overdue <em>Contact me</em> lead delivered through
/// <see cref="HttpNotifier"/> (signed webhook, Teams, Slack: source-generated JSON) to an HTTP listener on 127.0.0.1 and
/// through <see cref="SmtpNotifier"/> (MailKit) to a minimal SMTP server on 127.0.0.1.
/// </summary>
internal static class NotifierSmoke
{
    private const string Secret = "aot-alert-secret";

    public static async Task CheckAsync(SmokeRun run, Lead? contactMe)
    {
        run.Check("AddFollowUpAlerts validates its options (generated validator), naming the option", e =>
        {
            var services = new ServiceCollection();
            services.AddMarketplaceLeads().AddFollowUpAlerts(o => o.CheckInterval = TimeSpan.Zero);
            using var provider = services.BuildServiceProvider();
            try
            {
                _ = provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<FollowUpAlertsOptions>>().Value;
                e.Fail("no exception");
            }
            catch (Microsoft.Extensions.Options.OptionsValidationException error)
            {
                e.True(error.Message.Contains("CheckInterval", StringComparison.Ordinal), "message: " + error.Message);
            }
        });

        if (contactMe is null)
        {
            run.Check("notifiers deliver a breach", e => e.Fail("no Contact me lead was read"));
            return;
        }

        await run.CheckAsync("AddFollowUpAlerts delivers a breach through the webhook, Teams, Slack (HTTP on 127.0.0.1) and SMTP (127.0.0.1) notifiers", async e =>
        {
            using var http = new HttpListener();
            var httpPort = FreePort();
            http.Prefixes.Add($"http://127.0.0.1:{httpPort}/");
            http.Start();
            var bodies = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
            using var stop = new CancellationTokenSource();
            var listening = ListenAsync(http, bodies, stop.Token);
            var smtp = new TcpListener(IPAddress.Loopback, 0);
            smtp.Start();
            var messages = new ConcurrentQueue<string>();
            var mailing = SmtpAsync(smtp, messages, stop.Token);
            using var client = new HttpClient();
            var baseUrl = new Uri($"http://127.0.0.1:{httpPort}/");
            var smtpOptions = new SmtpNotifierOptions { Host = "127.0.0.1", Port = ((IPEndPoint)smtp.LocalEndpoint).Port, Security = SecureSocketOptions.None, From = "alerts@publisher.example" };
            smtpOptions.To.Add("sales@publisher.example");

            var services = new ServiceCollection();
            var clock = new StoppedClock(contactMe.ReceivedAt.AddHours(25));
            services.AddSingleton<TimeProvider>(clock);
            services.AddMarketplaceLeads().AddSink(static (_, _) => ValueTask.CompletedTask)
                .AddFollowUpAlerts()
                .AddNotifier(_ => HttpNotifier.Webhook(client, new Uri(baseUrl, "webhook"), Secret, clock))
                .AddNotifier(_ => HttpNotifier.Teams(client, new Uri(baseUrl, "teams")))
                .AddNotifier(_ => HttpNotifier.Slack(client, new Uri(baseUrl, "slack")))
                .AddNotifier(_ => new SmtpNotifier(smtpOptions));
            await using var provider = services.BuildServiceProvider();
            await provider.GetRequiredService<ILeadDeduplicator>().AddAsync(contactMe);
            var hosted = provider.GetServices<IHostedService>().ToList();
            foreach (var service in hosted)
            {
                await service.StartAsync(CancellationToken.None);
            }

            for (var i = 0; i < 1000 && (bodies.Count < 3 || messages.IsEmpty); i++)
            {
                await Task.Delay(10);
            }

            foreach (var service in Enumerable.Reverse(hosted))
            {
                await service.StopAsync(CancellationToken.None);
            }

            await stop.CancelAsync();
            http.Stop();
            smtp.Stop();
            await Task.WhenAll(Quietly(listening), Quietly(mailing));

            e.Equal(3, bodies.Count, "HTTP requests (webhook, teams, slack)");
            if (bodies.TryGetValue("/webhook", out var webhook))
            {
                using var json = JsonDocument.Parse(webhook);
                e.Equal(HttpNotifier.AlertSchema, json.RootElement.GetProperty("schema").GetString(), "webhook schema");
                e.Equal("breach", json.RootElement.GetProperty("kind").GetString(), "webhook kind");
                e.Equal(contactMe.Id.ToString(), json.RootElement.GetProperty("leadId").GetString(), "webhook leadId");
            }

            if (bodies.TryGetValue("/teams", out var teams))
            {
                using var json = JsonDocument.Parse(teams);
                e.Equal("message", json.RootElement.GetProperty("type").GetString(), "teams type");
            }

            if (bodies.TryGetValue("/slack", out var slack))
            {
                using var json = JsonDocument.Parse(slack);
                e.True(json.RootElement.GetProperty("text").GetString()?.StartsWith("Reply overdue since", StringComparison.Ordinal) == true, "slack text: " + slack);
            }

            e.Equal(1, messages.Count, "SMTP messages");
            e.True(messages.TryPeek(out var message) && message.Contains("X-MarketplaceLeads-Alert: " + contactMe.Id + "/Breach", StringComparison.Ordinal), "the alert id header");
        });
    }

    private static async Task Quietly(Task task)
    {
        try
        {
            await task;
        }
        catch (Exception error) when (error is ObjectDisposedException or HttpListenerException or SocketException or OperationCanceledException or IOException)
        {
            // stopped
        }
    }

    private static async Task ListenAsync(HttpListener listener, ConcurrentDictionary<string, string> bodies, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var context = await listener.GetContextAsync();
            using (var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8))
            {
                bodies[context.Request.Url!.AbsolutePath] = await reader.ReadToEndAsync(stop);
            }

            context.Response.StatusCode = 200;
            context.Response.Close();
        }
    }

    /// <summary>Just enough of SMTP (RFC 5321) for one client without TLS or authentication: greets, accepts every command, keeps each message's DATA.</summary>
    private static async Task SmtpAsync(TcpListener listener, ConcurrentQueue<string> messages, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            using var connection = await listener.AcceptTcpClientAsync(stop);
            var stream = connection.GetStream();
            using var reader = new StreamReader(stream, Encoding.ASCII);
            await using var writer = new StreamWriter(stream, Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };
            await writer.WriteLineAsync("220 127.0.0.1 ESMTP smoke");
            while (await reader.ReadLineAsync(stop) is { } line)
            {
                var verb = line.Length >= 4 ? line[..4].ToUpperInvariant() : line.ToUpperInvariant();
                if (verb == "EHLO" || verb == "HELO")
                {
                    await writer.WriteLineAsync("250 127.0.0.1");
                }
                else if (verb == "DATA")
                {
                    await writer.WriteLineAsync("354 end with <CRLF>.<CRLF>");
                    var data = new StringBuilder();
                    while (await reader.ReadLineAsync(stop) is { } dataLine && dataLine != ".")
                    {
                        data.AppendLine(dataLine);
                    }

                    messages.Enqueue(data.ToString());
                    await writer.WriteLineAsync("250 2.0.0 queued");
                }
                else if (verb == "QUIT")
                {
                    await writer.WriteLineAsync("221 2.0.0 bye");
                    break;
                }
                else
                {
                    await writer.WriteLineAsync("250 2.0.0 ok");
                }
            }
        }
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>A clock stopped a day and an hour after the lead arrived (its Contact me reply is overdue); timers are the system's.</summary>
    private sealed class StoppedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
