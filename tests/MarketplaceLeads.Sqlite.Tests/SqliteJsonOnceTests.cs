using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using MarketplaceLeads.Deduplication;
using MarketplaceLeads.Delivery;
using Microsoft.Data.Sqlite;

namespace MarketplaceLeads.Sqlite.Tests;

/// <summary>On the UseSqlite path each lead's JSON is written once (the journal's until the sink has it, then the sink's), and the sink records its deliveries in the journal in its own commit.</summary>
public sealed class SqliteJsonOnceTests : IDisposable
{
    private readonly SqliteTestDatabase _file = new();

    [Fact]
    public async Task PipelineStore_WritesNoCopyOfALeadsJson_AndReadsAPendingLeadFromTheJournal_OrADeadLettersFromItsOwnCopy()
    {
        var lead = TestLeads.Person(1);
        var joined = TestLeads.Person(1, action: "Create", minutes: 10);
        await using var database = _file.Open(SqliteDurability.Normal);
        Assert.True(await database.Journal.TryAcceptAsync(lead, TestLeads.Start, [database.SinkName], CancellationToken.None));
        using (var deduplicator = new LeadDeduplicator(null, database.CreateJournaledDeduplicationStore(null)))
        {
            await deduplicator.AddAsync(lead);
        }

        await database.DisposeAsync();
        Assert.Equal(string.Empty, Text("SELECT lead_json FROM dedup_leads"));

        // A store opened afresh (nothing cached) reads the pending lead's JSON from the journal.
        await using (var reopened = _file.Open(SqliteDurability.Normal))
        {
            using var deduplicator = new LeadDeduplicator(null, reopened.CreateJournaledDeduplicationStore(null));
            Assert.True(await reopened.Journal.TryAcceptAsync(joined, TestLeads.Start, [reopened.SinkName], CancellationToken.None));
            var decision = await deduplicator.AddAsync(joined);
            Assert.Equal(DeduplicationOutcome.JoinedProfile, decision.Outcome);
            Assert.Equal(lead.RawPayload, decision.Profile.Leads[0].RawPayload);

            // The sink gives up on the lead: the store gets its copy back before the journal lets go of its own.
            await reopened.Journal.AddDeadLettersAsync(
                [new LeadDeadLetter { Kind = LeadDeadLetterKind.DeliveryFailed, Reason = "refused", OccurredAt = TestLeads.Start, Lead = lead, Sink = reopened.SinkName, Attempts = 3 }],
                CancellationToken.None);
        }

        Assert.Equal(1L, Scalar("SELECT COUNT(*) FROM journal_payloads")); // the joined lead's, still pending
        await using var again = _file.Open(SqliteDurability.Normal);
        var profile = await again.CreateDeduplicationStore().FindProfileByLeadAsync(lead.Id);
        Assert.Equal([lead.RawPayload, joined.RawPayload], profile!.Leads.Select(l => l.RawPayload));
    }

    [Fact]
    public async Task JournaledSink_RecordsItsDeliveriesWithItsRows_SoMarkingThemDeliveredCommitsNothing()
    {
        var deliveries = await TestLeads.DeliveriesAsync(TestLeads.Person(1), TestLeads.Person(2));
        await using var database = _file.Open(SqliteDurability.Normal);
        foreach (var delivery in deliveries)
        {
            await database.Journal.TryAcceptAsync(delivery.Lead, delivery.AcceptedAt, [database.SinkName, "crm"], CancellationToken.None);
        }

        await database.CreateJournaledSink().WriteBatchAsync(deliveries, CancellationToken.None);

        // Committed with the rows: the SQLite sink has the leads; the other sink is still waiting for them.
        Assert.Equal(2L, Scalar("SELECT COUNT(*) FROM leads"));
        Assert.Equal(0L, Scalar($"SELECT COUNT(*) FROM journal_pending WHERE sink = '{database.SinkName}'"));
        Assert.Equal(2L, Scalar("SELECT COUNT(*) FROM journal_pending WHERE sink = 'crm'"));
        Assert.Equal(2L, Scalar("SELECT COUNT(*) FROM journal_payloads"));
        var commits = database.Commits;
        await database.Journal.MarkDeliveredAsync(database.SinkName, [.. deliveries.Select(d => d.Lead.Id)], CancellationToken.None);
        Assert.Equal(commits, database.Commits);

        await database.Journal.MarkDeliveredAsync("crm", [.. deliveries.Select(d => d.Lead.Id)], CancellationToken.None);
        Assert.Equal(0L, Scalar("SELECT COUNT(*) FROM journal_payloads"));
    }

    private long Scalar(string sql) => (long)Query(sql)!;

    private string? Text(string sql) => (string?)Query(sql);

    private object? Query(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={_file.Path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    public void Dispose() => _file.Dispose();
}
