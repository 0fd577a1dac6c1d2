using System;
using System.Text;
using FsCheck;
using FsCheck.Xunit;
using MarketplaceLeads.LeadSources;
using MarketplaceLeads.Tests.Support;

namespace MarketplaceLeads.Tests;

/// <summary>
/// The one tokenizer is compiled twice, for UTF-16 and for UTF-8: ASCII text (which the UTF-16
/// parsers narrow and parse as UTF-8) must be decided exactly the same by both, errors and
/// positions included.
/// </summary>
[Properties(Arbitrary = [typeof(LeadSourceGenerators)], MaxTest = 3000)]
public class TokenizerEquivalenceTests
{
    [Property]
    public bool Utf16AndUtf8_Agree_OnNastyText(NastyText text) => Agree(text.Value);

    [Property]
    public bool Utf16AndUtf8_Agree_OnGeneratedLeadSources(LeadSourceSample sample) => Agree(sample.Text);

    [Property]
    public bool Utf16AndUtf8_Agree_OnLongAsciiText(NonNull<string> text)
    {
        // Lengths around the vector widths and the cache's key limit.
        var padded = new string('a', text.Get.Length % 70) + "-b | c.d" + text.Get;
        return Agree(padded);
    }

    [Fact]
    public void Utf16AndUtf8_Agree_AtEveryLengthUpToPastTheCacheLimit()
    {
        for (var length = 6; length <= LeadSourceCache.MaxLength + 8; length++)
        {
            var text = "A-B|" + new string('x', length - 6) + ".y";
            Assert.True(Agree(text), $"length {length}");
            Assert.True(Agree(" " + text[1..] + " "), $"length {length}, spaced");
        }
    }

    private static bool Agree(string text)
    {
        if (!Ascii.IsValid(text))
        {
            return true; // positions differ between encodings: LeadSourcePropertyTests compare the values
        }

        var utf8 = Encoding.ASCII.GetBytes(text);
        var utf16Error = LeadSourceTokenizer.Tokenize(text.AsSpan(), out var utf16, out var utf16Position);
        var utf8Error = LeadSourceTokenizer.Tokenize<byte>(utf8, out var bytes, out var utf8Position);
        return utf16Error == utf8Error
            && (utf8Error != ParseError.None
                ? utf16Position == utf8Position
                : utf16.SourceStart == bytes.SourceStart && utf16.SourceLength == bytes.SourceLength
                  && utf16.ActionStart == bytes.ActionStart && utf16.ActionLength == bytes.ActionLength
                  && utf16.Offer.Start == bytes.Offer.Start && utf16.Offer.Length == bytes.Offer.Length
                  && utf16.Offer.Dot == bytes.Offer.Dot && utf16.Source == bytes.Source && utf16.Action == bytes.Action);
    }
}
