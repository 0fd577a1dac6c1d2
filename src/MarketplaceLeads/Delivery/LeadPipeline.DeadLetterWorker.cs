using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;

namespace MarketplaceLeads.Delivery;

/// <content>The worker that forwards dead letters to the dead-letter sink.</content>
internal sealed partial class LeadPipeline
{
    /// <summary>Forwards dead letters to the dead-letter sink (if any), in batches, with retries; they are in the journal already.</summary>
    private sealed class DeadLetterWorker(LeadPipeline pipeline, ResolvedSink? sink)
    {
        private LeadPipeline Pipeline => pipeline;

        private string SinkName => sink!.Name;

        private readonly Channel<LeadDeadLetter> _queue = Channel.CreateUnbounded<LeadDeadLetter>(new UnboundedChannelOptions { SingleReader = true });

        public Task Completion { get; private set; } = Task.CompletedTask;

        public void Start()
        {
            if (sink is not null)
            {
                Completion = Task.Run(RunAsync, CancellationToken.None);
            }
        }

        public void Post(LeadDeadLetter deadLetter)
        {
            if (sink is not null)
            {
                _queue.Writer.TryWrite(deadLetter);
            }
        }

        public Task DisposeSinkAsync() => sink is null ? Task.CompletedTask : pipeline.DisposeOwnedAsync(sink.Name, sink);

        private async Task RunAsync()
        {
            var token = pipeline._abort.Token;
            var target = (ILeadDeadLetterSink)sink!.Instance;
            var batch = new List<LeadDeadLetter>();
            try
            {
                // Completes when every sink worker has ended (nothing more can be dead-lettered).
                _ = Task.WhenAll(pipeline.SinkCompletions()).ContinueWith(_ => _queue.Writer.TryComplete(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
                while (await _queue.Reader.WaitToReadAsync(token).ConfigureAwait(false))
                {
                    batch.Clear();
                    while (batch.Count < pipeline._options.MaxBatchSize && _queue.Reader.TryRead(out var item))
                    {
                        batch.Add(item);
                    }

                    await WriteAsync(target, batch, token).ConfigureAwait(false);
                }
            }
            catch (Exception) when (token.IsCancellationRequested)
            {
                // Aborted: the dead letters are in the journal.
            }
        }

        private async Task WriteAsync(ILeadDeadLetterSink target, List<LeadDeadLetter> batch, CancellationToken token)
        {
            var deadLetters = batch.ToArray();
            var result = await pipeline._retry.RunAsync(
                (Worker: this, Target: target, DeadLetters: deadLetters),
                static async (s, token) =>
                {
                    var (options, time) = (s.Worker.Pipeline._options, s.Worker.Pipeline._time);
                    using var timeout = new CancellationTokenSource(options.AttemptTimeout, time);
                    using var attemptToken = CancellationTokenSource.CreateLinkedTokenSource(token, timeout.Token);
                    await s.Target.WriteAsync(s.DeadLetters, attemptToken.Token).AsTask().WaitAsync(options.AttemptTimeout, time, token).ConfigureAwait(false);
                },
                static (s, attempt, error) =>
                {
                    s.Worker.Pipeline.SinkFailed(s.Worker.SinkName, "dead-letter", error);
                    return ValueTask.FromResult(s.Worker.Pipeline._retry.Next(attempt, error));
                },
                token).ConfigureAwait(false);
            if (!result.Succeeded)
            {
                PipelineLog.DeadLetterSinkGaveUp(pipeline._logger, result.Error!, result.Attempts, deadLetters.Length);
            }
        }
    }
}
