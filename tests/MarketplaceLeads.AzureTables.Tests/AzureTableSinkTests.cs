using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Azure;
using Azure.Data.Tables;
using MarketplaceLeads.AzureTables.Tests.Support;
using MarketplaceLeads.Delivery;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MarketplaceLeads.AzureTables.Tests;

[Collection(AzuriteTests.Name)]
public sealed class AzureTableSinkTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Sink_WritesEveryDeliveryAsARow_WithTheDeliveryFactsAndTheLeadJson()
    {
        var table = new TableClient(azurite.ConnectionString, "sink" + Guid.NewGuid().ToString("N")[..12]); // created by the sink
        var leads = Enumerable.Range(0, 5).Select(i => TestLead(i)).ToList();
        await SubmitAllAsync(leads, o => o.TableClient = table);

        var rows = await table.QueryAsync<TableEntity>().ToListAsync();
        Assert.Equal(leads.Select(l => l.Id.ToString()).Order(), rows.Select(r => r.RowKey).Order());
        var row = rows.Single(r => r.RowKey == leads[2].Id.ToString());
        Assert.Equal(leads[2].Id.ToString(), row.PartitionKey); // its own profile
        Assert.Equal(LeadDeliveryJson.Schema, row.GetString("Schema"));
        Assert.Equal("NewProfile", row.GetString("Outcome"));
        Assert.False(row.GetBoolean("DoNotContact"));
        using var json = JsonDocument.Parse(row.GetString("Delivery"));
        Assert.Equal(leads[2].Id.ToString(), json.RootElement.GetProperty("leadId").GetString());
        Assert.Equal("Person2", json.RootElement.GetProperty("lead").GetProperty("customer").GetProperty("firstName").GetString());
    }

    [Fact]
    public async Task Sink_SameLeadWrittenTwice_LeavesOneRow()
    {
        var table = await azurite.CreateTableAsync("up");
        var lead = TestLead(7);
        await SubmitAllAsync([lead], o => o.TableClient = table);
        await SubmitAllAsync([lead], o => o.TableClient = table); // another pipeline, fresh journal: the lead is delivered again

        var row = Assert.Single(await table.QueryAsync<TableEntity>().ToListAsync());
        Assert.Equal(lead.Id.ToString(), row.RowKey);
    }

    [Fact]
    public async Task Sink_PartitionByOffer_BatchOver100InOnePartition_WritesInTransactionsOfAtMost100()
    {
        var table = await azurite.CreateTableAsync("bt");
        var leads = Enumerable.Range(0, 230).Select(i => TestLead(i, offer: i % 10 == 0 ? "fabrikam.other" : "contoso.crm")).ToList();
        var deadLetters = await SubmitAllAsync(leads, o =>
        {
            o.TableClient = table;
            o.PartitionBy = AzureTableSinkPartitioning.Offer;
        }, maxBatchSize: 1000);

        Assert.Empty(deadLetters);
        var rows = await table.QueryAsync<TableEntity>().ToListAsync();
        Assert.Equal(230, rows.Count);
        Assert.Equal(207, rows.Count(r => r.PartitionKey == "contoso.crm"));
        Assert.Equal(23, rows.Count(r => r.PartitionKey == "fabrikam.other"));
    }

    [Theory]
    [InlineData(429, "7", true, 7)]
    [InlineData(503, null, true, null)]
    [InlineData(500, null, true, null)]
    [InlineData(400, null, false, null)]
    [InlineData(404, "7", false, null)]
    public void RequestFailed_IsTranslated_TransientForThrottlingAndUnavailability_WithRetryAfter(int status, string? retryAfter, bool transient, int? seconds)
    {
        var ex = AzureTableLeadSink.Translate(new RequestFailedException(new FakeResponse(status, retryAfter)), TimeProvider.System);
        Assert.Equal(transient, ex.IsTransient);
        Assert.Equal(seconds is null ? null : TimeSpan.FromSeconds(seconds.Value), ex.RetryAfter);
        Assert.IsType<RequestFailedException>(ex.InnerException);
    }

    [Fact]
    public void RetryAfterAsHttpDate_IsMeasuredFromTheInjectedClock()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 3, 3, 9, 0, 0, TimeSpan.Zero));

        var ex = AzureTableLeadSink.Translate(new RequestFailedException(new FakeResponse(503, "Tue, 03 Mar 2026 09:02:00 GMT")), time);

        Assert.True(ex.IsTransient);
        Assert.Equal(TimeSpan.FromMinutes(2), ex.RetryAfter);
    }

    [Fact]
    public void AddAzureTableSink_WithoutATable_FailsNamingTheOption()
    {
        var builder = new ServiceCollection().AddMarketplaceLeads();
        var ex = Assert.Throws<ArgumentException>(() => builder.AddAzureTableSink(_ => { }));
        Assert.Contains("ConnectionString", ex.Message, StringComparison.Ordinal);
        var bad = Assert.Throws<ArgumentException>(() => builder.AddAzureTableSink(o => { o.ConnectionString = azurite.ConnectionString; o.PartitionBy = (AzureTableSinkPartitioning)7; }));
        Assert.Equal("PartitionBy", bad.ParamName);
        Assert.StartsWith("AzureTableSinkOptions.PartitionBy must be one of Profile, Offer; it is 7.", bad.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddAzureTableSink_OnANamedPipeline_AddsTheSinkToThatPipelineOnly()
    {
        var services = new ServiceCollection();
        services.AddMarketplaceLeads("a");
        services.AddMarketplaceLeads("b").AddAzureTableSink(o => o.ConnectionString = azurite.ConnectionString);
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains(error.Failures, f => f.StartsWith("Lead pipeline 'a' has no sink", StringComparison.Ordinal));
        Assert.DoesNotContain(error.Failures, f => f.Contains("'b'", StringComparison.Ordinal));
    }

    private static Lead TestLead(int i, string offer = "contoso.crm")
    {
        var customer = new CustomerInfo { FirstName = "Person" + i, LastName = "Tester" + i, Email = $"person{i}@company{i}.example", Company = $"Company {i}" };
        var text = $"AppSource-PLT | {offer}";
        return new Lead
        {
            Id = LeadId.FromKey("test", offer, i.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            LeadSource = LeadSource.Parse(text),
            LeadSourceText = text,
            ActionCode = "PLT",
            Customer = customer,
            ReceivedAt = DateTimeOffset.UnixEpoch,
            Channel = LeadChannel.HttpsEndpoint,
        };
    }

    private static async Task<IReadOnlyList<LeadDeadLetter>> SubmitAllAsync(List<Lead> leads, Action<AzureTableSinkOptions> configure, int maxBatchSize = 100)
    {
        var deadLetters = new RecordingDeadLetterSink();
        var memory = new InMemoryLeadSink();
        await using var provider = Pipelines.Build(
            memory,
            deadLetters,
            b => b.AddAzureTableSink(configure),
            o =>
            {
                o.MaxBatchSize = maxBatchSize;
                o.BatchDelay = TimeSpan.FromMilliseconds(200);
            });
        var processor = provider.GetRequiredService<ILeadPipeline>();
        foreach (var lead in leads)
        {
            Assert.Equal(LeadSubmitStatus.Accepted, (await processor.SubmitAsync(lead)).Status);
        }

        await processor.StopAsync();
        Assert.Equal(leads.Count, memory.Count);
        return deadLetters.Received;
    }
}
