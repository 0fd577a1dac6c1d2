using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using MarketplaceLeads.Delivery;
using MarketplaceLeads.FollowUp;
using MarketplaceLeads.Lifecycle;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace MarketplaceLeads.PostgreSql.Tests;

/// <summary>Erasure and retention on a real PostgreSQL schema: afterwards every table of the schema is dumped and searched for the customer's data.</summary>
[Collection(PostgresTests.Name)]
public sealed class PostgreSqlErasureTests(PostgresFixture server)
{
    [Fact]
    public async Task ErasingByEmailThroughThePipeline_LeavesNothingOfTheCustomerInAnyTable_KeepsTheOther_AndAnAuditRow()
    {
        var options = server.NewOptions();
        var told = new ErasureLeads.Recorder();
        var memory = new InMemoryLeadSink();
        ErasureReceipt receipt;
        await using (var provider = Build(options, memory, told))
        {
            var pipeline = provider.GetRequiredService<ILeadPipeline>();
            await ErasureLeads.SubmitAsync(pipeline, memory);
            var database = provider.GetRequiredService<PostgreSqlLeadDatabase>();
            var profiles = await database.CreateDeduplicationStore().GetProfilesAsync().ToListAsync();
            var store = provider.GetRequiredService<IFollowUpStore>();
            await store.RecordAsync(ErasureLeads.Touch(profiles.Single(p => p.Emails.Contains(ErasureLeads.Email)), "Alicia Zwanziger of Wingtip"));
            await store.RecordAsync(ErasureLeads.Touch(profiles.Single(p => p.Emails.Contains(ErasureLeads.OtherEmail)), "Bartholomew"));
            await WaitForSinkRowsAsync(options.SchemaName, 3);

            receipt = await provider.GetRequiredService<ILeadErasure>().EraseCustomerAsync("Alicia.Zwanziger@Wingtip.example");

            Assert.Single(receipt.ProfileIds);
            Assert.Equal(new[] { ErasureLeads.Alicia(0).Id, ErasureLeads.Alicia(30, "StartTestDrive").Id }.Order(), receipt.LeadIds.Order());
            Assert.Equal(2, receipt.Counts["leads"]);
            Assert.Equal(2, receipt.Counts["dedup_leads"]);
            Assert.Equal(1, receipt.Counts["dead_letters"]);
            Assert.Equal(1, receipt.Counts["follow_up_touches"]);
            Assert.Equal(receipt.ErasureId, Assert.Single(told.Requests).ErasureId);
            Assert.Equal(LeadSubmitStatus.AlreadyAccepted, (await pipeline.SubmitAsync(ErasureLeads.Alicia(0))).Status); // the journal's tombstone
            await pipeline.StopAsync();
        }

        var tables = await DumpEveryTableAsync(options.SchemaName);
        ErasureLeads.AssertErased(tables.Values.SelectMany(rows => rows));
        var audit = Assert.Single(tables["erasures"]);
        Assert.Contains(receipt.ErasureId, audit, StringComparison.Ordinal);
        Assert.Contains("dedup_leads=2", audit, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ErasingAProfileOnTheDatabase_AsTheCliDoes_RemovesItFromEveryTable()
    {
        var options = server.NewOptions();
        var memory = new InMemoryLeadSink();
        await using (var provider = Build(options, memory, new ErasureLeads.Recorder()))
        {
            await ErasureLeads.SubmitAsync(provider.GetRequiredService<ILeadPipeline>(), memory);
            await WaitForSinkRowsAsync(options.SchemaName, 3);
            await provider.GetRequiredService<ILeadPipeline>().StopAsync();
        }

        await using (var database = new PostgreSqlLeadDatabase(options))
        {
            var profile = await database.CreateDeduplicationStore().FindProfileByLeadAsync(ErasureLeads.Alicia(0).Id);
            var receipt = await database.EraseCustomerAsync(profile!.Id);
            Assert.Equal([profile.Id], receipt.ProfileIds);
            Assert.Equal(1, receipt.Counts["profiles"]);
            Assert.Equal(0, (await database.EraseCustomerAsync(ErasureLeads.Email)).Total); // idempotent
        }

        var tables = await DumpEveryTableAsync(options.SchemaName);
        ErasureLeads.AssertErased(tables.Values.SelectMany(rows => rows));
        Assert.Equal(2, tables["erasures"].Count);
    }

    [Fact]
    public async Task Retention_DropsRawPayloadsAndDeadLettersOlderThanThePeriods_AndKeepsTheRest()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var database = new PostgreSqlLeadDatabase(server.NewOptions(), time);
        var (old, recent) = await ErasureLeads.AgeAsync(database.Journal, database.CreateSink(), time, time.Advance);

        var receipt = await database.ApplyRetentionAsync(TimeSpan.FromDays(30), TimeSpan.FromDays(30));

        Assert.Equal(2, receipt.RawPayloadsDropped); // the old lead's pending payload and the sink's row
        Assert.Equal(1, receipt.DeadLettersDropped);
        var pending = await database.Journal.ReadPendingAsync(CancellationToken.None).ToListAsync();
        Assert.Null(pending.Single(p => p.Lead.Id == old.Id).Lead.RawPayload);
        Assert.Equal(ErasureLeads.Email, pending.Single(p => p.Lead.Id == old.Id).Lead.Customer.Email);
        Assert.NotNull(pending.Single(p => p.Lead.Id == recent.Id).Lead.RawPayload);
        Assert.Null((await database.ReadLeadsAsync(CancellationToken.None)).Single().Lead.RawPayload);
        Assert.Equal("{recent", Assert.Single(await database.Journal.ReadDeadLettersAsync(CancellationToken.None).ToListAsync()).RawPayload);
    }

    /// <summary>Every row of every table of the schema (information_schema), each as its row text.</summary>
    private async Task<Dictionary<string, List<string>>> DumpEveryTableAsync(string schema)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server.ConnectionString) { SearchPath = schema, Pooling = false }.ToString());
        await connection.OpenAsync();
        var names = new List<string>();
        await using (var list = new NpgsqlCommand("SELECT table_name FROM information_schema.tables WHERE table_schema = @schema AND table_type = 'BASE TABLE'", connection))
        {
            list.Parameters.AddWithValue("schema", schema);
            await using var reader = await list.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                names.Add(reader.GetString(0));
            }
        }

        var tables = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            await using var select = new NpgsqlCommand($"SELECT t::text FROM \"{name}\" t", connection);
            await using var reader = await select.ExecuteReaderAsync();
            var rows = tables[name] = [];
            while (await reader.ReadAsync())
            {
                rows.Add(reader.GetString(0));
            }
        }

        Assert.Contains("erasures", tables.Keys);
        Assert.Contains("dedup_leads", tables.Keys);
        return tables;
    }

    /// <summary>The PostgreSQL sink writes after the in-memory one has its leads: waits for its rows.</summary>
    private async Task WaitForSinkRowsAsync(string schema, long count)
    {
        for (var i = 0; i < 500 && (long)(await server.ScalarAsync(schema, "SELECT count(*) FROM leads"))! < count; i++)
        {
            await Task.Delay(20);
        }
    }

    private ServiceProvider Build(PostgreSqlLeadsOptions options, InMemoryLeadSink memory, ErasureLeads.Recorder told)
    {
        var services = new ServiceCollection();
        services.AddMarketplaceLeads(PipelineHarness.CrashTestOptions(TimeSpan.FromSeconds(30)))
            .UsePostgreSql(o =>
            {
                o.ConnectionString = options.ConnectionString;
                o.SchemaName = options.SchemaName;
            })
            .AddSink(memory, "memory")
            .AddSink(told, "custom");
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
    }
}
