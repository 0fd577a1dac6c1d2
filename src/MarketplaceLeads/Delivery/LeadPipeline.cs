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
/// <para>Stopping completes the queue, lets the workers drain, flushes the sinks, and after <see cref="MarketplaceLeadsOptions.ShutdownTimeout"/> cancels whatever is still running: those leads stay pending in the journal and are delivered after the next start.</para>
/// </remarks>
internal sealed class LeadPipeline : ILeadProcessor, ILeadReview, IDisposable
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
    private readonly LeadPipelineObserver[] _observers;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly PipelineTelemetry _telemetry;
    private readonly LeadReader _reader;
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
        _observers = [.. observers];
        _time = time;
        _logger = logger ?? NullLogger.Instance;
        _capacity = new SemaphoreSlim(options.QueueCapacity, options.QueueCapacity);
        _telemetry = new PipelineTelemetry(name, meterFactory, () => Volatile.Read(ref _inFlight));
        _reader = new LeadReader(new LeadReaderOptions
        {
            ErrorPolicy = LeadReadErrorPolicy.SkipAndReport,
            KeepRawPayload = true,
            MaxDepth = options.Reader.MaxDepth,
            MaxFieldLength = options.Reader.MaxFieldLength,
            MaxRecordBytes = options.Reader.MaxRecordBytes,
            SourceName = options.Reader.SourceName,
            TimeProvider = time,
        });
        _deadLetters = new DeadLetterWorker(this, deadLetterSink);
        _workers = new SinkWorker[sinks.Count];
        _sinkNames = new string[sinks.Count];
        var changeWorkers = new List<SinkWorker>();
        for (var i = 0; i < sinks.Count; i++)
        {
            _workers[i] = new SinkWorker(this, sinks[i]);
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
    public ValueTask<LeadSubmitResult> SubmitAsync(LeadReadResult result, CancellationToken cancellationToken = default) =>
        result.Lead is { } lead ? SubmitLeadAsync(lead, cancellationToken) : RejectAsync(result.Error!, cancellationToken);

    /// <inheritdoc/>
    public async ValueTask<IReadOnlyList<LeadSubmitResult>> SubmitHttpsPayloadAsync(ReadOnlyMemory<byte> utf8Json, CancellationToken cancellationToken = default)
    {
        var records = _reader.ReadHttpsPayloads(utf8Json.Span);
        var results = new LeadSubmitResult[records.Count];
        for (var i = 0; i < records.Count; i++)
        {
            results[i] = await SubmitAsync(records[i], cancellationToken).ConfigureAwait(false);
        }

        return results;
    }

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
        _telemetry.Dispose();
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
        _deadLetters.Start();
        if (pending.Count == 0)
        {
            QueueCatchUp();
            _recovery = Task.CompletedTask;
        }
        else
        {
            _recovery = Task.Run(() => RecoverAsync(pending), CancellationToken.None);
        }

        Volatile.Write(ref _state, Running);
        PipelineLog.Started(_logger, Name, _workers.Length, pending.Count);
    }

    private async Task RecoverAsync(List<JournaledLead> pending)
    {
        await RecoverLeadsAsync(pending).ConfigureAwait(false);

        // The changes a sink has not confirmed follow the leads recovered, as they followed them before the stop.
        QueueCatchUp();
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
                    PipelineLog.UnknownPendingSink(_logger, entry.Lead.Id.ToString(), sink);
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
            PipelineLog.Reviewed(_logger, Name, result.Action.Kind, result.Action.First.ToString(), result.Action.Second.ToString(), result.Action.Leads.Count);
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
            PipelineLog.ProfileChangesNotRead(_logger, error, Name);
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
        if (_options.FullMode == LeadQueueFullMode.Reject)
        {
            if (!_capacity.Wait(0, CancellationToken.None))
            {
                _telemetry.QueueFull();
                PipelineLog.QueueFull(_logger, Name, _options.QueueCapacity);
                return new LeadSubmitResult(LeadSubmitStatus.QueueFull, lead.Id, null);
            }
        }
        else if (!_capacity.Wait(0, CancellationToken.None))
        {
            await WaitForRoomAsync(cancellationToken).ConfigureAwait(false);
        }

        var acceptedAt = _time.GetUtcNow();
        string[] sinks = lead.IsTestLead && !_options.DeliverTestLeads ? [] : _sinkNames;
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

        if (!accepted)
        {
            _capacity.Release();
            _telemetry.AlreadyAccepted();
            activity?.SetTag("marketplace_leads.status", nameof(LeadSubmitStatus.AlreadyAccepted));
            return new LeadSubmitResult(LeadSubmitStatus.AlreadyAccepted, lead.Id, null);
        }

        _telemetry.Received();
        ReportWarnings(lead);
        Notify(static (observer, lead) => observer.OnAccepted(lead), lead, nameof(LeadPipelineObserver.OnAccepted));
        Interlocked.Increment(ref _inFlight);
        if (!_intake.Writer.TryWrite(new WorkItem(lead, acceptedAt, sinks, Recovered: false)))
        {
            // Stopping: the lead is in the journal and is delivered after the next start.
            Finish();
        }

        activity?.SetTag("marketplace_leads.status", nameof(LeadSubmitStatus.Accepted));
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

    /// <summary>Counts and logs the warnings of an accepted lead; computing them never fails the submit of a lead the journal holds already.</summary>
    private void ReportWarnings(Lead lead)
    {
        try
        {
            _telemetry.Warnings(lead.Warnings);
            PipelineLog.Warnings(_logger, lead);
        }
        catch (Exception error)
        {
            // A lead nothing expected (the warnings of its text could not be computed): it is accepted all the same.
            PipelineLog.WarningsFailed(_logger, error, lead.Id.ToString());
        }
    }

    /// <summary>Waits for room in the queue; a producer still waiting when the pipeline stops gets <see cref="ObjectDisposedException"/> (the lead was not accepted).</summary>
    private async Task WaitForRoomAsync(CancellationToken cancellationToken)
    {
        using var waiting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stopping.Token);
        try
        {
            await _capacity.WaitAsync(waiting.Token).ConfigureAwait(false);
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
        _telemetry.Rejected();
        DeadLettered(deadLetter);
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
        _telemetry.Deduplicated(decision.Outcome, decision.PossibleDuplicates.Count);
        Notify(static (observer, delivery) => observer.OnDeduplicated(delivery), delivery, nameof(LeadPipelineObserver.OnDeduplicated));
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
                await TryJournalAsync(static (journal, state, token) => journal.MarkDeliveredAsync(state.Sink, [state.Id], token), (Sink: sink, Id: item.Lead.Id), "record a skipped test lead", token).ConfigureAwait(false);
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
    private async Task<DeduplicationDecision?> DeduplicateAsync(WorkItem item, CancellationToken token)
    {
        var triedAgain = false;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await _deduplicator.AddAsync(item.Lead, token).ConfigureAwait(false);
            }
            catch (Exception error) when (!token.IsCancellationRequested)
            {
                if (await StoreAnswersAsync(item.Lead.Id, token).ConfigureAwait(false))
                {
                    if (!triedAgain)
                    {
                        triedAgain = true; // the store may have come back just now
                        continue;
                    }

                    PipelineLog.DeduplicationFailedForLead(_logger, error, item.Lead.Id.ToString(), attempt);
                    await DeadLetterForEverySinkAsync(item, attempt, $"De-duplication failed for this lead {attempt} time(s) while its store answers; last error: {error.GetType().Name}: {error.Message}", error, token).ConfigureAwait(false);
                    return null;
                }

                if (attempt >= _options.MaxDeliveryAttempts)
                {
                    await DeadLetterForEverySinkAsync(item, attempt, $"De-duplication failed {attempt} time(s); last error: {error.GetType().Name}: {error.Message}", error, token).ConfigureAwait(false);
                    return null;
                }

                var delay = Backoff(attempt, null);
                PipelineLog.DeduplicationRetrying(_logger, error, item.Lead.Id.ToString(), attempt, delay);
                if (!await DelayUnlessStoppingAsync(delay, token).ConfigureAwait(false))
                {
                    PipelineLog.DeduplicationLeftPending(_logger, item.Lead.Id.ToString());
                    Finish();
                    return null;
                }
            }
        }
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
    private async Task<bool> DelayUnlessStoppingAsync(TimeSpan delay, CancellationToken token)
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
            deadLetters.Add(NewDeadLetter(item.Lead, sink, attempts, reason, error));
        }

        await DeadLetterAsync(deadLetters, token).ConfigureAwait(false);
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
                PipelineLog.DrainTimedOut(_logger, Name, _options.ShutdownTimeout);
            }
        }
        catch (Exception error)
        {
            // A pipeline task failed unexpectedly: stop anyway; its leads stay pending in the journal.
            PipelineLog.TaskFailed(_logger, error, Name);
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
            PipelineLog.Stopped(_logger, Name, InFlight);
        }
    }

    private List<Task> RunningTasks()
    {
        var tasks = new List<Task>(_workers.Length + 3);
        if (_dispatcher is not null)
        {
            tasks.Add(_dispatcher);
        }

        if (_recovery is not null)
        {
            tasks.Add(_recovery);
        }

        foreach (var worker in _workers)
        {
            tasks.Add(worker.Completion);
        }

        tasks.Add(_deadLetters.Completion);
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

    /// <summary>Computes the wait before the next attempt: exponential back-off with jitter, at least the sink's retry-after hint.</summary>
    private TimeSpan Backoff(int failedAttempts, TimeSpan? retryAfter)
    {
        var exponential = _options.RetryBaseDelay.Ticks * Math.Pow(2, Math.Min(failedAttempts - 1, 30));
        var capped = Math.Min(exponential, _options.RetryMaxDelay.Ticks);
        var jittered = TimeSpan.FromTicks((long)(capped * (1 - (Random.Shared.NextDouble() * 0.5))));
        if (retryAfter is { } hint)
        {
            var honoured = hint < _options.MaxRetryAfter ? hint : _options.MaxRetryAfter;
            return honoured > jittered ? honoured : jittered;
        }

        return jittered;
    }

    private LeadDeadLetter NewDeadLetter(Lead lead, string sink, int attempts, string reason, Exception? error) => new()
    {
        Kind = LeadDeadLetterKind.DeliveryFailed,
        Reason = reason,
        OccurredAt = _time.GetUtcNow(),
        Lead = lead,
        RawPayload = lead.RawPayload,
        Sink = sink,
        Attempts = attempts,
        ExceptionType = error?.GetType().FullName,
        ExceptionMessage = error?.Message,
    };

    /// <summary>Records dead letters in the journal (so the leads are no longer pending for their sinks), then reports and forwards them.</summary>
    private async Task DeadLetterAsync(List<LeadDeadLetter> deadLetters, CancellationToken token)
    {
        var recorded = await TryJournalAsync(static (journal, deadLetters, token) => journal.AddDeadLettersAsync(deadLetters, token), deadLetters, "record dead letters", token).ConfigureAwait(false);
        if (!recorded)
        {
            return;
        }

        foreach (var deadLetter in deadLetters)
        {
            DeadLettered(deadLetter);
        }
    }

    private void DeadLettered(LeadDeadLetter deadLetter)
    {
        _telemetry.DeadLettered(deadLetter);
        PipelineLog.DeadLettered(_logger, deadLetter.LeadId?.ToString() ?? "(none)", deadLetter.Kind, deadLetter.Sink ?? "(none)", deadLetter.Reason);
        Notify(static (observer, deadLetter) => observer.OnDeadLettered(deadLetter), deadLetter, nameof(LeadPipelineObserver.OnDeadLettered));
        _deadLetters.Post(deadLetter);
    }

    /// <summary>Calls the journal, retrying a failure with back-off a few times; gives up (logged) when it keeps failing, leaving the leads pending.</summary>
    private async Task<bool> TryJournalAsync<TState>(Func<ILeadJournal, TState, CancellationToken, ValueTask> call, TState state, string operation, CancellationToken token)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await call(_journal, state, token).ConfigureAwait(false);
                return true;
            }
            catch (Exception error) when (!token.IsCancellationRequested)
            {
                if (attempt >= _options.MaxDeliveryAttempts)
                {
                    PipelineLog.JournalFailed(_logger, error, operation);
                    return false;
                }

                await Task.Delay(Backoff(attempt, null), _time, token).ConfigureAwait(false);
            }
        }
    }

    private void Notify<T>(Action<LeadPipelineObserver, T> raise, T argument, string eventName)
    {
        foreach (var observer in _observers)
        {
            try
            {
                raise(observer, argument);
            }
            catch (Exception error)
            {
                PipelineLog.ObserverFailed(_logger, error, eventName);
            }
        }
    }

    /// <summary>A lead on its way to the dispatcher.</summary>
    private sealed record WorkItem(Lead Lead, DateTimeOffset AcceptedAt, string[] Sinks, bool Recovered);

    /// <summary>Tells the dispatcher to send the profile changes the sinks have not been sent (after a start, behind the leads recovered). Carries no lead and takes no room in the queue.</summary>
    private static readonly WorkItem CatchUpMarker = new(null!, default, [], Recovered: true);

    /// <summary>What a sink worker's queue holds: a lead delivery or a profile change, in the order they are to reach the sink.</summary>
    private readonly record struct SinkItem(TrackedDelivery? Delivery, ProfileChange? Change);

    /// <summary>A delivery shared by the workers of the sinks it goes to; the last one to finish gives back the lead's room in the queue.</summary>
    private sealed class TrackedDelivery(LeadDelivery delivery, int sinks)
    {
        private int _remaining = sinks;

        public LeadDelivery Delivery { get; } = delivery;

        public bool Done() => Interlocked.Decrement(ref _remaining) == 0;
    }

    /// <summary>Delivers to one sink: batching, attempts with a time-out, back-off, dead letters, journal progress.</summary>
    private sealed class SinkWorker(LeadPipeline pipeline, ResolvedSink sink)
    {
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
                    pipeline.SinkFailed(Name, "flush", error);
                }
            }
        }

        public Task DisposeSinkAsync() => pipeline.DisposeOwnedAsync(Name, sink);

        private async Task RunAsync()
        {
            var token = pipeline._abort.Token;
            var options = pipeline._options;
            var batch = new List<TrackedDelivery>(options.MaxBatchSize);
            var changes = new List<ProfileChange>();
            var reader = _queue.Reader;
            try
            {
                while (await reader.WaitToReadAsync(token).ConfigureAwait(false))
                {
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
                            pipeline.Finish();
                        }
                    }
                }
            }
            catch (Exception) when (token.IsCancellationRequested)
            {
                // Aborted: what this worker held stays pending in the journal.
            }
        }

        /// <summary>Moves the lead deliveries at the head of the queue into the batch, up to its size; stops at a profile change.</summary>
        private void TakeDeliveries(List<TrackedDelivery> batch)
        {
            var reader = _queue.Reader;
            while (batch.Count < pipeline._options.MaxBatchSize && reader.TryPeek(out var next) && next.Delivery is { } delivery && reader.TryRead(out _))
            {
                batch.Add(delivery);
            }
        }

        private bool NextIsChange() => _queue.Reader.TryPeek(out var next) && next.Change is not null;

        /// <summary>Delivers profile changes as leads are delivered: attempts with a time-out, back-off, dead letters; the sink's position in the review log recorded in the journal.</summary>
        private async Task DeliverChangesAsync(ProfileChange[] changes, CancellationToken token)
        {
            var options = pipeline._options;
            for (var attempt = 1; ; attempt++)
            {
                var error = await TryWriteChangesAsync(changes, token).ConfigureAwait(false);
                if (error is null)
                {
                    await ConfirmAsync(changes, token).ConfigureAwait(false);
                    return;
                }

                var transient = error is not LeadSinkException { IsTransient: false };
                if (!transient && changes.Length > 1)
                {
                    foreach (var single in changes)
                    {
                        var singleError = await TryWriteChangesAsync([single], token).ConfigureAwait(false);
                        if (singleError is not null)
                        {
                            await GiveUpChangesAsync([single], attempt + 1, singleError, token).ConfigureAwait(false);
                        }
                        else
                        {
                            await ConfirmAsync([single], token).ConfigureAwait(false);
                        }
                    }

                    return;
                }

                if (!transient || attempt >= options.MaxDeliveryAttempts)
                {
                    await GiveUpChangesAsync(changes, attempt, error, token).ConfigureAwait(false);
                    return;
                }

                var delay = pipeline.Backoff(attempt, (error as LeadSinkException)?.RetryAfter);
                pipeline._telemetry.Retried(Name);
                PipelineLog.RetryingProfileChanges(pipeline._logger, error, Name, attempt, options.MaxDeliveryAttempts, changes.Length, delay);
                await Task.Delay(delay, pipeline._time, token).ConfigureAwait(false);
            }
        }

        /// <summary>Makes one attempt at writing profile changes; returns <see langword="null"/> on success, else what went wrong. Throws only when the pipeline aborts.</summary>
        private async Task<Exception?> TryWriteChangesAsync(ProfileChange[] changes, CancellationToken token)
        {
            var options = pipeline._options;
            var time = pipeline._time;
            using var timeout = new CancellationTokenSource(options.AttemptTimeout, time);
            using var attemptToken = CancellationTokenSource.CreateLinkedTokenSource(token, timeout.Token);
            Task? write = null;
            try
            {
                write = ((IProfileChangeSink)sink.Instance).WriteProfileChangesAsync(changes, attemptToken.Token).AsTask();
                await write.WaitAsync(options.AttemptTimeout, time, token).ConfigureAwait(false);
                return null;
            }
            catch (Exception error) when (!token.IsCancellationRequested)
            {
                if (write is { IsCompleted: false })
                {
                    await attemptToken.CancelAsync().ConfigureAwait(false);
                }

                return timeout.IsCancellationRequested || error is TimeoutException
                    ? new TimeoutException($"Sink '{Name}' did not write {changes.Length} profile change(s) within the attempt time-out of {options.AttemptTimeout}.", error)
                    : error;
            }
        }

        private Task<bool> ConfirmAsync(ProfileChange[] changes, CancellationToken token) =>
            pipeline.TryJournalAsync(static (journal, state, token) => journal.SetProfileChangeProgressAsync(state.Name, state.Sequence, token), (Name, changes[^1].Sequence), "record a profile change", token);

        /// <summary>Dead-letters profile changes the sink did not take (each with its <c>profile-change@1</c> record), and records them as done for the sink, so that the later ones go on.</summary>
        private async Task GiveUpChangesAsync(ProfileChange[] changes, int attempts, Exception error, CancellationToken token)
        {
            var reason = error is LeadSinkException { IsTransient: false }
                ? $"Sink '{Name}' refused the profile change (not retried); {error.GetType().Name}: {error.Message}"
                : $"Sink '{Name}' failed {attempts} attempt(s) at the profile change; last error: {error.GetType().Name}: {error.Message}";
            var deadLetters = new List<LeadDeadLetter>(changes.Length);
            foreach (var change in changes)
            {
                deadLetters.Add(new LeadDeadLetter
                {
                    Kind = LeadDeadLetterKind.ProfileChangeFailed,
                    Reason = $"{reason} (review {change.Sequence}: {change.Kind} of profiles {change.Action.First} and {change.Action.Second})",
                    OccurredAt = pipeline._time.GetUtcNow(),
                    RawPayload = ProfileChangeJson.Serialize(change),
                    Sink = Name,
                    Attempts = attempts,
                    ExceptionType = error.GetType().FullName,
                    ExceptionMessage = error.Message,
                });
            }

            await pipeline.DeadLetterAsync(deadLetters, token).ConfigureAwait(false);
            await ConfirmAsync(changes, token).ConfigureAwait(false);
        }

        /// <summary>Waits up to <see cref="MarketplaceLeadsOptions.BatchDelay"/> for more deliveries, unless the queue is completing (draining).</summary>
        private async Task FillAsync(List<TrackedDelivery> batch, CancellationToken token)
        {
            var options = pipeline._options;
            using var delay = CancellationTokenSource.CreateLinkedTokenSource(token);
            var deadline = Task.Delay(options.BatchDelay, pipeline._time, delay.Token);
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
                    if (NextIsChange())
                    {
                        break; // a profile change ends the batch: it goes after these leads
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

            var options = pipeline._options;
            for (var attempt = 1; ; attempt++)
            {
                var error = await TryWriteAsync(deliveries, attempt, token).ConfigureAwait(false);
                if (error is null)
                {
                    return;
                }

                var transient = error is not LeadSinkException { IsTransient: false };
                if (!transient && deliveries.Length > 1)
                {
                    // One lead may be what the sink refuses: give each its own attempt so the others get through.
                    foreach (var single in deliveries)
                    {
                        var singleError = await TryWriteAsync([single], attempt + 1, token).ConfigureAwait(false);
                        if (singleError is not null)
                        {
                            await GiveUpAsync([single], attempt + 1, singleError, token).ConfigureAwait(false);
                        }
                    }

                    return;
                }

                if (!transient || attempt >= options.MaxDeliveryAttempts)
                {
                    await GiveUpAsync(deliveries, attempt, error, token).ConfigureAwait(false);
                    return;
                }

                var delay = pipeline.Backoff(attempt, (error as LeadSinkException)?.RetryAfter);
                pipeline._telemetry.Retried(Name);
                PipelineLog.Retrying(pipeline._logger, error, Name, attempt, options.MaxDeliveryAttempts, deliveries.Length, delay);
                pipeline.Notify(static (observer, state) => observer.OnRetrying(state.Name, state.Deliveries, state.Attempt, state.Delay, state.Error), (Name, Deliveries: (IReadOnlyList<LeadDelivery>)deliveries, Attempt: attempt, Delay: delay, Error: error), nameof(LeadPipelineObserver.OnRetrying));
                await Task.Delay(delay, pipeline._time, token).ConfigureAwait(false);
            }
        }

        /// <summary>Makes one attempt; returns <see langword="null"/> on success (progress recorded), else what went wrong. Throws only when the pipeline aborts.</summary>
        private async Task<Exception?> TryWriteAsync(LeadDelivery[] deliveries, int attempt, CancellationToken token)
        {
            var options = pipeline._options;
            var time = pipeline._time;
            using var activity = PipelineTelemetry.ActivitySource.StartActivity("MarketplaceLeads.Deliver", ActivityKind.Producer);
            activity?.SetTag("marketplace_leads.sink", Name);
            activity?.SetTag("marketplace_leads.batch_size", deliveries.Length);
            activity?.SetTag("marketplace_leads.attempt", attempt);
            var started = time.GetTimestamp();
            using var timeout = new CancellationTokenSource(options.AttemptTimeout, time);
            using var attemptToken = CancellationTokenSource.CreateLinkedTokenSource(token, timeout.Token);
            Task? write = null;
            try
            {
                write = sink.Sink.WriteBatchAsync(deliveries, attemptToken.Token).AsTask();
                await write.WaitAsync(options.AttemptTimeout, time, token).ConfigureAwait(false);
            }
            catch (Exception error) when (!token.IsCancellationRequested)
            {
                if (write is { IsCompleted: false })
                {
                    // Abandoned: make sure the call sees its token signalled even if the time-out timer has not fired yet.
                    await attemptToken.CancelAsync().ConfigureAwait(false);
                }

                activity?.SetStatus(ActivityStatusCode.Error, error.GetType().Name);
                return timeout.IsCancellationRequested || error is TimeoutException
                    ? new TimeoutException($"Sink '{Name}' did not write {deliveries.Length} lead(s) within the attempt time-out of {options.AttemptTimeout}.", error)
                    : error;
            }

            var elapsed = time.GetElapsedTime(started);
            var ids = new LeadId[deliveries.Length];
            for (var i = 0; i < ids.Length; i++)
            {
                ids[i] = deliveries[i].Lead.Id;
            }

            await pipeline.TryJournalAsync(static (journal, state, token) => journal.MarkDeliveredAsync(state.Name, state.ids, token), (Name, ids), "record a delivery", token).ConfigureAwait(false);
            pipeline._telemetry.Delivered(Name, deliveries, time.GetUtcNow(), elapsed);
            pipeline.Notify(static (observer, state) => observer.OnDelivered(state.Name, state.deliveries, state.attempt), (Name, deliveries: (IReadOnlyList<LeadDelivery>)deliveries, attempt), nameof(LeadPipelineObserver.OnDelivered));
            return null;
        }

        private Task GiveUpAsync(LeadDelivery[] deliveries, int attempts, Exception error, CancellationToken token)
        {
            var reason = error is LeadSinkException { IsTransient: false }
                ? $"Sink '{Name}' refused the lead (not retried); {error.GetType().Name}: {error.Message}"
                : $"Sink '{Name}' failed {attempts} attempt(s); last error: {error.GetType().Name}: {error.Message}";
            var deadLetters = new List<LeadDeadLetter>(deliveries.Length);
            foreach (var delivery in deliveries)
            {
                deadLetters.Add(pipeline.NewDeadLetter(delivery.Lead, Name, attempts, reason, error));
            }

            return pipeline.DeadLetterAsync(deadLetters, token);
        }
    }

    private void SinkFailed(string sink, string operation, Exception error)
    {
        PipelineLog.SinkOperationFailed(_logger, error, sink, operation);
        Notify(static (observer, state) => observer.OnSinkError(state.sink, state.operation, state.error), (sink, operation, error), nameof(LeadPipelineObserver.OnSinkError));
    }

    private async Task DisposeOwnedAsync(string name, ResolvedSink sink)
    {
        if (!sink.Owned)
        {
            return;
        }

        try
        {
            switch (sink.Instance)
            {
                case IAsyncDisposable asyncDisposable:
                    await asyncDisposable.DisposeAsync().ConfigureAwait(false);
                    break;
                case IDisposable disposable:
                    disposable.Dispose();
                    break;
            }
        }
        catch (Exception error)
        {
            SinkFailed(name, "dispose", error);
        }
    }

    /// <summary>Forwards dead letters to the dead-letter sink (if any), in batches, with retries; they are in the journal already.</summary>
    private sealed class DeadLetterWorker(LeadPipeline pipeline, ResolvedSink? sink)
    {
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
            var options = pipeline._options;
            var deadLetters = batch.ToArray();
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    using var timeout = new CancellationTokenSource(options.AttemptTimeout, pipeline._time);
                    using var attemptToken = CancellationTokenSource.CreateLinkedTokenSource(token, timeout.Token);
                    await target.WriteAsync(deadLetters, attemptToken.Token).AsTask().WaitAsync(options.AttemptTimeout, pipeline._time, token).ConfigureAwait(false);
                    return;
                }
                catch (Exception error) when (!token.IsCancellationRequested)
                {
                    pipeline.SinkFailed(sink!.Name, "dead-letter", error);
                    if (attempt >= options.MaxDeliveryAttempts)
                    {
                        PipelineLog.DeadLetterSinkGaveUp(pipeline._logger, error, attempt, deadLetters.Length);
                        return;
                    }

                    await Task.Delay(pipeline.Backoff(attempt, (error as LeadSinkException)?.RetryAfter), pipeline._time, token).ConfigureAwait(false);
                }
            }
        }
    }

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
