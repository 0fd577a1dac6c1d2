using System;
using System.Text;
using MarketplaceLeads.Testing.Fuzzing;
using Xunit.Abstractions;

namespace MarketplaceLeads.Tests.Fuzzing;

/// <summary>
/// Mutation fuzzing of the <c>LeadSource</c> parsers (docs/fuzzing.md), UTF-8 and UTF-16. <c>TryParse</c> never
/// throws, <c>Parse</c> throws only <see cref="FormatException"/> (with a message in the user's terms) and exactly when
/// <c>TryParse</c> fails, the UTF-8 and UTF-16 parsers agree, a second parse (from the cache) agrees with the first,
/// and a parsed value formats to text that parses back to it.
/// </summary>
[Trait("Category", "Fuzz")]
public sealed class LeadSourceFuzzTests
{
    private readonly ITestOutputHelper _output;

    public LeadSourceFuzzTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public void LeadSourceParsers_MutatedTexts_AgreeAndThrowOnlyFormatException() =>
        FuzzRunner.RunBytes("LeadSource.TryParse/Parse", FuzzCorpus.LeadSources, Mutators.ForText, static (input, outcome) =>
        {
            var ok8 = outcome.Measure(() => LeadSource.TryParse(input, out var parsed) ? parsed : (LeadSource?)null);
            ParseAgrees(ok8, () => LeadSource.Parse(input), "LeadSource.Parse(UTF-8)", outcome);
            var again8 = LeadSource.TryParse(input, out var parsedAgain) ? parsedAgain : (LeadSource?)null;
            FuzzInvariantException.Check(again8 == ok8, "utf8-cached-agrees", () => $"A second LeadSource.TryParse(UTF-8) gives {Show(again8)}, the first gave {Show(ok8)}");

            // UTF-16: the text as decoded, and (from the input's hash) with a lone surrogate, which only UTF-16 can hold.
            var text = Encoding.UTF8.GetString(input);
            var hash = FuzzRandom.Hash(input);
            if (hash % 5 == 0)
            {
                text = text.Insert((int)(hash % (ulong)(text.Length + 1)), hash % 2 == 0 ? "\uD83D" : "\uDC00");
            }

            var ok16 = LeadSource.TryParse(text, out var fromString) ? fromString : (LeadSource?)null;
            var okSpan = LeadSource.TryParse(text.AsSpan(), out var fromSpan) ? fromSpan : (LeadSource?)null;
            FuzzInvariantException.Check(ok16 == okSpan, "string-and-span-agree", () => $"TryParse(string) gives {Show(ok16)}, TryParse(ReadOnlySpan<char>) gives {Show(okSpan)}");
            ParseAgrees(ok16, () => LeadSource.Parse(text), "LeadSource.Parse(string)", outcome);
            ParseAgrees(okSpan, () => LeadSource.Parse(text.AsSpan()), "LeadSource.Parse(ReadOnlySpan<char>)", outcome);
            if (System.Text.Unicode.Utf8.IsValid(input) && Encoding.UTF8.GetString(input) == text)
            {
                FuzzInvariantException.Check(ok8 == ok16, "utf8-and-utf16-agree", () => $"UTF-8 gives {Show(ok8)}, UTF-16 gives {Show(ok16)}");
            }

            if (ok16 is { } parsed16)
            {
                var formatted = parsed16.ToString();
                FuzzInvariantException.Check(LeadSource.TryParse(formatted, out var again) && again == parsed16, "format-parses-back", () => $"{CSharpText.String(formatted)} (the formatted value) does not parse back to the same LeadSource");
                outcome.Lead();
            }
            else
            {
                outcome.Error("not a lead source");
            }
        }, _output);

    /// <summary><c>Parse</c> returns what <c>TryParse</c> returned, or throws <see cref="FormatException"/> (in the user's terms) exactly when it failed.</summary>
    private static void ParseAgrees(LeadSource? tried, Func<LeadSource> parse, string what, FuzzOutcome outcome)
    {
        LeadSource parsed;
        try
        {
            parsed = parse();
        }
        catch (FormatException ex)
        {
            outcome.ExpectedException();
            FuzzInvariantException.Check(tried is null, "parse-throws-only-when-try-parse-fails", () => $"{what} threw although TryParse gave {Show(tried)}: {ex.Message}");
            FuzzInvariantException.Check(!FuzzInvariants.NamesDotNetType(ex.Message), "reason-names-no-dotnet-type", () => $"{what}'s message names a .NET type: {ex.Message}");
            return;
        }

        FuzzInvariantException.Check(tried is not null && tried.Value == parsed, "parse-agrees-with-try-parse", () => $"{what} gave {Show(parsed)} where TryParse gave {Show(tried)}");
    }

    private static string Show(LeadSource? source) => source is { } s ? CSharpText.String(s.ToString()) : "no lead source";
}
