using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using MarketplaceLeads.Deduplication;
using Xunit.Abstractions;

namespace MarketplaceLeads.Tests.Identity;

/// <summary>
/// A tool, not a test: with <c>MARKETPLACELEADS_IDENTITY_TIMEGAPS=1</c> set, counts, per corpus (seed from
/// <c>MARKETPLACELEADS_IDENTITY_SEED</c>, default 1), the pairs of leads whose full names agree and whose weight lies
/// between the possible-duplicate and the merge thresholds (what a new kind of evidence would have to decide), by how far
/// apart in time the two leads were sent (under an hour, a day, a week, more), whether they name one offer, and whether
/// they name one company: how many such pairs are one person's and how many two people's. Written for the time-proximity
/// experiment of issue #15 (docs/deduplication.md, "Leads sent close together").
/// </summary>
public sealed class IdentityTimeGaps(ITestOutputHelper output)
{
    [Fact]
    public void PrintPairsByTimeGap()
    {
        if (Environment.GetEnvironmentVariable("MARKETPLACELEADS_IDENTITY_TIMEGAPS") is not "1")
        {
            return;
        }

        var seed = int.Parse(Environment.GetEnvironmentVariable("MARKETPLACELEADS_IDENTITY_SEED") ?? "1", CultureInfo.InvariantCulture);
        var evidence = new MatchDecider(new DeduplicationOptions()).Evidence!;
        var alone = new SharedCounts(1, 1, 1);
        foreach (var corpus in IdentityAccuracyTests.AllCorpora())
        {
            var leads = corpus.Generate(IdentityDiagnostics.PeopleFromEnvironment(), seed).DistinctBy(l => l.Lead.Id).ToArray();
            var subjects = leads.Select(l => LeadMatchSubject.Create(l.Lead.Customer)).ToArray();
            var counts = new SortedDictionary<string, (int Same, int Different)>(StringComparer.Ordinal);
            for (var i = 0; i < leads.Length; i++)
            {
                for (var j = i + 1; j < leads.Length; j++)
                {
                    var pair = evidence.Compare(subjects[i], subjects[j]);
                    if (!pair.FullNameAgrees || IdentityEvidence.Weigh(pair, alone) is var weight && (weight >= evidence.MergeWeight || weight < evidence.PossibleWeight))
                    {
                        continue;
                    }

                    var hours = Math.Abs((leads[i].Lead.ReceivedAt - leads[j].Lead.ReceivedAt).TotalHours);
                    var key = string.Join(
                        " | ",
                        pair.Company is ValueComparison.Same or ValueComparison.Similar ? "one company" : "not one company",
                        hours < 1 ? "a: under an hour" : hours < 24 ? "b: under a day" : hours < 24 * 7 ? "c: under a week" : "d: a week or more",
                        leads[i].Lead.Offer == leads[j].Lead.Offer ? "one offer" : "two offers");
                    var (same, different) = counts.GetValueOrDefault(key);
                    counts[key] = leads[i].PersonId == leads[j].PersonId ? (same + 1, different) : (same, different + 1);
                }
            }

            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{corpus.Name}, seed {seed}: {leads.Length:N0} leads sent {leads.Min(l => l.Lead.ReceivedAt):yyyy-MM-dd} to {leads.Max(l => l.Lead.ReceivedAt):yyyy-MM-dd}"));
            foreach (var (key, (same, different)) in counts)
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {corpus.Name} | {key} | {same} | {different} |"));
            }
        }
    }
}
