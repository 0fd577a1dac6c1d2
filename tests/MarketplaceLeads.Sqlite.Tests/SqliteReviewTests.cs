using System;
using System.Linq;
using System.Threading.Tasks;
using MarketplaceLeads.Deduplication;
using Microsoft.Data.Sqlite;
using static MarketplaceLeads.Testing.ReviewScenarioLeads;

namespace MarketplaceLeads.Sqlite.Tests;

/// <summary>Review decisions and explanations on the SQLite store: they survive a restart, and older databases are upgraded.</summary>
public sealed class SqliteReviewTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 4, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly SqliteTestDatabase _file = new();

    [Fact]
    public async Task Reviews_SurviveARestart_QueueKeptApartPairsExplanationsAndLog()
    {
        CustomerProfileId jo, joPhone, ana, luis, rossi;
        ReviewAction split, accept;
        LeadDecisionRecord? bothBefore;
        await using (var database = _file.Open())
        {
            using var deduplicator = new LeadDeduplicator(null, database.CreateDeduplicationStore(), new FixedClock(Now));
            foreach (var lead in new[] { JoByEmail, JoByPhone, JoByBoth, Ana, Luis, Rossi, RossiAgain, William, Bill })
            {
                await deduplicator.AddAsync(lead);
            }

            Assert.Equal(3, (await deduplicator.GetReviewQueueAsync()).Count);
            jo = new CustomerProfileId(JoByEmail.Id);
            split = (await deduplicator.SplitAsync(jo, [JoByPhone.Id], "reviewer@partner", "Jo's desk phone is a colleague's")).Action;
            joPhone = split.Second;
            (ana, luis) = (new CustomerProfileId(Ana.Id), new CustomerProfileId(Luis.Id));
            await deduplicator.RejectAsync(ana, luis, "reviewer@partner");
            accept = (await deduplicator.AcceptAsync(new CustomerProfileId(RossiAgain.Id), new CustomerProfileId(Rossi.Id))).Action;
            rossi = accept.First;
            bothBefore = await deduplicator.ExplainAsync(JoByBoth.Id);
        }

        await using var reopened = _file.Open();
        using var again = new LeadDeduplicator(null, reopened.CreateDeduplicationStore(), new FixedClock(Now.AddDays(1)));

        var queue = await again.GetReviewQueueAsync();
        var item = Assert.Single(queue);
        Assert.Equal(("Turner", "Turner"), (item.First.Customer.LastName, item.Second.Customer.LastName));
        Assert.Equal(
            new[] { KeptApartPair.Of(jo, joPhone), KeptApartPair.Of(ana, luis) }.OrderBy(p => p.First).ThenBy(p => p.Second),
            await again.Store.GetKeptApartAsync().OrderBy(p => p.First).ThenBy(p => p.Second).ToListAsync());

        var both = await again.ExplainAsync(JoByBoth.Id);
        Assert.NotNull(both);
        Assert.Equal(DeduplicationOutcome.JoinedProfile, both.Outcome);
        Assert.Equal(bothBefore!.Reason, both.Reason);
        Assert.Equal(bothBefore.Explanation, both.Explanation);
        Assert.NotNull(both.Explanation);
        Assert.Equal([joPhone], both.MergedProfiles);
        var logged = Assert.Single(both.Reviews);
        Assert.Equal((split.Kind, split.First, split.Second, split.ReviewedAt, split.Reviewer, split.Comment), (logged.Kind, logged.First, logged.Second, logged.ReviewedAt, logged.Reviewer, logged.Comment));
        Assert.Equal(split.Leads, logged.Leads);
        var rossiLog = (await again.ExplainAsync(Rossi.Id))!;
        Assert.Equal((rossi, ReviewKind.Accept), (rossiLog.CurrentProfile, Assert.Single(rossiLog.Reviews).Kind));
        Assert.True((await again.Store.FindProfileAsync(rossi))!.DoNotContact);
        Assert.Null(await again.Store.FindProfileAsync(accept.Second));

        // The next leads honour the decisions taken before the restart.
        var joAgain = await again.AddAsync(TestLeads.Make("Jo", "Lee", "jo@fabrikam.example", "+1 425 555 0199", action: "Create", minutes: 40, country: "US"));
        var luisAgain = await again.AddAsync(TestLeads.Make("Luis", "Garcia", "luis.garcia@gmail.com", "+1 415 555 0134", action: "Create", minutes: 41, country: "US"));
        Assert.Empty(joAgain.MergedProfiles);
        Assert.Empty(joAgain.PossibleDuplicates);
        Assert.Equal(luis, luisAgain.Profile.Id);
        Assert.Empty(luisAgain.PossibleDuplicates);
        Assert.Single(await again.GetReviewQueueAsync());
    }

    [Fact]
    public async Task SchemaVersion2_IsUpgraded_OldLeadsAreExplainedFromWhatIsKnown_AndReviewsWork()
    {
        // A database as version 2 wrote it: the same de-duplication tables, without decisions, kept-apart pairs or reviews.
        var test = TestLeads.Make("MSFT_TEST_636573304831318844", "MSFT_TEST_636573304831318844", "MSFT_TEST_636573304831318844@test.example", minutes: 5);
        await using (var database = _file.Open())
        {
            using var deduplicator = new LeadDeduplicator(null, database.CreateDeduplicationStore());
            foreach (var lead in new[] { JoByEmail, JoByBoth, test, Ana, Luis })
            {
                await deduplicator.AddAsync(lead);
            }
        }

        using (var connection = new SqliteConnection($"Data Source={_file.Path};Pooling=False"))
        {
            connection.Open();
            using var downgrade = connection.CreateCommand();
            downgrade.CommandText = """
                DROP TABLE dedup_decisions; DROP TABLE dedup_apart; DROP TABLE dedup_reviews; DROP TABLE dedup_review_leads;
                DROP INDEX dedup_possibles_second; DROP TABLE dedup_keys;
                CREATE TABLE dedup_keys(key INTEGER NOT NULL, lead_id TEXT NOT NULL, PRIMARY KEY(key, lead_id)) WITHOUT ROWID;
                """;
            downgrade.ExecuteNonQuery();

            // Version 6 keeps each lead's filed keys in its row; version 2 had a row per key and lead.
            var filed = new System.Collections.Generic.List<(long Key, string Lead)>();
            using (var read = connection.CreateCommand())
            {
                read.CommandText = "SELECT lead_id, keys FROM dedup_leads WHERE keys IS NOT NULL";
                using var reader = read.ExecuteReader();
                while (reader.Read())
                {
                    var keys = (byte[])reader.GetValue(1);
                    for (var at = 0; at < keys.Length; at += 8)
                    {
                        filed.Add((BitConverter.ToInt64(keys, at), reader.GetString(0)));
                    }
                }
            }

            Assert.NotEmpty(filed);
            foreach (var (key, lead) in filed)
            {
                using var insert = connection.CreateCommand();
                insert.CommandText = "INSERT INTO dedup_keys(key, lead_id) VALUES ($key, $lead)";
                insert.Parameters.AddWithValue("$key", key);
                insert.Parameters.AddWithValue("$lead", lead);
                insert.ExecuteNonQuery();
            }

            downgrade.CommandText = """
                ALTER TABLE dedup_leads DROP COLUMN keys; ALTER TABLE dedup_leads DROP COLUMN filed; ALTER TABLE dedup_leads DROP COLUMN outcome;
                ALTER TABLE dedup_leads DROP COLUMN decided; ALTER TABLE dedup_leads DROP COLUMN reason; ALTER TABLE dedup_leads DROP COLUMN explanation;
                ALTER TABLE dedup_leads DROP COLUMN merged;
                UPDATE schema_info SET version = 2;
                """;
            downgrade.ExecuteNonQuery();
        }

        await using var upgraded = _file.Open();
        using var again = new LeadDeduplicator(null, upgraded.CreateDeduplicationStore(), new FixedClock(Now));

        var founded = await again.ExplainAsync(JoByEmail.Id);
        var joined = await again.ExplainAsync(JoByBoth.Id);
        var tested = await again.ExplainAsync(test.Id);
        Assert.Equal((DeduplicationOutcome.NewProfile, (string?)null), (founded!.Outcome, founded.Reason));
        Assert.Equal(DeduplicationOutcome.JoinedProfile, joined!.Outcome);
        Assert.Equal(new CustomerProfileId(JoByEmail.Id), joined.CurrentProfile);
        Assert.StartsWith("joined before this database kept decisions (schema version 3)", joined.Reason, StringComparison.Ordinal);
        Assert.Null(joined.Explanation);
        Assert.Equal(DeduplicationOutcome.TestLead, tested!.Outcome);

        var pair = Assert.Single(await again.GetReviewQueueAsync()).Pair;
        await again.RejectAsync(pair.First, pair.Second);
        var next = await again.AddAsync(TestLeads.Make("Jo", "Lee", "jo@fabrikam.example", action: "Create", minutes: 50));
        Assert.Empty(await again.GetReviewQueueAsync());
        Assert.NotNull((await again.ExplainAsync(next.Lead.Id))!.Explanation);
        using var check = new SqliteConnection($"Data Source={_file.Path};Pooling=False");
        check.Open();
        using var version = check.CreateCommand();
        version.CommandText = "SELECT version FROM schema_info";
        Assert.Equal((long)SqliteLeadDatabase.SchemaVersion, version.ExecuteScalar());
    }

    [Fact]
    public async Task FailedReview_ChangesNothing()
    {
        await using var database = _file.Open(SqliteDurability.Normal);
        using var deduplicator = new LeadDeduplicator(null, database.CreateDeduplicationStore());
        foreach (var lead in new[] { JoByEmail, JoByPhone, JoByBoth })
        {
            await deduplicator.AddAsync(lead);
        }

        var jo = new CustomerProfileId(JoByEmail.Id);
        await Assert.ThrowsAsync<ArgumentException>(async () => await deduplicator.SplitAsync(jo, [JoByEmail.Id, JoByPhone.Id, JoByBoth.Id]));

        Assert.Equal(3, (await deduplicator.Store.FindProfileAsync(jo))!.Leads.Count);
        Assert.Empty(await deduplicator.Store.GetKeptApartAsync().ToListAsync());
        Assert.Empty((await deduplicator.ExplainAsync(JoByPhone.Id))!.Reviews);
    }

    public void Dispose() => _file.Dispose();

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
