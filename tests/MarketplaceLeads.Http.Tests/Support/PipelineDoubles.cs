using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using MarketplaceLeads.Delivery;

namespace MarketplaceLeads.Http.Tests;

// Copied (trimmed) from tests/MarketplaceLeads.Tests/Support/PipelineDoubles.cs: test projects do not reference each other.

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
}

/// <summary>An observer that records the delivery events.</summary>
internal sealed class RecordingObserver : LeadPipelineObserver
{
    public ConcurrentQueue<(string Sink, int Count, int Attempt)> Delivered { get; } = new();

    public ConcurrentQueue<(string Sink, int Attempt, TimeSpan Delay, Exception Error)> Retries { get; } = new();

    public ConcurrentQueue<LeadDeadLetter> DeadLetters { get; } = new();

    public int DeliveredLeads => Delivered.Sum(d => d.Count);

    public override void OnDelivered(string sink, IReadOnlyList<LeadDelivery> batch, int attempt) => Delivered.Enqueue((sink, batch.Count, attempt));

    public override void OnRetrying(string sink, IReadOnlyList<LeadDelivery> batch, int attempt, TimeSpan delay, Exception exception) => Retries.Enqueue((sink, attempt, delay, exception));

    public override void OnDeadLettered(LeadDeadLetter deadLetter) => DeadLetters.Enqueue(deadLetter);

    public async Task WaitAsync(Func<RecordingObserver, bool> condition, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (!condition(this))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The observer did not see the expected events: {DeliveredLeads} lead(s) delivered, {Retries.Count} retries, {DeadLetters.Count} dead letters.");
            }

            await Task.Delay(5);
        }
    }
}

/// <summary>Leads for the tests: distinct people, so de-duplication keeps them apart; each with a raw payload.</summary>
internal static class TestLeads
{
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    public static Lead Person(int index, string? description = null)
    {
        var n = index.ToString(CultureInfo.InvariantCulture);
        var customer = new CustomerInfo
        {
            FirstName = "Person" + n,
            LastName = "Tester" + n,
            Email = $"person{n}@company{n}.example",
            Company = $"Company {n}",
        };
        var text = "AppSource-PLT | contoso.contoso-analytics";
        return new Lead
        {
            Id = LeadId.FromContent(text, "PLT", "contoso.contoso-analytics", n, customer),
            LeadSource = LeadSource.Parse(text),
            LeadSourceText = text,
            ActionCode = "PLT",
            Description = description ?? n,
            Customer = customer,
            ReceivedAt = Start,
            Channel = LeadChannel.HttpsEndpoint,
            RawPayload = $"{{\"UserDetails\":{{\"Email\":\"person{n}@company{n}.example\"}},\"n\":{n}}}",
        };
    }

    public static Lead[] People(int count) => [.. Enumerable.Range(0, count).Select(i => Person(i))];

    /// <summary>Real <see cref="LeadDelivery"/> objects (their constructor is internal to the core): run the leads through an in-memory pipeline.</summary>
    public static async Task<IReadOnlyList<LeadDelivery>> DeliveriesAsync(params Lead[] leads)
    {
        var sink = new InMemoryLeadSink();
        await using var harness = PipelineHarness.Create(b => b.AddSink(sink, "memory"));
        foreach (var lead in leads)
        {
            await harness.Processor.SubmitAsync(lead);
        }

        await sink.WaitForCountAsync(leads.Length);
        return sink.GetDeliveries();
    }
}
