using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Time.Testing;

namespace MarketplaceLeads.PostgreSql.Tests;

/// <summary>Several processes on one database (issue #19, 2): each pending lead claimed by one journal at a time, with a lease that a live process renews and a crashed one lets expire.</summary>
[Collection(PostgresTests.Name)]
public sealed class PostgreSqlClaimTests(PostgresFixture server)
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task TwoJournals_ReadingPendingTogether_ClaimDisjointLeads_AndBetweenThemAll()
    {
        var options = server.NewOptions();
        var leads = TestLeads.People(200, spaced: true);
        await using (var first = new PostgreSqlLeadDatabase(options))
        {
            foreach (var lead in leads)
            {
                await first.Journal.TryAcceptAsync(lead, TestLeads.Start, ["crm"], CancellationToken.None);
            }
        } // disposed: its claims are handed back

        await using var a = new PostgreSqlLeadDatabase(options);
        await using var b = new PostgreSqlLeadDatabase(options);
        await Task.WhenAll(a.MigrateAsync(), b.MigrateAsync());
        var claimed = await Task.WhenAll(Task.Run(() => PendingAsync(a)), Task.Run(() => PendingAsync(b)));

        Assert.Empty(claimed[0].Intersect(claimed[1]));
        Assert.Equal(leads.Select(l => l.Id).Order(), claimed[0].Concat(claimed[1]).Order());
        Assert.Equal(claimed[0], await PendingAsync(a)); // each still holds its own
        Assert.Equal(claimed[1], await PendingAsync(b));
    }

    [Fact]
    public async Task ACrashedJournalsLeads_AreTakenOver_OnlyOnceTheirLeaseHasExpired()
    {
        var options = server.NewOptions(Lease);
        var leads = TestLeads.People(5);
        await using var crashed = new PostgreSqlLeadDatabase(options, new FakeTimeProvider(TestLeads.Start)); // its clock stands still: no renewal, as after a crash
        foreach (var lead in leads)
        {
            Assert.True(await crashed.Journal.TryAcceptAsync(lead, TestLeads.Start, ["crm"], CancellationToken.None));
        }

        var clock = new FakeTimeProvider(TestLeads.Start + Lease - TimeSpan.FromSeconds(1));
        await using var survivor = new PostgreSqlLeadDatabase(options, clock);
        Assert.Empty(await PendingAsync(survivor)); // still the crashed process's

        clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(leads.Select(l => l.Id), await PendingAsync(survivor));
        Assert.Empty(await PendingAsync(crashed)); // taken over: the survivor's lease holds against the old owner too
        Assert.Equal(survivor.ClaimOwner, await server.ScalarAsync(options.SchemaName, "SELECT DISTINCT claimed_by FROM journal_payloads"));
    }

    [Fact]
    public async Task ALiveJournal_RenewsItsClaimsOnItsClock_SoNoOtherTakesThemOver()
    {
        var options = server.NewOptions(Lease);
        var clock = new FakeTimeProvider(TestLeads.Start);
        var leads = TestLeads.People(3);
        await using var live = new PostgreSqlLeadDatabase(options, clock);
        foreach (var lead in leads)
        {
            await live.Journal.TryAcceptAsync(lead, TestLeads.Start, ["crm"], CancellationToken.None);
        }

        clock.Advance(Lease / 3); // the renewal timer fires: the process's lease, and so every claim it holds, now runs until Start + 40 s
        var renewed = TestLeads.Start + (Lease / 3) + Lease;
        await Polling.WaitAsync(
            () => Equals(server.ScalarAsync(options.SchemaName, $"SELECT lease_until FROM journal_owners WHERE owner = '{live.ClaimOwner}'").GetAwaiter().GetResult(), renewed.UtcDateTime),
            TimeSpan.FromSeconds(30),
            () => "the claims were not renewed");

        var otherClock = new FakeTimeProvider(TestLeads.Start + Lease + TimeSpan.FromSeconds(5));
        await using var other = new PostgreSqlLeadDatabase(options, otherClock);
        Assert.Empty(await PendingAsync(other)); // past the first lease, within the renewed one

        otherClock.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(leads.Select(l => l.Id), await PendingAsync(other));
    }

    [Fact]
    public async Task TwoJournals_AcceptingTheSameLeadsTogether_AcceptEachOnce()
    {
        var options = server.NewOptions();
        await using var a = new PostgreSqlLeadDatabase(options);
        await using var b = new PostgreSqlLeadDatabase(options);
        var leads = TestLeads.People(40);

        var results = await Task.WhenAll(leads.Select(lead => Task.WhenAll(
            Task.Run(async () => await a.Journal.TryAcceptAsync(lead, TestLeads.Start, ["crm"], CancellationToken.None)),
            Task.Run(async () => await b.Journal.TryAcceptAsync(lead, TestLeads.Start, ["crm"], CancellationToken.None)))));

        Assert.All(results, pair => Assert.Single(pair, accepted => accepted));
        Assert.Equal(40L, await server.ScalarAsync(options.SchemaName, "SELECT count(*) FROM journal_pending"));
    }

    [Fact]
    public async Task SinksFinishingOneLeadInTwoTransactionsAtOnce_LeaveNothingOfIt()
    {
        var options = server.NewOptions();
        await using var database = new PostgreSqlLeadDatabase(options);
        var leads = TestLeads.People(60);
        foreach (var lead in leads)
        {
            await database.Journal.TryAcceptAsync(lead, TestLeads.Start, ["crm", "file"], CancellationToken.None);
        }

        await Task.WhenAll(leads.SelectMany(lead => new[] { "crm", "file" }.Select(sink =>
            Task.Run(async () => await database.Journal.MarkDeliveredAsync(sink, [lead.Id], CancellationToken.None)))));

        Assert.Equal(0L, await server.ScalarAsync(options.SchemaName, "SELECT count(*) FROM journal_payloads"));
        Assert.Equal(60L, await server.ScalarAsync(options.SchemaName, "SELECT count(*) FROM journal_leads"));
    }

    private static async Task<List<LeadId>> PendingAsync(PostgreSqlLeadDatabase database)
    {
        var ids = new List<LeadId>();
        await foreach (var entry in database.Journal.ReadPendingAsync(CancellationToken.None))
        {
            ids.Add(entry.Lead.Id);
        }

        return ids;
    }
}
