using System.IO;
using System.Linq;
using System.Threading.Tasks;
using MarketplaceLeads.Cli.Tests.Support;

namespace MarketplaceLeads.Cli.Tests;

public sealed class ImportCommandTests
{
    [Fact]
    public async Task Import_SampleFiles_PrintsSummaryAndExitsZero()
    {
        using var folder = new TempFolder();
        var run = await CliRunner.RunAsync(["import", .. CliRunner.SampleFiles, "--db", folder.File("leads.db"), "--now", CliRunner.Now]);

        Assert.Equal(string.Empty, run.Error);
        Assert.Equal("imported 2701 new, 40 already known, 0 rejected (3 files)", run.Output.Trim());
        Assert.Equal(ExitCodes.Success, run.ExitCode);
    }

    [Fact]
    public async Task Import_Twice_SecondRunAddsNothing()
    {
        using var folder = new TempFolder();
        string[] args = ["import", .. CliRunner.SampleFiles, "--db", folder.File("leads.db"), "--now", CliRunner.Now];
        await CliRunner.RunAsync(args);

        var again = await CliRunner.RunAsync(args);

        Assert.Equal("imported 0 new, 2741 already known, 0 rejected (3 files)", again.Output.Trim());
        Assert.Equal(ExitCodes.Success, again.ExitCode);
    }

    [Fact]
    public async Task Import_BadJsonLines_ReportsFileLineAndReasonAndImportsTheRest()
    {
        using var folder = new TempFolder();
        var good = File.ReadLines(CliRunner.SampleFiles.Single(static f => f.EndsWith(".jsonl", System.StringComparison.Ordinal))).Take(3).ToArray();
        var bad = folder.File("bad.jsonl");
        await File.WriteAllLinesAsync(bad, [good[0], "{ this is not json", good[1], """{"schema":"marketplace-leads/lead@1","id":"zz-secret-value","channel":"HttpsEndpoint","receivedAt":"2026-01-01T00:00:00Z"}""", good[2]]);

        var run = await CliRunner.RunAsync("import", bad, "--db", folder.File("leads.db"), "--now", CliRunner.Now);

        var errors = run.Error.Split('\n', System.StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, errors.Length);
        Assert.StartsWith(bad + ":2: ", errors[0], System.StringComparison.Ordinal);
        Assert.StartsWith(bad + ":4: ", errors[1], System.StringComparison.Ordinal);
        Assert.DoesNotContain("zz-secret-value", run.Error, System.StringComparison.Ordinal);
        Assert.Equal("imported 3 new, 0 already known, 2 rejected (1 file)", run.Output.Trim());
        Assert.Equal(ExitCodes.SomeRejected, run.ExitCode);
    }

    [Fact]
    public async Task Import_BadCsvRow_ReportsItsLineAndImportsTheOtherRows()
    {
        using var folder = new TempFolder();
        var lines = File.ReadLines(CliRunner.SampleFiles.Single(static f => f.EndsWith(".csv", System.StringComparison.Ordinal))).Take(4).ToList();
        lines.Insert(2, "only,three,fields");
        var bad = folder.File("bad.csv");
        await File.WriteAllLinesAsync(bad, lines);

        var run = await CliRunner.RunAsync("import", bad, "--db", folder.File("leads.db"), "--now", CliRunner.Now);

        Assert.StartsWith(bad + ":3: ", run.Error, System.StringComparison.Ordinal);
        Assert.Equal("imported 3 new, 0 already known, 1 rejected (1 file)", run.Output.Trim());
        Assert.Equal(ExitCodes.SomeRejected, run.ExitCode);
    }

    [Fact]
    public async Task Import_MissingFile_ExitsOneNamingTheFile()
    {
        using var folder = new TempFolder();
        var missing = folder.File("missing.json");

        var run = await CliRunner.RunAsync("import", CliRunner.SampleFiles[0], missing, "--db", folder.File("leads.db"));

        Assert.Equal(ExitCodes.Error, run.ExitCode);
        Assert.Contains("file not found: " + missing, run.Error, System.StringComparison.Ordinal);
        Assert.False(File.Exists(folder.File("leads.db")), "nothing is imported when a file is missing");
    }

    [Fact]
    public async Task Import_UnknownExtension_ExitsOne()
    {
        using var folder = new TempFolder();
        var text = folder.File("leads.txt");
        await File.WriteAllTextAsync(text, "hello");

        var run = await CliRunner.RunAsync("import", text, "--db", folder.File("leads.db"));

        Assert.Equal(ExitCodes.Error, run.ExitCode);
        Assert.Contains("unknown file type '.txt'", run.Error, System.StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_NoFiles_IsAUsageError()
    {
        var run = await CliRunner.RunAsync("import");

        Assert.Equal(ExitCodes.Error, run.ExitCode);
    }
}
