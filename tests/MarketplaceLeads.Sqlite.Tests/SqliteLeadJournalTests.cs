using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace MarketplaceLeads.Sqlite.Tests;

/// <summary>What only the SQLite journal does (its schema upgrades, options, where it keeps a lead's JSON); what every journal does is in <see cref="SqliteLeadJournalConformanceTests"/>.</summary>
public sealed class SqliteLeadJournalTests : IDisposable
{
    private readonly SqliteTestDatabase _file = new();

    [Fact]
    public async Task SchemaVersion1_IsUpgraded_AndItsPossibleDuplicatesStillRead()
    {
        // A database as version 1 wrote it: dedup_possibles without the explanation column, one pair in it.
        using (var connection = new SqliteConnection($"Data Source={_file.Path};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = """
                CREATE TABLE schema_info(version INTEGER NOT NULL);
                INSERT INTO schema_info(version) VALUES (1);
                CREATE TABLE dedup_profiles(
                    profile_id TEXT PRIMARY KEY, first_name TEXT, last_name TEXT, email TEXT, phone TEXT, country TEXT, company TEXT, title TEXT);
                CREATE TABLE dedup_possibles(
                    first TEXT NOT NULL, second TEXT NOT NULL, score REAL NOT NULL, reason TEXT NOT NULL, raised_by TEXT NOT NULL,
                    PRIMARY KEY(first, second)) WITHOUT ROWID;
                INSERT INTO dedup_possibles VALUES ('00000000000000000000000000000001', '00000000000000000000000000000002', 0.8, 'name 0.97, same phone', '00000000000000000000000000000002');
                """;
            command.ExecuteNonQuery();
        }

        await using var database = _file.Open();
        var pair = Assert.Single(await database.CreateDeduplicationStore().GetPossibleDuplicatesAsync().ToListAsync());
        Assert.Equal("name 0.97, same phone", pair.Reason);
        Assert.Null(pair.Explanation); // version 1 kept none
        using var check = new SqliteConnection($"Data Source={_file.Path};Pooling=False");
        check.Open();
        using var version = check.CreateCommand();
        version.CommandText = "SELECT version FROM schema_info";
        Assert.Equal((long)SqliteLeadDatabase.SchemaVersion, version.ExecuteScalar());
    }

    [Fact]
    public async Task FindLeadTime_IsTheLeadsTime_AfterDeliveryAndReopen_AndAcceptanceTimeForALeadJournaledBeforeSchema4()
    {
        var lead = TestLeads.Person(1) with { ReceivedAt = TestLeads.Start.AddHours(2), CreatedAt = null };
        await using (var database = _file.Open())
        {
            Assert.True(await database.Journal.TryAcceptAsync(lead, TestLeads.Start.AddHours(3), ["crm"], CancellationToken.None));
            await database.Journal.MarkDeliveredAsync("crm", [lead.Id], CancellationToken.None);
            Assert.Null(await database.Journal.FindLeadTimeAsync(LeadId.FromKey("other", "x"), CancellationToken.None));
        }

        await using (var reopened = _file.Open())
        {
            Assert.Equal(TestLeads.Start.AddHours(2), await reopened.Journal.FindLeadTimeAsync(lead.Id, CancellationToken.None));
        }

        using (var connection = new SqliteConnection($"Data Source={_file.Path};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "UPDATE journal_leads SET lead_at = NULL"; // as a version 3 database left it
            command.ExecuteNonQuery();
        }

        await using var old = _file.Open();
        Assert.Equal(TestLeads.Start.AddHours(3), await old.Journal.FindLeadTimeAsync(lead.Id, CancellationToken.None));
    }

    [Fact]
    public async Task LeadJson_IsKeptWhilePending_AndDeletedOnceEverySinkHasTheLead()
    {
        var lead = TestLeads.Person(7);
        await using var database = _file.Open();
        Assert.True(await database.Journal.TryAcceptAsync(lead, TestLeads.Start, ["crm", "file"], CancellationToken.None));
        Assert.Equal(1L, Scalar("SELECT COUNT(*) FROM journal_payloads"));

        await database.Journal.MarkDeliveredAsync("crm", [lead.Id], CancellationToken.None);
        Assert.Equal(1L, Scalar("SELECT COUNT(*) FROM journal_payloads"));
        await database.Journal.MarkDeliveredAsync("file", [lead.Id], CancellationToken.None);
        Assert.Equal(0L, Scalar("SELECT COUNT(*) FROM journal_payloads"));
        Assert.Equal(1L, Scalar("SELECT COUNT(*) FROM journal_leads WHERE lead_json IS NULL")); // the id and times stay: a retry is still known
        Assert.False(await database.Journal.TryAcceptAsync(lead, TestLeads.Start, ["crm"], CancellationToken.None));
    }

    [Fact]
    public async Task SchemaVersion4_IsUpgraded_PendingLeadsKeepTheirJson()
    {
        var pending = TestLeads.Person(8);
        var delivered = TestLeads.Person(9);
        await using (var database = _file.Open())
        {
            await database.Journal.TryAcceptAsync(pending, TestLeads.Start, ["crm"], CancellationToken.None);
            await database.Journal.TryAcceptAsync(delivered, TestLeads.Start, ["crm"], CancellationToken.None);
            await database.Journal.MarkDeliveredAsync("crm", [delivered.Id], CancellationToken.None);
        }

        // As version 4 kept them: each pending lead's JSON in journal_leads, no journal_payloads table.
        _file.Execute("""
            UPDATE journal_leads SET lead_json = (SELECT lead_json FROM journal_payloads WHERE seq = journal_leads.seq);
            DROP TABLE journal_payloads;
            UPDATE schema_info SET version = 4;
            """);

        await using (var upgraded = _file.Open())
        {
            var read = Assert.Single(await upgraded.Journal.ReadPendingAsync(CancellationToken.None).ToListAsync());
            Assert.Equal(pending.Id, read.Lead.Id);
            Assert.Equal(pending.RawPayload, read.Lead.RawPayload);
        }

        Assert.Equal((long)SqliteLeadDatabase.SchemaVersion, Scalar("SELECT version FROM schema_info"));
        Assert.Equal(1L, Scalar("SELECT COUNT(*) FROM journal_payloads"));
        Assert.Equal(0L, Scalar("SELECT COUNT(*) FROM journal_leads WHERE lead_json IS NOT NULL"));
    }

    private object? Scalar(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={_file.Path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    [Fact]
    public void NewerSchema_FailsWithAClearMessage()
    {
        using (var database = _file.Open())
        {
        }

        using (var connection = new SqliteConnection($"Data Source={_file.Path};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "UPDATE schema_info SET version = 99";
            command.ExecuteNonQuery();
        }

        var error = Assert.Throws<InvalidOperationException>(() => _file.Open());
        Assert.Contains($"schema version 99, newer than the {SqliteLeadDatabase.SchemaVersion}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BadOptions_FailNamingTheOption()
    {
        var noPath = Assert.Throws<ArgumentException>(() => new SqliteLeadDatabase(new SqliteLeadsOptions { Path = " " }));
        var noName = Assert.Throws<ArgumentException>(() => new SqliteLeadDatabase(new SqliteLeadsOptions { Path = _file.Path, SinkName = "" }));

        Assert.Contains("SqliteLeadsOptions.Path or ConnectionString must be set", noPath.Message, StringComparison.Ordinal);
        Assert.Contains("SqliteLeadsOptions.SinkName must not be empty", noName.Message, StringComparison.Ordinal);
        var durability = Assert.Throws<ArgumentException>(() => new SqliteLeadDatabase(new SqliteLeadsOptions { Path = _file.Path, Durability = (SqliteDurability)9 }));
        Assert.Equal("Durability", durability.ParamName);
        Assert.StartsWith("SqliteLeadsOptions.Durability must be one of Full, Normal; it is 9.", durability.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UseSqlite_BadOptionsOrANamedPipeline_FailWhenCalled()
    {
        var noName = Assert.Throws<ArgumentException>(() => new ServiceCollection().AddMarketplaceLeads().UseSqlite(o => o.SinkName = " "));
        var named = Assert.Throws<ArgumentException>(() => new ServiceCollection().AddMarketplaceLeads("eu").UseSqlite());

        Assert.Equal("SinkName", noName.ParamName);
        Assert.StartsWith("SqliteLeadsOptions.SinkName must not be empty; it is ' '.", noName.Message, StringComparison.Ordinal);
        Assert.StartsWith("UseSqlite configures the default pipeline; pipeline 'eu' is named.", named.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckpointPages_IsTheWriteAheadLogsCheckpoint_AndOutOfRangeFails()
    {
        using (var defaults = _file.Open())
        {
            Assert.Equal(10_000L, await Pragma(defaults, "wal_autocheckpoint"));
        }

        using (var import = new SqliteLeadDatabase(new SqliteLeadsOptions { Path = _file.Path, CheckpointPages = SqliteLeadsOptions.ImportCheckpointPages }))
        {
            Assert.Equal(100_000L, await Pragma(import, "wal_autocheckpoint"));
        }

        var tooSmall = Assert.Throws<ArgumentException>(() => new SqliteLeadDatabase(new SqliteLeadsOptions { Path = _file.Path, CheckpointPages = 999 }));
        Assert.Equal("CheckpointPages", tooSmall.ParamName);
        Assert.StartsWith("SqliteLeadsOptions.CheckpointPages must be from 1,000 to 1,000,000 pages; it is 999.", tooSmall.Message, StringComparison.Ordinal);

        static async Task<long> Pragma(SqliteLeadDatabase database, string name) =>
            (await database.QueryAsync("PRAGMA " + name, static _ => { }, static reader => reader.GetInt64(0), default)).Single();
    }

    [Fact]
    public void SinkName_DefaultsToSqlite_AndFollowsTheOption()
    {
        using (var database = _file.Open())
        {
            Assert.Equal("sqlite", database.SinkName);
            Assert.Equal(8, SqliteLeadDatabase.SchemaVersion); // 8: match explanations as compact bytes
        }

        using var named = new SqliteLeadDatabase(new SqliteLeadsOptions { Path = _file.Path, SinkName = "leads-store" });
        Assert.Equal("leads-store", named.SinkName);
    }

    public void Dispose() => _file.Dispose();
}
