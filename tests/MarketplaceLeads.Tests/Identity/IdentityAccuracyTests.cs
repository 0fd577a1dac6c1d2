using System.Collections.Generic;
using System.Linq;
using MarketplaceLeads.Deduplication;
using MarketplaceLeads.Testing.Corpora;
using MarketplaceLeads.Tests.Support;
using Xunit.Abstractions;

namespace MarketplaceLeads.Tests.Identity;

/// <summary>
/// Identity resolution measured on every labelled corpus in the repository, each built from its own design and pools
/// (the figures are printed and recorded in docs/deduplication.md). The floors are the targets.
/// </summary>
public sealed class IdentityAccuracyTests(ITestOutputHelper output)
{
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

        Assert.True(metrics.Auto.Precision >= 0.995, $"auto-merge precision {metrics.Auto.Precision:0.0000} < 0.995\n{metrics}");
        Assert.True(metrics.Auto.F1 >= 0.97, $"auto-merge F1 {metrics.Auto.F1:0.0000} < 0.97\n{metrics}");
        Assert.True(metrics.Accepted.Recall >= 0.99, $"recall with possibles accepted {metrics.Accepted.Recall:0.0000} < 0.99\n{metrics}");
        Assert.True(metrics.Accepted.Precision >= 0.90, $"precision with possibles accepted {metrics.Accepted.Precision:0.0000} < 0.90\n{metrics}");
    }

    internal static IReadOnlyList<ILabelledCorpus> AllCorpora() => [new SyntheticCorpus(), new AtlanticCorpus(), new MeridianCorpus()];
}
