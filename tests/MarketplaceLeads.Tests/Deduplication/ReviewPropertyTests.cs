using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using MarketplaceLeads.Deduplication;
using MarketplaceLeads.Sqlite;
using MarketplaceLeads.Testing.Corpora;
using Microsoft.Extensions.Time.Testing;

namespace MarketplaceLeads.Tests;

/// <summary>
/// Random corpora with random review decisions (accept, reject, split — valid ones and mistakes) between the leads: every
/// lead stays in exactly one profile, kept-apart profiles are never merged nor raised, profiles equal what their leads
/// rebuild, and the in-memory and SQLite stores agree on everything, explanations and the review log included.
/// </summary>
public class ReviewPropertyTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    [Property(MaxTest = 20)]
    public Property RandomReviews_KeepTheInvariants_AndBothStoresAgree() =>
        Prop.ForAll(
            Gen.Choose(0, 1_000_000).ToArbitrary(),
            seed => Run(seed).GetAwaiter().GetResult());

    private static async Task<bool> Run(int seed)
    {
        var trace = new List<string>();
        try
        {
            return await Run(seed, trace);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            throw new InvalidOperationException($"Seed {seed}, after: {string.Join("; ", trace.TakeLast(12))}: {ex.Message}", ex);
        }
    }

    private static async Task<bool> Run(int seed, List<string> trace)
    {
        var random = new Random(seed);
        var leads = new AtlanticCorpus().Generate(24, seed).Select(l => l.Lead).ToList();
        var clock = new FakeTimeProvider(Start);
        using var memory = new LeadDeduplicator(null, null, clock);
        using var database = new SqliteLeadDatabase(new SqliteLeadsOptions { ConnectionString = "Data Source=:memory:", Durability = SqliteDurability.Normal });
        using var durable = new LeadDeduplicator(null, database.CreateDeduplicationStore(), clock);
        var model = new Model();
        var added = new HashSet<LeadId>();
        foreach (var lead in leads)
        {
            var expected = await memory.AddAsync(lead);
            var actual = await durable.AddAsync(lead);
            trace.Add($"add {lead.Id}: {expected.Outcome} {expected.Profile.Id} / {actual.Outcome} {actual.Profile.Id}");
            Assert.Equal(expected.Outcome, actual.Outcome);
            Assert.Equal(expected.Profile.Id, actual.Profile.Id);
            Assert.Equal(expected.MergedProfiles, actual.MergedProfiles);
            Assert.Equal(expected.PossibleDuplicates.OrderBy(p => p.First).ThenBy(p => p.Second), actual.PossibleDuplicates.OrderBy(p => p.First).ThenBy(p => p.Second)); // in the order candidates came
            model.Merge(expected.MergedProfiles, expected.Profile.Id);
            added.Add(lead.Id);
            if (random.Next(3) == 0)
            {
                await ReviewStep(random, memory, durable, model, trace);
                clock.Advance(TimeSpan.FromMinutes(1));
                await Check(memory, durable, model, added);
            }
        }

        for (var i = 0; i < 6; i++)
        {
            await ReviewStep(random, memory, durable, model, trace);
        }

        await Check(memory, durable, model, added);
        return true;
    }

    /// <summary>Takes one random review decision on both de-duplicators: they must both succeed alike or both fail alike.</summary>
    private static async Task ReviewStep(Random random, LeadDeduplicator memory, LeadDeduplicator durable, Model model, List<string> trace)
    {
        var profiles = (await memory.Store.GetProfilesAsync().ToListAsync()).OrderBy(p => p.Id).ToList();
        var queue = await memory.GetReviewQueueAsync();
        var reviewer = random.Next(2) == 0 ? null : "reviewer" + random.Next(3);
        var comment = random.Next(2) == 0 ? null : "comment " + random.Next(100);
        (CustomerProfileId, CustomerProfileId) PickPair()
        {
            if (queue.Count > 0 && random.Next(3) != 0)
            {
                var item = queue[random.Next(queue.Count)];
                return (item.Pair.First, item.Pair.Second);
            }

            return (profiles[random.Next(profiles.Count)].Id, profiles[random.Next(profiles.Count)].Id);
        }

        Func<LeadDeduplicator, ValueTask<ReviewResult>> review;
        var kind = (ReviewKind)random.Next(3);
        switch (kind)
        {
            case ReviewKind.Accept:
                {
                    var (first, second) = PickPair();
                    review = d => d.AcceptAsync(first, second, reviewer, comment);
                    break;
                }

            case ReviewKind.Reject:
                {
                    var (first, second) = PickPair();
                    review = d => d.RejectAsync(first, second, reviewer, comment);
                    break;
                }

            default:
                {
                    var several = profiles.Where(p => p.Leads.Count > 1).ToList();
                    var profile = several.Count > 0 ? several[random.Next(several.Count)] : profiles[random.Next(profiles.Count)];
                    var moved = profile.Leads.Where(_ => random.Next(2) == 0).Select(l => l.Id).ToList();
                    if (random.Next(8) == 0)
                    {
                        moved.Add(profiles[random.Next(profiles.Count)].Leads[0].Id); // now and then a lead of another profile
                    }

                    review = d => d.SplitAsync(profile.Id, moved, reviewer, comment);
                    break;
                }
        }

        var (expected, expectedError) = await Try(review, memory);
        var (actual, actualError) = await Try(review, durable);
        trace.Add($"{kind}: {(expected is null ? expectedError!.Message : Describe(expected.Action))}");
        Assert.Equal(expectedError?.GetType(), actualError?.GetType());
        Assert.Equal(expectedError?.Message, actualError?.Message);
        if (expected is null)
        {
            return;
        }

        Assert.NotNull(actual);
        Assert.Equal(Describe(expected.Action), Describe(actual.Action));
        Assert.Equal(expected.RemovedProfiles, actual.RemovedProfiles);
        Assert.Equal(expected.Profiles.Select(Describe), actual.Profiles.Select(Describe));
        if (kind == ReviewKind.Accept)
        {
            model.Merge(expected.RemovedProfiles, expected.Action.First);
        }
        else
        {
            model.KeepApart(expected.Action.First, expected.Action.Second);
        }
    }

    private static async Task<(ReviewResult? Result, Exception? Error)> Try(Func<LeadDeduplicator, ValueTask<ReviewResult>> review, LeadDeduplicator deduplicator)
    {
        try
        {
            return (await review(deduplicator), null);
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
        {
            return (null, ex);
        }
    }

    private static async Task Check(LeadDeduplicator memory, LeadDeduplicator durable, Model model, HashSet<LeadId> added)
    {
        var profiles = (await memory.Store.GetProfilesAsync().ToListAsync()).OrderBy(p => p.Id).ToList();
        var ids = profiles.Select(p => p.Id).ToHashSet();

        // Every lead in exactly one profile; a profile's id is one of its leads'; its values are what its leads rebuild.
        var inProfiles = profiles.SelectMany(p => p.Leads.Select(l => l.Id)).ToList();
        Assert.Equal(inProfiles.Count, inProfiles.Distinct().Count());
        Assert.True(added.SetEquals(inProfiles));
        var rules = new SurvivorshipRules();
        foreach (var profile in profiles)
        {
            Assert.Contains(profile.Leads, l => l.Id == profile.Id.FirstLeadId);
            var rebuilt = new SurvivorState();
            foreach (var lead in profile.Leads)
            {
                rebuilt.Apply(lead, rules);
            }

            Assert.Equal(rebuilt.ToCustomer(), profile.Customer);
            Assert.Equal(profile.Leads.Any(l => l.Action == LeadAction.DoNotContact), profile.DoNotContact);
        }

        // Kept-apart pairs: those decided, moved along merges, never merged, never raised as a possible duplicate.
        var apart = (await memory.Store.GetKeptApartAsync().ToListAsync()).ToHashSet();
        Assert.True(model.Expected().SetEquals(apart), $"kept apart: expected {string.Join(", ", model.Expected())}; stored {string.Join(", ", apart)}");
        Assert.All(apart, pair => Assert.True(pair.First < pair.Second && ids.Contains(pair.First) && ids.Contains(pair.Second)));
        var possibles = (await memory.Store.GetPossibleDuplicatesAsync().ToListAsync()).OrderBy(p => p.First).ThenBy(p => p.Second).ToList();
        Assert.All(possibles, p => Assert.True(p.First < p.Second && ids.Contains(p.First) && ids.Contains(p.Second) && !apart.Contains(new KeptApartPair(p.First, p.Second))));

        // The SQLite store holds the same.
        var durableProfiles = (await durable.Store.GetProfilesAsync().ToListAsync()).OrderBy(p => p.Id).ToList();
        Assert.Equal(profiles.Select(Describe), durableProfiles.Select(Describe));
        Assert.Equal(possibles, (await durable.Store.GetPossibleDuplicatesAsync().ToListAsync()).OrderBy(p => p.First).ThenBy(p => p.Second));
        Assert.True(apart.SetEquals(await durable.Store.GetKeptApartAsync().ToListAsync()));
        foreach (var lead in added)
        {
            Assert.Equal(Describe(await memory.ExplainAsync(lead)), Describe(await durable.ExplainAsync(lead)));
        }
    }

    private static string Describe(CustomerProfile profile) =>
        $"{profile.Id} [{string.Join(' ', profile.Leads.Select(l => l.Id))}] {profile.Customer} dnc={profile.DoNotContact} test={profile.IsTest}";

    private static string Describe(ReviewAction action) =>
        $"{action.Kind} {action.First} {action.Second} [{string.Join(' ', action.Leads)}] {action.ReviewedAt:O} {action.Reviewer}/{action.Comment}";

    private static string Describe(LeadDecisionRecord? record) =>
        record is null
            ? "none"
            : $"{record.Lead} {record.Outcome} {record.DecidedProfile} {record.CurrentProfile} {record.Reason} {record.Explanation?.ToJson()} [{string.Join(' ', record.MergedProfiles)}] {string.Join(" | ", record.Reviews.Select(Describe))}";

    /// <summary>The kept-apart pairs decided, followed through the merges since (a reference model of the stores').</summary>
    private sealed class Model
    {
        private readonly HashSet<KeptApartPair> _apart = [];

        public void Merge(IEnumerable<CustomerProfileId> gone, CustomerProfileId into)
        {
            foreach (var id in gone)
            {
                foreach (var pair in _apart.Where(p => p.First == id || p.Second == id).ToList())
                {
                    var other = pair.First == id ? pair.Second : pair.First;
                    Assert.NotEqual(into, other); // never merged
                    _apart.Remove(pair);
                    _apart.Add(KeptApartPair.Of(into, other));
                }
            }
        }

        public void KeepApart(CustomerProfileId first, CustomerProfileId second) => _apart.Add(KeptApartPair.Of(first, second));

        public HashSet<KeptApartPair> Expected() => [.. _apart];
    }
}
