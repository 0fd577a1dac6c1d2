using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using MarketplaceLeads.Deduplication;
using MarketplaceLeads.Testing.Corpora;

namespace MarketplaceLeads.Tests.Identity;

/// <summary>
/// A tool, not a test: with <c>MARKETPLACELEADS_IDENTITY_DIAG=&lt;corpus&gt;</c> set, writes the pairs the model gets wrong
/// (strangers merged, one person left apart) with both customers and the waterfall to <c>artifacts/identity-diag.txt</c>.
/// The corpora are synthetic, so the file holds no real personal data.
/// </summary>
public sealed class IdentityDiagnostics
{
    /// <summary>How many people a tool's corpus has: <c>MARKETPLACELEADS_IDENTITY_PEOPLE</c>, else 2,500.</summary>
    internal static int PeopleFromEnvironment() => int.TryParse(Environment.GetEnvironmentVariable("MARKETPLACELEADS_IDENTITY_PEOPLE"), CultureInfo.InvariantCulture, out var count) ? count : 2500;

    [Fact]
    public void WritePairsTheModelGetsWrong()
    {
        var name = Environment.GetEnvironmentVariable("MARKETPLACELEADS_IDENTITY_DIAG");
        if (string.IsNullOrEmpty(name))
        {
            return;
        }

        var corpus = IdentityAccuracyTests.AllCorpora().Single(c => c.Name == name);
        var seed = int.Parse(Environment.GetEnvironmentVariable("MARKETPLACELEADS_IDENTITY_SEED") ?? "1", CultureInfo.InvariantCulture);
        var people = IdentityDiagnostics.PeopleFromEnvironment();
        var leads = corpus.Generate(people, seed);
        var truth = new Dictionary<LeadId, LabelledLead>();
        foreach (var l in leads)
        {
            truth.TryAdd(l.Lead.Id, l);
        }

        var result = new LeadDeduplicator(IdentitySeedSweep.OptionsFromEnvironment()).Deduplicate(leads.Select(l => l.Lead));
        var profileOf = new Dictionary<LeadId, CustomerProfile>();
        foreach (var p in result.Profiles)
        {
            foreach (var l in p.Leads)
            {
                profileOf[l.Id] = p;
            }
        }

        var evidence = new MatchDecider(new DeduplicationOptions()).Evidence!;
        using var writer = new StreamWriter(Path.Combine(Support.RepositoryPaths.RepositoryRoot, "artifacts", $"identity-diag-{name}.txt"));
        var missed = new Dictionary<string, int>();
        var pairsLost = new Dictionary<string, long>();
        foreach (var person in truth.Values.GroupBy(l => l.PersonId))
        {
            var profiles = person.Select(l => profileOf[l.Lead.Id]).Distinct().ToList();
            if (profiles.Count < 2)
            {
                continue;
            }

            // Pairwise recall counts pairs: a person with many leads split in two loses many pairs.
            var n = person.LongCount();
            var kept = person.GroupBy(l => profileOf[l.Lead.Id]).Sum(g => g.LongCount() * (g.LongCount() - 1) / 2);
            pairsLost[person.First().Case] = pairsLost.GetValueOrDefault(person.First().Case) + (n * (n - 1) / 2) - kept;
            writer.WriteLine($"SPLIT person {person.Key}: {n} leads in profiles of {string.Join("+", person.GroupBy(l => profileOf[l.Lead.Id]).Select(g => g.Count()))}, {(n * (n - 1) / 2) - kept} pairs lost");

            // Show each split-off profile against the person's largest profile.
            var main = profiles.OrderByDescending(p => p.Leads.Count).First();
            foreach (var other in profiles.Where(p => p != main))
            {
                var a = other.Leads[0];
                var best = main.Leads.Select(b => (b, pair: evidence.Compare(LeadMatchSubject.Create(a.Customer), LeadMatchSubject.Create(b.Customer))))
                    .OrderByDescending(x => IdentityEvidence.Weigh(x.pair, default)).First();
                var kind = person.First().Case;
                missed[kind] = missed.GetValueOrDefault(kind) + 1;
                writer.WriteLine($"MISSED [{kind}] person {person.Key}");
                writer.WriteLine("  " + Describe(a));
                writer.WriteLine("  " + Describe(best.b));
                writer.WriteLine("  " + evidence.Explain(best.pair, default, MatchOutcome.NoMatch).ToString());
            }
        }

        foreach (var p in result.Profiles)
        {
            var persons = p.Leads.Select(l => truth[l.Id]).GroupBy(l => l.PersonId).ToList();
            if (persons.Count < 2)
            {
                continue;
            }

            writer.WriteLine($"WRONG MERGE: {string.Join(" + ", persons.Select(g => g.First().Case + " " + g.Key))}");
            var all = (long)p.Leads.Count;
            var samePerson = persons.Sum(g => g.LongCount() * (g.LongCount() - 1) / 2);
            writer.WriteLine($"  {(all * (all - 1) / 2) - samePerson} wrong pairs");
            foreach (var g in persons)
            {
                foreach (var l in g)
                {
                    writer.WriteLine("  " + g.Key + " " + Describe(l.Lead));
                }
            }

            var x = LeadMatchSubject.Create(persons[0].First().Lead.Customer);
            var y = LeadMatchSubject.Create(persons[1].First().Lead.Customer);
            var wrongPair = evidence.Compare(y, x);
            writer.WriteLine("  " + evidence.Explain(wrongPair, default, MatchOutcome.NoMatch).ToString());
        }

        WriteSplitEvenWithPossiblesAccepted(writer, truth, result, profileOf);
        writer.WriteLine("missed profiles by case: " + string.Join(", ", missed.OrderByDescending(m => m.Value).Select(m => $"{m.Key} {m.Value}")));
        writer.WriteLine("pairs lost by case: " + string.Join(", ", pairsLost.OrderByDescending(m => m.Value).Select(m => $"{m.Key} {m.Value}")));
    }

    /// <summary>
    /// The people still apart when every possible duplicate is accepted (what accepted recall loses), each split-off
    /// profile's first lead against the person's largest group, and whether the two share a blocking key (met at all).
    /// </summary>
    private static void WriteSplitEvenWithPossiblesAccepted(StreamWriter writer, Dictionary<LeadId, LabelledLead> truth, DeduplicationResult result, Dictionary<LeadId, CustomerProfile> profileOf)
    {
        var group = new Dictionary<CustomerProfileId, CustomerProfileId>();
        CustomerProfileId Find(CustomerProfileId id)
        {
            while (group.TryGetValue(id, out var parent) && parent != id)
            {
                id = parent;
            }

            return id;
        }

        foreach (var possible in result.PossibleDuplicates)
        {
            var (a, b) = (Find(possible.First), Find(possible.Second));
            if (a != b)
            {
                group[a] = b;
            }
        }

        var decider = new MatchDecider(new DeduplicationOptions());
        var evidence = decider.Evidence!;
        var (keysA, keysB) = (new BlockingKeys(), new BlockingKeys());
        var byCase = new Dictionary<string, int>();
        var unmet = 0;
        writer.WriteLine();
        writer.WriteLine("=== still apart with every possible duplicate accepted ===");
        foreach (var person in truth.Values.GroupBy(l => l.PersonId))
        {
            var groups = person.GroupBy(l => Find(profileOf[l.Lead.Id].Id)).OrderByDescending(g => g.Count()).ToList();
            if (groups.Count < 2)
            {
                continue;
            }

            foreach (var other in groups.Skip(1))
            {
                var a = LeadMatchSubject.Create(other.First().Lead.Customer);
                var best = groups[0].Select(l => LeadMatchSubject.Create(l.Lead.Customer)).Select(b => (b, pair: evidence.Compare(a, b)))
                    .OrderByDescending(x => IdentityEvidence.Weigh(x.pair, default)).First();
                decider.CollectKeys(a, keysA, out var slotsA);
                var (findA, fileA) = (slotsA.LookupKeys(keysA.Hashes.ToArray()), slotsA.FilingKeys(keysA.Hashes.ToArray()));
                var met = groups[0].Any(l =>
                {
                    decider.CollectKeys(LeadMatchSubject.Create(l.Lead.Customer), keysB, out var slotsB);
                    var (findB, fileB) = (slotsB.LookupKeys(keysB.Hashes.ToArray()), slotsB.FilingKeys(keysB.Hashes.ToArray()));
                    return findA.Intersect(fileB).Any() || findB.Intersect(fileA).Any(); // met in either order
                });
                unmet += met ? 0 : 1;
                var kind = person.First().Case + (met ? " met" : " never met");
                byCase[kind] = byCase.GetValueOrDefault(kind) + 1;
                writer.WriteLine($"APART [{kind}] person {person.Key}: {other.Count()} of {person.Count()} leads");
                writer.WriteLine("  " + Describe(other.First().Lead));
                writer.WriteLine("  " + Describe(groups[0].First().Lead));
                writer.WriteLine("  " + evidence.Explain(best.pair, default, MatchOutcome.NoMatch).ToString());
            }
        }

        writer.WriteLine("apart with possibles accepted, by case: " + string.Join(", ", byCase.OrderByDescending(m => m.Value).Select(m => $"{m.Key} {m.Value}")));
    }

    private static string Describe(Lead lead)
    {
        var c = lead.Customer;
        return $"{c.FirstName} | {c.LastName} | {c.Email} | {c.Phone} | {c.Country} | {c.Company} | {c.Title}";
    }
}

/// <summary>
/// A tool, not a test: with <c>MARKETPLACELEADS_IDENTITY_WEIGHTS=1</c> set, estimates the model's match weights from the
/// labelled corpora the way Fellegi–Sunter defines them: over every pair of leads that share a blocking key, m = how often
/// a comparison level occurs between two leads of one person, u = between two people, weight = log2(m/u). Writes the table
/// to <c>artifacts/identity-weights.txt</c>.
/// </summary>
public sealed class IdentityWeightEstimates
{
    [Fact]
    public void EstimateWeightsFromTheCorpora()
    {
        if (Environment.GetEnvironmentVariable("MARKETPLACELEADS_IDENTITY_WEIGHTS") is not "1")
        {
            return;
        }

        var decider = new MatchDecider(new DeduplicationOptions());
        var evidence = decider.Evidence!;
        var counts = new SortedDictionary<string, (long Match, long Other)>(StringComparer.Ordinal);
        var lambdas = new List<double>();
        long matches = 0, others = 0;
        foreach (var corpus in IdentityAccuracyTests.AllCorpora())
        {
            foreach (var seed in new[] { 1, 2 })
            {
                var leads = corpus.Generate(2500, seed).GroupBy(l => l.Lead.Id).Select(g => g.First()).Where(l => !l.Lead.IsTestLead).ToList();
                var subjects = leads.Select(l => LeadMatchSubject.Create(l.Lead.Customer)).ToList();
                var blocks = new Dictionary<ulong, List<int>>();
                var keys = new BlockingKeys();
                for (var i = 0; i < leads.Count; i++)
                {
                    decider.CollectKeys(subjects[i], keys);
                    foreach (var hash in keys.Hashes)
                    {
                        if (!blocks.TryGetValue(hash, out var list))
                        {
                            blocks[hash] = list = [];
                        }

                        list.Add(i);
                    }
                }

                // m: every pair of one person's leads; u: random pairs of different people (as Splink estimates u).
                void Count(int a, int b, bool same)
                {
                    _ = same ? matches++ : others++;
                    var pair = evidence.Compare(subjects[a], subjects[b]);
                    foreach (var level in new[] { "Email." + pair.Email, "Phone." + pair.Phone + (pair.Phone is ValueComparison.Same or ValueComparison.Similar ? (Deduplication.PhoneKey.IsMobile(subjects[a].PhoneCode) ? ".Mobile" : ".Other") : ""), "First." + pair.First, "Last." + pair.Last, "Company." + pair.Company, "Country." + pair.Country, "Swapped." + pair.Swapped, "Generations." + pair.GenerationsDiffer })
                    {
                        var c = counts.GetValueOrDefault(level);
                        counts[level] = same ? (c.Match + 1, c.Other) : (c.Match, c.Other + 1);
                    }
                }

                foreach (var person in Enumerable.Range(0, leads.Count).GroupBy(i => leads[i].PersonId))
                {
                    var members = person.ToList();
                    for (var x = 0; x < members.Count; x++)
                    {
                        for (var y = x + 1; y < members.Count; y++)
                        {
                            Count(members[x], members[y], same: true);
                        }
                    }
                }

                var random = new Random(seed);
                for (var k = 0; k < 300_000; k++)
                {
                    var (a, b) = (random.Next(leads.Count), random.Next(leads.Count));
                    if (a != b && leads[a].PersonId != leads[b].PersonId)
                    {
                        Count(a, b, same: false);
                    }
                }

                var all = (long)leads.Count * (leads.Count - 1) / 2;
                var truePairs = Enumerable.Range(0, leads.Count).GroupBy(i => leads[i].PersonId).Sum(g => (long)g.Count() * (g.Count() - 1) / 2);
                lambdas.Add((double)truePairs / all);
            }
        }

        using var writer = new StreamWriter(Path.Combine(Support.RepositoryPaths.RepositoryRoot, "artifacts", "identity-weights.txt"));
        var lambda = lambdas.Average();
        writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"pairs: {matches:N0} same person, {others:N0} random different; lambda {lambda:0.000000}, prior log2(lambda/(1-lambda)) = {Math.Log2(lambda / (1 - lambda)):0.00}"));
        foreach (var (level, (m, o)) in counts)
        {
            var mp = (m + 0.5) / (matches + 1.0);
            var up = (o + 0.5) / (others + 1.0);
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{level,-40} m {mp:0.0000} ({m,7})  u {up:0.0000} ({o,8})  weight {Math.Log2(mp / up),6:0.00}"));
        }
    }
}

/// <summary>A tool, not a test: with <c>MARKETPLACELEADS_IDENTITY_PERSON=&lt;corpus&gt;:&lt;seed&gt;:&lt;person&gt;</c>, replays that person's leads (and every lead before them in the corpus) incrementally and prints the person's decisions.</summary>
public sealed class IdentityPersonTrace
{
    [Fact]
    public async System.Threading.Tasks.Task TraceOnePerson()
    {
        var spec = Environment.GetEnvironmentVariable("MARKETPLACELEADS_IDENTITY_PERSON");
        if (string.IsNullOrEmpty(spec))
        {
            return;
        }

        var parts = spec.Split(':');
        var corpus = IdentityAccuracyTests.AllCorpora().Single(c => c.Name == parts[0]);
        var leads = corpus.Generate(2500, int.Parse(parts[1], CultureInfo.InvariantCulture));
        using var deduplicator = new LeadDeduplicator();
        using var writer = new StreamWriter(Path.Combine(Support.RepositoryPaths.RepositoryRoot, "artifacts", "identity-trace.txt"));
        foreach (var labelled in leads.OrderBy(l => l.Lead, LeadOrder.Instance))
        {
            var decision = await deduplicator.AddAsync(labelled.Lead);
            if (labelled.PersonId == parts[2] || decision.Profile.Leads.Any(l => leads.First(x => x.Lead.Id == l.Id).PersonId == parts[2]))
            {
                var c = labelled.Lead.Customer;
                writer.WriteLine($"{labelled.PersonId} {decision.Outcome} profile {decision.Profile.Id} ({decision.Profile.Leads.Count} leads): {c.FirstName} | {c.LastName} | {c.Email} | {c.Phone} | {c.Country} | {c.Company}");
                writer.WriteLine("   reason: " + decision.Reason);
                foreach (var p in decision.PossibleDuplicates)
                {
                    writer.WriteLine("   possible: " + p.Reason);
                }
            }
        }
    }
}

/// <summary>A tool, not a test: with <c>MARKETPLACELEADS_IDENTITY_SWEEP=&lt;seeds&gt;</c> (e.g. <c>1-5</c>), prints every corpus's accuracy on each seed as rows of the table in docs/deduplication.md (<c>MARKETPLACELEADS_IDENTITY_CORPORA=Boreal,Atlantic</c>: only those; <c>MARKETPLACELEADS_IDENTITY_PEOPLE=25000</c>: another size than 2,500 people).</summary>
public sealed class IdentitySeedSweep(Xunit.Abstractions.ITestOutputHelper output)
{
    [Fact]
    public void PrintAccuracyPerSeed()
    {
        var spec = Environment.GetEnvironmentVariable("MARKETPLACELEADS_IDENTITY_SWEEP");
        if (string.IsNullOrEmpty(spec))
        {
            return;
        }

        var range = spec.Split('-');
        var from = int.Parse(range[0], CultureInfo.InvariantCulture);
        var to = int.Parse(range[^1], CultureInfo.InvariantCulture);
        var only = Environment.GetEnvironmentVariable("MARKETPLACELEADS_IDENTITY_CORPORA")?.Split(',');
        var people = IdentityDiagnostics.PeopleFromEnvironment();
        foreach (var corpus in IdentityAccuracyTests.AllCorpora().Where(c => only is null || only.Contains(c.Name)))
        {
            for (var seed = from; seed <= to; seed++)
            {
                var leads = corpus.Generate(people, seed);
                var m = IdentityMetrics.Measure(leads, new LeadDeduplicator(OptionsFromEnvironment()).Deduplicate(leads.Select(l => l.Lead)));
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {corpus.Name}, {seed} | {leads.Count:N0} | {m.Auto.Precision:0.0000} | {m.Auto.Recall:0.0000} | {m.Auto.F1:0.0000} | {m.Accepted.Precision:0.0000} | {m.Accepted.Recall:0.0000} |"));
            }
        }
    }

    /// <summary>The default options, with <c>MARKETPLACELEADS_IDENTITY_MERGE</c> as the merge threshold when set (to try one without a rebuild).</summary>
    internal static DeduplicationOptions OptionsFromEnvironment()
    {
        var options = new DeduplicationOptions();
        if (Environment.GetEnvironmentVariable("MARKETPLACELEADS_IDENTITY_MERGE") is { Length: > 0 } merge)
        {
            options.MergeThreshold = double.Parse(merge, CultureInfo.InvariantCulture);
        }

        if (Environment.GetEnvironmentVariable("MARKETPLACELEADS_IDENTITY_POSSIBLE") is { Length: > 0 } possible)
        {
            options.PossibleDuplicateThreshold = double.Parse(possible, CultureInfo.InvariantCulture);
        }

        return options;
    }
}

