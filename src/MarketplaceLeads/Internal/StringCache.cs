using System;
using System.IO.Hashing;
using System.Text;
using System.Text.Unicode;
using System.Threading;

namespace MarketplaceLeads.Internal;

/// <summary>
/// A bounded, thread-safe, lock-free intern cache for the short strings that repeat across leads
/// (publisher ids, offer ids, unknown source and action texts, countries), keyed by their UTF-8
/// bytes. A hit returns the cached instance and allocates nothing; a miss allocates the string once
/// and remembers it. UTF-16 and UTF-8 lookups of the same text return the same instance.
/// </summary>
/// <remarks>
/// Two-way set-associative over a fixed array of slots: memory is bounded by
/// <c>capacity × <see cref="MaxLength"/></c> bytes of text whatever the input. The hash is XXH3 over
/// the whole text, seeded per process so that crafted input cannot aim at one set.
/// Races between threads are benign: slots hold immutable entries and are read and written
/// atomically, so the worst case is a redundant allocation, never a wrong answer.
/// </remarks>
internal sealed class StringCache
{
    /// <summary>Texts longer than this many UTF-8 bytes are not cached (they are allocated every time).</summary>
    public const int MaxLength = 128;

    private readonly Entry?[] _slots;
    private readonly int _mask;
    private readonly ulong _seed;

    public StringCache(int capacity)
    {
        if (capacity < 2 || (capacity & (capacity - 1)) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "The capacity must be a power of two of at least 2.");
        }

        _slots = new Entry?[capacity];
        _mask = capacity - 1;
        _seed = (ulong)Random.Shared.NextInt64();
    }

    /// <summary>Gets the cache shared by the parsers: 4,096 slots, at most 512 KiB of text.</summary>
    public static StringCache Shared { get; } = new(4096);

    /// <summary>Gets the number of occupied slots (for tests and diagnostics).</summary>
    public int Count
    {
        get
        {
            var count = 0;
            foreach (var slot in _slots)
            {
                count += slot is null ? 0 : 1;
            }

            return count;
        }
    }

    /// <summary>Returns the cached string for UTF-16 text.</summary>
    public string GetOrAdd(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty)
        {
            return string.Empty;
        }

        if (text.Length > MaxLength)
        {
            return text.ToString();
        }

        Span<byte> utf8 = stackalloc byte[MaxLength * 3];
        if (Utf8.FromUtf16(text, utf8, out _, out var written, replaceInvalidSequences: false) != System.Buffers.OperationStatus.Done
            || written > MaxLength)
        {
            return text.ToString(); // lone surrogates are kept exactly, uncached
        }

        return GetOrAdd(utf8[..written]);
    }

    /// <summary>Returns the cached string for valid UTF-8 text.</summary>
    public string GetOrAdd(ReadOnlySpan<byte> utf8Text)
    {
        if (utf8Text.IsEmpty)
        {
            return string.Empty;
        }

        if (utf8Text.Length > MaxLength)
        {
            return Encoding.UTF8.GetString(utf8Text);
        }

        var slots = _slots;
        var first = (int)Hash(utf8Text, _seed) & _mask;
        var second = first ^ 1;
        var candidate = Volatile.Read(ref slots[first]);
        if (candidate is not null && utf8Text.SequenceEqual(candidate.Utf8))
        {
            return candidate.Value;
        }

        var other = Volatile.Read(ref slots[second]);
        if (other is not null && utf8Text.SequenceEqual(other.Utf8))
        {
            return other.Value;
        }

        // Miss: the newest entry takes the first slot and the one it displaces moves to the second,
        // so two texts that share a set can both stay hot.
        var created = new Entry(utf8Text.ToArray(), Encoding.UTF8.GetString(utf8Text));
        if (candidate is not null)
        {
            Volatile.Write(ref slots[second], candidate);
        }

        Volatile.Write(ref slots[first], created);
        return created.Value;
    }

    /// <summary>XXH3 (64 bits) of the whole text, seeded: a few independent multiplies for the short texts cached here, where a word-by-word chain took several times as long.</summary>
    internal static ulong Hash(ReadOnlySpan<byte> data, ulong seed) => XxHash3.HashToUInt64(data, unchecked((long)seed));

    private sealed class Entry
    {
        public Entry(byte[] utf8, string value)
        {
            Utf8 = utf8;
            Value = value;
        }

        public byte[] Utf8 { get; }

        public string Value { get; }
    }
}
