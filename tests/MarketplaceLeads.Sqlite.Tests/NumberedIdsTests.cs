using System;
using System.Collections.Generic;
using FsCheck;
using FsCheck.Xunit;

namespace MarketplaceLeads.Sqlite.Tests;

/// <summary>The block index's lead and profile numbering answers as a dictionary and a list do, whatever ids are added.</summary>
public sealed class NumberedIdsTests
{
    /// <summary>
    /// Ids whose hash codes crowd into three shards and a few slots (so runs form, wrap around a shard's end and grow), added
    /// and looked up in any order: every id added gets the next number, is found under it and by it, and ids never added
    /// are not found.
    /// </summary>
    [Property(MaxTest = 300)]
    public bool AnyIdsAddedAndLookedUp_AnswerAsADictionaryAndAList((bool Add, byte Top, ushort Low, byte Tag)[] steps)
    {
        var ids = new NumberedIds<CrowdedId>();
        var numbers = new Dictionary<CrowdedId, int>();
        var list = new List<CrowdedId>();
        foreach (var (add, top, low, tag) in steps)
        {
            var id = new CrowdedId(((uint)(top % 3) switch { 0 => 0u, 1 => 1u, _ => 255u } << 24) | (uint)(low % 50), tag % 4);
            if (add && !numbers.ContainsKey(id))
            {
                if (ids.Add(id) != list.Count)
                {
                    return false;
                }

                numbers[id] = list.Count;
                list.Add(id);
            }
            else if (ids.TryGetNumber(id, out var number) != numbers.TryGetValue(id, out var expected) || number != (numbers.ContainsKey(id) ? expected : -1))
            {
                return false;
            }
        }

        for (var i = 0; i < list.Count; i++)
        {
            if (!ids[i].Equals(list[i]) || !ids.TryGetNumber(list[i], out var number) || number != i)
            {
                return false;
            }
        }

        return ids.Count == list.Count;
    }

    [Fact]
    public void AMillionLeadIds_SpanningPagesAndGrowths_AreNumberedInOrder_AndIdsNeverAddedAreNot()
    {
        var ids = new NumberedIds<LeadId>();
        var random = new Random(7);
        var added = new List<LeadId>();
        var seen = new HashSet<LeadId>();
        while (added.Count < 1_000_000)
        {
            var id = RandomId(random);
            if (seen.Add(id))
            {
                Assert.Equal(added.Count, ids.Add(id));
                added.Add(id);
            }
        }

        Assert.Equal(1_000_000, ids.Count);
        for (var i = 0; i < added.Count; i += 997)
        {
            Assert.True(ids.TryGetNumber(added[i], out var number));
            Assert.Equal(i, number);
            Assert.Equal(added[i], ids[i]);
        }

        Assert.Equal(added[^1], ids[999_999]);
        for (var i = 0; i < 10_000; i++)
        {
            var other = RandomId(random);
            Assert.Equal(seen.Contains(other), ids.TryGetNumber(other, out _));
        }

        Assert.Throws<ArgumentOutOfRangeException>(() => ids[1_000_000]);
        Assert.Throws<ArgumentOutOfRangeException>(() => ids[-1]);
    }

    private static LeadId RandomId(Random random)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        return LeadId.Parse(Convert.ToHexStringLower(bytes));
    }

    /// <summary>An id whose hash code is <paramref name="Hash"/>: ids with one hash and different tags are different ids.</summary>
    private readonly record struct CrowdedId(uint Hash, int Tag)
    {
        public override int GetHashCode() => (int)Hash;
    }
}
