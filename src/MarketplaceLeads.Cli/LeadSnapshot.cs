using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using MarketplaceLeads.Deduplication;
using MarketplaceLeads.FollowUp;
using MarketplaceLeads.Sqlite;

namespace MarketplaceLeads.Cli;

/// <summary>The de-duplicated state of a database, read once: every profile (test customers included), the possible duplicates and the touch log.</summary>
internal sealed class LeadSnapshot
{
    private LeadSnapshot(IReadOnlyList<CustomerProfile> profiles, IReadOnlyList<PossibleDuplicate> possibleDuplicates, FollowUpLog log)
    {
        Log = log;
        Profiles = profiles;
        PossibleDuplicates = possibleDuplicates;
        Holds = DoNotContactHolds.Create(profiles, possibleDuplicates);
    }

    public IReadOnlyList<CustomerProfile> Profiles { get; }

    public IReadOnlyList<PossibleDuplicate> PossibleDuplicates { get; }

    /// <summary>Gets the touches recorded so far (<c>follow_up_touches</c>).</summary>
    public FollowUpLog Log { get; }

    /// <summary>Gets the customers held back from follow-up: possible duplicates of a do-not-contact customer, until reviewed.</summary>
    public DoNotContactHolds Holds { get; }

    /// <summary>Reads a database written by <c>import</c>; <see langword="null"/> (and a message) when the file does not exist, so reading never creates an empty one.</summary>
    public static async Task<LeadSnapshot?> ReadAsync(CliContext context, string database, CancellationToken cancellationToken)
    {
        if (!File.Exists(database))
        {
            context.Fail($"database not found: {database} (run 'marketplace-leads import <files…> --db {database}' first)");
            return null;
        }

        var db = new SqliteLeadDatabase(new SqliteLeadsOptions { Path = database, Durability = SqliteDurability.Normal }, context.Time);
        await using var dbScope = db.ConfigureAwait(false);
        var store = db.CreateDedupStore();
        var profiles = new List<CustomerProfile>();
        await foreach (var profile in store.GetProfilesAsync(cancellationToken).ConfigureAwait(false))
        {
            profiles.Add(profile);
        }

        // Stable output: profiles come back in no particular order.
        profiles.Sort(static (a, b) => a.FirstSeen != b.FirstSeen ? a.FirstSeen.CompareTo(b.FirstSeen) : a.Id.CompareTo(b.Id));
        var possibles = new List<PossibleDuplicate>();
        await foreach (var pair in store.GetPossibleDuplicatesAsync(cancellationToken).ConfigureAwait(false))
        {
            possibles.Add(pair);
        }

        var log = await db.CreateFollowUpStore().ReadLogAsync(cancellationToken).ConfigureAwait(false);
        return new LeadSnapshot(profiles, possibles, log);
    }
}
