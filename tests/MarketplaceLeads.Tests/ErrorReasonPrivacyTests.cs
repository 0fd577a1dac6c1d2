using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using MarketplaceLeads.Tests.Support;

namespace MarketplaceLeads.Tests;

/// <summary>
/// Issue #14, fuzzer finding 4: a rejection's reason never quotes the input. System.Text.Json's "'…' is an invalid
/// JSON literal" held the rest of the record — names, e-mail addresses, line breaks — so customer data went into logs,
/// the endpoint's problem <c>detail</c> and <c>import</c>'s output, over several lines. Reasons now say in the SDK's
/// words what was expected and at which byte, and quote at most the one character found there.
/// </summary>
public sealed class ErrorReasonPrivacyTests
{
    private const string Id = "0123456789abcdef0123456789abcdef";

    private static readonly string[] Secrets = ["Brandt", "Larson", "blarson@sauerllc.example", "Sauer LLC", "206655200"];

    private static readonly LeadReader Skipping = new(new LeadReaderOptions { ErrorPolicy = LeadReadErrorPolicy.SkipAndReport });

    /// <summary>A payload with a misspelt literal followed by customer data, as the fuzzer made it.</summary>
    private const string BrokenLiteral = """
        {
          "UserDetails": {
            "FirstName": nul "Brandt",
            "LastName": "Larson",
            "Email": "blarson@sauerllc.example",
            "Phone": "+61 206655200",
            "Company": "Sauer LLC"
          }
        }
        """;

    public static TheoryData<string, string> MalformedBodies => new()
    {
        { BrokenLiteral, "expected the literal null" },
        { BrokenLiteral.Replace("nul ", "tru ", StringComparison.Ordinal), "expected the literal true" },
        { BrokenLiteral.Replace("nul ", "fals ", StringComparison.Ordinal), "expected the literal false" },
        { BrokenLiteral.Replace("nul ", "\"Brandt\" x ", StringComparison.Ordinal), "expected ',', '}' or ']' after a value, found 'x'" },
        { BrokenLiteral.Replace("nul ", "Brandt ", StringComparison.Ordinal), "expected a value" },
        { BrokenLiteral.Replace("nul ", string.Empty, StringComparison.Ordinal).Replace("\"LastName\"", "LastName", StringComparison.Ordinal), "expected a property name in double quotes, found 'L'" },
        { BrokenLiteral.Replace("nul ", "\"Br\tandt\" ", StringComparison.Ordinal), "found byte 0x09 inside a string" },
    };

    [Theory]
    [MemberData(nameof(MalformedBodies))]
    public void ReadHttpsPayload_MalformedJson_ReasonSaysWhatWasExpected_AndQuotesNoCustomerData(string body, string expected)
    {
        var bytes = Encoding.UTF8.GetBytes(body);

        var error = Skipping.ReadHttpsPayload(bytes).Error!;

        AssertPrivate(error.Reason, expected);
        Assert.Contains("at byte " + error.BytePosition, error.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(MalformedBodies))]
    public async Task ReadHttpsPayloads_InAnArray_SpanAndStream_ReasonQuotesNoCustomerData(string body, string expected)
    {
        var bytes = Encoding.UTF8.GetBytes("[{\"LeadSource\":\"AppSource-PLT|a.b\"}," + body + "]");

        var span = Skipping.ReadHttpsPayloads(bytes);
        var stream = new List<LeadReadResult>();
        await foreach (var result in Skipping.ReadHttpsPayloadsAsync(new TrickleStream(bytes, 7)))
        {
            stream.Add(result);
        }

        AssertPrivate(span[^1].Error!.Reason, expected);
        Assert.Equal(span[^1].Error, stream[^1].Error);
    }

    [Fact]
    public void ReadJsonLine_MalformedLead1Record_ReasonQuotesNoCustomerData()
    {
        var line = $$$"""{"schema":"marketplace-leads/lead@1","id":"{{{Id}}}","customer":{"firstName":nul "Brandt","lastName":"Larson"}}""";

        var error = Skipping.ReadJsonLine(Encoding.UTF8.GetBytes(line)).Error!;

        Assert.StartsWith("malformed record: ", error.Reason, StringComparison.Ordinal);
        AssertPrivate(error.Reason, "expected the literal null");
    }

    [Fact]
    public void ReadTableRow_MalformedCustomerInfo_ReasonQuotesNoCustomerData()
    {
        var entity = new Dictionary<string, object?> { ["CustomerInfo"] = "{\"FirstName\":nul \"Brandt\",\"LastName\":\"Larson\"}" };

        var error = Skipping.ReadTableRow(entity).Error!;

        Assert.StartsWith("the customer JSON string is malformed: ", error.Reason, StringComparison.Ordinal);
        AssertPrivate(error.Reason, "expected the literal null");
    }

    [Fact]
    public async Task ReadCsvAsync_MalformedAdditionalPropertiesColumn_ReasonQuotesNoCustomerData()
    {
        var csv = "email,additionalProperties\na@b.example,\"{\"\"x\"\":nul \"\"Brandt\"\",\"\"y\"\":\"\"Larson\"\"}\"\n"u8.ToArray();

        var error = (await ReadAllAsync(Skipping.ReadCsvAsync(new MemoryStream(csv)))).Single().Error!;

        Assert.Equal("additionalProperties", error.Field);
        AssertPrivate(error.Reason, "expected the literal null");
    }

    [Fact]
    public async Task ReadCsvAsync_FileWithoutAHeaderRow_ReasonQuotesNoneOfTheFirstRow()
    {
        var csv = "Brandt,Larson,Sauer LLC,Senior Functionality Facilitator\nAna,Garcia,Fabrikam,CTO\n"u8.ToArray();

        var error = Assert.Single(await ReadAllAsync(Skipping.ReadCsvAsync(new MemoryStream(csv)))).Error!;

        Assert.StartsWith("the header row cannot be used: ", error.Reason, StringComparison.Ordinal);
        AssertPrivate(error.Reason, "4 column(s)");
    }

    [Fact]
    public void LeadReadException_OfAMalformedLiteral_HasAOneLineMessageWithoutCustomerData()
    {
        var throwing = new LeadReader(new LeadReaderOptions { ErrorPolicy = LeadReadErrorPolicy.Throw });

        var exception = Assert.Throws<LeadReadException>(() => throwing.ReadHttpsPayload(Encoding.UTF8.GetBytes(BrokenLiteral)));

        AssertPrivate(exception.Message, "expected the literal null");
    }

    private static void AssertPrivate(string reason, string expected)
    {
        Assert.Contains(expected, reason, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', reason);
        Assert.DoesNotContain('\r', reason);
        foreach (var secret in Secrets)
        {
            Assert.DoesNotContain(secret, reason, StringComparison.Ordinal);
        }
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
