using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using MarketplaceLeads.Deduplication;

namespace MarketplaceLeads.Testing.Corpora;

/// <summary>Pairwise precision, recall and F1 of one clustering of leads against the truth.</summary>
/// <param name="Pairs">Pairs of distinct leads put together.</param>
/// <param name="Correct">Of those, pairs of the same person.</param>
/// <param name="TruePairs">Pairs of distinct leads of the same person.</param>
public readonly record struct PairScore(long Pairs, long Correct, long TruePairs)
{
    /// <summary>Gets the share of pairs put together that are one person (1 when nothing was put together).</summary>
    public double Precision => Pairs == 0 ? 1.0 : (double)Correct / Pairs;

    /// <summary>Gets the share of same-person pairs that were put together (1 when there are none).</summary>
    public double Recall => TruePairs == 0 ? 1.0 : (double)Correct / TruePairs;

    /// <summary>Gets the harmonic mean of precision and recall.</summary>
    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"precision {Precision:0.0000}, recall {Recall:0.0000}, F1 {F1:0.0000} ({Correct:N0}/{Pairs:N0} of {TruePairs:N0})");
}

/// <summary>
/// How well a de-duplication result matches the truth of a labelled corpus, pairwise over distinct leads: the
/// profiles as merged automatically, and the clusters a reviewer would get by accepting every possible duplicate
/// (merged transitively, as accepting does). Wrong merges and misses are broken down by the people's hard case.
/// </summary>
public sealed class IdentityMetrics
{
    private IdentityMetrics(PairScore auto, PairScore accepted, int leads, int people, int profiles, int possibles, IReadOnlyDictionary<string, long> wrongMerges, IReadOnlyDictionary<string, long> missed)
    {
        Auto = auto;
        Accepted = accepted;
        Leads = leads;
        People = people;
        Profiles = profiles;
        PossibleDuplicates = possibles;
        WrongMergesByCase = wrongMerges;
        MissedByCase = missed;
    }

    /// <summary>Gets the score of the profiles as merged automatically.</summary>
    public PairScore Auto { get; }

    /// <summary>Gets the score with every possible duplicate accepted (merged transitively).</summary>
    public PairScore Accepted { get; }

    /// <summary>Gets the number of distinct leads measured.</summary>
    public int Leads { get; }

    /// <summary>Gets the number of real people behind them.</summary>
    public int People { get; }

    /// <summary>Gets the number of profiles the result has.</summary>
    public int Profiles { get; }

    /// <summary>Gets the number of possible-duplicate pairs.</summary>
    public int PossibleDuplicates { get; }

    /// <summary>Gets the automatically merged pairs of different people, by the two people's cases (<c>household×household</c>).</summary>
    public IReadOnlyDictionary<string, long> WrongMergesByCase { get; }

    /// <summary>Gets the same-person pairs left apart (auto-merge), by the person's case.</summary>
    public IReadOnlyDictionary<string, long> MissedByCase { get; }

    /// <summary>Measures a result against the truth.</summary>
    /// <param name="truth">The labelled leads (redeliveries, which repeat a lead id, count once).</param>
    /// <param name="result">The de-duplication result of those leads.</param>
    /// <returns>The metrics.</returns>
    public static IdentityMetrics Measure(IReadOnlyList<LabelledLead> truth, DeduplicationResult result)
    {
        var personOf = new Dictionary<LeadId, (string Person, string Case)>();
        foreach (var labelled in truth)
        {
            if (personOf.TryGetValue(labelled.Lead.Id, out var known) && known.Person != labelled.PersonId)
            {
                throw new InvalidOperationException($"Lead {labelled.Lead.Id} is labelled with two people: the corpus produced identical leads for different people.");
            }

            personOf[labelled.Lead.Id] = (labelled.PersonId, labelled.Case);
        }

        var leadIndex = new Dictionary<LeadId, int>(personOf.Count);
        var persons = new List<string>(personOf.Count);
        var cases = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (id, (person, @case)) in personOf)
        {
            leadIndex[id] = persons.Count;
            persons.Add(person);
            cases[person] = @case;
        }

        var profileOf = new int[persons.Count];
        Array.Fill(profileOf, -1);
        var profileIndex = new Dictionary<CustomerProfileId, int>();
        foreach (var profile in result.Profiles)
        {
            var index = profileIndex.Count;
            profileIndex[profile.Id] = index;
            foreach (var lead in profile.Leads)
            {
                if (leadIndex.TryGetValue(lead.Id, out var i))
                {
                    profileOf[i] = index;
                }
            }
        }

        for (var i = 0; i < profileOf.Length; i++)
        {
            if (profileOf[i] < 0)
            {
                throw new InvalidOperationException("A labelled lead is in no profile of the result.");
            }
        }

        // Accepting every possible duplicate merges the two profiles (transitively).
        var parent = Enumerable.Range(0, profileIndex.Count).ToArray();
        int Find(int x)
        {
            while (parent[x] != x)
            {
                parent[x] = parent[parent[x]];
                x = parent[x];
            }

            return x;
        }

        foreach (var pair in result.PossibleDuplicates)
        {
            if (profileIndex.TryGetValue(pair.First, out var a) && profileIndex.TryGetValue(pair.Second, out var b))
            {
                var (ra, rb) = (Find(a), Find(b));
                if (ra != rb)
                {
                    parent[Math.Max(ra, rb)] = Math.Min(ra, rb);
                }
            }
        }

        var acceptedOf = profileOf.Select(Find).ToArray();
        long truePairs = 0;
        foreach (var group in persons.GroupBy(p => p, StringComparer.Ordinal))
        {
            truePairs += Choose2(group.Count());
        }

        var wrong = new SortedDictionary<string, long>(StringComparer.Ordinal);
        var missed = new SortedDictionary<string, long>(StringComparer.Ordinal);
        var auto = Score(profileOf, persons, truePairs, wrong, cases);
        var accepted = Score(acceptedOf, persons, truePairs, null, cases);

        // Same-person pairs split across profiles, by case.
        foreach (var group in Enumerable.Range(0, persons.Count).GroupBy(i => persons[i], StringComparer.Ordinal))
        {
            var together = group.GroupBy(i => profileOf[i]).Sum(g => Choose2(g.Count()));
            var apart = Choose2(group.Count()) - together;
            if (apart > 0)
            {
                var key = cases[group.Key];
                missed[key] = missed.GetValueOrDefault(key) + apart;
            }
        }

        return new IdentityMetrics(auto, accepted, persons.Count, cases.Count, profileIndex.Count, result.PossibleDuplicates.Count, wrong, missed);
    }

    /// <summary>Formats the metrics on a few lines, for test output.</summary>
    /// <returns>The text.</returns>
    public override string ToString()
    {
        var builder = new StringBuilder();
        builder.Append(CultureInfo.InvariantCulture, $"{Leads:N0} leads, {People:N0} people, {Profiles:N0} profiles, {PossibleDuplicates:N0} possible duplicates\n");
        builder.Append("auto-merge: ").Append(Auto.ToString()).Append('\n');
        builder.Append("+ possibles accepted: ").Append(Accepted.ToString()).Append('\n');
        builder.Append("wrong merges by case: ").Append(string.Join(", ", WrongMergesByCase.Select(p => $"{p.Key} {p.Value}"))).Append('\n');
        builder.Append("missed pairs by case: ").Append(string.Join(", ", MissedByCase.Select(p => $"{p.Key} {p.Value}")));
        return builder.ToString();
    }

    private static PairScore Score(int[] clusterOf, List<string> persons, long truePairs, SortedDictionary<string, long>? wrong, Dictionary<string, string> cases)
    {
        long pairs = 0, correct = 0;
        foreach (var cluster in Enumerable.Range(0, persons.Count).GroupBy(i => clusterOf[i]))
        {
            var members = cluster.ToList();
            pairs += Choose2(members.Count);
            var byPerson = members.GroupBy(i => persons[i], StringComparer.Ordinal).Select(g => (Person: g.Key, Count: (long)g.Count())).ToList();
            correct += byPerson.Sum(p => Choose2(p.Count));
            if (wrong is null || byPerson.Count < 2)
            {
                continue;
            }

            // Attribute the wrong pairs to the two people's cases (capped work for a giant wrong cluster).
            var byCase = byPerson.GroupBy(p => cases[p.Person], StringComparer.Ordinal).Select(g => (Case: g.Key, Leads: g.Sum(p => p.Count), Same: g.Sum(p => Choose2(p.Count)))).ToList();
            for (var a = 0; a < byCase.Count; a++)
            {
                var within = Choose2(byCase[a].Leads) - byCase[a].Same;
                Add(wrong, byCase[a].Case + "×" + byCase[a].Case, within);
                for (var b = a + 1; b < byCase.Count; b++)
                {
                    var (x, y) = string.CompareOrdinal(byCase[a].Case, byCase[b].Case) <= 0 ? (byCase[a].Case, byCase[b].Case) : (byCase[b].Case, byCase[a].Case);
                    Add(wrong, x + "×" + y, byCase[a].Leads * byCase[b].Leads);
                }
            }
        }

        return new PairScore(pairs, correct, truePairs);
    }

    private static void Add(SortedDictionary<string, long> counts, string key, long value)
    {
        if (value > 0)
        {
            counts[key] = counts.GetValueOrDefault(key) + value;
        }
    }

    private static long Choose2(long n) => n * (n - 1) / 2;
}
