using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using MarketplaceLeads.Delivery;
using Microsoft.Extensions.Time.Testing;

namespace MarketplaceLeads.Tests.Delivery;

/// <summary>The pipeline's one retry policy (sinks, profile changes, the dead-letter sink, the journal, the de-duplication store all retry through it).</summary>
public sealed class RetryPolicyTests
{
    private static readonly MarketplaceLeadsOptions Options = new()
    {
        MaxDeliveryAttempts = 4,
        RetryBaseDelay = TimeSpan.FromSeconds(1),
        RetryMaxDelay = TimeSpan.FromSeconds(10),
        MaxRetryAfter = TimeSpan.FromMinutes(1),
    };

    [Property]
    public Property Backoff_DoublesWithinHalfJitter_CappedAtTheMaximum(PositiveInt failedAttempts)
    {
        var policy = new RetryPolicy(Options, TimeProvider.System);
        var attempts = Math.Min(failedAttempts.Get, 200);
        var full = Math.Min(Options.RetryBaseDelay.TotalSeconds * Math.Pow(2, Math.Min(attempts - 1, 30)), Options.RetryMaxDelay.TotalSeconds);
        var delay = policy.Backoff(attempts, null).TotalSeconds;
        return (delay <= full + 1e-6 && delay >= (full / 2) - 1e-6).Label($"{delay} s for attempt {attempts}, expected {full / 2}–{full} s");
    }

    [Fact]
    public void Backoff_HonoursARetryAfterHint_UpToTheLimit()
    {
        var policy = new RetryPolicy(Options, TimeProvider.System);

        Assert.Equal(TimeSpan.FromSeconds(30), policy.Backoff(1, TimeSpan.FromSeconds(30)));
        Assert.Equal(Options.MaxRetryAfter, policy.Backoff(1, TimeSpan.FromHours(2)));
    }

    [Fact]
    public void Next_GivesUpOnARefusal_AndWhenTheAttemptsAreSpent()
    {
        var policy = new RetryPolicy(Options, TimeProvider.System);

        Assert.Equal(RetryAction.GiveUp, policy.Next(1, new LeadSinkException("refused", isTransient: false)).Action);
        Assert.Equal(RetryAction.GiveUp, policy.Next(Options.MaxDeliveryAttempts, new TimeoutException()).Action);
        Assert.Equal(RetryAction.RetryAfter, policy.Next(1, new TimeoutException()).Action);
    }

    [Fact]
    public async Task RunAsync_WaitsTheBackoffOnTheClock_AndStopsAtTheMaximum()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 6, 9, 0, 0, TimeSpan.Zero));
        var policy = new RetryPolicy(Options, clock);
        var started = new List<DateTimeOffset>();

        var run = policy.RunAsync(
            started,
            (times, token) =>
            {
                times.Add(clock.GetUtcNow());
                throw new TimeoutException("the sink did not answer");
            },
            (_, attempt, error) => ValueTask.FromResult(policy.Next(attempt, error)),
            CancellationToken.None);
        while (!run.IsCompleted)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            await Task.Yield();
        }

        var result = await run;
        Assert.False(result.Succeeded);
        Assert.IsType<TimeoutException>(result.Error);
        Assert.Equal(Options.MaxDeliveryAttempts, result.Attempts);
        Assert.Equal(Options.MaxDeliveryAttempts, started.Count);
        for (var i = 1; i < started.Count; i++)
        {
            Assert.True(started[i] - started[i - 1] >= TimeSpan.FromSeconds(0.5), $"attempt {i + 1} came {started[i] - started[i - 1]} after the one before");
        }
    }

    [Fact]
    public async Task RunAsync_RetryNow_DoesNotWait_AndAStoppedWaitEndsTheRun()
    {
        var clock = new FakeTimeProvider();
        var policy = new RetryPolicy(Options, clock);
        var calls = 0;

        var result = await policy.RunAsync<int, string>(
            0,
            (_, attempt, _) => ValueTask.FromResult<(string?, Exception?)>(attempt < 3 ? (null, new InvalidOperationException("not yet")) : ("done", null)),
            (_, _, _) => ValueTask.FromResult(RetryStep.Now),
            CancellationToken.None);
        var stopped = await policy.RunAsync<int, string>(
            0,
            (_, _, _) =>
            {
                calls++;
                return ValueTask.FromResult<(string?, Exception?)>((null, new TimeoutException()));
            },
            (_, attempt, error) => ValueTask.FromResult(policy.Next(attempt, error)),
            CancellationToken.None,
            (_, _, _) => ValueTask.FromResult(false)); // the pipeline is stopping

        Assert.True(result.Succeeded);
        Assert.Equal(("done", 3), (result.Value, result.Attempts));
        Assert.True(stopped.Stopped);
        Assert.Equal(1, calls);
    }
}
