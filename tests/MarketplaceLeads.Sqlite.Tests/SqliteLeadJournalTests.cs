using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using MarketplaceLeads.Delivery;
using Microsoft.Data.Sqlite;

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
        var leads = TestLeads.People(20).Reverse().ToArray();
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
        Assert.Contains("schema version 99, newer than the 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BadOptions_FailNamingTheOption()
    {
        var noPath = Assert.Throws<ArgumentException>(() => new SqliteLeadDatabase(new SqliteLeadsOptions { Path = " " }));
        var noName = Assert.Throws<ArgumentException>(() => new SqliteLeadDatabase(new SqliteLeadsOptions { Path = _file.Path, SinkName = "" }));

        Assert.Contains("SqliteLeadsOptions.Path or ConnectionString must be set", noPath.Message, StringComparison.Ordinal);
        Assert.Contains("SqliteLeadsOptions.SinkName must not be empty", noName.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SinkName_DefaultsToSqlite_AndFollowsTheOption()
    {
        using (var database = _file.Open())
        {
            Assert.Equal("sqlite", database.SinkName);
            Assert.Equal(1, SqliteLeadDatabase.SchemaVersion);
        }

        using var named = new SqliteLeadDatabase(new SqliteLeadsOptions { Path = _file.Path, SinkName = "leads-store" });
        Assert.Equal("leads-store", named.SinkName);
    }

    public void Dispose() => _file.Dispose();
}
