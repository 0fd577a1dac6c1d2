using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using MarketplaceLeads.Cli.Tests.Support;

namespace MarketplaceLeads.Cli.Tests;

/// <summary>
/// <c>eng/generate-sample-leads.cs --people N --seed S</c>, run as a user runs it (<c>dotnet run</c> from the repository
/// root, Release, into a temporary folder). The runs are in one class so that they do not build the script at the same time.
/// </summary>
public sealed class SampleGeneratorTests : IClassFixture<SampleGeneratorTests.Runs>
{
    private const int People = 400;
    private static readonly string[] Files = ["https-endpoint-payloads.json", "marketplace-leads.jsonl", "partner-center-export.csv"];
    private readonly Runs _runs;

    public SampleGeneratorTests(Runs runs) => _runs = runs;

    [Fact]
    public async Task GenerateSampleLeads_SameSeed_WritesTheSameFiles_AnotherSeedOthers()
    {
        var (first, again, other) = (await _runs.GetAsync(7, "a"), await _runs.GetAsync(7, "b"), await _runs.GetAsync(8, "c"));

        foreach (var file in Files)
        {
            Assert.True(File.ReadAllBytes(Path.Combine(first, file)).SequenceEqual(File.ReadAllBytes(Path.Combine(again, file))), file + " is the same for the same seed");
            Assert.False(File.ReadAllBytes(Path.Combine(first, file)).SequenceEqual(File.ReadAllBytes(Path.Combine(other, file))), file + " differs for another seed");
        }
    }

    [Fact]
    public async Task GenerateSampleLeads_People_GivesAboutTwoLeadsEachAndThatManyPersons()
    {
        var folder = await _runs.GetAsync(7, "a");

        var leads = new List<Lead>();
        var reader = new LeadReader(new LeadReaderOptions { TimeProvider = new FixedTimeProvider(CliRunner.NowValue) });
        foreach (var file in Files)
        {
            await using var stream = File.OpenRead(Path.Combine(folder, file));
            var read = Path.GetExtension(file) switch
            {
                ".json" => reader.ReadHttpsPayloadsAsync(stream),
                ".jsonl" => reader.ReadJsonLinesAsync(stream),
                _ => reader.ReadCsvAsync(stream),
            };
            await foreach (var result in read)
            {
                Assert.True(result.IsSuccess, file + ": every record reads");
                leads.Add(result.Lead!);
            }
        }

        var tests = leads.Where(static l => l.Customer.Email!.StartsWith("MSFT_TEST_", StringComparison.Ordinal)).ToList();
        var people = leads.Except(tests).ToList();
        Assert.Equal(3, tests.Count);
        Assert.InRange(people.Select(static l => l.Id).Distinct().Count(), 1.6 * People, 2.0 * People);
        Assert.InRange(leads.Count - people.Select(static l => l.Id).Distinct().Count() - tests.Count, 1, 0.05 * People); // a replayed export
        Assert.Equal(People, people.Select(static l => l.Customer.Email!.ToUpperInvariant()).Distinct().Count()); // a mailbox each
        Assert.DoesNotContain(people, static l => l.Customer.PhoneStatus == FieldStatus.Invalid || l.Customer.EmailStatus != FieldStatus.Valid);
        Assert.InRange(people.GroupBy(static l => l.Customer.Email!.ToUpperInvariant()).Count(static g => g.Count() > 1), 0.4 * People, 0.8 * People); // several leads of one person
        Assert.Contains(people, static l => l.ActionCode == "DNC");
        Assert.InRange(people.GroupBy(static l => l.Customer.Phone).Count(static g => g.Key is not null && g.Select(static l => l.Customer.Email!.ToUpperInvariant()).Distinct().Count() > 1), 1, 0.1 * People); // switchboards, households
    }

    [Fact]
    public async Task GenerateSampleLeads_Import_GivesAboutOneCustomerPerPersonWithoutWarnings()
    {
        var folder = await _runs.GetAsync(7, "a");
        using var database = new TempFolder();

        var import = await CliRunner.RunAsync(["import", .. Files.Select(f => Path.Combine(folder, f)), "--db", database.File("leads.db"), "--now", CliRunner.Now]);
        var report = await CliRunner.RunAsync("report", "--db", database.File("leads.db"), "--now", CliRunner.Now);

        Assert.Equal((ExitCodes.Success, string.Empty), (import.ExitCode, import.Error));
        Assert.Single(import.OutputLines); // the summary, and no warnings
        Assert.Matches(@"^imported \d+ new, [1-9]\d* already known, 0 rejected \(3 files\)$", import.Summary);
        var customers = int.Parse(report.OutputLines.Single(static l => l.StartsWith("Customers (de-duplicated)", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[^1], System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(customers, 0.97 * People, People);
    }

    /// <summary>The generator's runs, by seed and folder name, each made once.</summary>
    public sealed class Runs : IDisposable
    {
        private readonly TempFolder _folder = new();
        private readonly Dictionary<string, Task<string>> _runs = new(StringComparer.Ordinal);
        private readonly object _gate = new();

        public Task<string> GetAsync(int seed, string name)
        {
            lock (_gate)
            {
                var key = seed + "/" + name;
                if (!_runs.TryGetValue(key, out var run))
                {
                    // One after the other: two builds of the script at once would race.
                    var previous = _runs.Values.LastOrDefault() ?? Task.FromResult(string.Empty);
                    run = previous.ContinueWith(_ => GenerateAsync(seed, _folder.File(name)), TaskScheduler.Default).Unwrap();
                    _runs[key] = run;
                }

                return run;
            }
        }

        public void Dispose() => _folder.Dispose();

        private static async Task<string> GenerateAsync(int seed, string output)
        {
            var start = new ProcessStartInfo("dotnet")
            {
                WorkingDirectory = CliRunner.RepositoryRoot,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var arg in new[] { "run", "-c", "Release", "eng/generate-sample-leads.cs", "--", "--people", People.ToString(System.Globalization.CultureInfo.InvariantCulture), "--seed", seed.ToString(System.Globalization.CultureInfo.InvariantCulture), "--out", output })
            {
                start.ArgumentList.Add(arg);
            }

            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(10));
            Assert.True(process.ExitCode == 0, $"generate-sample-leads exited with {process.ExitCode}: {await stdout}{await stderr}");
            return output;
        }
    }
}
