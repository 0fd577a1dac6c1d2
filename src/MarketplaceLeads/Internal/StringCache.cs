using System;
using System.Text.Unicode;
using System.Threading;

namespace MarketplaceLeads.Internal;

/// <summary>
/// A bounded, thread-safe, lock-free intern cache for the short strings that repeat across leads
/// (publisher ids, offer ids, unknown source and action texts). A hit returns the cached instance
/// and allocates nothing; a miss allocates the string once and remembers it.
/// </summary>
/// <remarks>
/// Two-way set-associative over a fixed array of slots: memory is bounded by
/// <c>capacity × <see cref="MaxLength"/></c> characters whatever the input. Races between threads are
/// benign: slots hold immutable strings and are read and written atomically, so the worst case is a
/// redundant allocation, never a wrong answer.
/// </remarks>
internal sealed class StringCache
{
    /// <summary>Texts longer than this are not cached (they are allocated every time).</summary>
    public const int MaxLength = 128;

    private readonly string?[] _slots;
    private readonly int _mask;

    public StringCache(int capacity)
    {
        if (capacity < 2 || (capacity & (capacity - 1)) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "The capacity must be a power of two of at least 2.");
        }

        _slots = new string?[capacity];
        _mask = capacity - 1;
    }

    /// <summary>The cache shared by the parsers: 4,096 slots, at most 1 MiB of text.</summary>
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

        var slots = _slots;
        var first = string.GetHashCode(text) & _mask;
        var second = first ^ 1;
        var candidate = Volatile.Read(ref slots[first]);
        if (candidate is not null && text.SequenceEqual(candidate))
        {
            return candidate;
        }

        var other = Volatile.Read(ref slots[second]);
        if (other is not null && text.SequenceEqual(other))
        {
            return other;
        }

        // Miss: the newest string takes the first slot and the one it displaces moves to the second,
        // so two strings that share a set can both stay hot.
        var created = text.ToString();
        if (candidate is not null)
        {
            Volatile.Write(ref slots[second], candidate);
        }

        Volatile.Write(ref slots[first], created);
        return created;
    }

    /// <summary>Returns the cached string for valid UTF-8 text.</summary>
    public string GetOrAdd(ReadOnlySpan<byte> utf8Text)
    {
        if (utf8Text.Length > MaxLength)
        {
            return System.Text.Encoding.UTF8.GetString(utf8Text);
        }

        // UTF-8 never needs more UTF-16 code units than it has bytes.
        Span<char> buffer = stackalloc char[MaxLength];
        Utf8.ToUtf16(utf8Text, buffer, out _, out var written, replaceInvalidSequences: true);
        return GetOrAdd(buffer[..written]);
    }
}
