using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using MarketplaceLeads.Tests.Support;

namespace MarketplaceLeads.Tests;

public class JsonLinesTests
{
    private static async Task<List<LeadReadResult>> ReadAllAsync(IAsyncEnumerable<LeadReadResult> results)
    {
        var list = new List<LeadReadResult>();
        await foreach (var result in results)
        {
            list.Add(result);
        }

        return list;
    }

    private static Lead[] SampleLeads()
    {
        var reader = new LeadReader();
        return
        [
            reader.ReadHttpsPayload(File.ReadAllBytes(RepositoryPaths.PayloadSample("https-contact-me.json"))).Lead!,
            reader.ReadHttpsPayload(File.ReadAllBytes(RepositoryPaths.PayloadSample("https-portal-create.json"))).Lead!,
            reader.ReadHttpsPayload(File.ReadAllBytes(RepositoryPaths.PayloadSample("https-test-lead.json"))).Lead!,
        ];
    }

    [Fact]
    public async Task WriteThenRead_GivesTheSameLeads()
    {
        var leads = SampleLeads();
        var stream = new MemoryStream();

        await LeadJsonLines.WriteAsync(stream, leads);
        stream.Position = 0;
        var read = await ReadAllAsync(new LeadReader().ReadJsonLinesAsync(stream));

        Assert.Equal(leads.Length, read.Count);
        for (var i = 0; i < leads.Length; i++)
        {
            LeadAssert.SameContent(leads[i], read[i].Lead!);
        }
    }

    [Fact]
    public void Serialize_WritesTheVersionedSchemaOnOneLine()
    {
        var json = LeadJsonLines.Serialize(SampleLeads()[0]);

        Assert.StartsWith("{\"schema\":\"marketplace-leads/lead@1\",\"id\":\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', json);
        Assert.Contains("\"lastName\":\"García\"", json, StringComparison.Ordinal); // readable: no \u escapes for letters
        Assert.Contains("\"phone\":\"+34 912 345 678\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HttpsPayloadLines_AreReadToo()
    {
        var text = string.Join('\n', File.ReadAllLines(RepositoryPaths.PayloadSample("https-portal-create.json")).Select(l => l.Trim())) .Replace("\n", string.Empty, StringComparison.Ordinal)
            + "\n\n" + "{\"LeadSource\":\"AppSource-PLT|a.b\"}\r\n";

        var read = await ReadAllAsync(new LeadReader().ReadJsonLinesAsync(new MemoryStream(Encoding.UTF8.GetBytes(text))));

        Assert.Equal(2, read.Count);
        Assert.Equal(LeadAction.Create, read[0].Lead!.Action);
        Assert.Equal(LeadChannel.JsonLines, read[1].Lead!.Channel);
    }

    [Fact]
    public async Task BadLines_AreReportedWithLineNumbers_AndReadingGoesOn()
    {
        var good = LeadJsonLines.Serialize(SampleLeads()[0]);
        var text = good + "\n{not json}\n" + good.Replace("\"id\":\"", "\"id\":\"zz", StringComparison.Ordinal) + "\n"
            + good.Replace("lead@1", "lead@9", StringComparison.Ordinal) + "\n" + good + "\n";
        var options = new LeadReaderOptions { ErrorPolicy = LeadReadErrorPolicy.SkipAndReport, SourceName = "leads.jsonl" };

        var read = await ReadAllAsync(new LeadReader(options).ReadJsonLinesAsync(new MemoryStream(Encoding.UTF8.GetBytes(text))));

        Assert.Equal(5, read.Count);
        Assert.True(read[0].IsSuccess);
        Assert.Equal(2, read[1].Error!.LineNumber);
        Assert.Equal("{not json}", read[1].Error!.RawText);
        Assert.Equal("$.id", read[2].Error!.JsonPath);
        Assert.Equal(3, read[2].Error!.LineNumber);
        Assert.Contains("unsupported schema", read[3].Error!.Reason, StringComparison.Ordinal);
        Assert.True(read[4].IsSuccess);
        Assert.StartsWith("leads.jsonl(line 2, byte ", read[1].Error!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OversizedLine_IsRejectedAndSkippedInBoundedMemory()
    {
        var good = "{\"LeadSource\":\"A-INS|a.b\"}";
        var huge = "{\"Description\":\"" + new string('x', 300_000) + "\"}";
        var text = good + "\n" + huge + "\n" + good + "\n";
        var options = new LeadReaderOptions { ErrorPolicy = LeadReadErrorPolicy.SkipAndReport, MaxRecordBytes = 4096 };

        var read = await ReadAllAsync(new LeadReader(options).ReadJsonLinesAsync(new MemoryStream(Encoding.UTF8.GetBytes(text))));

        Assert.Equal(3, read.Count);
        Assert.True(read[0].IsSuccess);
        Assert.Contains("longer than 4096 bytes", read[1].Error!.Reason, StringComparison.Ordinal);
        Assert.True(read[1].Error!.RawText!.Length <= 4096 + 65536);
        Assert.True(read[2].IsSuccess);
        Assert.Equal("b", read[2].Lead!.Offer.OfferId);
    }

    [Fact]
    public async Task Progress_IsReported()
    {
        var text = string.Concat(Enumerable.Repeat("{\"LeadSource\":\"A-INS|a.b\"}\n", 10_000));
        var reports = new List<LeadReadProgress>();
        var progress = new SynchronousProgress<LeadReadProgress>(reports.Add);

        var read = await ReadAllAsync(new LeadReader().ReadJsonLinesAsync(new MemoryStream(Encoding.UTF8.GetBytes(text)), progress));

        Assert.Equal(10_000, read.Count);
        Assert.NotEmpty(reports);
        Assert.Equal(text.Length, reports[^1].BytesRead);
        Assert.Equal(text.Length, reports[^1].TotalBytes);
        Assert.Equal(10_000, reports[^1].Records);
    }
}
