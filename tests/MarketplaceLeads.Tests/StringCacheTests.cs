using System;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using MarketplaceLeads.Internal;

namespace MarketplaceLeads.Tests;

public class StringCacheTests
{
    [Fact]
    public void GetOrAdd_SameText_ReturnsSameInstance()
    {
        var cache = new StringCache(64);

        var first = cache.GetOrAdd("contoso-analytics".AsSpan());
        var second = cache.GetOrAdd("contoso-analytics".AsSpan());
        var fromUtf8 = cache.GetOrAdd("contoso-analytics"u8);

        Assert.Equal("contoso-analytics", first);
        Assert.Same(first, second);
        Assert.Same(first, fromUtf8);
    }

    [Fact]
    public void GetOrAdd_TextLongerThanMaxLength_IsNotCachedButCorrect()
    {
        var cache = new StringCache(64);
        var text = new string('x', StringCache.MaxLength + 1);

        var first = cache.GetOrAdd(text.AsSpan());
        var second = cache.GetOrAdd(text.AsSpan());

        Assert.Equal(text, first);
        Assert.NotSame(first, second);
        Assert.Equal(text, cache.GetOrAdd(Encoding.UTF8.GetBytes(text)));
    }

    [Fact]
    public void GetOrAdd_ManyDistinctTexts_StaysBoundedAndAlwaysCorrect()
    {
        var cache = new StringCache(16);

        for (var i = 0; i < 10_000; i++)
        {
            var text = $"offer-{i}";
            Assert.Equal(text, cache.GetOrAdd(text.AsSpan()));
        }

        Assert.True(cache.Count <= 16);
    }

    [Fact]
    public void GetOrAdd_TwoTextsSharingASet_BothStayCached()
    {
        var cache = new StringCache(2);
        var a = cache.GetOrAdd("alpha".AsSpan());
        var b = cache.GetOrAdd("beta".AsSpan());

        Assert.Same(a, cache.GetOrAdd("alpha".AsSpan()));
        Assert.Same(b, cache.GetOrAdd("beta".AsSpan()));
    }

    [Fact]
    public void GetOrAdd_ConcurrentThreads_AlwaysReturnEqualText()
    {
        var cache = new StringCache(8);
        var texts = Enumerable.Range(0, 64).Select(i => $"publisher-{i}").ToArray();
        var failures = 0;

        Parallel.For(0, 200_000, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i =>
        {
            var text = texts[i % texts.Length];
            if (!string.Equals(cache.GetOrAdd(text.AsSpan()), text, StringComparison.Ordinal))
            {
                System.Threading.Interlocked.Increment(ref failures);
            }
        });

        Assert.Equal(0, failures);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(100)]
    public void Constructor_CapacityNotAPowerOfTwo_Throws(int capacity)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new StringCache(capacity));
    }
}

public class LeadSourceCacheTests
{
    [Fact]
    public void TryParse_ConcurrentlyOnManyTexts_AlwaysMatchesAFreshParse()
    {
        var texts = System.Linq.Enumerable.Range(0, 5000)
            .Select(i => $"{(i % 3 == 0 ? "SPZA" : "AzureMarketplace")}-{(i % 2 == 0 ? "INS" : "PLT")} | p{i % 700}.offer-{i % 1300}")
            .ToArray();
        var failures = 0;

        System.Threading.Tasks.Parallel.For(0, 100_000, new System.Threading.Tasks.ParallelOptions { MaxDegreeOfParallelism = 4 }, i =>
        {
            var text = texts[(int)((long)i * 7919 % texts.Length)];
            var expected = LeadSource.Parse(text);
            if (!LeadSource.TryParse(text.AsSpan(), out var utf16) || utf16 != expected || utf16.ToString() != expected.ToString()
                || !LeadSource.TryParse(System.Text.Encoding.UTF8.GetBytes(text), out var utf8) || utf8 != expected)
            {
                System.Threading.Interlocked.Increment(ref failures);
            }
        });

        Assert.Equal(0, failures);
    }

    [Fact]
    public void TryParse_ConcurrentlyOnMoreTextsThanSlots_NeverSeesATornOrForeignEntry()
    {
        // Far more texts than slots, so slots are overwritten while other threads read them.
        // The expected texts are written out here, not parsed: a wrong cached value cannot leak into them.
        static string Text(int i, string source) =>
            $"{source}-{(i % 3 == 0 ? "INS" : "StartTestDrive")} | pub{i % 97}.offer-{i}{new string('x', i % 40)}";
        var texts = System.Linq.Enumerable.Range(0, 4000).Select(i => Text(i, i % 2 == 0 ? "AzureMarketplace" : "SPZA")).ToArray();
        var expected = System.Linq.Enumerable.Range(0, 4000).Select(i => Text(i, i % 2 == 0 ? "AzureMarketplace" : "AppSource")).ToArray();
        var failures = 0;

        System.Threading.Tasks.Parallel.For(0, 400_000, new System.Threading.Tasks.ParallelOptions { MaxDegreeOfParallelism = 4 }, i =>
        {
            var index = (int)((long)i * 7919 % texts.Length);
            var text = texts[index];
            var utf8 = System.Text.Encoding.UTF8.GetBytes(text);
            if (!LeadSource.TryParse(text.AsSpan(), out var utf16) || utf16.ToString() != expected[index]
                || !LeadSource.TryParse(utf8.AsSpan(), out var fromUtf8) || fromUtf8.ToString() != expected[index])
            {
                System.Threading.Interlocked.Increment(ref failures);
            }
        });

        Assert.Equal(0, failures);
    }

    [Fact]
    public void TryParse_TextLongerThanTheCacheKeys_StillParses()
    {
        var text = "AzureMarketplace-INS | publisher." + new string('o', 300);

        Assert.True(LeadSource.TryParse(text.AsSpan(), out var first));
        Assert.True(LeadSource.TryParse(text.AsSpan(), out var second));
        Assert.True(LeadSource.TryParse(Encoding.UTF8.GetBytes(text).AsSpan(), out var utf8));
        Assert.Equal(300, first.Offer.OfferId.Length);
        Assert.Equal(300, second.Offer.OfferId.Length);
        Assert.Equal(first, utf8);
    }
}
