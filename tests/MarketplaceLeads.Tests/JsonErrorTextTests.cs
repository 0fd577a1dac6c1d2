using System;
using System.Text;

namespace MarketplaceLeads.Tests;

/// <summary>
/// Issue #14, finding 7: a JSON error names the field in the user's terms and what was expected, never a .NET type.
/// </summary>
public class JsonErrorTextTests
{
    private const string Id = "0123456789abcdef0123456789abcdef";

    private static readonly LeadReader Skipping = new(new LeadReaderOptions { ErrorPolicy = LeadReadErrorPolicy.SkipAndReport });

    public static TheoryData<string, string, string, string> Lead1Errors() => new()
    {
        { $$"""{"schema":"marketplace-leads/lead@1","id":"{{Id}}","receivedAt":"yesterday"}""", "$.receivedAt", "receivedAt", "expected a date and time in ISO 8601, such as 2026-11-20T14:03:09Z" },
        { $$"""{"schema":"marketplace-leads/lead@1","id":"{{Id}}","receivedAt":5}""", "$.receivedAt", "receivedAt", "expected a date and time in ISO 8601, such as 2026-11-20T14:03:09Z, found a number" },
        { $$"""{"schema":"marketplace-leads/lead@1","id":"{{Id}}","createdAt":"2026-13-45"}""", "$.createdAt", "createdAt", "expected a date and time in ISO 8601, such as 2026-11-20T14:03:09Z" },
        { $$"""{"schema":"marketplace-leads/lead@1","id":"{{Id}}","customer":"Ana"}""", "$.customer", "customer", "expected an object of customer fields, found a string" },
        { $$$"""{"schema":"marketplace-leads/lead@1","id":"{{{Id}}}","customer":{"email":5}}""", "$.customer.email", "customer.email", "expected a string, found a number" },
        { $$$"""{"schema":"marketplace-leads/lead@1","id":"{{{Id}}}","description":{"a":1}}""", "$.description", "description", "expected a string, found an object" },
        { $$"""{"schema":"marketplace-leads/lead@1","id":"{{Id}}","additionalProperties":[1]}""", "$.additionalProperties", "additionalProperties", "expected an object of properties, found an array" },
        { $$"""{"schema":"marketplace-leads/lead@1","id":"{{Id}}","channel":7}""", "$.channel", "channel", "expected a string, found a number" },
        { $$"""{"schema":"marketplace-leads/lead@1","id":"{{Id}}","leadSource":"garbage"}""", "$.leadSource", "leadSource", "expected 'Source-Action | publisher.offer', such as 'AppSource-PLT | contoso.contoso-crm-connector'" },
        { """{"schema":"marketplace-leads/lead@1","channel":"Csv"}""", "$.id", "id", "the record has no 'id'; a lead@1 record needs 'id': 32 hexadecimal digits" },
        { """{"schema":"marketplace-leads/lead@1","id":null}""", "$.id", "id", "the record has no 'id'; a lead@1 record needs 'id': 32 hexadecimal digits" },
        { """{"schema":"marketplace-leads/lead@1","id":"zz"}""", "$.id", "id", "expected 32 hexadecimal digits" },
        { """{"schema":"marketplace-leads/lead@1","id":12}""", "$.id", "id", "expected 32 hexadecimal digits, found a number" },
        { """{"schema":5,"id":"x"}""", "$.schema", "schema", "expected a string, found a number" },
    };

    [Theory]
    [MemberData(nameof(Lead1Errors))]
    public void ReadJsonLine_BadLead1Record_NamesTheFieldAndWhatWasExpected_WithoutTypeNames(string line, string path, string field, string reason)
    {
        var error = Skipping.ReadJsonLine(Encoding.UTF8.GetBytes(line)).Error!;

        Assert.NotNull(error);
        Assert.StartsWith(reason, error.Reason, StringComparison.Ordinal);
        Assert.Equal(path, error.JsonPath);
        Assert.Equal(field, error.Field);
        Assert.Equal(line, error.RawText);
        AssertNoTypeNames(error);
    }

    [Fact]
    public void ReadJsonLine_BadValue_NamesTheBytePositionOfTheValue()
    {
        var line = $$"""{"schema":"marketplace-leads/lead@1","id":"{{Id}}","receivedAt":"yesterday"}""";

        var error = Skipping.ReadJsonLine(Encoding.UTF8.GetBytes(line)).Error!;

        Assert.Equal(line.IndexOf("\"yesterday\"", StringComparison.Ordinal), error.BytePosition);
    }

    [Fact]
    public void ReadJsonLine_MalformedLead1Record_SaysMalformed_AndNamesThePosition()
    {
        var line = $$$"""{"schema":"marketplace-leads/lead@1","id":"{{{Id}}}","customer":{"email":"a@b.example",}}""";

        var error = Skipping.ReadJsonLine(Encoding.UTF8.GetBytes(line)).Error!;

        Assert.StartsWith("malformed record: ", error.Reason, StringComparison.Ordinal);
        Assert.InRange(error.BytePosition!.Value, line.IndexOf("\",}", StringComparison.Ordinal), line.Length);
        AssertNoTypeNames(error);
    }

    [Fact]
    public void ReadJsonLine_Lead1Record_ReadsAsBefore_CaseInsensitiveNames_UnknownPropertiesKept_LastDuplicateWins()
    {
        var line = $$"""{"schema":"marketplace-leads/lead@1","ID":"{{Id}}","Channel":"csv","receivedAt":"2026-11-20T14:03:09Z","createdAt":null,"Customer":{"Email":"a@b.example","nickname":"x"},"future":{"v":2},"additionalProperties":{"utm":"y"},"description":"one","description":"two"}""";

        var read = Skipping.ReadJsonLine(Encoding.UTF8.GetBytes(line));

        Assert.True(read.IsSuccess, read.Error?.ToString());
        var lead = read.Lead;
        Assert.Equal(LeadId.Parse(Id), lead.Id);
        Assert.Equal(LeadChannel.Csv, lead.Channel);
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 14, 3, 9, TimeSpan.Zero), lead.ReceivedAt);
        Assert.Null(lead.CreatedAt);
        Assert.Equal("a@b.example", lead.Customer.Email);
        Assert.Equal("two", lead.Description);
        Assert.Equal(2, lead.AdditionalProperties["future"].GetProperty("v").GetInt32());
        Assert.Equal("y", lead.AdditionalProperties["utm"].GetString());
    }

    private static void AssertNoTypeNames(LeadReadError error)
    {
        foreach (var leak in new[] { "System.", "MarketplaceLeads.", "`1", "LeadJson", "LeadId", "Nullable", "DateTimeOffset" })
        {
            Assert.DoesNotContain(leak, error.Reason, StringComparison.Ordinal);
        }
    }
}
