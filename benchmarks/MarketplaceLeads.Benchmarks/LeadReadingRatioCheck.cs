using System;
using System.Diagnostics;
using System.Globalization;
using System.Linq;

namespace MarketplaceLeads.Benchmarks;

/// <summary>
/// The ratios of <see cref="LeadReadingBenchmarks"/> on a shared machine: its methods timed in interleaved slices rather
/// than one after the other, so that a change in the machine's load hits every method alike. Each round times every
/// method for one slice (in a rotating order) and divides by the baseline's slice of the same round; the row gives the
/// median ratio over the rounds and its interquartile range, and the ratio of the fastest tenth of each method's slices
/// (the slices least disturbed by other processes).
/// </summary>
/// <remarks>
/// <c>dotnet run -c Release -- --reading-ratios [rounds]</c> (default 200 rounds of 20 ms slices, about 20 s). Not a
/// replacement for the BenchmarkDotNet table (no allocation figures, a simpler warm-up), but on a loaded machine its
/// ratios spread far less, because the baseline and the method ran within milliseconds of each other.
/// </remarks>
internal static class LeadReadingRatioCheck
{
    /// <summary>The command-line switch that selects this check.</summary>
    public const string Switch = "--reading-ratios";

    private const double SliceMilliseconds = 20;

    public static int Run(string[] args)
    {
        var rounds = 200;
        if (args.Length > 0 && (!int.TryParse(args[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out rounds) || rounds < 10))
        {
            Console.Error.WriteLine($"{Switch}: '{args[0]}' is not a number of rounds (at least 10).");
            return 2;
        }

        var benchmarks = new LeadReadingBenchmarks();
        benchmarks.Setup(); // checks every method reads what the baseline reads
        (string Name, Func<int> Method)[] methods =
        [
            (nameof(LeadReadingBenchmarks.SourceGeneratedJsonSerializer), benchmarks.SourceGeneratedJsonSerializer),
            (nameof(LeadReadingBenchmarks.ReflectionJsonSerializer), benchmarks.ReflectionJsonSerializer),
            (nameof(LeadReadingBenchmarks.LeadReaderKeepRawPayload), benchmarks.LeadReaderKeepRawPayload),
            (nameof(LeadReadingBenchmarks.LeadReaderNoRawPayload), benchmarks.LeadReaderNoRawPayload),
        ];

        // Warm-up: long enough for tiered compilation to reach its optimised code.
        for (var i = 0; i < 30; i++)
        {
            foreach (var (_, method) in methods)
            {
                Slice(method);
            }
        }

        var perLead = new double[methods.Length][];
        for (var m = 0; m < methods.Length; m++)
        {
            perLead[m] = new double[rounds];
        }

        for (var round = 0; round < rounds; round++)
        {
            for (var k = 0; k < methods.Length; k++)
            {
                var m = (round + k) % methods.Length;
                perLead[m][round] = Slice(methods[m].Method);
            }
        }

        Console.Error.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"Lead reading ratios: {rounds} rounds of {SliceMilliseconds} ms slices, .NET {Environment.Version}, {Environment.ProcessorCount} logical cores, load {LoadAverage()}"));
        Console.WriteLine("| method | median ns/lead | ratio (median) | ratio p25–p75 | p10 ns/lead | ratio of p10s |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|");
        for (var m = 0; m < methods.Length; m++)
        {
            var ratios = perLead[m].Select((value, round) => value / perLead[0][round]).Order().ToArray();
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"| {methods[m].Name} | {Median(perLead[m]):N0} | {Quantile(ratios, 0.5):N2} | {Quantile(ratios, 0.25):N2}–{Quantile(ratios, 0.75):N2} | {Quantile([.. perLead[m].Order()], 0.1):N0} | {Quantile([.. perLead[m].Order()], 0.1) / Quantile([.. perLead[0].Order()], 0.1):N2} |"));
        }

        return 0;
    }

    /// <summary>Runs a method for about one slice and returns the time per lead in nanoseconds.</summary>
    private static double Slice(Func<int> method)
    {
        var checksum = 0;
        var invocations = 0;
        var start = Stopwatch.GetTimestamp();
        var end = start + (long)(SliceMilliseconds * Stopwatch.Frequency / 1000);
        long now;
        do
        {
            for (var i = 0; i < 16; i++)
            {
                checksum ^= method();
            }

            invocations += 16;
            now = Stopwatch.GetTimestamp();
        }
        while (now < end);

        GC.KeepAlive(checksum);
        return (now - start) * 1e9 / Stopwatch.Frequency / (invocations * (double)LeadReadingBenchmarks.OperationsPerInvoke);
    }

    private static double Median(double[] values) => Quantile([.. values.Order()], 0.5);

    private static double Quantile(double[] sorted, double q)
    {
        var position = q * (sorted.Length - 1);
        var low = (int)Math.Floor(position);
        var high = Math.Min(low + 1, sorted.Length - 1);
        return sorted[low] + ((sorted[high] - sorted[low]) * (position - low));
    }

    private static string LoadAverage()
    {
        try
        {
            return string.Join(' ', System.IO.File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (System.IO.IOException)
        {
            return "n/a";
        }
    }
}
