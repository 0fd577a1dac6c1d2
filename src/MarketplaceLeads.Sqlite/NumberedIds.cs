using System;
using System.Collections.Generic;
using System.Diagnostics;

namespace MarketplaceLeads.Sqlite;

/// <summary>
/// The lead and profile numbering of <see cref="BlockIndex"/>: ids numbered 0, 1, 2 … in the order added, found by id or by
/// number. Every stored lead and profile is here, so a large import holds millions. A
/// <see cref="Dictionary{TKey, TValue}"/> from a 16-byte id to its number beside a <see cref="List{T}"/> of the ids held 32
/// bytes an entry plus 4 of bucket and 16 in the list, and both doubled their arrays in the large object heap as they grew
/// (at 773,475 leads: a 44.6 MB entry array for the leads and a 21.5 MB one for the profiles, each old array left beside
/// the new one until a full collection). This keeps the ids once, in pages of 4,096 (64 KB for a 16-byte id: under the
/// large object heap's threshold, never copied), and finds a number through 256 shards of open-addressed slots holding
/// the number only (4 bytes a slot, linear probing, a shard grown alone at 3/4 full): 21–27 bytes an id in all.
/// </summary>
/// <typeparam name="T">The id: equal ids have equal hash codes, which spread over 32 bits.</typeparam>
/// <remarks>
/// The top 8 bits of an id's hash code pick the shard, the low bits the slot. A slot holds the number plus one (0 marks it
/// empty); a lookup compares the id held under each number it meets. Ids are only added, never removed (a number stays
/// its id's for the life of the index).
/// </remarks>
internal sealed class NumberedIds<T>
    where T : struct, IEquatable<T>
{
    private const int PageBits = 12;
    private const int PageSize = 1 << PageBits;
    private const int PageMask = PageSize - 1;
    private const int ShardBits = 8;
    private const int MinimumSlots = 16;

    private readonly List<T[]> _pages = [];
    private readonly int[][] _slots = new int[1 << ShardBits][];
    private readonly int[] _filled = new int[1 << ShardBits];

    /// <summary>Gets the number of ids held (the next id added gets this number).</summary>
    public int Count { get; private set; }

    /// <summary>Gets the id of a number.</summary>
    public T this[int number]
    {
        get
        {
            if ((uint)number >= (uint)Count)
            {
                throw new ArgumentOutOfRangeException(nameof(number), number, $"must be from 0 to {Count - 1}");
            }

            return _pages[number >> PageBits][number & PageMask];
        }
    }

    /// <summary>Gets an id's number, if the id is held.</summary>
    public bool TryGetNumber(T id, out int number)
    {
        var hash = (uint)id.GetHashCode();
        var slots = _slots[hash >> (32 - ShardBits)];
        if (slots is not null)
        {
            var mask = slots.Length - 1;
            for (var slot = (int)hash & mask; slots[slot] is var held and not 0; slot = (slot + 1) & mask)
            {
                if (_pages[(held - 1) >> PageBits][(held - 1) & PageMask].Equals(id))
                {
                    number = held - 1;
                    return true;
                }
            }
        }

        number = -1;
        return false;
    }

    /// <summary>Adds an id that is not held.</summary>
    /// <returns>Its number: the <see cref="Count"/> before it was added.</returns>
    public int Add(T id)
    {
        Debug.Assert(!TryGetNumber(id, out _), "an id is added once");
        var number = Count;
        if ((number & PageMask) == 0)
        {
            _pages.Add(new T[PageSize]);
        }

        _pages[number >> PageBits][number & PageMask] = id;
        Count = number + 1;

        var hash = (uint)id.GetHashCode();
        var shard = (int)(hash >> (32 - ShardBits));
        var slots = _slots[shard] ??= new int[MinimumSlots];
        if ((_filled[shard] + 1) * 4L > slots.Length * 3L)
        {
            slots = _slots[shard] = Grown(slots);
        }

        Place(slots, hash, number + 1);
        _filled[shard]++;
        return number;
    }

    private static void Place(int[] slots, uint hash, int held)
    {
        var mask = slots.Length - 1;
        var slot = (int)hash & mask;
        while (slots[slot] != 0)
        {
            slot = (slot + 1) & mask;
        }

        slots[slot] = held;
    }

    private int[] Grown(int[] slots)
    {
        var grown = new int[slots.Length * 2];
        foreach (var held in slots)
        {
            if (held != 0)
            {
                Place(grown, (uint)_pages[(held - 1) >> PageBits][(held - 1) & PageMask].GetHashCode(), held);
            }
        }

        return grown;
    }
}
