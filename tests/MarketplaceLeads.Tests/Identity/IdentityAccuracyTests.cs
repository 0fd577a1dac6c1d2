using System;
using System.Collections.Generic;
using System.Linq;
using MarketplaceLeads.Deduplication;
using MarketplaceLeads.Testing.Corpora;
using MarketplaceLeads.Tests.Support;
using Xunit.Abstractions;

namespace MarketplaceLeads.Tests.Identity;

/// <summary>
/// Identity resolution measured on every labelled corpus in the repository, each built from its own design and pools
/// (the figures are printed and recorded in docs/deduplication.md). The issue's targets (auto-merge precision ≥ 0.995 and
/// F1 ≥ 0.97; with possible duplicates accepted, recall ≥ 0.99 at precision ≥ 0.90) are printed beside each measure; the
/// assertions are per-corpus floors just under what the model reaches today, so that a change that makes it worse fails.
/// Not every target is met on every corpus yet (docs/deduplication.md says which): on Boreal, built last and never tuned to,
/// auto-merge F1 and accepted recall are below them.
/// </summary>
public sealed class IdentityAccuracyTests(ITestOutputHelper output)
{
    /// <summary>Per corpus: auto-merge precision and F1, then precision and recall with every possible duplicate accepted.</summary>
    private static readonly Dictionary<string, (double Precision, double F1, double AcceptedPrecision, double AcceptedRecall)> Floors = new()
    {
        ["Synthetic"] = (0.999, 0.99, 0.99, 0.995),
        ["Atlantic"] = (0.995, 0.975, 0.92, 0.99),
        ["Meridian"] = (0.995, 0.975, 0.94, 0.99),
        ["Boreal"] = (0.995, 0.94, 0.95, 0.965), // below the targets: see docs/deduplication.md, "Boreal"
    };

    public static IEnumerable<object[]> Corpora() =>
        from corpus in AllCorpora()
        from seed in new[] { 1, 2 }
        select new object[] { corpus.Name, seed };

    [Theory]
    [MemberData(nameof(Corpora))]
    public void DefaultOptions_MeetTheTargets(string corpusName, int seed)
    {
        var corpus = AllCorpora().Single(c => c.Name == corpusName);
        var leads = corpus.Generate(2500, seed);
        var result = new LeadDeduplicator().Deduplicate(leads.Select(l => l.Lead));

        var metrics = IdentityMetrics.Measure(leads, result);
        output.WriteLine($"{corpus.Name}, seed {seed}: {corpus.Description}");
        output.WriteLine(metrics.ToString());

        output.WriteLine(string.Create(
            System.Globalization.CultureInfo.InvariantCulture,
            $"targets: auto precision {Mark(metrics.Auto.Precision, 0.995)}, auto F1 {Mark(metrics.Auto.F1, 0.97)}, accepted recall {Mark(metrics.Accepted.Recall, 0.99)}, accepted precision {Mark(metrics.Accepted.Precision, 0.90)}"));

        var floor = Floors[corpus.Name];
        Assert.True(metrics.Auto.Precision >= floor.Precision, $"auto-merge precision {metrics.Auto.Precision:0.0000} < {floor.Precision}\n{metrics}");
        Assert.True(metrics.Auto.F1 >= floor.F1, $"auto-merge F1 {metrics.Auto.F1:0.0000} < {floor.F1}\n{metrics}");
        Assert.True(metrics.Accepted.Recall >= floor.AcceptedRecall, $"recall with possibles accepted {metrics.Accepted.Recall:0.0000} < {floor.AcceptedRecall}\n{metrics}");
        Assert.True(metrics.Accepted.Precision >= floor.AcceptedPrecision, $"precision with possibles accepted {metrics.Accepted.Precision:0.0000} < {floor.AcceptedPrecision}\n{metrics}");
    }

    private static string Mark(double value, double target) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{value:0.0000} {(value >= target ? "≥" : "<")} {target}");

    [Fact]
    public async System.Threading.Tasks.Task IncrementalInArrivalOrder_OnEveryCorpus_StaysCloseToBatch()
    {
        // The store-backed path decides lead by lead as they arrive; batch decides in canonical order. Both must hold up.
        foreach (var corpus in AllCorpora())
        {
            var leads = corpus.Generate(600, 3);
            using var deduplicator = new LeadDeduplicator();
            foreach (var lead in leads)
            {
                await deduplicator.AddAsync(lead.Lead);
            }

            var profiles = await deduplicator.Store.GetProfilesAsync().ToListAsync();
            var possibles = await deduplicator.Store.GetPossibleDuplicatesAsync().ToListAsync();
            var incremental = IdentityMetrics.Measure(leads, new DeduplicationResult(profiles, possibles, profiles.Sum(p => p.Leads.Count), 0, 0, 0));
            var batch = IdentityMetrics.Measure(leads, new LeadDeduplicator().Deduplicate(leads.Select(l => l.Lead)));
            output.WriteLine($"{corpus.Name}: incremental {incremental.Auto}; batch {batch.Auto}");
            Assert.True(incremental.Auto.Precision >= Floors[corpus.Name].Precision - 0.005, $"{corpus.Name}: incremental precision {incremental.Auto.Precision:0.0000}");
            Assert.True(Math.Abs(incremental.Auto.F1 - batch.Auto.F1) < 0.02, $"{corpus.Name}: incremental F1 {incremental.Auto.F1:0.0000}, batch {batch.Auto.F1:0.0000}");
        }
    }

    internal static IReadOnlyList<ILabelledCorpus> AllCorpora() => [new SyntheticCorpus(), new AtlanticCorpus(), new MeridianCorpus(), new BorealCorpus()];
}
