using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using FsCheck;
using FsCheck.Fluent;
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

    /// <summary>Durations in milliseconds: tenths of seconds, seconds, minutes, hours and days, and the edges where the rounding changes unit.</summary>
    private static readonly Gen<int> Milliseconds = Gen.OneOf(
        Gen.Choose(0, 20_000),
        Gen.Choose(0, 4_000_000),
        Gen.Choose(0, int.MaxValue),
        Gen.Elements(9_950, 59_500, 3_599_500, 7_199_999).SelectMany(static edge => Gen.Choose(-100, 100).Select(d => edge + d)));

    [Fact]
    public void FormatDuration_AnyDuration_ReadsBackWithinItsRounding()
    {
        var property = Prop.ForAll(Milliseconds.ToArbitrary(), static milliseconds =>
        {
            var duration = TimeSpan.FromMilliseconds(milliseconds);

            var (seconds, tolerance) = ParseDuration(ImportProgress.FormatDuration(duration));

            Assert.InRange(seconds - duration.TotalSeconds, -tolerance, tolerance);
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(2000), property);
    }

    [Fact]
    public void Format_AnyProgress_ShowsThePercentOfTheBytesAndTheTimeLeftAtThatPace()
    {
        var progress =
            from total in Gen.Choose(1, int.MaxValue)
            from done in Gen.OneOf(Gen.Choose(0, total), Gen.Elements(0, 1, total - 1, total))
            from leads in Gen.Choose(0, int.MaxValue)
            from elapsed in Milliseconds.Where(static ms => ms > 0)
            select (Total: (long)total, Done: (long)done, Leads: (long)leads, Elapsed: TimeSpan.FromMilliseconds(elapsed));
        var property = Prop.ForAll(progress.ToArbitrary(), static p =>
        {
            var line = ImportProgress.Format("leads.csv", 1, 2, p.Leads, p.Elapsed, p.Done, p.Total);

            var match = Regex.Match(line, @"^leads\.csv \(1/2\): (?<leads>[\d,]+) leads?, (?<rate>[\d,]+) leads/s, (?<percent>\d+) %(, (?<left>.+) left)?$");
            Assert.True(match.Success, line);
            Assert.Equal(p.Leads.ToString("N0", CultureInfo.InvariantCulture), match.Groups["leads"].Value);
            Assert.Equal(Math.Round(p.Leads / p.Elapsed.TotalSeconds), double.Parse(match.Groups["rate"].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture));
            Assert.Equal(p.Done * 100 / p.Total, long.Parse(match.Groups["percent"].Value, CultureInfo.InvariantCulture));
            Assert.Equal(p.Done > 0, match.Groups["left"].Success);
            if (p.Done > 0)
            {
                var expected = p.Elapsed.TotalSeconds * (p.Total - p.Done) / p.Done;
                if (match.Groups["left"].Value == "over 100 h")
                {
                    Assert.True(expected >= 100 * 3600 - 1e-6, line);
                }
                else
                {
                    var (left, tolerance) = ParseDuration(match.Groups["left"].Value);
                    Assert.InRange(left - expected, -tolerance - (expected * 1e-9), tolerance + (expected * 1e-9));
                }
            }
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(2000), property);
    }

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

    /// <summary>Reads a <see cref="ImportProgress.FormatDuration"/> text back: its seconds, and how far its rounding may be off.</summary>
    private static (double Seconds, double Tolerance) ParseDuration(string text)
    {
        var parts = text.Split(' ');
        var numbers = parts.Where(static (_, i) => i % 2 == 0).Select(static p => double.Parse(p, CultureInfo.InvariantCulture)).ToArray();
        return string.Join(' ', parts.Where(static (_, i) => i % 2 == 1)) switch
        {
            "s" when text.Contains('.', StringComparison.Ordinal) => (numbers[0], 0.05 + 1e-9),
            "s" => (numbers[0], 0.5 + 1e-9),
            "min s" when numbers[1] < 60 => ((numbers[0] * 60) + numbers[1], 0.5 + 1e-9),
            "h min" when numbers[1] < 60 => ((numbers[0] * 3600) + (numbers[1] * 60), 30 + 1e-9),
            _ => throw new FormatException("not a duration: " + text),
        };
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
