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
        var leads = corpus.Generate(2500, seed);
        var truth = new Dictionary<LeadId, LabelledLead>();
        foreach (var l in leads)
        {
            truth.TryAdd(l.Lead.Id, l);
        }

        var result = new LeadDeduplicator().Deduplicate(leads.Select(l => l.Lead));
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
        foreach (var person in truth.Values.GroupBy(l => l.PersonId))
        {
            var profiles = person.Select(l => profileOf[l.Lead.Id]).Distinct().ToList();
            if (profiles.Count < 2)
            {
                continue;
            }

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
            foreach (var g in persons)
            {
                writer.WriteLine("  " + Describe(g.First().Lead));
            }
        }

        writer.WriteLine("missed profiles by case: " + string.Join(", ", missed.OrderByDescending(m => m.Value).Select(m => $"{m.Key} {m.Value}")));
    }

    private static string Describe(Lead lead)
    {
        var c = lead.Customer;
        return $"{c.FirstName} | {c.LastName} | {c.Email} | {c.Phone} | {c.Country} | {c.Company}";
    }
}
