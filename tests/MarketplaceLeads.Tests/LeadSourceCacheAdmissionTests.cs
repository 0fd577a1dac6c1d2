using System.Text;
using MarketplaceLeads.LeadSources;

namespace MarketplaceLeads.Tests;

/// <summary>The parse cache's admission: a text is cached on its second sight, however the hashes of the texts that take turns meet.</summary>
public sealed class LeadSourceCacheAdmissionTests
{
    /// <summary>
    /// Two texts parsed in turn are both cached by their second sight. With one first-sight entry per hash, two texts that
    /// met in it overwrote each other on every parse and neither was ever cached (1 pair in 16 in this small cache; with the
    /// 1,024-slot caches, some pair of a publisher's few dozen texts). Many pairs, so that many meet.
    /// </summary>
    [Fact]
    public void TwoTextsInTurn_AreBothCached_ByTheirSecondSight()
    {
        for (var pair = 0; pair < 200; pair++)
        {
            var cache = new LeadSourceCache(16, LeadSourceCache.MaxLength);
            var a = Encoding.UTF8.GetBytes($"AzureMarketplace-INS | publisher{pair}.offer-a");
            var b = Encoding.UTF8.GetBytes($"AppSource-PLT | publisher{pair}.offer-b");
            for (var sight = 0; sight < 2; sight++)
            {
                foreach (var text in new[] { a, b })
                {
                    if (!cache.TryGet(text, out _, out var hash))
                    {
                        cache.Add(text, LeadSource.Parse(Encoding.UTF8.GetString(text)), hash);
                    }
                }
            }

            // The two may share a slot pair too (two ways: both fit).
            Assert.True(cache.TryGet(a, out var first, out _), $"pair {pair}: the first text was not cached");
            Assert.True(cache.TryGet(b, out var second, out _), $"pair {pair}: the second text was not cached");
            Assert.Equal($"publisher{pair}", first.Offer.PublisherId);
            Assert.Equal("offer-b", second.Offer.OfferId);
        }
    }

    [Fact]
    public void TextSeenOnce_IsNotCached()
    {
        var cache = new LeadSourceCache(16, LeadSourceCache.MaxLength);
        var text = Encoding.UTF8.GetBytes("MSFT_TEST_636573304831318844-MSFT_TEST_636573304831318844|Offer");
        Assert.False(cache.TryGet(text, out _, out var hash));
        cache.Add(text, LeadSource.Parse(Encoding.UTF8.GetString(text)), hash);

        Assert.False(cache.TryGet(text, out _, out _));
    }
}
