using System;
using System.Threading;

namespace MarketplaceLeads.LeadSources;

/// <summary>
/// Remembers the token positions of texts the views have parsed, so that a repeated text is a hash
/// and a compare instead of a tokenization — without ever allocating: keys live in one
/// preallocated byte arena and slots are structs, written under a per-slot sequence lock.
/// </summary>
/// <remarks>
/// A writer takes a slot by moving its version from even to odd (compare-and-swap; a busy slot is
/// skipped, never waited for), writes the key and tokens, and publishes by making the version even
/// again. A reader reads the version, the key and the tokens, then the version again after a full
/// fence; it uses what it read only if the version was even and unchanged, so a torn read is a miss,
/// never a wrong answer. Direct-mapped; the hash is seeded per process.
/// </remarks>
internal sealed class LeadSourceViewCache
{
    private readonly byte[] _keys;
    private readonly Slot[] _slots;
    private readonly int _keyBytes;
    private readonly int _mask;
    private readonly ulong _seed;

    public LeadSourceViewCache(int capacity, int keyBytes)
    {
        _keys = new byte[capacity * keyBytes];
        _slots = new Slot[capacity];
        _keyBytes = keyBytes;
        _mask = capacity - 1;
        _seed = (ulong)Random.Shared.NextInt64();
    }

    /// <summary>Gets the cache of UTF-8 view texts (512 slots of up to 128 bytes).</summary>
    public static LeadSourceViewCache Utf8 { get; } = new(512, AsciiLeadSourceTokenizer.MaxLength);

    /// <summary>Gets the cache of UTF-16 view texts, keyed by their raw UTF-16 bytes (512 slots of up to 256 bytes).</summary>
    public static LeadSourceViewCache Utf16 { get; } = new(512, AsciiLeadSourceTokenizer.MaxLength * 2);

    public bool TryGet(ReadOnlySpan<byte> key, out LeadSourceTokens tokens, out int index)
    {
        index = (int)LeadSourceCache.KeyHash(key, _seed) & _mask;
        if (key.Length > _keyBytes)
        {
            tokens = default;
            return false; // too long to cache
        }

        ref var slot = ref _slots[index];
        var before = Volatile.Read(ref slot.Version);
        var hit = before != 0 // 0: never written
            && (before & 1) == 0
            && slot.Length == key.Length
            && key.SequenceEqual(_keys.AsSpan(index * _keyBytes, key.Length));
        tokens = slot.Tokens;
        Interlocked.MemoryBarrier(); // the reads above happen before the version is read again
        if (hit && Volatile.Read(ref slot.Version) == before)
        {
            return true;
        }

        tokens = default;
        return false;
    }

    public void Add(ReadOnlySpan<byte> key, in LeadSourceTokens tokens, int index)
    {
        if (key.Length > _keyBytes)
        {
            return;
        }

        ref var slot = ref _slots[index];
        var version = Volatile.Read(ref slot.Version);
        if ((version & 1) != 0 || Interlocked.CompareExchange(ref slot.Version, version + 1, version) != version)
        {
            return; // another thread is writing this slot
        }

        slot.Length = key.Length;
        key.CopyTo(_keys.AsSpan(index * _keyBytes, _keyBytes));
        slot.Tokens = tokens;
        Volatile.Write(ref slot.Version, version + 2);
    }

    private struct Slot
    {
        public int Version;
        public int Length;
        public LeadSourceTokens Tokens;
    }
}
