using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using MarketplaceLeads.Delivery;
using MarketplaceLeads.FollowUp;
using Microsoft.Extensions.DependencyInjection;

namespace MarketplaceLeads.PostgreSql.Tests;

/// <summary>A pipeline on <c>UsePostgreSql</c>: the crash test every durable journal passes, on a real server.</summary>
[Collection(PostgresTests.Name)]
public sealed class PostgreSqlPipelineTests(PostgresFixture server)
{
    [Fact]
    public async Task CrashMidBatch_ThenRestart_DeliversEveryAcceptedLeadToEverySink_AndStoresEachOnce()
    {
        var options = server.NewOptions();
        var leads = TestLeads.People(120, spaced: true);
        var before = new CountingSink(delay: TimeSpan.FromMilliseconds(4));
        await using (var crashed = Build(options, before, shutdownTimeout: TimeSpan.Zero))
        {
            var processor = crashed.GetRequiredService<ILeadPipeline>();
            await processor.StartAsync();
            var submits = leads.Select(lead => processor.SubmitAsync(lead).AsTask()).ToArray();
            Assert.All(await Task.WhenAll(submits), submitted => Assert.Equal(LeadSubmitStatus.Accepted, submitted.Status));
            await before.WaitForAsync(20);
        } // disposed with no time to drain: the "crash"

        Assert.InRange(before.Ids.Count, 20, 119);
        var after = new CountingSink();
        await using (var restarted = Build(options, after, shutdownTimeout: TimeSpan.FromSeconds(30)))
        {
            var processor = restarted.GetRequiredService<ILeadPipeline>();
            await processor.StartAsync();
            Assert.Equal(LeadSubmitStatus.AlreadyAccepted, (await processor.SubmitAsync(leads[0])).Status);
            await processor.StopAsync();

            var database = restarted.GetRequiredService<PostgreSqlLeadDatabase>();
            var stored = await database.ReadLeadsAsync(CancellationToken.None);
            Assert.Equal(leads.Select(l => l.Id).Order(), stored.Select(s => s.Lead.Id).Order());
            Assert.Empty(await database.Journal.ReadPendingAsync(CancellationToken.None).ToListAsync());
            Assert.Equal(0L, await server.ScalarAsync(options.SchemaName, "SELECT count(*) FROM journal_payloads"));
            Assert.IsType<PostgreSqlFollowUpStore>(restarted.GetRequiredService<IFollowUpStore>());
        }

        Assert.Equal(leads.Select(l => l.Id).Order(), before.Ids.Union(after.Ids).Order());
        Assert.Equal(before.Ids.Count, before.Ids.Distinct().Count());
        Assert.All(after.Deliveries.Where(d => before.Ids.Contains(d.Lead.Id)), d => Assert.True(d.IsRedelivery));
    }

    private static ServiceProvider Build(PostgreSqlLeadsOptions options, ILeadSink other, TimeSpan shutdownTimeout)
    {
        var services = new ServiceCollection();
        services.AddMarketplaceLeads(PipelineHarness.CrashTestOptions(shutdownTimeout))
            .UsePostgreSql(o =>
            {
                o.ConnectionString = options.ConnectionString;
                o.SchemaName = options.SchemaName;
            })
            .AddSink(other, "crm");
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
    }
}
