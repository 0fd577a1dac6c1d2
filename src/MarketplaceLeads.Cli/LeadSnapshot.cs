using System;
using System.Collections.Generic;
using System.Linq;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using MarketplaceLeads.Deduplication;
using MarketplaceLeads.FollowUp;

namespace MarketplaceLeads.Cli;

/// <summary>
/// The de-duplicated state of a database as of the command's now (<c>--now</c>), read once: every profile (test customers
/// included), the possible duplicates and the touch log. Leads received after now and touches made after now are left out,
/// so that <c>--now</c> shows what was known then.
/// </summary>
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

        var db = context.OpenDatabase(database);
        await using var dbScope = db.ConfigureAwait(false);
        var store = db.CreateDeduplicationStore();
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
        var now = context.Time.GetUtcNow();
        if (log.Touches.Any(t => t.At > now))
        {
            log = FollowUpLog.Create(log.Touches.Where(t => t.At <= now));
        }

        return new LeadSnapshot(AsOf(profiles, now), possibles, log);
    }

    /// <summary>Returns the profiles as they were at <paramref name="now"/>: only leads received by then; a profile with none is left out.</summary>
    internal static List<CustomerProfile> AsOf(List<CustomerProfile> profiles, DateTimeOffset now)
    {
        var result = new List<CustomerProfile>(profiles.Count);
        foreach (var profile in profiles)
        {
            if (profile.Leads.All(l => l.ReceivedAt <= now))
            {
                result.Add(profile);
                continue;
            }

            var leads = profile.Leads.Where(l => l.ReceivedAt <= now).ToList();
            if (leads.Count == 0)
            {
                continue;
            }

            // The founding lead keeps the profile's id when it was received by then; else the earliest lead received founds it.
            var id = leads.Any(l => l.Id == profile.Id.FirstLeadId) ? profile.Id : new CustomerProfileId(leads.OrderBy(static l => l.ReceivedAt).First().Id);
            result.Add(CustomerProfile.Restore(id, leads, SurvivingValues(profile.Customer, leads)));
        }

        return result;
    }

    /// <summary>The surviving values as of then: each of today's values that one of the leads received by then carries, else the latest such lead's value.</summary>
    private static CustomerInfo SurvivingValues(CustomerInfo today, List<Lead> leads)
    {
        string? Pick(string? value, Func<CustomerInfo, string?> field)
        {
            if (value is not null && leads.Any(l => string.Equals(field(l.Customer), value, StringComparison.Ordinal)))
            {
                return value;
            }

            return leads.OrderByDescending(static l => l.ReceivedAt).Select(l => field(l.Customer)).FirstOrDefault(static v => !string.IsNullOrWhiteSpace(v));
        }

        return new CustomerInfo
        {
            FirstName = Pick(today.FirstName, static c => c.FirstName),
            LastName = Pick(today.LastName, static c => c.LastName),
            Email = Pick(today.Email, static c => c.Email),
            Phone = Pick(today.Phone, static c => c.Phone),
            Country = Pick(today.Country, static c => c.Country),
            Company = Pick(today.Company, static c => c.Company),
            Title = Pick(today.Title, static c => c.Title),
        };
    }
}
