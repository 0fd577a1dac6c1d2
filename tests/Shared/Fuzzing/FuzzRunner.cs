using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Threading;
using Xunit.Abstractions;

namespace MarketplaceLeads.Testing.Fuzzing;

/// <summary>A synchronous fuzz target: how to make input <c>i</c>, what to check on it, how to show and shrink it.</summary>
internal sealed class FuzzTarget<T>
{
    public required string Name { get; init; }

    public required Func<ulong, long, FuzzCase<T>> Generate { get; init; }

    /// <summary>Runs the target on an input and throws when an invariant breaks (any exception is a failure).</summary>
    public required Action<T, FuzzOutcome> Check { get; init; }

    public required Func<T, string> Describe { get; init; }

    public required Func<T, long> Length { get; init; }

    /// <summary>Gets smaller variants of an input, largest cuts first, for shrinking a failure to a minimal reproducer.</summary>
    public Func<T, IEnumerable<T>>? Shrink { get; init; }

    /// <summary>Gets the most a measured call may allocate for an input of a given length; <see langword="null"/> to not check.</summary>
    public Func<long, long>? AllocationBound { get; init; }
}

/// <summary>
/// Runs a synchronous fuzz target for <see cref="FuzzSettings.Iterations"/> inputs on a worker thread watched for
/// hangs (<see cref="FuzzSettings.TimeLimit"/> per input), checks bounded memory, collects every distinct failure with
/// a shrunk reproducer, prints the numbers and fails the test once at the end if anything failed.
/// </summary>
internal static class FuzzRunner
{
    /// <summary>The default memory bound of the readers: 64 bytes allocated per input byte, plus 1 MiB.</summary>
    public static readonly Func<long, long> DefaultAllocationBound = static length => (64 * length) + (1024 * 1024);

    /// <summary>Inputs run before memory is checked (first calls fill caches and run static constructors).</summary>
    private const int WarmUp = 50;

    private static readonly TimeSpan ShrinkBudget = TimeSpan.FromSeconds(2);

    /// <summary>Runs a target over byte inputs mutated from <paramref name="seeds"/> (shown as C# text, shrunk by removing spans, memory bounded by <see cref="DefaultAllocationBound"/>).</summary>
    public static FuzzStats RunBytes(string name, IReadOnlyList<FuzzSeed> seeds, IReadOnlyList<Mutator> mutators, Action<byte[], FuzzOutcome> check, ITestOutputHelper? output)
    {
        var engine = new MutationEngine(seeds, mutators);
        return Run(
            new FuzzTarget<byte[]>
            {
                Name = name,
                Generate = engine.Generate,
                Check = check,
                Describe = static data => CSharpText.Bytes(data),
                Length = static data => data.Length,
                Shrink = ShrinkBytes,
                AllocationBound = DefaultAllocationBound,
            },
            output);
    }

    public static FuzzStats Run<T>(FuzzTarget<T> target, ITestOutputHelper? output)
    {
        var stats = new FuzzStats(target.Name);
        var failures = new FuzzFailures(target.Name);
        var watch = new Watch();
        Exception? crash = null;
        var worker = new Thread(
            () =>
            {
                try
                {
                    Loop(target, stats, failures, watch);
                }
                catch (Exception ex)
                {
                    crash = ex;
                }
            },
            16 * 1024 * 1024)
        {
            IsBackground = true,
            Name = "fuzz " + target.Name,
        };
        var clock = Stopwatch.StartNew();
        worker.Start();
        while (!worker.Join(50))
        {
            if (watch.Overdue(FuzzSettings.TimeLimit) is { } hung)
            {
                watch.Stop = true;
                failures.Add(hung.Iteration, hung.Origin, hung.Describe(), new FuzzInvariantException("no-hang", $"the input was still running after {FuzzSettings.TimeLimit.TotalMilliseconds:N0} ms (the worker thread is abandoned)"));
                break;
            }
        }

        stats.Elapsed = clock.Elapsed;
        stats.Failures = failures.Total;
        output?.WriteLine(stats.Format());
        stats.WriteReportLine();
        if (crash is not null)
        {
            throw new InvalidOperationException($"The fuzz harness of {target.Name} failed.", crash);
        }

        if (failures.Total > 0)
        {
            var report = failures.Format();
            output?.WriteLine(report);
            Xunit.Assert.Fail(report);
        }

        return stats;
    }

    private static void Loop<T>(FuzzTarget<T> target, FuzzStats stats, FuzzFailures failures, Watch watch)
    {
        var seed = FuzzRandom.Mix(FuzzSettings.Seed, FuzzRandom.Hash(target.Name));
        var (first, last) = FuzzSettings.Replay is { } replay ? (replay, replay + 1) : (0L, FuzzSettings.Iterations);
        var outcome = new FuzzOutcome();
        for (var i = first; i < last && !watch.Stop; i++)
        {
            var input = target.Generate(seed, i);
            var started = Stopwatch.GetTimestamp();
            var failure = Evaluate(target, input, outcome, watch, checkMemory: i - first >= WarmUp);
            var elapsed = Stopwatch.GetElapsedTime(started);
            stats.Add(outcome, target.Length(input.Value), elapsed, i);
            if (failure is null || watch.Stop)
            {
                continue;
            }

            var added = failures.Add(i, input.Origin, target.Describe(input.Value), failure);
            if (added is not null && target.Shrink is not null)
            {
                added.MinimalInput = Minimize(target, input, added.Signature, watch);
            }
        }
    }

    private static Exception? Evaluate<T>(FuzzTarget<T> target, FuzzCase<T> input, FuzzOutcome outcome, Watch watch, bool checkMemory)
    {
        outcome.Reset();
        watch.Enter(input, target.Describe);
        try
        {
            target.Check(input.Value, outcome);
        }
        catch (Exception ex)
        {
            return ex;
        }
        finally
        {
            watch.Leave();
        }

        if (checkMemory && target.AllocationBound is { } bound)
        {
            var length = target.Length(input.Value);
            var limit = bound(length);
            if (outcome.Allocated > limit)
            {
                return new FuzzInvariantException("bounded-memory", string.Create(CultureInfo.InvariantCulture, $"the call allocated {outcome.Allocated:N0} bytes for an input of {length:N0} bytes; the bound is {limit:N0} (64 × length + 1 MiB)"));
            }
        }

        return null;
    }

    /// <summary>Shrinks an input greedily (first smaller variant that fails the same way, again) within a time budget.</summary>
    private static string Minimize<T>(FuzzTarget<T> target, FuzzCase<T> input, string signature, Watch watch)
    {
        var current = input.Value;
        var clock = Stopwatch.StartNew();
        var outcome = new FuzzOutcome();
        var improved = true;
        while (improved && clock.Elapsed < ShrinkBudget && !watch.Stop)
        {
            improved = false;
            foreach (var candidate in target.Shrink!(current))
            {
                if (clock.Elapsed >= ShrinkBudget || watch.Stop)
                {
                    break;
                }

                var failure = Evaluate(target, input with { Value = candidate, Origin = input.Origin + " (shrunk)" }, outcome, watch, checkMemory: true);
                if (failure is not null && FuzzFailures.SignatureOf(failure) == signature)
                {
                    current = candidate;
                    improved = true;
                    break;
                }
            }
        }

        return target.Describe(current);
    }

    /// <summary>Smaller variants of a byte input: spans removed, halves first, down to single bytes.</summary>
    public static IEnumerable<byte[]> ShrinkBytes(byte[] input)
    {
        for (var chunk = Math.Max(1, input.Length / 2); chunk >= 1; chunk /= 2)
        {
            for (var start = 0; start + chunk <= input.Length; start += chunk)
            {
                yield return [.. input.AsSpan(0, start), .. input.AsSpan(start + chunk)];
            }

            if (chunk == 1)
            {
                yield break;
            }
        }
    }

    /// <summary>What the worker is running, for the watchdog.</summary>
    private sealed class Watch
    {
        private readonly object _gate = new();
        private long _busySince;
        private Func<(long Iteration, string Origin, Func<string> Describe)>? _current;

        public volatile bool Stop;

        public void Enter<T>(FuzzCase<T> input, Func<T, string> describe)
        {
            lock (_gate)
            {
                _current = () => (input.Iteration, input.Origin, () => describe(input.Value));
                _busySince = Stopwatch.GetTimestamp();
            }
        }

        public void Leave()
        {
            lock (_gate)
            {
                _busySince = 0;
            }
        }

        public (long Iteration, string Origin, Func<string> Describe)? Overdue(TimeSpan limit)
        {
            lock (_gate)
            {
                return _busySince != 0 && Stopwatch.GetElapsedTime(_busySince) > limit ? _current!() : null;
            }
        }
    }
}
