using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using MarketplaceLeads.Checkpoints;
using MarketplaceLeads.Tests.Support;

namespace MarketplaceLeads.Tests;

/// <summary>The file store's format round-trips any checkpoint: keys of any valid UTF-16 text, stamps anywhere in range with their offsets.</summary>
[Properties(Arbitrary = [typeof(CheckpointGenerators)], MaxTest = 200)]
public sealed class FileLeadReaderCheckpointStorePropertyTests : IDisposable
{
    private readonly string _checkpoints = Path.Combine(Path.GetTempPath(), "mlcp-" + Guid.NewGuid().ToString("N"));

    [Property]
    public async Task SaveAsync_ThenLoadAsync_GivesTheSameCheckpoint(LeadReaderCheckpoint checkpoint)
    {
        var store = new FileLeadReaderCheckpointStore(_checkpoints);
        await store.SaveAsync("leads", checkpoint, default);

        var loaded = await new FileLeadReaderCheckpointStore(_checkpoints).LoadAsync("leads", default);

        AssertSame(checkpoint, loaded!);
    }

    [Property(MaxTest = 1000)]
    public void Format_ThenParse_GivesTheSameCheckpoint_AndTheDocumentIsValidJson(LeadReaderCheckpoint checkpoint)
    {
        var json = LeadReaderCheckpointJson.Format(checkpoint);

        AssertSame(checkpoint, LeadReaderCheckpointJson.Parse(json, "test"));
        Assert.True(System.Text.Unicode.Utf8.IsValid(json));
    }

    [Property(MaxTest = 500)]
    public Property GetPath_AnyName_IsAFileDirectlyInTheFolder() =>
        Prop.ForAll(CheckpointGenerators.Text().Where(name => name.Length is > 0 and < 80).ToArbitrary(), name =>
        {
            var store = new FileLeadReaderCheckpointStore(_checkpoints);
            var path = store.GetPath(name);
            Assert.Equal(store.Directory, Path.GetDirectoryName(path));
            Assert.EndsWith(".checkpoint.json", path, StringComparison.Ordinal);
        });

    public void Dispose()
    {
        if (Directory.Exists(_checkpoints))
        {
            Directory.Delete(_checkpoints, recursive: true);
        }
    }

    private static void AssertSame(LeadReaderCheckpoint expected, LeadReaderCheckpoint actual)
    {
        // DateTimeOffset's equality compares instants; the offsets must survive too.
        Assert.Equal(expected.Watermark.HasValue, actual.Watermark.HasValue);
        Assert.True(expected.Watermark is not { } w || w.EqualsExact(actual.Watermark!.Value), $"watermark {expected.Watermark:O} read as {actual.Watermark:O}");
        Assert.Equal(expected.Seen.Count, actual.Seen.Count);
        foreach (var (want, got) in expected.Seen.Zip(actual.Seen))
        {
            Assert.Equal(want.Partition, got.Partition);
            Assert.Equal(want.Key, got.Key);
            Assert.True(want.Timestamp.EqualsExact(got.Timestamp), $"stamp {want.Timestamp:O} read as {got.Timestamp:O}");
        }
    }
}
