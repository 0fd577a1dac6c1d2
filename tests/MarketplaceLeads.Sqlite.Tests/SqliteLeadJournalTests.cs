using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using MarketplaceLeads.Delivery;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace MarketplaceLeads.Sqlite.Tests;

public sealed class SqliteLeadJournalTests : IDisposable
{
    private readonly SqliteTestDatabase _file = new();

    [Fact]
    public async Task AcceptedLead_SurvivesReopening_AndIsPendingForItsSinksUntilDelivered()
    {
        var lead = TestLeads.Person(1);
        await using (var database = _file.Open())
        {
            Assert.True(await database.Journal.TryAcceptAsync(lead, TestLeads.Start, ["crm", "file"], CancellationToken.None));
            Assert.False(await database.Journal.TryAcceptAsync(lead with { ReceivedAt = TestLeads.Start.AddDays(1) }, TestLeads.Start, ["crm"], CancellationToken.None));
            await database.Journal.MarkDeliveredAsync("file", [lead.Id], CancellationToken.None);
        }

        await using (var reopened = _file.Open())
        {
            var pending = Assert.Single(await reopened.Journal.ReadPendingAsync(CancellationToken.None).ToListAsync());
            Assert.Equal(lead.Id, pending.Lead.Id);
            Assert.Equal(lead.RawPayload, pending.Lead.RawPayload);
            Assert.Equal(lead.Customer.Email, pending.Lead.Customer.Email);
            Assert.Equal(lead.ReceivedAt, pending.Lead.ReceivedAt);
            Assert.Equal(TestLeads.Start, pending.AcceptedAt);
            Assert.Equal(["crm"], pending.PendingSinks);

            await reopened.Journal.MarkDeliveredAsync("crm", [lead.Id], CancellationToken.None);
            Assert.Empty(await reopened.Journal.ReadPendingAsync(CancellationToken.None).ToListAsync());
            Assert.False(await reopened.Journal.TryAcceptAsync(lead, TestLeads.Start, ["crm"], CancellationToken.None));
        }
    }

    [Fact]
    public async Task Pending_IsReadInAcceptanceOrder()
    {
        var leads = TestLeads.People(20, spaced: true).Reverse().ToArray();
        await using var database = _file.Open(SqliteDurability.Normal);
        foreach (var lead in leads)
        {
            await database.Journal.TryAcceptAsync(lead, TestLeads.Start, ["crm"], CancellationToken.None);
        }

        var pending = await database.Journal.ReadPendingAsync(CancellationToken.None).ToListAsync();

        Assert.Equal(leads.Select(l => l.Id), pending.Select(p => p.Lead.Id));
    }

    [Fact]
    public async Task DeadLetters_RoundTrip_AndEndThePendingStateOfTheirSink()
    {
        var lead = TestLeads.Person(2);
        var failed = new LeadDeadLetter
        {
            Kind = LeadDeadLetterKind.DeliveryFailed,
            Reason = "Sink 'crm' failed 8 attempt(s)",
            OccurredAt = TestLeads.Start.AddMinutes(5),
            Lead = lead,
            RawPayload = lead.RawPayload,
            Sink = "crm",
            Attempts = 8,
            ExceptionType = "System.InvalidOperationException",
            ExceptionMessage = "down",
        };
        var rejected = new LeadDeadLetter
        {
            Kind = LeadDeadLetterKind.Rejected,
            Reason = "expected an object",
            OccurredAt = TestLeads.Start.AddMinutes(6),
            RawPayload = "[1,2",
            ReadError = new LeadReadError { Channel = LeadChannel.HttpsEndpoint, Reason = "expected an object", RecordIndex = 3, JsonPath = "$[3]", BytePosition = 40, RawText = "[1,2" },
        };
        await using (var database = _file.Open())
        {
            await database.Journal.TryAcceptAsync(lead, TestLeads.Start, ["crm"], CancellationToken.None);
            await database.Journal.AddDeadLettersAsync([failed, rejected], CancellationToken.None);
        }

        await using var reopened = _file.Open();
        var letters = await reopened.Journal.ReadDeadLettersAsync(CancellationToken.None).ToListAsync();
        Assert.Equal(2, letters.Count);
        Assert.Equal(failed with { Lead = letters[0].Lead }, letters[0]);
        Assert.Equal(lead.Id, letters[0].LeadId);
        Assert.Equal(rejected.ReadError, letters[1].ReadError);
        Assert.Equal(rejected, letters[1]);
        Assert.Empty(await reopened.Journal.ReadPendingAsync(CancellationToken.None).ToListAsync());
    }

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
        Execute("""
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

    private void Execute(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={_file.Path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
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
    public void SinkName_DefaultsToSqlite_AndFollowsTheOption()
    {
        using (var database = _file.Open())
        {
            Assert.Equal("sqlite", database.SinkName);
            Assert.Equal(6, SqliteLeadDatabase.SchemaVersion);
        }

        using var named = new SqliteLeadDatabase(new SqliteLeadsOptions { Path = _file.Path, SinkName = "leads-store" });
        Assert.Equal("leads-store", named.SinkName);
    }

    public void Dispose() => _file.Dispose();
}
