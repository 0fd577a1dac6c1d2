using System;
using System.Linq;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using MarketplaceLeads.Delivery;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;

namespace MarketplaceLeads.AspNetCore.Tests;

/// <summary>
/// A body that arrives too slowly (Kestrel's <c>MinRequestBodyDataRate</c>) or a client that goes away mid-body, on a
/// real Kestrel server driven through a raw socket: a clear answer where one can still be sent, an Information or
/// Warning log, never an unhandled exception (an Error log) and nothing submitted.
/// </summary>
public sealed class SlowAndAbortedBodyTests
{
    private const int DeclaredLength = 2_000;

    [Fact]
    public async Task SlowBody_BelowTheMinimumDataRate_Is408_LoggedAsWarning_NoErrorLog_NothingSubmitted()
    {
        var logs = new RecordingLoggerProvider();
        await using var server = await LeadServer.StartAsync(configure: builder =>
        {
            // 100 bytes/s after a 2 s grace period (Kestrel needs a grace period over its 1 s heartbeat).
            builder.WebHost.ConfigureKestrel(k => k.Limits.MinRequestBodyDataRate = new MinDataRate(100, TimeSpan.FromSeconds(2)));
            builder.Logging.AddProvider(logs);
        });
        using var client = await ConnectAsync(server);
        var stream = client.GetStream();
        await stream.WriteAsync(Head());

        using var trickling = new CancellationTokenSource();
        var trickle = TrickleAsync(stream, trickling.Token);
        var head = await ReadHeadAsync(stream).WaitAsync(TimeSpan.FromSeconds(20));
        await trickling.CancelAsync();
        await trickle;

        Assert.StartsWith("HTTP/1.1 408", head, StringComparison.Ordinal);
        Assert.Contains("Content-Type: application/problem+json", head, StringComparison.OrdinalIgnoreCase);
        await Polling.WaitAsync(() => logs.Entries.Any(e => e.Category.StartsWith("MarketplaceLeads.AspNetCore", StringComparison.Ordinal) && e.Message.Contains("408", StringComparison.Ordinal)), TimeSpan.FromSeconds(5), () => "no 408 log:\n" + string.Join('\n', logs.Entries));
        await Task.Delay(300);
        var endpointLog = Assert.Single(logs.Entries, e => e.Category.StartsWith("MarketplaceLeads.AspNetCore", StringComparison.Ordinal) && e.Message.Contains("408", StringComparison.Ordinal));
        Assert.Equal(LogLevel.Warning, endpointLog.Level);
        AssertNoErrorLog(logs);
        Assert.Empty(server.Observer.Accepted);
        Assert.Empty(server.DeadLetters.Received);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ClientGoneMidBody_ClosedOrReset_LoggedAsInformation_NoErrorLog_NothingSubmitted(bool reset)
    {
        var logs = new RecordingLoggerProvider();
        await using var server = await LeadServer.StartAsync(configure: builder => builder.Logging.AddProvider(logs));
        using (var client = await ConnectAsync(server))
        {
            var stream = client.GetStream();
            await stream.WriteAsync(Head());
            await stream.WriteAsync(Samples.DistinctLead(1).AsMemory(0, 100));
            await stream.FlushAsync();
            await Task.Delay(300);
            if (reset)
            {
                client.LingerState = new LingerOption(true, 0);
            }
        }

        await Polling.WaitAsync(() => logs.Entries.Any(e => e.Category.StartsWith("MarketplaceLeads.AspNetCore", StringComparison.Ordinal)), TimeSpan.FromSeconds(10), () => "the endpoint logged nothing:\n" + string.Join('\n', logs.Entries));
        await Task.Delay(300);
        var endpointLog = Assert.Single(logs.Entries, e => e.Category.StartsWith("MarketplaceLeads.AspNetCore", StringComparison.Ordinal));
        Assert.Equal(LogLevel.Information, endpointLog.Level);
        Assert.Contains("nothing was submitted", endpointLog.Message, StringComparison.Ordinal);
        AssertNoErrorLog(logs);
        Assert.Empty(server.Observer.Accepted);
        Assert.Empty(server.DeadLetters.Received);
    }

    [Fact]
    public async Task ClientGoneAfterTheWholeBody_WhileTheQueueIsFull_TheLeadIsStillAccepted_NoErrorLog()
    {
        var logs = new RecordingLoggerProvider();
        var blocked = new BlockedSink();
        await using var server = await LeadServer.StartAsync(
            pipeline: o => { o.QueueCapacity = 1; o.FullMode = LeadQueueFullMode.Wait; },
            extraSink: blocked,
            configure: builder => builder.Logging.AddProvider(logs));
        try
        {
            using (var first = await server.PostAsync(Samples.DistinctLead(1)))
            {
                Assert.Equal(System.Net.HttpStatusCode.OK, first.StatusCode);
            }

            // The second lead arrives whole while the queue is full: the endpoint waits for room. Then the client resets.
            var body = Samples.DistinctLead(2);
            using (var client = await ConnectAsync(server))
            {
                var stream = client.GetStream();
                await stream.WriteAsync(Head(body.Length));
                await stream.WriteAsync(body);
                await stream.FlushAsync();

                // Kestrel logs (Debug) when a request's body has been read whole: the first request's, then this one's.
                await Polling.WaitAsync(() => logs.Entries.Count(static e => e.Message.Contains("done reading request body", StringComparison.Ordinal)) == 2, TimeSpan.FromSeconds(10), () => "the second body was not read:\n" + string.Join('\n', logs.Entries));
                await Task.Delay(200);
                client.LingerState = new LingerOption(true, 0);
            }

            await Task.Delay(300);
            Assert.Single(server.Observer.Accepted);
        }
        finally
        {
            blocked.Release();
        }

        await server.Observer.WaitAsync(o => o.Accepted.Count == 2, TimeSpan.FromSeconds(10));
        AssertNoErrorLog(logs);
    }

    private static void AssertNoErrorLog(RecordingLoggerProvider logs)
    {
        var errors = logs.Entries.Where(static e => e.Level >= LogLevel.Error).ToList();
        Assert.True(errors.Count == 0, "error logs:\n" + string.Join('\n', errors.Select(static e => e + " " + e.Exception)));
    }

    private static async Task<TcpClient> ConnectAsync(LeadServer server)
    {
        var address = server.Client.BaseAddress!;
        var client = new TcpClient { NoDelay = true };
        await client.ConnectAsync(address.Host, address.Port);
        return client;
    }

    private static byte[] Head(int contentLength = DeclaredLength) => Encoding.ASCII.GetBytes(
        $"POST /leads HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: {contentLength}\r\nX-MarketplaceLeads-Key: {LeadServer.Secret}\r\n\r\n");

    /// <summary>Sends the body one byte every 250 ms (4 bytes/s) until cancelled or the server closes the connection.</summary>
    private static async Task TrickleAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var body = Samples.DistinctLead(1);
        try
        {
            for (var i = 0; i < DeclaredLength && !cancellationToken.IsCancellationRequested; i++)
            {
                await stream.WriteAsync(new[] { i < body.Length ? body[i] : (byte)' ' }, cancellationToken);
                await Task.Delay(250, cancellationToken);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or System.IO.IOException or SocketException)
        {
            // cancelled, or the server closed the connection after answering
        }
    }

    /// <summary>Reads the response's status line and headers (up to the empty line).</summary>
    private static async Task<string> ReadHeadAsync(NetworkStream stream)
    {
        var head = new StringBuilder();
        var one = new byte[1];
        while (await stream.ReadAsync(one) == 1)
        {
            head.Append((char)one[0]);
            if (head.Length >= 4 && head.ToString(head.Length - 4, 4) == "\r\n\r\n")
            {
                break;
            }
        }

        return head.ToString();
    }
}
