using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using MarketplaceLeads.Delivery;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace MarketplaceLeads.PostgreSql.Tests;

/// <summary>Issue #19: a running pipeline takes over the leads a crashed process leased, once their lease expires, without a restart.</summary>
[Collection(PostgresTests.Name)]
public sealed class PostgreSqlPipelineTakeoverTests(PostgresFixture server)
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task RunningPipeline_TakesOverACrashedProcesssLeads_OnceTheirLeaseExpires_AndDeliversThemOnce()
    {
        var options = server.NewOptions(Lease);
        var leads = TestLeads.People(5);

        // The crashed process: its journal accepted the leads for the sink and its clock stands still (no renewal).
        await using var crashed = new PostgreSqlLeadDatabase(options, new FakeTimeProvider(TestLeads.Start));
        foreach (var lead in leads)
        {
            Assert.True(await crashed.Journal.TryAcceptAsync(lead, TestLeads.Start, [options.SinkName], CancellationToken.None));
        }

        // The survivor was already running: at its start the leads were still the crashed process's.
        var clock = new FakeTimeProvider(TestLeads.Start + TimeSpan.FromSeconds(1));
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(clock);
        services.AddMarketplaceLeads(o => o.BatchDelay = TimeSpan.Zero).UsePostgreSql(o =>
        {
            o.ConnectionString = options.ConnectionString;
            o.SchemaName = options.SchemaName;
            o.ClaimLease = Lease;
        });
        await using var provider = services.BuildServiceProvider();
        var pipeline = provider.GetRequiredService<ILeadPipeline>();
        var database = provider.GetRequiredService<PostgreSqlLeadDatabase>();
        await pipeline.StartAsync();
        Assert.Empty(await database.ReadLeadsAsync(CancellationToken.None));

        // Half a lease at a time (the takeover interval), until the crashed process's leases have expired and the leads
        // are delivered; the real clock only bounds the wait.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while ((await database.ReadLeadsAsync(CancellationToken.None)).Count < leads.Length && DateTime.UtcNow < deadline)
        {
            clock.Advance(Lease / 2);
            await Task.Delay(200);
        }

        var stored = await database.ReadLeadsAsync(CancellationToken.None);
        Assert.Equal(leads.Select(l => l.Id).Order(), stored.Select(s => s.Lead.Id).Order());
        Assert.True(clock.GetUtcNow() > TestLeads.Start + Lease); // not before the leases expired
        await pipeline.StopAsync();
        Assert.Empty(await database.Journal.ReadPendingAsync(CancellationToken.None).ToListAsync());
        Assert.Equal(0L, await server.ScalarAsync(options.SchemaName, "SELECT count(*) FROM journal_payloads"));
    }
}
