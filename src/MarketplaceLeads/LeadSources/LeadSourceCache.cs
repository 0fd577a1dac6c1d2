using System;
using System.Buffers.Binary;
using System.Threading;
using MarketplaceLeads.Internal;

namespace MarketplaceLeads.LeadSources;

/// <summary>
/// Remembers parsed <see cref="LeadSource"/> values by their exact text, so that the texts that
/// repeat across leads (a publisher has few offers and five actions) are parsed once: a hit is one
/// hash and one compare, and neither a hit nor an insert allocates.
/// </summary>
/// <remarks>
/// <para>
/// Bounded: fixed slots in pairs (two-way sets), keys in one preallocated arena, a hash seeded per
/// process. A text is cached the second time it is parsed (a table of the hashes of texts seen
/// once admits it), so texts that never repeat, such as every test lead's
/// <c>MSFT_TEST_&lt;ticks&gt;</c>, neither evict the texts that do nor pay for an insert. That
/// table is two-way too, four entries per slot, and forgets a text once admitted: two texts whose
/// hashes meet in it are both admitted (with one entry each, they took turns overwriting each other
/// and neither was ever cached).
/// </para>
/// <para>
/// Thread-safe without locks: a writer takes a slot by moving its version from even to odd
/// (compare-and-swap; a busy slot is skipped, never waited for), writes the key and the value, and
/// publishes by making the version even again. A reader compares the key, reads the value, then
/// reads the version again after a full fence, and uses what it read only if the version was even
/// and unchanged, so a torn read is a miss, never a wrong value. Only successful parses are added.
/// </para>
/// </remarks>
internal sealed class LeadSourceCache
{
    /// <summary>The longest text cached, in characters or bytes (a real <c>LeadSource</c> is under 100).</summary>
    public const int MaxLength = 128;

    private readonly byte[] _keys;
    private readonly Slot[] _slots;
    private readonly ulong[] _seen;
    private readonly byte[] _seenVictim;
    private readonly int _keyBytes;
    private readonly int _mask;
    private readonly int _seenMask;
    private readonly ulong _seed;

    public LeadSourceCache(int capacity, int keyBytes)
    {
        _keys = new byte[capacity * keyBytes];
        _slots = new Slot[capacity];
        _seen = new ulong[capacity * 4];
        _seenVictim = new byte[capacity * 2];
        _keyBytes = keyBytes;
        _mask = capacity - 1;
        _seenMask = _seen.Length - 1;
        _seed = (ulong)Random.Shared.NextInt64();
    }

    /// <summary>Gets the cache of UTF-8 texts: 1,024 slots, 128 KiB of keys.</summary>
    public static LeadSourceCache Utf8 { get; } = new(1024, MaxLength);

    /// <summary>Gets the cache of UTF-16 texts, keyed by their UTF-16 bytes so that a hit needs no narrowing: 1,024 slots, 256 KiB of keys.</summary>
    public static LeadSourceCache Utf16 { get; } = new(1024, MaxLength * sizeof(char));

    /// <summary>Looks a text up; <paramref name="hash"/> is for <see cref="Add"/> after a miss.</summary>
    public bool TryGet(ReadOnlySpan<byte> key, out LeadSource value, out ulong hash)
    {
        hash = Hash(key, _seed);
        var pair = (int)hash & _mask & ~1;
        if (key.Length > _keyBytes)
        {
            value = default;
            return false;
        }

        return TryRead(pair, key, out value) || TryRead(pair + 1, key, out value);
    }

    /// <summary>
    /// Adds a parsed text the second time it is seen: to an empty slot of its pair, else to the
    /// second one (so a text that repeats keeps the first slot however many pass through the second).
    /// </summary>
    public void Add(ReadOnlySpan<byte> key, in LeadSource value, ulong hash)
    {
        // First sight: remembered in one entry of the hash's pair (taking turns), not cached. Races only lose a sighting.
        var seen = (int)(hash >> 32) & _seenMask & ~1;
        if (_seen[seen] == hash || _seen[seen + 1] == hash)
        {
            _seen[_seen[seen] == hash ? seen : seen + 1] = 0; // admitted: its entry is free for another text
        }
        else
        {
            ref var victim = ref _seenVictim[seen >> 1];
            _seen[seen + victim] = hash;
            victim ^= 1;
            return;
        }

        if (key.Length > _keyBytes)
        {
            return;
        }

        var pair = (int)hash & _mask & ~1;
        var index = Volatile.Read(ref _slots[pair].Version) == 0 ? pair : pair + 1;
        ref var slot = ref _slots[index];
        var version = Volatile.Read(ref slot.Version);
        if ((version & 1) != 0 || Interlocked.CompareExchange(ref slot.Version, version + 1, version) != version)
        {
            return; // another thread is writing this slot
        }

        slot.Length = key.Length;
        key.CopyTo(_keys.AsSpan(index * _keyBytes, _keyBytes));
        slot.Value = value;
        Volatile.Write(ref slot.Version, version + 2);
    }

    private bool TryRead(int index, ReadOnlySpan<byte> key, out LeadSource value)
    {
        ref var slot = ref _slots[index];
        var before = Volatile.Read(ref slot.Version);
        if (before == 0 // never written
            || (before & 1) != 0
            || slot.Length != key.Length
            || !key.SequenceEqual(_keys.AsSpan(index * _keyBytes, key.Length)))
        {
            value = default;
            return false;
        }

        value = slot.Value;
        Interlocked.MemoryBarrier(); // the reads above happen before the version is read again
        if (Volatile.Read(ref slot.Version) == before)
        {
            return true;
        }

        value = default;
        return false;
    }

    /// <summary>
    /// A cheap hash of a key: its length and its first and last 16 bytes. Texts that differ only in
    /// the middle share a pair and evict each other, which costs a re-parse, never a wrong value (a
    /// hit compares the whole text).
    /// </summary>
    private static ulong Hash(ReadOnlySpan<byte> key, ulong seed)
    {
        if (key.Length < 16)
        {
            return StringCache.Hash(key, seed);
        }

        var hash = seed ^ ((ulong)key.Length * 0x9E3779B97F4A7C15UL);
        hash = Mix(hash ^ BinaryPrimitives.ReadUInt64LittleEndian(key));
        hash = Mix(hash ^ BinaryPrimitives.ReadUInt64LittleEndian(key[8..]));
        hash = Mix(hash ^ BinaryPrimitives.ReadUInt64LittleEndian(key[^16..]));
        hash = Mix(hash ^ BinaryPrimitives.ReadUInt64LittleEndian(key[^8..]));
        return hash ^ (hash >> 29);
    }

    private static ulong Mix(ulong value)
    {
        value *= 0xBF58476D1CE4E5B9UL;
        return (value ^ (value >> 31)) * 0x94D049BB133111EBUL;
    }

    private struct Slot
    {
        public int Version;
        public int Length;
        public LeadSource Value;
    }
}
