using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using MarketplaceLeads.Sqlite;

namespace MarketplaceLeads.Tests;

/// <summary>
/// Issue #14, fuzzer finding 1 and its neighbours: what a reader keeps in <see cref="Lead.AdditionalProperties"/> can
/// always be written back — no lone surrogate escape (<c>"\ud83d"</c>) that the JSON writer refuses, and no nesting
/// that the SDK's own JSON Lines record (one level deeper than the payload) cannot read back. A lead that is read but
/// cannot be written is lost later: the SQLite journal refuses it, and <c>import</c> stopped there.
/// </summary>
public sealed class AdditionalPropertiesRoundTripTests
{
    private const string Id = "0123456789abcdef0123456789abcdef";

    private static readonly LeadReader Reader = new(new LeadReaderOptions { ErrorPolicy = LeadReadErrorPolicy.Throw });

    public static TheoryData<string, string, string> PayloadsWithALoneSurrogateInAnUnknownProperty => new()
    {
        { """{"":"\ud83d"}""", "", "\uFFFD" },
        { """{"x":"\ud83d"}""", "x", "\uFFFD" },
        { """{"x":"Ana \udc00 Garc\u00eda"}""", "x", "Ana \uFFFD García" },
        { """{"\ud83d":1}""", "\uFFFD", "1" },
        { """{"UserDetails":{"Nickname":"\ud83d"}}""", "UserDetails.Nickname", "\uFFFD" },
    };

    [Theory]
    [MemberData(nameof(PayloadsWithALoneSurrogateInAnUnknownProperty))]
    public void ReadHttpsPayload_LoneSurrogateInAnUnknownProperty_KeepsAReplacementTheWritersAccept(string json, string name, string expected)
    {
        var lead = Reader.ReadHttpsPayload(Encoding.UTF8.GetBytes(json)).Lead!;

        Assert.Equal(expected, Text(lead.AdditionalProperties[name]));
        AssertWritableAndReadableBack(lead);
    }

    [Fact]
    public void ReadJsonLine_Lead1RecordWithALoneSurrogateInAdditionalProperties_KeepsAReplacement()
    {
        var line = $$$"""{"schema":"marketplace-leads/lead@1","id":"{{{Id}}}","additionalProperties":{"x":"\ud83d","\udc00":"y"},"z":"\ud83d"}""";

        var lead = Reader.ReadJsonLine(Encoding.UTF8.GetBytes(line)).Lead!;

        Assert.Equal("\uFFFD", Text(lead.AdditionalProperties["x"]));
        Assert.Equal("y", Text(lead.AdditionalProperties["\uFFFD"]));
        Assert.Equal("\uFFFD", Text(lead.AdditionalProperties["z"]));
        AssertWritableAndReadableBack(lead);
    }

    [Fact]
    public async Task ReadCsvAsync_AdditionalPropertiesColumnWithALoneSurrogateEscape_KeepsAReplacement()
    {
        var csv = "email,additionalProperties\na@b.example,\"{\"\"x\"\":\"\"\\ud83d\"\"}\"\n"u8.ToArray();

        var lead = Assert.Single(await ReadAllAsync(Reader.ReadCsvAsync(new MemoryStream(csv)))).Lead!;

        Assert.Equal("\uFFFD", Text(lead.AdditionalProperties["x"]));
        AssertWritableAndReadableBack(lead);
    }

    [Fact]
    public void ReadTableRow_LoneSurrogateCharactersInAnUnknownProperty_KeepsAReplacement()
    {
        var entity = new Dictionary<string, object?> { ["PartitionKey"] = "p", ["RowKey"] = "r", ["Note\uD83D"] = "Ana\uDC00" };

        var lead = Reader.ReadTableRow(entity).Lead!;

        Assert.Equal("Ana\uFFFD", Text(lead.AdditionalProperties["Note\uFFFD"]));
        AssertWritableAndReadableBack(lead);
    }

    [Fact]
    public async Task SqliteJournal_AcceptsTheLeadOfAPayloadWithALoneSurrogateInAnUnknownProperty_AndReadsItBack()
    {
        var lead = Reader.ReadHttpsPayload("""{"UserDetails":{"Email":"a@b.example"},"":"\ud83d"}"""u8).Lead!;
        var folder = Directory.CreateTempSubdirectory("ml-additional-");
        try
        {
            await using (var database = new SqliteLeadDatabase(new SqliteLeadsOptions { Path = Path.Combine(folder.FullName, "leads.db") }))
            {
                Assert.True(await database.Journal.TryAcceptAsync(lead, DateTimeOffset.UnixEpoch, ["crm"], CancellationToken.None));
                var pending = Assert.Single(await database.Journal.ReadPendingAsync(CancellationToken.None).ToListAsync());
                Assert.Equal("\uFFFD", Text(pending.Lead.AdditionalProperties[""]));
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
        }
    }

    /// <summary>The deepest unknown property a payload may hold (<see cref="LeadReaderOptions.MaxDepth"/>): the lead@1 record nests it one level deeper, under <c>additionalProperties</c>.</summary>
    public static TheoryData<string> DeepestUnknownProperties => new()
    {
        Nest("{\"\":", 15, "[]", "}"),
        "{\"x\":" + Nest("[", 15, string.Empty, "]") + ",\"o\":\"\"}",
        "{\"UserDetails\":{\"x\":" + Nest("[", 14, string.Empty, "]") + "}}",
    };

    [Theory]
    [MemberData(nameof(DeepestUnknownProperties))]
    public void ReadHttpsPayload_UnknownPropertyNestedToTheDepthLimit_ItsLead1RecordReadsBack(string json)
    {
        var lead = Reader.ReadHttpsPayload(Encoding.UTF8.GetBytes(json)).Lead!;

        AssertWritableAndReadableBack(lead);
    }

    [Fact]
    public void ReadJsonLine_Lead1RecordWithAnUnknownTopLevelPropertyAtTheLimit_ItsRecordReadsBackAgain()
    {
        // An unknown top-level property of a record moves under additionalProperties when written: one level deeper.
        var line = $$"""{"schema":"marketplace-leads/lead@1","id":"{{Id}}","newer":""" + new string('[', 15) + new string(']', 15) + "}";

        var lead = Reader.ReadJsonLine(Encoding.UTF8.GetBytes(line)).Lead!;

        AssertWritableAndReadableBack(lead);
    }

    [Fact]
    public async Task ReadCsvAsync_AdditionalPropertiesColumnNestedDeeperThanTheLimit_IsRejectedNamingTheColumn()
    {
        var deep = new string('[', 40) + new string(']', 40);
        var csv = Encoding.UTF8.GetBytes($"email,additionalProperties\na@b.example,\"{{\"\"x\"\":{deep}}}\"\n");
        var skipping = new LeadReader(new LeadReaderOptions { ErrorPolicy = LeadReadErrorPolicy.SkipAndReport });

        var error = Assert.Single(await ReadAllAsync(skipping.ReadCsvAsync(new MemoryStream(csv)))).Error!;

        Assert.Equal("additionalProperties", error.Field);
        Assert.Contains("16", error.Reason, StringComparison.Ordinal);
    }

    private static string Nest(string open, int depth, string inner, string close) =>
        string.Concat(Enumerable.Repeat(open, depth)) + inner + string.Concat(Enumerable.Repeat(close, depth));

    private static string Text(JsonElement element) => element.ValueKind == JsonValueKind.String ? element.GetString()! : element.GetRawText();

    private static void AssertWritableAndReadableBack(Lead lead)
    {
        var line = LeadJsonLines.Serialize(lead);
        _ = LeadCsv.FormatRecord(lead);
        _ = LeadHttpsPayload.SerializeToUtf8Bytes(lead);
        var back = Reader.ReadJsonLine(Encoding.UTF8.GetBytes(line)).Lead!;
        Assert.Equal(lead.AdditionalProperties.Keys.Order(StringComparer.Ordinal), back.AdditionalProperties.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(LeadJsonLines.Serialize(back), line);
    }

    private static async Task<List<LeadReadResult>> ReadAllAsync(IAsyncEnumerable<LeadReadResult> results)
    {
        var list = new List<LeadReadResult>();
        await foreach (var result in results)
        {
            list.Add(result);
        }

        return list;
    }
}
