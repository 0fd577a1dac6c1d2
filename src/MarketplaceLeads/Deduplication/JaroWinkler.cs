using System;

namespace MarketplaceLeads.Deduplication;

/// <summary>
/// Jaro-Winkler similarity of two strings, ordinal, allocation-free (the match flags live on the
/// stack for strings of up to <see cref="MaxStackLength"/> characters, in a pooled array beyond).
/// </summary>
/// <remarks>
/// Jaro: matches are equal characters no further apart than <c>max(|a|, |b|) / 2 - 1</c>;
/// <c>J = (m/|a| + m/|b| + (m - t/2)/m) / 3</c>, with <c>t</c> the matched characters out of order.
/// Winkler adds <c>l · p · (1 - J)</c> for a common prefix of <c>l ≤ 4</c> characters, <c>p = 0.1</c>.
/// Both strings empty give 1; one empty gives 0. Callers normalise case first.
/// </remarks>
internal static class JaroWinkler
{
    public const int MaxStackLength = 256;
    private const double PrefixScale = 0.1;
    private const int MaxPrefix = 4;

    public static double Similarity(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        if (a.IsEmpty && b.IsEmpty)
        {
            return 1.0;
        }

        if (a.IsEmpty || b.IsEmpty)
        {
            return 0.0;
        }

        var jaro = Jaro(a, b);
        var prefix = 0;
        var limit = Math.Min(MaxPrefix, Math.Min(a.Length, b.Length));
        while (prefix < limit && a[prefix] == b[prefix])
        {
            prefix++;
        }

        return jaro + (prefix * PrefixScale * (1.0 - jaro));
    }

    private static double Jaro(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        var window = Math.Max(0, (Math.Max(a.Length, b.Length) / 2) - 1);
        bool[]? rentedA = null, rentedB = null;
        var matchedA = a.Length <= MaxStackLength ? stackalloc bool[a.Length] : (rentedA = System.Buffers.ArrayPool<bool>.Shared.Rent(a.Length)).AsSpan(0, a.Length);
        var matchedB = b.Length <= MaxStackLength ? stackalloc bool[b.Length] : (rentedB = System.Buffers.ArrayPool<bool>.Shared.Rent(b.Length)).AsSpan(0, b.Length);
        matchedA.Clear();
        matchedB.Clear();
        try
        {
            var matches = 0;
            for (var i = 0; i < a.Length; i++)
            {
                var from = Math.Max(0, i - window);
                var to = Math.Min(b.Length - 1, i + window);
                for (var j = from; j <= to; j++)
                {
                    if (!matchedB[j] && a[i] == b[j])
                    {
                        matchedA[i] = true;
                        matchedB[j] = true;
                        matches++;
                        break;
                    }
                }
            }

            if (matches == 0)
            {
                return 0.0;
            }

            var transpositions = 0;
            var k = 0;
            for (var i = 0; i < a.Length; i++)
            {
                if (!matchedA[i])
                {
                    continue;
                }

                while (!matchedB[k])
                {
                    k++;
                }

                if (a[i] != b[k])
                {
                    transpositions++;
                }

                k++;
            }

            double m = matches;
            return ((m / a.Length) + (m / b.Length) + ((m - (transpositions / 2.0)) / m)) / 3.0;
        }
        finally
        {
            if (rentedA is not null)
            {
                System.Buffers.ArrayPool<bool>.Shared.Return(rentedA);
            }

            if (rentedB is not null)
            {
                System.Buffers.ArrayPool<bool>.Shared.Return(rentedB);
            }
        }
    }
}
