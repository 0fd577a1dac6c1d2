using System;
using System.Collections.Generic;

namespace MarketplaceLeads.Testing.Fuzzing;

/// <summary>
/// A small, fast, deterministic random generator (xoshiro256**, seeded through SplitMix64) whose sequence depends only
/// on its seed, never on the .NET version: the same seed and iteration give the same input on every machine.
/// </summary>
internal sealed class FuzzRandom
{
    private ulong _s0;
    private ulong _s1;
    private ulong _s2;
    private ulong _s3;

    public FuzzRandom(ulong seed)
    {
        var state = seed;
        _s0 = SplitMix(ref state);
        _s1 = SplitMix(ref state);
        _s2 = SplitMix(ref state);
        _s3 = SplitMix(ref state);
    }

    /// <summary>Combines two values into one seed (for "the seed of iteration i of target t").</summary>
    public static ulong Mix(ulong a, ulong b)
    {
        var state = a ^ (b * 0x9E3779B97F4A7C15UL);
        return SplitMix(ref state) ^ SplitMix(ref state);
    }

    /// <summary>Hashes a name (FNV-1a, 64-bit) so that each target draws its own sequence from one seed.</summary>
    public static ulong Hash(string name)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in name)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return hash;
    }

    /// <summary>Hashes bytes (FNV-1a, 64-bit), to derive per-input choices (such as chunk sizes) from the input alone.</summary>
    public static ulong Hash(ReadOnlySpan<byte> data)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in data)
        {
            hash = (hash ^ b) * 1099511628211UL;
        }

        return hash;
    }

    public ulong NextUInt64()
    {
        var result = RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Returns a value in [0, <paramref name="maxExclusive"/>).</summary>
    public int Next(int maxExclusive)
    {
        if (maxExclusive <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(maxExclusive), maxExclusive, "must be positive");
        }

        return (int)((NextUInt64() >> 1) % (ulong)maxExclusive);
    }

    /// <summary>Returns a value in [<paramref name="minInclusive"/>, <paramref name="maxExclusive"/>).</summary>
    public int Next(int minInclusive, int maxExclusive) => minInclusive + Next(maxExclusive - minInclusive);

    /// <summary>Returns <see langword="true"/> with the given probability in percent.</summary>
    public bool Chance(int percent) => Next(100) < percent;

    public T Pick<T>(IReadOnlyList<T> items) => items[Next(items.Count)];

    /// <summary>Returns a length skewed towards small values (1, 2, 4, … up to <paramref name="max"/>), as most interesting edits are small.</summary>
    public int SmallLength(int max)
    {
        var limit = 1 << Next(1, 1 + Math.Max(1, (int)Math.Log2(Math.Max(2, max)) + 1));
        return Math.Max(1, Math.Min(max, Next(1, limit + 1)));
    }

    private static ulong SplitMix(ref ulong state)
    {
        var z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    private static ulong RotateLeft(ulong x, int k) => (x << k) | (x >> (64 - k));
}
