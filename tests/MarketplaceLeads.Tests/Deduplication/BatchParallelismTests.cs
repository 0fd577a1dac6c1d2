using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using MarketplaceLeads.Deduplication;
using MarketplaceLeads.Tests.Support;

namespace MarketplaceLeads.Tests;

/// <summary>A batch shared between threads decides exactly as one thread does, and uses no more threads than allowed.</summary>
public class BatchParallelismTests
{
    /// <summary>40,000 synthetic leads (five chunks' worth per thread at four threads), shuffled, with 300 redeliveries among them.</summary>
    private static readonly Lead[] Batch = MakeBatch();

    [Theory]
    [InlineData(200)]
    [InlineData(3)] // many oversized blocks
    public void Deduplicate_OnAnyNumberOfThreads_DecidesAlike(int maxBlockSize)
    {
        var one = Describe(Run(Batch, 1, maxBlockSize, out var threads));
        Assert.Equal(1, threads);

        foreach (var parallelism in new[] { 2, 3, 4 })
        {
            var many = Describe(Run(Batch, parallelism, maxBlockSize, out threads));
            Assert.Equal(parallelism, threads);
            Assert.Equal(one, many);
        }
    }

    [Fact]
    public void Deduplicate_ThreadsBoundedByOptionsAndBatchSize()
    {
        Run(Batch, 64, 200, out var threads);
        Assert.Equal(Batch.Length / 8192, threads); // a thread for each 8,192 leads at most

        Run(Batch[..10_000], 4, 200, out threads);
        Assert.Equal(1, threads);
    }

    [Fact]
    public void Deduplicate_WithCustomStrategy_RunsOnTheCallingThread()
    {
        var options = new DeduplicationOptions { MaxDegreeOfParallelism = 4 };
        options.Strategies.Add(new NeverMatches());
        var batch = new BatchDeduplicator(options);

        batch.Run(Batch);

        Assert.Equal(1, batch.Threads);
    }

    [Fact]
    public void Deduplicate_NullLeadInALargeBatch_ThrowsArgumentNullException()
    {
        var leads = Batch.ToArray();
        leads[30_000] = null!;

        var error = Assert.Throws<ArgumentNullException>(() => new LeadDeduplicator(new DeduplicationOptions { MaxDegreeOfParallelism = 4 }).Deduplicate(leads));

        Assert.Equal("input", error.ParamName);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Options_MaxDegreeOfParallelismBelowOne_IsRejected(int value)
    {
        var error = Assert.ThrowsAny<ArgumentException>(() => new LeadDeduplicator(new DeduplicationOptions { MaxDegreeOfParallelism = value }));

        Assert.Contains(nameof(DeduplicationOptions.MaxDegreeOfParallelism), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_MaxDegreeOfParallelism_DefaultsToTheProcessorCount() =>
        Assert.Equal(Environment.ProcessorCount, new DeduplicationOptions().MaxDegreeOfParallelism);

    private static DeduplicationResult Run(IEnumerable<Lead> leads, int parallelism, int maxBlockSize, out int threads)
    {
        var batch = new BatchDeduplicator(new DeduplicationOptions { MaxDegreeOfParallelism = parallelism, MaxBlockSize = maxBlockSize });
        var result = batch.Run(leads);
        threads = batch.Threads;
        return result;
    }

    private static Lead[] MakeBatch()
    {
        var leads = new SyntheticLeads(7).Generate(18_700).Select(l => l.Lead).Take(39_700).ToList();
        var random = new Random(7);
        for (var i = 0; i < 300; i++)
        {
            leads.Add(leads[random.Next(leads.Count)]); // the same lead again: kept once
        }

        var batch = leads.ToArray();
        random.Shuffle(batch);
        return batch;
    }

    /// <summary>Everything a result says, in its order: profiles with their leads and flags, possible duplicates with scores, reasons and explanations, and the counts.</summary>
    private static string Describe(DeduplicationResult result)
    {
        var text = new StringBuilder();
        foreach (var profile in result.Profiles)
        {
            text.Append(profile.Id).Append(':').AppendJoin(',', profile.Leads.Select(l => l.Id)).Append(profile.DoNotContact).Append(profile.IsTest).Append('\n');
        }

        foreach (var possible in result.PossibleDuplicates)
        {
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"{possible.First}~{possible.Second}:{possible.Score:R}:{possible.Reason}:{possible.RaisedBy}:{possible.Explanation?.ToJson()}\n");
        }

        text.Append(System.Globalization.CultureInfo.InvariantCulture, $"{result.LeadCount}/{result.Redeliveries}/{result.Comparisons}/{result.OversizedBlocks}");
        return text.ToString();
    }

    private sealed class NeverMatches : ILeadMatchStrategy
    {
        public string Name => "never";

        public MatchScope Scope => MatchScope.AnyLead;

        public void AddBlockingKeys(LeadMatchSubject subject, BlockingKeys keys)
        {
        }

        public MatchVerdict Compare(LeadMatchSubject subject, LeadMatchSubject candidate) => MatchVerdict.NoMatch;
    }
}
