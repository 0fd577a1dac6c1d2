using System;
using System.Text;

namespace MarketplaceLeads.Tests;

public class MarketplaceOfferTests
{
    [Theory]
    [InlineData("checkpoint.check-point-r77-10sg-byol", "checkpoint", "check-point-r77-10sg-byol")]
    [InlineData("bitnami.openedxcypress", "bitnami", "openedxcypress")]
    [InlineData("docusign.3701c77e-1cfa-4c56-91e6-3ed0b622145", "docusign", "3701c77e-1cfa-4c56-91e6-3ed0b622145")]
    [InlineData("  my_publisher.my_offer  ", "my_publisher", "my_offer")]
    public void Parse_PublisherDotOffer_SplitsAtFirstDot(string text, string publisherId, string offerId)
    {
        var offer = MarketplaceOffer.Parse(text);

        Assert.True(offer.IsPublisherOfferId);
        Assert.Equal(publisherId, offer.PublisherId);
        Assert.Equal(offerId, offer.OfferId);
        Assert.Equal($"{publisherId}.{offerId}", offer.ToString());
        Assert.Equal(offer, MarketplaceOffer.Parse(Encoding.UTF8.GetBytes(text)));
    }

    [Theory]
    [InlineData("<Offer Name>")]
    [InlineData("Contoso Test")]
    [InlineData("contoso")]
    public void Parse_DisplayName_IsKeptWhole(string text)
    {
        var offer = MarketplaceOffer.Parse(text);

        Assert.False(offer.IsPublisherOfferId);
        Assert.Equal(string.Empty, offer.PublisherId);
        Assert.Equal(text, offer.OfferId);
        Assert.Equal(text, offer.ToString());
    }

    [Theory]
    [InlineData("", "expected an offer", 0)]
    [InlineData("  ", "expected an offer", 2)]
    [InlineData("a.b\u0000", "control character", 3)]
    public void Parse_Invalid_ThrowsFormatExceptionWithPosition(string text, string reason, int position)
    {
        var ex = Assert.Throws<FormatException>(() => MarketplaceOffer.Parse(text));

        Assert.Contains(reason, ex.Message, StringComparison.Ordinal);
        Assert.Contains($"at position {position})", ex.Message, StringComparison.Ordinal);
        Assert.Contains("is not a valid MarketplaceOffer", ex.Message, StringComparison.Ordinal);
        Assert.False(MarketplaceOffer.TryParse(text, out var result));
        Assert.True(result.IsEmpty);
    }

    [Fact]
    public void Constructor_ValidIds_CreatesPublisherOfferId()
    {
        var offer = new MarketplaceOffer("contoso", "contoso-analytics");

        Assert.True(offer.IsPublisherOfferId);
        Assert.Equal(MarketplaceOffer.Parse("contoso.contoso-analytics"), offer);
    }

    [Theory]
    [InlineData("", "offer", "publisherId")]
    [InlineData("con toso", "offer", "publisherId")]
    [InlineData("con.toso", "offer", "publisherId")]
    [InlineData("contoso", "", "offerId")]
    [InlineData("contoso", "an offer", "offerId")]
    public void Constructor_InvalidId_ThrowsArgumentExceptionNamingTheParameter(string publisherId, string offerId, string paramName)
    {
        var ex = Assert.Throws<ArgumentException>(() => new MarketplaceOffer(publisherId, offerId));

        Assert.Equal(paramName, ex.ParamName);
    }

    [Fact]
    public void Equality_IgnoresCaseButNotKind()
    {
        Assert.Equal(MarketplaceOffer.Parse("Contoso.CRM"), MarketplaceOffer.Parse("contoso.crm"));
        Assert.Equal(MarketplaceOffer.Parse("Contoso.CRM").GetHashCode(), MarketplaceOffer.Parse("contoso.crm").GetHashCode());
        Assert.NotEqual(MarketplaceOffer.Parse("contoso.crm"), MarketplaceOffer.Parse("contoso crm"));
        Assert.True(MarketplaceOffer.Parse("a.b") != MarketplaceOffer.Parse("a.c"));
        Assert.False(MarketplaceOffer.Parse("a.b").Equals((object)"a.b"));
    }

    [Fact]
    public void Default_IsEmptyAndFormatsEmpty()
    {
        var offer = default(MarketplaceOffer);

        Assert.True(offer.IsEmpty);
        Assert.False(offer.IsPublisherOfferId);
        Assert.Equal(string.Empty, offer.ToString());
        Assert.Equal(string.Empty, offer.OfferId);
    }

    [Fact]
    public void TryFormat_Utf16AndUtf8_WriteTheText()
    {
        var offer = MarketplaceOffer.Parse("contoso.contoso-analytics");
        Span<char> chars = stackalloc char[64];
        Span<byte> bytes = stackalloc byte[64];

        Assert.True(offer.TryFormat(chars, out var charsWritten));
        Assert.True(offer.TryFormat(bytes, out var bytesWritten));

        Assert.Equal("contoso.contoso-analytics", chars[..charsWritten].ToString());
        Assert.Equal("contoso.contoso-analytics", Encoding.UTF8.GetString(bytes[..bytesWritten]));
        Assert.False(offer.TryFormat(chars[..5], out _));
        Assert.Throws<FormatException>(() => ((IFormattable)offer).ToString("X", null));
    }
}
