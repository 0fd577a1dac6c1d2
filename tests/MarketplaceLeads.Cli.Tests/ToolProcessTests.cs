using System;
using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;
using MarketplaceLeads.Cli.Tests.Support;

namespace MarketplaceLeads.Cli.Tests;

/// <summary>Runs the built tool (<c>dotnet marketplace-leads.dll …</c>) as a process, as a user would.</summary>
public sealed class ToolProcessTests
{
    [Fact]
    public async Task Tool_ImportThenReport_ExitsZeroAndPrintsTheReport()
    {
        using var folder = new TempFolder();
        var database = folder.File("leads.db");

        var import = await RunToolAsync(["import", .. CliRunner.SampleFiles, "--db", database, "--now", CliRunner.Now]);
        var report = await RunToolAsync("report", "--db", database, "--now", CliRunner.Now);

        Assert.Equal((0, "imported 2701 new, 40 already known, 0 rejected (3 files)", string.Empty), (import.ExitCode, import.Summary, import.Error));
        Assert.Equal(0, report.ExitCode);
        Assert.Contains("Funnel by offer", report.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tool_MissingFile_ExitsOne()
    {
        using var folder = new TempFolder();

        var run = await RunToolAsync("import", folder.File("nope.csv"), "--db", folder.File("leads.db"));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("nope.csv", run.Error, StringComparison.Ordinal);
    }

    private static async Task<CliRun> RunToolAsync(params string[] args)
    {
        var tool = Path.Combine(AppContext.BaseDirectory, "marketplace-leads.dll");
        Assert.True(File.Exists(tool), tool + " is built next to the tests");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(tool);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return new CliRun(process.ExitCode, await output, await error);
    }
}
