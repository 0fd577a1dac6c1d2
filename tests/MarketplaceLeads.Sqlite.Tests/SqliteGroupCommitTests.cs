using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using MarketplaceLeads.Deduplication;
using MarketplaceLeads.Delivery;
using Microsoft.Data.Sqlite;

namespace MarketplaceLeads.Sqlite.Tests;

/// <summary>
/// Group commit: writes that arrive while one commits share the next commit, each acknowledged only once a second
/// connection can see it; deferred de-duplication writes ride on the next durable one; a failed write undoes only itself;
/// the store's profile cache follows what other connections commit.
/// </summary>
public sealed class SqliteGroupCommitTests : IDisposable
{
    private readonly SqliteTestDatabase _file = new();

    [Fact]
    public async Task ConcurrentAccepts_ShareCommits_AndEachIsCommittedWhenAcknowledged()
    {
        var leads = TestLeads.People(64);
        await using var database = _file.Open(SqliteDurability.Full);

        // A write in progress (as a commit to disk is) while 64 accepts arrive, as concurrent HTTPS requests do: they wait
        // for it, then each adds its lead, and one commit takes them all. Each checks from another connection, once
        // acknowledged, that its lead is committed.
        using var holding = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var busy = Task.Run(() => database.TransactAsync(
            (connection, transaction) =>
            {
                holding.Set();
                release.Wait();
                return 0;
            },
            CancellationToken.None));
        holding.Wait();
        var before = database.Commits;
        var accepts = leads.Select(async lead =>
        {
            Assert.True(await database.Journal.TryAcceptAsync(lead, TestLeads.Start, ["crm"], CancellationToken.None));
            return CommittedCount("SELECT COUNT(*) FROM journal_leads WHERE lead_id = $id", lead.Id.ToString());
        }).ToArray();
        release.Set();
        await busy;
        var seen = await Task.WhenAll(accepts);

        Assert.All(seen, count => Assert.Equal(1, count));
        Assert.InRange(database.Commits - before, 1, 3); // one flush to disk for the 64 (and the held write), not one each
    }

    [Fact]
    public async Task DeferredDeduplicationWrite_IsCommittedWithTheNextDurableWrite()
    {
        var first = TestLeads.Person(1);
        await using var database = _file.Open(SqliteDurability.Full);
        using var deduplicator = new LeadDeduplicator(store: database.CreateJournaledDeduplicationStore(null));

        // The pipeline's order: the journal accepts (durable), the de-duplicator saves (deferred), the journal marks it
        // delivered (durable), which commits the save with it.
        Assert.True(await database.Journal.TryAcceptAsync(first, TestLeads.Start, ["crm"], CancellationToken.None));
        await deduplicator.AddAsync(first);
        await database.Journal.MarkDeliveredAsync("crm", [first.Id], CancellationToken.None);
        Assert.Equal(1, CommittedCount("SELECT COUNT(*) FROM dedup_leads WHERE lead_id = $id", first.Id.ToString()));
    }

    [Fact]
    public async Task DeferredDeduplicationWrite_IsCommittedSoonAfter_WhenNothingDurableFollows()
    {
        var lead = TestLeads.Person(2);
        await using var database = _file.Open(SqliteDurability.Full);
        using var deduplicator = new LeadDeduplicator(store: database.CreateJournaledDeduplicationStore(null));
        await deduplicator.AddAsync(lead);

        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (CommittedCount("SELECT COUNT(*) FROM dedup_leads WHERE lead_id = $id", lead.Id.ToString()) == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "the deferred write was not committed within 10 s");
            await Task.Delay(20);
        }
    }

    [Fact]
    public async Task DeferredDeduplicationWrite_IsCommittedOnDispose()
    {
        var lead = TestLeads.Person(3);
        await using (var database = _file.Open(SqliteDurability.Full))
        {
            using var deduplicator = new LeadDeduplicator(store: database.CreateJournaledDeduplicationStore(null));
            await deduplicator.AddAsync(lead);
        }

        Assert.Equal(1, CommittedCount("SELECT COUNT(*) FROM dedup_leads WHERE lead_id = $id", lead.Id.ToString()));
    }

    [Fact]
    public async Task StandaloneDeduplicationStore_SaveIsCommittedWhenItReturns()
    {
        var lead = TestLeads.Person(4);
        await using var database = _file.Open(SqliteDurability.Full);
        using var deduplicator = new LeadDeduplicator(store: database.CreateDeduplicationStore());
        await deduplicator.AddAsync(lead);
        Assert.Equal(1, CommittedCount("SELECT COUNT(*) FROM dedup_leads WHERE lead_id = $id", lead.Id.ToString()));
    }

    [Fact]
    public async Task AcceptingAChunk_TakesOneCommit_AndAnswersEachLeadAsAcceptingThemInTurn()
    {
        var leads = TestLeads.People(50);
        await using var database = _file.Open(SqliteDurability.Full);
        Assert.True(await database.Journal.TryAcceptAsync(leads[0], TestLeads.Start, [database.SinkName], CancellationToken.None));

        // The chunk: the 50 leads (the first accepted before) and the second one again.
        var chunk = leads.Append(leads[1]).Select(lead => new JournaledLead(lead, TestLeads.Start, [database.SinkName])).ToArray();
        var before = database.Commits;
        var accepted = await database.Journal.TryAcceptManyAsync(chunk, CancellationToken.None);

        Assert.Equal(1, database.Commits - before); // one flush to disk for the chunk, not one a lead
        Assert.Equal([false, .. Enumerable.Repeat(true, 49), false], accepted);
        Assert.Equal(50, CommittedCount("SELECT COUNT(*) FROM journal_pending WHERE sink = $id", database.SinkName));
        Assert.Equal(50, CommittedCount("SELECT COUNT(*) FROM journal_payloads WHERE seq > $id", "0"));
        Assert.Equal(leads.Select(l => l.Id), await database.Journal.ReadPendingAsync(CancellationToken.None).Select(p => p.Lead.Id).ToListAsync());
    }

    [Fact]
    public async Task FailedWrite_UndoesOnlyItsOwnChanges_TheGroupsOtherWritesAreCommitted()
    {
        await using var database = _file.Open(SqliteDurability.Full);
        await database.TransactAsync((connection, transaction) => Run(connection, transaction, "CREATE TABLE probe(k TEXT)"), CancellationToken.None);

        // Three writes in one group: a deferred one, one that fails half-way, a durable one.
        var deferred = database.DeferAsync((connection, transaction) => Run(connection, transaction, "INSERT INTO probe VALUES ('a')"), CancellationToken.None);
        var failing = database.TransactAsync<int>(
            (connection, transaction) =>
            {
                Run(connection, transaction, "INSERT INTO probe VALUES ('b')");
                throw new InvalidOperationException("the write fails after its first statement");
            },
            CancellationToken.None);
        var durable = database.TransactAsync((connection, transaction) => Run(connection, transaction, "INSERT INTO probe VALUES ('c')"), CancellationToken.None);

        await deferred;
        await Assert.ThrowsAsync<InvalidOperationException>(() => failing);
        await durable;
        Assert.Equal(1, CommittedCount("SELECT COUNT(*) FROM probe WHERE k = $id", "a"));
        Assert.Equal(0, CommittedCount("SELECT COUNT(*) FROM probe WHERE k = $id", "b"));
        Assert.Equal(1, CommittedCount("SELECT COUNT(*) FROM probe WHERE k = $id", "c"));
    }

    [Fact]
    public async Task KnownPersonsNextLeads_DoNotReadTheirProfileAgain()
    {
        await using var database = _file.Open(SqliteDurability.Normal);
        var store = (SqliteLeadDeduplicationStore)database.CreateDeduplicationStore();
        using var deduplicator = new LeadDeduplicator(store: store);
        CustomerProfile? profile = null;
        for (var i = 0; i < 300; i++)
        {
            var lead = TestLeads.Make(email: "ana@fabrikam.example", first: "Ana", last: "Lopez", minutes: i, description: "visit " + i);
            profile = (await deduplicator.AddAsync(lead)).Profile;
        }

        Assert.Equal(300, profile!.Leads.Count);
        Assert.Equal(["ana@fabrikam.example"], profile.Emails);
        Assert.Equal(0, store.ProfilesRead); // every lookup found the profile in memory: no lead was read back and parsed
    }

    [Fact]
    public async Task ProfileCache_FollowsWhatAnotherConnectionCommits()
    {
        var first = TestLeads.Make(email: "ana@fabrikam.example", first: "Ana", last: "Lopez", minutes: 0);
        var second = TestLeads.Make(email: "ana@fabrikam.example", first: "Ana", last: "Lopez", minutes: 5, description: "again");
        await using var one = _file.Open(SqliteDurability.Normal);
        using var mine = new LeadDeduplicator(store: one.CreateDeduplicationStore());
        var profile = (await mine.AddAsync(first)).Profile;
        Assert.Single((await mine.Store.FindProfileAsync(profile.Id))!.Leads);

        // Another process adds the person's second lead to the same file.
        await using (var other = _file.Open(SqliteDurability.Normal))
        {
            using var theirs = new LeadDeduplicator(store: other.CreateDeduplicationStore());
            Assert.Equal(DeduplicationOutcome.JoinedProfile, (await theirs.AddAsync(second)).Outcome);
        }

        Assert.Equal(2, (await mine.Store.FindProfileAsync(profile.Id))!.Leads.Count);
    }

    [Fact]
    public async Task BulkCommits_AcceptWithoutWaiting_AndCommitTheGroupOnceItHoldsTheLimit()
    {
        var leads = TestLeads.People(120);
        await using var database = new SqliteLeadDatabase(new SqliteLeadsOptions { Path = _file.Path, BulkCommitLeads = 100 });
        var before = database.Commits;

        // 60 leads: accepted, in the open group, not committed (another connection sees none of them).
        Assert.All(await database.Journal.TryAcceptManyAsync(Chunk(leads[..60]), CancellationToken.None), Assert.True);
        Assert.Equal(0, CommittedCount("SELECT COUNT(*) FROM journal_leads WHERE lead_id <> $id", string.Empty));
        Assert.Equal(before, database.Commits);

        // 50 more: the group holds 110 accepted leads, at least the limit, and is committed at once.
        Assert.All(await database.Journal.TryAcceptManyAsync(Chunk(leads[60..110]), CancellationToken.None), Assert.True);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (CommittedCount("SELECT COUNT(*) FROM journal_leads WHERE lead_id <> $id", string.Empty) < 110)
        {
            Assert.True(DateTime.UtcNow < deadline, "the group of 110 accepted leads was not committed within 10 s");
            await Task.Delay(20);
        }

        // A lead accepted again counts nothing; 10 new ones wait for the next commit, which FlushAsync makes.
        Assert.Equal([false], await database.Journal.TryAcceptManyAsync(Chunk(leads[..1]), CancellationToken.None));
        Assert.All(await database.Journal.TryAcceptManyAsync(Chunk(leads[110..]), CancellationToken.None), Assert.True);
        Assert.Equal(110, CommittedCount("SELECT COUNT(*) FROM journal_leads WHERE lead_id <> $id", string.Empty));
        await database.FlushAsync();
        Assert.Equal(120, CommittedCount("SELECT COUNT(*) FROM journal_leads WHERE lead_id <> $id", string.Empty));
        Assert.Equal(120, CommittedCount("SELECT COUNT(*) FROM journal_pending WHERE sink = $id", database.SinkName));
        Assert.Equal(2, database.Commits - before);
    }

    [Fact]
    public async Task BulkCommits_WhenTheOpenGroupIsLost_EveryLaterWriteAndFlushSaySoAndNothingMoreIsWritten()
    {
        var leads = TestLeads.People(12);
        await using var database = new SqliteLeadDatabase(new SqliteLeadsOptions { Path = _file.Path, BulkCommitLeads = 1_000 });
        Assert.All(await database.Journal.TryAcceptManyAsync(Chunk(leads[..10]), CancellationToken.None), Assert.True);

        // The transaction ends under the group (as SQLite ends it on an I/O error or a full disk): the 10 leads are gone.
        await Assert.ThrowsAsync<InvalidOperationException>(() => database.TransactAsync<int>(
            (connection, transaction) =>
            {
                Run(connection, transaction, "ROLLBACK");
                throw new InvalidOperationException("the disk is full");
            },
            CancellationToken.None));

        var write = await Assert.ThrowsAsync<InvalidOperationException>(() => database.Journal.TryAcceptManyAsync(Chunk(leads[10..]), CancellationToken.None).AsTask());
        Assert.StartsWith("A commit of the SQLite lead database failed: the 10 leads accepted since the commit before it (BulkCommitLeads) were not stored", write.Message, StringComparison.Ordinal);
        Assert.Contains("Import the same source again", write.Message, StringComparison.Ordinal);
        var flush = await Assert.ThrowsAsync<InvalidOperationException>(() => database.FlushAsync());
        Assert.Equal(write.Message, flush.Message);
        Assert.Equal(0, CommittedCount("SELECT COUNT(*) FROM journal_leads WHERE lead_id <> $id", string.Empty));
    }

    [Fact]
    public async Task BulkCommits_TheOpenGroupIsCommittedOnDispose()
    {
        var leads = TestLeads.People(5);
        await using (var database = new SqliteLeadDatabase(new SqliteLeadsOptions { Path = _file.Path, BulkCommitLeads = 1_000 }))
        {
            Assert.All(await database.Journal.TryAcceptManyAsync(Chunk(leads), CancellationToken.None), Assert.True);
            Assert.Equal(0, CommittedCount("SELECT COUNT(*) FROM journal_leads WHERE lead_id <> $id", string.Empty));
        }

        Assert.Equal(5, CommittedCount("SELECT COUNT(*) FROM journal_leads WHERE lead_id <> $id", string.Empty));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(99)]
    [InlineData(10_000_001)]
    public void BulkCommitLeads_OutOfRange_IsRefused_NamingTheOptionAndTheValue(int value)
    {
        var error = Assert.Throws<ArgumentException>(() => new SqliteLeadDatabase(new SqliteLeadsOptions { Path = _file.Path, BulkCommitLeads = value }));
        Assert.Contains($"BulkCommitLeads must be 0 (commit every accepted lead) or from 100 to 10,000,000 leads; it is {value.ToString(System.Globalization.CultureInfo.InvariantCulture)}", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _file.Dispose();

    private static JournaledLead[] Chunk(Lead[] leads) => leads.Select(lead => new JournaledLead(lead, TestLeads.Start, ["sqlite"])).ToArray();

    private static int Run(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        SqliteLeadDatabase.Run(connection, transaction, sql);
        return 0;
    }

    /// <summary>Counts rows from a connection of its own: it sees committed data only.</summary>
    private int CommittedCount(string sql, string id)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = _file.Path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$id", id);
        return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
