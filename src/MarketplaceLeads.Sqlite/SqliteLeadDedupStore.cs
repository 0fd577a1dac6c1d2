using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using MarketplaceLeads.Deduplication;
using Microsoft.Data.Sqlite;

namespace MarketplaceLeads.Sqlite;

/// <summary>
/// The durable <see cref="ILeadDedupStore"/>: every lead with its profile, each profile's surviving values, the blocking
/// keys (one lead per profile per key, as the in-memory store files them) and the possible duplicates. Profiles are
/// restored with <see cref="CustomerProfile.Restore"/> and the survivorship rules the de-duplicator uses; match
/// subjects are recomputed from the stored leads.
/// </summary>
internal sealed class SqliteLeadDedupStore(SqliteLeadDatabase database, SurvivorshipRules? rules) : ILeadDedupStore
{
    /// <summary>The most leads filed under one key (as the in-memory store); a key shared more widely is useless for matching anyway.</summary>
    private const int MaxStoredPerKey = 100_001;

    private readonly SurvivorshipRules? _rules = rules;

    public ValueTask<CustomerProfile?> FindProfileByLeadAsync(LeadId leadId, CancellationToken cancellationToken = default) =>
        new(database.RunAsync(
            connection =>
            {
                using var find = SqliteLeadDatabase.Command(connection, null, "SELECT profile_id FROM dedup_leads WHERE lead_id = $id", ("$id", leadId.ToString()));
                return find.ExecuteScalar() is string profile ? LoadProfile(connection, profile) : null;
            },
            cancellationToken));

    public ValueTask<DedupLookup> FindCandidatesAsync(IReadOnlyList<ulong> blockingKeys, int maxProfilesPerKey, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(blockingKeys);
        return new(database.RunAsync(
            connection =>
            {
                var candidates = new List<DedupCandidate>();
                var filed = new int[blockingKeys.Count];
                var profiles = new Dictionary<string, CustomerProfile>(StringComparer.Ordinal);
                for (var k = 0; k < blockingKeys.Count; k++)
                {
                    var key = blockingKeys[k];
                    using var block = SqliteLeadDatabase.Command(
                        connection,
                        null,
                        "SELECT l.lead_id, l.profile_id FROM dedup_keys k JOIN dedup_leads l ON l.lead_id = k.lead_id WHERE k.key = $key LIMIT $limit",
                        ("$key", unchecked((long)key)),
                        ("$limit", (long)maxProfilesPerKey + 1));
                    var entries = new List<(string Lead, string Profile)>();
                    using (var reader = block.ExecuteReader())
                    {
                        while (reader.Read())
                        {
                            entries.Add((reader.GetString(0), reader.GetString(1)));
                        }
                    }

                    filed[k] = entries.Count;
                    if (entries.Count > maxProfilesPerKey)
                    {
                        continue; // an oversized block: ignored, as by the in-memory store
                    }

                    foreach (var (leadId, profileId) in entries)
                    {
                        if (!profiles.TryGetValue(profileId, out var profile))
                        {
                            profile = LoadProfile(connection, profileId);
                            profiles[profileId] = profile;
                        }

                        var lead = FindLead(profile, leadId);
                        candidates.Add(new DedupCandidate(lead, LeadMatchSubject.Create(lead.Customer), profile));
                    }
                }

                return new DedupLookup(candidates, filed);
            },
            cancellationToken));
    }

    public ValueTask SaveAsync(DedupStoreUpdate update, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(update);
        var profileId = update.Profile.Id.FirstLeadId.ToString();
        var leadJson = LeadJsonLines.Serialize(update.Lead);
        return new ValueTask(database.TransactAsync(
            (connection, transaction) =>
            {
                foreach (var merged in update.MergedProfiles)
                {
                    var gone = merged.FirstLeadId.ToString();
                    SqliteLeadDatabase.Run(connection, transaction, "UPDATE dedup_leads SET profile_id = $to WHERE profile_id = $from", ("$to", profileId), ("$from", gone));
                    SqliteLeadDatabase.Run(connection, transaction, "DELETE FROM dedup_profiles WHERE profile_id = $from", ("$from", gone));
                }

                SqliteLeadDatabase.Run(connection, transaction, "INSERT OR REPLACE INTO dedup_leads(lead_id, profile_id, lead_json) VALUES ($id, $profile, $json)", ("$id", update.Lead.Id.ToString()), ("$profile", profileId), ("$json", leadJson));
                var survivors = update.Profile.Customer;
                SqliteLeadDatabase.Run(
                    connection,
                    transaction,
                    "INSERT OR REPLACE INTO dedup_profiles(profile_id, first_name, last_name, email, phone, country, company, title) VALUES ($id, $first, $last, $email, $phone, $country, $company, $title)",
                    ("$id", profileId),
                    ("$first", survivors.FirstName),
                    ("$last", survivors.LastName),
                    ("$email", survivors.Email),
                    ("$phone", survivors.Phone),
                    ("$country", survivors.Country),
                    ("$company", survivors.Company),
                    ("$title", survivors.Title));
                foreach (var key in update.BlockingKeys)
                {
                    File(connection, transaction, key, update.Lead.Id.ToString(), profileId);
                }

                if (update.MergedProfiles.Count > 0)
                {
                    RepointPossibles(connection, transaction, update.MergedProfiles, update.Profile.Id);
                }

                foreach (var possible in update.PossibleDuplicates)
                {
                    AddPossible(connection, transaction, possible);
                }

                return 0;
            },
            cancellationToken));
    }

    public async IAsyncEnumerable<CustomerProfile> GetProfilesAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var profiles = await database.RunAsync(
            connection =>
            {
                using var list = SqliteLeadDatabase.Command(connection, null, "SELECT profile_id FROM dedup_profiles ORDER BY profile_id");
                var ids = new List<string>();
                using (var reader = list.ExecuteReader())
                {
                    while (reader.Read())
                    {
                        ids.Add(reader.GetString(0));
                    }
                }

                return ids.ConvertAll(id => LoadProfile(connection, id));
            },
            cancellationToken).ConfigureAwait(false);
        foreach (var profile in profiles)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return profile;
        }
    }

    public async IAsyncEnumerable<PossibleDuplicate> GetPossibleDuplicatesAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var rows = await database.QueryAsync(
            "SELECT first, second, score, reason, raised_by, explanation FROM dedup_possibles ORDER BY first, second",
            static _ => { },
            static reader => ReadPossible(reader),
            cancellationToken).ConfigureAwait(false);
        foreach (var row in rows)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return row;
        }
    }

    private static Lead FindLead(CustomerProfile profile, string leadId)
    {
        foreach (var lead in profile.Leads)
        {
            if (lead.Id.ToString() == leadId)
            {
                return lead;
            }
        }

        throw new InvalidOperationException($"The SQLite de-duplication store is inconsistent: lead {leadId} is filed under profile {profile.Id.FirstLeadId} but is not one of its leads.");
    }


    /// <summary>Files a lead under a key unless the key already has a lead of the same profile (one lead per profile per key) or is full.</summary>
    private static void File(SqliteConnection connection, SqliteTransaction transaction, ulong key, string leadId, string profileId)
    {
        using var check = SqliteLeadDatabase.Command(
            connection,
            transaction,
            """
            SELECT EXISTS (SELECT 1 FROM dedup_keys k JOIN dedup_leads l ON l.lead_id = k.lead_id WHERE k.key = $key AND l.profile_id = $profile),
                   (SELECT COUNT(*) FROM (SELECT 1 FROM dedup_keys WHERE key = $key LIMIT $max))
            """,
            ("$key", unchecked((long)key)),
            ("$profile", profileId),
            ("$max", MaxStoredPerKey));
        using (var reader = check.ExecuteReader())
        {
            reader.Read();
            if (reader.GetInt64(0) != 0 || reader.GetInt64(1) >= MaxStoredPerKey)
            {
                return;
            }
        }

        SqliteLeadDatabase.Run(connection, transaction, "INSERT OR IGNORE INTO dedup_keys(key, lead_id) VALUES ($key, $lead)", ("$key", unchecked((long)key)), ("$lead", leadId));
    }

    private static void RepointPossibles(SqliteConnection connection, SqliteTransaction transaction, IReadOnlyList<CustomerProfileId> merged, CustomerProfileId into)
    {
        var gone = new HashSet<CustomerProfileId>(merged);
        var moved = new List<PossibleDuplicate>();
        foreach (var id in merged)
        {
            using var find = SqliteLeadDatabase.Command(connection, transaction, "SELECT first, second, score, reason, raised_by, explanation FROM dedup_possibles WHERE first = $id OR second = $id", ("$id", id.FirstLeadId.ToString()));
            using var reader = find.ExecuteReader();
            while (reader.Read())
            {
                moved.Add(ReadPossible(reader));
            }
        }

        foreach (var possible in moved)
        {
            SqliteLeadDatabase.Run(connection, transaction, "DELETE FROM dedup_possibles WHERE first = $first AND second = $second", ("$first", possible.First.FirstLeadId.ToString()), ("$second", possible.Second.FirstLeadId.ToString()));
        }

        foreach (var possible in moved)
        {
            AddPossible(connection, transaction, possible with
            {
                First = gone.Contains(possible.First) ? into : possible.First,
                Second = gone.Contains(possible.Second) ? into : possible.Second,
            });
        }
    }

    /// <summary>Reads a row of <c>first, second, score, reason, raised_by, explanation</c> from <c>dedup_possibles</c>.</summary>
    private static PossibleDuplicate ReadPossible(SqliteDataReader reader) => new(
        new CustomerProfileId(LeadId.Parse(reader.GetString(0))),
        new CustomerProfileId(LeadId.Parse(reader.GetString(1))),
        reader.GetDouble(2),
        reader.GetString(3),
        LeadId.Parse(reader.GetString(4)),
        reader.IsDBNull(5) ? null : MatchExplanation.FromJson(reader.GetString(5)));

    /// <summary>Records a possible duplicate between two live profiles (ordered pair), keeping the higher score.</summary>
    private static void AddPossible(SqliteConnection connection, SqliteTransaction transaction, PossibleDuplicate possible)
    {
        var (first, second) = possible.First.CompareTo(possible.Second) <= 0 ? (possible.First, possible.Second) : (possible.Second, possible.First);
        if (first == second)
        {
            return;
        }

        SqliteLeadDatabase.Run(
            connection,
            transaction,
            """
            INSERT INTO dedup_possibles(first, second, score, reason, raised_by, explanation)
            SELECT $first, $second, $score, $reason, $raised, $explanation
            WHERE EXISTS (SELECT 1 FROM dedup_profiles WHERE profile_id = $first) AND EXISTS (SELECT 1 FROM dedup_profiles WHERE profile_id = $second)
            ON CONFLICT(first, second) DO UPDATE SET score = excluded.score, reason = excluded.reason, raised_by = excluded.raised_by, explanation = excluded.explanation
            WHERE excluded.score > dedup_possibles.score
            """,
            ("$first", first.FirstLeadId.ToString()),
            ("$second", second.FirstLeadId.ToString()),
            ("$score", possible.Score),
            ("$reason", possible.Reason),
            ("$raised", possible.RaisedBy.ToString()),
            ("$explanation", possible.Explanation?.ToJson()));
    }

    private CustomerProfile LoadProfile(SqliteConnection connection, string profileId)
    {
        var leads = new List<Lead>();
        using (var list = SqliteLeadDatabase.Command(connection, null, "SELECT lead_json FROM dedup_leads WHERE profile_id = $id", ("$id", profileId)))
        using (var reader = list.ExecuteReader())
        {
            while (reader.Read())
            {
                leads.Add(database.ReadLeadJson(reader.GetString(0)));
            }
        }

        using var survivors = SqliteLeadDatabase.Command(connection, null, "SELECT first_name, last_name, email, phone, country, company, title FROM dedup_profiles WHERE profile_id = $id", ("$id", profileId));
        using var row = survivors.ExecuteReader();
        if (!row.Read())
        {
            throw new InvalidOperationException($"The SQLite de-duplication store is inconsistent: profile {profileId} has leads but no surviving values.");
        }

        string? Text(int ordinal) => row.IsDBNull(ordinal) ? null : row.GetString(ordinal);
        var customer = new CustomerInfo { FirstName = Text(0), LastName = Text(1), Email = Text(2), Phone = Text(3), Country = Text(4), Company = Text(5), Title = Text(6) };
        return CustomerProfile.Restore(new CustomerProfileId(LeadId.Parse(profileId)), leads, customer, _rules);
    }
}
