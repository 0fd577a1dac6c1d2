using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Azure.Data.Tables;
using MarketplaceLeads.AzureTables.Tests.Support;
using MarketplaceLeads.Checkpoints;
using MarketplaceLeads.Delivery;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace MarketplaceLeads.AzureTables.Tests;

[Collection(AzuriteTests.Name)]
public sealed class AzureTableLeadReaderTests(AzuriteFixture azurite) : IDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);
    private readonly string _checkpoints = Path.Combine(Path.GetTempPath(), "mlat-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task ReadNewAsync_RowsInSeveralPartitions_ReturnsEachOnce_AndASecondPassOnlyTheNewOnes()
    {
        var table = await azurite.CreateTableAsync();
        await TableRows.InsertAsync(table, [.. TableRows.Descending("p1", 0, 12), .. TableRows.Descending("p0", 12, 5)]);
        var reader = NewReader(table, pageSize: 4);

        var first = await reader.ReadNewAsync().ToListAsync();
        Assert.Equal(17, first.Count);
        Assert.All(first, r => Assert.True(r.IsSuccess, r.ToString()));
        Assert.Equal(17, first.Select(r => r.Lead!.Id).Distinct().Count());
        Assert.Equal("Person16", first[0].Lead!.Customer.FirstName); // query order (partition, row key), not insertion order
        Assert.Equal(LeadChannel.AzureTable, first[0].Lead!.Channel);

        Assert.Empty(await reader.ReadNewAsync().ToListAsync());
        await TableRows.InsertAsync(table, [TableRows.Lead("p0", "000001", 40), TableRows.Lead("p9", "zzz", 41)]);
        var second = await reader.ReadNewAsync().ToListAsync();
        Assert.Equal(["Person40", "Person41"], second.Select(r => r.Lead!.Customer.FirstName).Order());

        var checkpoint = await new FileLeadReaderCheckpointStore(_checkpoints).LoadAsync(table.Name, default);
        Assert.NotNull(checkpoint?.Watermark);
        Assert.Equal(19, checkpoint!.Seen.Count); // all within the overlap window
    }

    [Fact]
    public async Task ReadNewAsync_CallerBreaksAfterARow_GetsThatRowAgain_AndNoOtherTwice()
    {
        var table = await azurite.CreateTableAsync();
        await TableRows.InsertAsync(table, TableRows.Descending("p", 0, 6));
        var reader = NewReader(table, pageSize: 100);
        var got = new List<LeadId>();
        await foreach (var result in reader.ReadNewAsync())
        {
            got.Add(result.Lead!.Id);
            if (got.Count == 3)
            {
                break; // row 3 was handed out but not consumed
            }
        }

        var rest = await NewReader(table, pageSize: 100).ReadNewAsync().Select(r => r.Lead!.Id).ToListAsync();
        Assert.Equal(4, rest.Count);
        Assert.Equal(got[2], rest[0]);
        Assert.Equal(6, got.Concat(rest).Distinct().Count());
    }

    [Fact]
    public async Task OneShot_CancelledAfterKRows_ANewReaderOnTheSameCheckpointDeliversTheRest_EveryRowExactlyOnce()
    {
        var table = await azurite.CreateTableAsync();
        await TableRows.InsertAsync(table, [.. TableRows.Descending("a", 0, 15), .. TableRows.Descending("b", 15, 15)]);

        var before = new InMemoryLeadSink();
        await using (var provider = Pipelines.Build(before))
        {
            var processor = provider.GetRequiredService<ILeadPipeline>();
            using var cts = new CancellationTokenSource();
            var submitted = 0;
            await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
            {
                await foreach (var result in NewReader(table, pageSize: 7).ReadNewAsync(cts.Token))
                {
                    Assert.Equal(LeadSubmitStatus.Accepted, (await processor.SubmitAsync(result)).Status);
                    if (++submitted == 11)
                    {
                        await cts.CancelAsync(); // the reader "dies" after 11 rows, in the middle of its second page
                    }
                }
            });
            await processor.StopAsync();
        }

        Assert.Equal(11, before.Count);
        var after = new InMemoryLeadSink();
        await using (var provider = Pipelines.Build(after))
        {
            var processor = provider.GetRequiredService<ILeadPipeline>();
            Assert.Equal(19, await NewReader(table, pageSize: 7).SubmitNewAsync(processor)); // a new pipeline too: no journal to hide a repeat
            await processor.StopAsync();
        }

        var all = before.GetDeliveries().Concat(after.GetDeliveries()).Select(d => d.Lead.Id).ToList();
        Assert.Equal(30, all.Count);
        Assert.Equal(30, all.Distinct().Count());
    }

    [Fact]
    public async Task HostedReader_RowsArrivingInBatchesAcrossPolls_InAnyKeyOrder_DeliversEveryRowExactlyOnce()
    {
        var table = await azurite.CreateTableAsync();
        await TableRows.InsertAsync(table, TableRows.Descending("m", 0, 10));
        var sink = new InMemoryLeadSink();
        using var host = BuildHost(sink, table, pageSize: 3);
        await host.StartAsync();
        await sink.WaitForCountAsync(10).WaitAsync(Wait);

        // Later rows: keys sorting before, between and after those read, and a new partition sorting first.
        await TableRows.InsertAsync(table, [TableRows.Lead("m", "000000", 10), TableRows.Lead("m", "099995x", 11), TableRows.Lead("m", "~last", 12), TableRows.Lead("a", "1", 13)]);
        await sink.WaitForCountAsync(14).WaitAsync(Wait);
        await TableRows.InsertAsync(table, TableRows.Descending("z", 20, 6));
        await sink.WaitForCountAsync(20).WaitAsync(Wait);
        await Task.Delay(300); // a few more polls: nothing more may come
        await host.StopAsync();

        var ids = sink.GetDeliveries().Select(d => d.Lead.Id).ToList();
        Assert.Equal(20, ids.Count);
        Assert.Equal(20, ids.Distinct().Count());
    }

    [Fact]
    public async Task HostedReader_OnANamedPipeline_SubmitsToThatPipelineOnly()
    {
        var table = await azurite.CreateTableAsync();
        await TableRows.InsertAsync(table, TableRows.Descending("m", 0, 3));
        var defaultSink = new InMemoryLeadSink();
        var namedSink = new InMemoryLeadSink();
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddMarketplaceLeads(o => o.BatchDelay = TimeSpan.Zero).AddSink(defaultSink, "memory");
        builder.Services.AddMarketplaceLeads("tables", o => o.BatchDelay = TimeSpan.Zero).AddSink(namedSink, "memory").AddAzureTableReader(o =>
        {
            o.TableClient = table;
            o.CheckpointDirectory = _checkpoints;
            o.PollInterval = TimeSpan.FromMilliseconds(50);
        });
        using var host = builder.Build();
        await host.StartAsync();
        await namedSink.WaitForCountAsync(3).WaitAsync(Wait);
        await host.StopAsync();

        Assert.Equal(3, namedSink.GetDeliveries().Count);
        Assert.Empty(defaultSink.GetDeliveries());
    }

    [Fact]
    public async Task HostedReader_StoppedMidRead_AndAzuriteRestarted_ARestartedReaderDeliversEveryRowExactlyOnce()
    {
        var table = await azurite.CreateTableAsync();
        await TableRows.InsertAsync(table, [.. TableRows.Descending("r", 0, 40)]);
        var before = new InMemoryLeadSink();
        using (var host = BuildHost(before, table, pageSize: 5, slowSink: true))
        {
            await host.StartAsync();
            await before.WaitForCountAsync(8).WaitAsync(Wait);
            await host.StopAsync(); // reader cancelled while waiting for room in the (tiny) queue
        }

        Assert.InRange(before.Count, 8, 39);
        await azurite.RestartAsync();
        Assert.Equal(40, (await new TableClient(azurite.ConnectionString, table.Name).QueryAsync<TableEntity>().ToListAsync()).Count); // the rows survived

        var after = new InMemoryLeadSink();
        using (var host = BuildHost(after, new TableClient(azurite.ConnectionString, table.Name), pageSize: 5))
        {
            await host.StartAsync();
            await after.WaitForCountAsync(40 - before.Count).WaitAsync(Wait);
            await Task.Delay(300);
            await host.StopAsync();
        }

        var all = before.GetDeliveries().Concat(after.GetDeliveries()).Select(d => d.Lead.Id).ToList();
        Assert.Equal(40, all.Count);
        Assert.Equal(40, all.Distinct().Count());
    }

    [Fact]
    public async Task MalformedRow_IsDeadLetteredWithItsRawPayload_AndTheOthersDelivered()
    {
        var table = await azurite.CreateTableAsync();
        await TableRows.InsertAsync(table, [TableRows.Lead("p", "1", 1), TableRows.Malformed("p", "2"), TableRows.Lead("p", "3", 3)]);
        var sink = new InMemoryLeadSink();
        var deadLetters = new RecordingDeadLetterSink();
        await using (var provider = Pipelines.Build(sink, deadLetters))
        {
            var processor = provider.GetRequiredService<ILeadPipeline>();
            Assert.Equal(3, await NewReader(table, 100).SubmitNewAsync(processor));
            await processor.StopAsync();
        }

        Assert.Equal(2, sink.Count);
        var letter = Assert.Single(deadLetters.Received);
        Assert.Equal(LeadDeadLetterKind.Rejected, letter.Kind);
        Assert.NotNull(letter.ReadError);
        Assert.Contains("\"RowKey\":\"2\"", letter.RawPayload, StringComparison.Ordinal);
        Assert.Contains("Broken", letter.RawPayload, StringComparison.Ordinal);
        Assert.Empty(await NewReader(table, 100).ReadNewAsync().ToListAsync()); // consumed: not read again
    }

    [Fact]
    public async Task RowWithAHalfEmojiInCustomerInfo_IsReadWithReplacement_AndTheRowsAfterItToo()
    {
        var table = await azurite.CreateTableAsync();
        await TableRows.InsertAsync(table, [TableRows.Lead("p", "1", 1), TableRows.HalfEmoji("p", "2"), TableRows.Lead("p", "3", 3)]);
        var sink = new InMemoryLeadSink();
        var deadLetters = new RecordingDeadLetterSink();
        await using (var provider = Pipelines.Build(sink, deadLetters))
        {
            var processor = provider.GetRequiredService<ILeadPipeline>();
            Assert.Equal(3, await NewReader(table, 100).SubmitNewAsync(processor));
            await processor.StopAsync();
        }

        Assert.Equal(3, sink.Count);
        var lead = sink.GetDeliveries().Single(d => d.Lead.Customer.Email == "half@emoji.example").Lead;
        Assert.Equal("Ana \uFFFD", lead.Customer.FirstName);
        Assert.Equal("García", lead.Customer.LastName);
        Assert.Equal("great product \\ud83d", lead.Description); // a .NET string: the letters, not an escape
        Assert.Contains("ud83d", lead.RawPayload, StringComparison.Ordinal); // the row as received
        Assert.Empty(deadLetters.Received);
        Assert.Empty(await NewReader(table, 100).ReadNewAsync().ToListAsync()); // consumed: the checkpoint is past it
    }

    [Fact]
    public async Task HostedReader_RowWithAHalfEmoji_DoesNotStopThePoller_EveryRowIsDelivered()
    {
        var table = await azurite.CreateTableAsync();
        await TableRows.InsertAsync(table, [TableRows.Lead("m", "1", 1), TableRows.HalfEmoji("m", "2"), TableRows.Lead("m", "3", 3)]);
        var sink = new InMemoryLeadSink();
        using var host = BuildHost(sink, table, pageSize: 2);
        await host.StartAsync();
        await sink.WaitForCountAsync(3).WaitAsync(Wait);
        await TableRows.InsertAsync(table, [TableRows.Lead("m", "4", 4)]);
        await sink.WaitForCountAsync(4).WaitAsync(Wait);
        await host.StopAsync();

        Assert.Equal(4, sink.GetDeliveries().Select(d => d.Lead.Id).Distinct().Count());
    }

    [Fact]
    public async Task MapperFailingUnexpectedlyOnARow_DeadLettersTheRowAsReceived_MovesTheCheckpointPastIt_AndReadsTheRest()
    {
        var table = await azurite.CreateTableAsync();
        await TableRows.InsertAsync(table, [TableRows.Lead("p", "1", 1), TableRows.Lead("p", "2", 2), TableRows.Lead("p", "3", 3)]);
        var rows = new LeadReader(new LeadReaderOptions { ErrorPolicy = LeadReadErrorPolicy.SkipAndReport });
        var failing = new AzureTableLeadReader(new AzureTableLeadReaderOptions { TableClient = table, CheckpointStore = new FileLeadReaderCheckpointStore(_checkpoints) })
        {
            MapRow = (row, index) => Equals(row["RowKey"], "2") ? throw new InvalidOperationException("a defect in the mapper") : rows.ReadTableRow(row, index),
        };
        var sink = new InMemoryLeadSink();
        var deadLetters = new RecordingDeadLetterSink();
        await using (var provider = Pipelines.Build(sink, deadLetters))
        {
            var processor = provider.GetRequiredService<ILeadPipeline>();
            Assert.Equal(3, await failing.SubmitNewAsync(processor));
            await processor.StopAsync();
        }

        Assert.Equal(["Person1", "Person3"], sink.GetDeliveries().Select(d => d.Lead.Customer.FirstName).Order());
        var letter = Assert.Single(deadLetters.Received);
        Assert.Equal(LeadDeadLetterKind.Rejected, letter.Kind);
        Assert.Contains("failed unexpectedly", letter.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("defect", letter.Reason, StringComparison.Ordinal);
        Assert.Contains("\"RowKey\":\"2\"", letter.RawPayload, StringComparison.Ordinal);
        Assert.Contains("Person2", letter.RawPayload, StringComparison.Ordinal);
        Assert.Equal(table.Name, letter.ReadError!.SourceName);
        Assert.Empty(await NewReader(table, 100).ReadNewAsync().ToListAsync()); // consumed: not read again
    }

    [Fact]
    public async Task RowCheckpointStore_RoundTripsALargeCheckpointOverSeveralColumns_AndReadersContinueFromIt()
    {
        var checkpoints = new TableClient(azurite.ConnectionString, "ckpt" + Guid.NewGuid().ToString("N")[..10]); // created on first save
        var store = new AzureTableRowCheckpointStore(checkpoints);
        Assert.Null(await store.LoadAsync("leads", default));
        var large = new LeadReaderCheckpoint
        {
            Watermark = DateTimeOffset.UnixEpoch.AddDays(20_000),
            Seen = [.. Enumerable.Range(0, 1500).Select(i => new LeadReaderCheckpointKey("partition-" + i, Guid.NewGuid().ToString(), DateTimeOffset.UnixEpoch.AddSeconds(i)))],
        };
        await store.SaveAsync("a/b", large, default);
        var loaded = await new AzureTableRowCheckpointStore(checkpoints).LoadAsync("a/b", default);
        Assert.Equal(large.Watermark, loaded!.Watermark);
        Assert.Equal(large.Seen, loaded.Seen);

        var table = await azurite.CreateTableAsync();
        await TableRows.InsertAsync(table, TableRows.Descending("p", 0, 5));
        AzureTableLeadReader Reader() => new(new AzureTableLeadReaderOptions { TableClient = table, CheckpointStore = new AzureTableRowCheckpointStore(checkpoints), CheckpointName = "leads" });
        var first = await Reader().ReadNewAsync().Take(2).ToListAsync(); // stops after handing out the 2nd row: only the 1st is consumed
        var rest = await Reader().ReadNewAsync().ToListAsync();
        Assert.Equal(2, first.Count);
        Assert.Equal(4, rest.Count);
        Assert.Equal(5, first.Concat(rest).Select(r => r.Lead!.Id).Distinct().Count());
        Assert.Empty(await Reader().ReadNewAsync().ToListAsync());
    }

    [Fact]
    public async Task RowCheckpointStore_ReadsARowSavedUnderTheEarlierAzureTableSchema_AndNamesTheRowOfACorruptOne()
    {
        var checkpoints = new TableClient(azurite.ConnectionString, "ckpt" + Guid.NewGuid().ToString("N")[..10]);
        await checkpoints.CreateIfNotExistsAsync();
        await checkpoints.UpsertEntityAsync(new TableEntity("checkpoint", "leads")
        {
            ["Chunks"] = 1,
            ["Json0"] = """{"schema":"marketplace-leads/azure-table-checkpoint@1","watermark":"2026-03-01T10:00:00+00:00","seen":[{"pk":"p","rk":"r1","ts":"2026-03-01T09:55:00+00:00"}]}""",
        });
        await checkpoints.UpsertEntityAsync(new TableEntity("checkpoint", "broken") { ["Chunks"] = 1, ["Json0"] = """{"schema":"marketplace-leads/lead-reader-checkpoint@1","watermark":null,"seen":[{"pk":"p"}]}""" });
        var store = new AzureTableRowCheckpointStore(checkpoints);

        var loaded = await store.LoadAsync("leads", default);
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 10, 0, 0, TimeSpan.Zero), loaded!.Watermark);
        Assert.Equal([new LeadReaderCheckpointKey("p", "r1", new DateTimeOffset(2026, 3, 1, 9, 55, 0, TimeSpan.Zero))], loaded.Seen);
        var error = await Assert.ThrowsAsync<InvalidDataException>(async () => await store.LoadAsync("broken", default));
        Assert.Equal($"The checkpoint row 'broken' of table '{checkpoints.Name}' cannot be read: seen[0] has no \"rk\". Restore it, or delete it to have the reader read everything again.", error.Message);
    }

    [Fact]
    public void Options_MissingCheckpointOrOutOfRange_FailWithTheOptionsName()
    {
        var noStore = Assert.Throws<ArgumentException>(() => new AzureTableLeadReader(new AzureTableLeadReaderOptions { ConnectionString = azurite.ConnectionString }));
        Assert.Contains("CheckpointStore", noStore.Message, StringComparison.Ordinal);
        var page = Assert.Throws<ArgumentException>(() => new AzureTableLeadReader(new AzureTableLeadReaderOptions { ConnectionString = azurite.ConnectionString, CheckpointDirectory = _checkpoints, PageSize = 0 }));
        Assert.Equal("PageSize", page.ParamName);
        Assert.StartsWith("AzureTableLeadReaderOptions.PageSize must be between 1 and 1,000; it is 0.", page.Message, StringComparison.Ordinal);
    }

    private AzureTableLeadReader NewReader(TableClient table, int pageSize) => new(new AzureTableLeadReaderOptions
    {
        TableClient = table,
        CheckpointStore = new FileLeadReaderCheckpointStore(_checkpoints),
        PageSize = pageSize,
    });

    private IHost BuildHost(InMemoryLeadSink sink, TableClient table, int pageSize, bool slowSink = false)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        var leads = builder.Services.AddMarketplaceLeads(o =>
        {
            o.BatchDelay = TimeSpan.FromMilliseconds(2);
            o.ShutdownTimeout = TimeSpan.FromSeconds(20);
            if (slowSink)
            {
                o.QueueCapacity = 2;
                o.MaxBatchSize = 1;
            }
        });
        if (slowSink)
        {
            leads.AddSink(async (batch, ct) =>
            {
                await Task.Delay(40, CancellationToken.None);
                await sink.WriteBatchAsync(batch, ct);
            }, "memory");
        }
        else
        {
            leads.AddSink(sink, "memory");
        }

        leads.AddAzureTableReader(o =>
        {
            o.TableClient = table;
            o.CheckpointDirectory = _checkpoints;
            o.PageSize = pageSize;
            o.PollInterval = TimeSpan.FromMilliseconds(50);
        });
        return builder.Build();
    }

    public void Dispose()
    {
        if (Directory.Exists(_checkpoints))
        {
            Directory.Delete(_checkpoints, recursive: true);
        }
    }
}
