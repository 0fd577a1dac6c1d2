using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using MarketplaceLeads.Deduplication;
using MarketplaceLeads.Delivery;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace MarketplaceLeads.Sqlite.Tests;

/// <summary>Review through the pipeline on SQLite (issue #15): the sink's <c>leads</c> and <c>profiles</c> tables follow an accept or a split, also when the process stops before the sink was told.</summary>
public sealed class SqliteReviewPipelineTests : IDisposable
{
    // Two people of one household, one phone: Luis asked not to be contacted.
    private static readonly Lead Ana = TestLeads.Make("Ana", "Garcia", "ana@contoso.example", "+1 415 555 0134", minutes: 10, country: "US");
    private static readonly Lead LuisDnc = TestLeads.Make("Luis", "Garcia", "luis.garcia@gmail.com", "+1 415 555 0134", action: "DNC", minutes: 11, country: "US");
    private static readonly CustomerProfileId AnaId = new(Ana.Id);
    private static readonly CustomerProfileId LuisId = new(LuisDnc.Id);

    private readonly SqliteTestDatabase _file = new();

    [Fact]
    public async Task AcceptThenSplit_ThroughTheReview_RewriteTheSinksLeadsAndProfiles()
    {
        await using var provider = Build();
        var processor = provider.GetRequiredService<ILeadPipeline>();
        var review = provider.GetRequiredService<ILeadReview>();
        await processor.SubmitAsync(Ana);
        await processor.SubmitAsync(LuisDnc);
        var database = provider.GetRequiredService<SqliteLeadDatabase>();
        await WaitUntilAsync(async () => (await database.ReadLeadsAsync().ToListAsync()).Count == 2);

        await review.AcceptAsync(AnaId, LuisId, "reviewer");
        await WaitUntilAsync(async () => (await ProfilesAsync()).Count == 1);
        Assert.Equal([(AnaId.ToString(), 1L, 2L)], await ProfilesAsync());
        Assert.All(await database.ReadLeadsAsync().ToListAsync(), lead => Assert.Equal((AnaId, true), (lead.ProfileId, lead.DoNotContact)));

        await review.SplitAsync(AnaId, [LuisDnc.Id], "reviewer", "different people");
        await processor.StopAsync();

        Assert.Equal(Sorted((AnaId.ToString(), 0L, 1L), (LuisId.ToString(), 1L, 1L)), await ProfilesAsync());
        var leads = (await database.ReadLeadsAsync().ToListAsync()).ToDictionary(l => l.Lead.Id);
        Assert.Equal((AnaId, false), (leads[Ana.Id].ProfileId, leads[Ana.Id].DoNotContact)); // a stranger's do-not-contact does not stick
        Assert.Equal((LuisId, true), (leads[LuisDnc.Id].ProfileId, leads[LuisDnc.Id].DoNotContact));
    }

    [Fact]
    public async Task Crash_BeforeTheSqliteSinkWasTold_TheRestartedPipelineRewritesItsTables()
    {
        using (var database = _file.Open(SqliteDurability.Normal))
        {
            var held = new HeldChangesSink(database.CreateSink());
            var services = new ServiceCollection();
            services.AddSingleton(database.CreateDeduplicationStore());
            services.AddMarketplaceLeads(o => o.ShutdownTimeout = TimeSpan.Zero)
                .UseLeadJournal(_ => database.Journal)
                .AddSink(held, database.SinkName);
            await using var crashed = services.BuildServiceProvider();
            var processor = crashed.GetRequiredService<ILeadPipeline>();
            await processor.SubmitAsync(Ana);
            await processor.SubmitAsync(LuisDnc);
            await WaitUntilAsync(async () => (await database.ReadLeadsAsync().ToListAsync()).Count == 2);
            var review = crashed.GetRequiredService<ILeadReview>();
            await review.AcceptAsync(AnaId, LuisId);
            await WaitUntilAsync(async () => (await ProfilesAsync()).Count == 1);
            held.Hold();
            await review.SplitAsync(AnaId, [LuisDnc.Id], "reviewer", "different people"); // durable in the store when it returns
        } // disposed with no time to drain, the split not told: the "crash"

        Assert.Equal([(AnaId.ToString(), 1L, 2L)], await ProfilesAsync()); // the sink's tables still have the wrong merge
        await using (var restarted = Build())
        {
            var processor = restarted.GetRequiredService<ILeadPipeline>();
            await processor.StartAsync();
            await processor.StopAsync();
            Assert.Equal(2L, await restarted.GetRequiredService<SqliteLeadDatabase>().Journal.GetProfileChangeProgressAsync("sqlite", CancellationToken.None));
        }

        Assert.Equal(Sorted((AnaId.ToString(), 0L, 1L), (LuisId.ToString(), 1L, 1L)), await ProfilesAsync());
    }

    public void Dispose() => _file.Dispose();

    private ServiceProvider Build()
    {
        var services = new ServiceCollection();
        services.AddMarketplaceLeads(o => o.ShutdownTimeout = TimeSpan.FromSeconds(30))
            .UseSqlite(o =>
            {
                o.Path = _file.Path;
                o.Durability = SqliteDurability.Normal;
            });
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
    }

    /// <summary>The sink's <c>profiles</c> table: id, do-not-contact, lead count.</summary>
    private async Task<List<(string Id, long DoNotContact, long Leads)>> ProfilesAsync()
    {
        await using var connection = new SqliteConnection($"Data Source={_file.Path};Pooling=False");
        await connection.OpenAsync();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT profile_id, do_not_contact, lead_count FROM profiles ORDER BY profile_id";
        using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(string, long, long)>();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2)));
        }

        rows.Sort((a, b) => string.CompareOrdinal(a.Item1, b.Item1));
        return rows;
    }

    private static List<(string Id, long DoNotContact, long Leads)> Sorted(params (string Id, long DoNotContact, long Leads)[] rows) =>
        [.. rows.OrderBy(r => r.Id, StringComparer.Ordinal)];

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out");
            await Task.Delay(5);
        }
    }

    /// <summary>The SQLite sink, with profile changes held (until the pipeline gives up on the attempt) once <see cref="Hold"/> is called.</summary>
    private sealed class HeldChangesSink(ILeadSink inner) : IProfileChangeSink
    {
        private volatile bool _held;

        public void Hold() => _held = true;

        public ValueTask WriteBatchAsync(IReadOnlyList<LeadDelivery> batch, CancellationToken cancellationToken) => inner.WriteBatchAsync(batch, cancellationToken);

        public async ValueTask WriteProfileChangesAsync(IReadOnlyList<ProfileChange> changes, CancellationToken cancellationToken)
        {
            if (_held)
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }

            await ((IProfileChangeSink)inner).WriteProfileChangesAsync(changes, cancellationToken);
        }
    }
}
