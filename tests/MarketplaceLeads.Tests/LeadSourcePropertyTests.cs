using System;
using System.Text;
using FsCheck;
using FsCheck.Xunit;
using MarketplaceLeads.Tests.Support;

namespace MarketplaceLeads.Tests;

[Properties(Arbitrary = [typeof(LeadSourceGenerators)], MaxTest = 500)]
public class LeadSourcePropertyTests
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    [Property]
    public bool TryParse_GeneratedValidText_SucceedsWithTheGeneratedParts(LeadSourceSample sample)
    {
        if (!LeadSource.TryParse(sample.Text, out var parsed))
        {
            return false;
        }

        var sourceOk = parsed.Source == MarketplaceSource.Unknown
            ? parsed.SourceText == sample.Source
            : sample.Source.Contains(parsed.SourceText, StringComparison.OrdinalIgnoreCase) || sample.Source.Equals("SPZA", StringComparison.OrdinalIgnoreCase);
        var actionOk = parsed.Action == LeadAction.Unknown
            ? parsed.ActionText == sample.Action
            : parsed.ActionText.Equals(sample.Action, StringComparison.OrdinalIgnoreCase);
        return sourceOk && actionOk && parsed.Offer.ToString() == sample.Offer;
    }

    [Property]
    public bool FormatThenParse_RoundTrips(LeadSourceSample sample)
    {
        var parsed = LeadSource.Parse(sample.Text);

        var spaced = LeadSource.Parse(parsed.ToString());
        var compact = LeadSource.Parse(parsed.ToString("C"));

        return spaced == parsed && compact == parsed
            && spaced.ToString() == parsed.ToString()
            && spaced.SourceText == parsed.SourceText
            && spaced.ActionText == parsed.ActionText
            && spaced.Offer.PublisherId == parsed.Offer.PublisherId
            && spaced.Offer.OfferId == parsed.Offer.OfferId;
    }

    [Property]
    public bool FormatUtf8ThenParseUtf8_RoundTrips(LeadSourceSample sample)
    {
        var parsed = LeadSource.Parse(sample.Text);
        var buffer = new byte[Encoding.UTF8.GetMaxByteCount(sample.Text.Length + 8)];

        return parsed.TryFormat(buffer, out var written)
            && LeadSource.Parse(buffer.AsSpan(0, written)) == parsed
            && Encoding.UTF8.GetString(buffer, 0, written) == parsed.ToString();
    }

    [Property]
    public bool SpanAndUtf8Parsers_AgreeWithParse_PartByPart(LeadSourceSample sample)
    {
        var parsed = LeadSource.Parse(sample.Text);
        var bytes = Encoding.UTF8.GetBytes(sample.Text);

        return LeadSource.TryParse(sample.Text.AsSpan(), out var fromSpan)
            && LeadSource.TryParse(bytes.AsSpan(), out var fromUtf8)
            && fromSpan == parsed
            && fromUtf8 == parsed
            && fromSpan.Source == parsed.Source && fromUtf8.Action == parsed.Action
            && fromSpan.SourceText == parsed.SourceText && fromUtf8.ActionText == parsed.ActionText
            && fromSpan.Offer.OfferId == parsed.Offer.OfferId
            && fromUtf8.Offer.PublisherId == parsed.Offer.PublisherId
            && fromSpan.Offer.IsPublisherOfferId == parsed.Offer.IsPublisherOfferId;
    }

    [Property(MaxTest = 2000)]
    public void TryParse_ArbitraryString_NeverThrows(string? text)
    {
        LeadSource.TryParse(text, out _);
        MarketplaceOffer.TryParse(text, out _);
        LeadSource.TryParse(text.AsSpan(), out _);
    }

    [Property(MaxTest = 2000)]
    public void TryParse_ArbitraryBytes_NeverThrows(byte[] bytes)
    {
        LeadSource.TryParse(bytes.AsSpan(), out _);
        MarketplaceOffer.TryParse(bytes.AsSpan(), out _);
        LeadSource.TryParse(bytes.AsSpan(), out _); // again: from the cache when it parsed
    }

    [Property(MaxTest = 2000)]
    public bool Utf16AndUtf8_Agree_OnNastyText(NastyText text) => Utf16AndUtf8Agree(text.Value);

    [Property(MaxTest = 1000)]
    public bool Utf16AndUtf8_Agree_OnArbitraryString(NonNull<string> text) => Utf16AndUtf8Agree(text.Get);

    [Property(MaxTest = 1000)]
    public bool Utf16AndUtf8_Agree_OnGeneratedValidText(LeadSourceSample sample) => Utf16AndUtf8Agree(sample.Text);

    [Property(MaxTest = 2000)]
    public bool Utf8AndUtf16_Agree_OnArbitraryBytes(byte[] bytes)
    {
        var utf8Ok = LeadSource.TryParse(bytes.AsSpan(), out var fromUtf8);
        string decoded;
        try
        {
            decoded = StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return !utf8Ok; // invalid UTF-8 never parses
        }

        var utf16Ok = LeadSource.TryParse(decoded, out var fromUtf16);
        return utf8Ok == utf16Ok && fromUtf8 == fromUtf16;
    }

    [Property(MaxTest = 1000)]
    public bool Parse_NastyText_ThrowsOnlyFormatExceptionExactlyWhenTryParseFails(NastyText text)
    {
        var ok = LeadSource.TryParse(text.Value, out var expected);
        try
        {
            var parsed = LeadSource.Parse(text.Value);
            return ok && parsed == expected;
        }
        catch (FormatException ex)
        {
            return !ok && ex.Message.Contains("position", StringComparison.Ordinal);
        }
    }

    [Property]
    public bool Parse_IsIdempotentThroughFormatting_OnNastyText(NastyText text)
    {
        if (!LeadSource.TryParse(text.Value, out var once))
        {
            return true;
        }

        var twice = LeadSource.Parse(once.ToString());
        return twice == once && twice.ToString() == once.ToString();
    }

    private static bool Utf16AndUtf8Agree(string text)
    {
        var utf16Ok = LeadSource.TryParse(text, out var fromUtf16);
        byte[] bytes;
        try
        {
            bytes = StrictUtf8.GetBytes(text);
        }
        catch (EncoderFallbackException)
        {
            return !utf16Ok; // text with a lone surrogate never parses
        }

        var utf8Ok = LeadSource.TryParse(bytes.AsSpan(), out var fromUtf8);
        return utf16Ok == utf8Ok && fromUtf16 == fromUtf8
            && LeadSource.TryParse(text.AsSpan(), out var fromSpan) == utf16Ok && fromSpan == fromUtf16
            && LeadSource.TryParse(bytes.AsSpan(), out var again) == utf8Ok && again == fromUtf8;
    }
}
