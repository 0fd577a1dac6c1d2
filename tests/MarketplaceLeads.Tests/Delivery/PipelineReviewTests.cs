using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using MarketplaceLeads.Deduplication;
using MarketplaceLeads.Delivery;
using Microsoft.Extensions.DependencyInjection;
using static MarketplaceLeads.Testing.TestLeads;

namespace MarketplaceLeads.Tests;

/// <summary>Review through the pipeline (issue #15): accept and split reach the sinks that keep profiles, in order, at least once, also after a crash.</summary>
public class PipelineReviewTests
{
    // Two people of one household: one phone and last name, different first names and mailboxes; Luis asked not to be contacted.
    private static readonly Lead Ana = Make("Ana", "Garcia", email: "ana@contoso.example", phone: "+1 415 555 0134", country: "US", minutes: 10);
    private static readonly Lead LuisDnc = Make("Luis", "Garcia", email: "luis.garcia@gmail.com", phone: "+1 415 555 0134", country: "US", action: "DNC", minutes: 11);
    private static readonly CustomerProfileId AnaId = new(Ana.Id);
    private static readonly CustomerProfileId LuisId = new(LuisDnc.Id);

    [Fact]
    public async Task AcceptThenSplit_ThroughTheReview_TellsTheSink_WithTheProfilesRecomputed_AndTheStrangersDncGone()
    {
        var sink = new InMemoryLeadSink();
        await using var harness = PipelineHarness.Create(b => b.AddSink(sink, "crm"));
        var review = harness.Provider.GetRequiredService<ILeadReview>();
        Assert.Same(harness.Processor, review);
        await SubmitAndWaitAsync(harness, sink, Ana, LuisDnc);

        var accepted = await review.AcceptAsync(AnaId, LuisId, "ana@partner");
        var split = await review.SplitAsync(AnaId, [LuisDnc.Id], "ana@partner", "Luis is Ana's husband");
        await harness.Processor.StopAsync();

        var changes = sink.GetProfileChanges();
        Assert.Equal([1L, 2L], changes.Select(c => c.Sequence));
        Assert.Equal((1L, 2L), (accepted.Action.Sequence, split.Action.Sequence));
        var merge = changes[0];
        Assert.Equal(ReviewKind.Accept, merge.Kind);
        Assert.False(merge.IsRedelivery);
        Assert.Equal([LuisId], merge.RemovedProfiles);
        Assert.Equal("ana@partner", merge.Action.Reviewer);
        var merged = Assert.Single(merge.Profiles); // as it is now: the split made it Ana's alone again
        Assert.Equal(AnaId, merged.Id);
        var parts = changes[1];
        Assert.Equal(ReviewKind.Split, parts.Kind);
        Assert.Empty(parts.RemovedProfiles);
        Assert.Equal([AnaId, LuisId], parts.Profiles.Select(p => p.Id));
        Assert.False(parts.Profiles[0].DoNotContact); // a stranger's do-not-contact does not stick to Ana
        Assert.True(parts.Profiles[1].DoNotContact);
        Assert.Equal([Ana.Id], parts.Profiles[0].Leads.Select(l => l.Id));
        Assert.Equal("Luis is Ana's husband", parts.Action.Comment);
        Assert.DoesNotContain("husband", parts.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Review_WhileTheSinkStillHoldsLeads_DeliversTheChangeAfterTheLeadsItConcerns()
    {
        var sink = new RecordingSink();
        await using var harness = PipelineHarness.Create(b => b.AddSink(sink, "crm"));
        var review = harness.Provider.GetRequiredService<ILeadReview>();
        sink.Hold();
        await harness.Processor.SubmitAsync(Ana);
        await harness.Processor.SubmitAsync(LuisDnc);
        var store = harness.Provider.GetRequiredService<ILeadDeduplicator>().Store;
        await WaitUntilAsync(async () => await store.FindProfileByLeadAsync(LuisDnc.Id) is not null);

        await review.AcceptAsync(AnaId, LuisId);
        sink.Release();
        await harness.Processor.StopAsync();

        Assert.Equal([$"lead {Ana.Id}", $"lead {LuisDnc.Id}", "change 1"], sink.Events);
    }

    [Fact]
    public async Task Reject_ChangesNoProfile_AndTellsTheSinksNothing()
    {
        var sink = new InMemoryLeadSink();
        await using var harness = PipelineHarness.Create(b => b.AddSink(sink, "crm"));
        var review = harness.Provider.GetRequiredService<ILeadReview>();
        await SubmitAndWaitAsync(harness, sink, Ana, LuisDnc);

        var queue = await review.GetReviewQueueAsync();
        var rejected = await review.RejectAsync(queue[0].First.Id, queue[0].Second.Id, comment: "two people");
        await harness.Processor.StopAsync();

        Assert.Equal(ReviewKind.Reject, rejected.Action.Kind);
        Assert.Empty(sink.GetProfileChanges());
        Assert.Equal(rejected.Action, Assert.Single((await review.ExplainAsync(Ana.Id))!.Reviews));
    }

    [Fact]
    public async Task Review_UnknownProfile_ThrowsNamingIt_AndAfterStop_ThrowsObjectDisposed()
    {
        var sink = new InMemoryLeadSink();
        await using var harness = PipelineHarness.Create(b => b.AddSink(sink, "crm"));
        var review = harness.Provider.GetRequiredService<ILeadReview>();
        await SubmitAndWaitAsync(harness, sink, Ana);

        var unknown = await Assert.ThrowsAsync<ArgumentException>(() => review.AcceptAsync(AnaId, LuisId).AsTask());
        Assert.Contains(LuisId.ToString(), unknown.Message, StringComparison.Ordinal);
        await harness.Processor.StopAsync();
        await Assert.ThrowsAsync<ObjectDisposedException>(() => review.RejectAsync(AnaId, LuisId).AsTask());
    }

    [Fact]
    public async Task ChangeTheSinkRefuses_IsDeadLetteredWithItsProfileChangeRecord_AndTheNextChangeGoesOn()
    {
        var sink = new RecordingSink { RefuseChange = 1 };
        await using var harness = PipelineHarness.Create(b => b.AddSink(sink, "crm"), o => o.MaxDeliveryAttempts = 2);
        var review = harness.Provider.GetRequiredService<ILeadReview>();
        await harness.Processor.SubmitAsync(Ana);
        await harness.Processor.SubmitAsync(LuisDnc);
        await WaitUntilAsync(() => Task.FromResult(sink.Events.Count == 2));

        await review.AcceptAsync(AnaId, LuisId);
        await review.SplitAsync(AnaId, [LuisDnc.Id]);
        await harness.Processor.StopAsync();

        Assert.Equal("change 2", sink.Events[^1]);
        var deadLetter = Assert.Single(await harness.Journal.ReadDeadLettersAsync(CancellationToken.None).ToListAsync());
        Assert.Equal(LeadDeadLetterKind.ProfileChangeFailed, deadLetter.Kind);
        Assert.Equal("crm", deadLetter.Sink);
        Assert.Null(deadLetter.Lead);
        Assert.Contains("review 1: Accept", deadLetter.Reason, StringComparison.Ordinal);
        using var record = JsonDocument.Parse(deadLetter.RawPayload!);
        Assert.Equal(ProfileChangeJson.Schema, record.RootElement.GetProperty("schema").GetString());
        Assert.Equal(1, record.RootElement.GetProperty("sequence").GetInt64());
        Assert.Equal(2L, await harness.Journal.GetProfileChangeProgressAsync("crm", CancellationToken.None));
    }

    [Fact]
    public async Task Crash_BeforeTheSinkConfirmedAChange_TheRestartedPipelineSendsIt_FlaggedAsRedelivery()
    {
        var journal = new InMemoryLeadJournal();
        using var deduplicator = new LeadDeduplicator();
        var stuck = new RecordingSink();
        await using (var crashed = PipelineHarness.Create(b => b.AddSink(stuck, "crm"), services: PipelineHarness.SharedState(journal, deduplicator)))
        {
            await crashed.Processor.SubmitAsync(Ana);
            await crashed.Processor.SubmitAsync(LuisDnc);
            await WaitUntilAsync(() => Task.FromResult(stuck.Events.Count == 2));
            stuck.Hold();
            await crashed.Provider.GetRequiredService<ILeadReview>().AcceptAsync(AnaId, LuisId); // durable when it returns
            await crashed.Pipeline.AbortAsync();
        }

        Assert.Equal(2, stuck.Events.Count);
        var after = new InMemoryLeadSink();
        await using (var restarted = PipelineHarness.Create(b => b.AddSink(after, "crm"), services: PipelineHarness.SharedState(journal, deduplicator)))
        {
            await restarted.Processor.StartAsync();
            await restarted.Processor.StopAsync();
        }

        var change = Assert.Single(after.GetProfileChanges());
        Assert.Equal((1L, ReviewKind.Accept, true), (change.Sequence, change.Kind, change.IsRedelivery));
        Assert.Equal([Ana.Id, LuisDnc.Id], Assert.Single(change.Profiles).Leads.Select(l => l.Id));
        Assert.Equal(1L, await journal.GetProfileChangeProgressAsync("crm", CancellationToken.None));
    }

    [Fact]
    public async Task SinkAddedAfterReviews_IsToldOnlyOfTheReviewsMadeFromThen()
    {
        var journal = new InMemoryLeadJournal();
        using var deduplicator = new LeadDeduplicator();
        await deduplicator.AddAsync(Ana);
        await deduplicator.AddAsync(LuisDnc);
        await deduplicator.AcceptAsync(AnaId, LuisId); // before the pipeline ever ran

        var sink = new InMemoryLeadSink();
        await using var harness = PipelineHarness.Create(b => b.AddSink(sink, "crm"), services: PipelineHarness.SharedState(journal, deduplicator));
        await harness.Processor.StartAsync();
        await harness.Provider.GetRequiredService<ILeadReview>().SplitAsync(AnaId, [LuisDnc.Id]);
        await harness.Processor.StopAsync();

        Assert.Equal([2L], sink.GetProfileChanges().Select(c => c.Sequence));
    }

    [Fact]
    public async Task NamedPipeline_ResolvesItsReviewByKey()
    {
        var services = new ServiceCollection();
        services.AddMarketplaceLeads("eu").AddSink(new InMemoryLeadSink(), "crm");
        await using var provider = services.BuildServiceProvider();

        Assert.Same(provider.GetRequiredKeyedService<ILeadPipeline>("eu"), provider.GetRequiredKeyedService<ILeadReview>("eu"));
    }

    private static async Task SubmitAndWaitAsync(PipelineHarness harness, InMemoryLeadSink sink, params Lead[] leads)
    {
        foreach (var lead in leads)
        {
            Assert.Equal(LeadSubmitStatus.Accepted, (await harness.Processor.SubmitAsync(lead)).Status);
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await sink.WaitForCountAsync(leads.Length, timeout.Token);
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out");
            await Task.Delay(5);
        }
    }

    /// <summary>Records leads and changes in the order the sink gets them; can hold every write until released, and refuse one change.</summary>
    private sealed class RecordingSink : IProfileChangeSink
    {
        private readonly ConcurrentQueue<string> _events = new();
        private TaskCompletionSource _gate = Open();

        public long RefuseChange { get; init; }

        public List<string> Events => [.. _events];

        public void Hold() => _gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Release() => _gate.TrySetResult();

        public async ValueTask WriteBatchAsync(IReadOnlyList<LeadDelivery> batch, CancellationToken cancellationToken)
        {
            await _gate.Task.WaitAsync(cancellationToken);
            foreach (var delivery in batch)
            {
                _events.Enqueue($"lead {delivery.Lead.Id}");
            }
        }

        public async ValueTask WriteProfileChangesAsync(IReadOnlyList<ProfileChange> changes, CancellationToken cancellationToken)
        {
            await _gate.Task.WaitAsync(cancellationToken);
            if (changes.Any(c => c.Sequence == RefuseChange))
            {
                throw new LeadSinkException("the CRM refuses this change", isTransient: false);
            }

            foreach (var change in changes)
            {
                _events.Enqueue($"change {change.Sequence}");
            }
        }

        private static TaskCompletionSource Open()
        {
            var open = new TaskCompletionSource();
            open.SetResult();
            return open;
        }
    }
}
