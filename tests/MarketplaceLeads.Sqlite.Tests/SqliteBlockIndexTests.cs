using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using MarketplaceLeads.Deduplication;
using MarketplaceLeads.Testing.Corpora;
using Microsoft.Data.Sqlite;

namespace MarketplaceLeads.Sqlite.Tests;

/// <summary>The SQLite store's in-memory blocking-key index (schema 6): one row a lead, decisions as in memory, also after a reopen, a split and an upgrade.</summary>
public sealed class SqliteBlockIndexTests : IDisposable
{
    private readonly SqliteTestDatabase _file = new();

    [Fact]
    public async Task SavingLeads_WritesOneRowALead_NoKeyOrDecisionRows_AndAReopenedStoreDecidesAsInMemory()
    {
        var leads = new AtlanticCorpus().Generate(40, 11).Select(l => l.Lead).ToArray();
        using var inMemory = new LeadDeduplicator();
        await using (var database = _file.Open(SqliteDurability.Normal))
        {
            var store = (SqliteLeadDeduplicationStore)database.CreateDeduplicationStore();
            using var durable = new LeadDeduplicator(null, store);
            await AddBothAsync(inMemory, durable, leads[..(leads.Length / 2)]);
            Assert.Equal(1, store.IndexesBuilt); // built once (empty), then kept up to date by the saves
        }

        // The keys each lead was filed under and its decision are in its own row: no row per key, no decision table.
        Assert.Equal(0L, Scalar("SELECT COUNT(*) FROM dedup_keys"));
        Assert.Equal(0L, Scalar("SELECT COUNT(*) FROM dedup_decisions"));
        Assert.Equal(Scalar("SELECT COUNT(*) FROM dedup_leads"), Scalar("SELECT COUNT(*) FROM dedup_leads WHERE outcome IS NOT NULL"));
        Assert.True(Scalar("SELECT COUNT(*) FROM dedup_leads WHERE keys IS NOT NULL") > 0);

        await using (var reopened = _file.Open(SqliteDurability.Normal))
        {
            var store = (SqliteLeadDeduplicationStore)reopened.CreateDeduplicationStore();
            using var durable = new LeadDeduplicator(null, store);
            await AddBothAsync(inMemory, durable, leads[(leads.Length / 2)..]);
            Assert.Equal(1, store.IndexesBuilt); // built from the rows once
            Assert.Equal(await Profiles(inMemory.Store), await Profiles(durable.Store));
            foreach (var lead in leads)
            {
                var expected = await inMemory.ExplainAsync(lead.Id);
                var actual = await durable.ExplainAsync(lead.Id);
                Assert.Equal((expected!.Outcome, expected.DecidedProfile, expected.CurrentProfile, expected.Reason), (actual!.Outcome, actual.DecidedProfile, actual.CurrentProfile, actual.Reason));
                Assert.Equal(expected.MergedProfiles, actual.MergedProfiles);
            }
        }
    }

    [Fact]
    public async Task AfterASplit_LeadsAreFiledAgain_AndLaterLeadsAreDecidedAsInMemory_AlsoAfterAReopen()
    {
        var jo = TestLeads.Make("Jo", "Lee", "jo@fabrikam.example", "+1 425 555 0199", country: "US", minutes: 0);
        var joPhone = TestLeads.Make("Jo", "Lee", null, "+1 425 555 0199", country: "US", minutes: 1);
        var joEmail = TestLeads.Make("Jo", "Lee", "jo@fabrikam.example", minutes: 2);
        var later = new[]
        {
            TestLeads.Make("Jo", "Lee", null, "+1 425 555 0199", country: "US", action: "Create", minutes: 10),
            TestLeads.Make("Jo", "Lee", "jo@fabrikam.example", action: "Create", minutes: 11),
            TestLeads.Make("J", "Lee", "jo@fabrikam.example", "+1 425 555 0199", country: "US", action: "INS", minutes: 12),
        };
        using var inMemory = new LeadDeduplicator();
        await using (var database = _file.Open(SqliteDurability.Normal))
        {
            using var durable = new LeadDeduplicator(null, database.CreateDeduplicationStore());
            await AddBothAsync(inMemory, durable, [jo, joPhone, joEmail]);
            var profile = new CustomerProfileId(jo.Id);
            await inMemory.SplitAsync(profile, [joPhone.Id]);
            await durable.SplitAsync(profile, [joPhone.Id]);
            await AddBothAsync(inMemory, durable, later[..1]);
        }

        await using var reopened = _file.Open(SqliteDurability.Normal);
        using var again = new LeadDeduplicator(null, reopened.CreateDeduplicationStore());
        await AddBothAsync(inMemory, again, later[1..]);
        Assert.Equal(await Profiles(inMemory.Store), await Profiles(again.Store));
    }

    [Fact]
    public async Task SchemaVersion5File_Opens_ItsKeysAndDecisionsAreRead_AndNewLeadsAreDecidedAsInMemory()
    {
        // Written by schema version 5: TestLeads.Mixed() through a LeadDeduplicator on the store (one row per key, decisions in a table of their own).
        using (var fixture = typeof(SqliteBlockIndexTests).Assembly.GetManifestResourceStream("schema5.db")!)
        using (var file = File.Create(_file.Path))
        {
            await fixture.CopyToAsync(file);
        }

        Assert.Equal(5L, Scalar("SELECT version FROM schema_info"));
        var mixed = TestLeads.Mixed();
        using var inMemory = new LeadDeduplicator();
        foreach (var lead in mixed)
        {
            await inMemory.AddAsync(lead);
        }

        await using var database = _file.Open();
        using var durable = new LeadDeduplicator(null, database.CreateDeduplicationStore());
        Assert.Equal(await Profiles(inMemory.Store), await Profiles(durable.Store));
        foreach (var lead in mixed)
        {
            var expected = await inMemory.ExplainAsync(lead.Id);
            var actual = await durable.ExplainAsync(lead.Id);
            Assert.Equal((expected!.Outcome, expected.DecidedProfile, expected.Reason), (actual!.Outcome, actual.DecidedProfile, actual.Reason));
        }

        // New leads of the people stored meet them through the keys filed by version 5, and redeliveries are recognised.
        Lead[] later = [
            mixed[0],
            TestLeads.Make("Robert", "Smith", "bob.smith@gmail.com", action: "Create", minutes: 300),
            TestLeads.Make("Ana", "Garcia", null, "+34 912 345 678", "Fabrikam Iberia S.L.", "US", action: "INS", minutes: 301),
            TestLeads.Person(7, action: "Create", minutes: 302),
            TestLeads.Person(70, minutes: 303),
        ];
        await AddBothAsync(inMemory, durable, later);
        Assert.Equal(await Profiles(inMemory.Store), await Profiles(durable.Store));

        // The possible duplicates the new leads raised. Those of the stored leads are version 5's decisions, kept as made;
        // the in-memory replay decides them with today's model, which also files keys version 5 did not have (a
        // company's first word): a pair it raises among the old leads is not one a store re-decides.
        var raisedLater = later.Select(l => l.Id).ToHashSet();
        Assert.Equal(
            await inMemory.Store.GetPossibleDuplicatesAsync().Where(p => raisedLater.Contains(p.RaisedBy)).OrderBy(p => p.First).ThenBy(p => p.Second).ToListAsync(),
            await durable.Store.GetPossibleDuplicatesAsync().Where(p => raisedLater.Contains(p.RaisedBy)).ToListAsync());
        Assert.Equal((long)SqliteLeadDatabase.SchemaVersion, Scalar("SELECT version FROM schema_info"));
    }

    [Fact]
    public async Task LeadsFiledUnderAnotherKeyScheme_AreFiledAgain_SoANewLeadMeetsThem()
    {
        // A database written by a version whose keys differ from today's (here: it filed nothing at all). Before, a new lead
        // met the stored leads only by the keys they were filed under then: the same mailbox found no one.
        var ana = TestLeads.Make("Ana", "Garcia", "ana.garcia@fabrikam.example", "+34 912 345 678", "Fabrikam Iberia S.L.", "ES", minutes: 0);
        var anaAgain = TestLeads.Make("Ana", "Garcia", "ana.garcia@fabrikam.example", action: "Create", minutes: 60);
        string? scheme;
        await using (var database = _file.Open(SqliteDurability.Normal))
        {
            var store = (SqliteLeadDeduplicationStore)database.CreateDeduplicationStore();
            using var first = new LeadDeduplicator(null, store);
            await first.AddAsync(ana);
            scheme = await store.GetKeySchemeAsync();
        }

        Assert.StartsWith("keys-", scheme, StringComparison.Ordinal); // recorded with the first lead
        _file.Execute("UPDATE dedup_leads SET keys = NULL, filed = NULL; UPDATE dedup_meta SET value = 'keys-1999-01-01;email=1;phone=1;names=1;strategies='");

        await using (var reopened = _file.Open(SqliteDurability.Normal))
        {
            var store = (SqliteLeadDeduplicationStore)reopened.CreateDeduplicationStore();
            using var later = new LeadDeduplicator(null, store);
            var decision = await later.AddAsync(anaAgain);

            Assert.Equal(DeduplicationOutcome.JoinedProfile, decision.Outcome);
            Assert.Equal(new CustomerProfileId(ana.Id), decision.Profile.Id);
            Assert.Equal(scheme, await store.GetKeySchemeAsync());
            Assert.Equal(1, store.IndexesBuilt); // the re-filing built it; the lookup and the save used it
        }

        Assert.Equal(1L, Scalar($"SELECT COUNT(*) FROM dedup_leads WHERE lead_id = '{ana.Id}' AND keys IS NOT NULL")); // filed again
    }

    [Fact]
    public async Task Refiling_ALeadWhoseJsonIsNowhere_KeepsTheKeysItWasFiledUnder()
    {
        // A store whose lead row lost its JSON everywhere is inconsistent (loading its profile says so); the re-filing neither
        // fails on it nor drops what the row records.
        var ana = TestLeads.Make("Ana", "Garcia", "ana.garcia@fabrikam.example", "+34 912 345 678", "Fabrikam Iberia S.L.", "ES", minutes: 0);
        var luis = TestLeads.Make("Luis", "Ortega", "luis@contoso.example", minutes: 1);
        await using (var database = _file.Open(SqliteDurability.Normal))
        {
            using var first = new LeadDeduplicator(null, database.CreateDeduplicationStore());
            await first.AddAsync(ana);
            await first.AddAsync(luis);
        }

        var keysBefore = Scalar($"SELECT length(keys) FROM dedup_leads WHERE lead_id = '{ana.Id}'");
        _file.Execute($"UPDATE dedup_leads SET lead_json = '' WHERE lead_id = '{ana.Id}'");

        await using var reopened = _file.Open(SqliteDurability.Normal);
        var store = (SqliteLeadDeduplicationStore)reopened.CreateDeduplicationStore();
        Assert.Equal(2, await store.RefileAsync("keys-none-but-kept", _ => []));

        Assert.Equal(keysBefore, Scalar($"SELECT length(keys) FROM dedup_leads WHERE lead_id = '{ana.Id}'"));
        Assert.Equal(1L, Scalar($"SELECT COUNT(*) FROM dedup_leads WHERE lead_id = '{luis.Id}' AND keys IS NULL")); // worked out again: none
    }

    [Fact]
    public async Task SameKeyScheme_FilesNothingAgain()
    {
        var leads = new AtlanticCorpus().Generate(20, 3).Select(l => l.Lead).ToArray();
        await using (var database = _file.Open(SqliteDurability.Normal))
        {
            using var first = new LeadDeduplicator(null, database.CreateDeduplicationStore());
            foreach (var lead in leads[..10])
            {
                await first.AddAsync(lead);
            }
        }

        var filedBefore = Scalar("SELECT COALESCE(SUM(filed), 0) FROM dedup_leads");
        await using var reopened = _file.Open(SqliteDurability.Normal);
        var store = (SqliteLeadDeduplicationStore)reopened.CreateDeduplicationStore();
        using var again = new LeadDeduplicator(null, store);
        await again.AddAsync(leads[10]);

        Assert.Equal(filedBefore, Scalar("SELECT COALESCE(SUM(filed), 0) FROM dedup_leads WHERE rowid <= (SELECT MAX(rowid) - 1 FROM dedup_leads)"));
        Assert.Equal(1, store.IndexesBuilt); // read from the rows, not filed again
    }

    private static Task<List<PossibleDuplicate>> AddBothAsync(LeadDeduplicator inMemory, LeadDeduplicator durable, IEnumerable<Lead> leads) =>
        SqliteDeduplicationStoreTests.AddToBothAsync(inMemory, durable, leads);

    private static Task<List<string>> Profiles(ILeadDeduplicationStore store) => SqliteDeduplicationStoreTests.Profiles(store);

    private long Scalar(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={_file.Path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }

    public void Dispose() => _file.Dispose();
}
