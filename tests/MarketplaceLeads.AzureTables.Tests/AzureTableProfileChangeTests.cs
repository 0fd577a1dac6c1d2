using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Azure.Data.Tables;
using MarketplaceLeads.AzureTables.Tests.Support;
using MarketplaceLeads.Deduplication;
using MarketplaceLeads.Delivery;
using Microsoft.Extensions.DependencyInjection;

namespace MarketplaceLeads.AzureTables.Tests;

/// <summary>Review through the real pipeline into Azurite (issue #15): the sink's rows follow an accept or a split, a redelivered change writes nothing, and the change history is kept.</summary>
[Collection(AzuriteTests.Name)]
public sealed class AzureTableProfileChangeTests(AzuriteFixture azurite)
{
    // Two people of one household, one phone: Luis asked not to be contacted.
    private static readonly Lead Ana = Make("Ana", "Garcia", "ana@contoso.example", "PLT", minutes: 10);
    private static readonly Lead LuisDnc = Make("Luis", "Garcia", "luis.garcia@gmail.com", "DNC", minutes: 11);
    private static readonly CustomerProfileId AnaId = new(Ana.Id);
    private static readonly CustomerProfileId LuisId = new(LuisDnc.Id);

    [Theory]
    [InlineData(AzureTableSinkPartitioning.Profile)]
    [InlineData(AzureTableSinkPartitioning.Offer)]
    public async Task AcceptThenSplit_ThroughTheReview_RepointTheLeadRows_AndTheStrangersDncLeavesAna(AzureTableSinkPartitioning partitioning)
    {
        var table = await azurite.CreateTableAsync("pc");
        var deadLetters = new RecordingDeadLetterSink();
        await using var provider = Pipelines.Build(new InMemoryLeadSink(), deadLetters, b => b.AddAzureTableSink(o =>
        {
            o.TableClient = table;
            o.PartitionBy = partitioning;
        }));
        var processor = provider.GetRequiredService<ILeadPipeline>();
        var review = provider.GetRequiredService<ILeadReview>();
        await processor.SubmitAsync(Ana);
        await processor.SubmitAsync(LuisDnc);
        await WaitUntilAsync(async () => (await LeadRowsAsync(table)).Count == 2);
        Assert.Equal(LuisId.ToString(), (await LeadRowsAsync(table))[LuisDnc.Id.ToString()].GetString("ProfileId"));

        await review.AcceptAsync(AnaId, LuisId, "reviewer");
        await WaitUntilAsync(async () => (await HistoryAsync(table)).Count == 1);
        var merged = await LeadRowsAsync(table);
        Assert.Equal(2, merged.Count); // moved, not copied
        Assert.All(merged.Values, row => Assert.Equal((AnaId.ToString(), true, 1L), Columns(row)));
        Assert.All(merged.Values, row => Assert.Equal(Partition(partitioning, AnaId), row.PartitionKey));

        await review.SplitAsync(AnaId, [LuisDnc.Id], "reviewer", "different people");
        await processor.StopAsync();

        Assert.Empty(deadLetters.Received);
        var split = await LeadRowsAsync(table);
        Assert.Equal(2, split.Count);
        var ana = split[Ana.Id.ToString()];
        var luis = split[LuisDnc.Id.ToString()];
        Assert.Equal((AnaId.ToString(), false, 2L), Columns(ana)); // a stranger's do-not-contact no longer marks Ana
        Assert.Equal((LuisId.ToString(), true, 2L), Columns(luis));
        Assert.Equal(Partition(partitioning, AnaId), ana.PartitionKey);
        Assert.Equal(Partition(partitioning, LuisId), luis.PartitionKey);
        using (var delivery = JsonDocument.Parse(luis.GetString("Delivery"))) // a moved row keeps what was delivered
        {
            Assert.Equal(LuisDnc.Id.ToString(), delivery.RootElement.GetProperty("leadId").GetString());
        }

        var history = await HistoryAsync(table);
        Assert.Equal(["0000000000000000001", "0000000000000000002"], history.Select(r => r.RowKey));
        Assert.Equal(["Accept", "Split"], history.Select(r => r.GetString("Kind")));
        using var record = JsonDocument.Parse(history[1].GetString("ProfileChange"));
        Assert.Equal(ProfileChangeJson.Schema, record.RootElement.GetProperty("schema").GetString());
        Assert.Equal(2, record.RootElement.GetProperty("sequence").GetInt64());
        Assert.Equal(ProfileChangeJson.Schema, history[1].GetString("Schema"));
    }

    [Theory]
    [InlineData(AzureTableSinkPartitioning.Profile)]
    [InlineData(AzureTableSinkPartitioning.Offer)]
    public async Task Crash_AfterTheChangeWasAppliedButBeforeItWasConfirmed_TheRedeliveryWritesNothing(AzureTableSinkPartitioning partitioning)
    {
        var table = await azurite.CreateTableAsync("rd");
        var options = new AzureTableSinkOptions { TableClient = table, PartitionBy = partitioning };
        ILeadJournal? journal = null; // the in-memory journal of the first pipeline, kept for the second: a durable journal
        using var deduplicator = new LeadDeduplicator();
        var applied = new ApplyThenHangSink(new AzureTableLeadSink(table, options, TimeProvider.System));
        await using (var crashed = Build(null, deduplicator, b => b.AddSink(applied, options.SinkName), TimeSpan.Zero))
        {
            journal = crashed.GetRequiredService<ILeadJournal>();
            var processor = crashed.GetRequiredService<ILeadPipeline>();
            await processor.SubmitAsync(Ana);
            await processor.SubmitAsync(LuisDnc);
            await WaitUntilAsync(async () => (await LeadRowsAsync(table)).Count == 2);
            await crashed.GetRequiredService<ILeadReview>().AcceptAsync(AnaId, LuisId);
            await WaitUntilAsync(async () => (await HistoryAsync(table)).Count == 1); // applied, never confirmed
        } // disposed with no time to drain: the "crash"

        Assert.Equal(0L, await journal!.GetProfileChangeProgressAsync(options.SinkName, CancellationToken.None)); // not confirmed
        var before = await SnapshotAsync(table);
        await using (var restarted = Build(journal, deduplicator, b => b.AddAzureTableSink(o =>
        {
            o.TableClient = table;
            o.PartitionBy = partitioning;
        }), TimeSpan.FromSeconds(20)))
        {
            var processor = restarted.GetRequiredService<ILeadPipeline>();
            await processor.StartAsync();
            await processor.StopAsync();
        }

        Assert.Equal(1L, await journal.GetProfileChangeProgressAsync(options.SinkName, CancellationToken.None)); // sent again and confirmed
        Assert.Equal(before, await SnapshotAsync(table)); // same rows, same ETags: nothing written
        Assert.Equal(3, before.Count);
    }

    [Fact]
    public async Task Retry_AfterAMoveFailedBeforeItsDelete_RemovesTheOldRow_AndLeavesOneRowPerLead()
    {
        var table = await azurite.CreateTableAsync("mv");
        var memory = new InMemoryLeadSink();
        await using (var provider = Pipelines.Build(memory, configure: b => b.AddAzureTableSink(o => o.TableClient = table)))
        {
            var processor = provider.GetRequiredService<ILeadPipeline>();
            await processor.SubmitAsync(Ana);
            await processor.SubmitAsync(LuisDnc);
            await WaitUntilAsync(async () => (await LeadRowsAsync(table)).Count == 2);
            var review = provider.GetRequiredService<ILeadReview>();
            await review.AcceptAsync(AnaId, LuisId);
            await review.SplitAsync(AnaId, [LuisDnc.Id]);
            await processor.StopAsync();
        }

        // The state an attempt leaves when it fails between the upsert and the delete: Luis's row in both partitions, no history row.
        var rows = await LeadRowsAsync(table);
        var stale = new TableEntity(rows[LuisDnc.Id.ToString()]) { PartitionKey = AnaId.ToString() };
        await table.UpsertEntityAsync(stale, TableUpdateMode.Replace);
        await table.DeleteEntityAsync(AzureTableLeadSink.ProfileChangesPartition, AzureTableLeadSink.SequenceKey(2));
        Assert.Equal(2, (await table.QueryAsync<TableEntity>(r => r.RowKey == LuisDnc.Id.ToString()).ToListAsync()).Count);

        var split = memory.GetProfileChanges()[1];
        var sink = new AzureTableLeadSink(table, new AzureTableSinkOptions { TableClient = table }, TimeProvider.System);
        await sink.WriteProfileChangesAsync([split], CancellationToken.None);

        var luis = Assert.Single(await table.QueryAsync<TableEntity>(r => r.RowKey == LuisDnc.Id.ToString()).ToListAsync());
        Assert.Equal(LuisId.ToString(), luis.PartitionKey);
        Assert.Equal((LuisId.ToString(), true, 2L), Columns(luis));
        Assert.Equal(2, (await HistoryAsync(table)).Count);
    }

    [Fact]
    public async Task PartitionByOffer_ChangeNamingALeadWithoutARow_UpdatesTheOthers_AndCreatesNoRowForIt()
    {
        var table = await azurite.CreateTableAsync("nr");
        var options = new AzureTableSinkOptions { TableClient = table, PartitionBy = AzureTableSinkPartitioning.Offer };
        var memory = new InMemoryLeadSink();
        await using (var provider = Pipelines.Build(memory))
        {
            var processor = provider.GetRequiredService<ILeadPipeline>();
            await processor.SubmitAsync(Ana);
            await processor.SubmitAsync(LuisDnc);
            await memory.WaitForCountAsync(2);
            await provider.GetRequiredService<ILeadReview>().AcceptAsync(AnaId, LuisId);
            await processor.StopAsync();
        }

        var sink = new AzureTableLeadSink(table, options, TimeProvider.System);
        await sink.WriteBatchAsync([memory.GetDeliveries().Single(d => d.Lead.Id == Ana.Id)], CancellationToken.None); // Luis's lead never reached this sink
        await sink.WriteProfileChangesAsync(memory.GetProfileChanges(), CancellationToken.None);

        var ana = Assert.Single(await LeadRowsAsync(table)).Value;
        Assert.Equal((AnaId.ToString(), true, 1L), Columns(ana));
        Assert.NotNull(ana.GetString("Delivery"));
        Assert.Single(await HistoryAsync(table));
    }

    [Fact]
    public void HistoryRow_KeysBySequence_ZeroPaddedTo19Digits_SoRowsSortInReviewOrder()
    {
        Assert.Equal("0000000000000000007", AzureTableLeadSink.SequenceKey(7));
        Assert.Equal(long.MaxValue.ToString(CultureInfo.InvariantCulture), AzureTableLeadSink.SequenceKey(long.MaxValue));
        Assert.True(string.CompareOrdinal(AzureTableLeadSink.SequenceKey(9), AzureTableLeadSink.SequenceKey(10)) < 0);
    }

    private static ServiceProvider Build(ILeadJournal? journal, ILeadDeduplicator deduplicator, Action<IMarketplaceLeadsBuilder> configure, TimeSpan shutdownTimeout)
    {
        var services = new ServiceCollection();
        if (journal is not null)
        {
            services.AddSingleton(journal);
        }

        services.AddSingleton(deduplicator);
        var builder = services.AddMarketplaceLeads(o =>
        {
            o.BatchDelay = TimeSpan.FromMilliseconds(2);
            o.RetryBaseDelay = TimeSpan.FromMilliseconds(1);
            o.ShutdownTimeout = shutdownTimeout;
        });
        configure(builder);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
    }

    private static string Partition(AzureTableSinkPartitioning partitioning, CustomerProfileId profile) =>
        partitioning == AzureTableSinkPartitioning.Profile ? profile.ToString() : "contoso.crm";

    private static (string? ProfileId, bool? DoNotContact, long? Sequence) Columns(TableEntity row) =>
        (row.GetString("ProfileId"), row.GetBoolean("DoNotContact"), row.GetInt64("ProfileChangeSequence"));

    /// <summary>The lead rows by <c>RowKey</c> (the history partition left out).</summary>
    private static async Task<Dictionary<string, TableEntity>> LeadRowsAsync(TableClient table) =>
        (await table.QueryAsync<TableEntity>(r => r.PartitionKey != AzureTableLeadSink.ProfileChangesPartition).ToListAsync()).ToDictionary(r => r.RowKey);

    private static async Task<List<TableEntity>> HistoryAsync(TableClient table) =>
        [.. (await table.QueryAsync<TableEntity>(r => r.PartitionKey == AzureTableLeadSink.ProfileChangesPartition).ToListAsync()).OrderBy(r => r.RowKey, StringComparer.Ordinal)];

    private static async Task<List<string>> SnapshotAsync(TableClient table) =>
        [.. (await table.QueryAsync<TableEntity>().ToListAsync()).Select(r => $"{r.PartitionKey}/{r.RowKey}/{r.ETag}").Order(StringComparer.Ordinal)];

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out");
            await Task.Delay(20);
        }
    }

    private static Lead Make(string first, string last, string email, string action, int minutes)
    {
        var customer = new CustomerInfo { FirstName = first, LastName = last, Email = email, Phone = "+1 415 555 0134", Country = "US" };
        var text = $"AppSource-{action} | contoso.crm";
        var description = minutes.ToString(CultureInfo.InvariantCulture);
        return new Lead
        {
            Id = LeadId.FromContent(text, action, "contoso.crm", description, customer),
            LeadSource = LeadSource.Parse(text),
            LeadSourceText = text,
            ActionCode = action,
            Description = description,
            Customer = customer,
            ReceivedAt = new DateTimeOffset(2026, 3, 2, 9, minutes, 0, TimeSpan.Zero),
            Channel = LeadChannel.HttpsEndpoint,
        };
    }

    /// <summary>The Azure Table sink whose profile changes are written, then never confirmed (the attempt hangs until the pipeline gives up): a crash after the write.</summary>
    private sealed class ApplyThenHangSink(IProfileChangeSink inner) : IProfileChangeSink
    {
        public ValueTask WriteBatchAsync(IReadOnlyList<LeadDelivery> batch, CancellationToken cancellationToken) => inner.WriteBatchAsync(batch, cancellationToken);

        public async ValueTask WriteProfileChangesAsync(IReadOnlyList<ProfileChange> changes, CancellationToken cancellationToken)
        {
            await inner.WriteProfileChangesAsync(changes, cancellationToken);
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
    }
}
