using System.Linq;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using MarketplaceLeads.Deduplication;

namespace MarketplaceLeads.Sqlite.Tests;

public sealed class SqliteDeduplicationStorePropertyTests
{
    /// <summary>Whatever the order the leads arrive in, the SQLite store gives the de-duplicator exactly what the in-memory store gives it.</summary>
    [Property(MaxTest = 25)]
    public Property AnyArrivalOrder_SqliteStoreDecidesAsInMemory() =>
        Prop.ForAll(Gen.Shuffle(TestLeads.Mixed()).ToArbitrary(), leads =>
        {
            using var inMemory = new LeadDeduplicator();
            using var database = new SqliteLeadDatabase(new SqliteLeadsOptions { ConnectionString = "Data Source=:memory:", Durability = SqliteDurability.Normal });
            using var durable = new LeadDeduplicator(null, database.CreateDeduplicationStore());
            return leads.All(lead =>
            {
                var expected = inMemory.AddAsync(lead).AsTask().GetAwaiter().GetResult();
                var actual = durable.AddAsync(lead).AsTask().GetAwaiter().GetResult();
                return expected.Outcome == actual.Outcome
                    && expected.Profile.Id == actual.Profile.Id
                    && expected.MergedProfiles.SequenceEqual(actual.MergedProfiles)
                    && expected.PossibleDuplicates.SequenceEqual(actual.PossibleDuplicates)
                    && expected.Profile.Customer == actual.Profile.Customer;
            });
        });
}
