using System;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading.Tasks;

namespace MarketplaceLeads.Cli.Tests.Support;

/// <summary>What one run of the CLI printed and returned.</summary>
public sealed record CliRun(int ExitCode, string Output, string Error)
{
    /// <summary>Gets the lines of stdout, without blank ones.</summary>
    public string[] OutputLines => Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Gets the lines of stderr, without blank ones.</summary>
    public string[] ErrorLines => Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Gets the first line of stdout: <c>import</c>'s summary line.</summary>
    public string Summary => OutputLines.FirstOrDefault() ?? string.Empty;
}

/// <summary>Runs the CLI in-process through its root command, with captured stdout and stderr.</summary>
public static class CliRunner
{
    /// <summary>The "now" the tests run at: after the sample history (it ends 2026-10-30) and when the HTTPS sample leads are received.</summary>
    public const string Now = "2026-11-01T09:00:00Z";

    public static DateTimeOffset NowValue { get; } = DateTimeOffset.Parse(Now, CultureInfo.InvariantCulture);

    public static Task<CliRun> RunAsync(params string[] args) => RunAsync(null, args);

    /// <summary>Runs the CLI with <c>import</c> reading files through <paramref name="read"/> (a reader that fails, for the tests of that).</summary>
    internal static Task<CliRun> RunAsync(ImportCommand.RecordSource? read, params string[] args) => RunAsync(TimeProvider.System, read, args);

    /// <summary>Runs the CLI on <paramref name="clock"/> (what times <c>import</c>'s progress; <c>--now</c> is the time the leads see).</summary>
    internal static async Task<CliRun> RunAsync(TimeProvider clock, ImportCommand.RecordSource? read, params string[] args)
    {
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        using var error = new StringWriter(CultureInfo.InvariantCulture);
        var root = LeadsCommandLine.Create(clock, read);
        var exitCode = await root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return new CliRun(exitCode, output.ToString(), error.ToString());
    }

    /// <summary>Gets the repository's root (the folder holding MarketplaceLeads.sln).</summary>
    public static string RepositoryRoot { get; } = FindRoot();

    /// <summary>Gets the committed sample files (samples/leads/*), sorted.</summary>
    public static string[] SampleFiles { get; } =
        [.. Directory.GetFiles(Path.Combine(RepositoryRoot, "samples", "leads")).OrderBy(static f => f, StringComparer.Ordinal)];

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "MarketplaceLeads.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("MarketplaceLeads.sln not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>A temporary folder, deleted on dispose.</summary>
public sealed class TempFolder : IDisposable
{
    public TempFolder() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "mpl-cli-" + Guid.NewGuid().ToString("N"));

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // best effort: a file still open on Windows
        }
    }
}

/// <summary>The sample set imported once into a temporary database at <see cref="CliRunner.Now"/>, shared by the read-only tests.</summary>
public sealed class ImportedSamples : IAsyncLifetime, IDisposable
{
    private readonly TempFolder _folder = new();

    public string Database => _folder.File("leads.db");

    public CliRun Import { get; private set; } = new(-1, string.Empty, string.Empty);

    public async Task InitializeAsync() => Import = await CliRunner.RunAsync(["import", .. CliRunner.SampleFiles, "--db", Database, "--now", CliRunner.Now]);

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _folder.Dispose();
}
