using System;
using System.Text;

namespace MarketplaceLeads.Tests;

public class LeadSourceFormattingTests
{
    private static readonly LeadSource Sample = LeadSource.Parse("AppSource-PLT | contoso.contoso-crm-connector");

    [Theory]
    [InlineData(null, "AppSource-PLT | contoso.contoso-crm-connector")]
    [InlineData("", "AppSource-PLT | contoso.contoso-crm-connector")]
    [InlineData("G", "AppSource-PLT | contoso.contoso-crm-connector")]
    [InlineData("C", "AppSource-PLT|contoso.contoso-crm-connector")]
    public void ToString_Format_WritesDocumentedForm(string? format, string expected)
    {
        Assert.Equal(expected, Sample.ToString(format));
        Span<char> buffer = stackalloc char[128];
        Assert.True(Sample.TryFormat(buffer, out var written, format));
        Assert.Equal(expected, buffer[..written].ToString());
    }

    [Fact]
    public void Interpolation_UsesISpanFormattable()
    {
        Assert.Equal("lead: AppSource-PLT|contoso.contoso-crm-connector.", $"lead: {Sample:C}.");
    }

    [Theory]
    [InlineData("G")]
    [InlineData("C")]
    public void TryFormat_Utf8_MatchesUtf16(string format)
    {
        Span<byte> bytes = stackalloc byte[128];

        Assert.True(Sample.TryFormat(bytes, out var written, format));

        Assert.Equal(Sample.ToString(format), Encoding.UTF8.GetString(bytes[..written]));
    }

    [Fact]
    public void TryFormat_DestinationTooSmall_ReturnsFalseAndWritesNothingCounted()
    {
        var length = Sample.ToString().Length;
        Span<char> chars = stackalloc char[length];
        Span<byte> bytes = stackalloc byte[length];

        Assert.False(Sample.TryFormat(chars[..(length - 1)], out var charsWritten));
        Assert.False(Sample.TryFormat(bytes[..(length - 1)], out var bytesWritten));
        Assert.Equal(0, charsWritten);
        Assert.Equal(0, bytesWritten);
        Assert.True(Sample.TryFormat(chars, out charsWritten));
        Assert.Equal(length, charsWritten);
    }

    [Fact]
    public void TryFormat_Utf8_MultiByteTextNeedsMoreBytesThanChars()
    {
        var value = LeadSource.Parse("Märkte-INS | Fabrikam Ibérica");
        var utf8Length = Encoding.UTF8.GetByteCount(value.ToString());
        Span<byte> bytes = stackalloc byte[utf8Length];

        Assert.False(value.TryFormat(bytes[..(utf8Length - 1)], out _));
        Assert.True(value.TryFormat(bytes, out var written));
        Assert.Equal(utf8Length, written);
    }

    [Fact]
    public void Format_UnsupportedFormatString_ThrowsFormatException()
    {
        var ex = Assert.Throws<FormatException>(() => Sample.ToString("X"));

        Assert.Contains("'X'", ex.Message, StringComparison.Ordinal);
        Assert.Throws<FormatException>(() => Sample.TryFormat(new char[100], out _, "N"));
    }

    [Fact]
    public void Default_IsEmptyAndFormatsAsEmptyString()
    {
        var value = default(LeadSource);

        Assert.True(value.IsEmpty);
        Assert.Equal(string.Empty, value.ToString());
        Assert.True(value.TryFormat(Span<char>.Empty, out var written));
        Assert.Equal(0, written);
        Assert.Equal(MarketplaceSource.Unknown, value.Source);
        Assert.Equal(string.Empty, value.SourceText);
    }

    [Fact]
    public void Constructor_KnownValues_FormatsCanonically()
    {
        var value = new LeadSource(MarketplaceSource.AzurePortal, LeadAction.Create, new MarketplaceOffer("contoso", "contoso-analytics"));

        Assert.Equal("AzurePortal-Create | contoso.contoso-analytics", value.ToString());
        Assert.Equal(value, LeadSource.Parse(value.ToString()));
    }

    [Fact]
    public void Constructor_Texts_RecognisesKnownAndKeepsUnknown()
    {
        var offer = MarketplaceOffer.Parse("<Offer Name>");

        var known = new LeadSource("spza", "dnc", offer);
        var unknown = new LeadSource("MSFT_TEST_1", "MSFT_TEST_1", offer);

        Assert.Equal(MarketplaceSource.AppSource, known.Source);
        Assert.Equal(LeadAction.DoNotContact, known.Action);
        Assert.Equal("MSFT_TEST_1-MSFT_TEST_1 | <Offer Name>", unknown.ToString());
        Assert.Equal(unknown, LeadSource.Parse(unknown.ToString()));
    }

    [Theory]
    [InlineData("", "INS", "source")]
    [InlineData("A-B", "INS", "source")]
    [InlineData(" A", "INS", "source")]
    [InlineData("A|", "INS", "source")]
    [InlineData("A", "", "action")]
    [InlineData("A", "I|NS", "action")]
    [InlineData("A", "INS\n", "action")]
    public void Constructor_InvalidTexts_ThrowsArgumentExceptionNamingTheParameter(string source, string action, string paramName)
    {
        var ex = Assert.Throws<ArgumentException>(() => new LeadSource(source, action, MarketplaceOffer.Parse("p.o")));

        Assert.Equal(paramName, ex.ParamName);
    }

    [Fact]
    public void Constructor_UnknownEnumOrEmptyOffer_Throws()
    {
        var offer = MarketplaceOffer.Parse("p.o");

        Assert.Throws<ArgumentOutOfRangeException>(() => new LeadSource(MarketplaceSource.Unknown, LeadAction.Install, offer));
        Assert.Throws<ArgumentOutOfRangeException>(() => new LeadSource(MarketplaceSource.AppSource, (LeadAction)99, offer));
        Assert.Throws<ArgumentException>(() => new LeadSource(MarketplaceSource.AppSource, LeadAction.Install, default));
    }
}
