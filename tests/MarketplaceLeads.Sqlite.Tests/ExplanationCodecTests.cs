using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using MarketplaceLeads.Deduplication;
using MarketplaceLeads.Testing.Corpora;
using Microsoft.Data.Sqlite;

namespace MarketplaceLeads.Sqlite.Tests;

/// <summary>
/// Match explanations as the SQLite store keeps them since schema version 8 (<see cref="ExplanationCodec"/>): every
/// explanation reads back equal, the identity model's words take a phrase code, and rows written as JSON text before still
/// read.
/// </summary>
public sealed class ExplanationCodecTests : IDisposable
{
    private readonly SqliteTestDatabase _file = new();

    /// <summary>The explanations the model makes on every labelled corpus, with their phrases coded; the failure lists the phrases the table lacks, to append to it.</summary>
    [Fact]
    public async Task ModelExplanations_OnEveryCorpus_RoundTrip_WithEveryPhraseCoded()
    {
        var explanations = new List<MatchExplanation>();
        foreach (ILabelledCorpus corpus in new ILabelledCorpus[] { new AtlanticCorpus(), new MeridianCorpus(), new BorealCorpus() })
        {
            using var deduplicator = new LeadDeduplicator();
            foreach (var labelled in corpus.Generate(700, 5))
            {
                var decision = await deduplicator.AddAsync(labelled.Lead);
                explanations.AddRange(decision.PossibleDuplicates.Select(p => p.Explanation).OfType<MatchExplanation>());
                if ((await deduplicator.ExplainAsync(labelled.Lead.Id))?.Explanation is { } joined)
                {
                    explanations.Add(joined);
                }
            }
        }

        Assert.True(explanations.Count > 2_000, $"only {explanations.Count} explanations");
        var missing = new SortedSet<string>(StringComparer.Ordinal);
        long bytes = 0, json = 0;
        foreach (var explanation in explanations)
        {
            var encoded = ExplanationCodec.Encode(explanation);
            Assert.Equal(explanation, ExplanationCodec.Decode(encoded));
            Assert.Equal(explanation.ToString(), ExplanationCodec.Decode(encoded).ToString());
            bytes += encoded.Length;
            json += System.Text.Encoding.UTF8.GetByteCount(explanation.ToJson());
            foreach (var text in explanation.Evidence.SelectMany(e => new[] { e.Field, e.Comparison }).Append(explanation.Rule))
            {
                if (!ExplanationCodec.IsPhrase(text))
                {
                    missing.Add(text);
                }
            }
        }

        Assert.True(missing.Count == 0, "phrases to append to ExplanationCodec.Phrases:\n" + string.Join("\n", missing));
        Assert.True(bytes * 10 < json, $"{bytes:N0} bytes coded against {json:N0} of JSON for {explanations.Count:N0} explanations");
    }

    /// <summary>Any explanation reads back equal: texts in any script (the placeholder character, digits, lone surrogates' replacements), numbers of any kind (quarters, NaN, −0, infinities).</summary>
    [Property(MaxTest = 500)]
    public bool AnyExplanation_RoundTrips(NonNull<string>[] fields, NonNull<string>[] comparisons, double[] weights, double prior, byte outcome, NonNull<string> rule)
    {
        var count = Math.Min(fields.Length, Math.Min(comparisons.Length, weights.Length));
        var evidence = Enumerable.Range(0, count).Select(i => new MatchEvidence(Valid(fields[i].Get), Valid(comparisons[i].Get), weights[i])).ToList();
        var explanation = new MatchExplanation(prior, evidence, (MatchOutcome)(outcome % 3), Valid(rule.Get));
        var decoded = ExplanationCodec.Decode(ExplanationCodec.Encode(explanation));
        return decoded.Equals(explanation) && BitConverter.DoubleToInt64Bits(decoded.Prior) == BitConverter.DoubleToInt64Bits(prior);

        // UTF-8 cannot carry a lone surrogate: the store writes what .NET's encoder writes for it, as it does any text.
        static string Valid(string text) => System.Text.Encoding.UTF8.GetString(System.Text.Encoding.UTF8.GetBytes(text));
    }

    [Fact]
    public void ModelWords_WithNumbers_TakeAPhraseCode_AndTheNumbersReadBack()
    {
        var explanation = new MatchExplanation(
            -8,
            [new MatchEvidence("Phone", "same phone, held by 12345 profiles", -4.586), new MatchEvidence("Email", "same mailbox", 14)],
            MatchOutcome.SamePerson,
            "weight 21.5 ≥ merge threshold 6.0");

        var encoded = ExplanationCodec.Encode(explanation);

        Assert.True(ExplanationCodec.IsPhrase("same phone, held by 12345 profiles"));
        Assert.True(ExplanationCodec.IsPhrase("weight 21.5 ≥ merge threshold 6.0"));
        Assert.False(ExplanationCodec.IsPhrase("a custom strategy's words"));
        Assert.Equal(explanation, ExplanationCodec.Decode(encoded));
        Assert.True(encoded.Length < 40, $"{encoded.Length} bytes");
    }

    [Fact]
    public void DamagedBytes_FailWithWhereAndWhat_NeverAnotherException()
    {
        var encoded = ExplanationCodec.Encode(new MatchExplanation(-8, [new MatchEvidence("Email", "a custom strategy's words", 2.25)], MatchOutcome.PossibleDuplicate, "weight 1.0 < merge threshold 6.0"));
        for (var length = 0; length < encoded.Length; length++)
        {
            var error = Assert.Throws<FormatException>(() => ExplanationCodec.Decode(encoded.AsSpan(0, length)));
            Assert.StartsWith("A stored match explanation", error.Message, StringComparison.Ordinal);
        }

        var unknownPhrase = (byte[])encoded.Clone();
        unknownPhrase[4] = 0x7E; // the field's phrase code 63 — past the table (the field is "Email", code 0, at byte 4 after format, prior, count)
        Assert.Contains("phrase", Assert.Throws<FormatException>(() => ExplanationCodec.Decode(unknownPhrase)).Message, StringComparison.Ordinal);
        Assert.Contains("format byte", Assert.Throws<FormatException>(() => ExplanationCodec.Decode("{\"prior\":-8}"u8)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Explanations_AreStoredAsCodes_AndRowsWrittenAsJsonBefore_StillRead()
    {
        var leads = TestLeads.Mixed();
        var options = new DeduplicationOptions();
        var joined = new List<LeadId>();
        await using (var database = _file.Open(SqliteDurability.Normal))
        {
            using var deduplicator = new LeadDeduplicator(options, database.CreateDeduplicationStore(options.Survivorship));
            foreach (var lead in leads)
            {
                if ((await deduplicator.AddAsync(lead)).Outcome == DeduplicationOutcome.JoinedProfile)
                {
                    joined.Add(lead.Id);
                }
            }
        }

        Assert.NotEmpty(joined);
        var before = new Dictionary<LeadId, MatchExplanation>();
        using (var connection = new SqliteConnection($"Data Source={_file.Path}"))
        {
            connection.Open();
            using var types = connection.CreateCommand();
            types.CommandText = "SELECT DISTINCT typeof(explanation) FROM dedup_leads WHERE explanation IS NOT NULL";
            using (var reader = types.ExecuteReader())
            {
                Assert.True(reader.Read());
                Assert.Equal("blob", reader.GetString(0));
                Assert.False(reader.Read());
            }

            // As a database of schema version 7 holds them: the explanation's JSON text.
            using var rows = connection.CreateCommand();
            rows.CommandText = "SELECT lead_id, explanation FROM dedup_leads WHERE explanation IS NOT NULL";
            var stored = new List<(string Id, byte[] Bytes)>();
            using (var reader = rows.ExecuteReader())
            {
                while (reader.Read())
                {
                    stored.Add((reader.GetString(0), (byte[])reader.GetValue(1)));
                }
            }

            foreach (var (id, bytes) in stored)
            {
                var explanation = ExplanationCodec.Decode(bytes);
                before[LeadId.Parse(id)] = explanation;
                using var update = connection.CreateCommand();
                update.CommandText = "UPDATE dedup_leads SET explanation = $json WHERE lead_id = $id";
                update.Parameters.AddWithValue("$json", explanation.ToJson());
                update.Parameters.AddWithValue("$id", id);
                update.ExecuteNonQuery();
            }
        }

        await using (var reopened = _file.Open(SqliteDurability.Normal))
        {
            using var deduplicator = new LeadDeduplicator(options, reopened.CreateDeduplicationStore(options.Survivorship));
            foreach (var (lead, explanation) in before)
            {
                Assert.Equal(explanation, (await deduplicator.ExplainAsync(lead))!.Explanation);
            }
        }
    }

    public void Dispose() => _file.Dispose();
}
