using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using MarketplaceLeads.Delivery;
using Microsoft.Extensions.DependencyInjection;

namespace MarketplaceLeads.Tests;

/// <summary>The smaller public pieces of the delivery API: exceptions, records, the in-memory sink, and the generic registrations.</summary>
public sealed class DeliveryContractTests
{
    [Fact]
    public void LeadSinkException_DefaultsToTransientWithoutHint_AndRejectsANegativeHint()
    {
        Assert.True(new LeadSinkException().IsTransient);
        Assert.Null(new LeadSinkException("down").RetryAfter);
        var inner = new TimeoutException();
        var wrapped = new LeadSinkException("down", inner);
        Assert.Same(inner, wrapped.InnerException);
        Assert.True(wrapped.IsTransient);

        var refused = new LeadSinkException("400", isTransient: false, retryAfter: TimeSpan.FromSeconds(3));
        Assert.False(refused.IsTransient);
        Assert.Equal(TimeSpan.FromSeconds(3), refused.RetryAfter);

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new LeadSinkException("x", true, TimeSpan.FromSeconds(-1)));
        Assert.Equal("retryAfter", error.ParamName);
    }

    [Fact]
    public async Task ToString_OfDeliveriesAndDeadLetters_HasNoCustomerData()
    {
        var sink = new InMemoryLeadSink();
        var lead = TestLeads.Make("Zelda", "Quintessence", "zelda@secret.example", "+1 425 555 0199", "Hyrule Inc");
        await using (var harness = PipelineHarness.Create(b => b.AddSink(sink)))
        {
            await harness.Processor.SubmitAsync(lead);
        }

        var deadLetter = new LeadDeadLetter { Kind = LeadDeadLetterKind.DeliveryFailed, Reason = "down", OccurredAt = TestLeads.Start, Lead = lead, RawPayload = "{\"Email\":\"zelda@secret.example\"}", Sink = "crm", Attempts = 2 };
        foreach (var text in new[] { sink.GetDeliveries().Single().ToString(), deadLetter.ToString() })
        {
            Assert.Contains(lead.Id.ToString(), text, StringComparison.Ordinal);
            Assert.DoesNotContain("Zelda", text, StringComparison.Ordinal);
            Assert.DoesNotContain("secret.example", text, StringComparison.Ordinal);
            Assert.DoesNotContain("555", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task InMemoryLeadSink_Clear_ForgetsWhatItHeld()
    {
        var sink = new InMemoryLeadSink();
        await using var harness = PipelineHarness.Create(b => b.AddSink(sink));
        await harness.Processor.SubmitAsync(TestLeads.Person(1));
        await sink.WaitForCountAsync(1).WaitAsync(TimeSpan.FromSeconds(30));

        sink.Clear();

        Assert.Equal(0, sink.Count);
        Assert.Empty(sink.GetDeliveries());
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sink.WaitForCountAsync(1, new CancellationTokenSource(20).Token));
    }

    [Fact]
    public async Task GenericRegistrations_CreateJournalObserverAndDeadLetterSinkWithConstructorInjection()
    {
        var services = new ServiceCollection();
        var shared = new Counts();
        services.AddSingleton(shared);
        services.AddMarketplaceLeads(o => o.MaxDeliveryAttempts = 1)
            .AddSink((_, _) => throw new LeadSinkException("refused", isTransient: false), "refusing")
            .UseLeadJournal<CountingJournal>()
            .AddObserver<CountingObserver>()
            .UseDeadLetterSink<CollectingDeadLetterSink>();
        await using (var provider = services.BuildServiceProvider())
        {
            var processor = provider.GetRequiredService<ILeadPipeline>();
            await processor.SubmitAsync(TestLeads.Person(4));
            await processor.StopAsync();
            Assert.IsType<CountingJournal>(provider.GetRequiredService<ILeadJournal>());
        }

        Assert.Equal(1, shared.Accepts);
        Assert.Equal(1, shared.Accepted);
        Assert.Single(shared.DeadLetters);
        Assert.Equal("refusing", shared.DeadLetters.Single().Sink);
    }

    public sealed class Counts
    {
        private int _accepts;
        private int _accepted;

        public int Accepts => Volatile.Read(ref _accepts);

        public int Accepted => Volatile.Read(ref _accepted);

        public void Accept() => Interlocked.Increment(ref _accepts);

        public void Accepting() => Interlocked.Increment(ref _accepted);

        public ConcurrentQueue<LeadDeadLetter> DeadLetters { get; } = new();
    }

    public sealed class CountingJournal(Counts shared) : ILeadJournal
    {
        private readonly InMemoryLeadJournal _inner = new();

        public ValueTask<bool> TryAcceptAsync(Lead lead, DateTimeOffset acceptedAt, IReadOnlyList<string> sinks, CancellationToken cancellationToken)
        {
            shared.Accept();
            return _inner.TryAcceptAsync(lead, acceptedAt, sinks, cancellationToken);
        }

        public ValueTask MarkDeliveredAsync(string sink, IReadOnlyList<LeadId> leads, CancellationToken cancellationToken) => _inner.MarkDeliveredAsync(sink, leads, cancellationToken);

        public ValueTask AddDeadLettersAsync(IReadOnlyList<LeadDeadLetter> deadLetters, CancellationToken cancellationToken) => _inner.AddDeadLettersAsync(deadLetters, cancellationToken);

        public IAsyncEnumerable<JournaledLead> ReadPendingAsync(CancellationToken cancellationToken) => _inner.ReadPendingAsync(cancellationToken);

        public IAsyncEnumerable<LeadDeadLetter> ReadDeadLettersAsync(CancellationToken cancellationToken) => _inner.ReadDeadLettersAsync(cancellationToken);

        public ValueTask<long?> GetProfileChangeProgressAsync(string sink, CancellationToken cancellationToken) => _inner.GetProfileChangeProgressAsync(sink, cancellationToken);

        public ValueTask SetProfileChangeProgressAsync(string sink, long sequence, CancellationToken cancellationToken) => _inner.SetProfileChangeProgressAsync(sink, sequence, cancellationToken);
    }

    public sealed class CountingObserver(Counts shared) : LeadPipelineObserver
    {
        public override void OnAccepted(Lead lead) => shared.Accepting();
    }

    public sealed class CollectingDeadLetterSink(Counts shared) : ILeadDeadLetterSink
    {
        public ValueTask WriteAsync(IReadOnlyList<LeadDeadLetter> deadLetters, CancellationToken cancellationToken)
        {
            foreach (var deadLetter in deadLetters)
            {
                shared.DeadLetters.Enqueue(deadLetter);
            }

            return ValueTask.CompletedTask;
        }
    }
}
