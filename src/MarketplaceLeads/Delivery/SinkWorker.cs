using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;

namespace MarketplaceLeads.Delivery;

/// <summary>
/// Delivers to one sink, in the order the dispatcher posts: lead deliveries in batches (up to
/// <see cref="MarketplaceLeadsOptions.MaxBatchSize"/>, waiting up to <see cref="MarketplaceLeadsOptions.BatchDelay"/> for a
/// batch to fill) and profile changes; each write is an attempt with a time-out, retried with back-off, and what the sink
/// refuses for good or keeps failing is dead-lettered; progress is recorded in the journal.
/// </summary>
/// <param name="sink">The sink.</param>
/// <param name="options">The pipeline's options: batch size and delay, attempt time-out.</param>
/// <param name="retry">The retry policy.</param>
/// <param name="journal">The journal progress is recorded in (deliveries, the sink's position in the review log).</param>
/// <param name="deadLetters">Where what the sink does not take goes.</param>
/// <param name="events">Where deliveries, retries and sink failures are reported.</param>
/// <param name="time">The clock of time-outs, batch delays and latencies.</param>
/// <param name="finished">Gives back a lead's room in the pipeline's queue, once every sink is done with it.</param>
/// <param name="abort">Signalled when the pipeline stops at once: the worker ends, what it held stays pending in the journal.</param>
internal sealed class SinkWorker(
    ResolvedSink sink,
    MarketplaceLeadsOptions options,
    RetryPolicy retry,
    RetryingJournal journal,
    DeadLetterWorker deadLetters,
    PipelineEvents events,
    TimeProvider time,
    Action finished,
    CancellationToken abort)
{
    private readonly RetryPolicy _retry = retry;
    private readonly PipelineEvents _events = events;
    private CancellationTokenSource? _attemptSource; // see RentAttemptSource
    private CancellationToken _attemptSourceParent;
    private readonly Channel<SinkItem> _queue = Channel.CreateUnbounded<SinkItem>(new UnboundedChannelOptions { SingleReader = true });

    public string Name => sink.Name;

    public Task Completion { get; private set; } = Task.CompletedTask;

    /// <summary>Gets a value indicating whether the sink takes profile changes (<see cref="IProfileChangeSink"/>).</summary>
    public bool TakesProfileChanges => sink.Instance is IProfileChangeSink;

    /// <summary>Gets or sets the sequence of the last review posted to this worker (or confirmed by the sink before the start); in the dispatcher's turn.</summary>
    public long QueuedThrough { get; set; }

    public void Start() => Completion = Task.Run(RunAsync, CancellationToken.None);

    public void Post(TrackedDelivery delivery) => _queue.Writer.TryWrite(new SinkItem(delivery, null));

    public void Post(ProfileChange change) => _queue.Writer.TryWrite(new SinkItem(null, change));

    public void Complete() => _queue.Writer.TryComplete();

    /// <summary>Completes once the sink has written (or dead-lettered) everything posted before (an erasure waits for it, so that no delivery already under way writes the customer's data back).</summary>
    public Task DrainedAsync()
    {
        var drained = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_queue.Writer.TryWrite(new SinkItem(null, null, drained)))
        {
            drained.TrySetResult(); // completed: nothing more is written
        }

        return drained.Task;
    }

    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        if (sink.Sink is IFlushableLeadSink flushable)
        {
            try
            {
                await flushable.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception error) when (!cancellationToken.IsCancellationRequested)
            {
                _events.SinkFailed(Name, "flush", error);
            }
        }
    }

    public Task DisposeSinkAsync() => sink.DisposeOwnedAsync(_events);

    private async Task RunAsync()
    {
        var token = abort;
        var batch = new List<TrackedDelivery>(options.MaxBatchSize);
        var changes = new List<ProfileChange>();
        var reader = _queue.Reader;
        try
        {
            while (await reader.WaitToReadAsync(token).ConfigureAwait(false))
            {
                if (reader.TryPeek(out var head) && head.Drained is { } drained && reader.TryRead(out _))
                {
                    drained.TrySetResult();
                    continue;
                }

                if (NextIsChange())
                {
                    // A change waits for nothing: the leads before it are delivered already.
                    changes.Clear();
                    while (changes.Count < options.MaxBatchSize && reader.TryPeek(out var next) && next.Change is { } change && reader.TryRead(out _))
                    {
                        changes.Add(change);
                    }

                    await DeliverChangesAsync([.. changes], token).ConfigureAwait(false);
                    continue;
                }

                batch.Clear();
                TakeDeliveries(batch);
                if (batch.Count < options.MaxBatchSize && options.BatchDelay > TimeSpan.Zero)
                {
                    await FillAsync(batch, token).ConfigureAwait(false);
                }

                await DeliverAsync(batch, token).ConfigureAwait(false);
                foreach (var item in batch)
                {
                    if (item.Done())
                    {
                        finished();
                    }
                }
            }
        }
        catch (Exception) when (token.IsCancellationRequested)
        {
            // Aborted: what this worker held stays pending in the journal.
        }
        finally
        {
            _attemptSource?.Dispose(); // the attempts' kept token source (RentAttemptSource): no attempt runs after this loop
            _attemptSource = null;
        }
    }

    /// <summary>Moves the lead deliveries at the head of the queue into the batch, up to its size; stops at a profile change.</summary>
    private void TakeDeliveries(List<TrackedDelivery> batch)
    {
        var reader = _queue.Reader;
        while (batch.Count < options.MaxBatchSize && reader.TryPeek(out var next) && next.Delivery is { } delivery && reader.TryRead(out _))
        {
            batch.Add(delivery);
        }
    }

    private bool NextIsChange() => _queue.Reader.TryPeek(out var next) && next.Change is not null;

    /// <summary>Delivers profile changes as leads are delivered: attempts with a time-out, back-off, dead letters; the sink's position in the review log recorded in the journal.</summary>
    private Task DeliverChangesAsync(ProfileChange[] changes, CancellationToken token) =>
        WriteWithRetryAsync(
            changes,
            static (self, changes, _, token) => self.TryWriteChangesAsync(changes, token),
            static async (self, changes, token) => await self.ConfirmAsync(changes, token).ConfigureAwait(false),
            static (self, changes, attempts, error, token) => self.GiveUpChangesAsync(changes, attempts, error, token),
            static (self, changes, attempt, delay, error) => self._events.RetryingProfileChanges(self.Name, changes.Length, attempt, self._retry.MaxAttempts, delay, error),
            token);

    /// <summary>
    /// Writes a batch with the pipeline's retry policy; on success, <paramref name="confirm"/>. A batch the sink refuses
    /// for good (not transient) may hold one item it refuses: each item then gets one attempt of its own, so the others
    /// get through; what still fails, or a batch whose attempts are spent, is given up (dead-lettered).
    /// </summary>
    private async Task WriteWithRetryAsync<T>(
        T[] items,
        Func<SinkWorker, T[], int, CancellationToken, Task<Exception?>> write,
        Func<SinkWorker, T[], CancellationToken, Task> confirm,
        Func<SinkWorker, T[], int, Exception, CancellationToken, Task> giveUp,
        Action<SinkWorker, T[], int, TimeSpan, Exception> retrying,
        CancellationToken token)
    {
        var result = await _retry.RunAsync<(SinkWorker Self, T[] Items, Func<SinkWorker, T[], int, CancellationToken, Task<Exception?>> Write, Action<SinkWorker, T[], int, TimeSpan, Exception> Retrying), bool>(
            (this, items, write, retrying),
            static async (s, attempt, token) => await s.Write(s.Self, s.Items, attempt, token).ConfigureAwait(false) is { } error ? (false, error) : (true, null),
            static (s, attempt, error) =>
            {
                var step = s.Self._retry.Next(attempt, error);
                if (step.Action == RetryAction.RetryAfter)
                {
                    s.Retrying(s.Self, s.Items, attempt, step.Delay, error);
                }

                return ValueTask.FromResult(step);
            },
            token).ConfigureAwait(false);
        if (result.Succeeded)
        {
            await confirm(this, items, token).ConfigureAwait(false);
            return;
        }

        if (!RetryPolicy.IsTransient(result.Error!) && items.Length > 1)
        {
            foreach (var item in items)
            {
                T[] single = [item];
                if (await write(this, single, result.Attempts + 1, token).ConfigureAwait(false) is { } singleError)
                {
                    await giveUp(this, single, result.Attempts + 1, singleError, token).ConfigureAwait(false);
                }
                else
                {
                    await confirm(this, single, token).ConfigureAwait(false);
                }
            }

            return;
        }

        await giveUp(this, items, result.Attempts, result.Error!, token).ConfigureAwait(false);
    }

    /// <summary>Makes one attempt at writing profile changes; returns <see langword="null"/> on success, else what went wrong. Throws only when the pipeline aborts.</summary>
    private async Task<Exception?> TryWriteChangesAsync(ProfileChange[] changes, CancellationToken token)
    {
        var attemptToken = RentAttemptSource(token);
        Task? write = null;
        try
        {
            write = ((IProfileChangeSink)sink.Instance).WriteProfileChangesAsync(changes, attemptToken.Token).AsTask();
            await write.WaitAsync(options.AttemptTimeout, time, token).ConfigureAwait(false);
            return null;
        }
        catch (Exception error) when (!token.IsCancellationRequested)
        {
            return error is TimeoutException
                ? new TimeoutException($"Sink '{Name}' did not write {changes.Length} profile change(s) within the attempt time-out of {options.AttemptTimeout}.", error)
                : error;
        }
        finally
        {
            await ReturnAttemptSourceAsync(attemptToken, abandoned: write is { IsCompleted: false }).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The token source of a write attempt: linked to the pipeline's <paramref name="token"/>, signalled when the attempt is
    /// abandoned (its time-out passed, <see cref="Task.WaitAsync(TimeSpan, TimeProvider, CancellationToken)"/>), so that the
    /// sink's call sees it. One source serves attempt after attempt (reset after each): a batch's attempt allocates none.
    /// </summary>
    private CancellationTokenSource RentAttemptSource(CancellationToken token)
    {
        if (_attemptSource is { } source && _attemptSourceParent == token)
        {
            _attemptSource = null;
            return source;
        }

        _attemptSource?.Dispose();
        _attemptSource = null;
        _attemptSourceParent = token;
        return CancellationTokenSource.CreateLinkedTokenSource(token);
    }

    /// <summary>Keeps an attempt's source for the next attempt unless the attempt was abandoned (its call may still hold the token, which is signalled now) or it was signalled.</summary>
    private async ValueTask ReturnAttemptSourceAsync(CancellationTokenSource source, bool abandoned)
    {
        if (abandoned)
        {
            await source.CancelAsync().ConfigureAwait(false);
        }

        if (!abandoned && _attemptSource is null && source.TryReset())
        {
            _attemptSource = source;
            return;
        }

        source.Dispose();
    }

    private Task<bool> ConfirmAsync(ProfileChange[] changes, CancellationToken token) =>
        journal.TryAsync(static (journal, state, token) => journal.SetProfileChangeProgressAsync(state.Name, state.Sequence, token), (Name, changes[^1].Sequence), "record a profile change", token);

    /// <summary>Dead-letters profile changes the sink did not take (each with its <c>profile-change@1</c> record), and records them as done for the sink, so that the later ones go on.</summary>
    private async Task GiveUpChangesAsync(ProfileChange[] changes, int attempts, Exception error, CancellationToken token)
    {
        var reason = error is LeadSinkException { IsTransient: false }
            ? $"Sink '{Name}' refused the profile change (not retried); {error.GetType().Name}: {error.Message}"
            : $"Sink '{Name}' failed {attempts} attempt(s) at the profile change; last error: {error.GetType().Name}: {error.Message}";
        var failed = new List<LeadDeadLetter>(changes.Length);
        foreach (var change in changes)
        {
            failed.Add(new LeadDeadLetter
            {
                Kind = LeadDeadLetterKind.ProfileChangeFailed,
                Reason = $"{reason} (review {change.Sequence}: {change.Kind} of profiles {change.Action.First} and {change.Action.Second})",
                OccurredAt = time.GetUtcNow(),
                RawPayload = ProfileChangeJson.Serialize(change),
                Sink = Name,
                Attempts = attempts,
                ExceptionType = error.GetType().FullName,
                ExceptionMessage = error.Message,
            });
        }

        await deadLetters.RecordAsync(failed, token).ConfigureAwait(false);
        await ConfirmAsync(changes, token).ConfigureAwait(false);
    }

    /// <summary>Waits up to <see cref="MarketplaceLeadsOptions.BatchDelay"/> for more deliveries, unless the queue is completing (draining).</summary>
    private async Task FillAsync(List<TrackedDelivery> batch, CancellationToken token)
    {
        using var delay = CancellationTokenSource.CreateLinkedTokenSource(token);
        var deadline = Task.Delay(options.BatchDelay, time, delay.Token);
        var reader = _queue.Reader;
        try
        {
            while (batch.Count < options.MaxBatchSize)
            {
                var more = reader.WaitToReadAsync(delay.Token).AsTask();
                if (await Task.WhenAny(more, deadline).ConfigureAwait(false) != more || !await more.ConfigureAwait(false))
                {
                    break;
                }

                TakeDeliveries(batch);
                if (reader.TryPeek(out var next) && next.Delivery is null)
                {
                    break; // a profile change (or a drain mark) ends the batch: it goes after these leads
                }
            }
        }
        finally
        {
            await delay.CancelAsync().ConfigureAwait(false);
        }

        token.ThrowIfCancellationRequested();
    }

    private async Task DeliverAsync(List<TrackedDelivery> items, CancellationToken token)
    {
        var deliveries = new LeadDelivery[items.Count];
        for (var i = 0; i < deliveries.Length; i++)
        {
            deliveries[i] = items[i].Delivery;
        }

        await WriteWithRetryAsync(
            deliveries,
            static (self, deliveries, attempt, token) => self.TryWriteAsync(deliveries, attempt, token),
            static (_, _, _) => Task.CompletedTask, // an attempt records its progress itself
            static (self, deliveries, attempts, error, token) => self.GiveUpAsync(deliveries, attempts, error, token),
            static (self, deliveries, attempt, delay, error) => self._events.Retrying(self.Name, deliveries, attempt, self._retry.MaxAttempts, delay, error),
            token).ConfigureAwait(false);
    }

    /// <summary>Makes one attempt; returns <see langword="null"/> on success (progress recorded), else what went wrong. Throws only when the pipeline aborts.</summary>
    private async Task<Exception?> TryWriteAsync(LeadDelivery[] deliveries, int attempt, CancellationToken token)
    {
        using var activity = PipelineTelemetry.ActivitySource.StartActivity("MarketplaceLeads.Deliver", ActivityKind.Producer);
        activity?.SetTag("marketplace_leads.sink", Name);
        activity?.SetTag("marketplace_leads.batch_size", deliveries.Length);
        activity?.SetTag("marketplace_leads.attempt", attempt);
        var started = time.GetTimestamp();
        var attemptToken = RentAttemptSource(token);
        Task? write = null;
        try
        {
            write = sink.Sink.WriteBatchAsync(deliveries, attemptToken.Token).AsTask();
            await write.WaitAsync(options.AttemptTimeout, time, token).ConfigureAwait(false);
        }
        catch (Exception error) when (!token.IsCancellationRequested)
        {
            activity?.SetStatus(ActivityStatusCode.Error, error.GetType().Name);
            return error is TimeoutException
                ? new TimeoutException($"Sink '{Name}' did not write {deliveries.Length} lead(s) within the attempt time-out of {options.AttemptTimeout}.", error)
                : error;
        }
        finally
        {
            await ReturnAttemptSourceAsync(attemptToken, abandoned: write is { IsCompleted: false }).ConfigureAwait(false);
        }

        var elapsed = time.GetElapsedTime(started);
        var ids = new LeadId[deliveries.Length];
        for (var i = 0; i < ids.Length; i++)
        {
            ids[i] = deliveries[i].Lead.Id;
        }

        await journal.TryAsync(static (journal, state, token) => journal.MarkDeliveredAsync(state.Name, state.ids, token), (Name, ids), "record a delivery", token).ConfigureAwait(false);
        _events.Delivered(Name, deliveries, attempt, time.GetUtcNow(), elapsed);
        if (sink.Instance is ILeadRecordSink records)
        {
            _events.RecordsWritten(Name, deliveries, records);
        }

        return null;
    }

    private Task GiveUpAsync(LeadDelivery[] deliveries, int attempts, Exception error, CancellationToken token)
    {
        var reason = error is LeadSinkException { IsTransient: false }
            ? $"Sink '{Name}' refused the lead (not retried); {error.GetType().Name}: {error.Message}"
            : $"Sink '{Name}' failed {attempts} attempt(s); last error: {error.GetType().Name}: {error.Message}";
        var failed = new List<LeadDeadLetter>(deliveries.Length);
        foreach (var delivery in deliveries)
        {
            failed.Add(LeadDeadLetter.DeliveryFailed(delivery.Lead, Name, attempts, reason, error, time.GetUtcNow()));
        }

        return deadLetters.RecordAsync(failed, token);
    }

    /// <summary>What the queue holds: a lead delivery or a profile change, in the order they are to reach the sink.</summary>
    private readonly record struct SinkItem(TrackedDelivery? Delivery, ProfileChange? Change, TaskCompletionSource? Drained = null);
}
