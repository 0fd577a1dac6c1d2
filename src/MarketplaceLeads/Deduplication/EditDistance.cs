using System;

namespace MarketplaceLeads.Deduplication;

/// <summary>
/// Optimal-string-alignment distance (insertions, deletions, substitutions and adjacent transpositions,
/// each costing one), ordinal and allocation-free for names: rows live on the stack up to
/// <see cref="MaxStackLength"/> characters.
/// </summary>
internal static class EditDistance
{
    public const int MaxStackLength = 64;

    /// <summary>Gets a value indicating whether <paramref name="a"/> becomes <paramref name="b"/> in at most <paramref name="limit"/> edits.</summary>
    public static bool AtMost(ReadOnlySpan<char> a, ReadOnlySpan<char> b, int limit)
    {
        if (Math.Abs(a.Length - b.Length) > limit)
        {
            return false;
        }

        if (b.Length > MaxStackLength)
        {
            return false; // not a name: never a typo
        }

        Span<int> before = stackalloc int[b.Length + 1];
        Span<int> previous = stackalloc int[b.Length + 1];
        Span<int> current = stackalloc int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            var rowMinimum = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var value = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    value = Math.Min(value, before[j - 2] + 1);
                }

                current[j] = value;
                rowMinimum = Math.Min(rowMinimum, value);
            }

            if (rowMinimum > limit)
            {
                return false;
            }

            var spare = before;
            before = previous;
            previous = current;
            current = spare;
        }

        return previous[b.Length] <= limit;
    }
}
