using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading.Tasks;
using System.Linq;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using MarketplaceLeads.Tests.Support;

namespace MarketplaceLeads.Tests;

/// <summary>
/// Issue #14, finding 1: payloads whose every text and property name holds random JSON escapes — lone and paired
/// surrogates, <c>\\</c>, <c>\"</c>, <c>\u0000</c>, escaped letters in the known names — are always read, by every JSON
/// entry point, with paired surrogates decoded exactly and each lone half read as U+FFFD.
/// </summary>
[Properties(Arbitrary = [typeof(JsonEscapeGenerators)], MaxTest = 300)]
public class JsonEscapePropertyTests
{
    private static readonly LeadReader Throwing = new(new LeadReaderOptions { ErrorPolicy = LeadReadErrorPolicy.Throw });

    [Property]
    public void HttpsPayload_WithRandomEscapes_IsAlwaysRead_EveryFieldAsTheReferenceDecodesIt(EscapedPayload payload)
    {
        var bytes = Encoding.UTF8.GetBytes(payload.ToJson());

        var single = Throwing.ReadHttpsPayload(bytes);
        var many = Throwing.ReadHttpsPayloads([.. "["u8, .. bytes, .. ","u8, .. bytes, .. "]"u8]);
        var line = Throwing.ReadJsonLine(bytes);

        payload.AssertRead(single.Lead!);
        Assert.Equal(2, many.Count);
        payload.AssertRead(many[1].Lead!);
        payload.AssertRead(line.Lead!);
        Assert.Equal(payload.ToJson(), single.Lead!.RawPayload);
    }

    [Property(MaxTest = 100)]
    public void HttpsPayload_WithRandomEscapes_IsReadFromAStreamInAnyBlockSize(EscapedPayload payload, PositiveInt readSize)
    {
        var bytes = Encoding.UTF8.GetBytes("[" + payload.ToJson() + "]");

        var read = Throwing.ReadHttpsPayloadsAsync(new TrickleStream(bytes, readSize.Get)).ToBlockingEnumerable().ToList();
        var lines = Throwing.ReadJsonLinesAsync(new TrickleStream(Encoding.UTF8.GetBytes(payload.ToJson() + "\n" + payload.ToJson()), readSize.Get)).ToBlockingEnumerable().ToList();

        payload.AssertRead(Assert.Single(read).Lead!);
        Assert.Equal(2, lines.Count);
        payload.AssertRead(lines[1].Lead!);
    }

    [Property]
    public void TableRow_CustomerInfoWithRandomEscapes_IsAlwaysRead(EscapedPayload payload)
    {
        var entity = new Dictionary<string, object?>
        {
            ["PartitionKey"] = "p",
            ["RowKey"] = "r",
            ["CustomerInfo"] = payload.CustomerJson(),
        };

        var lead = Throwing.ReadTableRow(entity).Lead!;

        payload.AssertCustomer(lead.Customer);
    }

    [Property]
    public void Lead1Record_WithRandomEscapesInEveryText_IsAlwaysRead(EscapedText description, EscapedText firstName, EscapedText extraName, EscapedText extraValue)
    {
        var line = "{\"schema\":\"marketplace-leads/lead@1\",\"id\":\"0123456789abcdef0123456789abcdef\",\"description\":\"" + description.Json
            + "\",\"customer\":{\"firstName\":\"" + firstName.Json + "\"},\"additionalProperties\":{\"X_" + extraName.Json + "\":\"" + extraValue.Json + "\"}}";

        var lead = Throwing.ReadJsonLine(Encoding.UTF8.GetBytes(line)).Lead!;

        Assert.Equal(description.Expected, lead.Description);
        Assert.Equal(firstName.Expected, lead.Customer.FirstName);
        Assert.Equal(extraValue.Expected, lead.AdditionalProperties["X_" + extraName.Expected].GetString());
    }
}

/// <summary>The content of a JSON string (without its quotes) built from random escapes and characters.</summary>
/// <param name="Json">The JSON text, as it stands between the quotes.</param>
public sealed record EscapedText(string Json)
{
    /// <summary>Gets what a reader must read: the escapes decoded to UTF-16 code units, each lone surrogate replaced by U+FFFD.</summary>
    public string Expected => Reference.Decode(Json);

    /// <inheritdoc/>
    public override string ToString() => Json;
}

/// <summary>An HTTPS-endpoint payload whose every text (and the spelling of every known property name) holds random escapes.</summary>
public sealed class EscapedPayload
{
    public static readonly string[] TopLevel = ["LeadSource", "ActionCode", "OfferTitle", "Description"];

    public static readonly string[] CustomerFields = ["FirstName", "LastName", "Email", "Phone", "Country", "Company", "Title"];

    public required IReadOnlyList<(string Name, string Spelling, EscapedText? Value)> Fields { get; init; }

    public required IReadOnlyList<(string Name, string Spelling, EscapedText? Value)> Customer { get; init; }

    public required IReadOnlyList<(EscapedText Name, EscapedText Value)> Unknown { get; init; }

    public string ToJson()
    {
        var builder = new StringBuilder("{");
        foreach (var (_, spelling, value) in Fields)
        {
            builder.Append('"').Append(spelling).Append("\":").Append(Literal(value)).Append(',');
        }

        for (var i = 0; i < Unknown.Count; i++)
        {
            builder.Append(CultureInfo.InvariantCulture, $"\"X{i}_").Append(Unknown[i].Name.Json).Append("\":\"").Append(Unknown[i].Value.Json).Append("\",");
        }

        builder.Append("\"UserDetails\":").Append(CustomerJson()).Append('}');
        return builder.ToString();
    }

    public string CustomerJson() =>
        "{" + string.Join(",", Customer.Select(c => "\"" + c.Spelling + "\":" + Literal(c.Value))) + "}";

    public void AssertRead(Lead lead)
    {
        Assert.NotNull(lead);
        foreach (var (name, _, value) in Fields)
        {
            var actual = name switch
            {
                "LeadSource" => lead.LeadSourceText,
                "ActionCode" => lead.ActionCode,
                "OfferTitle" => lead.OfferTitle,
                _ => lead.Description,
            };
            Assert.Equal(value?.Expected, actual);
        }

        AssertCustomer(lead.Customer);
        for (var i = 0; i < Unknown.Count; i++)
        {
            var name = string.Create(CultureInfo.InvariantCulture, $"X{i}_") + Unknown[i].Name.Expected;
            Assert.Equal(Unknown[i].Value.Expected, lead.AdditionalProperties[name].GetString());
        }
    }

    public void AssertCustomer(CustomerInfo customer)
    {
        foreach (var (name, _, value) in Customer)
        {
            var actual = name switch
            {
                "FirstName" => customer.FirstName,
                "LastName" => customer.LastName,
                "Email" => customer.Email,
                "Phone" => customer.Phone,
                "Country" => customer.Country,
                "Company" => customer.Company,
                _ => customer.Title,
            };
            Assert.Equal(value?.Expected, actual);
        }
    }

    public override string ToString() => ToJson();

    private static string Literal(EscapedText? value) => value is null ? "null" : "\"" + value.Json + "\"";
}

/// <summary>Generators for <see cref="EscapedText"/> and <see cref="EscapedPayload"/>.</summary>
public static class JsonEscapeGenerators
{
    private static readonly string[] Pieces =
    [
        "a", "Z", "0", " ", "é", "東", "\U0001F600", @"\\", @"\""", @"\/", @"\n", @"\t", @"\u0000", @"\u001f", @"\u00e9", @"\u00E9",
        @"\ud83d\ude00", @"\uD83D\uDE00", @"\udbff\udfff", @"\ud83d", @"\uD83D", @"\ude00", @"\udc00", @"\uDFFF", @"\u005c", @"\u0022",
        @"\\u", @"\\ud83d",
    ];

    public static Arbitrary<EscapedText> Texts() => TextGen().ToArbitrary();

    public static Arbitrary<EscapedPayload> Payloads() =>
        (from fields in Gen.CollectToArray(EscapedPayload.TopLevel, Field)
         from customer in Gen.CollectToArray(EscapedPayload.CustomerFields, Field)
         from unknown in (from name in TextGen() from value in TextGen() select (name, value)).ArrayOf()
         select new EscapedPayload { Fields = [.. fields], Customer = [.. customer], Unknown = unknown.Take(6).ToArray() })
        .ToArbitrary();

    private static Gen<EscapedText> TextGen() =>
        Gen.Elements(Pieces).ArrayOf().Select(pieces => new EscapedText(string.Concat(pieces.Take(24))));

    private static Gen<(string Name, string Spelling, EscapedText? Value)> Field(string name) =>
        from spelling in Spelling(name)
        from value in Gen.Frequency((1, Gen.Constant<EscapedText?>(null)), (4, TextGen().Select(t => (EscapedText?)t)))
        select (name, spelling, value);

    /// <summary>The name in any letter case, each letter possibly written as a <c>\u00XX</c> escape.</summary>
    private static Gen<string> Spelling(string name) =>
        Gen.Choose(0, 3).ArrayOf(name.Length).Select(choices => string.Concat(name.Select((c, i) => choices[i] switch
        {
            0 => c.ToString(),
            1 => char.ToLowerInvariant(c).ToString(),
            2 => string.Create(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}"),
            _ => string.Create(CultureInfo.InvariantCulture, $"\\u{(int)char.ToUpperInvariant(c):X4}"),
        })));
}

/// <summary>A reference decoder of JSON string content, written for the tests only.</summary>
internal static class Reference
{
    public static string Decode(string json)
    {
        var units = new List<char>();
        for (var i = 0; i < json.Length; i++)
        {
            if (json[i] != '\\')
            {
                units.Add(json[i]);
                continue;
            }

            var next = json[++i];
            if (next == 'u')
            {
                units.Add((char)int.Parse(json.AsSpan(i + 1, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                i += 4;
            }
            else
            {
                units.Add(next switch { 'n' => '\n', 't' => '\t', 'r' => '\r', 'b' => '\b', 'f' => '\f', _ => next });
            }
        }

        var text = new StringBuilder(units.Count);
        for (var i = 0; i < units.Count; i++)
        {
            if (char.IsHighSurrogate(units[i]) && i + 1 < units.Count && char.IsLowSurrogate(units[i + 1]))
            {
                text.Append(units[i]).Append(units[++i]);
            }
            else
            {
                text.Append(char.IsSurrogate(units[i]) ? '\uFFFD' : units[i]);
            }
        }

        return text.ToString();
    }
}
