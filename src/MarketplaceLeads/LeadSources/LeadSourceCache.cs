using System;
using System.Threading;
using MarketplaceLeads.Internal;

namespace MarketplaceLeads.LeadSources;

/// <summary>
/// Remembers whole parsed <see cref="LeadSource"/> values by their exact text, so that the
/// texts that repeat across leads (a publisher has few offers and five actions) are parsed once:
/// a hit costs one hash and one compare of the text.
/// </summary>
/// <remarks>
/// Bounded like <see cref="StringCache"/> (fixed slots, texts of at most
/// <see cref="AsciiLeadSourceTokenizer.MaxLength"/> bytes, two-way sets, seeded hash), lock-free and
/// thread-safe: entries are immutable and slots are replaced atomically. Only successful parses are
/// cached, so a hit is always a valid <see cref="LeadSource"/> of exactly that text.
/// </remarks>
internal sealed class LeadSourceCache
{
    private readonly Entry?[] _slots;
    private readonly int _mask;
    private readonly ulong _seed;

    public LeadSourceCache(int capacity)
    {
        _slots = new Entry?[capacity];
        _mask = capacity - 1;
        _seed = (ulong)Random.Shared.NextInt64();
    }

    /// <summary>Gets the cache shared by <see cref="LeadSource"/>'s parsers, keyed by ASCII text: 1,024 slots (at most 128 KiB of text).</summary>
    public static LeadSourceCache Shared { get; } = new(1024);

    /// <summary>Gets the cache of UTF-16 texts, keyed by their raw UTF-16 bytes so that a hit needs no narrowing: 1,024 slots (at most 256 KiB).</summary>
    public static LeadSourceCache SharedUtf16 { get; } = new(1024);

    public bool TryGet(ReadOnlySpan<byte> ascii, out LeadSource value, out int slot)
    {
        var slots = _slots;
        slot = (int)KeyHash(ascii, _seed) & _mask;
        var entry = Volatile.Read(ref slots[slot]);
        if (entry is not null && ascii.SequenceEqual(entry.Text))
        {
            value = entry.Value;
            return true;
        }

        entry = Volatile.Read(ref slots[slot ^ 1]);
        if (entry is not null && ascii.SequenceEqual(entry.Text))
        {
            value = entry.Value;
            return true;
        }

        value = default;
        return false;
    }

    /// <summary>
    /// A cheap hash of a key: its length and its first and last 16 bytes. Texts that differ only in
    /// the middle share a slot pair and evict each other, which costs a re-parse, never a wrong value
    /// (a hit compares the whole text).
    /// </summary>
    internal static ulong KeyHash(ReadOnlySpan<byte> key, ulong seed)
    {
        if (key.Length < 16)
        {
            return StringCache.Hash(key, seed);
        }

        var hash = seed ^ ((ulong)key.Length * 0x9E3779B97F4A7C15UL);
        hash = Mix(hash ^ System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(key));
        hash = Mix(hash ^ System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(key[8..]));
        hash = Mix(hash ^ System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(key[^16..]));
        hash = Mix(hash ^ System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(key[^8..]));
        return hash ^ (hash >> 29);
    }

    private static ulong Mix(ulong value)
    {
        value *= 0xBF58476D1CE4E5B9UL;
        return (value ^ (value >> 31)) * 0x94D049BB133111EBUL;
    }

    public void Add(ReadOnlySpan<byte> ascii, LeadSource value, int slot)
    {
        var slots = _slots;
        var displaced = Volatile.Read(ref slots[slot]);
        if (displaced is not null)
        {
            Volatile.Write(ref slots[slot ^ 1], displaced);
        }

        Volatile.Write(ref slots[slot], new Entry(ascii.ToArray(), value));
    }

    private sealed class Entry
    {
        public Entry(byte[] text, LeadSource value)
        {
            Text = text;
            Value = value;
        }

        public byte[] Text { get; }

        public LeadSource Value { get; }
    }
}
