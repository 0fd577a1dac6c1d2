using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;

namespace MarketplaceLeads.Delivery;

/// <summary>
/// Dead-letters: records dead letters in the journal (so that their leads are no longer pending for their sinks), raises
/// them as events, and forwards them to the dead-letter sink (if any), in batches, with retries. The journal holds them
/// whatever the sink does.
/// </summary>
/// <param name="sink">The dead-letter sink (an <see cref="ILeadDeadLetterSink"/>), or <see langword="null"/> for none.</param>
/// <param name="options">The pipeline's options: batch size and attempt time-out.</param>
/// <param name="retry">The retry policy.</param>
/// <param name="journal">The journal the dead letters are recorded in.</param>
/// <param name="events">Where dead letters and sink failures are reported.</param>
/// <param name="time">The clock of the attempt time-outs.</param>
/// <param name="abort">Signalled when the pipeline stops at once: the worker ends, the dead letters stay in the journal.</param>
internal sealed class DeadLetterWorker(
    ResolvedSink? sink,
    MarketplaceLeadsOptions options,
    RetryPolicy retry,
    RetryingJournal journal,
    PipelineEvents events,
    TimeProvider time,
    CancellationToken abort)
{
    private readonly PipelineEvents _events = events;
    private readonly RetryPolicy _retry = retry;
    private readonly Channel<LeadDeadLetter> _queue = Channel.CreateUnbounded<LeadDeadLetter>(new UnboundedChannelOptions { SingleReader = true });

    private string SinkName => sink!.Name;

    public Task Completion { get; private set; } = Task.CompletedTask;

    /// <summary>Starts forwarding to the sink, if there is one.</summary>
    /// <param name="producersDone">Completes when nothing more can be dead-lettered (every sink worker and the dispatcher have ended).</param>
    public void Start(Func<Task> producersDone)
    {
        if (sink is not null)
        {
            Completion = Task.Run(() => RunAsync(producersDone), CancellationToken.None);
        }
    }

    /// <summary>Records dead letters in the journal, then reports and forwards them; when the journal keeps failing (logged), the leads stay pending instead.</summary>
    public async Task RecordAsync(List<LeadDeadLetter> deadLetters, CancellationToken token)
    {
        var recorded = await journal.TryAsync(static (journal, deadLetters, token) => journal.AddDeadLettersAsync(deadLetters, token), deadLetters, "record dead letters", token).ConfigureAwait(false);
        if (!recorded)
        {
            return;
        }

        foreach (var deadLetter in deadLetters)
        {
            Recorded(deadLetter);
        }
    }

    /// <summary>Reports a dead letter the journal holds already, and forwards it to the sink.</summary>
    public void Recorded(LeadDeadLetter deadLetter)
    {
        _events.DeadLettered(deadLetter);
        if (sink is not null)
        {
            _queue.Writer.TryWrite(deadLetter);
        }
    }

    public Task DisposeSinkAsync() => sink is null ? Task.CompletedTask : sink.DisposeOwnedAsync(_events);

    private async Task RunAsync(Func<Task> producersDone)
    {
        var target = (ILeadDeadLetterSink)sink!.Instance;
        var batch = new List<LeadDeadLetter>();
        try
        {
            _ = producersDone().ContinueWith(_ => _queue.Writer.TryComplete(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            while (await _queue.Reader.WaitToReadAsync(abort).ConfigureAwait(false))
            {
                batch.Clear();
                while (batch.Count < options.MaxBatchSize && _queue.Reader.TryRead(out var item))
                {
                    batch.Add(item);
                }

                await WriteAsync(target, batch, abort).ConfigureAwait(false);
            }
        }
        catch (Exception) when (abort.IsCancellationRequested)
        {
            // Aborted: the dead letters are in the journal.
        }
    }

    private async Task WriteAsync(ILeadDeadLetterSink target, List<LeadDeadLetter> batch, CancellationToken token)
    {
        var deadLetters = batch.ToArray();
        var result = await _retry.RunAsync(
            (Worker: this, Target: target, DeadLetters: deadLetters),
            static (s, token) => s.Worker.TryWriteAsync(s.Target, s.DeadLetters, token),
            static (s, attempt, error) =>
            {
                s.Worker._events.SinkFailed(s.Worker.SinkName, "dead-letter", error);
                return ValueTask.FromResult(s.Worker._retry.Next(attempt, error));
            },
            token).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            PipelineLog.DeadLetterSinkGaveUp(_events.Logger, result.Error!, result.Attempts, deadLetters.Length);
        }
    }

    private async ValueTask TryWriteAsync(ILeadDeadLetterSink target, LeadDeadLetter[] deadLetters, CancellationToken token)
    {
        using var timeout = new CancellationTokenSource(options.AttemptTimeout, time);
        using var attemptToken = CancellationTokenSource.CreateLinkedTokenSource(token, timeout.Token);
        await target.WriteAsync(deadLetters, attemptToken.Token).AsTask().WaitAsync(options.AttemptTimeout, time, token).ConfigureAwait(false);
    }
}
