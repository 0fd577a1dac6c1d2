using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using MarketplaceLeads.Delivery;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;

namespace MarketplaceLeads.Tests;

public sealed class JsonLinesFileSinkTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "ml-jsonl-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task EveryDelivery_IsOneLine_WithTheDecisionAndTheLeadReadableBack()
    {
        var path = Path.Combine(_folder, "out", "leads.jsonl");
        var first = DeduplicationTestLeads.Make("Ana", "García", "ana@fabrikam.example", action: "PLT");
        var second = DeduplicationTestLeads.Make("Ana", "Garcia", "ana@fabrikam.example", action: "DNC", minutes: 5);
        await using (var harness = PipelineHarness.Create(b => b.AddJsonLinesFileSink(o => o.Path = path)))
        {
            await harness.Processor.SubmitAsync(first);
            await harness.Processor.SubmitAsync(second);
        }

        var lines = await File.ReadAllLinesAsync(path);
        Assert.Equal(2, lines.Length);
        using var one = JsonDocument.Parse(lines[0]);
        using var two = JsonDocument.Parse(lines[1]);
        Assert.Equal(LeadDeliveryJson.Schema, one.RootElement.GetProperty("schema").GetString());
        Assert.Equal(first.Id.ToString(), one.RootElement.GetProperty("leadId").GetString());
        Assert.Equal("NewProfile", one.RootElement.GetProperty("outcome").GetString());
        Assert.Equal("JoinedProfile", two.RootElement.GetProperty("outcome").GetString());
        Assert.Equal(first.Id.ToString(), two.RootElement.GetProperty("profileId").GetString());
        Assert.True(two.RootElement.GetProperty("doNotContact").GetBoolean());
        Assert.False(one.RootElement.GetProperty("isRedelivery").GetBoolean());

        var leadJson = Encoding.UTF8.GetBytes(two.RootElement.GetProperty("lead").GetRawText());
        var readBack = new LeadReader().ReadJsonLine(leadJson);
        Assert.True(readBack.IsSuccess, readBack.Error?.Reason);
        Assert.Equal(second.Id, readBack.Lead!.Id);
        Assert.Equal(second.Customer.Email, readBack.Lead.Customer.Email);
        Assert.Equal(LeadAction.DoNotContact, readBack.Lead.Action);
    }

    [Fact]
    public async Task LargeOutput_IsRotatedBySize_WithNoLineLostOrSplit()
    {
        var path = Path.Combine(_folder, "leads.jsonl");
        var leads = PipelineTestLeads.People(120);
        await using (var harness = PipelineHarness.Create(b => b.AddJsonLinesFileSink(o =>
        {
            o.Path = path;
            o.MaxFileBytes = 8 * 1024;
            o.Name = "archive";
        }), o => o.MaxBatchSize = 5))
        {
            foreach (var lead in leads)
            {
                await harness.Processor.SubmitAsync(lead);
            }
        }

        var files = Directory.GetFiles(_folder, "leads*.jsonl").Order().ToArray();
        Assert.True(files.Length > 3, $"expected rotation, got {files.Length} file(s)");
        Assert.Contains(path, files);
        Assert.Contains(Path.Combine(_folder, "leads.0001.jsonl"), files);
        var ids = files.SelectMany(File.ReadAllLines).Select(line =>
        {
            using var document = JsonDocument.Parse(line);
            return document.RootElement.GetProperty("leadId").GetString();
        }).ToArray();
        Assert.Equal(leads.Select(l => l.Id.ToString()).Order(), ids.Order());
        Assert.All(files.Where(f => f != path), f => Assert.InRange(new FileInfo(f).Length, 1, 8 * 1024));
    }

    [Fact]
    public async Task WithoutFlushToDisk_EveryLineIsStillWrittenByTheTimeThePipelineStops()
    {
        var path = Path.Combine(_folder, "unsynced.jsonl");
        var leads = PipelineTestLeads.People(25);
        await using (var harness = PipelineHarness.Create(b => b.AddJsonLinesFileSink(o =>
        {
            o.Path = path;
            o.FlushToDisk = false;
            o.MaxFileBytes = null;
        })))
        {
            foreach (var lead in leads)
            {
                await harness.Processor.SubmitAsync(lead);
            }
        }

        Assert.Equal(25, File.ReadAllLines(path).Length);
        Assert.Single(Directory.GetFiles(_folder, "unsynced*.jsonl"));
    }

    [Fact]
    public void Registration_WithoutPath_FailsNamingTheOption()
    {
        var services = new ServiceCollection();
        var builder = services.AddMarketplaceLeads();

        var error = Assert.Throws<ArgumentException>(() => builder.AddJsonLinesFileSink(_ => { }));
        var tooSmall = Assert.Throws<ArgumentException>(() => builder.AddJsonLinesFileSink(o =>
        {
            o.Path = "x.jsonl";
            o.MaxFileBytes = 10;
        }));

        Assert.Contains("JsonLinesFileSinkOptions.Path must be set", error.Message, StringComparison.Ordinal);
        Assert.Contains("it is 10", tooSmall.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}
