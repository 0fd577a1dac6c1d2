using System;
using System.Buffers;
using System.Collections.Concurrent;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using MailKit.Security;
using MarketplaceLeads.Deduplication;
using MarketplaceLeads.Delivery;
using MarketplaceLeads.FollowUp;
using Microsoft.Extensions.Time.Testing;
using MimeKit;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace MarketplaceLeads.Smtp.Tests;

public sealed class SmtpNotifierTests
{
    [Fact]
    public async Task Alert_IsEmailedToTheTeam_ThroughARealSmtpServer()
    {
        await using var server = await LoopbackSmtpServer.StartAsync(SmtpResponse.Ok);
        var alert = Alert();

        await new SmtpNotifier(server.Options()).NotifyAsync(alert);

        var message = Assert.Single(server.Messages);
        Assert.Equal("alerts@publisher.example", message.From.Mailboxes.Single().Address);
        Assert.Equal(["sales@publisher.example", "lead@publisher.example"], message.To.Mailboxes.Select(m => m.Address));
        Assert.StartsWith("Reply due by ", message.Subject, StringComparison.Ordinal);
        Assert.Contains("(Contact me): Ana Garcia, Contoso", message.Subject, StringComparison.Ordinal);
        Assert.Equal(alert.Id, message.Headers["X-MarketplaceLeads-Alert"]);
        Assert.Contains(alert.Task.LeadId.ToString()!, message.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RefusedMessage_IsNotTransient_AndTheErrorHoldsNoAlertData()
    {
        await using var server = await LoopbackSmtpServer.StartAsync(SmtpResponse.TransactionFailed);

        var error = await Assert.ThrowsAsync<LeadSinkException>(async () => await new SmtpNotifier(server.Options()).NotifyAsync(Alert()));

        Assert.False(error.IsTransient);
        Assert.Contains("554", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Ana", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ServerThatIsDown_IsTransient()
    {
        var options = new SmtpNotifierOptions { Host = "127.0.0.1", Port = LoopbackSmtpServer.FreePort(), Security = SecureSocketOptions.None, From = "alerts@publisher.example" };
        options.To.Add("sales@publisher.example");

        var error = await Assert.ThrowsAsync<LeadSinkException>(async () => await new SmtpNotifier(options).NotifyAsync(Alert()));

        Assert.True(error.IsTransient);
    }

    [Fact]
    public async Task FollowUpAlerts_EmailEachBreachOnce()
    {
        await using var server = await LoopbackSmtpServer.StartAsync(SmtpResponse.Ok);
        var time = new FakeTimeProvider(TestLeads.Start.AddHours(5));
        var alerts = new FollowUpAlerts(new FollowUpPlanner(new FollowUpOptions(), time), new FollowUpOptions(), new InMemoryFollowUpStore(), new SmtpNotifier(server.Options()), time);
        var profiles = new LeadDeduplicator().Deduplicate([TestLeads.Make("Bo", "Li", email: "bo@fabrikam.example", action: "StartTestDrive")]).Profiles;

        Assert.Single(await alerts.CheckAsync(profiles));
        time.Advance(TimeSpan.FromMinutes(1));
        Assert.Empty(await alerts.CheckAsync(profiles));

        Assert.StartsWith("Reply overdue since ", Assert.Single(server.Messages).Subject, StringComparison.Ordinal);
    }

    private static FollowUpAlert Alert()
    {
        var time = new FakeTimeProvider(TestLeads.Start.AddHours(21));
        var lead = TestLeads.Make("Ana", "Garcia", email: "ana@contoso.example", company: "Contoso", action: "PLT");
        var profile = Assert.Single(new LeadDeduplicator().Deduplicate([lead]).Profiles);
        return new FollowUpAlert { Kind = FollowUpAlertKind.Warning, Action = LeadAction.PartnerLedTrial, Task = Assert.Single(new FollowUpPlanner(new FollowUpOptions(), time).Due([profile], FollowUpLog.Empty)) };
    }

    /// <summary>A real SMTP server (the SmtpServer library) on a free port of 127.0.0.1 that keeps what it receives, or refuses it with a reply.</summary>
    private sealed class LoopbackSmtpServer : IAsyncDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly ConcurrentQueue<MimeMessage> _messages = new();
        private Task _running = Task.CompletedTask;

        private int Port { get; init; }

        public MimeMessage[] Messages => [.. _messages];

        public static int FreePort()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        public static async Task<LoopbackSmtpServer> StartAsync(SmtpResponse reply)
        {
            var server = new LoopbackSmtpServer { Port = FreePort() };
            var options = new SmtpServerOptionsBuilder().ServerName("localhost").Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, server.Port))).Build();
            var services = new SmtpServer.ComponentModel.ServiceProvider();
            services.Add(new Store(server._messages, reply));
            server._running = new SmtpServer.SmtpServer(options, services).StartAsync(server._stop.Token);
            for (var i = 0; i < 100; i++)
            {
                try
                {
                    using var probe = new TcpClient();
                    await probe.ConnectAsync(IPAddress.Loopback, server.Port);
                    break;
                }
                catch (SocketException)
                {
                    await Task.Delay(20);
                }
            }

            return server;
        }

        public SmtpNotifierOptions Options()
        {
            var options = new SmtpNotifierOptions { Host = "127.0.0.1", Port = Port, Security = SecureSocketOptions.None, From = "alerts@publisher.example" };
            options.To.Add("sales@publisher.example");
            options.To.Add("lead@publisher.example");
            return options;
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            try
            {
                await _running;
            }
            catch (OperationCanceledException)
            {
            }

            _stop.Dispose();
        }

        private sealed class Store(ConcurrentQueue<MimeMessage> messages, SmtpResponse reply) : MessageStore
        {
            public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
            {
                if (reply != SmtpResponse.Ok)
                {
                    return reply;
                }

                using var stream = new MemoryStream(buffer.ToArray());
                messages.Enqueue(await MimeMessage.LoadAsync(stream, cancellationToken));
                return SmtpResponse.Ok;
            }
        }
    }
}
