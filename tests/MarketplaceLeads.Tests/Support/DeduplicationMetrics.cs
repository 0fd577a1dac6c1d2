using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using MarketplaceLeads.Deduplication;

namespace MarketplaceLeads.Tests.Support;

/// <summary>Pairwise precision, recall and F1 of a de-duplication result against ground-truth person ids.</summary>
public sealed record DeduplicationMetrics(
    long TruePairs,
    long AutoPairs,
    long AutoCorrect,
    long PossiblePairs,
    long PossibleCorrect,
    long CoveredTruePairs)
{
    public double AutoPrecision => AutoPairs == 0 ? 1.0 : (double)AutoCorrect / AutoPairs;

    public double AutoRecall => TruePairs == 0 ? 1.0 : (double)AutoCorrect / TruePairs;

    public double AutoF1 => F1(AutoPrecision, AutoRecall);

    public double PossiblePrecision => PossiblePairs == 0 ? 1.0 : (double)PossibleCorrect / PossiblePairs;

    /// <summary>Recall of auto-merge and possible duplicates together: true pairs in one profile or in a possible-duplicate pair.</summary>
    public double CombinedRecall => TruePairs == 0 ? 1.0 : (double)CoveredTruePairs / TruePairs;

    public double CombinedPrecision => AutoPairs + PossiblePairs == 0 ? 1.0 : (double)(AutoCorrect + PossibleCorrect) / (AutoPairs + PossiblePairs);

    public double CombinedF1 => F1(CombinedPrecision, CombinedRecall);

    public static DeduplicationMetrics Measure(IReadOnlyList<SyntheticLead> leads, DeduplicationResult result)
    {
        var person = leads.ToDictionary(l => l.Lead.Id, l => l.PersonId);
        var profileOf = new Dictionary<LeadId, CustomerProfileId>();
        foreach (var profile in result.Profiles)
        {
            foreach (var lead in profile.Leads)
            {
                profileOf[lead.Id] = profile.Id;
            }
        }

        long truePairs = 0;
        foreach (var group in leads.GroupBy(l => l.PersonId))
        {
            long n = group.Count();
            truePairs += n * (n - 1) / 2;
        }

        long autoPairs = 0, autoCorrect = 0;
        foreach (var profile in result.Profiles)
        {
            var ids = profile.Leads.Select(l => person[l.Id]).ToArray();
            for (var i = 0; i < ids.Length; i++)
            {
                for (var j = i + 1; j < ids.Length; j++)
                {
                    autoPairs++;
                    autoCorrect += ids[i] == ids[j] ? 1 : 0;
                }
            }
        }

        var byId = result.Profiles.ToDictionary(p => p.Id);
        long possiblePairs = 0, possibleCorrect = 0;
        foreach (var pair in result.PossibleDuplicates)
        {
            foreach (var a in byId[pair.First].Leads)
            {
                foreach (var b in byId[pair.Second].Leads)
                {
                    possiblePairs++;
                    possibleCorrect += person[a.Id] == person[b.Id] ? 1 : 0;
                }
            }
        }

        return new DeduplicationMetrics(truePairs, autoPairs, autoCorrect, possiblePairs, possibleCorrect, autoCorrect + possibleCorrect);
    }

    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"true pairs {TruePairs}; auto-merge: precision {AutoPrecision:0.0000}, recall {AutoRecall:0.0000}, F1 {AutoF1:0.0000} ({AutoCorrect}/{AutoPairs}); " +
        $"possible duplicates: precision {PossiblePrecision:0.0000} ({PossibleCorrect}/{PossiblePairs}); " +
        $"auto + possible: precision {CombinedPrecision:0.0000}, recall {CombinedRecall:0.0000}, F1 {CombinedF1:0.0000}");

    private static double F1(double precision, double recall) => precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
}
