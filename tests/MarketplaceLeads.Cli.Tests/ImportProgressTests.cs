using System;
using System.Globalization;
using System.IO;
using System.Threading.Tasks;
using MarketplaceLeads.Cli.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace MarketplaceLeads.Cli.Tests;

/// <summary><c>import</c>'s progress on stderr (<see cref="ImportProgress"/>): leads, rate, percentage, time left, and the time taken.</summary>
public sealed class ImportProgressTests
{
    private const string ProgressLine = @"^([\w.-]+( \(\d/\d\))?: [\d,]+ leads?, [\d,]+ leads/s(, \d{1,3} %(, .+ left)?)?|read: [\d,]+ leads? in .+; delivering the last of them)$";
    private const string SummaryLine = @"^import: [\d,]+ leads? in (\d+(\.\d)? s|\d+ min \d\d s|\d+ h \d\d min), [\d,]+ leads/s$";

    [Fact]
    public void Format_SizeKnown_ShowsLeadsRatePercentAndTimeLeft()
    {
        var line = ImportProgress.Format("leads.jsonl", 2, 3, 412_345, TimeSpan.FromSeconds(60), bytesRead: 41_000, totalBytes: 100_000);

        // 412,345 leads in 60 s; 41 % of the bytes in 60 s leaves 59 % for 86 s.
        Assert.Equal("leads.jsonl (2/3): 412,345 leads, 6,872 leads/s, 41 %, 1 min 26 s left", line);
    }

    [Fact]
    public void Format_SizeUnknownOneFile_ShowsLeadsAndRateOnly()
    {
        Assert.Equal("pipe: 1 lead, 0 leads/s", ImportProgress.Format("pipe", 1, 1, 1, TimeSpan.FromSeconds(3), 500, null));
        Assert.Equal("a.csv: 0 leads, - leads/s, 0 %", ImportProgress.Format("a.csv", 1, 1, 0, TimeSpan.Zero, 0, 10));
    }

    [Theory]
    [InlineData(0.04, "0.0 s")]
    [InlineData(1.44, "1.4 s")]
    [InlineData(9.96, "10 s")]
    [InlineData(42.4, "42 s")]
    [InlineData(59.6, "1 min 00 s")]
    [InlineData(185, "3 min 05 s")]
    [InlineData(3599.6, "1 h 00 min")]
    [InlineData(7380, "2 h 03 min")]
    public void FormatDuration_SaysItTheWayPeopleDo(double seconds, string expected) =>
        Assert.Equal(expected, ImportProgress.FormatDuration(TimeSpan.FromSeconds(seconds)));

    [Fact]
    public void Progress_OffTerminal_WritesALineEveryFiveSecondsThenTheTimeTaken()
    {
        var clock = new FakeTimeProvider();
        using var error = new StringWriter(CultureInfo.InvariantCulture);
        var progress = new ImportProgress(error, clock, inPlace: false, files: 2, totalBytes: 4_000);

        progress.StartFile("/data/first.jsonl");
        for (var second = 1; second <= 12; second++)
        {
            for (var lead = 0; lead < 100; lead++)
            {
                progress.Record();
            }

            clock.Advance(TimeSpan.FromSeconds(1));
            progress.Report(new LeadReadProgress(second * 100, 2_000, second * 100, 0));
        }

        progress.StartFile("/data/second.csv");
        for (var lead = 0; lead < 100; lead++)
        {
            progress.Record();
        }

        clock.Advance(TimeSpan.FromSeconds(3));
        progress.Report(new LeadReadProgress(2_000, 2_000, 100, 0));
        clock.Advance(TimeSpan.FromSeconds(1));
        progress.Delivering();
        clock.Advance(TimeSpan.FromSeconds(4));
        progress.Finish();

        Assert.Equal(
            [
                "first.jsonl (1/2): 500 leads, 100 leads/s, 12 %, 35 s left", // at 5 s: 500 of 4,000 bytes, 3,500 to go at 100 bytes/s
                "first.jsonl (1/2): 1,000 leads, 100 leads/s, 25 %, 30 s left", // at 10 s
                "second.csv (2/2): 1,300 leads, 87 leads/s, 80 %, 3.8 s left", // at 15 s: 1,200 + 2,000 bytes read
                "read: 1,300 leads in 16 s; delivering the last of them", // the pipeline delivers what is queued
                "import: 1,300 leads in 20 s, 65 leads/s",
            ],
            error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void Progress_QuickImport_WritesOnlyTheTimeTaken()
    {
        var clock = new FakeTimeProvider();
        using var error = new StringWriter(CultureInfo.InvariantCulture);
        var progress = new ImportProgress(error, clock, inPlace: false, files: 1, totalBytes: 100);

        progress.StartFile("leads.jsonl");
        progress.Record();
        clock.Advance(TimeSpan.FromSeconds(1.2));
        progress.Report(new LeadReadProgress(100, 100, 1, 0));
        progress.Delivering();
        progress.Finish();

        Assert.Equal("import: 1 lead in 1.2 s, 1 leads/s\n", error.ToString().ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Progress_OnTerminal_RewritesOneLineAtMostFiveTimesASecondAndClearsIt()
    {
        var clock = new FakeTimeProvider();
        using var error = new StringWriter(CultureInfo.InvariantCulture);
        var progress = new ImportProgress(error, clock, inPlace: true, files: 1, totalBytes: null);
        progress.StartFile("leads.jsonl");

        for (var i = 0; i < 10; i++)
        {
            clock.Advance(TimeSpan.FromMilliseconds(100));
            progress.Record();
        }

        progress.Clear();
        Assert.Equal(
            "\rleads.jsonl: 2 leads, 10 leads/s" + "\rleads.jsonl: 4 leads, 10 leads/s" + "\rleads.jsonl: 6 leads, 10 leads/s"
            + "\rleads.jsonl: 8 leads, 10 leads/s" + "\rleads.jsonl: 10 leads, 10 leads/s" + "\r" + new string(' ', 33) + "\r",
            error.ToString());
    }

    [Fact]
    public async Task Import_ProgressOffTerminal_WritesProgressLinesAndTheTimeTakenOnStderrOnly()
    {
        using var folder = new TempFolder();
        var clock = new FakeTimeProvider { AutoAdvanceAmount = TimeSpan.FromMilliseconds(20) }; // each look at the clock takes 20 ms

        var run = await CliRunner.RunAsync(clock, null, ["import", .. CliRunner.SampleFiles, "--db", folder.File("leads.db"), "--now", CliRunner.Now, "--progress"]);

        Assert.Equal(["imported 2701 new, 40 already known, 0 rejected (3 files)"], run.OutputLines);
        Assert.DoesNotContain("\r", run.Error, StringComparison.Ordinal);
        Assert.Matches(SummaryLine, run.ErrorLines[^1]);
        Assert.StartsWith("import: 2,741 leads in ", run.ErrorLines[^1], StringComparison.Ordinal);
        Assert.InRange(run.ErrorLines.Length, 3, 100); // a line every 5 s of the fake clock's time, not one per block
        Assert.All(run.ErrorLines[..^1], static line => Assert.Matches(ProgressLine, line));
        Assert.Contains(run.ErrorLines, static line => line.Contains(" left", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Import_NoProgressOffTerminal_WritesNothingOnStderr()
    {
        using var folder = new TempFolder();

        var run = await CliRunner.RunAsync(["import", CliRunner.SampleFiles[0], "--db", folder.File("leads.db"), "--now", CliRunner.Now]);

        Assert.Equal((ExitCodes.Success, string.Empty), (run.ExitCode, run.Error));
        Assert.Single(run.OutputLines);
    }
}
