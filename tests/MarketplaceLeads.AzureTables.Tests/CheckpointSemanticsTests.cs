using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using MarketplaceLeads.AzureTables.Tests.Support;
using MarketplaceLeads.Checkpoints;

namespace MarketplaceLeads.AzureTables.Tests;

/// <summary>The watermark and overlap window with Timestamps chosen by the test (Azurite cannot be made to write them out of order).</summary>
public sealed class CheckpointSemanticsTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly string _checkpoints = Path.Combine(Path.GetTempPath(), "mlat-" + Guid.NewGuid().ToString("N"));
    private readonly FakeTableClient _table = new();

    [Fact]
    public async Task LateRowWithAnEarlierTimestampWithinTheWindow_IsRead_SeenRowsAreNot_AndOldKeysArePruned()
    {
        _table.Add("p", "b", T0.AddMinutes(1), 1);
        _table.Add("p", "a", T0.AddMinutes(2), 2);
        Assert.Equal(["Person1", "Person2"], await ReadNamesAsync());
        Assert.Null(_table.Filters[^1]); // first pass: the whole table

        _table.Add("p", "c", T0.AddMinutes(1.5), 3); // written late, Timestamp before the watermark
        Assert.Equal(["Person3"], await ReadNamesAsync());
        Assert.Equal("Timestamp ge datetime'2025-12-31T23:52:00.0000000Z'", _table.Filters[^1]); // watermark (T0+2m) - 10 min

        _table.Add("a", "z", T0.AddMinutes(30), 4);
        Assert.Equal(["Person4"], await ReadNamesAsync());
        var checkpoint = await Store().LoadAsync("fake", default);
        Assert.Equal(T0.AddMinutes(30), checkpoint!.Watermark);
        Assert.Equal([new LeadReaderCheckpointKey("a", "z", T0.AddMinutes(30))], checkpoint.Seen); // the others are below the new bound

        Assert.Empty(await ReadNamesAsync());
    }

    [Fact]
    public async Task RowLaterThanTheWindow_IsNotRead_TheDocumentedLimit()
    {
        _table.Add("p", "a", T0.AddHours(1), 1);
        Assert.Single(await ReadNamesAsync());
        _table.Add("p", "b", T0, 2); // an hour older than a row already read: beyond OverlapWindow
        Assert.Empty(await ReadNamesAsync());
    }

    [Fact]
    public async Task InterruptedPass_KeepsTheOldWatermark_SoAnUnreadOlderRowInALaterPartitionIsStillRead()
    {
        _table.Add("a", "1", T0.AddHours(2), 1);   // newest, first in key order
        _table.Add("b", "1", T0, 2);               // oldest, last in key order
        var reader = Reader();
        await foreach (var result in reader.ReadNewAsync())
        {
            Assert.Equal("Person1", result.Lead!.Customer.FirstName);
            break; // not consumed
        }

        await using (var enumerator = reader.ReadNewAsync().GetAsyncEnumerator())
        {
            Assert.True(await enumerator.MoveNextAsync());
            Assert.True(await enumerator.MoveNextAsync()); // row 1 consumed; the pass is cut short after handing out row 2
        }

        var checkpoint = await Store().LoadAsync("fake", default);
        Assert.Null(checkpoint!.Watermark); // no pass completed: a watermark of T0+2h would skip row 2
        Assert.Equal(["Person2"], await ReadNamesAsync());
        Assert.Equal(T0.AddHours(2), (await Store().LoadAsync("fake", default))!.Watermark);
    }

    public void Dispose()
    {
        if (Directory.Exists(_checkpoints))
        {
            Directory.Delete(_checkpoints, recursive: true);
        }
    }

    private FileLeadReaderCheckpointStore Store() => new(_checkpoints);

    private AzureTableLeadReader Reader() => new(new AzureTableLeadReaderOptions { TableClient = _table, CheckpointStore = Store(), PageSize = 2 });

    private async Task<string[]> ReadNamesAsync() =>
        [.. (await Reader().ReadNewAsync().ToListAsync()).Select(r => r.Lead!.Customer.FirstName ?? string.Empty).Order()];
}
