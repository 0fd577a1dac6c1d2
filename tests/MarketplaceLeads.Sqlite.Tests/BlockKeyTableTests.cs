using System;
using System.Collections.Generic;
using FsCheck;
using FsCheck.Xunit;

namespace MarketplaceLeads.Sqlite.Tests;

/// <summary>The blocking-key index's compact key map answers as a <see cref="Dictionary{TKey, TValue}"/> does, whatever the sequence of sets and removals.</summary>
public sealed class BlockKeyTableTests
{
    /// <summary>
    /// Keys crowded into few shards and slots (three top bytes, 40 home positions, three keys at each, the key 0 among them),
    /// so that runs form, wrap around the end of a shard's slots, grow, and lose keys from their middle: every answer, the count and
    /// every key held at the end agree with a dictionary's.
    /// </summary>
    [Property(MaxTest = 300)]
    public bool AnySequenceOfSetsAndRemovals_AnswersAsADictionary((byte Op, byte Top, byte Middle, byte Low, int Value)[] steps)
    {
        var table = new BlockKeyTable();
        var expected = new Dictionary<ulong, int>();
        foreach (var (op, top, middle, low, value) in steps)
        {
            var shard = (top % 3) switch { 0 => 0UL, 1 => 1UL, _ => 255UL };
            // The low 32 bits (which set the home slot) from 40 values spread over their range, the last ones homing near a
            // shard's end; three middle values above them, so that keys share a home slot.
            var key = top % 4 == 3 ? 0UL : (shard << 56) | ((ulong)(uint)(middle % 3) << 40) | (uint)((low % 40) * 107_374_182u);
            switch (op % 3)
            {
                case 0:
                    table.Set(key, value);
                    expected[key] = value;
                    break;
                case 1:
                    if (table.Remove(key) != expected.Remove(key))
                    {
                        return false;
                    }

                    break;
                default:
                    var found = table.TryGetValue(key, out var got);
                    if (found != expected.TryGetValue(key, out var want) || (found && got != want))
                    {
                        return false;
                    }

                    break;
            }
        }

        foreach (var (key, value) in expected)
        {
            if (!table.TryGetValue(key, out var got) || got != value)
            {
                return false;
            }
        }

        return table.Count == expected.Count;
    }

    [Fact]
    public void AMillionHashedKeys_AreAllFound_AndKeysNeverSetAreNot()
    {
        var table = new BlockKeyTable();
        var random = new Random(7);
        var keys = new ulong[1_000_000];
        for (var i = 0; i < keys.Length; i++)
        {
            keys[i] = (ulong)random.NextInt64() ^ ((ulong)random.Next() << 63);
            table.Set(keys[i], i);
        }

        var distinct = new HashSet<ulong>(keys).Count;
        Assert.Equal(distinct, table.Count);
        var last = new Dictionary<ulong, int>();
        for (var i = 0; i < keys.Length; i++)
        {
            last[keys[i]] = i;
        }

        foreach (var (key, value) in last)
        {
            Assert.True(table.TryGetValue(key, out var got));
            Assert.Equal(value, got);
        }

        for (var i = 0; i < 10_000; i++)
        {
            var other = (ulong)random.NextInt64();
            Assert.Equal(last.ContainsKey(other), table.TryGetValue(other, out _));
        }
    }
}
