using System.Text;
using FsCheck;
using FsCheck.Xunit;
using MarketplaceLeads.LeadSources;
using MarketplaceLeads.Tests.Support;

namespace MarketplaceLeads.Tests;

/// <summary>The vectorised ASCII fast path must decide exactly as the general tokenizer does.</summary>
[Properties(Arbitrary = [typeof(LeadSourceGenerators)], MaxTest = 3000)]
public class TokenizerEquivalenceTests
{
    [Property]
    public bool FastPath_AgreesWithGeneric_OnNastyText(NastyText text) => Agree(Encoding.UTF8.GetBytes(text.Value));

    [Property]
    public bool FastPath_AgreesWithGeneric_OnGeneratedLeadSources(LeadSourceSample sample) => Agree(Encoding.UTF8.GetBytes(sample.Text));

    [Property]
    public bool FastPath_AgreesWithGeneric_OnLongAsciiText(NonNull<string> text)
    {
        // Lengths around the 16-byte blocks and 64-bit mask words.
        var padded = new string('a', text.Get.Length % 70) + "-b | c.d" + text.Get;
        return Agree(Encoding.UTF8.GetBytes(padded));
    }

    [Fact]
    public void FastPath_HandlesEveryLengthUpToItsLimit()
    {
        for (var length = 6; length <= AsciiLeadSourceTokenizer.MaxLength; length++)
        {
            var text = "A-B|" + new string('x', length - 6) + ".y";
            Assert.True(Agree(Encoding.ASCII.GetBytes(text)), $"length {length}");
            Assert.True(Agree(Encoding.ASCII.GetBytes(" " + text[1..] + " ")), $"length {length}, spaced");
        }
    }

    private static bool Agree(byte[] utf8)
    {
        if (!AsciiLeadSourceTokenizer.TryTokenize(utf8, out var fastError, out var fast, out var fastPosition))
        {
            return true; // declined: the generic tokenizer handles it alone
        }

        var genericError = LeadSourceTokenizer.TokenizeGeneric<byte>(utf8, out var generic, out var genericPosition);
        return fastError == genericError
            && (fastError != ParseError.None
                ? fastPosition == genericPosition
                : fast.SourceStart == generic.SourceStart && fast.SourceLength == generic.SourceLength
                  && fast.ActionStart == generic.ActionStart && fast.ActionLength == generic.ActionLength
                  && fast.Offer.Start == generic.Offer.Start && fast.Offer.Length == generic.Offer.Length
                  && fast.Offer.Dot == generic.Offer.Dot && fast.Source == generic.Source && fast.Action == generic.Action);
    }
}
