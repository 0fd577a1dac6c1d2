using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using MarketplaceLeads.Tests.Support;

namespace MarketplaceLeads.Tests;

public class StreamingJsonArrayTests
{
    private static async Task<List<LeadReadResult>> ReadAllAsync(Stream stream, LeadReaderOptions? options = null)
    {
        var list = new List<LeadReadResult>();
        await foreach (var result in new LeadReader(options).ReadHttpsPayloadsAsync(stream))
        {
            list.Add(result);
        }

        return list;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(4096)]
    public async Task LargeArray_InSmallReads_ReadsEveryLeadInOrder(int readSize)
    {
        var json = "[\n" + string.Join(",\n", Enumerable.Range(0, 3000).Select(i => $$$"""  {"LeadSource":"AppSource-PLT|p.o{{{i}}}","UserDetails":{"Email":"u{{{i}}}@x.example"}}""")) + "\n]";

        var results = await ReadAllAsync(new TrickleStream(Encoding.UTF8.GetBytes(json), readSize));

        Assert.Equal(3000, results.Count);
        Assert.All(results, r => Assert.True(r.IsSuccess));
        Assert.Equal("o2999", results[^1].Lead!.Offer.OfferId);
    }

    [Fact]
    public async Task SingleObject_IsOneLead()
    {
        var results = await ReadAllAsync(new MemoryStream(File.ReadAllBytes(RepositoryPaths.PayloadSample("https-contact-me.json"))));

        Assert.Single(results);
        Assert.Equal(LeadAction.PartnerLedTrial, results[0].Lead!.Action);
    }

    [Fact]
    public async Task OversizedElement_IsRejected_AndTheRestIsRead()
    {
        var json = "[{\"LeadSource\":\"A-INS|a.b\"}, {\"X\":[" + string.Join(",", Enumerable.Repeat("1", 50_000)) + "]}, {\"LeadSource\":\"A-INS|c.d\"}]";
        var options = new LeadReaderOptions { ErrorPolicy = LeadReadErrorPolicy.SkipAndReport, MaxRecordBytes = 1024 };

        var results = await ReadAllAsync(new TrickleStream(Encoding.UTF8.GetBytes(json), 512), options);

        Assert.Equal(3, results.Count);
        Assert.True(results[0].IsSuccess);
        Assert.Contains("larger than 1024 bytes", results[1].Error!.Reason, StringComparison.Ordinal);
        Assert.Equal(1024, results[1].Error!.RawText!.Length);
        Assert.Equal("d", results[2].Lead!.Offer.OfferId);
    }

    [Fact]
    public async Task TruncatedArray_EndsWithAnErrorHoldingTheRest()
    {
        var json = "[{\"LeadSource\":\"A-INS|a.b\"}, {\"LeadSource\":\"A-I";
        var options = new LeadReaderOptions { ErrorPolicy = LeadReadErrorPolicy.SkipAndReport };

        var results = await ReadAllAsync(new MemoryStream(Encoding.UTF8.GetBytes(json)), options);

        Assert.Equal(2, results.Count);
        Assert.Equal("{\"LeadSource\":\"A-I", results[1].Error!.RawText);
    }

    [Fact]
    public async Task ThrowPolicy_ThrowsOnTheFirstBadElement()
    {
        var json = "[{\"LeadSource\":\"A-INS|a.b\"}, 5]";

        var ex = await Assert.ThrowsAsync<LeadReadException>(() => ReadAllAsync(new MemoryStream(Encoding.UTF8.GetBytes(json))));

        Assert.Equal(1, ex.Error.RecordIndex);
    }

    [Fact]
    public async Task EmptyStream_GivesOneEmptyBodyError_SoNothingGoesUnnoticed()
    {
        var error = Assert.Single(await ReadAllAsync(new MemoryStream(), new LeadReaderOptions { ErrorPolicy = LeadReadErrorPolicy.SkipAndReport })).Error!;

        Assert.Equal("the body is empty; expected a JSON object or an array of them", error.Reason);
    }
}
