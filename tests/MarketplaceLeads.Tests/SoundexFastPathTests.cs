using MarketplaceLeads.Deduplication;

namespace MarketplaceLeads.Tests;

public class SoundexFastPathTests
{
    [Theory]
    [InlineData("smith", "S530")]
    [InlineData("SMITH", "S530")]
    [InlineData("\u017Fmith", "S530")] // long s upper-cases to 'S' in the invariant culture
    [InlineData("o'brien", "O165")]
    public void Of_CaseAndNonAsciiLetters(string name, string code)
    {
        Assert.Equal(code, Soundex.Of(name));
    }

    [Fact]
    public void Of_EveryCharacterBeforeALetter_AsTheInvariantUpperCase()
    {
        for (var c = 0; c <= char.MaxValue; c++)
        {
            var upper = char.ToUpperInvariant((char)c);
            var expected = upper is >= 'A' and <= 'Z' ? Soundex.Of(upper + "ob") : Soundex.Of("ob");
            Assert.Equal(expected, Soundex.Of((char)c + "ob"));
        }
    }

    [Fact]
    public void BlockingKeys_RepeatedKeys_CountedOnce_InFirstAddedOrder()
    {
        var keys = new BlockingKeys();
        keys.Add("p", "+14155550100");
        keys.Add("e", "ann@example.com");
        keys.Add("p", "+14155550100");
        keys.Add("e", "ann@example.com");
        keys.Add("c", "contoso", "A500S530");
        Assert.Equal(3, keys.Count);
        Assert.Equal(BlockingKeys.Hash("p\0+14155550100"), keys.Hashes[0]);
        Assert.Equal(BlockingKeys.Hash("e\0ann@example.com"), keys.Hashes[1]);
        Assert.Equal(BlockingKeys.Hash("c\0contoso\0A500S530"), keys.Hashes[2]);
    }
}
