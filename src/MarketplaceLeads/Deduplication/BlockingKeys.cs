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

    /// <summary>Adds the key <c>prefix</c> + <c>'\0'</c> + each part joined by <c>'\0'</c>; ignored when any part is <see langword="null"/> or empty (blanks never match).</summary>
    /// <param name="prefix">A prefix of the strategy's own, such as <c>"e"</c>.</param>
    /// <param name="part1">The first part.</param>
    /// <param name="part2">An optional second part.</param>
    public void Add(string prefix, string? part1, string? part2 = null)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        if (string.IsNullOrEmpty(part1) || part2 is { Length: 0 })
        {
            return;
        }

        var length = prefix.Length + 1 + part1.Length + (part2 is null ? 0 : part2.Length + 1);
        char[]? rented = null;
        var buffer = length <= StackLimit ? stackalloc char[length] : (rented = ArrayPool<char>.Shared.Rent(length)).AsSpan(0, length);
        prefix.CopyTo(buffer);
        var at = prefix.Length;
        buffer[at++] = '\0';
        part1.CopyTo(buffer[at..]);
        at += part1.Length;
        if (part2 is not null)
        {
            buffer[at++] = '\0';
            part2.CopyTo(buffer[at..]);
        }

        AddHash(Hash(buffer));
        if (rented is not null)
        {
            ArrayPool<char>.Shared.Return(rented);
        }
    }

    internal void Clear() => _hashes.Clear();

    private void AddHash(ulong hash)
    {
        if (!_hashes.Contains(hash))
        {
            _hashes.Add(hash);
        }
    }
}
