using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using MarketplaceLeads.Tests.Support;

namespace MarketplaceLeads.Tests;

/// <summary>
/// Issue #14: odd or hostile JSON input never costs a lead. A lone UTF-16 surrogate escape (half an emoji) or invalid
/// UTF-8 in a text is read as U+FFFD, and the readers throw nothing but <see cref="LeadReadException"/>.
/// </summary>
public class JsonInputRobustnessTests
{
    private const string Replacement = "\uFFFD";

    public static TheoryData<LeadReadErrorPolicy> Policies() => new() { LeadReadErrorPolicy.Throw, LeadReadErrorPolicy.SkipAndReport };

    private static LeadReader Reader(LeadReadErrorPolicy policy = LeadReadErrorPolicy.SkipAndReport) =>
        new(new LeadReaderOptions { ErrorPolicy = policy });

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static async Task<List<LeadReadResult>> ReadAllAsync(IAsyncEnumerable<LeadReadResult> results)
    {
        var list = new List<LeadReadResult>();
        await foreach (var result in results)
        {
            list.Add(result);
        }

        return list;
    }

    private static Lead AssertLead(LeadReadResult result)
    {
        Assert.True(result.IsSuccess, result.Error?.ToString());
        return result.Lead;
    }

    // ---- Finding 1: lone surrogate escapes ----

    [Theory]
    [MemberData(nameof(Policies))]
    public void ReadHttpsPayload_LoneHighSurrogateEscapeInDescription_ReadsLeadWithReplacement_AndKeepsRawPayload(LeadReadErrorPolicy policy)
    {
        const string json = """{"LeadSource":"AppSource-PLT|a.b","Description":"great product \ud83d","UserDetails":{"Email":"ana@x.example"}}""";

        var lead = AssertLead(Reader(policy).ReadHttpsPayload(Utf8(json)));

        Assert.Equal("great product " + Replacement, lead.Description);
        Assert.Equal("ana@x.example", lead.Customer.Email);
        Assert.Equal(json, lead.RawPayload);
    }

    [Fact]
    public void ReadHttpsPayload_LoneLowSurrogateEscapeInPropertyNames_KeepsThePropertiesWithReplacement()
    {
        const string json = """{"\udc00":1,"LeadSource":"AppSource-PLT|a.b","UserDetails":{"x\udc00y":"v","\u0046irstName":"Ana"}}""";

        var lead = AssertLead(Reader().ReadHttpsPayload(Utf8(json)));

        Assert.Equal(1, lead.AdditionalProperties[Replacement].GetInt32());
        Assert.Equal("v", lead.AdditionalProperties["UserDetails.x" + Replacement + "y"].GetString());
        Assert.Equal("Ana", lead.Customer.FirstName); // an escaped letter in a known name still matches
    }

    [Fact]
    public void ReadHttpsPayload_LoneSurrogateInsideAnUnknownProperty_IsReplacedInTheKeptValue()
    {
        const string json = """{"LeadSource":"AppSource-PLT|a.b","Campaign":{"utm":"\ud83d x"}}""";

        var lead = AssertLead(Reader(LeadReadErrorPolicy.Throw).ReadHttpsPayload(Utf8(json)));

        Assert.Equal(Replacement + " x", lead.AdditionalProperties["Campaign"].GetProperty("utm").GetString());
    }

    [Theory]
    [InlineData("""\ud83d\ude00""", "\U0001F600")]
    [InlineData("""\uD83D\uDE00\uD83D""", "\U0001F600\uFFFD")]
    [InlineData("""\ud83d\ud83d\ude00""", "\uFFFD\U0001F600")]
    [InlineData("""\ude00\ud83d""", "\uFFFD\uFFFD")]
    [InlineData("""\ud83d\u0041""", "\uFFFDA")]
    [InlineData("""a\\ud83d""", "a\\ud83d")] // an escaped backslash, then the letters "ud83d": no escape
    [InlineData("""a\\\ud83d""", "a\\\uFFFD")]
    [InlineData("\\\"\\ud83d\\\"", "\"\uFFFD\"")]
    public void ReadHttpsPayload_SurrogateEscapes_PairsDecodeExactly_LoneHalvesBecomeReplacement(string escaped, string expected)
    {
        var json = "{\"LeadSource\":\"AppSource-PLT|a.b\",\"UserDetails\":{\"LastName\":\"" + escaped + "\"}}";

        var lead = AssertLead(Reader().ReadHttpsPayload(Utf8(json)));

        Assert.Equal(expected, lead.Customer.LastName);
    }

    [Fact]
    public void ReadHttpsPayload_UserDetailsAsJsonStringHoldingALoneSurrogateEscape_ReadsTheCustomer()
    {
        const string json = """{"LeadSource":"AppSource-PLT|a.b","UserDetails":"{\"FirstName\":\"Ana \\ud83d\",\"Email\":\"ana@x.example\"}"}""";

        var lead = AssertLead(Reader(LeadReadErrorPolicy.Throw).ReadHttpsPayload(Utf8(json)));

        Assert.Equal("Ana " + Replacement, lead.Customer.FirstName);
        Assert.Equal("ana@x.example", lead.Customer.Email);
    }

    [Fact]
    public void ReadHttpsPayloads_ArrayWithALoneSurrogateInOneLead_ReadsEveryLead()
    {
        const string json = """[{"LeadSource":"AppSource-PLT|a.b"},{"LeadSource":"AppSource-PLT|c.d","Description":"\ud83d"},{"LeadSource":"AppSource-PLT|e.f"}]""";

        var results = Reader(LeadReadErrorPolicy.Throw).ReadHttpsPayloads(Utf8(json));

        Assert.Equal(["b", "d", "f"], results.Select(r => AssertLead(r).Offer.OfferId));
        Assert.Equal(Replacement, results[1].Lead!.Description);
        Assert.Equal("""{"LeadSource":"AppSource-PLT|c.d","Description":"\ud83d"}""", results[1].Lead!.RawPayload);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(65536)]
    public async Task ReadHttpsPayloadsAsync_ArrayWithLoneSurrogates_ReadsEveryLead(int readSize)
    {
        const string json = """[{"LeadSource":"AppSource-PLT|a.b","\udc00":"\ud83d"},{"LeadSource":"AppSource-PLT|c.d","Description":"x\ud83d"}]""";

        var results = await ReadAllAsync(Reader(LeadReadErrorPolicy.Throw).ReadHttpsPayloadsAsync(new TrickleStream(Utf8(json), readSize)));

        Assert.Equal(2, results.Count);
        Assert.Equal(Replacement, AssertLead(results[0]).AdditionalProperties[Replacement].GetString());
        Assert.Equal("x" + Replacement, AssertLead(results[1]).Description);
    }

    [Fact]
    public async Task ReadJsonLinesAsync_PayloadAndLead1LinesWithLoneSurrogates_ReadEveryLine()
    {
        var lead1 = LeadJsonLines.Serialize(new LeadReader().ReadHttpsPayload("""{"LeadSource":"AppSource-PLT|a.b","Description":"placeholder"}"""u8).Lead!)
            .Replace("placeholder", "half \\ud83d", StringComparison.Ordinal)
            .Replace("\"schema\"", "\"x\\udc00\":1,\"schema\"", StringComparison.Ordinal);
        var text = """{"LeadSource":"AppSource-PLT|c.d","Description":"\ud83d"}""" + "\n" + lead1 + "\n" + """{"LeadSource":"AppSource-PLT|e.f"}""" + "\n";

        var results = await ReadAllAsync(Reader(LeadReadErrorPolicy.Throw).ReadJsonLinesAsync(new MemoryStream(Utf8(text))));

        Assert.Equal(3, results.Count);
        Assert.Equal(Replacement, AssertLead(results[0]).Description);
        Assert.Equal("half " + Replacement, AssertLead(results[1]).Description);
        Assert.Equal(1, results[1].Lead!.AdditionalProperties["x" + Replacement].GetInt32());
        Assert.Equal("f", AssertLead(results[2]).Offer.OfferId);
    }

    [Fact]
    public void ReadJsonLine_Lead1RecordWithLoneSurrogateInCustomer_ReadsTheLead()
    {
        var line = LeadJsonLines.Serialize(new LeadReader().ReadHttpsPayload("""{"LeadSource":"AppSource-PLT|a.b","UserDetails":{"FirstName":"Ana"}}"""u8).Lead!)
            .Replace("\"Ana\"", "\"Ana \\uD83D\"", StringComparison.Ordinal);

        var lead = AssertLead(Reader(LeadReadErrorPolicy.Throw).ReadJsonLine(Utf8(line)));

        Assert.Equal("Ana " + Replacement, lead.Customer.FirstName);
    }

    [Theory]
    [MemberData(nameof(Policies))]
    public void ReadTableRow_CustomerInfoStringWithLoneSurrogateEscape_ReadsTheLead(LeadReadErrorPolicy policy)
    {
        var entity = new Dictionary<string, object?>
        {
            ["PartitionKey"] = "p",
            ["RowKey"] = "1",
            ["LeadSource"] = "AzureMarketplace-INS|a.b",
            ["CustomerInfo"] = """{"FirstName":"Ana \ud83d","Email":"ana@x.example","\udc00":"x"}""",
        };

        var lead = AssertLead(Reader(policy).ReadTableRow(entity));

        Assert.Equal("Ana " + Replacement, lead.Customer.FirstName);
        Assert.Equal("ana@x.example", lead.Customer.Email);
    }

    [Theory]
    [MemberData(nameof(Policies))]
    public void ReadTableRow_DotNetStringsWithLoneSurrogateChars_ReadsTheLeadWithReplacement(LeadReadErrorPolicy policy)
    {
        var entity = new Dictionary<string, object?>
        {
            ["PartitionKey"] = "p",
            ["RowKey"] = "1",
            ["LeadSource"] = "AzureMarketplace-INS|a.b",
            ["Description"] = "great product \uD83D",
            ["Extra\uDC00"] = "\uDE00 and a whole one \U0001F600",
            ["CustomerInfo"] = "{\"FirstName\":\"Ana \uD83D\"}",
        };

        var lead = AssertLead(Reader(policy).ReadTableRow(entity));

        Assert.Equal("great product " + Replacement, lead.Description);
        Assert.Equal("Ana " + Replacement, lead.Customer.FirstName);
        Assert.Equal(Replacement + " and a whole one \U0001F600", lead.AdditionalProperties["Extra" + Replacement].GetString());
        Assert.Contains("great product", lead.RawPayload, StringComparison.Ordinal);
        Assert.Equal(LeadId.FromKey("azure-table", "p", "1"), lead.Id);
    }

    [Fact]
    public void ReadTableRow_ValueWhoseTextCannotBeTaken_IsRejectedWithTheRestOfTheRowKept()
    {
        var entity = new Dictionary<string, object?>
        {
            ["PartitionKey"] = "p",
            ["RowKey"] = "1",
            ["LeadSource"] = "AzureMarketplace-INS|a.b",
            ["Odd"] = new Unprintable(),
        };

        var error = Reader().ReadTableRow(entity).Error!;

        Assert.NotNull(error);
        Assert.Equal("Odd", error.Field);
        Assert.Contains("\"RowKey\":\"1\"", error.RawText, StringComparison.Ordinal);
        Assert.Contains("AzureMarketplace-INS|a.b", error.RawText, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", error.Reason, StringComparison.Ordinal);
    }

    // ---- Finding 1: invalid UTF-8 is repaired, not rejected ----

    [Fact]
    public void ReadHttpsPayload_Latin1Name_ReadsLeadWithReplacement()
    {
        byte[] json = [.. """{"LeadSource":"AppSource-PLT|a.b","UserDetails":{"LastName":"Garc"""u8, 0xED, .. """a","Email":"ana@x.example"}}"""u8];

        var lead = AssertLead(Reader(LeadReadErrorPolicy.Throw).ReadHttpsPayload(json));

        Assert.Equal("Garc" + Replacement + "a", lead.Customer.LastName);
        Assert.Equal("ana@x.example", lead.Customer.Email);
        Assert.Equal(Encoding.UTF8.GetString(json), lead.RawPayload);
    }

    [Fact]
    public void ReadHttpsPayload_TruncatedFourByteEmoji_ReadsOneReplacement()
    {
        byte[] json = [.. Utf8("{\"LeadSource\":\"AppSource-PLT|a.b\",\"Description\":\"nice "), 0xF0, 0x9F, 0x98, .. Utf8("\",\"X\":\"é\"}")];

        var lead = AssertLead(Reader().ReadHttpsPayload(json));

        Assert.Equal("nice " + Replacement, lead.Description);
        Assert.Equal("é", lead.AdditionalProperties["X"].GetString());
    }

    [Fact]
    public void ReadHttpsPayloads_InvalidUtf8InOneElement_ReadsEveryLead()
    {
        byte[] json = [.. Utf8("[{\"LeadSource\":\"AppSource-PLT|a.b\",\"Description\":\""), 0xFF, 0xC3, .. Utf8("\"},{\"LeadSource\":\"AppSource-PLT|c.d\"}]")];

        var results = Reader(LeadReadErrorPolicy.Throw).ReadHttpsPayloads(json);

        Assert.Equal(2, results.Count);
        Assert.Equal(Replacement + Replacement, AssertLead(results[0]).Description);
        Assert.Equal("d", AssertLead(results[1]).Offer.OfferId);
    }

    [Fact]
    public void ReadHttpsPayload_InvalidUtf8OutsideAString_IsRejectedAtItsOriginalPosition()
    {
        byte[] json = [.. Utf8("{\"Description\":\"caf"), 0xE9, .. Utf8("\", \"LeadSource\":1"), 0xFF, .. Utf8("}")];

        var error = Reader().ReadHttpsPayload(json).Error!;

        Assert.Contains("malformed JSON", error.Reason, StringComparison.Ordinal);
        Assert.Equal(json.AsSpan().IndexOf((byte)0xFF), error.BytePosition);
        Assert.Equal(Encoding.UTF8.GetString(json), error.RawText);
    }

    [Fact]
    public void ReadHttpsPayload_ErrorAfterARepairedByte_NamesTheOriginalPosition()
    {
        byte[] json = [.. Utf8("{\"Description\":\"caf"), 0xE9, .. Utf8("\",\"UserDetails\":5}")];

        var error = Reader().ReadHttpsPayload(json).Error!;

        Assert.Equal("$.UserDetails", error.JsonPath);
        Assert.Equal(json.AsSpan().IndexOf("5"u8), error.BytePosition);
    }

    [Fact]
    public void ReadJsonLine_Lead1RecordWithInvalidUtf8_ReadsTheLead()
    {
        var line = Utf8(LeadJsonLines.Serialize(new LeadReader().ReadHttpsPayload("""{"LeadSource":"AppSource-PLT|a.b","Description":"PLACEHOLDER"}"""u8).Lead!));
        var at = line.AsSpan().IndexOf("PLACEHOLDER"u8);
        line[at] = 0xE9; // a Latin-1 é

        var lead = AssertLead(Reader(LeadReadErrorPolicy.Throw).ReadJsonLine(line));

        Assert.Equal(Replacement + "LACEHOLDER", lead.Description);
    }

    // ---- Readers throw only what they document ----

    [Fact]
    public async Task Readers_UnderThrowPolicy_ThrowOnlyLeadReadException_ForAnyOddInput()
    {
        byte[][] inputs =
        [
            """{"a":"\ud83d"}"""u8.ToArray(),
            """{"\udc00":"\ud83d"}"""u8.ToArray(),
            """{"schema":"marketplace-leads/lead@1","id":"\ud83d"}"""u8.ToArray(),
            """{"schema":"marketplace-leads/lead@1","\ud83d":1}"""u8.ToArray(),
            [.. Utf8("{\"a\":\""), 0xFF, .. Utf8("\"}")],
            [0xEF, 0xBB],
            [0xFF],
            """{"a":"\u"}"""u8.ToArray(),
            """{"UserDetails":"{\"a\":\"\\ud83d\"}"}"""u8.ToArray(),
            """{"UserDetails":"{\"a\":\"\\u\"}"}"""u8.ToArray(),
        ];
        var reader = Reader(LeadReadErrorPolicy.Throw);
        foreach (var input in inputs)
        {
            AssertOnlyLeadReadException(() => reader.ReadHttpsPayload(input));
            AssertOnlyLeadReadException(() => reader.ReadHttpsPayloads(input));
            AssertOnlyLeadReadException(() => reader.ReadJsonLine(input));
            await AssertOnlyLeadReadExceptionAsync(() => ReadAllAsync(reader.ReadHttpsPayloadsAsync(new MemoryStream(input))));
            await AssertOnlyLeadReadExceptionAsync(() => ReadAllAsync(reader.ReadJsonLinesAsync(new MemoryStream(input))));
        }
    }

    private static void AssertOnlyLeadReadException(Action read)
    {
        try
        {
            read();
        }
        catch (LeadReadException)
        {
        }
    }

    private static async Task AssertOnlyLeadReadExceptionAsync(Func<Task> read)
    {
        try
        {
            await read();
        }
        catch (LeadReadException)
        {
        }
    }

    private sealed class Unprintable
    {
        public override string ToString() => throw new NotSupportedException("no text");
    }
}
