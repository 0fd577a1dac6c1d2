using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using FsCheck.Xunit;
using MarketplaceLeads.Deduplication;

namespace MarketplaceLeads.Tests;

/// <summary>
/// The in-memory store's blocks (<see cref="LeadBlocks"/>: chained entries in pages, entries reused after a removal)
/// against the plain model they replaced, a list of lead ids per key: any run of filings and removals leaves every key
/// with the same leads in the same order, and the same counts.
/// </summary>
public class LeadBlocksTests
{
    /// <summary>
    /// Each step's code: bits 0–1 pick the operation (add, add, remove one lead from a key, remove a lead everywhere), bits
    /// 2–4 the key (of eight), bits 5–7 the lead (of eight; lead ids repeat so that removals find them).
    /// </summary>
    [Property(MaxTest = 500)]
    public bool AnyRunOfFilingsAndRemovals_LeavesTheBlocksTheListsWouldHold(byte[] codes)
    {
        var blocks = new LeadBlocks();
        var model = new Dictionary<ulong, List<LeadId>>();
        foreach (var code in codes ?? [])
        {
            var key = (ulong)((code >> 2) & 7) * 0x9E3779B97F4A7C15UL;
            var lead = Lead((code >> 5) & 7);
            switch (code & 3)
            {
                case 0 or 1:
                    blocks.Add(key, lead);
                    (model.TryGetValue(key, out var list) ? list : model[key] = []).Add(lead);
                    break;
                case 2:
                    var removed = blocks.Remove(key, lead);
                    var expected = model.TryGetValue(key, out var block) && block.RemoveAll(id => id == lead) > 0;
                    if (removed != expected)
                    {
                        return false;
                    }

                    break;
                default:
                    var count = blocks.RemoveAll(id => id == lead);
                    var expectedCount = model.Values.Sum(l => l.RemoveAll(id => id == lead));
                    if (count != expectedCount)
                    {
                        return false;
                    }

                    break;
            }

            foreach (var empty in model.Where(p => p.Value.Count == 0).Select(p => p.Key).ToList())
            {
                model.Remove(empty);
            }
        }

        return blocks.KeyCount == model.Count
            && Enumerable.Range(0, 8).Select(k => (ulong)k * 0x9E3779B97F4A7C15UL).All(key =>
                blocks.CountOf(key) == (model.TryGetValue(key, out var list) ? list.Count : 0)
                && blocks.LeadsOf(key).Count == blocks.CountOf(key)
                && Read(blocks, key).SequenceEqual(model.GetValueOrDefault(key) ?? []));
    }

    [Fact]
    public void ABlockOfManyLeads_SpansPages_InTheOrderFiled()
    {
        var blocks = new LeadBlocks();
        for (var i = 0; i < 5_000; i++)
        {
            blocks.Add(1, Lead(i));
            blocks.Add(2, Lead(-i)); // two blocks interleaved across the pages
        }

        Assert.Equal(5_000, blocks.CountOf(1));
        Assert.Equal(Enumerable.Range(0, 5_000).Select(Lead), Read(blocks, 1));
        Assert.Equal(Enumerable.Range(0, 5_000).Select(i => Lead(-i)), Read(blocks, 2));
        Assert.Equal(0, blocks.CountOf(3));
        Assert.Empty(Read(blocks, 3));
    }

    private static List<LeadId> Read(LeadBlocks blocks, ulong key)
    {
        var leads = new List<LeadId>();
        foreach (var lead in blocks.LeadsOf(key))
        {
            leads.Add(lead);
        }

        return leads;
    }

    private static LeadId Lead(int n) => LeadId.FromKey("blocks", n.ToString(CultureInfo.InvariantCulture));
}
