using System;
using System.Threading;
using System.Threading.Tasks;

namespace MarketplaceLeads.Delivery;

/// <summary>What to do after a failed attempt.</summary>
internal enum RetryAction
{
    /// <summary>Stop: the last error stands.</summary>
    GiveUp,

    /// <summary>Try again at once (no back-off).</summary>
    RetryNow,

    /// <summary>Try again after <see cref="RetryStep.Delay"/>.</summary>
    RetryAfter,
}

/// <summary>The decision after a failed attempt; <paramref name="Reason"/> is the caller's own code for why it gave up (0 when it does not need one).</summary>
internal readonly record struct RetryStep(RetryAction Action, TimeSpan Delay = default, int Reason = 0)
{
    public static RetryStep GiveUp(int reason = 0) => new(RetryAction.GiveUp, Reason: reason);

    public static RetryStep Now => new(RetryAction.RetryNow);
}

/// <summary>How a retried operation ended: <see cref="Error"/> is <see langword="null"/> on success; <see cref="Stopped"/> when a wait was cut short by the pipeline stopping.</summary>
internal readonly record struct RetryResult<T>(T? Value, Exception? Error, int Attempts, RetryStep Last, bool Stopped)
{
    public bool Succeeded => Error is null && !Stopped;
}

/// <summary>
/// The pipeline's one retry policy. How many attempts (<see cref="MarketplaceLeadsOptions.MaxDeliveryAttempts"/>), how
/// long between them (exponential back-off from <see cref="MarketplaceLeadsOptions.RetryBaseDelay"/>, capped at
/// <see cref="MarketplaceLeadsOptions.RetryMaxDelay"/>, up to half of it taken off at random, never shorter than a sink's
/// retry-after hint up to <see cref="MarketplaceLeadsOptions.MaxRetryAfter"/>), waited on the pipeline's
/// <see cref="TimeProvider"/>. Every retry of the pipeline — sink batches, profile changes, the dead-letter sink, the
/// journal, the de-duplication store — runs through <see cref="RunAsync{TState, T}"/>; what a failure means is the caller's
/// (<see cref="Next"/> is the usual answer), so one loop serves them all.
/// </summary>
/// <remarks>
/// A small class rather than Polly.Core's retry strategy: the callers decide per failure with facts Polly would have to
/// carry in exceptions (a refused batch is split into single leads, a de-duplication store that is down is told from a
/// lead it cannot take, a wait ends when the pipeline stops), and the core package stays without a resilience dependency
/// for what is one loop and one formula.
/// </remarks>
internal sealed class RetryPolicy(MarketplaceLeadsOptions options, TimeProvider time)
{
    /// <summary>Gets the number of attempts an operation gets in all.</summary>
    public int MaxAttempts => options.MaxDeliveryAttempts;

    /// <summary>Whether an error may go away on its own: anything but a <see cref="LeadSinkException"/> marked not transient.</summary>
    public static bool IsTransient(Exception error) => error is not LeadSinkException { IsTransient: false };

    /// <summary>The wait before the next attempt: exponential back-off with jitter, at least the sink's retry-after hint.</summary>
    public TimeSpan Backoff(int failedAttempts, TimeSpan? retryAfter)
    {
        var exponential = options.RetryBaseDelay.Ticks * Math.Pow(2, Math.Min(failedAttempts - 1, 30));
        var capped = Math.Min(exponential, options.RetryMaxDelay.Ticks);
        var jittered = TimeSpan.FromTicks((long)(capped * (1 - (Random.Shared.NextDouble() * 0.5))));
        if (retryAfter is { } hint)
        {
            var honoured = hint < options.MaxRetryAfter ? hint : options.MaxRetryAfter;
            return honoured > jittered ? honoured : jittered;
        }

        return jittered;
    }

    /// <summary>The usual step after a failure: give up on an error that is not transient or when the attempts are spent, else wait the back-off (and a sink's retry-after hint).</summary>
    public RetryStep Next(int attempt, Exception error) =>
        !IsTransient(error) || attempt >= MaxAttempts
            ? RetryStep.GiveUp()
            : new RetryStep(RetryAction.RetryAfter, Backoff(attempt, (error as LeadSinkException)?.RetryAfter));

    /// <summary>
    /// Runs <paramref name="attempt"/> (numbered from 1) until it succeeds or <paramref name="onFailure"/> gives up. An
    /// attempt reports failure by returning an error (it throws only to abort). Waits are on the pipeline's clock, through
    /// <paramref name="wait"/> when given (which returns <see langword="false"/> to stop waiting and end the run).
    /// </summary>
    public async ValueTask<RetryResult<T>> RunAsync<TState, T>(
        TState state,
        Func<TState, int, CancellationToken, ValueTask<(T? Value, Exception? Error)>> attempt,
        Func<TState, int, Exception, ValueTask<RetryStep>> onFailure,
        CancellationToken token,
        Func<TState, TimeSpan, CancellationToken, ValueTask<bool>>? wait = null)
    {
        for (var n = 1; ; n++)
        {
            var (value, error) = await attempt(state, n, token).ConfigureAwait(false);
            if (error is null)
            {
                return new RetryResult<T>(value, null, n, default, Stopped: false);
            }

            var step = await onFailure(state, n, error).ConfigureAwait(false);
            switch (step.Action)
            {
                case RetryAction.GiveUp:
                    return new RetryResult<T>(default, error, n, step, Stopped: false);
                case RetryAction.RetryAfter when wait is not null:
                    if (!await wait(state, step.Delay, token).ConfigureAwait(false))
                    {
                        return new RetryResult<T>(default, error, n, step, Stopped: true);
                    }

                    break;
                case RetryAction.RetryAfter:
                    await Task.Delay(step.Delay, time, token).ConfigureAwait(false);
                    break;
            }
        }
    }

    /// <summary>Runs an operation that throws on failure as <see cref="RunAsync{TState, T}"/> does (an exception thrown after <paramref name="token"/> is cancelled aborts).</summary>
    public ValueTask<RetryResult<bool>> RunAsync<TState>(
        TState state,
        Func<TState, CancellationToken, ValueTask> operation,
        Func<TState, int, Exception, ValueTask<RetryStep>> onFailure,
        CancellationToken token) =>
        RunAsync<(TState State, Func<TState, CancellationToken, ValueTask> Operation, Func<TState, int, Exception, ValueTask<RetryStep>> OnFailure), bool>(
            (state, operation, onFailure),
            static async (s, _, token) =>
            {
                try
                {
                    await s.Operation(s.State, token).ConfigureAwait(false);
                    return (true, null);
                }
                catch (Exception error) when (!token.IsCancellationRequested)
                {
                    return (false, error);
                }
            },
            static (s, n, error) => s.OnFailure(s.State, n, error),
            token);
}
