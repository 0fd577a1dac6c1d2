using System;
using System.Text;
using MarketplaceLeads.Tests.Support;

namespace MarketplaceLeads.Tests;

/// <summary>
/// Allocation goals of the parsing hot path, measured around warmed-up calls under the default
/// tiered JIT, so unoptimised (tier-0) code is covered as well as optimised code.
/// </summary>
[Collection(SerialTests.Name)]
public class AllocationTests
{
    private static readonly string[] Texts =
    [
        "AzureMarketplace-INS | docusign.3701c77e-1cfa-4c56-91e6-3ed0b622145",
        "AppSource-PLT|contoso.contoso-crm-connector",
        "SPZA-DNC | contoso.contoso-crm-connector",
        "AzurePortal-Create | contoso.contoso-analytics",
        "AzureMarketplace-StartTestDrive | contoso.contoso-analytics",
        "MSFT_TEST_636573304831318844-MSFT_TEST_636573304831318844|<Offer Name>",
        "  appsource (spza) - plt | bitnami.openedxcypress  ",
    ];

    private static readonly byte[][] Utf8Texts = Array.ConvertAll(Texts, Encoding.UTF8.GetBytes);

    [Fact]
    public void TryParse_Utf16_WarmedUp_AllocatesNothing()
    {
        // One text at a time: the parse cache is bounded and two-way, so texts parsed in turn may share a set (with
        // texts other tests left there) and take each other's place; a text repeated alone must cost nothing.
        foreach (var text in Texts)
        {
            var allocated = Measure(() => LeadSource.TryParse(text.AsSpan(), out _));
            Assert.True(allocated == 0, $"'{text}': {lastRounds}");
        }
    }

    [Fact]
    public void TryParse_Utf8_WarmedUp_AllocatesNothing()
    {
        // One text at a time, as above.
        foreach (var text in Utf8Texts)
        {
            var allocated = Measure(() => LeadSource.TryParse(text.AsSpan(), out _));
            Assert.True(allocated == 0, $"'{Encoding.UTF8.GetString(text)}': {lastRounds}");
        }
    }

    [Fact]
    public void TryParse_FirstSightOfAText_AllocatesOnlyTheStringsTheValueKeeps()
    {
        // Texts never seen before, new in every round: nothing but the JIT to warm up, and nothing
        // allocated but the source, action, publisher and offer id strings of each value.
        LeadSource.TryParse("AzureMarketplace-INS|a.b", out _);
        LeadSource.TryParse("AzureMarketplace-INS|a.b"u8, out _);
        var total = 0;

        var extra = MinimumOverRounds(() =>
        {
            var fresh = new string[50];
            var freshUtf8 = new byte[50][];
            for (var i = 0; i < fresh.Length; i++)
            {
                fresh[i] = $"Source{i}-Action{i} | publisher{i}.offer-{Guid.NewGuid():N}";
                freshUtf8[i] = Encoding.UTF8.GetBytes($"AzureMarketplace-INS | publisher{i}.offer-{Guid.NewGuid():N}");
            }

            var values = new LeadSource[fresh.Length * 2];
            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < fresh.Length; i++)
            {
                LeadSource.TryParse(fresh[i].AsSpan(), out values[2 * i]);
                LeadSource.TryParse(freshUtf8[i].AsSpan(), out values[(2 * i) + 1]);
            }

            var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            long kept = 0;
            foreach (var value in values)
            {
                total += value.Offer.OfferId.Length;
                kept += StringBytes(value.Source == MarketplaceSource.Unknown ? value.SourceText : null)
                    + StringBytes(value.Action == LeadAction.Unknown && !ReferenceEquals(value.ActionText, value.SourceText) ? value.ActionText : null)
                    + StringBytes(value.Offer.PublisherId) + StringBytes(value.Offer.OfferId);
            }

            return allocated - kept;
        });

        Assert.True(extra <= 0, lastRounds);
        Assert.True(total > 0);
    }

    [Fact]
    public void TryParse_InvalidText_AllocatesNothing()
    {
        var allocated = Measure(static () =>
        {
            LeadSource.TryParse("AzureMarketplace-INS", out _);
            LeadSource.TryParse("A-B|c\u0001"u8, out _);
            LeadSource.TryParse("\uD800-x|y", out _);
        });

        Assert.True(allocated == 0, lastRounds);
    }

    [Fact]
    public void TryFormat_AllocatesNothing()
    {
        var value = LeadSource.Parse(Texts[0]);
        var chars = new char[128];
        var bytes = new byte[128];

        var allocated = Measure(() =>
        {
            value.TryFormat(chars, out _);
            value.TryFormat(bytes, out _, "C");
        });

        Assert.True(allocated == 0, lastRounds);
    }

    /// <summary>The heap size of a string on a 64-bit runtime: header, method table, length, the characters and a terminator, 8-byte aligned.</summary>
    private static long StringBytes(string? value) => value is null ? 0 : (22 + (2L * value.Length) + 7) & ~7L;

    private static long Measure(Action action)
    {
        // Warm up: static initialisation, the caches, and the JIT's tiers. Tier-up happens on a
        // background thread after a delay, and the runtime may allocate on the calling thread when it
        // schedules that work, so give it time to settle before measuring.
        for (var pass = 0; pass < 3; pass++)
        {
            for (var i = 0; i < 200; i++)
            {
                action();
            }

            System.Threading.Thread.Sleep(120);
        }

        return MinimumOverRounds(() =>
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < 1000; i++)
            {
                action();
            }

            return GC.GetAllocatedBytesForCurrentThread() - before;
        });
    }

    /// <summary>
    /// Returns the smallest of a few measurements: a one-off runtime allocation on this thread (the
    /// JIT's tiering machinery starting up, say) must not fail a check of what the code allocates.
    /// Code that allocates per call allocates in every round.
    /// </summary>
    [ThreadStatic]
    private static string? lastRounds;

    private static long MinimumOverRounds(Func<long> measure)
    {
        var minimum = long.MaxValue;
        var rounds = new System.Collections.Generic.List<long>();
        for (var round = 0; round < 10 && minimum > 0; round++)
        {
            var allocated = measure();
            rounds.Add(allocated);
            minimum = Math.Min(minimum, allocated);
        }

        lastRounds = "bytes allocated per round: " + string.Join(", ", rounds);

        return minimum;
    }
}
