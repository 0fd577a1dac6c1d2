using System;
using System.IO;
using System.Linq;
using System.Text;
using MarketplaceLeads.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace MarketplaceLeads.Tests;

public class HttpsPayloadReaderTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 9, 30, 0, TimeSpan.Zero);

    private static LeadReader Reader(LeadReadErrorPolicy policy = LeadReadErrorPolicy.Throw, Action<LeadReaderOptions>? configure = null)
    {
        var options = new LeadReaderOptions { ErrorPolicy = policy, TimeProvider = new FakeTimeProvider(Now) };
        configure?.Invoke(options);
        return new LeadReader(options);
    }

    [Fact]
    public void ContactMeSample_ReadsEveryField()
    {
        var bytes = File.ReadAllBytes(RepositoryPaths.PayloadSample("https-contact-me.json"));

        var lead = Reader().ReadHttpsPayload(bytes).Lead!;

        Assert.Equal(MarketplaceSource.AppSource, lead.Source);
        Assert.Equal(LeadAction.PartnerLedTrial, lead.Action);
        Assert.Equal(FunnelStage.Interest, lead.Stage);
        Assert.Equal(new MarketplaceOffer("contoso", "contoso-crm-connector"), lead.Offer);
        Assert.Equal("AppSource-PLT | contoso.contoso-crm-connector", lead.LeadSourceText);
        Assert.Equal("PLT", lead.ActionCode);
        Assert.Equal("Contoso CRM Connector", lead.OfferTitle);
        Assert.Equal("We need a connector for 300 sales users, please call me this week.", lead.Description);
        Assert.Equal("Ana", lead.Customer.FirstName);
        Assert.Equal("García", lead.Customer.LastName);
        Assert.Equal("ana.garcia@fabrikam.example", lead.Customer.NormalizedEmail);
        Assert.Equal("+34912345678", lead.Customer.PhoneE164);
        Assert.Equal("ES", lead.Customer.CountryCode);
        Assert.Equal("Fabrikam Iberia S.L.", lead.Customer.Company);
        Assert.Equal("Head of IT", lead.Customer.Title);
        Assert.Equal(LeadChannel.HttpsEndpoint, lead.Channel);
        Assert.Equal(Now, lead.ReceivedAt);
        Assert.False(lead.IsTestLead);
        Assert.Equal(Encoding.UTF8.GetString(bytes), lead.RawPayload);
        Assert.Empty(lead.AdditionalProperties);
    }

    [Fact]
    public void PortalCreateSample_NormalisesUsPhoneAndCountryName()
    {
        var lead = Reader().ReadHttpsPayload(File.ReadAllBytes(RepositoryPaths.PayloadSample("https-portal-create.json"))).Lead!;

        Assert.Equal(MarketplaceSource.AzurePortal, lead.Source);
        Assert.Equal(LeadAction.Create, lead.Action);
        Assert.Equal(FunnelStage.Acquisition, lead.Stage);
        Assert.Equal("john.smith@northwind.example", lead.Customer.NormalizedEmail);
        Assert.Equal("John.Smith@Northwind.example", lead.Customer.Email);
        Assert.Equal("US", lead.Customer.CountryCode);
        Assert.Equal("+14255550100", lead.Customer.PhoneE164);
        Assert.Null(lead.Description);
    }

    [Fact]
    public void TestLeadSample_IsAcceptedAndClassifiedAsTest()
    {
        var lead = Reader().ReadHttpsPayload(File.ReadAllBytes(RepositoryPaths.PayloadSample("https-test-lead.json"))).Lead!;

        Assert.True(lead.IsTestLead);
        Assert.True(lead.LeadSource.IsEmpty); // "LeadSource": "AzureMarketplace" holds only the source
        Assert.Equal("AzureMarketplace", lead.LeadSourceText);
        Assert.Equal(MarketplaceSource.AzureMarketplace, lead.Source);
        Assert.Equal(LeadAction.Install, lead.Action); // from ActionCode
        Assert.Equal("Contoso Test", lead.OfferTitle);
        Assert.Equal("MSFT_TEST_636573304831318844", lead.Customer.FirstName); // "userDetails" in lower camel case
        Assert.Equal(FieldStatus.Invalid, lead.Customer.PhoneStatus); // 1234567890 is not a valid US number
        Assert.Equal("1234567890", lead.Customer.Phone);
    }

    [Fact]
    public void TestLeadAsPublished_MissingComma_GetsPreciseError()
    {
        // Microsoft's FAQ publishes the test lead without the comma after "Contoso Test".
        var text = File.ReadAllText(RepositoryPaths.PayloadSample("https-test-lead.json"))
            .Replace("\"Contoso Test\",", "\"Contoso Test\"", StringComparison.Ordinal);

        var error = Reader(LeadReadErrorPolicy.SkipAndReport).ReadHttpsPayload(Encoding.UTF8.GetBytes(text)).Error!;

        Assert.StartsWith("malformed JSON:", error.Reason, StringComparison.Ordinal);
        Assert.Equal(14, error.LineNumber); // the line of "Description"
        Assert.Equal(text, error.RawText);
        Assert.Equal(LeadChannel.HttpsEndpoint, error.Channel);
    }

    [Fact]
    public void SameContent_DifferentSpacingAndOrder_GivesSameLeadId()
    {
        var a = Reader().ReadHttpsPayload("""{"LeadSource":"AppSource-PLT|c.o","ActionCode":"PLT","UserDetails":{"Email":"a@b.example","FirstName":"A"}}"""u8).Lead!;
        var b = Reader().ReadHttpsPayload("""
            { "userdetails": { "firstname": "A", "email": "a@b.example" },
              "actioncode": "PLT", "leadsource": "AppSource-PLT|c.o" }
            """u8).Lead!;
        var c = Reader().ReadHttpsPayload("""{"LeadSource":"AppSource-PLT|c.o","ActionCode":"PLT","UserDetails":{"Email":"a@b.example","FirstName":"B"}}"""u8).Lead!;

        Assert.Equal(a.Id, b.Id);
        Assert.NotEqual(a.Id, c.Id);
    }

    [Fact]
    public void UnknownProperties_AreKept()
    {
        var lead = Reader().ReadHttpsPayload("""{"LeadSource":"A-INS|p.o","CampaignId":{"utm":"x"},"UserDetails":{"Email":"a@b.example","Department":"IT"}}"""u8).Lead!;

        Assert.Equal("""{"utm":"x"}""", lead.AdditionalProperties["CampaignId"].GetRawText());
        Assert.Equal("IT", lead.AdditionalProperties["UserDetails.Department"].GetString());
    }

    [Fact]
    public void DescriptionAsJsonObject_IsKeptAsItsJsonText()
    {
        var lead = Reader().ReadHttpsPayload("""{"LeadSource":"AppSource-PLT|p.o","Description":{"campaign":"c-42"}}"""u8).Lead!;

        Assert.Equal("""{"campaign":"c-42"}""", lead.Description);
    }

    [Fact]
    public void NumberWhereTextIsExpected_IsKeptAsText()
    {
        var lead = Reader().ReadHttpsPayload("""{"LeadSource":"A-INS|p.o","UserDetails":{"Phone":14255550100,"Country":"US"}}"""u8).Lead!;

        Assert.Equal("14255550100", lead.Customer.Phone);
        Assert.Equal("+14255550100", lead.Customer.PhoneE164);
    }

    [Theory]
    [InlineData("[1]", "expected a JSON object, found an array", "$")]
    [InlineData("{\"LeadSource\":{\"a\":1}}", "expected a string, found an object", "$.LeadSource")]
    [InlineData("{\"UserDetails\":{\"Email\":[1]}}", "expected a string, found an array", "$.UserDetails.Email")]
    [InlineData("{\"UserDetails\":42}", "expected an object of customer fields, found a number", "$.UserDetails")]
    [InlineData("{\"LeadSource\":\"a\",\"leadsource\":\"b\"}", "the property appears more than once", "$.LeadSource")]
    [InlineData("{\"LeadSource\":\"A-INS|p.o\"} {}", "malformed JSON", "$")]
    [InlineData("", "the record is empty; expected a JSON object", "$")]
    public void MalformedPayload_GetsErrorNamingPathAndReason(string json, string reason, string path)
    {
        var result = Reader(LeadReadErrorPolicy.SkipAndReport).ReadHttpsPayload(Encoding.UTF8.GetBytes(json));

        Assert.False(result.IsSuccess);
        Assert.Contains(reason, result.Error.Reason, StringComparison.Ordinal);
        Assert.Equal(path, result.Error.JsonPath);
        Assert.Equal(json, result.Error.RawText);
    }

    [Fact]
    public void ThrowPolicy_ThrowsLeadReadExceptionCarryingTheError()
    {
        var ex = Assert.Throws<LeadReadException>(() => Reader().ReadHttpsPayload("{\"UserDetails\":[]}"u8));

        Assert.Equal("$.UserDetails", ex.Error.JsonPath);
        Assert.Contains("$.UserDetails", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FieldOverLimit_IsRejectedWithTruncatedValue()
    {
        var json = $$"""{"LeadSource":"A-INS|p.o","Description":"{{new string('x', 300)}}"}""";

        var error = Reader(LeadReadErrorPolicy.SkipAndReport, o => o.MaxFieldLength = 200).ReadHttpsPayload(Encoding.UTF8.GetBytes(json)).Error!;

        Assert.Contains("300 characters; the limit is 200", error.Reason, StringComparison.Ordinal);
        Assert.Equal("Description", error.Field);
        Assert.Equal(101, error.Value!.Length); // 100 characters and an ellipsis
    }

    [Fact]
    public void RecordOverLimit_IsRejectedWithoutParsing()
    {
        var json = $$"""{"Description":"{{new string('x', 5000)}}"}""";

        var error = Reader(LeadReadErrorPolicy.SkipAndReport, o => o.MaxRecordBytes = 1024).ReadHttpsPayload(Encoding.UTF8.GetBytes(json)).Error!;

        Assert.Contains("the limit is 1024", error.Reason, StringComparison.Ordinal);
        Assert.Equal(1024, error.RawText!.Length);
    }

    [Fact]
    public void DeepNesting_IsRejected()
    {
        var json = "{\"X\":" + string.Concat(Enumerable.Repeat("[", 100)) + string.Concat(Enumerable.Repeat("]", 100)) + "}";

        var error = Reader(LeadReadErrorPolicy.SkipAndReport).ReadHttpsPayload(Encoding.UTF8.GetBytes(json)).Error!;

        Assert.Contains("depth", error.Reason, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void InvalidUtf8InAText_IsReadWithReplacement_NotRejected()
    {
        var bytes = new byte[] { (byte)'{', (byte)'"', (byte)'a', (byte)'"', (byte)':', (byte)'"', 0xC3, (byte)'"', (byte)'}' };

        var lead = Reader().ReadHttpsPayload(bytes).Lead!;

        Assert.Equal("\uFFFD", lead.AdditionalProperties["a"].GetString()); // a truncated 'é' costs one character, not the lead
        Assert.Equal("{\"a\":\"\uFFFD\"}", lead.RawPayload);
    }

    [Fact]
    public void Array_ReadsEveryElementAndReportsTheBadOne()
    {
        var json = """
            [
              {"LeadSource":"AppSource-PLT|a.b","UserDetails":{"Email":"one@x.example"}},
              "not a lead",
              {"LeadSource":"AzurePortal-Create|c.d"}
            ]
            """;

        var results = Reader(LeadReadErrorPolicy.SkipAndReport).ReadHttpsPayloads(Encoding.UTF8.GetBytes(json));

        Assert.Equal(3, results.Count);
        Assert.True(results[0].IsSuccess);
        Assert.False(results[1].IsSuccess);
        Assert.Equal(1, results[1].Error!.RecordIndex);
        Assert.Equal(3, results[1].Error!.LineNumber);
        Assert.Equal("\"not a lead\"", results[1].Error!.RawText);
        Assert.Equal(LeadAction.Create, results[2].Lead!.Action);
    }

    [Fact]
    public void Array_SyntaxErrorMidway_KeepsTheRestAsRawText()
    {
        var json = """[{"LeadSource":"A-INS|a.b"}, {"LeadSource": oops}, {"LeadSource":"A-INS|c.d"}]""";

        var results = Reader(LeadReadErrorPolicy.SkipAndReport).ReadHttpsPayloads(Encoding.UTF8.GetBytes(json));

        Assert.Equal(2, results.Count);
        Assert.True(results[0].IsSuccess);
        Assert.StartsWith("malformed JSON", results[1].Error!.Reason, StringComparison.Ordinal);
        Assert.StartsWith("{\"LeadSource\": oops}", results[1].Error!.RawText, StringComparison.Ordinal);
        Assert.Contains("c.d", results[1].Error!.RawText, StringComparison.Ordinal);
    }

    [Fact]
    public void HttpsPayloadWriter_RoundTripsContentAndId()
    {
        var original = Reader().ReadHttpsPayload(File.ReadAllBytes(RepositoryPaths.PayloadSample("https-contact-me.json"))).Lead!;

        var again = Reader().ReadHttpsPayload(LeadHttpsPayload.SerializeToUtf8Bytes(original)).Lead!;

        Assert.Equal(original.Id, again.Id);
        Assert.Equal(original.Customer, again.Customer);
        Assert.Equal(original.LeadSource, again.LeadSource);
    }

    [Fact]
    public void ToString_PrintsNoPersonalData()
    {
        var lead = Reader().ReadHttpsPayload(File.ReadAllBytes(RepositoryPaths.PayloadSample("https-contact-me.json"))).Lead!;

        var text = lead.ToString();

        Assert.DoesNotContain("garcia", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("912", text, StringComparison.Ordinal);
        Assert.Contains("PartnerLedTrial", text, StringComparison.Ordinal);
        Assert.Contains("Email", text, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadHttpsPayloads_OneCallAfterAnother_OnOneThread_AnswersAsTheFirstCallDid()
    {
        // The scanner and its range list are the thread's, reused from call to call: a call after a syntax error, an empty body,
        // an oversized record of a reader with a smaller limit, or an array must answer as a first call does.
        var sample = File.ReadAllBytes(RepositoryPaths.PayloadSample("https-contact-me.json"));
        var reader = Reader(LeadReadErrorPolicy.SkipAndReport);
        var first = reader.ReadHttpsPayloads(sample);
        var small = Reader(LeadReadErrorPolicy.SkipAndReport, o => o.MaxRecordBytes = 64);
        var array = System.Text.Encoding.UTF8.GetBytes("[" + System.Text.Encoding.UTF8.GetString(sample) + "," + System.Text.Encoding.UTF8.GetString(sample) + "]");

        Assert.Single(reader.ReadHttpsPayloads("{\"LeadSource\": "u8), r => !r.IsSuccess);
        Assert.Single(reader.ReadHttpsPayloads("  "u8), r => !r.IsSuccess);
        Assert.Single(small.ReadHttpsPayloads(sample), r => !r.IsSuccess);
        Assert.Equal(2, reader.ReadHttpsPayloads(array).Count(r => r.IsSuccess));
        var again = reader.ReadHttpsPayloads(sample);

        Assert.Equal(first.Count, again.Count);
        Assert.Equal(first[0].Lead!.Id, again[0].Lead!.Id);
        Assert.Equal(first[0].LineNumber, again[0].LineNumber);
        Assert.Equal(first[0].RecordIndex, again[0].RecordIndex);
        LeadAssert.SameContent(first[0].Lead!, again[0].Lead!);
    }
}
