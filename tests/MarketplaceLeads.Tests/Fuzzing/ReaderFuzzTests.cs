using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using MarketplaceLeads.Testing.Fuzzing;
using Microsoft.Extensions.Time.Testing;
using Xunit.Abstractions;

namespace MarketplaceLeads.Tests.Fuzzing;

/// <summary>
/// Mutation fuzzing of every <see cref="LeadReader"/> entry point (docs/fuzzing.md): inputs mutated from the samples
/// (escapes, surrogates, huge numbers, BOMs, control characters, truncation, duplication, …), each read under
/// <see cref="LeadReadErrorPolicy.SkipAndReport"/> (never throws, loses nothing) and under
/// <see cref="LeadReadErrorPolicy.Throw"/> (throws only <see cref="LeadReadException"/>, with the same first error).
/// </summary>
[Trait("Category", "Fuzz")]
public sealed class ReaderFuzzTests
{
    private static readonly FakeTimeProvider Clock = new(new DateTimeOffset(2026, 11, 1, 9, 0, 0, TimeSpan.Zero));
    private static readonly LeadReader Skipping = new(new LeadReaderOptions { ErrorPolicy = LeadReadErrorPolicy.SkipAndReport, TimeProvider = Clock });
    private static readonly LeadReader Throwing = new(new LeadReaderOptions { ErrorPolicy = LeadReadErrorPolicy.Throw, TimeProvider = Clock });
    private static readonly int MaxRecordBytes = new LeadReaderOptions().MaxRecordBytes;
    private static readonly int[] ChunkSizes = [1, 2, 3, 7, 64, 1000, 4096, 70_000];

    private readonly ITestOutputHelper _output;

    public ReaderFuzzTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public void ReadHttpsPayload_MutatedBodies_NeverThrowsAndKeepsTheRecord() =>
        FuzzRunner.RunBytes("LeadReader.ReadHttpsPayload", FuzzCorpus.HttpsBodies, Mutators.ForJson, static (input, outcome) =>
        {
            var result = outcome.Measure(() => Skipping.ReadHttpsPayload(input));
            CheckSingleRecord(result, input, outcome);
            AgreesUnderThrow(() => [Throwing.ReadHttpsPayload(input)], [result], outcome);
        }, _output);

    [Fact]
    public void ReadHttpsPayloads_MutatedBodies_NeverThrowsAndReadsEveryRecord() =>
        FuzzRunner.RunBytes("LeadReader.ReadHttpsPayloads", FuzzCorpus.HttpsBodies, Mutators.ForJson, static (input, outcome) =>
        {
            var results = outcome.Measure(() => Skipping.ReadHttpsPayloads(input));
            CheckBody(results, input, outcome);
            AgreesUnderThrow(() => Throwing.ReadHttpsPayloads(input), results, outcome);
        }, _output);

    [Fact]
    public void ReadHttpsPayloadsAsync_MutatedBodiesInRandomChunks_AgreesWithTheSpanReader() =>
        FuzzRunner.RunBytes("LeadReader.ReadHttpsPayloadsAsync", FuzzCorpus.HttpsBodies, Mutators.ForJson, static (input, outcome) =>
        {
            var results = outcome.Measure(() => RandomChunkStream.Collect(Skipping.ReadHttpsPayloadsAsync(Chunked(input))));
            CheckBody(results, input, outcome);
            SameRecords(results, Skipping.ReadHttpsPayloads(input), "stream-agrees-with-span", "ReadHttpsPayloads over the same bytes");
            AgreesUnderThrow(() => RandomChunkStream.Collect(Throwing.ReadHttpsPayloadsAsync(Chunked(input))), results, outcome);
        }, _output);

    [Fact]
    public void ReadJsonLine_MutatedLines_NeverThrowsAndKeepsTheLine() =>
        FuzzRunner.RunBytes("LeadReader.ReadJsonLine", FuzzCorpus.JsonLines, Mutators.ForJson, static (input, outcome) =>
        {
            var result = outcome.Measure(() => Skipping.ReadJsonLine(input));
            CheckSingleRecord(result, input, outcome);
            AgreesUnderThrow(() => [Throwing.ReadJsonLine(input)], [result], outcome);
        }, _output);

    [Fact]
    public void ReadJsonLinesAsync_MutatedFilesInRandomChunks_YieldsOneResultPerNonBlankLine() =>
        FuzzRunner.RunBytes("LeadReader.ReadJsonLinesAsync", FuzzCorpus.JsonLines, Mutators.ForJson, static (input, outcome) =>
        {
            var results = outcome.Measure(() => RandomChunkStream.Collect(Skipping.ReadJsonLinesAsync(Chunked(input))));
            foreach (var result in results)
            {
                FuzzInvariants.CheckResult(result, input, outcome);
            }

            var lines = NonBlankLines(input);
            lines.RemoveAll(IsByteOrderMarkOnly); // a line holding only a BOM is blank: the reader skips a BOM at the start of any line

            FuzzInvariantException.Check(results.Count == lines.Count, "one-result-per-non-blank-line", () => $"{lines.Count} non-blank lines gave {results.Count} results");
            SameRecords(results, lines.Select(static line => Skipping.ReadJsonLine(line)).ToList(), "lines-agree-with-read-json-line", "ReadJsonLine on each line");
            AgreesUnderThrow(() => RandomChunkStream.Collect(Throwing.ReadJsonLinesAsync(Chunked(input))), results, outcome);
        }, _output);

    [Fact]
    public void ReadCsvAsync_MutatedFilesInRandomChunks_KeepsEveryRowOrItsRawText() =>
        FuzzRunner.RunBytes("LeadReader.ReadCsvAsync", FuzzCorpus.Csv, Mutators.ForCsv, static (input, outcome) =>
        {
            var results = outcome.Measure(() => RandomChunkStream.Collect(Skipping.ReadCsvAsync(Chunked(input))));
            foreach (var result in results)
            {
                FuzzInvariants.CheckResult(result, input, outcome);
            }

            SameRecords(results, RandomChunkStream.Collect(Skipping.ReadCsvAsync(new MemoryStream(input))), "chunks-do-not-matter", "one read of the whole file");
            CheckCsvCoverage(results, input);
            AgreesUnderThrow(() => RandomChunkStream.Collect(Throwing.ReadCsvAsync(Chunked(input))), results, outcome);
        }, _output);

    [Fact]
    public void ReadTableRow_MutatedEntities_NeverThrowsAndKeepsTheEntity()
    {
        var fuzzer = new TableRowFuzzer(FuzzCorpus.TableRows);
        FuzzRunner.Run(
            new FuzzTarget<Dictionary<string, object?>>
            {
                Name = "LeadReader.ReadTableRow",
                Generate = fuzzer.Generate,
                Check = static (entity, outcome) =>
                {
                    var result = outcome.Measure(() => Skipping.ReadTableRow(entity));
                    FuzzInvariants.CheckResult(result, default, outcome, rawTextFromInput: false);
                    AgreesUnderThrow(() => [Throwing.ReadTableRow(entity)], [result], outcome);
                },
                Describe = static entity => CSharpText.Entity(entity),
                Length = static entity => TableRowFuzzer.Size(entity),
                Shrink = TableRowFuzzer.Shrink,
                AllocationBound = FuzzRunner.DefaultAllocationBound,
            },
            _output);
    }

    /// <summary>
    /// A single-record read keeps the whole record as the error's raw text (up to the record limit). A leading byte order
    /// mark is not part of the record: it says how the record is encoded, the reader skips it (positions still count it),
    /// and a lead's <see cref="Lead.RawPayload"/> leaves it out too.
    /// </summary>
    private static void CheckSingleRecord(LeadReadResult result, byte[] input, FuzzOutcome outcome)
    {
        FuzzInvariants.CheckResult(result, input, outcome);
        if (!result.IsSuccess)
        {
            var record = IsByteOrderMarkAt(input, 0) ? input.AsSpan(3) : input;
            var expected = Encoding.UTF8.GetString(record[..Math.Min(record.Length, MaxRecordBytes)]);
            FuzzInvariantException.Check(result.Error.RawText == expected, "raw-text-is-the-record", () => $"the error's RawText ({result.Error.RawText?.Length} characters) is not the record ({expected.Length} characters): {result.Error.Reason}");
        }
    }

    /// <summary>A body yields at least one result (a lead or an error) unless it is exactly an empty array.</summary>
    private static void CheckBody(IReadOnlyList<LeadReadResult> results, byte[] input, FuzzOutcome outcome)
    {
        foreach (var result in results)
        {
            FuzzInvariants.CheckResult(result, input, outcome);
        }

        FuzzInvariantException.Check(results.Count > 0 || IsEmptyArray(input), "body-yields-a-result", () => "the body yielded no result: nothing read, nothing rejected (only an empty JSON array may yield none)");
    }

    /// <summary>Under the Throw policy the same input throws <see cref="LeadReadException"/> with the first error, or reads the same leads when there is no error.</summary>
    private static void AgreesUnderThrow(Func<IEnumerable<LeadReadResult>> underThrow, IReadOnlyList<LeadReadResult> skipped, FuzzOutcome outcome)
    {
        var firstError = skipped.FirstOrDefault(static r => !r.IsSuccess).Error;
        List<LeadReadResult> results;
        try
        {
            results = [.. underThrow()];
        }
        catch (LeadReadException ex)
        {
            outcome.ExpectedException();
            FuzzInvariantException.Check(firstError is not null, "throw-policy-throws-only-on-error", () => $"threw although SkipAndReport read every record: {ex.Error.Reason}");
            FuzzInvariantException.Check(ex.Error == firstError, "throw-policy-same-error", () => $"threw '{ex.Error.Reason}' where SkipAndReport reported '{firstError!.Reason}' first");
            FuzzInvariantException.Check(ex.Message.Contains(ex.Error.Reason, StringComparison.Ordinal), "exception-message-has-reason", () => $"the exception message does not give the reason: {ex.Message}");
            return;
        }

        FuzzInvariantException.Check(firstError is null, "throw-policy-throws-on-error", () => $"did not throw although SkipAndReport reported: {firstError!.Reason}");
        SameRecords(results, skipped, "throw-policy-same-leads", "SkipAndReport");
    }

    /// <summary>Two reads of the same input give the same records: count, lead or error, lead ids.</summary>
    private static void SameRecords(List<LeadReadResult> actual, IReadOnlyList<LeadReadResult> expected, string invariant, string what)
    {
        var same = actual.Count == expected.Count
            && actual.Zip(expected).All(static p => p.First.IsSuccess == p.Second.IsSuccess && (!p.First.IsSuccess || p.First.Lead.Id == p.Second.Lead!.Id));
        FuzzInvariantException.Check(same, invariant, () => $"the results differ from {what}: [{Summary(actual)}] versus [{Summary(expected)}]");
    }

    private static string Summary(IReadOnlyList<LeadReadResult> results) =>
        string.Join(", ", results.Take(8).Select(static r => r.IsSuccess ? "lead " + r.Lead.Id : "error '" + r.Error!.Reason + "'")) + (results.Count > 8 ? ", …" : string.Empty);

    /// <summary>
    /// Nothing in a CSV file is lost: every non-blank line after the header is in the raw text of a lead or an error
    /// (unless the header itself was rejected, which ends the read with one error by design).
    /// </summary>
    private static void CheckCsvCoverage(List<LeadReadResult> results, byte[] input)
    {
        if (results.Any(static r => !r.IsSuccess && r.Error.Reason.StartsWith("the header row cannot be used", StringComparison.Ordinal)))
        {
            return;
        }

        var lines = new List<string>();
        var start = IsByteOrderMarkAt(input, 0) ? 3 : 0;
        for (var i = start; i <= input.Length; i++)
        {
            if (i == input.Length || input[i] == (byte)'\n')
            {
                var line = input.AsSpan(start, i - start);
                if (!line.IsEmpty && line[^1] == (byte)'\r')
                {
                    line = line[..^1];
                }

                var text = Encoding.UTF8.GetString(line);
                if (text.Trim(' ', '\t').Length > 0)
                {
                    lines.Add(text);
                }

                start = i + 1;
            }
        }

        if (lines.Count < 2 || lines[0].Count(static c => c == '"') % 2 != 0)
        {
            return; // no data row, or a header that spans lines
        }

        var kept = string.Join('\n', results.Select(static r => r.IsSuccess ? r.Lead.RawPayload : r.Error!.RawText));
        var headerRejected = results.Count > 0 && !results[0].IsSuccess && results[0].Error!.RawText is { } raw && raw.Contains(lines[0], StringComparison.Ordinal);
        foreach (var line in lines.Skip(1))
        {
            FuzzInvariantException.Check(
                kept.Contains(line, StringComparison.Ordinal),
                headerRejected ? "csv-keeps-every-line-after-a-rejected-header" : "csv-keeps-every-line",
                () => $"the line {CSharpText.String(line)} is in no lead and no error's raw text{(headerRejected ? " (the header row was rejected as a record)" : string.Empty)}");
        }
    }

    private static RandomChunkStream Chunked(byte[] input)
    {
        // Any chunk size for small inputs; at least 256 bytes a read for large ones (1-byte reads of 64 KiB only cost time).
        var hash = FuzzRandom.Hash(input);
        var chunk = ChunkSizes[(int)(hash % (ulong)ChunkSizes.Length)];
        return new RandomChunkStream(input, hash, input.Length > 4096 ? Math.Max(256, chunk) : chunk);
    }

    private static List<byte[]> NonBlankLines(byte[] input)
    {
        var lines = new List<byte[]>();
        var start = 0;
        for (var i = 0; i <= input.Length; i++)
        {
            if (i == input.Length || input[i] == (byte)'\n')
            {
                var line = input.AsSpan(start, i - start);
                if (!line.IsEmpty && line[^1] == (byte)'\r')
                {
                    line = line[..^1];
                }

                if (!line.Trim(" \t"u8).IsEmpty)
                {
                    lines.Add(line.ToArray());
                }

                start = i + 1;
            }
        }

        return lines;
    }

    private static bool IsEmptyArray(byte[] input)
    {
        var json = input.AsSpan(IsByteOrderMarkAt(input, 0) ? 3 : 0).Trim(" \t\r\n"u8);
        return json.Length >= 2 && json[0] == (byte)'[' && json[^1] == (byte)']' && json[1..^1].Trim(" \t\r\n"u8).IsEmpty;
    }

    private static bool IsByteOrderMarkOnly(byte[] line) => IsByteOrderMarkAt(line, 0) && line.AsSpan(3).Trim(" \t"u8).IsEmpty;

    private static bool IsByteOrderMarkAt(byte[] data, int at) =>
        data.Length >= at + 3 && data[at] == 0xEF && data[at + 1] == 0xBB && data[at + 2] == 0xBF;
}
