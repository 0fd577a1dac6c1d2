using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using MarketplaceLeads.Deduplication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace MarketplaceLeads.Delivery;

/// <summary>
/// The lead pipeline: journal → bounded queue → de-duplication → one worker per sink (batching, retries, time-outs,
/// dead letters) → journal progress. See <c>docs/pipeline.md</c> for the guarantees.
/// </summary>
/// <remarks>
/// <para>
/// A submit reserves room in the queue (<see cref="MarketplaceLeadsOptions.QueueCapacity"/> counts leads accepted and
/// not yet finished with by every sink), records the lead in the journal, and posts it to the dispatcher, which
/// de-duplicates leads one at a time, in acceptance order, and posts each delivery to every sink's worker. A worker
/// takes up to <see cref="MarketplaceLeadsOptions.MaxBatchSize"/> deliveries, calls its sink, and on success records
/// the progress in the journal; on failure it retries with back-off, and in the end dead-letters. The room a lead
/// took is given back once every sink is done with it.
/// </para>
/// <para>
/// A review (<see cref="ILeadReview"/>) takes the dispatcher's turn, so that it runs between two leads: the de-duplicator
/// saves it in its store's review log, and the pipeline reads the log past what each <see cref="IProfileChangeSink"/> has
/// been sent and posts the changes to those sinks' workers, behind the leads already posted. Each sink's confirmed position
/// in the log is kept in the journal; a start sends what a sink has not confirmed, after the leads recovered.
/// </para>
/// <para>
/// The pipeline holds the queue, the dispatcher (de-duplication, reviews) and the start and stop; the workers are classes of
/// their own, given what they use: <see cref="SinkWorker"/> (one per sink) and <see cref="DeadLetterWorker"/>, with the
/// <see cref="RetryPolicy"/>, the journal (<see cref="RetryingJournal"/>) and the <see cref="PipelineEvents"/> that feed logs,
/// metrics and observers.
/// </para>
/// <para>Stopping completes the queue, lets the workers drain, flushes the sinks, and after <see cref="MarketplaceLeadsOptions.ShutdownTimeout"/> cancels whatever is still running: those leads stay pending in the journal and are delivered after the next start.</para>
/// </remarks>
internal sealed partial class LeadPipeline : ILeadPipeline, ILeadReview, IDisposable
{
    private const int Created = 0;
    private const int Running = 1;
    private const int Stopping = 2;
    private const int Stopped = 3;

    private readonly MarketplaceLeadsOptions _options;
    private readonly SinkWorker[] _workers;
    private readonly string[] _sinkNames;
    private readonly ILeadJournal _journal;
    private readonly ILeadDeduplicator _deduplicator;
    private readonly DeadLetterWorker _deadLetters;
    private readonly TimeProvider _time;
    private readonly RetryPolicy _retry;
    private readonly PipelineEvents _events;
    private readonly RetryingJournal _progress;
    private readonly SemaphoreSlim _capacity;
    private readonly Channel<WorkItem> _intake = Channel.CreateUnbounded<WorkItem>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _abort = new();
    private readonly CancellationTokenSource _stopping = new();

    /// <summary>Held by the dispatcher for each lead and by each review, so that a review runs between two leads and its changes reach the workers behind the leads dispatched before it.</summary>
    private readonly SemaphoreSlim _dispatchTurn = new(1, 1);
    private readonly SinkWorker[] _changeWorkers;
    private bool _workersCompleted;
    private readonly object _startLock = new();
    private Task? _start;
    private Task? _dispatcher;
    private Task? _recovery;
    private Task? _stop;
    private int _state;
    private int _inFlight;

    /// <summary>Initializes a new pipeline; it starts on <see cref="StartAsync"/> or the first submit.</summary>
    /// <param name="name">The pipeline's name.</param>
    /// <param name="options">The options, already validated.</param>
    /// <param name="sinks">The sinks, with unique names.</param>
    /// <param name="deadLetterSink">The dead-letter sink, if any.</param>
    /// <param name="journal">The journal.</param>
    /// <param name="deduplicator">The de-duplicator.</param>
    /// <param name="observers">The observers.</param>
    /// <param name="time">The time provider.</param>
    /// <param name="logger">The logger; <see langword="null"/> for none.</param>
    /// <param name="meterFactory">Creates the meter; <see langword="null"/> for a meter of the pipeline's own.</param>
    public LeadPipeline(
        string name,
        MarketplaceLeadsOptions options,
        IReadOnlyList<ResolvedSink> sinks,
        ResolvedSink? deadLetterSink,
        ILeadJournal journal,
        ILeadDeduplicator deduplicator,
        IReadOnlyList<LeadPipelineObserver> observers,
        TimeProvider time,
        ILogger? logger,
        IMeterFactory? meterFactory)
    {
        Name = name;
        _options = options;
        _journal = journal;
        _deduplicator = deduplicator;
        _time = time;
        _retry = new RetryPolicy(options, time);
        _capacity = new SemaphoreSlim(options.QueueCapacity, options.QueueCapacity);
        _events = new PipelineEvents(logger ?? NullLogger.Instance, new PipelineTelemetry(name, meterFactory, () => Volatile.Read(ref _inFlight)), [.. observers]);
        _progress = new RetryingJournal(journal, _retry, _events.Logger);
        _deadLetters = new DeadLetterWorker(deadLetterSink, options, _retry, _progress, _events, time, _abort.Token);
        _stores = StoresOf(journal, deduplicator, sinks, deadLetterSink);
        _workers = new SinkWorker[sinks.Count];
        _sinkNames = new string[sinks.Count];
        var changeWorkers = new List<SinkWorker>();
        for (var i = 0; i < sinks.Count; i++)
        {
            _workers[i] = new SinkWorker(sinks[i], options, _retry, _progress, _deadLetters, _events, time, Finish, _abort.Token);
            _sinkNames[i] = sinks[i].Name;
            if (_workers[i].TakesProfileChanges)
            {
                changeWorkers.Add(_workers[i]);
            }
        }

        _changeWorkers = [.. changeWorkers];
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <summary>Gets the number of accepted leads not yet finished with by every sink.</summary>
    internal int InFlight => Volatile.Read(ref _inFlight);

    /// <inheritdoc/>
    public Task StartAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _state) >= Stopping, this);
        lock (_startLock)
        {
            _start ??= StartCoreAsync(cancellationToken);
        }

        return _start;
    }

    /// <inheritdoc/>
    public ValueTask<LeadSubmitResult> SubmitAsync(Lead lead, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lead);
        return SubmitLeadAsync(lead, cancellationToken);
    }

    /// <inheritdoc/>
    public async ValueTask<bool> RedeliverAsync(Lead lead, string sink, DateTimeOffset acceptedAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lead);
        ArgumentNullException.ThrowIfNull(sink);
        if (Array.IndexOf(_sinkNames, sink) < 0)
        {
            throw new ArgumentException($"{(Name.Length == 0 ? "The default lead pipeline" : $"The lead pipeline '{Name}'")} has no sink named '{sink}'; its sinks are: {string.Join(", ", _sinkNames)}.", nameof(sink));
        }

        ObjectDisposedException.ThrowIf(Volatile.Read(ref _state) >= Stopping, this);
        if (!await ReserveRoomAsync(cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        // As a lead recovered from the journal: de-duplicated again (its decision stands), delivered to this sink alone, flagged a redelivery.
        Interlocked.Increment(ref _inFlight);
        if (!_intake.Writer.TryWrite(new WorkItem(lead, acceptedAt, [sink], Recovered: true)))
        {
            Finish();
            throw new ObjectDisposedException(GetType().FullName, "The lead pipeline stopped before the lead could be queued.");
        }

        return true;
    }

    /// <inheritdoc/>
    public ValueTask<LeadSubmitResult> SubmitAsync(LeadReadResult result, CancellationToken cancellationToken = default) =>
        result.Lead is { } lead ? SubmitLeadAsync(lead, cancellationToken) : RejectAsync(result.Error!, cancellationToken);

    /// <inheritdoc/>
    public Task StopAsync(CancellationToken cancellationToken = default)
    {
        lock (_startLock)
        {
            if (_stop is null)
            {
                Volatile.Write(ref _state, Stopping);
                _stopping.Cancel();
                _stop = StopCoreAsync(cancellationToken);
            }
        }

        return _stop;
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        _capacity.Dispose();
        _dispatchTurn.Dispose();
        _abort.Dispose();
        _stopping.Dispose();
        _events.Telemetry.Dispose();
    }

    /// <summary>Stops (draining, as <see cref="StopAsync"/>) and releases resources; for containers disposed synchronously.</summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <summary>Stops at once, as if the process had crashed: nothing is drained or flushed; accepted leads stay pending in the journal.</summary>
    /// <returns>A task that completes when the pipeline's tasks have ended.</returns>
    internal Task AbortAsync()
    {
        _abort.Cancel();
        return StopAsync();
    }

    private async Task StartCoreAsync(CancellationToken cancellationToken)
    {
        // Read what the journal still holds before any new lead is accepted, so that no lead is queued twice.
        var pending = new List<JournaledLead>();
        await foreach (var entry in _journal.ReadPendingAsync(cancellationToken).ConfigureAwait(false))
        {
            pending.Add(entry);
        }

        await ReadProfileChangeProgressAsync(cancellationToken).ConfigureAwait(false);
        foreach (var worker in _workers)
        {
            worker.Start();
        }

        _dispatcher = Task.Run(DispatchAsync, CancellationToken.None);
        _deadLetters.Start(() => Task.WhenAll(SinkCompletions()));
        var takeover = _journal as ILeadJournalTakeover;
        if (pending.Count == 0 && takeover is null)
        {
            QueueCatchUp();
            _recovery = Task.CompletedTask;
        }
        else
        {
            _recovery = Task.Run(() => RecoverAsync(pending, takeover), CancellationToken.None);
        }

        Volatile.Write(ref _state, Running);
        PipelineLog.Started(_events.Logger, Name, _workers.Length, pending.Count);
    }

    private async Task RecoverAsync(List<JournaledLead> pending, ILeadJournalTakeover? takeover)
    {
        await RecoverLeadsAsync(pending).ConfigureAwait(false);

        // The changes a sink has not confirmed follow the leads recovered, as they followed them before the stop.
        QueueCatchUp();
        if (takeover is not null)
        {
            await TakeOverAsync(takeover).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Until the pipeline stops, asks a shared journal every interval for the leads a crashed process leased, and queues
    /// them as recovered leads. Part of the recovery task, so the intake stays open while it runs and closes after it.
    /// </summary>
    private async Task TakeOverAsync(ILeadJournalTakeover takeover)
    {
        var stopping = _stopping.Token;
        while (true)
        {
            try
            {
                await Task.Delay(takeover.TakeoverInterval, _time, stopping).ConfigureAwait(false);
                var taken = new List<JournaledLead>();
                await foreach (var entry in takeover.TakeOverAbandonedAsync(stopping).ConfigureAwait(false))
                {
                    taken.Add(entry);
                }

                if (taken.Count > 0)
                {
                    PipelineLog.TookOver(_events.Logger, Name, taken.Count);
                    await RecoverLeadsAsync(taken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return; // leads claimed and not queued stay leased to this process until their lease expires
            }
            catch (Exception error)
            {
                PipelineLog.TakeoverFailed(_events.Logger, error, Name);
            }
        }
    }

    private async Task RecoverLeadsAsync(List<JournaledLead> pending)
    {
        foreach (var entry in pending)
        {
            var sinks = new List<string>(entry.PendingSinks.Count);
            foreach (var sink in entry.PendingSinks)
            {
                if (Array.IndexOf(_sinkNames, sink) >= 0)
                {
                    sinks.Add(sink);
                }
                else
                {
                    PipelineLog.UnknownPendingSink(_events.Logger, entry.Lead.Id.ToString(), sink);
                }
            }

            if (sinks.Count == 0)
            {
                continue;
            }

            try
            {
                await _capacity.WaitAsync(_abort.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            Interlocked.Increment(ref _inFlight);
            if (!_intake.Writer.TryWrite(new WorkItem(entry.Lead, entry.AcceptedAt, [.. sinks], Recovered: true)))
            {
                Finish();
                return;
            }
        }
    }

    /// <inheritdoc/>
    public ValueTask<LeadDecisionRecord?> ExplainAsync(LeadId leadId, CancellationToken cancellationToken = default) =>
        _deduplicator.ExplainAsync(leadId, cancellationToken);

    /// <inheritdoc/>
    public ValueTask<IReadOnlyList<ReviewQueueItem>> GetReviewQueueAsync(CancellationToken cancellationToken = default) =>
        _deduplicator.GetReviewQueueAsync(cancellationToken);

    /// <inheritdoc/>
    public ValueTask<ReviewResult> AcceptAsync(CustomerProfileId first, CustomerProfileId second, string? reviewer = null, string? comment = null, CancellationToken cancellationToken = default) =>
        ReviewAsync(token => _deduplicator.AcceptAsync(first, second, reviewer, comment, token), cancellationToken);

    /// <inheritdoc/>
    public ValueTask<ReviewResult> RejectAsync(CustomerProfileId first, CustomerProfileId second, string? reviewer = null, string? comment = null, CancellationToken cancellationToken = default) =>
        ReviewAsync(token => _deduplicator.RejectAsync(first, second, reviewer, comment, token), cancellationToken);

    /// <inheritdoc/>
    public ValueTask<ReviewResult> SplitAsync(CustomerProfileId profile, IEnumerable<LeadId> leads, string? reviewer = null, string? comment = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(leads);
        LeadId[] moving = [.. leads];
        return ReviewAsync(token => _deduplicator.SplitAsync(profile, moving, reviewer, comment, token), cancellationToken);
    }

    /// <summary>Runs a review in the dispatcher's turn (between two leads), then posts the profile changes to the sinks that take them.</summary>
    private async ValueTask<ReviewResult> ReviewAsync(Func<CancellationToken, ValueTask<ReviewResult>> review, CancellationToken cancellationToken)
    {
        await EnsureRunningAsync(cancellationToken).ConfigureAwait(false);
        await _dispatchTurn.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_workersCompleted || Volatile.Read(ref _state) >= Stopping)
            {
                throw new ObjectDisposedException(nameof(LeadPipeline), $"Lead pipeline '{Name}' has stopped; the review was not made.");
            }

            var result = await review(cancellationToken).ConfigureAwait(false);
            PipelineLog.Reviewed(_events.Logger, Name, result.Action.Kind, result.Action.First.ToString(), result.Action.Second.ToString(), result.Action.Leads.Count);
            await CatchUpAsync(redelivery: false, _abort.Token).ConfigureAwait(false);
            return result;
        }
        finally
        {
            _dispatchTurn.Release();
        }
    }

    /// <summary>Reads from the journal how far each sink that takes profile changes has been told; a sink with no record starts at the end of the review log (it is told of the reviews made from now on).</summary>
    private async Task ReadProfileChangeProgressAsync(CancellationToken cancellationToken)
    {
        long? end = null;
        foreach (var worker in _changeWorkers)
        {
            if (await _journal.GetProfileChangeProgressAsync(worker.Name, cancellationToken).ConfigureAwait(false) is { } confirmed)
            {
                worker.QueuedThrough = confirmed;
                continue;
            }

            if (end is null)
            {
                end = 0;
                await foreach (var action in _deduplicator.Store.ReadReviewLogAsync(0, cancellationToken).ConfigureAwait(false))
                {
                    end = action.Sequence;
                }
            }

            await _journal.SetProfileChangeProgressAsync(worker.Name, end.Value, cancellationToken).ConfigureAwait(false);
            worker.QueuedThrough = end.Value;
        }
    }

    private void QueueCatchUp()
    {
        if (_changeWorkers.Length > 0)
        {
            _intake.Writer.TryWrite(CatchUpMarker);
        }
    }

    /// <summary>
    /// Reads the review log past what the sinks that take profile changes have been sent, and posts each accept or split, as a
    /// <see cref="ProfileChange"/> with the profiles as they are now, to the workers of the sinks that have not been sent it.
    /// In the dispatcher's turn. A failure to read the store is logged: the changes are sent at the next review or start.
    /// </summary>
    private async Task CatchUpAsync(bool redelivery, CancellationToken token)
    {
        if (_changeWorkers.Length == 0)
        {
            return;
        }

        var from = long.MaxValue;
        foreach (var worker in _changeWorkers)
        {
            from = Math.Min(from, worker.QueuedThrough);
        }

        try
        {
            await foreach (var action in _deduplicator.Store.ReadReviewLogAsync(from, token).ConfigureAwait(false))
            {
                if (action.Kind != ReviewKind.Reject)
                {
                    var change = await NewProfileChangeAsync(action, redelivery, token).ConfigureAwait(false);
                    foreach (var worker in _changeWorkers)
                    {
                        if (worker.QueuedThrough < action.Sequence)
                        {
                            worker.Post(change);
                        }
                    }
                }

                foreach (var worker in _changeWorkers)
                {
                    worker.QueuedThrough = Math.Max(worker.QueuedThrough, action.Sequence);
                }
            }
        }
        catch (Exception error) when (!token.IsCancellationRequested)
        {
            PipelineLog.ProfileChangesNotRead(_events.Logger, error, Name);
        }
    }

    /// <summary>Builds the change a review made, with the profiles that hold its leads now (a later review may have changed them again; its own change follows).</summary>
    private async Task<ProfileChange> NewProfileChangeAsync(ReviewAction action, bool redelivery, CancellationToken token)
    {
        var store = _deduplicator.Store;
        var profiles = new List<CustomerProfile>();
        var covered = new HashSet<LeadId>();
        void Add(CustomerProfile? profile)
        {
            if (profile is not null && !profiles.Exists(p => p.Id == profile.Id))
            {
                profiles.Add(profile);
                foreach (var lead in profile.Leads)
                {
                    covered.Add(lead.Id);
                }
            }
        }

        Add(await store.FindProfileAsync(action.First, token).ConfigureAwait(false));
        if (action.Kind == ReviewKind.Split)
        {
            Add(await store.FindProfileAsync(action.Second, token).ConfigureAwait(false));
        }

        foreach (var lead in action.Leads)
        {
            if (!covered.Contains(lead))
            {
                Add(await store.FindProfileByLeadAsync(lead, token).ConfigureAwait(false));
            }
        }

        CustomerProfileId[] removed = action.Kind == ReviewKind.Accept ? [action.Second] : [];
        return new ProfileChange(action, profiles, removed, redelivery);
    }

    private async ValueTask<LeadSubmitResult> SubmitLeadAsync(Lead lead, CancellationToken cancellationToken)
    {
        await EnsureRunningAsync(cancellationToken).ConfigureAwait(false);
        using var activity = PipelineTelemetry.ActivitySource.StartActivity("MarketplaceLeads.Submit", ActivityKind.Internal);
        activity?.SetTag("marketplace_leads.lead_id", lead.Id.ToString());
        if (!await ReserveRoomAsync(cancellationToken).ConfigureAwait(false))
        {
            return new LeadSubmitResult(LeadSubmitStatus.QueueFull, lead.Id, null);
        }

        var acceptedAt = _time.GetUtcNow();
        var sinks = SinksFor(lead);
        bool accepted;
        try
        {
            accepted = await _journal.TryAcceptAsync(lead, acceptedAt, sinks, cancellationToken).ConfigureAwait(false);
            if (!accepted && _options.RepeatInterestWindow > TimeSpan.Zero && IdFromContent(lead))
            {
                (accepted, lead) = await AcceptRepeatAsync(lead, acceptedAt, sinks, cancellationToken).ConfigureAwait(false);
            }
        }
        catch
        {
            _capacity.Release();
            throw;
        }

        var submitted = Admit(lead, accepted, acceptedAt, sinks);
        activity?.SetTag("marketplace_leads.status", submitted.Status.ToString());
        return submitted;
    }

    /// <inheritdoc/>
    public async ValueTask<IReadOnlyList<LeadSubmitResult>> SubmitManyAsync(IReadOnlyList<LeadReadResult> results, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(results);
        await EnsureRunningAsync(cancellationToken).ConfigureAwait(false);
        using var activity = PipelineTelemetry.ActivitySource.StartActivity("MarketplaceLeads.SubmitMany", ActivityKind.Internal);
        activity?.SetTag("marketplace_leads.count", results.Count);
        var answers = new LeadSubmitResult[results.Count];
        var chunk = new List<(int Index, JournaledLead Entry, string[] Sinks)>(Math.Min(results.Count, _options.QueueCapacity));
        try
        {
            for (var i = 0; i < results.Count; i++)
            {
                var result = results[i];
                if (result.Lead is not { } lead)
                {
                    answers[i] = await RejectAsync(result.Error!, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                // Each lead takes its room in the queue first, as one submitted alone; a chunk is journaled before it would
                // need more room than the queue has (the room of the leads before it comes back only once they are accepted).
                if (!await ReserveRoomAsync(cancellationToken).ConfigureAwait(false))
                {
                    answers[i] = new LeadSubmitResult(LeadSubmitStatus.QueueFull, lead.Id, null);
                    continue;
                }

                var sinks = SinksFor(lead);
                chunk.Add((i, new JournaledLead(lead, _time.GetUtcNow(), sinks), sinks));
                if (chunk.Count >= _options.QueueCapacity)
                {
                    await AcceptChunkAsync(chunk, answers, cancellationToken).ConfigureAwait(false);
                }
            }

            if (chunk.Count > 0)
            {
                await AcceptChunkAsync(chunk, answers, cancellationToken).ConfigureAwait(false);
            }
        }
        catch
        {
            // The leads of the chunk not queued (not journaled, or journaled and left for the next start) give their room back.
            if (chunk.Count > 0)
            {
                _capacity.Release(chunk.Count);
            }

            throw;
        }

        return answers;
    }

    /// <summary>Journals a chunk of leads in one write and queues those accepted (a lead accepted before may be a customer asking again), in order; empties the chunk as its leads are answered.</summary>
    private async Task AcceptChunkAsync(List<(int Index, JournaledLead Entry, string[] Sinks)> chunk, LeadSubmitResult[] answers, CancellationToken cancellationToken)
    {
        var entries = new JournaledLead[chunk.Count];
        for (var k = 0; k < entries.Length; k++)
        {
            entries[k] = chunk[k].Entry;
        }

        var accepted = await _journal.TryAcceptManyAsync(entries, cancellationToken).ConfigureAwait(false);
        var answered = 0;
        try
        {
            for (; answered < chunk.Count; answered++)
            {
                var (index, entry, sinks) = chunk[answered];
                var (lead, isNew) = (entry.Lead, accepted[answered]);
                if (!isNew && _options.RepeatInterestWindow > TimeSpan.Zero && IdFromContent(lead))
                {
                    (isNew, lead) = await AcceptRepeatAsync(lead, entry.AcceptedAt, sinks, cancellationToken).ConfigureAwait(false);
                }

                answers[index] = Admit(lead, isNew, entry.AcceptedAt, sinks);
            }
        }
        finally
        {
            chunk.RemoveRange(0, answered);
        }
    }

    /// <summary>Takes room in the queue for one lead: at once, else by waiting, or not at all when the queue is full and <see cref="MarketplaceLeadsOptions.FullMode"/> rejects.</summary>
    /// <returns><see langword="false"/> when the lead gets no room (the queue is full and full mode rejects).</returns>
    private async ValueTask<bool> ReserveRoomAsync(CancellationToken cancellationToken)
    {
        if (_capacity.Wait(0, CancellationToken.None))
        {
            return true;
        }

        if (_options.FullMode == LeadQueueFullMode.Reject)
        {
            _events.Telemetry.QueueFull();
            PipelineLog.QueueFull(_events.Logger, Name, _options.QueueCapacity);
            return false;
        }

        await WaitForRoomAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>Gets the sinks a lead is journaled for: none for a test lead that is not delivered.</summary>
    private string[] SinksFor(Lead lead) => lead.IsTestLead && !_options.DeliverTestLeads ? [] : _sinkNames;

    /// <summary>After the journal's answer: queues an accepted lead for the dispatcher, or gives back the room of a lead accepted before.</summary>
    private LeadSubmitResult Admit(Lead lead, bool accepted, DateTimeOffset acceptedAt, string[] sinks)
    {
        if (!accepted)
        {
            _capacity.Release();
            _events.Telemetry.AlreadyAccepted();
            return new LeadSubmitResult(LeadSubmitStatus.AlreadyAccepted, lead.Id, null);
        }

        _events.Accepted(lead);
        Interlocked.Increment(ref _inFlight);
        if (!_intake.Writer.TryWrite(new WorkItem(lead, acceptedAt, sinks, Recovered: false)))
        {
            // Stopping: the lead is in the journal and is delivered after the next start.
            Finish();
        }

        return new LeadSubmitResult(LeadSubmitStatus.Accepted, lead.Id, null);
    }

    /// <summary>
    /// A lead whose content was accepted before (its <see cref="LeadId"/> is derived from the content, which leaves its
    /// time out: an HTTPS payload carries none, a CSV row's created time is not part of it): a redelivery when an occurrence of it happened within <see cref="MarketplaceLeadsOptions.RepeatInterestWindow"/>
    /// of this one, else the customer asking again, accepted under the id of its next occurrence
    /// (<see cref="LeadId.FromKey"/> of <c>repeat</c>, the first occurrence's id and the occurrence number).
    /// </summary>
    private async ValueTask<(bool Accepted, Lead Lead)> AcceptRepeatAsync(Lead lead, DateTimeOffset acceptedAt, string[] sinks, CancellationToken cancellationToken)
    {
        const int MaxOccurrences = 10_000;
        var at = LeadOrder.TimeOf(lead);
        var first = lead.Id;
        for (var occurrence = 1; occurrence <= MaxOccurrences; occurrence++)
        {
            var id = occurrence == 1 ? first : RepeatId(first, occurrence);
            var seen = await _journal.FindLeadTimeAsync(id, cancellationToken).ConfigureAwait(false);
            if (seen is null)
            {
                if (occurrence == 1)
                {
                    return (false, lead); // the journal cannot tell when it happened: a redelivery, as before
                }

                var repeat = lead with { Id = id };
                if (await _journal.TryAcceptAsync(repeat, acceptedAt, sinks, cancellationToken).ConfigureAwait(false))
                {
                    return (true, repeat);
                }

                seen = await _journal.FindLeadTimeAsync(id, cancellationToken).ConfigureAwait(false); // a concurrent submit took it
            }

            if (seen is { } time && (at - time).Duration() <= _options.RepeatInterestWindow)
            {
                return (false, occurrence == 1 ? lead : lead with { Id = id });
            }
        }

        return (false, lead);
    }

    /// <summary>
    /// Whether the lead's id is derived from its content (an HTTPS payload, a CSV row or a table row without an id of
    /// its own), so that the same content sent again is the same id whenever it happens: only then can a customer asking
    /// again look like a redelivery. A lead with its source's id (Partner Center's Lead Id, a table row's keys) never does.
    /// </summary>
    private static bool IdFromContent(Lead lead) =>
        lead.Id == LeadId.FromContent(lead.LeadSourceText, lead.ActionCode, lead.OfferTitle, lead.Description, lead.Customer);

    /// <summary>Gets the id of the <paramref name="occurrence"/>-th occurrence (2 or more) of a lead whose first occurrence has id <paramref name="first"/>.</summary>
    internal static LeadId RepeatId(LeadId first, int occurrence) =>
        LeadId.FromKey("repeat", first.ToString(), occurrence.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>Waits for room in the queue; a producer still waiting when the pipeline stops gets <see cref="ObjectDisposedException"/> (the lead was not accepted).</summary>
    private async Task WaitForRoomAsync(CancellationToken cancellationToken)
    {
        // A producer without a token of its own (a bulk import, most callers) waits on the pipeline's own: no linked
        // source (three objects, about 200 bytes) for every lead that finds the queue full.
        using var waiting = cancellationToken.CanBeCanceled ? CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stopping.Token) : null;
        try
        {
            await _capacity.WaitAsync(waiting?.Token ?? _stopping.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ObjectDisposedException(nameof(LeadPipeline), $"Lead pipeline '{Name}' stopped while the lead waited for room in its queue; the lead was not accepted.");
        }
    }

    private async ValueTask<LeadSubmitResult> RejectAsync(LeadReadError error, CancellationToken cancellationToken)
    {
        await EnsureRunningAsync(cancellationToken).ConfigureAwait(false);
        var deadLetter = new LeadDeadLetter
        {
            Kind = LeadDeadLetterKind.Rejected,
            Reason = error.Reason,
            OccurredAt = _time.GetUtcNow(),
            RawPayload = error.RawText,
            ReadError = error,
        };
        await _journal.AddDeadLettersAsync([deadLetter], cancellationToken).ConfigureAwait(false);
        _events.Telemetry.Rejected();
        _deadLetters.Recorded(deadLetter);
        return new LeadSubmitResult(LeadSubmitStatus.Rejected, null, error);
    }

    private ValueTask EnsureRunningAsync(CancellationToken cancellationToken)
    {
        var state = Volatile.Read(ref _state);
        if (state == Running)
        {
            return ValueTask.CompletedTask;
        }

        ObjectDisposedException.ThrowIf(state >= Stopping, this);
        return new ValueTask(StartAsync(cancellationToken));
    }

    private async Task DispatchAsync()
    {
        var token = _abort.Token;
        try
        {
            while (await _intake.Reader.WaitToReadAsync(token).ConfigureAwait(false))
            {
                while (_intake.Reader.TryRead(out var item))
                {
                    await _dispatchTurn.WaitAsync(token).ConfigureAwait(false);
                    try
                    {
                        if (ReferenceEquals(item, CatchUpMarker))
                        {
                            await CatchUpAsync(redelivery: true, token).ConfigureAwait(false);
                        }
                        else
                        {
                            await DispatchAsync(item, token).ConfigureAwait(false);
                        }
                    }
                    catch (Exception error) when (!token.IsCancellationRequested)
                    {
                        // A lead nothing expected must not stop the dispatcher, with every later lead behind it: it is dead-lettered.
                        await DeadLetterForEverySinkAsync(item, 1, $"Dispatching the lead failed; {error.GetType().Name}: {error.Message}", error, token).ConfigureAwait(false);
                    }
                    finally
                    {
                        _dispatchTurn.Release();
                    }
                }
            }

            // No review may post to a worker once it is completed.
            await _dispatchTurn.WaitAsync(token).ConfigureAwait(false);
        }
        catch (Exception) when (token.IsCancellationRequested)
        {
            return;
        }

        try
        {
            _workersCompleted = true;
            foreach (var worker in _workers)
            {
                worker.Complete();
            }
        }
        finally
        {
            _dispatchTurn.Release();
        }
    }

    private async Task DispatchAsync(WorkItem item, CancellationToken token)
    {
        var decision = await DeduplicateAsync(item, token).ConfigureAwait(false);
        if (decision is null)
        {
            return;
        }

        var redelivery = item.Recovered || decision.Outcome == DeduplicationOutcome.Redelivery;
        if (decision.Outcome == DeduplicationOutcome.Redelivery)
        {
            decision = Reconstruct(decision);
        }

        var delivery = new LeadDelivery(decision, item.AcceptedAt, redelivery);
        _events.Deduplicated(delivery);
        if (item.Sinks.Length == 0)
        {
            Finish();
            return;
        }

        if (decision.Outcome == DeduplicationOutcome.TestLead && !_options.DeliverTestLeads)
        {
            // Classified as a test lead by its content although the lead itself did not say so: skipped, recorded as done.
            foreach (var sink in item.Sinks)
            {
                await _progress.TryAsync(static (journal, state, token) => journal.MarkDeliveredAsync(state.Sink, [state.Id], token), (Sink: sink, Id: item.Lead.Id), "record a skipped test lead", token).ConfigureAwait(false);
            }

            Finish();
            return;
        }

        var tracked = new TrackedDelivery(delivery, item.Sinks.Length);
        foreach (var worker in _workers)
        {
            if (Array.IndexOf(item.Sinks, worker.Name) >= 0)
            {
                worker.Post(tracked);
            }
        }
    }

    /// <summary>
    /// De-duplicates one lead. A failure while the de-duplication store answers is the lead's own (text nothing expected, a
    /// strategy's bug): after one more try at once, the lead is dead-lettered for every sink and the queue goes on. A store
    /// that does not answer is retried with back-off, as a sink is, but not past the start of a shutdown: the lead then
    /// stays pending in the journal and is de-duplicated after the next start.
    /// </summary>
    /// <returns>The decision, or <see langword="null"/> when the lead was dead-lettered or left pending (its room in the queue given back).</returns>
    private async ValueTask<DeduplicationDecision?> DeduplicateAsync(WorkItem item, CancellationToken token)
    {
        _dedupTriedAgain = false;
        var result = await _retry.RunAsync<(LeadPipeline Pipeline, WorkItem Item, CancellationToken Token), DeduplicationDecision>(
            (this, item, token),
            static async (s, _, token) =>
            {
                try
                {
                    return (await s.Pipeline._deduplicator.AddAsync(s.Item.Lead, token).ConfigureAwait(false), null);
                }
                catch (Exception error) when (!token.IsCancellationRequested)
                {
                    return (null, error);
                }
            },
            static (s, attempt, error) => s.Pipeline.OnDeduplicationFailedAsync(s.Item, attempt, error, s.Token),
            token,
            static (s, delay, token) => s.Pipeline.DelayUnlessStoppingAsync(delay, token)).ConfigureAwait(false);
        if (result.Succeeded)
        {
            return result.Value;
        }

        var (error, attempts) = (result.Error!, result.Attempts);
        if (result.Stopped)
        {
            PipelineLog.DeduplicationLeftPending(_events.Logger, item.Lead.Id.ToString());
            Finish();
        }
        else if (result.Last.Reason == LeadOwnFailure)
        {
            PipelineLog.DeduplicationFailedForLead(_events.Logger, error, item.Lead.Id.ToString(), attempts);
            await DeadLetterForEverySinkAsync(item, attempts, $"De-duplication failed for this lead {attempts} time(s) while its store answers; last error: {error.GetType().Name}: {error.Message}", error, token).ConfigureAwait(false);
        }
        else
        {
            await DeadLetterForEverySinkAsync(item, attempts, $"De-duplication failed {attempts} time(s); last error: {error.GetType().Name}: {error.Message}", error, token).ConfigureAwait(false);
        }

        return null;
    }

    // Whether the lead being de-duplicated was tried again at once after a failure while its store answered. Only the
    // dispatcher de-duplicates, one lead at a time.
    private bool _dedupTriedAgain;

    private const int LeadOwnFailure = 1;

    /// <summary>After a failed de-duplication: the lead's own failure (the store answers) gets one more try at once, then gives up; a store that does not answer is retried with back-off, up to the attempts.</summary>
    private async ValueTask<RetryStep> OnDeduplicationFailedAsync(WorkItem item, int attempt, Exception error, CancellationToken token)
    {
        if (await StoreAnswersAsync(item.Lead.Id, token).ConfigureAwait(false))
        {
            if (_dedupTriedAgain)
            {
                return RetryStep.GiveUp(LeadOwnFailure);
            }

            _dedupTriedAgain = true; // the store may have come back just now
            return RetryStep.Now;
        }

        if (attempt >= _retry.MaxAttempts)
        {
            return RetryStep.GiveUp();
        }

        var delay = _retry.Backoff(attempt, null);
        PipelineLog.DeduplicationRetrying(_events.Logger, error, item.Lead.Id.ToString(), attempt, delay);
        return new RetryStep(RetryAction.RetryAfter, delay);
    }

    /// <summary>Tells whether the de-duplication store answers (a lookup of the lead), to tell a failure of the store from one of the lead.</summary>
    private async Task<bool> StoreAnswersAsync(LeadId leadId, CancellationToken token)
    {
        try
        {
            await _deduplicator.Store.FindProfileByLeadAsync(leadId, token).ConfigureAwait(false);
            return true;
        }
        catch (Exception) when (!token.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>Waits <paramref name="delay"/>; returns <see langword="false"/> at once when the pipeline is stopping (or starts to, while waiting).</summary>
    private async ValueTask<bool> DelayUnlessStoppingAsync(TimeSpan delay, CancellationToken token)
    {
        using var waiting = CancellationTokenSource.CreateLinkedTokenSource(token, _stopping.Token);
        try
        {
            await Task.Delay(delay, _time, waiting.Token).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException) when (!token.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>Dead-letters a lead for every sink it was accepted for (with its raw payload), and gives back its room in the queue.</summary>
    private async Task DeadLetterForEverySinkAsync(WorkItem item, int attempts, string reason, Exception error, CancellationToken token)
    {
        var deadLetters = new List<LeadDeadLetter>(item.Sinks.Length);
        foreach (var sink in item.Sinks)
        {
            deadLetters.Add(LeadDeadLetter.DeliveryFailed(item.Lead, sink, attempts, reason, error, _time.GetUtcNow()));
        }

        await _deadLetters.RecordAsync(deadLetters, token).ConfigureAwait(false);
        Finish();
    }

    /// <summary>Gives a lead recovered after a restart the outcome it had: the de-duplication state knew it already.</summary>
    private static DeduplicationDecision Reconstruct(DeduplicationDecision decision)
    {
        var outcome = decision.Lead.IsTestLead || decision.Profile.IsTest
            ? DeduplicationOutcome.TestLead
            : decision.Profile.Id.FirstLeadId == decision.Lead.Id ? DeduplicationOutcome.NewProfile : DeduplicationOutcome.JoinedProfile;
        return new DeduplicationDecision(decision.Lead, outcome, decision.Profile, decision.Reason, [], []);
    }

    private async Task StopCoreAsync(CancellationToken cancellationToken)
    {
        Task? start;
        lock (_startLock)
        {
            start = _start;
        }

        if (start is null)
        {
            Volatile.Write(ref _state, Stopped);
            await DisposeSinksAsync().ConfigureAwait(false);
            return;
        }

        try
        {
            await start.ConfigureAwait(false);
        }
        catch (Exception)
        {
            // The start failed (the journal could not be read): there is nothing running to drain.
        }

        using var timeout = new CancellationTokenSource(_options.ShutdownTimeout, _time);
        using var drain = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken, _abort.Token);
        try
        {
            // Leads recovered from the journal are queued before the queue is closed, so that they are drained too.
            if (_recovery is not null)
            {
                await _recovery.WaitAsync(drain.Token).ConfigureAwait(false);
            }

            _intake.Writer.TryComplete();
            await Task.WhenAll(RunningTasks()).WaitAsync(drain.Token).ConfigureAwait(false);
            foreach (var worker in _workers)
            {
                await worker.FlushAsync(drain.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            if (!_abort.IsCancellationRequested)
            {
                PipelineLog.DrainTimedOut(_events.Logger, Name, _options.ShutdownTimeout);
            }
        }
        catch (Exception error)
        {
            // A pipeline task failed unexpectedly: stop anyway; its leads stay pending in the journal.
            PipelineLog.TaskFailed(_events.Logger, error, Name);
        }
        finally
        {
            _intake.Writer.TryComplete();
            _abort.Cancel();
            try
            {
                await Task.WhenAll(RunningTasks()).ConfigureAwait(false);
            }
            catch (Exception)
            {
                // Every task ends on cancellation; anything else has been logged where it happened.
            }

            Volatile.Write(ref _state, Stopped);
            await DisposeSinksAsync().ConfigureAwait(false);
            PipelineLog.Stopped(_events.Logger, Name, InFlight);
        }
    }

    private List<Task> RunningTasks()
    {
        List<Task> tasks = [.. SinkCompletions(), _deadLetters.Completion];
        if (_recovery is not null)
        {
            tasks.Add(_recovery);
        }

        return tasks;
    }

    private async Task DisposeSinksAsync()
    {
        foreach (var worker in _workers)
        {
            await worker.DisposeSinkAsync().ConfigureAwait(false);
        }

        await _deadLetters.DisposeSinkAsync().ConfigureAwait(false);
    }

    /// <summary>Gives back the room one lead took in the queue, once every sink is done with it.</summary>
    private void Finish()
    {
        Interlocked.Decrement(ref _inFlight);
        try
        {
            _capacity.Release();
        }
        catch (ObjectDisposedException)
        {
            // Disposed while an abandoned sink call finished late.
        }
    }

    /// <summary>A lead on its way to the dispatcher.</summary>
    private sealed record WorkItem(Lead Lead, DateTimeOffset AcceptedAt, string[] Sinks, bool Recovered);

    /// <summary>Tells the dispatcher to send the profile changes the sinks have not been sent (after a start, behind the leads recovered). Carries no lead and takes no room in the queue.</summary>
    private static readonly WorkItem CatchUpMarker = new(null!, default, [], Recovered: true);

    /// <summary>Gets the tasks that can still dead-letter: every sink worker's and the dispatcher's.</summary>
    private IEnumerable<Task> SinkCompletions()
    {
        foreach (var worker in _workers)
        {
            yield return worker.Completion;
        }

        if (_dispatcher is not null)
        {
            yield return _dispatcher;
        }
    }
}
