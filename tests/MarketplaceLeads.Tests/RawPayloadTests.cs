using System;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace MarketplaceLeads.Tests;

/// <summary>
/// Issue #18: a lead read from an HTTPS payload keeps the record as the UTF-8 bytes received (<see cref="Lead.RawPayloadUtf8"/>),
/// decoded to <see cref="Lead.RawPayload"/> once, on first read; equality and the JSON Lines record are the same whether a lead
/// holds its raw payload as bytes or as text.
/// </summary>
[Properties(Arbitrary = [typeof(RawTextGenerators)], MaxTest = 300)]
public class RawPayloadTests
{
    private static readonly byte[] Sample = Encoding.UTF8.GetBytes(
        """{"UserDetails":{"FirstName":"Ana","LastName":"García","Email":"ana@fabrikam.example"},"LeadSource":"AppSource-PLT | contoso.crm","Description":"東京 \ud83d\ude00"}""");

    private static readonly LeadReader Reader = new();

    [Fact]
    public void HttpsPayload_KeepsTheBytesReceived_AndDecodesThemToTheSameTextOnEveryRead()
    {
        var lead = Reader.ReadHttpsPayload(Sample).Lead!;

        Assert.True(lead.RawPayloadUtf8.Span.SequenceEqual(Sample));
        var text = lead.RawPayload;
        Assert.Equal(Encoding.UTF8.GetString(Sample), text);
        Assert.Same(text, lead.RawPayload);
        Assert.True(lead.RawPayloadUtf8.Span.SequenceEqual(Sample)); // still the bytes, not re-encoded
    }

    [Fact]
    public void HttpsPayload_WithAByteOrderMark_KeepsTheRecordAfterIt()
    {
        var lead = Reader.ReadHttpsPayload([0xEF, 0xBB, 0xBF, .. Sample]).Lead!;

        Assert.True(lead.RawPayloadUtf8.Span.SequenceEqual(Sample));
    }

    [Fact]
    public void HttpsPayload_TheBytesKeptAreACopy_NotTheCallersBuffer()
    {
        var buffer = Sample.ToArray();
        var lead = Reader.ReadHttpsPayload(buffer).Lead!;

        buffer.AsSpan().Fill((byte)'x');

        Assert.Equal(Encoding.UTF8.GetString(Sample), lead.RawPayload);
    }

    [Fact]
    public async Task RawPayload_ReadFromManyThreadsAtOnce_IsDecodedToOneString()
    {
        for (var round = 0; round < 50; round++)
        {
            var lead = Reader.ReadHttpsPayload(Sample).Lead!;
            using var start = new Barrier(8);
            var texts = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
            {
                start.SignalAndWait();
                return lead.RawPayload;
            })));

            Assert.All(texts, text => Assert.Same(texts[0], text));
            Assert.Same(texts[0], lead.RawPayload);
        }
    }

    [Fact]
    public void HttpsPayload_WithInvalidUtf8_KeepsTheTextWithReplacementCharacters_AndItsUtf8()
    {
        byte[] record = [.. "{\"Description\":\"a"u8, 0xC3, 0x28, .. "\"}"u8];

        var lead = Reader.ReadHttpsPayload(record).Lead!;

        Assert.Equal("{\"Description\":\"a\uFFFD(\"}", lead.RawPayload);
        Assert.True(lead.RawPayloadUtf8.Span.SequenceEqual(Encoding.UTF8.GetBytes(lead.RawPayload!)));
    }

    [Fact]
    public void NoRawPayload_IsNullText_AndEmptyBytes()
    {
        var lead = new LeadReader(new LeadReaderOptions { KeepRawPayload = false }).ReadHttpsPayload(Sample).Lead!;

        Assert.Null(lead.RawPayload);
        Assert.True(lead.RawPayloadUtf8.IsEmpty);
        Assert.Contains("\"schema\"", LeadJsonLines.Serialize(lead), StringComparison.Ordinal);
        Assert.DoesNotContain("rawPayload", LeadJsonLines.Serialize(lead), StringComparison.Ordinal);
    }

    [Fact]
    public void RawPayloadUtf8_SetFromInvalidUtf8_IsRejected()
    {
        var error = Assert.Throws<ArgumentException>(() => new Lead { Id = default, RawPayloadUtf8 = new byte[] { 0x61, 0xFF } });

        Assert.Contains("not valid UTF-8", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RawPayloadUtf8_Set_IsCopied()
    {
        var bytes = "{}"u8.ToArray();
        var lead = new Lead { Id = default, RawPayloadUtf8 = bytes };

        bytes[0] = (byte)'[';

        Assert.Equal("{}", lead.RawPayload);
    }

    [Fact]
    public void With_ReplacesTheRawPayload_WhicheverWayItIsHeld()
    {
        var lead = Reader.ReadHttpsPayload(Sample).Lead!;

        Assert.Null((lead with { RawPayload = null }).RawPayload);
        Assert.True((lead with { RawPayload = null }).RawPayloadUtf8.IsEmpty);
        Assert.Equal("x", (lead with { RawPayload = "x" }).RawPayload);
        Assert.Equal("y", (lead with { RawPayloadUtf8 = "y"u8.ToArray() }).RawPayload);
        Assert.Equal(lead, lead with { });
    }

    [Property]
    public void ALeadHoldingBytes_EqualsOneHoldingTheirText_AndDiffersFromAnyOtherText(RawText raw, RawText other)
    {
        var asText = new Lead { Id = default, RawPayload = raw.Text };
        var asBytes = new Lead { Id = default, RawPayloadUtf8 = Encoding.UTF8.GetBytes(raw.Text) };
        var otherBytes = new Lead { Id = default, RawPayloadUtf8 = Encoding.UTF8.GetBytes(other.Text) };

        Assert.Equal(asText, asBytes);
        Assert.Equal(asBytes, asText);
        Assert.Equal(asBytes, asBytes with { });
        Assert.Equal(string.Equals(raw.Text, other.Text, StringComparison.Ordinal), asBytes.Equals(otherBytes));
        Assert.Equal(string.Equals(raw.Text, other.Text, StringComparison.Ordinal), asText.Equals(otherBytes));
        Assert.NotEqual(asBytes, asBytes with { RawPayload = null });
    }

    [Property]
    public void JsonLines_WritesTheSameRecord_FromTheBytesAsFromTheText_AndReadsTheTextBack(RawText raw)
    {
        var asText = new Lead { Id = default, ReceivedAt = DateTimeOffset.UnixEpoch, RawPayload = raw.Text };
        var asBytes = new Lead { Id = default, ReceivedAt = DateTimeOffset.UnixEpoch, RawPayloadUtf8 = Encoding.UTF8.GetBytes(raw.Text) };

        var line = LeadJsonLines.Serialize(asBytes);

        Assert.Equal(LeadJsonLines.Serialize(asText), line);
        var read = Reader.ReadJsonLine(Encoding.UTF8.GetBytes(line)).Lead!;
        Assert.Equal(raw.Text, read.RawPayload);
    }

    [Property(MaxTest = 100)]
    public void HttpsPayload_RoundTripsThroughJsonLines_ToAnEqualLead(RawText description)
    {
        var payload = "{\"UserDetails\":{\"Email\":\"a@b.example\"},\"LeadSource\":\"AppSource-PLT | p.o\",\"Description\":"
            + System.Text.Json.JsonSerializer.Serialize(description.Text, Reading.Json.LeadJsonContext.Default.String) + "}";
        var lead = Reader.ReadHttpsPayload(Encoding.UTF8.GetBytes(payload)).Lead!;

        var read = Reader.ReadJsonLine(Encoding.UTF8.GetBytes(LeadJsonLines.Serialize(lead))).Lead!;

        Assert.Equal(payload, read.RawPayload);
        Assert.Equal(lead with { AdditionalProperties = read.AdditionalProperties }, read);
    }
}

/// <summary>A valid Unicode text (no lone surrogates) mixing ASCII, characters JSON escapes, and other planes.</summary>
/// <param name="Text">The text.</param>
public sealed record RawText(string Text);

/// <summary>FsCheck generators of <see cref="RawText"/>.</summary>
public static class RawTextGenerators
{
    private static readonly string[] Pieces =
    [
        "a", "Z", "0", " ", "{", "}", ":", ",", "\"", "\\", "/", "<", ">", "&", "'", "+", "`", "\n", "\r", "\t", "\0", "\u001f", "\u007f",
        "é", "ü", "ß", "東京", "\u00a0", "\u2028", "\u2029", "\u200b", "\ufeff", "\ufffd", "\uffff", "\U0001F600", "\U0010FFFF", "\u0378",
    ];

    public static Arbitrary<RawText> Texts() =>
        Gen.Elements(Pieces).ArrayOf().Select(pieces => new RawText(string.Concat(pieces.Take(40)))).ToArbitrary();
}
