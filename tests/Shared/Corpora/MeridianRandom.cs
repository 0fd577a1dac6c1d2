using System;
using System.Collections.Generic;
using System.Linq;

namespace MarketplaceLeads.Testing.Corpora;

/// <summary>Draws from a seeded <see cref="Random"/> (the corpus's only source of randomness).</summary>
internal static class MeridianRandom
{
    /// <summary>Returns true with the given probability.</summary>
    public static bool Chance(this Random random, double probability) => random.NextDouble() < probability;

    /// <summary>Picks an item uniformly.</summary>
    public static T Pick<T>(this Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];

    /// <summary>Picks an item by weight.</summary>
    public static T Weighted<T>(this Random random, IReadOnlyList<(T Item, int Weight)> items)
    {
        var total = 0;
        foreach (var (_, weight) in items)
        {
            total += weight;
        }

        var roll = random.Next(total);
        foreach (var (item, weight) in items)
        {
            if (roll < weight)
            {
                return item;
            }

            roll -= weight;
        }

        return items[^1].Item;
    }

    /// <summary>Picks a name by its frequency.</summary>
    public static MeridianName PickName(this Random random, IReadOnlyList<MeridianName> names) =>
        random.Weighted([.. names.Select(n => (n, n.Weight))]);

    /// <summary>Picks a name among the most frequent ones (for namesakes: common names are the ones people share).</summary>
    public static MeridianName PickCommonName(this Random random, IReadOnlyList<MeridianName> names)
    {
        var common = names.OrderByDescending(n => n.Weight).Take(Math.Max(3, names.Count / 4)).ToArray();
        return random.PickName(common);
    }
}
