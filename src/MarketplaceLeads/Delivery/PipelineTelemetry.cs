using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using MarketplaceLeads.Deduplication;

namespace MarketplaceLeads.Delivery;

/// <summary>
/// The pipeline's metrics (meter <c>MarketplaceLeads</c>) and traces (activity source <c>MarketplaceLeads</c>).
/// Every measurement is tagged with the pipeline's name; delivery measurements also with the sink's name.
/// </summary>
internal sealed class PipelineTelemetry : IDisposable
{
    /// <summary>The name of the meter and of the activity source.</summary>
    public const string Name = "MarketplaceLeads";

    /// <summary>The activity source for submit and delivery spans.</summary>
    public static readonly ActivitySource ActivitySource = new(Name);

    private readonly Meter _meter;
    private readonly bool _ownsMeter;
    private readonly KeyValuePair<string, object?> _pipelineTag;
    private readonly Counter<long> _received;
    private readonly Counter<long> _redelivered;
    private readonly Counter<long> _rejected;
    private readonly Counter<long> _warnings;
    private readonly Counter<long> _queueFull;
    private readonly Counter<long> _deduplicated;
    private readonly Counter<long> _possibleDuplicates;
    private readonly Counter<long> _delivered;
    private readonly Counter<long> _retried;
    private readonly Counter<long> _deadLettered;
    private readonly Histogram<double> _latency;
    private readonly Histogram<double> _writeDuration;

    public PipelineTelemetry(string pipeline, IMeterFactory? meterFactory, Func<int> queueLength)
    {
        _ownsMeter = meterFactory is null;
        _meter = meterFactory?.Create(Name) ?? new Meter(Name);
        _pipelineTag = new("pipeline", pipeline);
        _received = _meter.CreateCounter<long>("marketplace_leads.received", "{lead}", "Leads durably accepted.");
        _redelivered = _meter.CreateCounter<long>("marketplace_leads.already_accepted", "{lead}", "Leads submitted again with a LeadId already accepted (no-ops).");
        _rejected = _meter.CreateCounter<long>("marketplace_leads.rejected", "{record}", "Input records that could not be read as leads (dead-lettered).");
        _warnings = _meter.CreateCounter<long>("marketplace_leads.warnings", "{warning}", "Warnings on accepted leads (Lead.Warnings), by kind.");
        _queueFull = _meter.CreateCounter<long>("marketplace_leads.queue_full", "{lead}", "Leads refused because the queue was full.");
        _deduplicated = _meter.CreateCounter<long>("marketplace_leads.deduplicated", "{lead}", "Leads de-duplicated, by outcome (NewProfile, JoinedProfile = merged, TestLead).");
        _possibleDuplicates = _meter.CreateCounter<long>("marketplace_leads.possible_duplicates", "{pair}", "Possible-duplicate pairs raised.");
        _delivered = _meter.CreateCounter<long>("marketplace_leads.delivered", "{lead}", "Leads written to a sink.");
        _retried = _meter.CreateCounter<long>("marketplace_leads.retried", "{attempt}", "Failed sink attempts that are retried.");
        _deadLettered = _meter.CreateCounter<long>("marketplace_leads.dead_lettered", "{lead}", "Leads or records dead-lettered, by kind.");
        _latency = _meter.CreateHistogram<double>("marketplace_leads.delivery.latency", "s", "Time from acceptance to a sink having written the lead.");
        _writeDuration = _meter.CreateHistogram<double>("marketplace_leads.sink.write.duration", "s", "Duration of successful sink batch writes.");
        _meter.CreateObservableUpDownCounter("marketplace_leads.queue.length", () => new Measurement<int>(queueLength(), _pipelineTag), "{lead}", "Accepted leads in the pipeline, not yet delivered to every sink.");
    }

    public void Received() => _received.Add(1, _pipelineTag);

    public void AlreadyAccepted() => _redelivered.Add(1, _pipelineTag);

    public void Rejected() => _rejected.Add(1, _pipelineTag);

    /// <summary>Counts the warnings of an accepted lead, tagged with their kind.</summary>
    public void Warnings(IReadOnlyList<LeadWarning> warnings)
    {
        foreach (var warning in warnings)
        {
            _warnings.Add(1, _pipelineTag, new("kind", warning.Kind.ToString()));
        }
    }

    public void QueueFull() => _queueFull.Add(1, _pipelineTag);

    public void Deduplicated(DeduplicationOutcome outcome, int possibleDuplicates)
    {
        _deduplicated.Add(1, _pipelineTag, new("outcome", outcome.ToString()));
        if (possibleDuplicates > 0)
        {
            _possibleDuplicates.Add(possibleDuplicates, _pipelineTag);
        }
    }

    public void Delivered(string sink, IReadOnlyList<LeadDelivery> batch, DateTimeOffset now, TimeSpan writeDuration)
    {
        var sinkTag = new KeyValuePair<string, object?>("sink", sink);
        _delivered.Add(batch.Count, _pipelineTag, sinkTag);
        _writeDuration.Record(writeDuration.TotalSeconds, _pipelineTag, sinkTag);
        foreach (var delivery in batch)
        {
            _latency.Record(Math.Max(0, (now - delivery.AcceptedAt).TotalSeconds), _pipelineTag, sinkTag);
        }
    }

    public void Retried(string sink) => _retried.Add(1, _pipelineTag, new("sink", sink));

    public void DeadLettered(LeadDeadLetter deadLetter) =>
        _deadLettered.Add(1, _pipelineTag, new("sink", deadLetter.Sink), new("kind", deadLetter.Kind.ToString()));

    public void Dispose()
    {
        if (_ownsMeter)
        {
            _meter.Dispose();
        }
    }
}
