using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using MarketplaceLeads.Delivery;
using MarketplaceLeads.FollowUp;
using MarketplaceLeads.Lifecycle;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace MarketplaceLeads.Sqlite.Tests;

/// <summary>Erasure and retention on a SQLite file: afterwards every table is dumped and searched for the customer's data.</summary>
public sealed class SqliteErasureTests : IDisposable
{
    private readonly SqliteTestDatabase _file = new();

    [Fact]
    public async Task ErasingByEmailThroughThePipeline_LeavesNothingOfTheCustomerInAnyTable_KeepsTheOther_AndAnAuditRow()
    {
        var told = new ErasureLeads.Recorder();
        var memory = new InMemoryLeadSink();
        ErasureReceipt receipt;
        await using (var provider = Build(memory, told))
        {
            var pipeline = provider.GetRequiredService<ILeadPipeline>();
            await ErasureLeads.SubmitAsync(pipeline, memory);
            var store = provider.GetRequiredService<IFollowUpStore>();
            var database = provider.GetRequiredService<SqliteLeadDatabase>();
            var profiles = await database.CreateDeduplicationStore().GetProfilesAsync().ToListAsync();
            await store.RecordAsync(ErasureLeads.Touch(profiles.Single(p => p.Emails.Contains(ErasureLeads.Email)), "Alicia Zwanziger of Wingtip"));
            await store.RecordAsync(ErasureLeads.Touch(profiles.Single(p => p.Emails.Contains(ErasureLeads.OtherEmail)), "Bartholomew"));

            receipt = await provider.GetRequiredService<ILeadErasure>().EraseCustomerAsync("  Alicia.Zwanziger@WINGTIP.example ");

            Assert.Single(receipt.ProfileIds);
            Assert.Equal(new[] { ErasureLeads.Alicia(0).Id, ErasureLeads.Alicia(30, "StartTestDrive").Id }.Order(), receipt.LeadIds.Order());
            Assert.Equal(2, receipt.Counts["leads"]); // the SQLite sink's rows
            Assert.Equal(2, receipt.Counts["deliveries"]); // the in-memory sink's
            Assert.Equal(2, receipt.Counts["dedup_leads"]);
            Assert.Equal(1, receipt.Counts["dead_letters"]);
            Assert.Equal(1, receipt.Counts["follow_up_touches"]);
            Assert.Equal(receipt.ErasureId, Assert.Single(told.Requests).ErasureId); // a custom sink is told once
            Assert.All(memory.GetDeliveries(), d => Assert.Equal(ErasureLeads.OtherEmail, d.Lead.Customer.Email));

            // A re-delivery of an erased lead is recognised by its id (the journal's tombstone) and not stored again.
            Assert.Equal(LeadSubmitStatus.AlreadyAccepted, (await pipeline.SubmitAsync(ErasureLeads.Alicia(0))).Status);
            await pipeline.StopAsync();
            Assert.Null(await database.CreateDeduplicationStore().FindProfileByLeadAsync(ErasureLeads.Alicia(0).Id));
        }

        var tables = SqliteTables.DumpEveryTable(_file.Path);
        ErasureLeads.AssertErased(tables.Values.SelectMany(rows => rows));
        var audit = Assert.Single(tables["erasures"]);
        Assert.Contains(receipt.ErasureId, audit, StringComparison.Ordinal);
        Assert.Contains(receipt.LeadIds[0].ToString(), audit, StringComparison.Ordinal);
        Assert.Equal(2, tables["journal_leads"].Count(row => receipt.LeadIds.Any(id => row.Contains(id.ToString(), StringComparison.Ordinal)))); // the tombstones
    }

    [Fact]
    public async Task ErasingAProfileOnTheDatabase_AsTheCliDoes_RemovesItFromEveryTable()
    {
        var memory = new InMemoryLeadSink();
        await using (var provider = Build(memory, new ErasureLeads.Recorder()))
        {
            await ErasureLeads.SubmitAsync(provider.GetRequiredService<ILeadPipeline>(), memory);
            await provider.GetRequiredService<ILeadPipeline>().StopAsync();
        }

        using (var database = _file.Open())
        {
            var profile = await database.CreateDeduplicationStore().FindProfileByLeadAsync(ErasureLeads.Alicia(0).Id);
            var receipt = await database.EraseCustomerAsync(profile!.Id);
            Assert.Equal([profile.Id], receipt.ProfileIds);
            Assert.Equal(2, receipt.Counts["leads"]);
            Assert.Equal(1, receipt.Counts["profiles"]);
            var again = await database.EraseCustomerAsync(ErasureLeads.Email); // idempotent: nothing left to find
            Assert.Empty(again.ProfileIds);
            Assert.Equal(0, again.Total);
        }

        var tables = SqliteTables.DumpEveryTable(_file.Path);
        ErasureLeads.AssertErased(tables.Values.SelectMany(rows => rows));
        Assert.Equal(2, tables["erasures"].Count);
    }

    [Fact]
    public async Task Retention_DropsRawPayloadsAndDeadLettersOlderThanThePeriods_AndKeepsTheRest()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var database = new SqliteLeadDatabase(new SqliteLeadsOptions { Path = _file.Path }, time);
        var (old, recent) = await ErasureLeads.AgeAsync(database.Journal, database.CreateSink(), time, time.Advance);

        var receipt = await database.ApplyRetentionAsync(TimeSpan.FromDays(30), TimeSpan.FromDays(30));

        Assert.Equal(2, receipt.RawPayloadsDropped); // the old lead's pending payload and the sink's row
        Assert.Equal(1, receipt.DeadLettersDropped);
        Assert.Equal(time.GetUtcNow() - TimeSpan.FromDays(30), receipt.RawPayloadsBefore);
        var pending = await database.Journal.ReadPendingAsync(CancellationToken.None).ToListAsync();
        Assert.Null(pending.Single(p => p.Lead.Id == old.Id).Lead.RawPayload);
        Assert.Equal(ErasureLeads.Email, pending.Single(p => p.Lead.Id == old.Id).Lead.Customer.Email); // the lead itself stays
        Assert.NotNull(pending.Single(p => p.Lead.Id == recent.Id).Lead.RawPayload);
        Assert.Null((await database.ReadLeadsAsync().SingleAsync()).Lead.RawPayload);
        Assert.Equal("{recent", Assert.Single(await database.Journal.ReadDeadLettersAsync(CancellationToken.None).ToListAsync()).RawPayload);
        Assert.Equal(0, (await database.ApplyRetentionAsync(TimeSpan.FromDays(30), TimeSpan.FromDays(30))).RawPayloadsDropped);
    }

    public void Dispose() => _file.Dispose();

    private ServiceProvider Build(InMemoryLeadSink memory, ErasureLeads.Recorder told)
    {
        var services = new ServiceCollection();
        services.AddMarketplaceLeads(PipelineHarness.CrashTestOptions(TimeSpan.FromSeconds(30)))
            .UseSqlite(o => o.Path = _file.Path)
            .AddSink(memory, "memory")
            .AddSink(told, "custom");
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
    }
}
