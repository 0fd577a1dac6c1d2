using System;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using Azure.Data.Tables;

namespace MarketplaceLeads.AzureTables.Tests.Support;

/// <summary>
/// Starts the real Azurite table service (<c>azurite-table</c>) on 127.0.0.1 with a free port and a fresh temporary
/// folder, and stops it at the end. Found in <c>AZURITE_TABLE_PATH</c>, then <c>artifacts/tools/azurite</c> (installed by
/// <c>eng/install-azurite.sh</c>), then the PATH; when it is nowhere, the script is run once to install it (npm), and
/// if that fails the tests fail and say how to install it.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    /// <summary>The well-known Azurite development account key (published in Azurite's documentation).</summary>
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly string _location = Path.Combine(Path.GetTempPath(), "azurite-" + Guid.NewGuid().ToString("N"));
    private Process? _process;
    private int _tableCounter;

    public int Port { get; private set; }

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AccountKey};TableEndpoint=http://127.0.0.1:{Port}/devstoreaccount1;";

    /// <summary>Creates a table with a fresh name and returns its client.</summary>
    public async Task<TableClient> CreateTableAsync(string prefix = "t")
    {
        var name = $"{prefix}{Interlocked.Increment(ref _tableCounter)}x{Guid.NewGuid():N}"[..Math.Min(60, prefix.Length + 34)];
        var client = new TableClient(ConnectionString, name);
        await client.CreateIfNotExistsAsync();
        return client;
    }

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_location);
        Port = FreePort();
        await StartAsync();
    }

    /// <summary>Stops Azurite and starts it again on the same port and folder (its data persists in the folder).</summary>
    public async Task RestartAsync()
    {
        Stop();
        await StartAsync();
    }

    public Task DisposeAsync()
    {
        Stop();
        try
        {
            Directory.Delete(_location, recursive: true);
        }
        catch (IOException)
        {
            // best effort: a temp folder
        }

        return Task.CompletedTask;
    }

    private async Task StartAsync()
    {
        var executable = FindAzurite();
        var info = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "--tableHost", "127.0.0.1", "--tablePort", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--location", _location, "--skipApiVersionCheck", "--loose", "--silent" })
        {
            info.ArgumentList.Add(argument);
        }

        _process = Process.Start(info) ?? throw new InvalidOperationException($"Azurite could not be started from '{executable}'.");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"Azurite ('{executable}') exited with code {_process.ExitCode} at start.");
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }
        }
    }

    private void Stop()
    {
        if (_process is { } process)
        {
            try
            {
                if (!process.HasExited && !OperatingSystem.IsWindows())
                {
                    // SIGINT first: Azurite then saves its database to --location, so a restart finds the rows.
                    using var term = Process.Start(new ProcessStartInfo("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]) { UseShellExecute = false });
                    term?.WaitForExit(5_000);
                    process.WaitForExit(10_000);
                }

                if (!process.HasExited)
                {
                    process.Kill(entireProcessTree: true);
                    process.WaitForExit(10_000);
                }
            }
            catch (InvalidOperationException)
            {
                // already gone
            }

            process.Dispose();
            _process = null;
        }
    }

    private static string FindAzurite()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("AZURITE_TABLE_PATH");
        if (!string.IsNullOrEmpty(fromEnvironment))
        {
            return File.Exists(fromEnvironment)
                ? fromEnvironment
                : throw new InvalidOperationException($"AZURITE_TABLE_PATH is '{fromEnvironment}', which does not exist.");
        }

        var name = OperatingSystem.IsWindows() ? "azurite-table.cmd" : "azurite-table";
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "artifacts", "tools", "azurite", "node_modules", ".bin", name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        foreach (var folder in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(folder, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return InstallAzurite(name);
    }

    /// <summary>Installs Azurite with <c>eng/install-azurite.sh</c> (npm) on first use, so that <c>dotnet test</c> works on a fresh clone.</summary>
    private static string InstallAzurite(string name)
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "MarketplaceLeads.sln")))
        {
            root = root.Parent;
        }

        var script = root is null ? null : Path.Combine(root.FullName, "eng", "install-azurite.sh");
        if (script is not null && File.Exists(script) && !OperatingSystem.IsWindows())
        {
            using var install = Process.Start(new ProcessStartInfo("bash", [script]) { UseShellExecute = false, WorkingDirectory = root!.FullName });
            if (install is not null && install.WaitForExit(TimeSpan.FromMinutes(5)) && install.ExitCode == 0)
            {
                var installed = Path.Combine(root.FullName, "artifacts", "tools", "azurite", "node_modules", ".bin", name);
                if (File.Exists(installed))
                {
                    return installed;
                }
            }
        }

        throw new InvalidOperationException(
            "Azurite (azurite-table) was not found and could not be installed: run 'bash eng/install-azurite.sh' from the repository root " +
            "(installs the npm package azurite into artifacts/tools/azurite; needs Node.js with npm), or set AZURITE_TABLE_PATH, or put azurite-table on the PATH.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

[CollectionDefinition(Name)]
public sealed class AzuriteTests : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite";
}
