using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Runtime;
using MarketplaceLeads.Deduplication;

namespace MarketplaceLeads.Benchmarks;

/// <summary>
/// Measures one <see cref="LeadDeduplicator.Deduplicate"/> call per batch size on synthetic leads
/// (<see cref="DeduplicationLeads"/>): wall time, bytes allocated, managed memory the result retains, and the process's
/// peak working set; prints one markdown table row per size on standard output and progress on standard error.
/// </summary>
/// <remarks>
/// <para>
/// Not a BenchmarkDotNet benchmark and not part of CI: run it with
/// <c>dotnet run -c Release -- --dedup-check [--in-process] [--no-warmup] [leads...]</c> (default 100,000, 1,000,000 and
/// 4,000,000 leads). With several sizes each runs in a child process of its own (a fresh heap and a per-size peak working
/// set) unless <c>--in-process</c> is given; <c>--dedup-check 4000000</c> runs that size alone, in this process.
/// </para>
/// <para>
/// Per size: the leads are generated (not measured), the JIT is warmed up on <see cref="WarmupLeads"/> other leads
/// (unless <c>--no-warmup</c>), a full compacting collection is forced, and then one call runs (on every core, or on
/// <c>--threads n</c> at most: <see cref="DeduplicationOptions.MaxDegreeOfParallelism"/>). Allocated is the <see cref="GC.GetTotalAllocatedBytes(bool)"/> delta
/// of the call; retained is <see cref="GC.GetTotalMemory(bool)"/> after the call (result alive) minus before (leads
/// alive); the peak working set is the kernel's high-water mark (<see cref="Process.PeakWorkingSet64"/>, including the
/// leads), reset before the call where the OS allows (Linux <c>/proc/self/clear_refs</c>). The leads are fresh for the
/// call, so anything cached on them (such as <see cref="CustomerInfo.NormalizedEmail"/>) is computed inside it.
/// </para>
/// </remarks>
public static class DeduplicationCheck
{
    /// <summary>The command-line switch that runs this check instead of the benchmarks.</summary>
    public const string Switch = "--dedup-check";

    /// <summary>The option that runs every size in this process rather than one child process per size.</summary>
    public const string InProcessOption = "--in-process";

    /// <summary>The option that skips the JIT warm-up.</summary>
    public const string NoWarmupOption = "--no-warmup";

    /// <summary>The option, followed by a number, that bounds the threads of the measured call (<see cref="DeduplicationOptions.MaxDegreeOfParallelism"/>; default every core).</summary>
    public const string ThreadsOption = "--threads";

    /// <summary>The option that prints a fingerprint of each result (SHA-256 of every profile's leads and every possible duplicate with its score, reason and explanation), so that two builds can be shown to decide alike.</summary>
    public const string FingerprintOption = "--fingerprint";

    /// <summary>The number of leads (another seed) de-duplicated <see cref="WarmupRuns"/> times before the measured call.</summary>
    public const int WarmupLeads = 20_000;

    /// <summary>The number of warm-up calls on <see cref="WarmupLeads"/> leads (paths only a large batch takes, such as growing its tables).</summary>
    public const int WarmupRuns = 3;

    /// <summary>The number of leads of each short warm-up call: the methods called once per batch are called often enough for tiered compilation to optimise them.</summary>
    public const int ShortWarmupLeads = 1_000;

    /// <summary>
    /// The number of short warm-up calls per round (<see cref="WarmupRounds"/> rounds, a pause after each for the background
    /// compiler): tiered compilation counts 30 calls of a method before it compiles it with instrumentation, and another 30
    /// before it compiles it optimised, starting a moment after the last method compiled for the first time.
    /// </summary>
    public const int ShortWarmupRuns = 40;

    /// <summary>The number of rounds of <see cref="ShortWarmupRuns"/> short warm-up calls.</summary>
    public const int WarmupRounds = 3;

    /// <summary>The option a parent passes to its child processes: print the rows only (the parent printed the table header).</summary>
    private const string RowsOnlyOption = "--rows-only";

    private const double Megabyte = 1024 * 1024;

    private static readonly int[] DefaultLeadCounts = [100_000, 1_000_000, 4_000_000];

    /// <summary>Runs the check.</summary>
    /// <param name="args">The arguments after <see cref="Switch"/>: options, then optionally the batch sizes in leads.</param>
    /// <returns>0 when every call de-duplicated every lead; 1 when not (or a child process failed); 2 for bad arguments.</returns>
    public static int Run(string[] args)
    {
        bool inProcess = false, warmup = true, rowsOnly = false, fingerprint = false;
        var threads = Environment.ProcessorCount;
        var counts = new List<int>();
        for (var a = 0; a < args.Length; a++)
        {
            var arg = args[a];
            switch (arg)
            {
                case ThreadsOption when a + 1 < args.Length && int.TryParse(args[a + 1], NumberStyles.None, CultureInfo.InvariantCulture, out threads) && threads >= 1:
                    a++;
                    break;
                case InProcessOption:
                    inProcess = true;
                    break;
                case NoWarmupOption:
                    warmup = false;
                    break;
                case RowsOnlyOption:
                    rowsOnly = true;
                    break;
                case FingerprintOption:
                    fingerprint = true;
                    break;
                default:
                    if (!int.TryParse(arg, NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count < 1)
                    {
                        Console.Error.WriteLine($"Usage: dotnet run -c Release -- {Switch} [{InProcessOption}] [{NoWarmupOption}] [{FingerprintOption}] [{ThreadsOption} n] [leads...]   (leads: whole numbers of at least 1; default {string.Join(' ', DefaultLeadCounts)})");
                        return 2;
                    }

                    counts.Add(count);
                    break;
            }
        }

        if (counts.Count == 0)
        {
            counts.AddRange(DefaultLeadCounts);
        }

        if (!rowsOnly)
        {
            Console.Error.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"De-duplication check: {string.Join(", ", counts.ConvertAll(c => c.ToString("N0", CultureInfo.InvariantCulture)))} leads, seed {DeduplicationLeads.Seed}, .NET {Environment.Version}, {Environment.ProcessorCount} logical cores, {(GCSettings.IsServerGC ? "server" : "workstation")} {(GCSettings.LatencyMode == GCLatencyMode.Batch ? "non-concurrent" : "concurrent")} GC, {(counts.Count > 1 && !inProcess ? "one process per size" : "in process")}, JIT warm-up {(warmup ? "on" : "off")}"));
            Console.WriteLine("| leads | time (s) | µs/lead | allocated (MB) | retained (MB) | profiles | comparisons | peak working set (MB) | naive e-mail GroupBy (s) | ratio |");
            Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        }

        var ok = true;
        foreach (var count in counts)
        {
            ok &= counts.Count > 1 && !inProcess ? RunChild(count, warmup, fingerprint, threads) : Measure(count, warmup, fingerprint, threads);
        }

        return ok ? 0 : 1;
    }

    /// <summary>Runs one size in a child process (this program, <see cref="RowsOnlyOption"/>), which prints its row to the shared standard output.</summary>
    private static bool RunChild(int count, bool warmup, bool fingerprint, int threads)
    {
        var host = Environment.ProcessPath ?? throw new InvalidOperationException("The path of this process is unknown.");
        var start = new ProcessStartInfo(host) { UseShellExecute = false };
        if (string.Equals(Path.GetFileNameWithoutExtension(host), "dotnet", StringComparison.OrdinalIgnoreCase))
        {
            start.ArgumentList.Add(typeof(DeduplicationCheck).Assembly.Location); // run as `dotnet MarketplaceLeads.Benchmarks.dll`
        }

        start.ArgumentList.Add(Switch);
        start.ArgumentList.Add(RowsOnlyOption);
        if (!warmup)
        {
            start.ArgumentList.Add(NoWarmupOption);
        }

        if (fingerprint)
        {
            start.ArgumentList.Add(FingerprintOption);
        }

        start.ArgumentList.Add(ThreadsOption);
        start.ArgumentList.Add(threads.ToString(CultureInfo.InvariantCulture));

        start.ArgumentList.Add(count.ToString(CultureInfo.InvariantCulture));
        Console.Out.Flush();
        using var child = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {host}.");
        child.WaitForExit();
        if (child.ExitCode != 0)
        {
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{count:N0} leads: the child process exited with code {child.ExitCode}."));
            return false;
        }

        return true;
    }

    /// <summary>Generates <paramref name="count"/> leads, de-duplicates them once on this thread and prints the row.</summary>
    private static bool Measure(int count, bool warmup, bool fingerprint, int threads)
    {
        Progress($"{count:N0} leads: generating ...");
        var watch = Stopwatch.StartNew();
        var leads = DeduplicationLeads.Generate(count);
        Progress($"{count:N0} leads: generated in {watch.Elapsed.TotalSeconds:N1} s");

        if (warmup)
        {
            Warmup();
        }

        // Start from a compacted heap holding the leads only, and a fresh high-water mark.
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        var retainedBefore = GC.GetTotalMemory(forceFullCollection: true);
        var peakIsPerCall = PeakWorkingSet.TryReset();
        int gen0 = GC.CollectionCount(0), gen1 = GC.CollectionCount(1), gen2 = GC.CollectionCount(2);
        using var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var pausedBefore = GC.GetTotalPauseDuration();

        Progress($"{count:N0} leads: de-duplicating on up to {threads} threads ...");
        DeduplicationResult result;
        using (var deduplicator = new LeadDeduplicator(new DeduplicationOptions { MaxDegreeOfParallelism = threads }))
        {
            watch.Restart();
            result = deduplicator.Deduplicate(leads);
            watch.Stop();
        }

        Progress($"{count:N0} leads: de-duplicated; measuring what the result retains ...");

        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        var paused = GC.GetTotalPauseDuration() - pausedBefore;
        process.Refresh();
        var cpu = process.TotalProcessorTime - cpuBefore;
        var peakWorkingSet = process.PeakWorkingSet64;
        int collections0 = GC.CollectionCount(0) - gen0, collections1 = GC.CollectionCount(1) - gen1, collections2 = GC.CollectionCount(2) - gen2;
        var retained = GC.GetTotalMemory(forceFullCollection: true) - retainedBefore;
        GC.KeepAlive(result);
        GC.KeepAlive(leads);

        var elapsed = watch.Elapsed;
        var baseline = NaiveGroupBy(leads);
        Progress($"{count:N0} leads: {elapsed.TotalSeconds:N2} s wall, {cpu.TotalSeconds:N2} s CPU (all threads, GC included), GCs gen0/1/2 {collections0}/{collections1}/{collections2} pausing {paused.TotalSeconds:N2} s, {result.PossibleDuplicates.Count:N0} possible duplicates, {result.OversizedBlocks:N0} oversized blocks, peak working set {(peakIsPerCall ? "reset before the call" : "of the process")}");
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"| {count:N0} | {elapsed.TotalSeconds:N2} | {elapsed.TotalMicroseconds / count:N2} | {allocated / Megabyte:N0} | {retained / Megabyte:N0} | {result.Profiles.Count:N0} | {result.Comparisons:N0} | {peakWorkingSet / Megabyte:N0} | {baseline.TotalSeconds:N2} | {elapsed / baseline:N2} |"));

        if (fingerprint)
        {
            Progress($"{count:N0} leads: result fingerprint {Fingerprint(result)}");
        }

        if (result.LeadCount + result.Redeliveries != count)
        {
            Console.Error.WriteLine(string.Create(
                CultureInfo.InvariantCulture, $"{count:N0} leads: the result counts {result.LeadCount:N0} leads and {result.Redeliveries:N0} redeliveries."));
            return false;
        }

        return true;
    }

    /// <summary>
    /// The hand-written baseline the issue measures against, on the same leads in the same process: the naive exact-e-mail
    /// de-duplication, a LINQ <c>GroupBy</c> on the address trimmed and lower-cased (leads without one each alone). Best of
    /// three.
    /// </summary>
    private static TimeSpan NaiveGroupBy(Lead[] leads)
    {
        var best = TimeSpan.MaxValue;
        for (var run = 0; run < 3; run++)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            var watch = Stopwatch.StartNew();
            var groups = System.Linq.Enumerable.ToList(System.Linq.Enumerable.GroupBy(leads, l => l.Customer.Email?.Trim().ToLowerInvariant() ?? l.Id.ToString()));
            watch.Stop();
            GC.KeepAlive(groups);
            best = watch.Elapsed < best ? watch.Elapsed : best;
        }

        Progress($"{leads.Length:N0} leads: naive exact-e-mail GroupBy, best of 3, in {best.TotalSeconds:N2} s");
        return best;
    }

    /// <summary>The SHA-256 of the result's decisions: each profile's leads (in the result's order), then each possible duplicate with its score, reason, raising lead and explanation.</summary>
    private static string Fingerprint(DeduplicationResult result)
    {
        using var hash = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        var builder = new System.Text.StringBuilder();
        void Flush()
        {
            hash.AppendData(System.Text.Encoding.UTF8.GetBytes(builder.ToString()));
            builder.Clear();
        }

        foreach (var profile in result.Profiles)
        {
            builder.Append(profile.Id).Append(':');
            foreach (var lead in profile.Leads)
            {
                builder.Append(lead.Id).Append(',');
            }

            builder.Append(profile.DoNotContact).Append(profile.IsTest).Append('\n');
            if (builder.Length > 1 << 16)
            {
                Flush();
            }
        }

        foreach (var possible in result.PossibleDuplicates)
        {
            builder.Append(CultureInfo.InvariantCulture, $"{possible.First}~{possible.Second}:{possible.Score:R}:{possible.Reason}:{possible.RaisedBy}:{possible.Explanation?.ToJson()}\n");
            if (builder.Length > 1 << 16)
            {
                Flush();
            }
        }

        builder.Append(CultureInfo.InvariantCulture, $"{result.LeadCount}/{result.Redeliveries}/{result.OversizedBlocks}");
        Flush();
        return Convert.ToHexString(hash.GetHashAndReset());
    }

    /// <summary>
    /// Warms the JIT up on leads of another seed, so the measured call runs optimised code: <see cref="WarmupRounds"/> rounds
    /// of <see cref="ShortWarmupRuns"/> calls on <see cref="ShortWarmupLeads"/> leads, each followed by a pause in which the
    /// background compiler catches up (the methods a batch calls once, such as its main loop, are otherwise still running
    /// unoptimised or instrumented code in the measured call, and compiled during it), then <see cref="WarmupRuns"/> calls on
    /// <see cref="WarmupLeads"/> leads.
    /// </summary>
    private static void Warmup()
    {
        var watch = Stopwatch.StartNew();
        var leads = DeduplicationLeads.Generate(WarmupLeads, DeduplicationLeads.Seed + 1);
        var few = leads[..ShortWarmupLeads];
        for (var round = 0; round < WarmupRounds; round++)
        {
            for (var i = 0; i < ShortWarmupRuns; i++)
            {
                using var deduplicator = new LeadDeduplicator();
                GC.KeepAlive(deduplicator.Deduplicate(few));
            }

            System.Threading.Thread.Sleep(WarmupPause);
        }

        for (var i = 0; i < WarmupRuns; i++)
        {
            using var deduplicator = new LeadDeduplicator();
            GC.KeepAlive(deduplicator.Deduplicate(leads));
        }

        System.Threading.Thread.Sleep(WarmupPause);
        Progress($"JIT warm-up: {WarmupRounds} × {ShortWarmupRuns} × {ShortWarmupLeads:N0} and {WarmupRuns} × {WarmupLeads:N0} leads in {watch.Elapsed.TotalSeconds:N1} s");
    }

    /// <summary>The pause after each warm-up round, for the background compiler.</summary>
    private static readonly TimeSpan WarmupPause = TimeSpan.FromMilliseconds(500);

    private static void Progress(FormattableString message) => Console.Error.WriteLine(message.ToString(CultureInfo.InvariantCulture));
}
