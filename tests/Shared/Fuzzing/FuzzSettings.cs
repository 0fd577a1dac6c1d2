using System;
using System.Globalization;

namespace MarketplaceLeads.Testing.Fuzzing;

/// <summary>
/// The fuzzing knobs, from the environment: how many inputs per target (<c>MARKETPLACELEADS_FUZZ_ITERATIONS</c>,
/// default 10,000, the CI run), which seed (<c>MARKETPLACELEADS_FUZZ_SEED</c>, default fixed so that CI is
/// reproducible), one iteration to replay (<c>MARKETPLACELEADS_FUZZ_REPLAY</c>), the per-input time limit
/// (<c>MARKETPLACELEADS_FUZZ_TIME_LIMIT_MS</c>, default 2,000) and a file that collects one line of numbers per
/// target (<c>MARKETPLACELEADS_FUZZ_REPORT</c>, used by <c>eng/fuzz.sh</c>).
/// </summary>
internal static class FuzzSettings
{
    public const string IterationsVariable = "MARKETPLACELEADS_FUZZ_ITERATIONS";
    public const string SeedVariable = "MARKETPLACELEADS_FUZZ_SEED";
    public const string ReplayVariable = "MARKETPLACELEADS_FUZZ_REPLAY";
    public const string TimeLimitVariable = "MARKETPLACELEADS_FUZZ_TIME_LIMIT_MS";
    public const string ReportVariable = "MARKETPLACELEADS_FUZZ_REPORT";

    /// <summary>The inputs per target in CI.</summary>
    public const long DefaultIterations = 10_000;

    /// <summary>The fixed default seed (any value works; this one is the date the fuzzer was written).</summary>
    public const ulong DefaultSeed = 20_261_114;

    /// <summary>Gets the number of inputs per target.</summary>
    public static long Iterations { get; } = ReadLong(IterationsVariable, DefaultIterations, 1);

    /// <summary>Gets the seed every target derives its inputs from.</summary>
    public static ulong Seed { get; } = (ulong)ReadLong(SeedVariable, (long)DefaultSeed, 0);

    /// <summary>Gets the one iteration to run instead of all of them, when replaying a reported failure.</summary>
    public static long? Replay { get; } = Environment.GetEnvironmentVariable(ReplayVariable) is { Length: > 0 } ? ReadLong(ReplayVariable, 0, 0) : null;

    /// <summary>Gets the longest one input may take before it counts as a hang.</summary>
    public static TimeSpan TimeLimit { get; } = TimeSpan.FromMilliseconds(ReadLong(TimeLimitVariable, 2_000, 1));

    /// <summary>Gets the file that collects one line of numbers per target, or <see langword="null"/>.</summary>
    public static string? ReportFile { get; } = Environment.GetEnvironmentVariable(ReportVariable) is { Length: > 0 } path ? path : null;

    /// <summary>Gets the environment variables that reproduce a run, to print with a failure.</summary>
    public static string Describe() => string.Create(
        CultureInfo.InvariantCulture,
        $"{SeedVariable}={Seed} {IterationsVariable}={Iterations}");

    private static long ReadLong(string name, long fallback, long minimum)
    {
        var text = Environment.GetEnvironmentVariable(name);
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        if (!long.TryParse(text.Replace("_", string.Empty, StringComparison.Ordinal), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < minimum)
        {
            throw new InvalidOperationException($"The environment variable {name} is '{text}'; expected a whole number of at least {minimum}.");
        }

        return value;
    }
}
