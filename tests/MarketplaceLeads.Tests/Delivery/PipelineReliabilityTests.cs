using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using MarketplaceLeads.Delivery;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace MarketplaceLeads.Tests;

public sealed class PipelineReliabilityTests
{
    [Fact]
    public async Task FailingSink_IsRetriedUntilItSucceeds_WithGrowingDelays()
    {
        var sink = new RecordingSink { Behaviour = (call, _, _) => call <= 3 ? throw new InvalidOperationException($"down {call}") : Task.CompletedTask };
        var observer = new RecordingObserver();
        await using var harness = PipelineHarness.Create(b => b.AddSink(sink, "flaky").AddObserver(observer), o =>
        {
            o.RetryBaseDelay = TimeSpan.FromMilliseconds(10);
            o.RetryMaxDelay = TimeSpan.FromSeconds(1);
        });

        await harness.Processor.SubmitAsync(TestLeads.Person(1));
        await sink.WaitForCommittedAsync(1);

        Assert.Equal(4, sink.Calls);
        var retries = observer.Retries.ToArray();
        Assert.Equal([1, 2, 3], retries.Select(r => r.Attempt));
        Assert.All(retries, r => Assert.Equal("flaky", r.Sink));
        // Exponential with up to half subtracted as jitter: attempt n waits within [base·2^(n-1)/2, base·2^(n-1)].
        for (var i = 0; i < retries.Length; i++)
        {
            var ceiling = 10 * Math.Pow(2, i);
            Assert.InRange(retries[i].Delay.TotalMilliseconds, ceiling / 2, ceiling);
        }

        await observer.WaitAsync(o => o.Delivered.Any(d => d.Attempt == 4));
        Assert.Empty(observer.DeadLetters);
    }

    [Fact]
    public async Task RetryAfterHint_IsHonoured_BeforeTheNextAttempt()
    {
        var time = new FakeTimeProvider(TestLeads.Start);
        var sink = new RecordingSink { Behaviour = (call, _, _) => call == 1 ? throw new LeadSinkException("429 Too Many Requests", isTransient: true, retryAfter: TimeSpan.FromMinutes(10)) : Task.CompletedTask };
        var observer = new RecordingObserver();
        await using var harness = PipelineHarness.Create(
            b => b.AddSink(sink, "throttled").AddObserver(observer),
            o => o.BatchDelay = TimeSpan.Zero,
            s => s.AddSingleton<TimeProvider>(time));

        await harness.Processor.SubmitAsync(TestLeads.Person(1));
        await observer.WaitAsync(o => !o.Retries.IsEmpty);
        Assert.Equal(TimeSpan.FromMinutes(10), Assert.Single(observer.Retries).Delay);

        time.Advance(TimeSpan.FromMinutes(9));
        await Task.Delay(50);
        Assert.Equal(1, sink.Calls);
        time.Advance(TimeSpan.FromMinutes(1));
        await sink.WaitForCommittedAsync(1);
        Assert.Equal(2, sink.Calls);
    }

    [Fact]
    public async Task RetryAfterHint_LongerThanMaxRetryAfter_IsCut()
    {
        var sink = new RecordingSink { Behaviour = (call, _, _) => call == 1 ? throw new LeadSinkException("503", isTransient: true, retryAfter: TimeSpan.FromDays(1)) : Task.CompletedTask };
        var observer = new RecordingObserver();
        await using var harness = PipelineHarness.Create(b => b.AddSink(sink).AddObserver(observer), o => o.MaxRetryAfter = TimeSpan.FromMilliseconds(30));

        await harness.Processor.SubmitAsync(TestLeads.Person(1));
        await sink.WaitForCommittedAsync(1);

        Assert.Equal(TimeSpan.FromMilliseconds(30), Assert.Single(observer.Retries).Delay);
    }

    [Fact]
    public async Task SinkThatAlwaysFails_DeadLettersEveryLeadWithRawPayloadAfterMaxAttempts()
    {
        var sink = new RecordingSink { Behaviour = (_, _, _) => throw new InvalidOperationException("CRM is down") };
        var deadLetters = new RecordingDeadLetterSink();
        await using var harness = PipelineHarness.Create(b => b.AddSink(sink, "crm").UseDeadLetterSink(deadLetters), o => o.MaxDeliveryAttempts = 3);
        var leads = TestLeads.People(4);
        foreach (var lead in leads)
        {
            await harness.Processor.SubmitAsync(lead);
        }

        await harness.Processor.StopAsync();

        var received = deadLetters.Received;
        Assert.Equal(leads.Select(l => l.Id).Order(), received.Select(d => d.LeadId!.Value).Order());
        Assert.All(received, d =>
        {
            Assert.Equal(LeadDeadLetterKind.DeliveryFailed, d.Kind);
            Assert.Equal("crm", d.Sink);
            Assert.Equal(3, d.Attempts);
            Assert.Equal(typeof(InvalidOperationException).FullName, d.ExceptionType);
            Assert.Contains("CRM is down", d.Reason, StringComparison.Ordinal);
            Assert.Equal(d.Lead!.RawPayload, d.RawPayload);
            Assert.NotNull(d.RawPayload);
        });
        Assert.Empty(await harness.Journal.ReadPendingAsync(CancellationToken.None).ToListAsync());
        Assert.Equal(4, (await harness.Journal.ReadDeadLettersAsync(CancellationToken.None).ToListAsync()).Count);
    }

    [Fact]
    public async Task DeadLetterSinkThatRefuses_IsNotRetried_AndTheDeadLettersStayInTheJournal()
    {
        // The dead-letter sink retries with the pipeline's one policy: a refusal (not transient) is not tried again.
        var sink = new RecordingSink { Behaviour = (_, _, _) => throw new LeadSinkException("400 Bad Request", isTransient: false) };
        var refusing = new RefusingDeadLetterSink();
        await using var harness = PipelineHarness.Create(b => b.AddSink(sink, "crm").UseDeadLetterSink(refusing), o => o.MaxDeliveryAttempts = 3);
        var lead = TestLeads.People(1)[0];

        await harness.Processor.SubmitAsync(lead);
        await harness.Processor.StopAsync();

        Assert.Equal(1, refusing.Calls);
        var kept = Assert.Single(await harness.Journal.ReadDeadLettersAsync(CancellationToken.None).ToListAsync());
        Assert.Equal(lead.Id, kept.LeadId);
    }

    private sealed class RefusingDeadLetterSink : ILeadDeadLetterSink
    {
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        public ValueTask WriteAsync(IReadOnlyList<LeadDeadLetter> deadLetters, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _calls);
            throw new LeadSinkException("the dead-letter store refuses these", isTransient: false);
        }
    }

    [Fact]
    public async Task NonTransientFailure_IsNotRetried_AndOnlyThePoisonLeadIsDeadLettered()
    {
        var leads = TestLeads.People(5);
        var poison = leads[2].Id;
        var sink = new RecordingSink
        {
            Behaviour = (_, batch, _) => batch.Any(d => d.Lead.Id == poison)
                ? throw new LeadSinkException("400 Bad Request: field too long", isTransient: false)
                : Task.CompletedTask,
        };
        var deadLetters = new RecordingDeadLetterSink();
        var observer = new RecordingObserver();
        await using var harness = PipelineHarness.Create(b => b.AddSink(sink, "crm").UseDeadLetterSink(deadLetters).AddObserver(observer), o => o.BatchDelay = TimeSpan.FromMilliseconds(200));
        foreach (var lead in leads)
        {
            await harness.Processor.SubmitAsync(lead);
        }

        await harness.Processor.StopAsync();

        Assert.Equal(leads.Select(l => l.Id).Where(id => id != poison).Order(), sink.CommittedIds.Order());
        var deadLetter = Assert.Single(deadLetters.Received);
        Assert.Equal(poison, deadLetter.LeadId);
        Assert.Contains("not retried", deadLetter.Reason, StringComparison.Ordinal);
        Assert.Empty(observer.Retries);
    }

    [Fact]
    public async Task HangingSinkThatIgnoresCancellation_TimesOutAndTheRetrySucceeds()
    {
        var never = new TaskCompletionSource();
        var sink = new RecordingSink { Behaviour = (call, _, _) => call == 1 ? never.Task : Task.CompletedTask };
        var observer = new RecordingObserver();
        await using var harness = PipelineHarness.Create(b => b.AddSink(sink, "hangs").AddObserver(observer), o => o.AttemptTimeout = TimeSpan.FromMilliseconds(100));

        await harness.Processor.SubmitAsync(TestLeads.Person(1));
        await sink.WaitForCommittedAsync(1);

        var retry = Assert.Single(observer.Retries);
        Assert.IsType<TimeoutException>(retry.Error);
        Assert.Contains("attempt time-out", retry.Error.Message, StringComparison.Ordinal);
        never.SetResult();
    }

    [Fact]
    public async Task HangingSinkThatHonoursCancellation_IsCancelledAtTheTimeout()
    {
        CancellationToken seen = default;
        var sink = new RecordingSink
        {
            Behaviour = async (call, _, ct) =>
            {
                if (call == 1)
                {
                    seen = ct;
                    await Task.Delay(Timeout.Infinite, ct);
                }
            },
        };
        var observer = new RecordingObserver();
        await using var harness = PipelineHarness.Create(b => b.AddSink(sink).AddObserver(observer), o => o.AttemptTimeout = TimeSpan.FromMilliseconds(100));

        await harness.Processor.SubmitAsync(TestLeads.Person(1));
        await sink.WaitForCommittedAsync(1);

        Assert.True(seen.IsCancellationRequested);
        Assert.IsType<TimeoutException>(Assert.Single(observer.Retries).Error);
    }

    /// <summary>
    /// One token source serves attempt after attempt (issue #18: no allocation a batch); an abandoned attempt's token stays
    /// signalled for the call that still holds it, and the attempts after it get a token that is not.
    /// </summary>
    [Fact]
    public async Task AttemptTokens_AreSignalledOnlyForTheAbandonedAttempt_AndTheAttemptsAfterItGetAFreshOne()
    {
        var calls = new List<(CancellationToken Token, bool SignalledAtCall)>();
        var sink = new RecordingSink
        {
            Behaviour = async (call, _, ct) =>
            {
                lock (calls)
                {
                    calls.Add((ct, ct.IsCancellationRequested));
                }

                if (call == 3)
                {
                    await Task.Delay(Timeout.Infinite, ct);
                }
            },
        };
        var observer = new RecordingObserver();
        await using var harness = PipelineHarness.Create(b => b.AddSink(sink).AddObserver(observer), o => o.AttemptTimeout = TimeSpan.FromMilliseconds(100));

        for (var i = 1; i <= 5; i++)
        {
            await harness.Processor.SubmitAsync(TestLeads.Person(i));
            await sink.WaitForCommittedAsync(i); // one batch a lead; the third lead's first attempt hangs and is retried
        }

        Assert.Equal(6, calls.Count);
        Assert.All(calls, static c => Assert.False(c.SignalledAtCall));
        Assert.Equal(calls[0].Token, calls[1].Token); // reused after a completed attempt
        Assert.True(calls[2].Token.IsCancellationRequested); // the abandoned attempt's call saw its token signalled
        Assert.NotEqual(calls[2].Token, calls[3].Token);
        Assert.All(calls.Skip(3), static c => Assert.False(c.Token.IsCancellationRequested));
        Assert.IsType<TimeoutException>(Assert.Single(observer.Retries).Error);
    }

    [Fact]
    public async Task FullQueue_RejectMode_ReportsQueueFullAndAcceptsNothing()
    {
        var gate = new TaskCompletionSource();
        var sink = new RecordingSink { Behaviour = (_, _, ct) => gate.Task.WaitAsync(ct) };
        await using var harness = PipelineHarness.Create(b => b.AddSink(sink), o =>
        {
            o.QueueCapacity = 3;
            o.FullMode = LeadQueueFullMode.Reject;
        });
        var leads = TestLeads.People(5);

        var statuses = new LeadSubmitStatus[5];
        for (var i = 0; i < 5; i++)
        {
            statuses[i] = (await harness.Processor.SubmitAsync(leads[i])).Status;
        }

        Assert.Equal([LeadSubmitStatus.Accepted, LeadSubmitStatus.Accepted, LeadSubmitStatus.Accepted, LeadSubmitStatus.QueueFull, LeadSubmitStatus.QueueFull], statuses);
        gate.SetResult();
        await harness.Processor.StopAsync();
        Assert.Equal(leads.Take(3).Select(l => l.Id).Order(), sink.CommittedIds.Order());
        // Refused leads were not journaled: the journal has never seen them.
        Assert.True(await harness.Journal.TryAcceptAsync(leads[3], TestLeads.Start, [], CancellationToken.None));
    }

    [Fact]
    public async Task FullQueue_WaitMode_BlocksTheProducerUntilThereIsRoom()
    {
        var (harness, gate, sink, leads, third) = await FullQueueOfTwoAndAThirdWaitingAsync(CancellationToken.None);
        await using var disposing = harness;
        using var cancel = new CancellationTokenSource(50);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await harness.Processor.SubmitAsync(TestLeads.Person(9), cancel.Token));

        gate.SetResult();
        Assert.Equal(LeadSubmitStatus.Accepted, (await third.WaitAsync(TimeSpan.FromSeconds(30))).Status);
        await harness.Processor.StopAsync();
        Assert.Equal(3, sink.Committed.Count);
    }

    [Theory]
    [InlineData(false)] // a producer without a token of its own waits on the pipeline's (no linked source a lead)
    [InlineData(true)]
    public async Task FullQueue_WaitMode_AProducerStillWaitingWhenThePipelineStops_IsToldTheLeadWasNotAccepted(bool ownToken)
    {
        using var never = new CancellationTokenSource();
        var (harness, gate, sink, leads, third) = await FullQueueOfTwoAndAThirdWaitingAsync(ownToken ? never.Token : CancellationToken.None);
        await using var disposing = harness;
        var stopping = harness.Processor.StopAsync();

        var error = await Assert.ThrowsAsync<ObjectDisposedException>(() => third.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Contains("waited for room in its queue; the lead was not accepted", error.Message, StringComparison.Ordinal);
        gate.SetResult();
        await stopping.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(leads.Take(2).Select(l => l.Id).Order(), sink.CommittedIds.Order());
    }

    /// <summary>A pipeline with room for two leads and a sink that holds its batch until the gate opens: two leads submitted, a third waiting for room (submitted with <paramref name="token"/>).</summary>
    private static async Task<(PipelineHarness Harness, TaskCompletionSource Gate, RecordingSink Sink, IReadOnlyList<Lead> Leads, Task<LeadSubmitResult> Third)> FullQueueOfTwoAndAThirdWaitingAsync(CancellationToken token)
    {
        var gate = new TaskCompletionSource();
        var sink = new RecordingSink { Behaviour = (_, _, ct) => gate.Task.WaitAsync(ct) };
        var harness = PipelineHarness.Create(b => b.AddSink(sink), o => o.QueueCapacity = 2);
        var leads = TestLeads.People(3);
        await harness.Processor.SubmitAsync(leads[0], CancellationToken.None);
        await harness.Processor.SubmitAsync(leads[1], CancellationToken.None);
        var third = harness.Processor.SubmitAsync(leads[2], token).AsTask();
        await Task.Delay(100, CancellationToken.None);
        Assert.False(third.IsCompleted);
        return (harness, gate, sink, leads, third);
    }

    [Fact]
    public async Task SinkThatThrowsOnDispose_IsReportedAndShutdownCompletes()
    {
        var observer = new RecordingObserver();
        await using var harness = PipelineHarness.Create(b => b.AddSink<ThrowsOnDisposeSink>("disposable").AddObserver(observer));
        await harness.Processor.SubmitAsync(TestLeads.Person(1));

        await harness.Processor.StopAsync();

        var error = Assert.Single(observer.SinkErrors);
        Assert.Equal(("disposable", "dispose"), (error.Sink, error.Operation));
        Assert.Equal("dispose failed", error.Error.Message);
    }

    [Fact]
    public async Task ShutdownTimeout_LeavesUndeliveredLeadsPendingInTheJournal()
    {
        var sink = new RecordingSink { Behaviour = (_, _, ct) => Task.Delay(Timeout.Infinite, ct) };
        await using var harness = PipelineHarness.Create(b => b.AddSink(sink), o =>
        {
            o.ShutdownTimeout = TimeSpan.FromMilliseconds(200);
            o.AttemptTimeout = TimeSpan.FromMinutes(10);
        });
        var leads = TestLeads.People(3);
        foreach (var lead in leads)
        {
            await harness.Processor.SubmitAsync(lead);
        }

        await harness.Processor.StopAsync().WaitAsync(TimeSpan.FromSeconds(30));

        var pending = await harness.Journal.ReadPendingAsync(CancellationToken.None).ToListAsync();
        Assert.Equal(leads.Select(l => l.Id), pending.Select(p => p.Lead.Id));
        Assert.All(pending, p => Assert.Equal(["RecordingSink"], p.PendingSinks));
    }

    [Theory]
    [InlineData("QueueCapacity", "MarketplaceLeadsOptions.QueueCapacity must be between 1 and 10,000,000; it is 0.")]
    [InlineData("MaxBatchSize", "MarketplaceLeadsOptions.MaxBatchSize must be between 1 and 10,000; it is 0.")]
    [InlineData("AttemptTimeout", "MarketplaceLeadsOptions.AttemptTimeout must be between 00:00:00.0010000 and 01:00:00; it is 00:00:00.")]
    [InlineData("ShutdownTimeout", "MarketplaceLeadsOptions.ShutdownTimeout must be between 00:00:00 and 01:00:00; it is -00:00:01.")]
    public void InvalidOptions_FailStartUpValidation_NamingPropertyAndValue(string property, string expected)
    {
        var services = new ServiceCollection();
        services.AddMarketplaceLeads(o =>
        {
            switch (property)
            {
                case "QueueCapacity": o.QueueCapacity = 0; break;
                case "MaxBatchSize": o.MaxBatchSize = 0; break;
                case "AttemptTimeout": o.AttemptTimeout = TimeSpan.Zero; break;
                default: o.ShutdownTimeout = TimeSpan.FromSeconds(-1); break;
            }
        }).AddSink(new InMemoryLeadSink());
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains($"{property}: {expected}", error.Failures);
    }

    [Fact]
    public void NoSink_FailsStartUpValidation()
    {
        var services = new ServiceCollection();
        services.AddMarketplaceLeads();
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("The default lead pipeline has no sink", error.Message, StringComparison.Ordinal);
        Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<ILeadPipeline>());
    }

    [Fact]
    public void DuplicateSinkNames_FailStartUpValidation()
    {
        var services = new ServiceCollection();
        services.AddMarketplaceLeads().AddSink(new InMemoryLeadSink(), "crm").AddSink(new InMemoryLeadSink(), "crm");
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("2 sinks named 'crm'", error.Message, StringComparison.Ordinal);
    }

    private sealed class ThrowsOnDisposeSink : ILeadSink, IAsyncDisposable
    {
        public ValueTask WriteBatchAsync(System.Collections.Generic.IReadOnlyList<LeadDelivery> batch, CancellationToken cancellationToken) => ValueTask.CompletedTask;

        public ValueTask DisposeAsync() => throw new InvalidOperationException("dispose failed");
    }
}
