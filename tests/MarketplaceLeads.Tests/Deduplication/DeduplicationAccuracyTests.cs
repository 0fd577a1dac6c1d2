using System.Linq;
using MarketplaceLeads.Deduplication;
using MarketplaceLeads.Tests.Support;
using Xunit.Abstractions;

namespace MarketplaceLeads.Tests;

/// <summary>Pairwise accuracy on seeded synthetic people with realistic corruption (the figures are printed and recorded in docs/deduplication.md).</summary>
public sealed class DeduplicationAccuracyTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(1, 3000)]
    [InlineData(2, 3000)]
    [InlineData(3, 3000)]
    public void Deduplicate_SyntheticPeople_MeetsPrecisionAndRecallTargets(int seed, int people)
    {
        var leads = new SyntheticLeads(seed).Generate(people);
        var result = new LeadDeduplicator().Deduplicate(leads.Select(l => l.Lead));

        var metrics = DeduplicationMetrics.Measure(leads, result);
        output.WriteLine($"seed {seed}, {people} people, {leads.Count} leads, {result.Profiles.Count} profiles, {result.PossibleDuplicates.Count} possible duplicates, {result.Comparisons} comparisons");
        output.WriteLine(metrics.ToString());

        Assert.True(metrics.AutoPrecision >= 0.999, $"auto-merge precision {metrics.AutoPrecision:0.0000} < 0.999: {metrics}");
        Assert.True(metrics.CombinedRecall >= 0.97, $"auto + possible recall {metrics.CombinedRecall:0.0000} < 0.97: {metrics}");
    }
}
