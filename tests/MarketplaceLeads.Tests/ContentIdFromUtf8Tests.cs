using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace MarketplaceLeads.Tests;

/// <summary>
/// Issue #18: the HTTPS reader hashes the bytes of the fields that are plain strings in the record instead of encoding
/// the strings it read again. The id must be exactly <see cref="LeadId.FromContent"/> of the fields read, however each
/// field is written: absent, <c>null</c>, plain, escaped, a number or a boolean, the customer as an object or as a JSON
/// string, names in any case, and with invalid UTF-8 that the reader repairs.
/// </summary>
[Properties(Arbitrary = [typeof(ContentIdGenerators)], MaxTest = 500)]
public class ContentIdFromUtf8Tests
{
    private static readonly LeadReader Reader = new(new LeadReaderOptions { ErrorPolicy = LeadReadErrorPolicy.Throw });

    [Property]
    public void HttpsPayload_IdIsFromContentOfTheFieldsRead_HoweverTheyAreWritten(GeneratedPayload payload)
    {
        var bytes = payload.ToUtf8();

        var single = Reader.ReadHttpsPayload(bytes).Lead!;
        var inArray = Reader.ReadHttpsPayloads([.. "["u8, .. bytes, .. ",\n"u8, .. bytes, .. "]"u8]);
        var line = Reader.ReadJsonLine(bytes).Lead!;

        AssertIdFromContent(single);
        Assert.Equal(single.Id, inArray[1].Lead!.Id);
        Assert.Equal(single.Id, line.Id);
    }

    [Fact]
    public void TheSamplePayload_KeepsTheIdItHadBefore()
    {
        var bytes = Encoding.UTF8.GetBytes(
            """{"UserDetails":{"FirstName":"Ana","LastName":"García","Email":"ana@fabrikam.example","Phone":null},"LeadSource":"AppSource-PLT | contoso.crm","ActionCode":"PLT","Description":"\u00e9 é"}""");

        var lead = Reader.ReadHttpsPayload(bytes).Lead!;

        var expected = LeadId.FromContent(
            "AppSource-PLT | contoso.crm", "PLT", null, "é é", new CustomerInfo { FirstName = "Ana", LastName = "García", Email = "ana@fabrikam.example" });
        Assert.Equal(expected, lead.Id);
    }

    private static void AssertIdFromContent(Lead lead) =>
        Assert.Equal(LeadId.FromContent(lead.LeadSourceText, lead.ActionCode, lead.OfferTitle, lead.Description, lead.Customer), lead.Id);
}

/// <summary>An HTTPS payload whose fields are written in every way the reader accepts.</summary>
public sealed class GeneratedPayload
{
    public required IReadOnlyList<(string Name, string? Json)> TopLevel { get; init; }

    public required IReadOnlyList<(string Name, string? Json)> Customer { get; init; }

    public required bool CustomerAsString { get; init; }

    public required bool WithInvalidUtf8 { get; init; }

    public byte[] ToUtf8()
    {
        var customer = "{" + string.Join(",", Customer.Where(f => f.Json is not null).Select(f => "\"" + f.Name + "\":" + f.Json)) + "}";
        var members = TopLevel.Where(f => f.Json is not null).Select(f => "\"" + f.Name + "\":" + f.Json)
            .Append("\"UserDetails\":" + (CustomerAsString ? JsonSerializer.Serialize(customer, Reading.Json.LeadJsonContext.Default.String) : customer));
        var bytes = Encoding.UTF8.GetBytes("{" + string.Join(",", members) + "}");
        if (WithInvalidUtf8)
        {
            // A lone continuation byte in place of the marker character: the reader reads it as U+FFFD.
            var marker = Encoding.UTF8.GetBytes("\u00a7");
            var at = bytes.AsSpan().IndexOf(marker);
            if (at >= 0)
            {
                bytes = [.. bytes[..at], 0x80, .. bytes[(at + marker.Length)..]];
            }
        }

        return bytes;
    }

    public override string ToString() => Encoding.UTF8.GetString(ToUtf8());
}

/// <summary>Generators of <see cref="GeneratedPayload"/>.</summary>
public static class ContentIdGenerators
{
    private static readonly string[] TopLevelNames = ["LeadSource", "ActionCode", "OfferTitle", "Description"];

    private static readonly string[] CustomerNames = ["FirstName", "LastName", "Email", "Phone", "Country", "Company", "Title"];

    private static readonly string[] Pieces =
    [
        "a", "Z", "0", " ", "-", "|", ".", "@", "\"", "\\", "/", "\n", "\u0001", "é", "ß", "東京", "\U0001F600", "\u2028", "\u00a7", "AppSource-PLT | p.o",
    ];

    private static readonly JsonSerializerOptions Plain = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, TypeInfoResolver = Reading.Json.LeadJsonContext.Default };

    private static readonly JsonSerializerOptions Escaped = new() { Encoder = JavaScriptEncoder.Default, TypeInfoResolver = Reading.Json.LeadJsonContext.Default };

    public static Arbitrary<GeneratedPayload> Payloads() =>
        (from top in Gen.CollectToArray(TopLevelNames, Field)
         from customer in Gen.CollectToArray(CustomerNames, Field)
         from asString in Gen.Elements(false, false, true)
         from invalid in Gen.Elements(false, true)
         select new GeneratedPayload { TopLevel = top, Customer = customer, CustomerAsString = asString, WithInvalidUtf8 = invalid })
        .ToArbitrary();

    private static Gen<(string Name, string? Json)> Field(string name) =>
        from spelling in Gen.Elements(name, name.ToLowerInvariant(), name.ToUpperInvariant())
        from text in Gen.Elements(Pieces).ArrayOf().Select(pieces => string.Concat(pieces.Take(12)))
        from json in Gen.Elements<string?>(
            null,
            "null",
            JsonSerializer.Serialize(text, Plain.GetTypeInfo(typeof(string))),
            JsonSerializer.Serialize(text, Plain.GetTypeInfo(typeof(string))),
            JsonSerializer.Serialize(text, Escaped.GetTypeInfo(typeof(string))),
            "42.5",
            "true",
            name == "Description" ? "{\"utm_source\": " + JsonSerializer.Serialize(text, Plain.GetTypeInfo(typeof(string))) + "}" : "false")
        select (spelling, json);
}
