using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using MarketplaceLeads.Deduplication;
using MarketplaceLeads.Delivery;
using Microsoft.Extensions.DependencyInjection;

namespace MarketplaceLeads.Tests;

/// <summary>
/// Issue #14, fuzzer finding 2: a lead whose de-duplication throws (it was a noncharacter that
/// <c>string.Normalize</c> refused) was retried with the sinks' back-off, one lead at a time, so the dispatcher held
/// every later lead for minutes and stopping waited out the shutdown time-out. Now a lead that de-duplication cannot
/// take while its store answers is dead-lettered at once, with its raw payload, and the queue goes on; a store that is
/// down is still retried with back-off, but never past the start of a shutdown.
/// </summary>
public sealed class PipelineDeduplicationFailureTests
{
    private const string PoisonCompany = "Poison Pill Ltd";

    /// <summary>The pipeline's real retry timing (the harness's is fast), so that a stall shows.</summary>
    private static void RealTiming(MarketplaceLeadsOptions o)
    {
        o.RetryBaseDelay = TimeSpan.FromSeconds(1);
        o.RetryMaxDelay = TimeSpan.FromMinutes(5);
        o.ShutdownTimeout = TimeSpan.FromSeconds(20);
    }

    [Fact]
    public async Task LeadWhoseDeduplicationThrows_IsDeadLetteredAtOnceWithItsRawPayload_TheOthersAreDelivered_AndStopIsPrompt()
    {
        var leads = TestLeads.People(40);
        leads[7] = leads[7] with { Customer = leads[7].Customer with { Company = PoisonCompany } };
        var sink = new RecordingSink();
        var deadLetters = new RecordingDeadLetterSink();
        await using var harness = PipelineHarness.Create(
            b => b.AddSink(sink, "crm").UseDeadLetterSink(deadLetters).UseDeduplication(o => o.Strategies.Add(new ThrowingStrategy())),
            RealTiming);
        foreach (var lead in leads)
        {
            Assert.Equal(LeadSubmitStatus.Accepted, (await harness.Processor.SubmitAsync(lead)).Status);
        }

        await sink.WaitForCommittedAsync(leads.Length - 1, TimeSpan.FromSeconds(10));
        var stopping = Stopwatch.StartNew();
        await harness.Processor.StopAsync();

        Assert.InRange(stopping.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(5));
        Assert.Equal(leads.Where((_, i) => i != 7).Select(l => l.Id).Order(), sink.CommittedIds.Order());
        var deadLetter = Assert.Single(deadLetters.Received);
        Assert.Equal(leads[7].Id, deadLetter.LeadId);
        Assert.Equal(LeadDeadLetterKind.DeliveryFailed, deadLetter.Kind);
        Assert.Equal("crm", deadLetter.Sink);
        Assert.Equal(leads[7].RawPayload, deadLetter.RawPayload);
        Assert.Contains("De-duplication", deadLetter.Reason, StringComparison.Ordinal);
        Assert.Empty(await harness.Journal.ReadPendingAsync(CancellationToken.None).ToListAsync());
    }

    [Fact]
    public async Task LeadWithANoncharacterInEveryName_IsDelivered()
    {
        var lead = TestLeads.Person(1);
        lead = lead with { Customer = lead.Customer with { FirstName = "\uFFFEAna", Company = "Contoso\uFFFE", Country = "DE\uFFFE" } };
        var sink = new RecordingSink();
        await using var harness = PipelineHarness.Create(b => b.AddSink(sink, "crm"), RealTiming);

        Assert.Equal(LeadSubmitStatus.Accepted, (await harness.Processor.SubmitAsync(lead)).Status);
        await sink.WaitForCommittedAsync(1, TimeSpan.FromSeconds(10));

        Assert.Equal(lead.Id, Assert.Single(sink.Committed).Lead.Id);
    }

    [Fact]
    public async Task DedupStoreDownForAWhile_IsRetried_AndTheLeadIsDeliveredNotDeadLettered()
    {
        var store = new FlakyDeduplicationStore { FailuresLeft = 3 };
        var sink = new RecordingSink();
        var deadLetters = new RecordingDeadLetterSink();
        await using var harness = PipelineHarness.Create(
            b => b.AddSink(sink, "crm").UseDeadLetterSink(deadLetters).UseDeduplication(),
            o => o.MaxDeliveryAttempts = 8,
            services => services.AddSingleton<ILeadDeduplicationStore>(store));
        var lead = TestLeads.Person(1);

        await harness.Processor.SubmitAsync(lead);
        await sink.WaitForCommittedAsync(1, TimeSpan.FromSeconds(10));
        await harness.Processor.StopAsync();

        Assert.Equal(lead.Id, Assert.Single(sink.CommittedIds));
        Assert.Empty(deadLetters.Received);
        Assert.Equal(0, store.FailuresLeft);
    }

    [Fact]
    public async Task StopAsync_WhileTheDedupStoreIsDown_ReturnsPromptly_AndTheLeadStaysPending()
    {
        var store = new FlakyDeduplicationStore { FailuresLeft = int.MaxValue };
        var sink = new RecordingSink();
        var deadLetters = new RecordingDeadLetterSink();
        await using var harness = PipelineHarness.Create(
            b => b.AddSink(sink, "crm").UseDeadLetterSink(deadLetters).UseDeduplication(),
            RealTiming,
            services => services.AddSingleton<ILeadDeduplicationStore>(store));
        var lead = TestLeads.Person(1);

        await harness.Processor.SubmitAsync(lead);
        await Polling.WaitAsync(() => store.Calls >= 2, TimeSpan.FromSeconds(10), () => "the store was not called twice");
        var stopping = Stopwatch.StartNew();
        await harness.Processor.StopAsync();

        Assert.InRange(stopping.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(5));
        Assert.Empty(sink.Committed);
        Assert.Empty(deadLetters.Received);
        Assert.Equal(lead.Id, Assert.Single(await harness.Journal.ReadPendingAsync(CancellationToken.None).ToListAsync()).Lead.Id);
    }

    /// <summary>A custom strategy with a bug that one customer's company name trips.</summary>
    private sealed class ThrowingStrategy : ILeadMatchStrategy
    {
        public string Name => "throwing";

        public MatchScope Scope => MatchScope.AnyLead;

        public void AddBlockingKeys(LeadMatchSubject subject, BlockingKeys keys)
        {
            if (subject.Customer.Company == PoisonCompany)
            {
                throw new InvalidOperationException("strategy bug");
            }
        }

        public MatchVerdict Compare(LeadMatchSubject subject, LeadMatchSubject candidate) => MatchVerdict.NoMatch;
    }

    /// <summary>An in-memory store that is unreachable for its first <see cref="FailuresLeft"/> calls.</summary>
    private sealed class FlakyDeduplicationStore : ILeadDeduplicationStore
    {
        private readonly InMemoryLeadDeduplicationStore _inner = new();
        private int _calls;

        public int FailuresLeft { get; set; }

        public int Calls => Volatile.Read(ref _calls);

        public ValueTask<CustomerProfile?> FindProfileByLeadAsync(LeadId leadId, CancellationToken cancellationToken = default)
        {
            Fail();
            return _inner.FindProfileByLeadAsync(leadId, cancellationToken);
        }

        public ValueTask<DeduplicationLookup> FindCandidatesAsync(IReadOnlyList<ulong> blockingKeys, int maxProfilesPerKey, CancellationToken cancellationToken = default)
        {
            Fail();
            return _inner.FindCandidatesAsync(blockingKeys, maxProfilesPerKey, cancellationToken);
        }

        public ValueTask SaveAsync(DeduplicationStoreUpdate update, CancellationToken cancellationToken = default)
        {
            Fail();
            return _inner.SaveAsync(update, cancellationToken);
        }

        public ValueTask<CustomerProfile?> FindProfileAsync(CustomerProfileId profileId, CancellationToken cancellationToken = default)
        {
            Fail();
            return _inner.FindProfileAsync(profileId, cancellationToken);
        }

        public ValueTask<IReadOnlyList<KeptApartPair>> FindKeptApartAsync(IReadOnlyList<CustomerProfileId> profiles, CancellationToken cancellationToken = default)
        {
            Fail();
            return _inner.FindKeptApartAsync(profiles, cancellationToken);
        }

        public ValueTask<LeadDecisionRecord?> FindDecisionAsync(LeadId leadId, CancellationToken cancellationToken = default)
        {
            Fail();
            return _inner.FindDecisionAsync(leadId, cancellationToken);
        }

        public ValueTask<long> SaveReviewAsync(DeduplicationReviewUpdate update, CancellationToken cancellationToken = default)
        {
            Fail();
            return _inner.SaveReviewAsync(update, cancellationToken);
        }

        public IAsyncEnumerable<KeptApartPair> GetKeptApartAsync(CancellationToken cancellationToken = default) => _inner.GetKeptApartAsync(cancellationToken);

        public IAsyncEnumerable<ReviewAction> ReadReviewLogAsync(long afterSequence, CancellationToken cancellationToken = default) => _inner.ReadReviewLogAsync(afterSequence, cancellationToken);

        public IAsyncEnumerable<CustomerProfile> GetProfilesAsync(CancellationToken cancellationToken = default) => _inner.GetProfilesAsync(cancellationToken);

        public IAsyncEnumerable<PossibleDuplicate> GetPossibleDuplicatesAsync(CancellationToken cancellationToken = default) => _inner.GetPossibleDuplicatesAsync(cancellationToken);

        private void Fail()
        {
            Interlocked.Increment(ref _calls);
            lock (_inner)
            {
                if (FailuresLeft > 0)
                {
                    FailuresLeft--;
                    throw new TimeoutException("the de-duplication database does not answer");
                }
            }
        }
    }
}
