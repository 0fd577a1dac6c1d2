using System;
using System.Collections.Generic;
using System.IO;
using System.Threading.Tasks;

namespace MarketplaceLeads.AotSmoke;

/// <summary>
/// Runs named checks, prints one line per check (<c>PASS name</c> or <c>FAIL name: what differed</c>)
/// and counts failures. An exception thrown by a check fails that check and names the exception, so a
/// NativeAOT-only failure (missing metadata, a trimmed member) shows up as a failed line, not a crash.
/// </summary>
internal sealed class SmokeRun
{
    private readonly TextWriter _output;

    public SmokeRun(TextWriter output) => _output = output;

    public int Passed { get; private set; }

    public int Failed { get; private set; }

    public void Check(string name, Action<Expect> check)
    {
        var expect = new Expect();
        try
        {
            check(expect);
        }
        catch (Exception ex)
        {
            expect.Fail($"threw {ex.GetType().FullName}: {ex.Message}");
        }

        Report(name, expect);
    }

    public async Task CheckAsync(string name, Func<Expect, Task> check)
    {
        var expect = new Expect();
        try
        {
            await check(expect);
        }
        catch (Exception ex)
        {
            expect.Fail($"threw {ex.GetType().FullName}: {ex.Message}");
        }

        Report(name, expect);
    }

    private void Report(string name, Expect expect)
    {
        if (expect.Failures.Count == 0)
        {
            Passed++;
            _output.WriteLine($"PASS {name}");
        }
        else
        {
            Failed++;
            _output.WriteLine($"FAIL {name}: {string.Join("; ", expect.Failures)}");
        }
    }
}

/// <summary>Collects the mismatches of one check; a check passes when it collected none.</summary>
internal sealed class Expect
{
    private readonly List<string> _failures = [];

    public IReadOnlyList<string> Failures => _failures;

    public void Equal<T>(T expected, T actual, string what)
    {
        if (!EqualityComparer<T>.Default.Equals(expected, actual))
        {
            _failures.Add($"{what}: expected <{expected}>, got <{actual}>");
        }
    }

    public void True(bool condition, string what)
    {
        if (!condition)
        {
            _failures.Add(what);
        }
    }

    public void Fail(string what) => _failures.Add(what);
}
