using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using FsCheck.Xunit;
using MarketplaceLeads.Deduplication;
using static MarketplaceLeads.Testing.TestLeads;

namespace MarketplaceLeads.Tests;

/// <summary>
/// A profile grown lead by lead shares its lead array with the versions made from it (issue #18: one person's 40,000
/// leads allocated 177 KB a lead, each version copying every lead before it). Every version must still see exactly its
/// own leads, however versions branch.
/// </summary>
public class CustomerProfileGrowthTests
{
    /// <summary>
    /// Versions made from any earlier version, each by one lead (mostly the latest, sometimes an earlier one): each has its
    /// parent's leads plus its own in time order, and no version sees a lead added to another — two versions made from one
    /// profile must not share the slot after its leads.
    /// </summary>
    [Property(MaxTest = 300)]
    public bool Versions_MadeFromAnyVersion_KeepTheirOwnLeads((byte Parent, sbyte Minutes)[] steps)
    {
        var rules = new SurvivorshipRules();
        var first = Make("Ada", "Lovelace", email: "ada@analytical.example", minutes: 0);
        var versions = new List<(CustomerProfile Profile, List<Lead> Expected)> { (CustomerProfile.Create(first, rules, null), [first]) };
        for (var i = 0; i < steps.Length; i++)
        {
            var (parentIndex, minutes) = steps[i];
            var (parent, expected) = versions[parentIndex % versions.Count];
            var lead = Make("Ada", "Lovelace", email: "ada@analytical.example", minutes: 100 + i + (minutes < -100 ? minutes : 0)) with { Id = LeadId.FromKey("growth", i.ToString(CultureInfo.InvariantCulture)) };
            var child = parent.With(lead, [], rules);
            var childExpected = expected.Append(lead).OrderBy(l => l, LeadOrder.Instance).ToList();
            versions.Add((child, childExpected));
        }

        return versions.All(v => v.Profile.Leads.SequenceEqual(v.Expected)
            && v.Profile.Leads.Count == v.Expected.Count
            && v.Profile.LastSeen == LeadOrder.TimeOf(v.Expected[^1])
            && v.Profile.ToString().Contains($"Leads = {v.Expected.Count},", StringComparison.Ordinal));
    }

    [Fact]
    public void AddingALeadToALargeProfile_CostsWhatAddingToASmallOneDoes()
    {
        var rules = new SurvivorshipRules();
        var profile = CustomerProfile.Create(Make("Ada", "Lovelace", email: "ada@analytical.example", minutes: 0), rules, null);
        var leads = Enumerable.Range(1, 22_000).Select(i => Make("Ada", "Lovelace", email: "ada@analytical.example", minutes: i)).ToArray();

        long Grow(int from, int to)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var i = from; i < to; i++)
            {
                profile = profile.With(leads[i], [], rules);
            }

            return (GC.GetAllocatedBytesForCurrentThread() - before) / (to - from);
        }

        Grow(0, 1_000); // warm
        var small = Grow(1_000, 2_000);
        Grow(2_000, 20_000);
        var large = Grow(20_000, 22_000);

        Assert.Equal(22_001, profile.Leads.Count);
        Assert.True(profile.Leads.SequenceEqual(profile.Leads.OrderBy(l => l, LeadOrder.Instance)));

        // A copy of the 20,000 leads before it would be 160 KB a lead; growing the shared array by doubling is some 16 B.
        Assert.True(large < 4 * 1024, $"adding a lead to a profile of 20,000 allocated {large:N0} B (to one of 1,000: {small:N0} B)");
        Assert.True(large <= small + 1024, $"adding a lead to a profile of 20,000 allocated {large:N0} B, to one of 1,000 {small:N0} B");
    }
}
