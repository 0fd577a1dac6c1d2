using System;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace MarketplaceLeads.Cli.Tests.Support;

/// <summary><c>marketplace-leads serve</c> run in-process on a free 127.0.0.1 port, stopped by cancelling its invocation (what SIGTERM does to the host).</summary>
internal sealed class ServeRun : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly StringWriter _output = new(CultureInfo.InvariantCulture);
    private readonly StringWriter _error = new(CultureInfo.InvariantCulture);
    private readonly TextWriter _syncOutput;
    private readonly TextWriter _syncError;
    private Task<int>? _run;

    private ServeRun()
    {
        _syncOutput = TextWriter.Synchronized(_output);
        _syncError = TextWriter.Synchronized(_error);
    }

    public Uri BaseAddress { get; private set; } = null!;

    public HttpClient Client { get; } = new();

    /// <summary>Gets what <c>serve</c> printed; read it once it has stopped.</summary>
    public string Output => _output.ToString();

    /// <summary>Gets what <c>serve</c> printed on stderr; read it once it has stopped.</summary>
    public string Error => _error.ToString();

    /// <summary>Starts <c>serve --db <paramref name="database"/> --config <paramref name="config"/> --urls http://127.0.0.1:port</c> on <paramref name="clock"/> and waits until <c>/healthz</c> answers.</summary>
    public static async Task<ServeRun> StartAsync(TimeProvider clock, string database, string config, params string[] more)
    {
        var run = new ServeRun();
        var port = FreePort();
        run.BaseAddress = new Uri($"http://127.0.0.1:{port}");
        string[] args = ["serve", "--db", database, "--config", config, "--urls", run.BaseAddress.ToString().TrimEnd('/'), .. more];
        var root = LeadsCommandLine.Create(clock);
        run._run = Task.Run(() => root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = run._syncOutput, Error = run._syncError, ProcessTerminationTimeout = null }, run._stop.Token));
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            if (run._run.IsCompleted)
            {
                throw new InvalidOperationException($"serve exited with {await run._run}: {run.Error}");
            }

            try
            {
                using var health = await run.Client.GetAsync(new Uri(run.BaseAddress, "/healthz"));
                return run;
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(20);
            }
        }
    }

    /// <summary>Stops the host as SIGTERM does and returns the exit code.</summary>
    public async Task<int> StopAsync()
    {
        await _stop.CancelAsync();
        return await _run!;
    }

    public async ValueTask DisposeAsync()
    {
        if (_run is { IsCompleted: false })
        {
            await StopAsync();
        }

        Client.Dispose();
        _stop.Dispose();
    }

    /// <summary>A port nobody listens on now (the listener that found it is closed before it is used).</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>A clock the test moves by hand (<see cref="Now"/>); its timers are the system's, so the host's timers and delays run in real time.</summary>
internal sealed class ManualClock(DateTimeOffset now) : TimeProvider
{
    private long _ticks = now.UtcTicks;

    public DateTimeOffset Now
    {
        get => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);
        set => Interlocked.Exchange(ref _ticks, value.UtcTicks);
    }

    public override DateTimeOffset GetUtcNow() => Now;
}
