using System;
using System.Linq;
using System.Threading.Tasks;
using MarketplaceLeads.Deduplication;
using Microsoft.Extensions.DependencyInjection;

namespace MarketplaceLeads.PostgreSql.Tests;

/// <summary>The schema: created on first use in its own PostgreSQL schema, once when processes start together, versioned; and the options.</summary>
[Collection(PostgresTests.Name)]
public sealed class PostgreSqlLeadDatabaseTests(PostgresFixture server)
{
    [Fact]
    public async Task ProcessesStartingTogether_CreateTheSchemaOnce()
    {
        var options = server.NewOptions();
        var databases = Enumerable.Range(0, 4).Select(_ => new PostgreSqlLeadDatabase(options)).ToArray();
        try
        {
            await Task.WhenAll(databases.Select(database => Task.Run(() => database.MigrateAsync())));
        }
        finally
        {
            foreach (var database in databases)
            {
                await database.DisposeAsync();
            }
        }

        Assert.Equal(1L, await server.ScalarAsync(options.SchemaName, "SELECT count(*) FROM schema_info"));
        Assert.Equal(PostgreSqlLeadDatabase.SchemaVersion, await server.ScalarAsync(options.SchemaName, "SELECT version FROM schema_info"));
        Assert.Equal(20L, await server.ScalarAsync(options.SchemaName, $"SELECT count(*) FROM information_schema.tables WHERE table_schema = '{options.SchemaName}'"));
    }

    [Fact]
    public async Task SchemaVersion1_IsUpgradedOnce_KeepingItsRows_WhenProcessesStartTogether()
    {
        var options = server.NewOptions();
        var lead = TestLeads.Person(1);
        await using (var database = new PostgreSqlLeadDatabase(options))
        {
            Assert.True(await database.Journal.TryAcceptAsync(lead, TestLeads.Start, ["crm"], default));
        }

        // What version 1 of the package left: the journal, sink and touch log, without the identity store (version 2), the alerts (version 3), the erasures' audit (version 4), the claim owners (version 6) and the key scheme (version 8).
        await server.ScalarAsync(
            options.SchemaName,
            "DROP TABLE dedup_leads, dedup_keys, dedup_profiles, dedup_possibles, dedup_apart, dedup_reviews, dedup_review_leads, follow_up_alerts, erasures, journal_owners, dedup_meta; DROP INDEX dead_letters_lead; UPDATE schema_info SET version = 1");
        Assert.Equal(9L, await server.ScalarAsync(options.SchemaName, $"SELECT count(*) FROM information_schema.tables WHERE table_schema = '{options.SchemaName}'"));

        var databases = Enumerable.Range(0, 3).Select(_ => new PostgreSqlLeadDatabase(options)).ToArray();
        try
        {
            await Task.WhenAll(databases.Select(database => Task.Run(() => database.MigrateAsync())));
            Assert.False(await databases[0].Journal.TryAcceptAsync(lead, TestLeads.Start, ["crm"], default));
            using var deduplicator = new LeadDeduplicator(null, databases[1].CreateDeduplicationStore());
            Assert.Equal(DeduplicationOutcome.NewProfile, (await deduplicator.AddAsync(lead)).Outcome);
        }
        finally
        {
            foreach (var database in databases)
            {
                await database.DisposeAsync();
            }
        }

        Assert.Equal(PostgreSqlLeadDatabase.SchemaVersion, await server.ScalarAsync(options.SchemaName, "SELECT version FROM schema_info"));
        Assert.Equal(20L, await server.ScalarAsync(options.SchemaName, $"SELECT count(*) FROM information_schema.tables WHERE table_schema = '{options.SchemaName}'"));
    }

    [Fact]
    public async Task Tables_AreCreatedOnFirstUse_InTheirOwnSchema_AndOpeningAgainKeepsTheRows()
    {
        var options = server.NewOptions();
        var lead = TestLeads.Person(1);
        await using (var database = new PostgreSqlLeadDatabase(options))
        {
            Assert.True(await database.Journal.TryAcceptAsync(lead, TestLeads.Start, ["crm"], default));
        }

        await using (var again = new PostgreSqlLeadDatabase(options))
        {
            Assert.False(await again.Journal.TryAcceptAsync(lead, TestLeads.Start, ["crm"], default));
        }

        Assert.Equal(0L, await server.ScalarAsync("public", $"SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'"));
    }

    [Fact]
    public async Task NewerSchema_FailsWithAClearMessage()
    {
        var options = server.NewOptions();
        await using (var database = new PostgreSqlLeadDatabase(options))
        {
            await database.MigrateAsync();
        }

        await server.ScalarAsync(options.SchemaName, "UPDATE schema_info SET version = 99");

        await using var newer = new PostgreSqlLeadDatabase(options);
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => newer.Journal.TryAcceptAsync(TestLeads.Person(1), TestLeads.Start, ["crm"], default).AsTask());
        Assert.Contains($"schema version 99, newer than the {PostgreSqlLeadDatabase.SchemaVersion}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BadOptions_FailNamingTheOption_WithoutQuotingTheConnectionString()
    {
        const string secret = "Host=127.0.0.1;Username=leads;Password=s3cret-Pa55";
        var none = Assert.Throws<ArgumentException>(() => new PostgreSqlLeadDatabase(new PostgreSqlLeadsOptions()));
        var schema = Assert.Throws<ArgumentException>(() => new PostgreSqlLeadDatabase(new PostgreSqlLeadsOptions { ConnectionString = secret, SchemaName = "Leads; DROP" }));
        var lease = Assert.Throws<ArgumentException>(() => new PostgreSqlLeadDatabase(new PostgreSqlLeadsOptions { ConnectionString = secret, ClaimLease = TimeSpan.Zero }));
        var sink = Assert.Throws<ArgumentException>(() => new ServiceCollection().AddMarketplaceLeads().UsePostgreSql(o => { o.ConnectionString = secret; o.SinkName = " "; }));

        Assert.StartsWith("PostgreSqlLeadsOptions.ConnectionString must be set", none.Message, StringComparison.Ordinal);
        Assert.StartsWith("PostgreSqlLeadsOptions.SchemaName must be 1 to 63 lower-case letters, digits and underscores", schema.Message, StringComparison.Ordinal);
        Assert.StartsWith("PostgreSqlLeadsOptions.ClaimLease must be between 00:00:01 and 1.00:00:00", lease.Message, StringComparison.Ordinal);
        Assert.Equal("SinkName", sink.ParamName);
        Assert.All(new[] { none, schema, lease, sink }, error => Assert.DoesNotContain("s3cret", error.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void UsePostgreSql_OnANamedPipeline_FailsSayingWhatToDoInstead()
    {
        var named = Assert.Throws<ArgumentException>(() => new ServiceCollection().AddMarketplaceLeads("eu").UsePostgreSql(o => o.ConnectionString = server.ConnectionString));

        Assert.StartsWith("UsePostgreSql configures the default pipeline; pipeline 'eu' is named.", named.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheIdentityStoresLookupOfALeadsJson_UsesTheIndexesOfTheSinkJournalAndDeadLetters()
    {
        // dedup_leads' ids are COLLATE "C", the other tables' have the database's collation: compared as they were, each
        // lookup was a full scan of leads, journal_payloads and dead_letters (a second per decision at 25,000 leads). With
        // sequential scans priced out, a scan left in the plan is one no index can replace.
        var options = server.NewOptions();
        await using (var database = new PostgreSqlLeadDatabase(options))
        {
            await database.MigrateAsync();
        }

        var plan = (string)(await server.ScalarAsync(
            options.SchemaName,
            $"SET enable_seqscan = off; EXPLAIN (FORMAT JSON) SELECT {PostgreSqlLeadDeduplicationStore.LeadJsonOf} FROM dedup_leads l WHERE l.profile_id = 'p'"))!;

        foreach (var table in (string[])["leads", "journal_payloads", "dead_letters"])
        {
            Assert.Contains($"\"Relation Name\": \"{table}\"", plan, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("Seq Scan", plan, StringComparison.Ordinal);
    }
}
