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
        var first = TestLeads.Make("Ana", "García", "ana@fabrikam.example", action: "PLT");
        var second = TestLeads.Make("Ana", "Garcia", "ana@fabrikam.example", action: "DNC", minutes: 5);
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
    public async Task Split_IsAppendedAsAProfileChangeLine_AfterTheLeads_WithTheProfilesAsTheyAreNow()
    {
        var path = Path.Combine(_folder, "out", "leads.jsonl");
        var ana = TestLeads.Make("Ana", "Garcia", "ana@contoso.example", "+1 415 555 0134", country: "US", minutes: 10);
        var luis = TestLeads.Make("Luis", "Garcia", "luis.garcia@gmail.com", "+1 415 555 0134", country: "US", action: "DNC", minutes: 11);
        var (anaId, luisId) = (new Deduplication.CustomerProfileId(ana.Id), new Deduplication.CustomerProfileId(luis.Id));
        await using (var harness = PipelineHarness.Create(b => b.AddJsonLinesFileSink(o => o.Path = path)))
        {
            await harness.Processor.SubmitAsync(ana);
            await harness.Processor.SubmitAsync(luis);
            var review = harness.Provider.GetRequiredService<ILeadReview>();
            var store = harness.Provider.GetRequiredService<Deduplication.ILeadDeduplicator>().Store;
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (await store.FindProfileByLeadAsync(luis.Id) is null && DateTime.UtcNow < deadline)
            {
                await Task.Delay(5);
            }

            await review.AcceptAsync(anaId, luisId, "reviewer");
            await review.SplitAsync(anaId, [luis.Id], "reviewer", "Luis is Ana's husband");
        }

        var lines = await File.ReadAllLinesAsync(path);
        Assert.Equal(4, lines.Length);
        Assert.All(lines[..2], line => Assert.Contains(LeadDeliveryJson.Schema, line, StringComparison.Ordinal));
        using var split = JsonDocument.Parse(lines[3]);
        var root = split.RootElement;
        Assert.Equal(ProfileChangeJson.Schema, root.GetProperty("schema").GetString());
        Assert.Equal(2, root.GetProperty("sequence").GetInt64());
        Assert.Equal("Split", root.GetProperty("kind").GetString());
        Assert.Equal((anaId.ToString(), luisId.ToString()), (root.GetProperty("first").GetString(), root.GetProperty("second").GetString()));
        Assert.Equal([luis.Id.ToString()], root.GetProperty("leads").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(("reviewer", "Luis is Ana's husband"), (root.GetProperty("reviewer").GetString(), root.GetProperty("comment").GetString()));
        Assert.Empty(root.GetProperty("removedProfiles").EnumerateArray());
        var profiles = root.GetProperty("profiles").EnumerateArray().ToArray();
        Assert.Equal([anaId.ToString(), luisId.ToString()], profiles.Select(p => p.GetProperty("profileId").GetString()));
        Assert.Equal([false, true], profiles.Select(p => p.GetProperty("doNotContact").GetBoolean()));
        Assert.Equal("ana@contoso.example", profiles[0].GetProperty("customer").GetProperty("email").GetString());
        Assert.Equal([ana.Id.ToString()], profiles[0].GetProperty("leadIds").EnumerateArray().Select(e => e.GetString()));
        using var merge = JsonDocument.Parse(lines[2]);
        Assert.Equal("Accept", merge.RootElement.GetProperty("kind").GetString());
        Assert.Equal([luisId.ToString()], merge.RootElement.GetProperty("removedProfiles").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task LargeOutput_IsRotatedBySize_WithNoLineLostOrSplit()
    {
        var path = Path.Combine(_folder, "leads.jsonl");
        var leads = TestLeads.People(120);
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
        var leads = TestLeads.People(25);
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
