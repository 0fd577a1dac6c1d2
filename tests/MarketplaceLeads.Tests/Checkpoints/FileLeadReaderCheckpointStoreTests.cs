using System;
using System.IO;
using System.Threading.Tasks;
using MarketplaceLeads.Checkpoints;
using MarketplaceLeads.Tests.Support;

namespace MarketplaceLeads.Tests;

/// <summary>The file checkpoint store: atomic replacement, the files of the Azure Table package's earlier store, and what a corrupt file says.</summary>
public sealed class FileLeadReaderCheckpointStoreTests : IDisposable
{
    private readonly string _checkpoints = Path.Combine(Path.GetTempPath(), "mlcp-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task SaveAsync_ThenLoadAsync_RoundTrips_ReplacesAtomically_AndWritesTheLeadReaderSchema()
    {
        var store = new FileLeadReaderCheckpointStore(_checkpoints);
        Assert.Null(await store.LoadAsync("x/y:z", default));
        var checkpoint = new LeadReaderCheckpoint
        {
            Watermark = new DateTimeOffset(2026, 11, 20, 14, 3, 11, 512, TimeSpan.Zero).AddTicks(3),
            Seen = [new("pk \"1\"", "rk/é", DateTimeOffset.UnixEpoch), new("p", "r", new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.FromHours(2)))],
        };
        await store.SaveAsync("x/y:z", checkpoint, default);
        await store.SaveAsync("x/y:z", checkpoint with { Watermark = null }, default);
        await store.SaveAsync("x/y:z", checkpoint, default);

        var loaded = await new FileLeadReaderCheckpointStore(_checkpoints).LoadAsync("x/y:z", default);
        Assert.Equal(checkpoint.Watermark, loaded!.Watermark);
        Assert.Equal(checkpoint.Seen, loaded.Seen);
        Assert.Equal([Path.Combine(_checkpoints, "x_y_z.checkpoint.json")], Directory.GetFiles(_checkpoints)); // no temporary file left
        Assert.StartsWith("""{"schema":"marketplace-leads/lead-reader-checkpoint@1","watermark":"2026-11-20T14:03:11.5120003+00:00","seen":[{"pk":""", await File.ReadAllTextAsync(store.GetPath("x/y:z")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadAsync_AFileTheAzureTableFileCheckpointStoreWrote_LoadsEveryKeyAndStamp_AndTheNextSaveUsesTheNewSchema()
    {
        Directory.CreateDirectory(_checkpoints);
        File.Copy(DataFile("azure-table-checkpoint-v1.checkpoint.json"), Path.Combine(_checkpoints, "contoso_leads_table.checkpoint.json"));
        File.Copy(DataFile("azure-table-checkpoint-v1-no-watermark.checkpoint.json"), Path.Combine(_checkpoints, "first-pass-cut-short.checkpoint.json"));
        var store = new FileLeadReaderCheckpointStore(_checkpoints);

        var loaded = await store.LoadAsync("contoso/leads:table", default); // the name maps to the same file as before
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 14, 3, 11, 512, TimeSpan.Zero).AddTicks(3), loaded!.Watermark);
        Assert.Equal(
            [
                new LeadReaderCheckpointKey("pk \"1\"", "rk/é <&>", DateTimeOffset.UnixEpoch),
                new LeadReaderCheckpointKey("referral", "c5fbb3b6-be74-4795-9fb5-4324c73fed37", new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.FromHours(2))),
                new LeadReaderCheckpointKey("p", "emoji 😀 \u2028", new DateTimeOffset(2026, 11, 20, 14, 0, 0, TimeSpan.FromHours(-5))),
            ],
            loaded.Seen);
        Assert.Equal(TimeSpan.FromHours(-5), loaded.Seen[2].Timestamp.Offset); // offsets kept, not only instants

        var cutShort = await store.LoadAsync("first-pass-cut-short", default);
        Assert.Null(cutShort!.Watermark);
        Assert.Equal([new LeadReaderCheckpointKey("p", "r", DateTimeOffset.UnixEpoch)], cutShort.Seen);

        await store.SaveAsync("contoso/leads:table", loaded, default);
        Assert.Contains("lead-reader-checkpoint@1", await File.ReadAllTextAsync(store.GetPath("contoso/leads:table")), StringComparison.Ordinal);
        var again = await store.LoadAsync("contoso/leads:table", default);
        Assert.Equal(loaded.Watermark, again!.Watermark);
        Assert.Equal(loaded.Seen, again.Seen);
    }

    [Theory]
    [InlineData("", "it is empty (0 bytes)")]
    [InlineData("{\"schema\":\"marketplace-leads/lead-reader-checkpoint@1\",\"watermark\":nul", "it is not valid JSON (line 1, byte ")]
    [InlineData("[1,2]", "its root is an array, not an object")]
    [InlineData("{\"watermark\":null,\"seen\":[]}", "it has no \"schema\" string")]
    [InlineData("{\"schema\":\"other\",\"watermark\":null,\"seen\":[]}", "its schema is not 'marketplace-leads/lead-reader-checkpoint@1' (nor the earlier 'marketplace-leads/azure-table-checkpoint@1')")]
    [InlineData("{\"schema\":\"marketplace-leads/lead-reader-checkpoint@1\",\"seen\":[]}", "it has no \"watermark\" (a date and time, or null)")]
    [InlineData("{\"schema\":\"marketplace-leads/lead-reader-checkpoint@1\",\"watermark\":\"yesterday\",\"seen\":[]}", "watermark is a string that is not an ISO 8601 date and time, not a date and time")]
    [InlineData("{\"schema\":\"marketplace-leads/lead-reader-checkpoint@1\",\"watermark\":17,\"seen\":[]}", "watermark is a number, not a date and time")]
    [InlineData("{\"schema\":\"marketplace-leads/lead-reader-checkpoint@1\",\"watermark\":null}", "it has no \"seen\" array")]
    [InlineData("{\"schema\":\"marketplace-leads/lead-reader-checkpoint@1\",\"watermark\":null,\"seen\":[{\"pk\":\"p\",\"rk\":\"r\",\"ts\":\"1970-01-01T00:00:00+00:00\"},7]}", "seen[1] is a number, not an object")]
    [InlineData("{\"schema\":\"marketplace-leads/azure-table-checkpoint@1\",\"watermark\":null,\"seen\":[{\"pk\":\"p\",\"ts\":\"1970-01-01T00:00:00+00:00\"}]}", "seen[0] has no \"rk\"")]
    [InlineData("{\"schema\":\"marketplace-leads/lead-reader-checkpoint@1\",\"watermark\":null,\"seen\":[{\"pk\":1,\"rk\":\"r\",\"ts\":\"1970-01-01T00:00:00+00:00\"}]}", "seen[0].pk is a number, not a string")]
    [InlineData("{\"schema\":\"marketplace-leads/lead-reader-checkpoint@1\",\"watermark\":null,\"seen\":[{\"pk\":\"p\",\"rk\":\"r\",\"ts\":\"1970-13-01\"}]}", "seen[0].ts is a string that is not an ISO 8601 date and time, not a date and time")]
    [InlineData("{\"schema\":\"marketplace-leads/lead-reader-checkpoint@1\",\"watermark\":null,\"seen\":[{\"pk\":\"p\",\"rk\":\"a\\ud800\",\"ts\":\"1970-01-01T00:00:00+00:00\"}]}", "seen[0].rk is not valid UTF-16 text (a lone surrogate escape)")]
    public async Task LoadAsync_CorruptFile_ThrowsInvalidDataException_NamingTheFileAndTheProblem(string content, string problem)
    {
        var store = new FileLeadReaderCheckpointStore(_checkpoints);
        Directory.CreateDirectory(_checkpoints);
        await File.WriteAllTextAsync(store.GetPath("leads"), content);

        var error = await Assert.ThrowsAsync<InvalidDataException>(async () => await store.LoadAsync("leads", default));

        Assert.StartsWith($"The checkpoint file '{store.GetPath("leads")}' cannot be read: {problem}", error.Message, StringComparison.Ordinal);
        Assert.EndsWith(". Restore it, or delete it to have the reader read everything again.", error.Message, StringComparison.Ordinal);
        Assert.Null(error.InnerException); // the parser's own message can quote the file's text
    }

    [Fact]
    public async Task LoadAsync_CorruptFile_NeverQuotesTheKeysInIt()
    {
        var store = new FileLeadReaderCheckpointStore(_checkpoints);
        Directory.CreateDirectory(_checkpoints);
        await File.WriteAllTextAsync(store.GetPath("leads"), """{"schema":"marketplace-leads/lead-reader-checkpoint@1","watermark":null,"seen":[{"pk":"sue.smith@fabrikam.com","rk":"Sue Smith","ts":"sue.smith@fabrikam.com"}]}""");
        var invalidJson = new FileLeadReaderCheckpointStore(Path.Combine(_checkpoints, "json"));
        Directory.CreateDirectory(invalidJson.Directory);
        await File.WriteAllTextAsync(invalidJson.GetPath("leads"), """{"schema":"marketplace-leads/lead-reader-checkpoint@1","watermark":null,"seen":[{"pk":sue.smith@fabrikam.com}]}""");

        var bad = await Assert.ThrowsAsync<InvalidDataException>(async () => await store.LoadAsync("leads", default));
        var notJson = await Assert.ThrowsAsync<InvalidDataException>(async () => await invalidJson.LoadAsync("leads", default));

        Assert.Contains("seen[0].ts", bad.Message, StringComparison.Ordinal);
        foreach (var message in new[] { bad.ToString(), notJson.ToString() })
        {
            Assert.DoesNotContain("sue", message, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("fabrikam", message, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task SaveAsync_AKeyWithALoneSurrogate_IsSavedWithUFFFDInItsPlace_NotRefused()
    {
        // A lone UTF-16 half cannot be written as JSON text: the writer puts U+FFFD in its place. Such an item is then not recognised
        // as seen after a restart and is handed out again while it is within the overlap window (the pipeline answers AlreadyAccepted).
        var store = new FileLeadReaderCheckpointStore(_checkpoints);
        await store.SaveAsync("leads", new LeadReaderCheckpoint { Seen = [new("p", "a\uD800b", DateTimeOffset.UnixEpoch)] }, default);

        var loaded = await store.LoadAsync("leads", default);

        Assert.Equal("a\uFFFDb", Assert.Single(loaded!.Seen).Key);
    }

    [Theory]
    [InlineData("a/b\\c:d", "a_b_c_d.checkpoint.json")]
    [InlineData("partner-center-referrals", "partner-center-referrals.checkpoint.json")]
    [InlineData("nul\0x", "nul_x.checkpoint.json")]
    public void GetPath_ReplacesCharactersNotAllowedInFileNames(string name, string fileName) =>
        Assert.Equal(Path.Combine(Path.GetFullPath(_checkpoints), fileName), new FileLeadReaderCheckpointStore(_checkpoints).GetPath(name));

    [Fact]
    public void Constructor_And_GetPath_RejectBlankArguments()
    {
        Assert.ThrowsAny<ArgumentException>(() => new FileLeadReaderCheckpointStore(" "));
        Assert.ThrowsAny<ArgumentException>(() => new FileLeadReaderCheckpointStore(_checkpoints).GetPath(string.Empty));
    }

    public void Dispose()
    {
        if (Directory.Exists(_checkpoints))
        {
            Directory.Delete(_checkpoints, recursive: true);
        }
    }

    private static string DataFile(string name) =>
        Path.Combine(RepositoryPaths.RepositoryRoot, "tests", "MarketplaceLeads.Tests", "Checkpoints", "Data", name);
}
