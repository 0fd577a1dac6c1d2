using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using MarketplaceLeads.Delivery;
using Microsoft.Extensions.Logging;

namespace MarketplaceLeads.Testing;

// Test doubles shared by the package test projects (compiled into each through tests/Directory.Build.props).

/// <summary>A dead-letter sink that keeps what it received.</summary>
internal sealed class RecordingDeadLetterSink : ILeadDeadLetterSink
{
    private readonly ConcurrentQueue<LeadDeadLetter> _received = new();

    public IReadOnlyList<LeadDeadLetter> Received => [.. _received];

    public ValueTask WriteAsync(IReadOnlyList<LeadDeadLetter> deadLetters, CancellationToken cancellationToken)
    {
        foreach (var deadLetter in deadLetters)
        {
            _received.Enqueue(deadLetter);
        }

        return ValueTask.CompletedTask;
    }

    public Task WaitForAsync(int count, TimeSpan? timeout = null) =>
        Polling.WaitAsync(() => _received.Count >= count, timeout, () => $"The dead-letter sink received {_received.Count} of {count}.");
}

/// <summary>A sink that keeps every delivery, each batch after an optional delay (so that a test can stop a pipeline mid-stream): the crash tests of the durable journals.</summary>
internal sealed class CountingSink(TimeSpan delay = default) : ILeadSink
{
    private readonly ConcurrentQueue<LeadDelivery> _deliveries = new();

    public IReadOnlyList<LeadDelivery> Deliveries => [.. _deliveries];

    public List<LeadId> Ids => [.. _deliveries.Select(d => d.Lead.Id)];

    public async ValueTask WriteBatchAsync(IReadOnlyList<LeadDelivery> batch, CancellationToken cancellationToken)
    {
        if (delay > TimeSpan.Zero)
        {
            await Task.Delay(delay, cancellationToken);
        }

        foreach (var delivery in batch)
        {
            _deliveries.Enqueue(delivery);
        }
    }

    public Task WaitForAsync(int count, TimeSpan? timeout = null) =>
        Polling.WaitAsync(() => _deliveries.Count >= count, timeout, () => $"The sink received {_deliveries.Count} of {count}.");
}

/// <summary>An observer that records every pipeline event.</summary>
internal sealed class RecordingObserver : LeadPipelineObserver
{
    public ConcurrentQueue<Lead> Accepted { get; } = new();

    public ConcurrentQueue<LeadDelivery> Deduplicated { get; } = new();

    public ConcurrentQueue<(string Sink, int Count, int Attempt)> Delivered { get; } = new();

    public ConcurrentQueue<(string Sink, int Attempt, TimeSpan Delay, Exception Error)> Retries { get; } = new();

    public ConcurrentQueue<LeadDeadLetter> DeadLetters { get; } = new();

    public ConcurrentQueue<(string Sink, string Operation, Exception Error)> SinkErrors { get; } = new();

    public int DeliveredLeads => Delivered.Sum(d => d.Count);

    public override void OnAccepted(Lead lead) => Accepted.Enqueue(lead);

    public override void OnDeduplicated(LeadDelivery delivery) => Deduplicated.Enqueue(delivery);

    public override void OnDelivered(string sink, IReadOnlyList<LeadDelivery> batch, int attempt) => Delivered.Enqueue((sink, batch.Count, attempt));

    public override void OnRetrying(string sink, IReadOnlyList<LeadDelivery> batch, int attempt, TimeSpan delay, Exception exception) => Retries.Enqueue((sink, attempt, delay, exception));

    public override void OnDeadLettered(LeadDeadLetter deadLetter) => DeadLetters.Enqueue(deadLetter);

    public override void OnSinkError(string sink, string operation, Exception exception) => SinkErrors.Enqueue((sink, operation, exception));

    /// <summary>Gets the records sinks named for their leads (<see cref="LeadPipelineObserver.OnRecordWritten"/>).</summary>
    public ConcurrentQueue<(string Sink, LeadId Lead, string RecordId)> Records { get; } = new();

    public override void OnRecordWritten(string sink, LeadDelivery delivery, string recordId) => Records.Enqueue((sink, delivery.Lead.Id, recordId));

    public Task WaitAsync(Func<RecordingObserver, bool> condition, TimeSpan? timeout = null) =>
        Polling.WaitAsync(() => condition(this), timeout, () => $"The observer did not see the expected events: {Accepted.Count} accepted, {DeliveredLeads} delivered, {Retries.Count} retries, {DeadLetters.Count} dead letters.");
}

/// <summary>Collects every log message (all categories), so that tests can check that none holds customer data.</summary>
internal sealed class CollectingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<(string Category, string Message)> _messages = new();

    public IReadOnlyList<(string Category, string Message)> Messages => [.. _messages];

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _messages);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<(string, string)> messages) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            messages.Enqueue((category, formatter(state, exception) + (exception is null ? string.Empty : " " + exception)));
    }
}

/// <summary>Waits for a condition that background work makes true, failing with a message after a time-out.</summary>
internal static class Polling
{
    public static async Task WaitAsync(Func<bool> condition, TimeSpan? timeout, Func<string> describe)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException(describe());
            }

            await Task.Delay(5);
        }
    }
}

/// <summary>A sink that refuses every batch for good (a non-transient <see cref="LeadSinkException"/>) while <see cref="Refuse"/> is set, and keeps what it takes.</summary>
internal sealed class SwitchableSink : ILeadSink
{
    private volatile bool _refuse;

    public bool Refuse
    {
        get => _refuse;
        set => _refuse = value;
    }

    public ConcurrentQueue<LeadDelivery> Delivered { get; } = new();

    public ValueTask WriteBatchAsync(IReadOnlyList<LeadDelivery> batch, CancellationToken cancellationToken)
    {
        if (_refuse)
        {
            throw new LeadSinkException("HTTP 400: the CRM refused the record", isTransient: false);
        }

        foreach (var delivery in batch)
        {
            Delivered.Enqueue(delivery);
        }

        return ValueTask.CompletedTask;
    }
}
