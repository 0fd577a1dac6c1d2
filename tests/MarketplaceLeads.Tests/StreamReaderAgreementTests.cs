using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using MarketplaceLeads.Tests.Support;

namespace MarketplaceLeads.Tests;

/// <summary>
/// Issue #14, fuzzer finding 3 and its neighbour: the streaming readers read what the span readers read. The stream
/// reader of HTTPS bodies stopped at the end of a top-level array and dropped what followed (<c>[{…}] {…}</c> lost the
/// second lead silently); a JSON Lines file skipped a byte order mark only on its first line, while
/// <see cref="LeadReader.ReadJsonLine"/> skips one on any line (files joined with <c>cat</c> have one on each).
/// </summary>
public sealed class StreamReaderAgreementTests
{
    private static readonly LeadReader Skipping = new(new LeadReaderOptions { ErrorPolicy = LeadReadErrorPolicy.SkipAndReport });

    public static TheoryData<string> BodiesWithSomethingAfterTheArray => new()
    {
        "[{}]12",
        "[][]",
        "[{\"LeadSource\":\"AppSource-PLT|a.b\"}] {\"LeadSource\":\"AppSource-PLT|c.d\"}",
        "[]\n\n  x",
        "[{}]\u00FF",
    };

    [Theory]
    [MemberData(nameof(BodiesWithSomethingAfterTheArray))]
    public async Task ReadHttpsPayloadsAsync_DataAfterTheTopLevelArray_IsReportedAsTheSpanReaderReportsIt(string body)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var expected = Skipping.ReadHttpsPayloads(bytes);
        Assert.False(expected[^1].IsSuccess);

        foreach (var readSize in new[] { 1, 2, 3, 4096 })
        {
            var actual = await ReadAllAsync(Skipping.ReadHttpsPayloadsAsync(new TrickleStream(bytes, readSize)));

            Assert.Equal(Describe(expected), Describe(actual));
            Assert.Equal(expected[^1].Error, actual[^1].Error);
        }
    }

    [Fact]
    public async Task ReadHttpsPayloadsAsync_InvalidUtf8AfterAnEmptyArray_IsAnError()
    {
        byte[] body = [.. "[]"u8, 0xF0, 0x9F];

        var error = Assert.Single(await ReadAllAsync(Skipping.ReadHttpsPayloadsAsync(new TrickleStream(body, 1)))).Error!;

        Assert.StartsWith("malformed JSON", error.Reason, StringComparison.Ordinal);
        Assert.Equal(2, error.BytePosition);
    }

    [Fact]
    public async Task ReadHttpsPayloadsAsync_WhiteSpaceAfterTheArray_IsFine()
    {
        var body = "[{\"LeadSource\":\"AppSource-PLT|a.b\"}]\r\n \t\n"u8.ToArray();

        var results = await ReadAllAsync(Skipping.ReadHttpsPayloadsAsync(new TrickleStream(body, 1)));

        Assert.True(Assert.Single(results).IsSuccess);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4096)]
    public async Task ReadJsonLinesAsync_ByteOrderMarkAtTheStartOfALaterLine_IsSkippedAsReadJsonLineSkipsIt(int readSize)
    {
        byte[] bom = [0xEF, 0xBB, 0xBF];
        byte[] file = [.. bom, .. """{"LeadSource":"AppSource-PLT|a.b"}"""u8, (byte)'\n', .. bom, .. """{"LeadSource":"AppSource-PLT|c.d"}"""u8, (byte)'\n'];

        var results = await ReadAllAsync(Skipping.ReadJsonLinesAsync(new TrickleStream(file, readSize)));

        Assert.Equal(["b", "d"], results.Select(r => r.Lead!.Offer.OfferId));
        Assert.Equal(2, results[1].LineNumber);
    }

    private static string Describe(IEnumerable<LeadReadResult> results) =>
        string.Join(" | ", results.Select(r => r.IsSuccess ? "lead " + r.Lead.Id : "error at " + r.Error!.BytePosition + ": " + r.Error.Reason));

    private static async Task<List<LeadReadResult>> ReadAllAsync(IAsyncEnumerable<LeadReadResult> results)
    {
        var list = new List<LeadReadResult>();
        await foreach (var result in results)
        {
            list.Add(result);
        }

        return list;
    }
}
