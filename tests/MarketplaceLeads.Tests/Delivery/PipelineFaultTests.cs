using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using MarketplaceLeads.Deduplication;
using MarketplaceLeads.Delivery;
using MarketplaceLeads.Sqlite;

namespace MarketplaceLeads.Tests;

/// <summary>
/// The fault tests: failing, hanging and dispose-throwing sinks, a "crash" (pipeline aborted mid-batch without
/// drain) and a restart on the same journal and de-duplication state; many concurrent producers. After recovery every
/// accepted lead is delivered or dead-lettered for every sink, counted exactly, and no sink saw a lead twice except
/// across the crash, where the second delivery is flagged as a redelivery.
/// </summary>
public sealed class PipelineFaultTests
{
    [Fact]
    public async Task Crash_MidBatch_ThenRestartOnTheSameJournal_DeliversEveryAcceptedLead()
    {
        var journal = new InMemoryLeadJournal();
        using var deduplicator = new LeadDeduplicator();
        var leads = TestLeads.People(300);
        var before = new RecordingSink { Behaviour = (_, _, ct) => Task.Delay(3, ct) };
        await using (var crashed = PipelineHarness.Create(b => b.AddSink(before, "crm"), o => o.MaxBatchSize = 10, PipelineHarness.SharedState(journal, deduplicator)))
        {
            foreach (var lead in leads)
            {
                Assert.Equal(LeadSubmitStatus.Accepted, (await crashed.Processor.SubmitAsync(lead)).Status);
            }

            await before.WaitForCommittedAsync(50);
            await crashed.Pipeline.AbortAsync();
        }

        Assert.InRange(before.Committed.Count, 50, 299);
        var pending = await journal.ReadPendingAsync(CancellationToken.None).ToListAsync();
        Assert.NotEmpty(pending);

        var after = new RecordingSink();
        await using (var restarted = PipelineHarness.Create(b => b.AddSink(after, "crm"), null, PipelineHarness.SharedState(journal, deduplicator)))
        {
            await restarted.Processor.StartAsync();
            Assert.Equal(LeadSubmitStatus.AlreadyAccepted, (await restarted.Processor.SubmitAsync(leads[^1])).Status);
            await restarted.Processor.StopAsync();
        }

        Assert.Equal(pending.Select(p => p.Lead.Id).Order(), after.CommittedIds.Order());
        Assert.Equal(leads.Select(l => l.Id).Order(), before.CommittedIds.Union(after.CommittedIds).Order());
        Assert.Equal(before.Committed.Count, before.CommittedIds.Distinct().Count());
        Assert.All(after.Committed, d =>
        {
            Assert.True(d.IsRedelivery);
            Assert.Equal(DeduplicationOutcome.NewProfile, d.Outcome);
            Assert.Equal(d.Lead.Id, d.Profile.Id.FirstLeadId);
        });
        Assert.Empty(await journal.ReadPendingAsync(CancellationToken.None).ToListAsync());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task FlakyHangingAndDisposeThrowingSinks_WithACrashAndConcurrentProducers_ReconcileExactly(bool onSqlite)
    {
        const int Producers = 16;
        const int LeadsPerProducer = 60;
        var folder = Directory.CreateTempSubdirectory("ml-fault-");
        var memoryJournal = new InMemoryLeadJournal();
        using var memoryDeduplicator = new LeadDeduplicator();

        // The state a restarted process finds: the same objects in memory, or the same SQLite file opened anew.
        (ILeadJournal Journal, ILeadDeduplicator Deduplicator, SqliteLeadDatabase? Database) Open()
        {
            if (!onSqlite)
            {
                return (memoryJournal, memoryDeduplicator, null);
            }

            var database = new SqliteLeadDatabase(new SqliteLeadsOptions { Path = Path.Combine(folder.FullName, "leads.db"), Durability = SqliteDurability.Normal });
            return (database.Journal, new LeadDeduplicator(null, database.CreateDeduplicationStore()), database);
        }

        var (journal, deduplicator, database) = Open();
        var leads = TestLeads.People(Producers * LeadsPerProducer);
        var world = new FaultWorld();

        // Phase 1: producers submit (each lead twice, from two producers: a marketplace retry), and the process crashes half-way.
        var submitted = new ConcurrentDictionary<LeadId, LeadSubmitStatus>();
        var statuses = new ConcurrentBag<LeadSubmitStatus>();
        var crashAfter = leads.Length / 2;
        var submittedCount = 0;
        var refused = new ConcurrentQueue<Lead>();
        await using (var first = PipelineHarness.Create(world.Configure, world.Options, PipelineHarness.SharedState(journal, deduplicator)))
        {
            var crash = new TaskCompletionSource();
            var producers = Enumerable.Range(0, Producers).Select(p => Task.Run(async () =>
            {
                for (var i = 0; i < LeadsPerProducer; i++)
                {
                    foreach (var lead in new[] { leads[(p * LeadsPerProducer) + i], leads[(((p + 1) % Producers) * LeadsPerProducer) + i] })
                    {
                        try
                        {
                            var result = await first.Processor.SubmitAsync(lead);
                            statuses.Add(result.Status);
                            if (result.Status == LeadSubmitStatus.Accepted)
                            {
                                Assert.True(submitted.TryAdd(lead.Id, result.Status));
                            }
                        }
                        catch (ObjectDisposedException)
                        {
                            refused.Enqueue(lead);
                        }

                        if (Interlocked.Increment(ref submittedCount) == crashAfter)
                        {
                            crash.SetResult();
                        }
                    }
                }
            })).ToArray();

            await crash.Task.WaitAsync(TimeSpan.FromSeconds(60));
            await first.Pipeline.AbortAsync();
            await Task.WhenAll(producers);
        }

        if (database is not null)
        {
            // The process is gone: its database connection and de-duplicator with it.
            await database.DisposeAsync();
            ((IDisposable)deduplicator).Dispose();
            (journal, deduplicator, database) = Open();
        }

        // Phase 2: restart on the same journal; the producers retry what the crashed pipeline refused.
        await using (var second = PipelineHarness.Create(world.Configure, world.Options, PipelineHarness.SharedState(journal, deduplicator)))
        {
            await second.Processor.StartAsync();
            await Parallel.ForEachAsync(refused, new ParallelOptions { MaxDegreeOfParallelism = Producers }, async (lead, ct) =>
            {
                var result = await second.Processor.SubmitAsync(lead, ct);
                statuses.Add(result.Status);
                if (result.Status == LeadSubmitStatus.Accepted)
                {
                    Assert.True(submitted.TryAdd(lead.Id, result.Status));
                }
            });
            await second.Processor.StopAsync();
            Assert.Equal(0, second.Pipeline.InFlight);
        }

        // Every lead accepted exactly once; every other submission of it was a no-op.
        Assert.Equal(leads.Select(l => l.Id).Order(), submitted.Keys.Order());
        Assert.Equal(2 * leads.Length, statuses.Count);
        Assert.Equal(leads.Length, statuses.Count(s => s == LeadSubmitStatus.Accepted));
        Assert.Equal(leads.Length, statuses.Count(s => s == LeadSubmitStatus.AlreadyAccepted));
        Assert.Empty(await journal.ReadPendingAsync(CancellationToken.None).ToListAsync());

        var deadLetters = await journal.ReadDeadLettersAsync(CancellationToken.None).ToListAsync();
        foreach (var sink in FaultWorld.SinkNames)
        {
            var committed = world.Committed(sink);
            var deadLettered = deadLetters.Where(d => d.Sink == sink).Select(d => d.LeadId!.Value).ToHashSet();

            // Nothing lost: delivered or dead-lettered, for every sink.
            Assert.Equal(leads.Select(l => l.Id).Order(), committed.Select(d => d.Lead.Id).Union(deadLettered).Order());

            // No lead seen twice, except a redelivery after the crash, which is flagged.
            foreach (var group in committed.GroupBy(d => d.Lead.Id).Where(g => g.Count() > 1))
            {
                Assert.All(group.Skip(1), d => Assert.True(d.IsRedelivery, $"{sink} saw {group.Key} twice without the redelivery flag"));
            }

            // A dead-lettered lead was not also delivered by the same run, and it kept its raw payload.
            Assert.All(deadLetters.Where(d => d.Sink == sink), d => Assert.NotNull(d.RawPayload));
        }

        Assert.True(world.FlakyFailures > 0);
        Assert.True(world.Hangs > 0);
        Assert.Equal(2, world.DisposeErrors);
        if (database is not null)
        {
            await database.DisposeAsync();
            ((IDisposable)deduplicator).Dispose();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        }

        folder.Delete(recursive: true);
    }

    [Fact]
    public async Task ManyConcurrentProducers_CountsReconcileExactly()
    {
        const int Producers = 32;
        var leads = TestLeads.People(4000);
        var sink = new RecordingSink();
        var observer = new RecordingObserver();
        await using var harness = PipelineHarness.Create(b => b.AddSink(sink, "memory").AddObserver(observer), o => o.QueueCapacity = 256);
        var results = new ConcurrentBag<LeadSubmitResult>();

        // Every lead is submitted by two producers at the same time.
        await Parallel.ForEachAsync(Enumerable.Range(0, Producers), new ParallelOptions { MaxDegreeOfParallelism = Producers }, async (p, ct) =>
        {
            for (var i = p / 2; i < leads.Length; i += Producers / 2)
            {
                results.Add(await harness.Processor.SubmitAsync(leads[i], ct));
            }
        });
        await harness.Processor.StopAsync();

        Assert.Equal(leads.Length * 2, results.Count);
        Assert.Equal(leads.Length, results.Count(r => r.Status == LeadSubmitStatus.Accepted));
        Assert.Equal(leads.Length, results.Count(r => r.Status == LeadSubmitStatus.AlreadyAccepted));
        Assert.Equal(leads.Select(l => l.Id).Order(), sink.CommittedIds.Order());
        Assert.Equal(leads.Length, observer.Accepted.Count);
        Assert.Equal(leads.Length, observer.Delivered.Sum(d => d.Count));
        Assert.False(sink.Overlapped);
        Assert.Equal(0, harness.Pipeline.InFlight);
    }

    /// <summary>Three misbehaving sinks whose commits outlive the pipelines (shared between the crashed and the restarted one).</summary>
    private sealed class FaultWorld
    {
        public static readonly string[] SinkNames = ["flaky", "hangs", "dispose-throws"];

        private readonly ConcurrentDictionary<string, ConcurrentQueue<LeadDelivery>> _committed = new();
        private readonly Random _random = new(20261124);
        private int _flakyFailures;
        private int _hangs;
        private int _disposeErrors;

        public int FlakyFailures => _flakyFailures;

        public int Hangs => _hangs;

        public int DisposeErrors => _disposeErrors;

        public IReadOnlyList<LeadDelivery> Committed(string sink) => [.. _committed.GetOrAdd(sink, _ => new())];

        public void Options(MarketplaceLeadsOptions options)
        {
            options.MaxDeliveryAttempts = 4;
            options.AttemptTimeout = TimeSpan.FromMilliseconds(40);
            options.MaxBatchSize = 16;
            options.QueueCapacity = 200;
        }

        public void Configure(IMarketplaceLeadsBuilder builder) => builder
            .AddSink(_ => new WorldSink(this, "flaky", FlakyAsync), "flaky")
            .AddSink(_ => new WorldSink(this, "hangs", HangAsync), "hangs")
            .AddSink(_ => new WorldSink(this, "dispose-throws", static (_, _) => Task.CompletedTask, throwOnDispose: true), "dispose-throws")
            .AddObserver(new DisposeErrorCounter(this));

        private Task FlakyAsync(int call, CancellationToken cancellationToken)
        {
            bool fail;
            lock (_random)
            {
                fail = _random.NextDouble() < 0.3;
            }

            if (fail)
            {
                Interlocked.Increment(ref _flakyFailures);
                throw new InvalidOperationException("random failure");
            }

            return Task.CompletedTask;
        }

        private Task HangAsync(int call, CancellationToken cancellationToken)
        {
            if (call % 7 == 3)
            {
                Interlocked.Increment(ref _hangs);
                return Task.Delay(Timeout.Infinite, cancellationToken);
            }

            return Task.CompletedTask;
        }

        private sealed class WorldSink(FaultWorld world, string name, Func<int, CancellationToken, Task> behaviour, bool throwOnDispose = false) : ILeadSink, IAsyncDisposable
        {
            private int _calls;

            public async ValueTask WriteBatchAsync(IReadOnlyList<LeadDelivery> batch, CancellationToken cancellationToken)
            {
                await behaviour(Interlocked.Increment(ref _calls), cancellationToken);
                cancellationToken.ThrowIfCancellationRequested();
                var committed = world._committed.GetOrAdd(name, _ => new());
                foreach (var delivery in batch)
                {
                    committed.Enqueue(delivery);
                }
            }

            public ValueTask DisposeAsync() => throwOnDispose ? throw new InvalidOperationException("dispose failed") : ValueTask.CompletedTask;
        }

        private sealed class DisposeErrorCounter(FaultWorld world) : LeadPipelineObserver
        {
            public override void OnSinkError(string sink, string operation, Exception exception)
            {
                if (operation == "dispose")
                {
                    Interlocked.Increment(ref world._disposeErrors);
                }
            }
        }
    }
}
