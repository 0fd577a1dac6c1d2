using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;

namespace MarketplaceLeads.Testing.Fuzzing;

/// <summary>An invariant a target broke on an input; <see cref="Invariant"/> names it (it is part of the failure's signature).</summary>
internal sealed class FuzzInvariantException : Exception
{
    public FuzzInvariantException(string invariant, string message)
        : base(message)
    {
        Invariant = invariant;
    }

    public FuzzInvariantException()
    {
        Invariant = "unnamed";
    }

    public FuzzInvariantException(string message)
        : base(message)
    {
        Invariant = "unnamed";
    }

    public FuzzInvariantException(string message, Exception innerException)
        : base(message, innerException)
    {
        Invariant = "unnamed";
    }

    public string Invariant { get; }

    /// <summary>Throws when <paramref name="condition"/> is false.</summary>
    public static void Check(bool condition, string invariant, Func<string> message)
    {
        if (!condition)
        {
            throw new FuzzInvariantException(invariant, message());
        }
    }
}

/// <summary>What one input did: leads and errors (by reason class), exceptions that were expected, allocations of the measured call.</summary>
internal sealed class FuzzOutcome
{
    public int Leads { get; private set; }

    public List<string> ErrorClasses { get; } = [];

    public int ExpectedExceptions { get; private set; }

    /// <summary>Gets the bytes allocated by the measured call(s) on this thread, the largest if several.</summary>
    public long Allocated { get; private set; }

    public void Reset()
    {
        Leads = 0;
        ErrorClasses.Clear();
        ExpectedExceptions = 0;
        Allocated = 0;
    }

    public void Lead() => Leads++;

    public void Error(string reason) => ErrorClasses.Add(FuzzStats.ReasonClass(reason));

    public void ExpectedException() => ExpectedExceptions++;

    /// <summary>Runs <paramref name="call"/> and records what it allocated on this thread (<see cref="GC.GetAllocatedBytesForCurrentThread"/>).</summary>
    public TResult Measure<TResult>(Func<TResult> call)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        var result = call();
        Allocated = Math.Max(Allocated, GC.GetAllocatedBytesForCurrentThread() - before);
        return result;
    }
}

/// <summary>The numbers of one target's run: inputs, rate, outcomes, the most allocated per input and the slowest input.</summary>
internal sealed class FuzzStats
{
    private static readonly object ReportLock = new();

    private readonly Dictionary<string, long> _errorsByClass = new(StringComparer.Ordinal);

    public FuzzStats(string target)
    {
        Target = target;
    }

    public string Target { get; }

    public long Inputs { get; private set; }

    public long Leads { get; private set; }

    public long Errors { get; private set; }

    public long ExpectedExceptions { get; private set; }

    public long MaxAllocated { get; private set; }

    public long MaxAllocatedInputLength { get; private set; }

    public TimeSpan Slowest { get; private set; }

    public long SlowestIteration { get; private set; } = -1;

    public TimeSpan Elapsed { get; set; }

    public long Failures { get; set; }

    /// <summary>Reduces a reason to its class: quoted parts and numbers blanked, cut at 70 characters.</summary>
    public static string ReasonClass(string reason)
    {
        var text = Regex.Replace(reason, "'[^']*'", "'…'");
        text = Regex.Replace(text, "(?<!UTF-)[0-9]+", "N");
        return text.Length > 70 ? text[..70] + "…" : text;
    }

    public void Add(FuzzOutcome outcome, long inputLength, TimeSpan elapsed, long iteration)
    {
        Inputs++;
        Leads += outcome.Leads;
        Errors += outcome.ErrorClasses.Count;
        ExpectedExceptions += outcome.ExpectedExceptions;
        foreach (var reason in outcome.ErrorClasses)
        {
            _errorsByClass[reason] = _errorsByClass.GetValueOrDefault(reason) + 1;
        }

        if (outcome.Allocated > MaxAllocated)
        {
            MaxAllocated = outcome.Allocated;
            MaxAllocatedInputLength = inputLength;
        }

        if (elapsed > Slowest)
        {
            Slowest = elapsed;
            SlowestIteration = iteration;
        }
    }

    public void AddCounts(long leads, IEnumerable<string> errorReasons)
    {
        Leads += leads;
        foreach (var reason in errorReasons)
        {
            Errors++;
            var key = ReasonClass(reason);
            _errorsByClass[key] = _errorsByClass.GetValueOrDefault(key) + 1;
        }
    }

    public void CountInput() => Inputs++;

    /// <summary>Records the time of one input, for targets that time inputs themselves.</summary>
    public void RecordTime(TimeSpan elapsed, long iteration)
    {
        if (elapsed > Slowest)
        {
            Slowest = elapsed;
            SlowestIteration = iteration;
        }
    }

    /// <summary>Gets the error reason classes, most frequent first.</summary>
    public IEnumerable<(string Reason, long Count)> TopReasons(int count) =>
        _errorsByClass.OrderByDescending(static p => p.Value).ThenBy(static p => p.Key, StringComparer.Ordinal).Take(count).Select(static p => (p.Key, p.Value));

    private string Allocation => MaxAllocated == 0
        ? "not measured"
        : string.Create(CultureInfo.InvariantCulture, $"{MaxAllocated / 1024.0:N1} KiB (input of {MaxAllocatedInputLength:N0} B)");

    private string SlowestText => SlowestIteration < 0
        ? "not measured"
        : string.Create(CultureInfo.InvariantCulture, $"{Slowest.TotalMilliseconds:N1} ms (iteration {SlowestIteration})");

    public double InputsPerSecond => Elapsed.TotalSeconds > 0 ? Inputs / Elapsed.TotalSeconds : 0;

    /// <summary>Formats the numbers for the test output.</summary>
    public string Format()
    {
        var lines = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture, $"fuzz target {Target}: {Inputs:N0} inputs in {Elapsed.TotalSeconds:F1} s ({InputsPerSecond:N0}/s), seed {FuzzSettings.Seed}"),
            string.Create(CultureInfo.InvariantCulture, $"  outcomes: {Leads:N0} leads, {Errors:N0} errors, {ExpectedExceptions:N0} documented exceptions (Throw policy), {Failures:N0} failures"),
            $"  max allocated per input: {Allocation}; slowest input: {SlowestText}",
        };
        lines.AddRange(TopReasons(8).Select(static r => string.Create(CultureInfo.InvariantCulture, $"  {r.Count,9:N0} × {r.Reason}")));
        return string.Join(Environment.NewLine, lines);
    }

    /// <summary>Appends one Markdown table row to <see cref="FuzzSettings.ReportFile"/> (for <c>eng/fuzz.sh</c>), when set.</summary>
    public void WriteReportLine()
    {
        if (FuzzSettings.ReportFile is not { } file)
        {
            return;
        }

        var reasons = string.Join("; ", TopReasons(3).Select(static r => string.Create(CultureInfo.InvariantCulture, $"{r.Reason.Replace("|", "\\|", StringComparison.Ordinal)} ({r.Count:N0})")));
        var row = string.Create(
            CultureInfo.InvariantCulture,
            $"| {Target} | {Inputs:N0} | {InputsPerSecond:N0} | {Leads:N0} | {Errors:N0} | {reasons} | {Allocation} | {SlowestText} | {Failures:N0} |");
        lock (ReportLock)
        {
            File.AppendAllLines(file, [row]);
        }
    }
}
