using System;
using System.Collections.Frozen;
using System.Collections.Generic;

namespace MarketplaceLeads.Deduplication;

/// <summary>The shared plumbing of the name tables (<see cref="Nicknames"/>, <see cref="FamilyNames"/>): a name that belongs to several groups.</summary>
internal static class NameGroups
{
    /// <summary>Adds <paramref name="group"/> to the groups of <paramref name="name"/> (once).</summary>
    public static void Add<T>(Dictionary<string, List<T>> map, string name, T group)
    {
        if (!map.TryGetValue(name, out var groups))
        {
            map[name] = groups = [];
        }

        if (!groups.Contains(group))
        {
            groups.Add(group);
        }
    }

    /// <summary>Freezes a table of names to the groups each belongs to.</summary>
    public static FrozenDictionary<string, T[]> Freeze<T>(Dictionary<string, List<T>> map)
    {
        var result = new Dictionary<string, T[]>(map.Count, StringComparer.Ordinal);
        foreach (var (name, groups) in map)
        {
            result[name] = [.. groups];
        }

        return result.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>Whether two names' group lists share a group.</summary>
    public static bool ShareAGroup<T>(T[] one, T[] other)
    {
        foreach (var group in one)
        {
            if (Array.IndexOf(other, group) >= 0)
            {
                return true;
            }
        }

        return false;
    }
}
