using System;
using System.Buffers;
using System.Collections.Generic;
using System.IO.Hashing;
using System.Runtime.InteropServices;

namespace MarketplaceLeads.Deduplication;

/// <summary>
/// The blocking keys of one subject, collected from every strategy: each key is kept as its 64-bit
/// XXH3 hash, so keys cost the same whatever their length and a durable store can index them.
/// </summary>
/// <remarks>
/// The hash of a key text is fixed (XXH3-64 of its UTF-16 code units, seed 0) and stays the same
/// across versions and processes, so stores may persist it. A hash collision only adds a candidate
/// to compare; it never decides a match.
/// </remarks>
public sealed class BlockingKeys
{
    private const int StackLimit = 256;
    private readonly List<ulong> _hashes = new(8);

    // The strings and hash of the last Add(string, string), reused when the next names the same strings (forgotten on Clear).
    private string? _lastPrefix;
    private string? _lastValue;
    private ulong _lastHash;

    internal BlockingKeys()
    {
    }

    /// <summary>Gets the number of distinct keys.</summary>
    public int Count => _hashes.Count;

    /// <summary>Gets the key hashes, in the order they were first added.</summary>
    public IReadOnlyList<ulong> Hashes => _hashes;

    /// <summary>Computes the hash that <see cref="Add(ReadOnlySpan{char})"/> files a key text under.</summary>
    /// <param name="key">The key text.</param>
    /// <returns>The hash.</returns>
    public static ulong Hash(ReadOnlySpan<char> key) => XxHash3.HashToUInt64(MemoryMarshal.AsBytes(key));

    /// <summary>Adds a key; an empty key is ignored, a repeated one counted once.</summary>
    /// <param name="key">The key text.</param>
    public void Add(ReadOnlySpan<char> key)
    {
        if (!key.IsEmpty)
        {
            AddHash(Hash(key));
        }
    }

    /// <summary>Adds the key <c>prefix</c> + <c>'\0'</c> + <paramref name="value"/>; ignored when <paramref name="value"/> is empty (blanks never match).</summary>
    /// <param name="prefix">A prefix of the strategy's own, such as <c>"e"</c>.</param>
    /// <param name="value">The value (a <see langword="null"/> string converts to empty).</param>
    public void Add(ReadOnlySpan<char> prefix, ReadOnlySpan<char> value)
    {
        if (!value.IsEmpty)
        {
            AddJoined(prefix, value, default, parts: 1);
        }
    }

    /// <summary>Adds the key <c>prefix</c> + <c>'\0'</c> + <paramref name="value1"/> + <c>'\0'</c> + <paramref name="value2"/>; ignored when either value is empty (blanks never match).</summary>
    /// <param name="prefix">A prefix of the strategy's own, such as <c>"c"</c>.</param>
    /// <param name="value1">The first value.</param>
    /// <param name="value2">The second value.</param>
    public void Add(ReadOnlySpan<char> prefix, ReadOnlySpan<char> value1, ReadOnlySpan<char> value2)
    {
        if (!value1.IsEmpty && !value2.IsEmpty)
        {
            AddJoined(prefix, value1, value2, parts: 2);
        }
    }

    /// <summary>Drops the keys added after the first <paramref name="count"/>.</summary>
    internal void TrimTo(int count) => _hashes.RemoveRange(count, _hashes.Count - count);

    internal void Clear()
    {
        _hashes.Clear();
        _lastValue = null;
    }

    /// <summary>
    /// Adds the key <c>prefix</c> + <c>'\0'</c> + <paramref name="value"/> as <see cref="Add(ReadOnlySpan{char}, ReadOnlySpan{char})"/>
    /// does; the same two strings as the last call (strategies share some keys, such as the phone key) reuse its hash.
    /// </summary>
    internal void Add(string prefix, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return;
        }

        if (!ReferenceEquals(value, _lastValue) || !ReferenceEquals(prefix, _lastPrefix))
        {
            _lastHash = HashJoined(prefix, value, default, parts: 1);
            _lastPrefix = prefix;
            _lastValue = value;
        }

        AddHash(_lastHash);
    }

    /// <summary>The key hashes, in the order they were first added (valid until the keys change).</summary>
    internal ReadOnlySpan<ulong> AsSpan() => CollectionsMarshal.AsSpan(_hashes);

    private void AddJoined(ReadOnlySpan<char> prefix, ReadOnlySpan<char> value1, ReadOnlySpan<char> value2, int parts) =>
        AddHash(HashJoined(prefix, value1, value2, parts));

    private static ulong HashJoined(ReadOnlySpan<char> prefix, ReadOnlySpan<char> value1, ReadOnlySpan<char> value2, int parts)
    {
        var length = prefix.Length + 1 + value1.Length + (parts == 2 ? value2.Length + 1 : 0);
        char[]? rented = null;
        var buffer = length <= StackLimit ? stackalloc char[length] : (rented = ArrayPool<char>.Shared.Rent(length)).AsSpan(0, length);
        prefix.CopyTo(buffer);
        var at = prefix.Length;
        buffer[at++] = '\0';
        value1.CopyTo(buffer[at..]);
        at += value1.Length;
        if (parts == 2)
        {
            buffer[at++] = '\0';
            value2.CopyTo(buffer[at..]);
        }

        var hash = Hash(buffer);
        if (rented is not null)
        {
            ArrayPool<char>.Shared.Return(rented);
        }

        return hash;
    }

    private void AddHash(ulong hash)
    {
        // A handful of keys per subject: a plain scan, newest first (a repeat is usually the key just added).
        var hashes = CollectionsMarshal.AsSpan(_hashes);
        for (var i = hashes.Length - 1; i >= 0; i--)
        {
            if (hashes[i] == hash)
            {
                return;
            }
        }

        _hashes.Add(hash);
    }
}
