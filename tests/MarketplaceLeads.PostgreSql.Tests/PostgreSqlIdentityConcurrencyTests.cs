using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using MarketplaceLeads.Deduplication;
using MarketplaceLeads.Delivery;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace MarketplaceLeads.PostgreSql.Tests;

/// <summary>The identity store shared by several processes: each "process" is a database instance of its own (its own connection pool) on one schema.</summary>
[Collection(PostgresTests.Name)]
public sealed class PostgreSqlIdentityConcurrencyTests(PostgresFixture server)
{
    [Fact]
    public async Task TwoProcesses_DecidingLeadsOfTheSamePeopleAtOnce_EndWithTheProfilesOfOneBatchRun()
    {
        // 250 people, four leads each (an e-mail lead, a phone lead, a lead with both that bridges the two, a later e-mail
        // lead), people in random order and each person's leads shuffled; two processes each get two leads of each person
        // and add them at the same moment as the other adds the other two (2 x 500 leads).
        var random = new Random(19);
        var people = Enumerable.Range(0, 250).Select(Person).ToArray();
        var leads = people.SelectMany(p => p).ToArray();
        var expected = Partition(new LeadDeduplicator().Deduplicate(leads).Profiles);
        Assert.Equal(250, expected.Count); // the people are told apart, and each person's leads are one profile, in a batch

        var options = server.NewOptions();
        await using var one = new PostgreSqlLeadDatabase(options);
        await using var two = new PostgreSqlLeadDatabase(options);
        await one.MigrateAsync();
        using var first = new LeadDeduplicator(null, one.CreateDeduplicationStore());
        using var second = new LeadDeduplicator(null, two.CreateDeduplicationStore());
        var retried = 0;
        async Task AddAsync(LeadDeduplicator deduplicator, Lead[] mine)
        {
            foreach (var lead in mine)
            {
                // As the pipeline does: a decision that PostgreSQL ended to break a deadlock is decided again.
                for (var attempt = 1; ; attempt++)
                {
                    try
                    {
                        await deduplicator.AddAsync(lead);
                        break;
                    }
                    catch (PostgresException error) when (error.SqlState == "40P01" && attempt < 5)
                    {
                        Interlocked.Increment(ref retried);
                    }
                }
            }
        }

        foreach (var person in people.OrderBy(_ => random.Next()))
        {
            var dealt = person.OrderBy(_ => random.Next()).ToArray();
            await Task.WhenAll(Task.Run(() => AddAsync(first, dealt[..2])), Task.Run(() => AddAsync(second, dealt[2..])));
        }

        // The same partition of leads into people, whichever process read it; a profile's id is its first lead decided (as
        // in one process adding leads in that order), not always the batch's earliest, so ids are compared as members.
        var profiles = await first.Store.GetProfilesAsync().ToListAsync();
        Assert.Equal(expected, Partition(profiles));
        Assert.Equal(expected, Partition(await second.Store.GetProfilesAsync().ToListAsync()));
        Assert.All(profiles, profile => Assert.Contains(profile.Id.FirstLeadId, profile.Leads.Select(l => l.Id)));
        foreach (var lead in leads)
        {
            var holder = await second.Store.FindProfileByLeadAsync(lead.Id);
            Assert.NotNull(holder);
            Assert.Contains(lead.Id, holder.Leads.Select(l => l.Id));
        }

        Assert.Equal(1000L, await server.ScalarAsync(options.SchemaName, "SELECT count(*) FROM dedup_leads"));
        Assert.Empty(await first.Store.GetPossibleDuplicatesAsync().ToListAsync());
        Assert.InRange(retried, 0, 50);
    }

    [Fact]
    public async Task TwoPipelinesOnUsePostgreSql_ReceivingLeadsOfTheSamePeople_StoreOneProfilePerPerson()
    {
        var options = server.NewOptions();
        var leads = Enumerable.Range(0, 40).SelectMany(Person).ToArray();
        await using var a = Build(options);
        await using var b = Build(options);
        var pipelines = new[] { a.GetRequiredService<ILeadPipeline>(), b.GetRequiredService<ILeadPipeline>() };
        foreach (var pipeline in pipelines)
        {
            await pipeline.StartAsync();
        }

        var submits = leads.Select((lead, i) => pipelines[i % 2].SubmitAsync(lead).AsTask()).ToArray();
        Assert.All(await Task.WhenAll(submits), submitted => Assert.Equal(LeadSubmitStatus.Accepted, submitted.Status));
        foreach (var pipeline in pipelines)
        {
            await pipeline.StopAsync();
        }

        // Nothing was dead-lettered (a decision that failed twice would be); the identity store, and the sink's tables written
        // by both processes, hold one profile per person.
        Assert.Equal(0L, await server.ScalarAsync(options.SchemaName, "SELECT count(*) FROM dead_letters"));
        var expected = Partition(new LeadDeduplicator().Deduplicate(leads).Profiles);
        Assert.Equal(40, expected.Count);
        Assert.Equal(expected, Partition(await a.GetRequiredService<ILeadDeduplicationStore>().GetProfilesAsync().ToListAsync()));
        var stored = await a.GetRequiredService<PostgreSqlLeadDatabase>().ReadLeadsAsync(CancellationToken.None);
        Assert.Equal(expected, stored.GroupBy(s => s.ProfileId, s => s.Lead.Id).Select(g => string.Join(' ', g.Order())).Order(StringComparer.Ordinal).ToList());
        Assert.Equal(40L, await server.ScalarAsync(options.SchemaName, "SELECT count(*) FROM profiles"));
        Assert.Equal(0L, await server.ScalarAsync(options.SchemaName, "SELECT count(*) FROM journal_payloads"));

        // Each lead's JSON is stored once: in the sink's row, not again in the identity store.
        Assert.Equal(0L, await server.ScalarAsync(options.SchemaName, "SELECT count(*) FROM dedup_leads WHERE lead_json IS NOT NULL"));
        Assert.Equal((long)leads.Length, await server.ScalarAsync(options.SchemaName, "SELECT count(*) FROM dedup_leads"));
    }

    /// <summary>Person <paramref name="index"/>'s four leads: e-mail only, phone only, both (the bridge), and a later e-mail lead.</summary>
    private static Lead[] Person(int index)
    {
        var n = index.ToString("000", CultureInfo.InvariantCulture);
        var (first, last) = (FirstNames[index % 16], LastNames[index / 16]);
        var email = $"robin.{n}@contoso{n}.example";
        var phone = $"+1 {(202 + (2 * index)).ToString(CultureInfo.InvariantCulture)} 555 01{(index % 100).ToString("00", CultureInfo.InvariantCulture)}";
        var minutes = index * 10;
        return
        [
            TestLeads.Make(first, last, email, minutes: minutes),
            TestLeads.Make(first, last, null, phone, country: "US", minutes: minutes + 1),
            TestLeads.Make(first, last, email, phone, country: "US", minutes: minutes + 2),
            TestLeads.Make(first, last, email, action: "Create", minutes: minutes + 3),
        ];
    }

    private static readonly string[] FirstNames = ["Robin", "Amara", "Kenji", "Sofia", "Mateo", "Ingrid", "Tariq", "Lucia", "Dmitri", "Noor", "Elena", "Kwame", "Hana", "Pablo", "Freya", "Ravi"];

    private static readonly string[] LastNames = ["Okafor", "Lindqvist", "Tanaka", "Moreau", "Castillo", "Novak", "Haddad", "Brennan", "Kowalski", "Ferreira", "Nakamura", "Osei", "Larsen", "Quintero", "Petrov", "Mensah"];

    /// <summary>The profiles as sets of lead ids, each written as its ids in order, the list in order.</summary>
    private static List<string> Partition(IEnumerable<CustomerProfile> profiles) =>
        [.. profiles.Select(p => string.Join(' ', p.Leads.Select(l => l.Id).Order())).Order(StringComparer.Ordinal)];

    private static ServiceProvider Build(PostgreSqlLeadsOptions options)
    {
        var services = new ServiceCollection();
        services.AddMarketplaceLeads(PipelineHarness.CrashTestOptions(TimeSpan.FromSeconds(30)))
            .UsePostgreSql(o =>
            {
                o.ConnectionString = options.ConnectionString;
                o.SchemaName = options.SchemaName;
            });
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
    }
}
