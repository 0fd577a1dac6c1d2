using System;
using System.Globalization;
using System.Linq;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using MarketplaceLeads.Deduplication;

namespace MarketplaceLeads.Benchmarks;

/// <summary>
/// De-duplicates a batch of <see cref="Leads"/> synthetic leads (<see cref="DeduplicationLeads"/>) with
/// <see cref="LeadDeduplicator.Deduplicate"/> (default options: mailbox identity, phone and last name, fuzzy matching),
/// against a naive exact e-mail de-duplication with LINQ <see cref="Enumerable.GroupBy{TSource, TKey}(System.Collections.Generic.IEnumerable{TSource}, Func{TSource, TKey}, System.Collections.Generic.IEqualityComparer{TKey})"/>
/// (the baseline).
/// </summary>
/// <remarks>
/// One operation is a whole batch and takes seconds, so the job is short: one launch, one warm-up and three measured
/// iterations of one invocation each (<see cref="RunStrategy.Monitoring"/>). Generating the leads takes about 9 s per
/// million leads (in <see cref="Setup"/>, not measured). For one cold call per process, with the retained memory of the
/// result, use <see cref="DeduplicationCheck"/> (<c>--dedup-check</c>) instead.
/// </remarks>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class DeduplicationBenchmarks
{
    private Lead[] _leads = [];

    /// <summary>Gets or sets the number of leads in the batch.</summary>
    [Params(100_000, 1_000_000, 4_000_000)]
    public int Leads { get; set; }

    /// <summary>Generates the leads.</summary>
    /// <exception cref="InvalidOperationException">The generator made the wrong number of leads.</exception>
    [GlobalSetup]
    public void Setup()
    {
        _leads = DeduplicationLeads.Generate(Leads);
        if (_leads.Length != Leads)
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"Asked for {Leads:N0} leads, got {_leads.Length:N0}."));
        }
    }

    /// <summary>
    /// What a typical user writes: leads grouped by the e-mail address trimmed and lower-cased (exact e-mail only: no
    /// mailbox rules, phones or names); a lead without an e-mail address is a profile of its own.
    /// </summary>
    /// <returns>The number of profiles.</returns>
    [Benchmark(Baseline = true)]
    public int ExactEmailGroupBy() =>
        _leads
            .GroupBy(static lead => string.IsNullOrWhiteSpace(lead.Customer.Email) ? null : lead.Customer.Email.Trim().ToLowerInvariant(), StringComparer.Ordinal)
            .ToList()
            .Sum(static group => group.Key is null ? group.Count() : 1);

    /// <summary><see cref="LeadDeduplicator.Deduplicate"/> with the default options, on a new deduplicator as a batch job would.</summary>
    /// <returns>The result.</returns>
    [Benchmark]
    public DeduplicationResult Deduplicate()
    {
        using var deduplicator = new LeadDeduplicator();
        return deduplicator.Deduplicate(_leads);
    }
}
