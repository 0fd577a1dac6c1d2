namespace MarketplaceLeads.Sqlite;

/// <summary>
/// The blocking-key map of <see cref="BlockIndex"/>: a 64-bit key hash to an <see cref="int"/>, for every key a stored lead
/// is filed under (several a lead, millions in a large database). A <see cref="System.Collections.Generic.Dictionary{TKey, TValue}"/>
/// of that size held 24 bytes an entry plus 4 of bucket, doubled its arrays at once when it grew (one of 144 MB at 773,475
/// leads, the old one beside it while copying) and left them in the large object heap. This holds 12 bytes a slot in 256
/// shards chosen by the key's top byte, each an open-addressed table with linear probing, grown alone at 3/4 full by half
/// again (not doubled: the shards fill at one pace, so they all grow within a few thousand leads of each other, and a
/// doubling grew a million-lead import's table from 50 to 100 MB at once): 16–24 bytes a key, and growing copies a 256th.
/// </summary>
/// <remarks>
/// The keys are hashes already (<see cref="Deduplication.BlockingKeys"/>), so their bits are spread: the top byte picks the
/// shard, the low 32 bits scaled to the shard's length the home slot. 0 marks an empty slot, so the key 0 is kept aside. Removal shifts the following slots of
/// the run back (no tombstones), so a lookup stops at the first empty slot.
/// </remarks>
internal sealed class BlockKeyTable
{
    private const int ShardBits = 8;
    private const int MinimumSlots = 16;

    private readonly Shard[] _shards = new Shard[1 << ShardBits];
    private bool _hasZero;
    private int _zeroValue;

    public BlockKeyTable()
    {
        for (var i = 0; i < _shards.Length; i++)
        {
            _shards[i] = new Shard();
        }
    }

    /// <summary>Gets the number of keys held.</summary>
    public int Count { get; private set; }

    /// <summary>Gets the value of a key, if held.</summary>
    public bool TryGetValue(ulong key, out int value)
    {
        if (key == 0)
        {
            value = _zeroValue;
            return _hasZero;
        }

        return ShardOf(key).TryGetValue(key, out value);
    }

    /// <summary>Sets the value of a key, adding the key if it is not held.</summary>
    public void Set(ulong key, int value)
    {
        if (key == 0)
        {
            Count += _hasZero ? 0 : 1;
            (_hasZero, _zeroValue) = (true, value);
            return;
        }

        if (ShardOf(key).Set(key, value))
        {
            Count++;
        }
    }

    /// <summary>Removes a key; whether it was held.</summary>
    public bool Remove(ulong key)
    {
        bool removed;
        if (key == 0)
        {
            removed = _hasZero;
            _hasZero = false;
        }
        else
        {
            removed = ShardOf(key).Remove(key);
        }

        Count -= removed ? 1 : 0;
        return removed;
    }

    private Shard ShardOf(ulong key) => _shards[(int)(key >> (64 - ShardBits))];

    /// <summary>A key's home slot among <paramref name="length"/>: its low 32 bits scaled to the length (no power of two needed).</summary>
    private static int Home(ulong key, int length) => (int)(((ulong)(uint)key * (ulong)length) >> 32);

    private sealed class Shard
    {
        private ulong[] _keys = new ulong[MinimumSlots];
        private int[] _values = new int[MinimumSlots];
        private int _count;

        public bool TryGetValue(ulong key, out int value)
        {
            var length = _keys.Length;
            for (var slot = Home(key, length); ; slot = slot + 1 == length ? 0 : slot + 1)
            {
                var held = _keys[slot];
                if (held == key)
                {
                    value = _values[slot];
                    return true;
                }

                if (held == 0)
                {
                    value = 0;
                    return false;
                }
            }
        }

        /// <summary>Sets a key's value; whether the key was added.</summary>
        public bool Set(ulong key, int value)
        {
            var length = _keys.Length;
            var slot = Home(key, length);
            for (; _keys[slot] != 0; slot = slot + 1 == length ? 0 : slot + 1)
            {
                if (_keys[slot] == key)
                {
                    _values[slot] = value;
                    return false;
                }
            }

            if ((_count + 1) * 4L > _keys.Length * 3L)
            {
                Grow();
                return Set(key, value);
            }

            _keys[slot] = key;
            _values[slot] = value;
            _count++;
            return true;
        }

        public bool Remove(ulong key)
        {
            var length = _keys.Length;
            var slot = Home(key, length);
            for (; _keys[slot] != key; slot = slot + 1 == length ? 0 : slot + 1)
            {
                if (_keys[slot] == 0)
                {
                    return false;
                }
            }

            // Backward shift: a later key of the run moves into the hole when its home slot is not between the hole and it.
            var hole = slot;
            for (var next = hole + 1 == length ? 0 : hole + 1; _keys[next] != 0; next = next + 1 == length ? 0 : next + 1)
            {
                var home = Home(_keys[next], length);
                var between = hole <= next ? home > hole && home <= next : home > hole || home <= next;
                if (!between)
                {
                    _keys[hole] = _keys[next];
                    _values[hole] = _values[next];
                    hole = next;
                }
            }

            _keys[hole] = 0;
            _values[hole] = 0;
            _count--;
            return true;
        }

        private void Grow()
        {
            var (keys, values) = (_keys, _values);
            var size = keys.Length + (keys.Length >> 1);
            _keys = new ulong[size];
            _values = new int[size];
            _count = 0;
            for (var i = 0; i < keys.Length; i++)
            {
                if (keys[i] != 0)
                {
                    Set(keys[i], values[i]);
                }
            }
        }
    }
}
