using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using MarketplaceLeads.Deduplication;
using MarketplaceLeads.Testing.Corpora;
using Xunit.Abstractions;

namespace MarketplaceLeads.Tests.Identity;

/// <summary>
/// A tool, not a test: with <c>MARKETPLACELEADS_IDENTITY_CEILING=&lt;corpus&gt;</c> set, compares every pair of a corpus's
/// leads field by field (<see cref="IdentityEvidence.Compare"/>: the comparison levels the model reads) and asks what the
/// best possible decision rule over those levels could reach: for each distinct comparison, how many pairs of one person
/// and how many of two people give it. A rule that merges exactly the comparisons most often one person's, in that order,
/// is the best any model reading only those levels can do on direct pairs. Prints, per seed, the most recall (and the F1)
/// such a rule reaches with precision at least 0.995, and with precision at least 0.90 (a reviewer's queue). What the
/// model reads beyond the levels (how many profiles share a value, a profile's other leads, merges that chain) is not in
/// it, so it is a guide to what the levels can separate, not a strict bound on the model's numbers.
/// </summary>
public sealed class IdentityCeiling(ITestOutputHelper output)
{
    [Fact]
    public void PrintTheBestTheComparisonLevelsAllow()
    {
        var name = Environment.GetEnvironmentVariable("MARKETPLACELEADS_IDENTITY_CEILING");
        if (string.IsNullOrEmpty(name))
        {
            return;
        }

        var corpus = IdentityAccuracyTests.AllCorpora().Single(c => c.Name == name);
        var seeds = (Environment.GetEnvironmentVariable("MARKETPLACELEADS_IDENTITY_SEED") ?? "1").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture));
        var people = IdentityDiagnostics.PeopleFromEnvironment();
        var evidence = new MatchDecider(new DeduplicationOptions()).Evidence!;
        output.WriteLine("| corpus, seed | leads | pairs of one person | distinct comparisons | recall at precision ≥ 0.995 (F1) | recall at precision ≥ 0.90 |");
        foreach (var seed in seeds)
        {
            var (leadCount, total) = Count(corpus, people, seed, evidence);
            var truePairs = total.Values.Sum(v => v.Same);
            var ordered = total.Values.Where(v => v.Same > 0).OrderByDescending(v => (double)v.Same / (v.Same + v.Different)).ThenByDescending(v => v.Same);
            long tp = 0, fp = 0;
            double strict = 0, strictF1 = 0, review = 0;
            foreach (var (same, different) in ordered)
            {
                tp += same;
                fp += different;
                var precision = (double)tp / (tp + fp);
                var recall = (double)tp / truePairs;
                if (precision >= 0.995 && recall > strict)
                {
                    strict = recall;
                    strictF1 = 2 * precision * recall / (precision + recall);
                }

                if (precision >= 0.90)
                {
                    review = Math.Max(review, recall);
                }
            }

            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name}, {seed} | {leadCount:N0} | {truePairs:N0} | {total.Count:N0} | {strict:F4} ({strictF1:F4}) | {review:F4} |"));
        }
    }

    /// <summary>
    /// With <c>MARKETPLACELEADS_IDENTITY_TRANSFER=&lt;corpus&gt;</c>: the same rule learned on the other corpora (seed 1 each:
    /// which comparisons are one person's at least as often as the threshold that gives precision 0.995 there), applied to
    /// the named corpus (seeds from <c>MARKETPLACELEADS_IDENTITY_SEED</c>). Whether what the levels separate elsewhere
    /// separates here: a comparison never seen in training is not merged.
    /// </summary>
    [Fact]
    public void PrintWhatARuleLearnedOnTheOtherCorporaReaches()
    {
        var name = Environment.GetEnvironmentVariable("MARKETPLACELEADS_IDENTITY_TRANSFER");
        if (string.IsNullOrEmpty(name))
        {
            return;
        }

        var people = IdentityDiagnostics.PeopleFromEnvironment();
        var evidence = new MatchDecider(new DeduplicationOptions()).Evidence!;
        var training = new Dictionary<PairComparison, (long Same, long Different)>();
        // MARKETPLACELEADS_IDENTITY_TRAIN (names, comma-separated) learns on those instead: the named corpus itself, seed 1,
        // shows what a rule learned on the same generator carries to its other seeds.
        var train = Environment.GetEnvironmentVariable("MARKETPLACELEADS_IDENTITY_TRAIN") is { Length: > 0 } names ? names.Split(',') : null;
        var learnedOn = IdentityAccuracyTests.AllCorpora().Where(c => train?.Contains(c.Name) ?? c.Name != name).ToList();
        foreach (var other in learnedOn)
        {
            foreach (var (comparison, (same, different)) in Count(other, people, 1, evidence).Counts)
            {
                var (s, d) = training.GetValueOrDefault(comparison);
                training[comparison] = (s + same, d + different);
            }
        }

        // The threshold: the lowest purity whose merged comparisons keep precision ≥ 0.995 on the training pairs.
        long tp = 0, fp = 0;
        var threshold = 1.0;
        foreach (var (same, different) in training.Values.Where(v => v.Same > 0).OrderByDescending(v => (double)v.Same / (v.Same + v.Different)))
        {
            tp += same;
            fp += different;
            if ((double)tp / (tp + fp) < 0.995)
            {
                break;
            }

            threshold = (double)same / (same + different);
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"learned on {string.Join(", ", learnedOn.Select(c => c.Name))}: {training.Count:N0} comparisons, merge from purity {threshold:F4}"));
        output.WriteLine("| corpus, seed | pairs of one person | precision | recall | F1 | pairs of one person with a comparison never seen in training |");
        var seeds = (Environment.GetEnvironmentVariable("MARKETPLACELEADS_IDENTITY_SEED") ?? "1").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture));
        foreach (var seed in seeds)
        {
            var target = Count(IdentityAccuracyTests.AllCorpora().Single(c => c.Name == name), people, seed, evidence).Counts;
            long hit = 0, wrong = 0, unseen = 0;
            foreach (var (comparison, (same, different)) in target)
            {
                if (!training.TryGetValue(comparison, out var learned))
                {
                    unseen += same;
                    continue;
                }

                if (learned.Same > 0 && (double)learned.Same / (learned.Same + learned.Different) >= threshold)
                {
                    hit += same;
                    wrong += different;
                }
            }

            var truePairs = target.Values.Sum(v => v.Same);
            var precision = hit + wrong == 0 ? 1 : (double)hit / (hit + wrong);
            var recall = (double)hit / truePairs;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name}, {seed} | {truePairs:N0} | {precision:F4} | {recall:F4} | {2 * precision * recall / (precision + recall):F4} | {unseen:N0} |"));
        }
    }

    /// <summary>Compares every pair of the corpus's distinct leads; counts, per comparison, the pairs of one person and of two.</summary>
    private static (int Leads, Dictionary<PairComparison, (long Same, long Different)> Counts) Count(ILabelledCorpus corpus, int people, int seed, IdentityEvidence evidence)
    {
        var leads = corpus.Generate(people, seed).DistinctBy(l => l.Lead.Id).ToArray();
        var subjects = leads.Select(l => LeadMatchSubject.Create(l.Lead.Customer)).ToArray();
        var person = leads.Select(l => l.PersonId).ToArray();

        // Every pair, in slices on every core; each slice counts (one person, two people) per comparison.
        var slices = new Dictionary<PairComparison, (long Same, long Different)>[Environment.ProcessorCount * 4];
        Parallel.For(0, slices.Length, slice =>
        {
            var counts = new Dictionary<PairComparison, (long Same, long Different)>();
            for (var i = slice; i < subjects.Length; i += slices.Length)
            {
                for (var j = i + 1; j < subjects.Length; j++)
                {
                    var comparison = evidence.Compare(subjects[i], subjects[j]);
                    var (same, different) = counts.GetValueOrDefault(comparison);
                    counts[comparison] = string.Equals(person[i], person[j], StringComparison.Ordinal) ? (same + 1, different) : (same, different + 1);
                }
            }

            slices[slice] = counts;
        });

        var total = new Dictionary<PairComparison, (long Same, long Different)>();
        foreach (var (comparison, (same, different)) in slices.SelectMany(s => s))
        {
            var (s, d) = total.GetValueOrDefault(comparison);
            total[comparison] = (s + same, d + different);
        }

        return (leads.Length, total);
    }
}
