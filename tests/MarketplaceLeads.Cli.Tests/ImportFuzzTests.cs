using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using MarketplaceLeads.Cli.Tests.Support;
using MarketplaceLeads.Testing.Fuzzing;
using Xunit.Abstractions;

namespace MarketplaceLeads.Cli.Tests;

/// <summary>
/// Mutation fuzzing of <c>marketplace-leads import</c> (docs/fuzzing.md): mutated .json, .jsonl and .csv files are
/// written to a temporary folder and imported in-process, many files per invocation. Every invocation exits 0 or 2,
/// never with an unhandled exception; every line on stderr is a rejection printed as <c>file:line: …</c> or
/// <c>file: record N: …</c>, as many per file as the library's reader rejects in it, and the summary adds up to the
/// records the reader finds.
/// </summary>
[Trait("Category", "Fuzz")]
public sealed partial class ImportFuzzTests
{
    private const string Target = "marketplace-leads import";
    private const int FilesPerInvocation = 250;
    private const int ConcurrentInvocations = 4;
    private const int MaxAlone = 8;

    private static readonly (string Extension, IReadOnlyList<FuzzSeed> Seeds, IReadOnlyList<Mutator> Mutators)[] Kinds =
    [
        (".json", FuzzCorpus.HttpsBodies, Mutators.ForJson),
        (".jsonl", FuzzCorpus.JsonLines, Mutators.ForJson),
        (".csv", FuzzCorpus.Csv, Mutators.ForCsv),
    ];

    private readonly ITestOutputHelper _output;

    public ImportFuzzTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public async Task Import_MutatedFilesOfEveryKind_ExitsZeroOrTwoAndPrintsEveryRejection()
    {
        using var folder = new TempFolder();
        var stats = new FuzzStats(Target);
        var failures = new FuzzFailures(Target);
        var engines = Kinds.Select(static k => new MutationEngine(k.Seeds, k.Mutators)).ToArray();
        var seed = FuzzRandom.Mix(FuzzSettings.Seed, FuzzRandom.Hash(Target));
        var (first, last) = FuzzSettings.Replay is { } replay ? (replay, replay + 1) : (0L, FuzzSettings.Iterations);
        var clock = Stopwatch.StartNew();
        var invocations = 0;
        var alone = 0;
        var bisections = 0;
        var hung = false;
        var stopped = false;
        for (var roundStart = first; roundStart < last && !stopped; roundStart += FilesPerInvocation * ConcurrentInvocations)
        {
            var batches = new List<List<FuzzFile>>();
            var written = new List<string>();
            for (var batchStart = roundStart; batchStart < Math.Min(last, roundStart + (FilesPerInvocation * ConcurrentInvocations)); batchStart += FilesPerInvocation)
            {
                var batch = new List<FuzzFile>();
                for (var i = batchStart; i < Math.Min(last, batchStart + FilesPerInvocation); i++)
                {
                    var kind = (int)(i % Kinds.Length);
                    var input = engines[kind].Generate(seed, i);
                    var path = folder.File(string.Create(CultureInfo.InvariantCulture, $"f{i:D7}{Kinds[kind].Extension}"));
                    await File.WriteAllBytesAsync(path, input.Value);
                    written.Add(path);
                    batch.Add(new FuzzFile(path, input, Expect(Kinds[kind].Extension, input.Value)));
                    stats.CountInput();
                }

                // A file the library's reader throws on, or reads a lead from that breaks the lead invariants (bugs the reader
                // targets report), stops or stalls an import:
                // import the first few such files alone, so that each is its own reproducer, and the rest together.
                foreach (var file in batch.Where(static f => f.Expected is null).ToList())
                {
                    batch.Remove(file);
                    if (alone++ < MaxAlone && !hung)
                    {
                        invocations++;
                        var problems = (await ImportAsync([file], folder)).Problems;
                        hung |= problems.Any(static p => p.Problem.Invariant == "no-hang");
                        Report(failures, problems, [file]);
                    }
                }

                batches.Add(batch);
            }

            // The imports spend most of their time waiting for SQLite: run a few at once.
            var runs = await Task.WhenAll(batches.Select(b => ImportAsync(b, folder)));
            invocations += runs.Length;
            for (var b = 0; b < batches.Count; b++)
            {
                var batch = batches[b];
                var (run, problems) = runs[b];
                while (batch.Count > 0)
                {
                    var whole = problems.FirstOrDefault(static p => p.File is null).Problem;
                    if (whole is null)
                    {
                        Report(failures, problems, batch);
                        stats.AddCounts(Imported(run), Rejections(run).Select(static r => r.Reason));
                        break;
                    }

                    if (whole.Invariant == "no-hang")
                    {
                        Report(failures, problems, batch);
                        stopped = true; // the hung import goes on in the background: stop here
                        break;
                    }

                    if (bisections++ >= 10)
                    {
                        Report(failures, problems, batch);
                        break;
                    }

                    // Something failed the whole import: find the file that fails that way on its own and import the rest again.
                    var culprit = await FindCulpritAsync(batch, whole, folder);
                    invocations += culprit.Runs;
                    if (culprit.File is null)
                    {
                        Report(failures, problems, batch);
                        break;
                    }

                    failures.Add(culprit.File.Input.Iteration, Describe(culprit.File), CSharpText.Bytes(culprit.File.Input.Value), culprit.Problem!);
                    batch.Remove(culprit.File);
                    invocations++;
                    (run, problems) = await ImportAsync(batch, folder);
                }
            }

            foreach (var path in written)
            {
                File.Delete(path);
            }
        }

        stats.Elapsed = clock.Elapsed;
        stats.Failures = failures.Total;
        _output.WriteLine(stats.Format() + string.Create(CultureInfo.InvariantCulture, $"{Environment.NewLine}  {invocations} invocations of import; {alone} files the library's reader fails on, the first {MaxAlone} imported alone"));
        stats.WriteReportLine();
        if (failures.Total > 0)
        {
            Assert.Fail(failures.Format());
        }
    }

    /// <summary>
    /// What the library's reader finds in a file: its records and how many it rejects; <see langword="null"/> when the
    /// reader throws, or reads a lead that breaks the lead invariants (which the reader targets report), since such a
    /// file stops or stalls a whole import.
    /// </summary>
    private static Expected? Expect(string extension, byte[] data)
    {
        var reader = new LeadReader(new LeadReaderOptions { ErrorPolicy = LeadReadErrorPolicy.SkipAndReport, TimeProvider = new FixedTimeProvider(CliRunner.NowValue) });
        try
        {
            using var stream = new MemoryStream(data);
            var results = RandomChunkStream.Collect(extension switch
            {
                ".json" => reader.ReadHttpsPayloadsAsync(stream),
                ".jsonl" => reader.ReadJsonLinesAsync(stream),
                _ => reader.ReadCsvAsync(stream),
            });
            foreach (var result in results)
            {
                if (result.IsSuccess)
                {
                    FuzzInvariants.CheckLead(result.Lead);
                }
            }

            return new Expected(results.Count, results.Count(static r => !r.IsSuccess));
        }
        catch (Exception ex) when (ex is not LeadReadException)
        {
            return null;
        }
    }

    /// <summary>Imports the files into a fresh database and checks the run; returns the problems, each with the file it is about (<see langword="null"/> when it is about the whole import).</summary>
    private static async Task<(CliRun Run, List<(FuzzFile? File, FuzzInvariantException Problem)> Problems)> ImportAsync(IReadOnlyList<FuzzFile> files, TempFolder folder)
    {
        var database = folder.File("fuzz-" + Guid.NewGuid().ToString("N") + ".db");
        var limit = TimeSpan.FromSeconds(20) + (FuzzSettings.TimeLimit * files.Count / 20);
        CliRun run;
        try
        {
            run = await CliRunner.RunAsync(["import", .. files.Select(static f => f.Path), "--db", database, "--now", CliRunner.Now]).WaitAsync(limit);
        }
        catch (TimeoutException)
        {
            return (new CliRun(-1, string.Empty, string.Empty), [(null, new FuzzInvariantException("no-hang", $"import of {files.Count} files did not finish in {limit.TotalSeconds:N0} s"))]);
        }
        finally
        {
            foreach (var suffix in new[] { string.Empty, "-wal", "-shm" })
            {
                File.Delete(database + suffix);
            }
        }

        return (run, Check(run, files));
    }

    private static List<(FuzzFile? File, FuzzInvariantException Problem)> Check(CliRun run, IReadOnlyList<FuzzFile> files)
    {
        var problems = new List<(FuzzFile?, FuzzInvariantException)>();
        if (run.ExitCode is not (ExitCodes.Success or ExitCodes.SomeRejected))
        {
            var message = run.Error.Split('\n').FirstOrDefault(static l => !IsRejection(l) && l.Length > 0) ?? run.Error;
            var kind = message.Contains("Unhandled exception", StringComparison.OrdinalIgnoreCase) ? "unhandled exception" : "error";
            problems.Add((null, new FuzzInvariantException($"exit code {run.ExitCode} ({kind}): {Blank(message)}", $"exit code {run.ExitCode}; stderr: {run.Error.Trim()}")));
            return problems;
        }

        // A line that is not a rejection continues the rejection above it (a reason with a line break), or is stray.
        string? previous = null;
        foreach (var line in run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (Rejection().Match(line) is { Success: true } rejection)
            {
                previous = rejection.Groups["file"].Value;
            }
            else if (previous is not null && files.FirstOrDefault(f => f.Path == previous) is { } file)
            {
                problems.Add((file, new FuzzInvariantException("rejection-on-one-line", $"a rejection spans lines (the reason quotes the input, line breaks and all): …{line}")));
            }
            else
            {
                problems.Add((null, new FuzzInvariantException("stderr-only-rejections", $"stderr has a line that is not a rejection (file:line: … or file: record N: …): {line}")));
            }
        }

        var rejections = Rejections(run);
        if (Summary().Match(run.Output) is not { Success: true } summary)
        {
            problems.Add((null, new FuzzInvariantException("summary-printed", $"no summary line on stdout: {run.Output.Trim()}")));
            return problems;
        }

        var imported = long.Parse(summary.Groups["new"].Value, CultureInfo.InvariantCulture) + long.Parse(summary.Groups["known"].Value, CultureInfo.InvariantCulture);
        var rejected = long.Parse(summary.Groups["rejected"].Value, CultureInfo.InvariantCulture);
        if (rejected != rejections.Count || run.ExitCode != (rejected > 0 ? ExitCodes.SomeRejected : ExitCodes.Success))
        {
            problems.Add((null, new FuzzInvariantException("summary-agrees", $"the summary says {rejected} rejected, stderr has {rejections.Count} rejections, the exit code is {run.ExitCode}")));
        }

        foreach (var file in files)
        {
            var own = rejections.Where(r => r.File == file.Path).ToList();
            if (own.FirstOrDefault(static r => FuzzInvariants.NamesDotNetType(r.Reason)) is { Reason: { } typeName })
            {
                problems.Add((file, new FuzzInvariantException("reason-names-no-dotnet-type", $"a rejection names a .NET type: {typeName}")));
            }

            if (file.Expected is { } expected && own.Count != expected.Rejected)
            {
                problems.Add((file, new FuzzInvariantException("every-rejection-printed", $"the reader rejects {expected.Rejected} records, import printed {own.Count} rejections")));
            }
        }

        if (files.All(static f => f.Expected is not null) && imported + rejected != files.Sum(static f => f.Expected!.Records))
        {
            problems.Add((null, new FuzzInvariantException("every-record-counted", $"the reader finds {files.Sum(static f => f.Expected!.Records)} records, import counted {imported + rejected}")));
        }

        return problems;
    }

    /// <summary>Reports the problems of a run; one about the whole import is put on the only file when there is one.</summary>
    private static void Report(FuzzFailures failures, List<(FuzzFile? File, FuzzInvariantException Problem)> problems, IReadOnlyList<FuzzFile> files)
    {
        foreach (var (file, problem) in problems)
        {
            var about = file ?? (files.Count == 1 ? files[0] : null);
            if (about is null)
            {
                failures.Add(files[0].Input.Iteration, $"{files.Count} files imported together", string.Join(", ", files.Take(20).Select(static f => Path.GetFileName(f.Path))), problem);
            }
            else
            {
                failures.Add(about.Input.Iteration, Describe(about), CSharpText.Bytes(about.Input.Value), problem);
            }
        }
    }

    private static string Describe(FuzzFile file) => $"{Path.GetExtension(file.Path)} file; {file.Input.Origin}";

    /// <summary>Finds, by halving, the file that fails the whole import the same way on its own.</summary>
    private static async Task<(FuzzFile? File, FuzzInvariantException? Problem, int Runs)> FindCulpritAsync(List<FuzzFile> batch, FuzzInvariantException problem, TempFolder folder)
    {
        var runs = 0;
        var candidates = batch;
        while (candidates.Count > 1)
        {
            var half = candidates.Take(candidates.Count / 2).ToList();
            runs++;
            var (_, inHalf) = await ImportAsync(half, folder);
            candidates = inHalf.Any(p => p.File is null && p.Problem.Invariant == problem.Invariant) ? half : [.. candidates.Skip(half.Count)];
        }

        runs++;
        var (_, single) = await ImportAsync(candidates, folder);
        var same = single.FirstOrDefault(p => p.File is null && p.Problem.Invariant == problem.Invariant).Problem;
        return same is null ? (null, null, runs) : (candidates[0], same, runs);
    }

    private static long Imported(CliRun run) =>
        Summary().Match(run.Output) is { Success: true } m ? long.Parse(m.Groups["new"].Value, CultureInfo.InvariantCulture) + long.Parse(m.Groups["known"].Value, CultureInfo.InvariantCulture) : 0;

    private static List<(string File, string Reason)> Rejections(CliRun run) =>
        [.. run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(static l => Rejection().Match(l)).Where(static m => m.Success).Select(static m => (m.Groups["file"].Value, m.Groups["reason"].Value))];

    private static bool IsRejection(string line) => line.Length == 0 || Rejection().IsMatch(line);

    /// <summary>Blanks paths and numbers so that one failure has one signature.</summary>
    private static string Blank(string message) =>
        Regex.Replace(Regex.Replace(Regex.Replace(message, @"\S*f[0-9]{7}\.\w+", "<file>"), "'[^']*'", "'…'"), "[0-9]+", "N");

    [GeneratedRegex(@"^(?<file>\S+f[0-9]{7}\.(json|jsonl|csv))(:(?<line>[0-9]+)|: record (?<record>[0-9]+)): (?<reason>.*)$")]
    private static partial Regex Rejection();

    [GeneratedRegex(@"imported (?<new>[0-9]+) new, (?<known>[0-9]+) already known, (?<rejected>[0-9]+) rejected")]
    private static partial Regex Summary();

    private sealed record Expected(long Records, long Rejected);

    private sealed record FuzzFile(string Path, FuzzCase<byte[]> Input, Expected? Expected);
}
