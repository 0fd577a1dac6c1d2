using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using MarketplaceLeads.Deduplication;

namespace MarketplaceLeads.Sqlite.Tests;

public sealed class SqliteDeduplicationStoreTests : IDisposable
{
    private readonly SqliteTestDatabase _file = new();

    [Fact]
    public async Task IncrementalDeduplication_OnSqlite_DecidesExactlyAsInMemory()
    {
        var leads = TestLeads.Mixed();
        var options = new DeduplicationOptions();
        using var inMemory = new LeadDeduplicator(options);
        await using var database = _file.Open(SqliteDurability.Normal);
        using var durable = new LeadDeduplicator(options, database.CreateDeduplicationStore(options.Survivorship));

        foreach (var lead in leads)
        {
            var expected = await inMemory.AddAsync(lead);
            var actual = await durable.AddAsync(lead);
            Assert.Equal(expected.Outcome, actual.Outcome);
            Assert.Equal(expected.Profile.Id, actual.Profile.Id);
            Assert.Equal(expected.MergedProfiles, actual.MergedProfiles);
            Assert.Equal(expected.PossibleDuplicates, actual.PossibleDuplicates);
            Assert.Equal(expected.Profile.Leads.Select(l => l.Id), actual.Profile.Leads.Select(l => l.Id));
            Assert.Equal(expected.Profile.Customer, actual.Profile.Customer);
            Assert.Equal(expected.Profile.DoNotContact, actual.Profile.DoNotContact);
        }

        Assert.Equal(await Profiles(inMemory.Store), await Profiles(durable.Store));
        Assert.Equal(
            await inMemory.Store.GetPossibleDuplicatesAsync().OrderBy(p => p.First).ThenBy(p => p.Second).ToListAsync(),
            await durable.Store.GetPossibleDuplicatesAsync().ToListAsync());
    }

    [Fact]
    public async Task IncrementalDeduplication_OnSqlite_OfferLeadsInTheOrderFiled_SoTiesBreakAsInMemory()
    {
        // A lead that matches two profiles of one person (kept apart by a veto between them) with the same weight joins the
        // one the decider meets first; the SQLite store gave the candidates of a key in id order, the in-memory store in the
        // order they were filed, and this corpus sent a lead to another profile on SQLite.
        await AssertDecidesAsInMemoryAsync(new MarketplaceLeads.Testing.Corpora.AtlanticCorpus().Generate(24, 726806).Select(l => l.Lead));
    }

    [Fact]
    public async Task IncrementalDeduplication_OnSqlite_OfSparseLeads_MeetsByNameAndCountryAsInMemory()
    {
        // Leads without an address meet their person's leads by name and country through one-way keys (filed under one,
        // looked up under the other): the keys a store files must be the filing ones, and it must find the same candidates.
        var possibles = await AssertDecidesAsInMemoryAsync(new MarketplaceLeads.Testing.Corpora.MeridianCorpus().Generate(150, 3).Select(l => l.Lead));

        Assert.Contains(possibles, p => p.Reason.Contains("same country", StringComparison.Ordinal)
            && !p.Reason.Contains("mailbox", StringComparison.Ordinal) && !p.Reason.Contains("phone", StringComparison.Ordinal));
    }

    /// <summary>Adds the leads one by one to an in-memory and a SQLite de-duplicator and asserts the same decisions; returns the possible duplicates raised.</summary>
    private async Task<List<PossibleDuplicate>> AssertDecidesAsInMemoryAsync(IEnumerable<Lead> leads)
    {
        using var inMemory = new LeadDeduplicator();
        await using var database = _file.Open(SqliteDurability.Normal);
        using var durable = new LeadDeduplicator(null, database.CreateDeduplicationStore());
        var possibles = await AddToBothAsync(inMemory, durable, leads);
        Assert.Equal(await Profiles(inMemory.Store), await Profiles(durable.Store));
        return possibles;
    }

    /// <summary>Adds the leads one by one to both de-duplicators and asserts the same decisions; returns the possible duplicates raised.</summary>
    internal static async Task<List<PossibleDuplicate>> AddToBothAsync(LeadDeduplicator inMemory, LeadDeduplicator durable, IEnumerable<Lead> leads)
    {
        var possibles = new List<PossibleDuplicate>();
        foreach (var lead in leads)
        {
            var expected = await inMemory.AddAsync(lead);
            var actual = await durable.AddAsync(lead);
            Assert.Equal((expected.Outcome, expected.Profile.Id), (actual.Outcome, actual.Profile.Id));
            Assert.Equal(expected.MergedProfiles, actual.MergedProfiles);
            Assert.Equal(expected.PossibleDuplicates, actual.PossibleDuplicates);
            Assert.Equal(expected.Profile.Leads.Select(l => l.Id), actual.Profile.Leads.Select(l => l.Id));
            possibles.AddRange(actual.PossibleDuplicates);
        }

        return possibles;
    }

    [Fact]
    public async Task Restart_ContinuesWhereItStopped()
    {
        var first = TestLeads.Make("Robert", "Smith", "bob.smith@gmail.com", minutes: 0);
        var later = TestLeads.Make("Bob", "Smith", "Bob.Smith+x@gmail.com", action: "Create", minutes: 60);
        await using (var database = _file.Open())
        {
            using var deduplicator = new LeadDeduplicator(null, database.CreateDeduplicationStore());
            Assert.Equal(DeduplicationOutcome.NewProfile, (await deduplicator.AddAsync(first)).Outcome);
        }

        await using (var reopened = _file.Open())
        {
            using var deduplicator = new LeadDeduplicator(null, reopened.CreateDeduplicationStore());
            var again = await deduplicator.AddAsync(first);
            var joined = await deduplicator.AddAsync(later);

            Assert.Equal(DeduplicationOutcome.Redelivery, again.Outcome);
            Assert.Equal(DeduplicationOutcome.JoinedProfile, joined.Outcome);
            Assert.Equal(new CustomerProfileId(first.Id), joined.Profile.Id);
            Assert.Equal(2, joined.Profile.Leads.Count);
            Assert.Equal(["bob.smith@gmail.com", "Bob.Smith+x@gmail.com"], joined.Profile.Emails);
        }
    }

    [Fact]
    public async Task CustomSurvivorshipRules_AreUsedWhenProfilesAreRestored()
    {
        var rules = new SurvivorshipRules();
        rules[CustomerField.Company] = SurvivorshipRule.Earliest;
        var options = new DeduplicationOptions();
        options.Survivorship[CustomerField.Company] = SurvivorshipRule.Earliest;
        await using var database = _file.Open(SqliteDurability.Normal);
        using var deduplicator = new LeadDeduplicator(options, database.CreateDeduplicationStore(rules));

        await deduplicator.AddAsync(TestLeads.Make("Ana", "Lopez", "ana@fabrikam.example", company: "Fabrikam", minutes: 0));
        var second = await deduplicator.AddAsync(TestLeads.Make("Ana", "Lopez", "ana@fabrikam.example", company: "Fabrikam Iberia", action: "Create", minutes: 10));
        var third = await deduplicator.AddAsync(TestLeads.Make("Ana", "Lopez", "ana@fabrikam.example", company: "Contoso", action: "INS", minutes: 20));

        Assert.Equal("Fabrikam", second.Profile.Customer.Company);
        Assert.Equal("Fabrikam", third.Profile.Customer.Company);
    }

    internal static async Task<List<string>> Profiles(ILeadDeduplicationStore store) =>
        await store.GetProfilesAsync()
            .Select(p => $"{p.Id.FirstLeadId} {string.Join(',', p.Leads.Select(l => l.Id))} {p.Customer} {p.DoNotContact} {p.IsTest}")
            .OrderBy(s => s, StringComparer.Ordinal)
            .ToListAsync();

    public void Dispose() => _file.Dispose();
}
