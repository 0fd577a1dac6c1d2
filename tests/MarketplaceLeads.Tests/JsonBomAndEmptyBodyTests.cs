using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using MarketplaceLeads.Tests.Support;

namespace MarketplaceLeads.Tests;

/// <summary>
/// Issue #14, findings 3 and 4: a UTF-8 byte order mark at the start of a body, a file or a table row's
/// <c>CustomerInfo</c> is skipped; an empty or white-space body is one precise error, so it is dead-lettered.
/// </summary>
public class JsonBomAndEmptyBodyTests
{
    private static readonly byte[] Bom = [0xEF, 0xBB, 0xBF];

    private static LeadReader Reader(LeadReadErrorPolicy policy = LeadReadErrorPolicy.SkipAndReport) =>
        new(new LeadReaderOptions { ErrorPolicy = policy });

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static async Task<List<LeadReadResult>> ReadAllAsync(IAsyncEnumerable<LeadReadResult> results)
    {
        var list = new List<LeadReadResult>();
        await foreach (var result in results)
        {
            list.Add(result);
        }

        return list;
    }

    private static Lead AssertLead(LeadReadResult result)
    {
        Assert.True(result.IsSuccess, result.Error?.ToString());
        return result.Lead;
    }

    // ---- Finding 3: a UTF-8 byte order mark is skipped ----

    [Fact]
    public void ReadHttpsPayload_And_ReadHttpsPayloads_SkipALeadingBom()
    {
        byte[] json = [.. Bom, .. """{"LeadSource":"AppSource-PLT|a.b"}"""u8];
        byte[] array = [.. Bom, .. """ [{"LeadSource":"AppSource-PLT|a.b"},{"LeadSource":"AppSource-PLT|c.d"}]"""u8];

        Assert.Equal("b", AssertLead(Reader(LeadReadErrorPolicy.Throw).ReadHttpsPayload(json)).Offer.OfferId);
        Assert.Equal(["b", "d"], Reader(LeadReadErrorPolicy.Throw).ReadHttpsPayloads(array).Select(r => AssertLead(r).Offer.OfferId));
    }

    [Fact]
    public void ReadHttpsPayloads_BomThenAnError_CountsPositionsFromTheFirstByteOfTheBody()
    {
        byte[] json = [.. Bom, .. """{"UserDetails":5}"""u8];

        var error = Assert.Single(Reader().ReadHttpsPayloads(json)).Error!;

        Assert.Equal("$.UserDetails", error.JsonPath);
        Assert.Equal(json.AsSpan().IndexOf("5"u8), error.BytePosition);
        Assert.Equal("""{"UserDetails":5}""", error.RawText);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4096)]
    public async Task ReadHttpsPayloadsAsync_LeadingBom_IsSkipped_AtAnyReadSize(int readSize)
    {
        byte[] json = [.. Bom, .. """[{"LeadSource":"AppSource-PLT|a.b"},{"LeadSource":"AppSource-PLT|c.d"}]"""u8];

        var results = await ReadAllAsync(Reader(LeadReadErrorPolicy.Throw).ReadHttpsPayloadsAsync(new TrickleStream(json, readSize)));

        Assert.Equal(["b", "d"], results.Select(r => AssertLead(r).Offer.OfferId));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4096)]
    public async Task ReadJsonLinesAsync_LeadingBom_IsSkipped(int readSize)
    {
        var lead1 = LeadJsonLines.Serialize(new LeadReader().ReadHttpsPayload("""{"LeadSource":"AppSource-PLT|c.d"}"""u8).Lead!);
        byte[] payloadFirst = [.. Bom, .. """{"LeadSource":"AppSource-PLT|a.b"}"""u8, (byte)'\n', .. Utf8(lead1), (byte)'\n'];
        byte[] lead1First = [.. Bom, .. Utf8(lead1), (byte)'\r', (byte)'\n'];

        var first = await ReadAllAsync(Reader(LeadReadErrorPolicy.Throw).ReadJsonLinesAsync(new TrickleStream(payloadFirst, readSize)));
        var second = await ReadAllAsync(Reader(LeadReadErrorPolicy.Throw).ReadJsonLinesAsync(new TrickleStream(lead1First, readSize)));

        Assert.Equal(["b", "d"], first.Select(r => AssertLead(r).Offer.OfferId));
        Assert.Equal("d", AssertLead(Assert.Single(second)).Offer.OfferId);
    }

    [Fact]
    public void ReadJsonLine_LeadingBom_IsSkipped()
    {
        Assert.Equal("b", AssertLead(Reader(LeadReadErrorPolicy.Throw).ReadJsonLine([.. Bom, .. """{"LeadSource":"AppSource-PLT|a.b"}"""u8])).Offer.OfferId);
    }

    [Fact]
    public void ReadTableRow_CustomerInfoStartingWithABom_ReadsTheCustomer()
    {
        var entity = new Dictionary<string, object?>
        {
            ["LeadSource"] = "AzureMarketplace-INS|a.b",
            ["CustomerInfo"] = "\uFEFF{\"FirstName\":\"Ana\"}",
        };

        Assert.Equal("Ana", AssertLead(Reader(LeadReadErrorPolicy.Throw).ReadTableRow(entity)).Customer.FirstName);
    }

    // ---- Finding 4: an empty body is one precise error ----

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(" \r\n\t ")]
    [InlineData("\uFEFF")]
    [InlineData("\uFEFF \n")]
    public void ReadHttpsPayloads_EmptyOrWhiteSpaceBody_IsOneError(string body)
    {
        var results = Reader().ReadHttpsPayloads(Utf8(body));

        var error = Assert.Single(results).Error!;
        Assert.Equal("the body is empty; expected a JSON object or an array of them", error.Reason);
        Assert.Equal(string.Empty, error.RawText);
        Assert.Equal("$", error.JsonPath);
        Assert.Equal(0, error.RecordIndex);
        Assert.Equal(LeadChannel.HttpsEndpoint, error.Channel);
    }

    [Fact]
    public void ReadHttpsPayloads_EmptyBody_UnderThrowPolicy_Throws()
    {
        var ex = Assert.Throws<LeadReadException>(() => Reader(LeadReadErrorPolicy.Throw).ReadHttpsPayloads(ReadOnlySpan<byte>.Empty));

        Assert.Contains("the body is empty", ex.Error.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", 1)]
    [InlineData("  \n  ", 1)]
    [InlineData("  \n  ", 65536)]
    [InlineData("\uFEFF", 1)]
    public async Task ReadHttpsPayloadsAsync_EmptyOrWhiteSpaceStream_IsOneError(string body, int readSize)
    {
        var results = await ReadAllAsync(Reader().ReadHttpsPayloadsAsync(new TrickleStream(Utf8(body), readSize)));

        var error = Assert.Single(results).Error!;
        Assert.Equal("the body is empty; expected a JSON object or an array of them", error.Reason);
        Assert.Equal(string.Empty, error.RawText);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData(" [ \n ] ")]
    public async Task EmptyArray_IsNoRecords_NotAnError(string body)
    {
        Assert.Empty(Reader(LeadReadErrorPolicy.Throw).ReadHttpsPayloads(Utf8(body)));
        Assert.Empty(await ReadAllAsync(Reader(LeadReadErrorPolicy.Throw).ReadHttpsPayloadsAsync(new MemoryStream(Utf8(body)))));
    }
}
