using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using MarketplaceLeads.Deduplication;
using MarketplaceLeads.Lifecycle;
using Microsoft.Data.Sqlite;

namespace MarketplaceLeads.Sqlite;

/// <summary>
/// The durable <see cref="ILeadDeduplicationStore"/>: every lead with its profile and the decision taken for it, each profile's
/// surviving values, the blocking keys (one lead per profile per key, as the in-memory store files them), the possible
/// duplicates, the pairs kept apart by review and the review log. Profiles are restored with
/// <see cref="CustomerProfile.Restore"/> and the survivorship rules the de-duplicator uses, and the ones used last are
/// kept in memory (<see cref="ProfileCache"/>, written through by the saves), with their leads' match subjects. Every
/// change is one write of the database's commit group: committed before <see cref="SaveAsync"/> returns, or, for the
/// store of a pipeline whose journal is this database (<c>deferCommits</c>), with the next durable write.
/// </summary>
internal sealed class SqliteLeadDeduplicationStore(SqliteLeadDatabase database, SurvivorshipRules? rules, bool deferCommits) : IRefilingLeadDeduplicationStore, ILeadErasureSink
{
    /// <summary>Erases the request from every table of the database (once, whichever of its components is told first).</summary>
    public ValueTask<IReadOnlyDictionary<string, int>> EraseAsync(ErasureRequest request, CancellationToken cancellationToken) => ((ILeadErasureSink)database).EraseAsync(request, cancellationToken);

    /// <summary>Drops old raw payloads and dead letters from the database's tables.</summary>
    public ValueTask<RetentionReceipt> ApplyRetentionAsync(DateTimeOffset? rawPayloadsBefore, DateTimeOffset? deadLettersBefore, CancellationToken cancellationToken) => ((ILeadErasureSink)database).ApplyRetentionAsync(rawPayloadsBefore, deadLettersBefore, cancellationToken);

    /// <summary>The most leads the profiles kept in memory hold together (some tens of megabytes).</summary>
    /// <summary>
    /// The most leads the profile cache holds (<see cref="ProfileCache"/>). 5,000 (was 20,000): at a million leads a lookup's
    /// candidates are seldom among the last 20,000 leads' profiles anyway, and each cached lead (with its match subject) holds
    /// about 3.4 KB; an import of 1,000,142 leads peaked at 547 MB instead of 620, in 288 s instead of 296 (305,783 leads:
    /// 372–375 MB instead of 424–425, 2–6 % more wall time).
    /// </summary>
    internal const int CachedLeads = 5_000;

    private readonly SurvivorshipRules? _rules = rules;
    private readonly ProfileCache _cache = new(CachedLeads);
    private readonly ConditionalWeakTable<Lead, LeadMatchSubject> _subjects = new(); // a cached profile's leads keep theirs
    private BlockIndex? _index;
    private long _dataVersion = -1;
    private long _groupsLost;

    /// <summary>Gets how many times the blocking-key index was built from the database (for tests: a save or a lookup reads none).</summary>
    internal int IndexesBuilt { get; private set; }

    /// <summary>Empties the profile cache and drops the blocking-key index when what they hold may no longer be what is stored: another connection committed (<c>PRAGMA data_version</c> moved) or a commit group was lost. Called first in every operation, under the gate.</summary>
    private void Refresh(SqliteConnection connection)
    {
        using var version = SqliteLeadDatabase.Command(connection, null, "PRAGMA data_version");
        var now = (long)version.ExecuteScalar()!;
        var lost = database.GroupsLost + database.Erasures;
        if (now != _dataVersion || lost != _groupsLost)
        {
            _cache.Clear();
            _index = null;
            _dataVersion = now;
            _groupsLost = lost;
        }
    }

    public ValueTask<CustomerProfile?> FindProfileByLeadAsync(LeadId leadId, CancellationToken cancellationToken = default) =>
        new(database.RunAsync(
            connection =>
            {
                Refresh(connection);
                if (_index is { } index)
                {
                    return index.TryGetProfile(leadId, out var holder) ? LoadProfile(connection, holder.FirstLeadId.ToString()) : null;
                }

                using var find = SqliteLeadDatabase.Command(connection, null, "SELECT profile_id FROM dedup_leads WHERE lead_id = $id", ("$id", leadId.ToString()));
                return find.ExecuteScalar() is string profile ? LoadProfile(connection, profile) : null;
            },
            cancellationToken));

    public ValueTask<CustomerProfile?> FindProfileAsync(CustomerProfileId profileId, CancellationToken cancellationToken = default) =>
        new(database.RunAsync(
            connection =>
            {
                Refresh(connection);
                var id = profileId.FirstLeadId.ToString();
                using var find = SqliteLeadDatabase.Command(connection, null, "SELECT 1 FROM dedup_profiles WHERE profile_id = $id", ("$id", id));
                return find.ExecuteScalar() is null ? null : LoadProfile(connection, id);
            },
            cancellationToken));

    private const int RefileBatch = 10_000;

    public ValueTask<string?> GetKeySchemeAsync(CancellationToken cancellationToken = default) =>
        new(database.RunAsync(
            connection =>
            {
                using var find = SqliteLeadDatabase.Command(connection, null, "SELECT value FROM dedup_meta WHERE name = 'key_scheme'");
                return find.ExecuteScalar() as string;
            },
            cancellationToken));

    /// <summary>
    /// Files every lead again under the keys <paramref name="filingKeys"/> gives (see <see cref="IRefilingLeadDeduplicationStore.RefileAsync"/>),
    /// in one durable write: the index is built anew in the order the leads were first saved (their row order), each lead's
    /// row records its new keys, the rows of <c>dedup_keys</c> (keys filed before schema version 6) go, and the scheme is
    /// recorded. Each lead's JSON is read where it is kept (this table, the sink's, the journal's); a lead whose JSON is nowhere
    /// (an inconsistent store; erasure deletes the whole row) keeps the keys its row records.
    /// </summary>
    public ValueTask<int> RefileAsync(string keyScheme, Func<Lead, IReadOnlyList<ulong>> filingKeys, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(keyScheme);
        ArgumentNullException.ThrowIfNull(filingKeys);
        return new(database.TransactAsync(
            (connection, transaction) =>
            {
                Refresh(connection);
                _index = null;
                IndexesBuilt++;
                var index = new BlockIndex();
                using (var leads = SqliteLeadDatabase.Command(connection, transaction, "SELECT lead_id, profile_id FROM dedup_leads ORDER BY rowid"))
                using (var reader = leads.ExecuteReader())
                {
                    while (reader.Read())
                    {
                        index.AddLead(LeadId.Parse(reader.GetString(0)), ProfileIdOf(reader.GetString(1)));
                    }
                }

                // In batches of rows (by row order), each read, then written: a million leads' keys are never all in memory.
                var rows = new List<(long Row, byte[]? Keys, long? Filing)>(RefileBatch);
                var refiled = 0;
                var after = long.MinValue;
                int read;
                do
                {
                    rows.Clear();
                    read = 0;
                    using (var batch = SqliteLeadDatabase.Command(
                        connection,
                        transaction,
                        $"SELECT l.rowid, l.lead_id, {LeadJsonOf}, l.keys FROM dedup_leads l LEFT JOIN leads s ON s.lead_id = l.lead_id WHERE l.rowid > $after ORDER BY l.rowid LIMIT {RefileBatch}",
                        ("$after", after)))
                    using (var reader = batch.ExecuteReader())
                    {
                        while (reader.Read())
                        {
                            read++;
                            after = reader.GetInt64(0);
                            if (!index.TryGetLead(LeadId.Parse(reader.GetString(1)), out var number))
                            {
                                continue;
                            }

                            var keys = !reader.IsDBNull(2) && reader.GetString(2) is { Length: > 0 } json
                                ? filingKeys(database.ReadLeadJson(json))
                                : reader.IsDBNull(3) ? [] : ReadKeys((byte[])reader.GetValue(3)); // JSON nowhere: the keys it was filed under
                            var (filed, filing) = FileLead(index, number, keys);
                            rows.Add((after, filed, filing));
                        }
                    }

                    foreach (var (row, filed, filing) in rows)
                    {
                        SqliteLeadDatabase.Run(connection, transaction, "UPDATE dedup_leads SET keys = $keys, filed = $filed WHERE rowid = $row", ("$keys", filed), ("$filed", filing), ("$row", row));
                    }

                    refiled += rows.Count;
                }
                while (read > 0);

                SqliteLeadDatabase.Run(connection, transaction, "DELETE FROM dedup_keys");
                SqliteLeadDatabase.Run(
                    connection,
                    transaction,
                    "INSERT INTO dedup_meta(name, value) VALUES ('key_scheme', $scheme) ON CONFLICT(name) DO UPDATE SET value = excluded.value",
                    ("$scheme", keyScheme));
                _index = index;
                return refiled;
            },
            cancellationToken));
    }

    public ValueTask<IReadOnlyList<KeptApartPair>> FindKeptApartAsync(IReadOnlyList<CustomerProfileId> profiles, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(profiles);
        if (profiles.Count < 2)
        {
            return new([]);
        }

        return new(database.RunAsync<IReadOnlyList<KeptApartPair>>(connection => KeptApartAmong(connection, null, profiles), cancellationToken));
    }

    public ValueTask<LeadDecisionRecord?> FindDecisionAsync(LeadId leadId, CancellationToken cancellationToken = default) =>
        new(database.RunAsync(connection => LoadDecision(connection, leadId), cancellationToken));

    public ValueTask<DeduplicationLookup> FindCandidatesAsync(IReadOnlyList<ulong> blockingKeys, int maxProfilesPerKey, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(blockingKeys);
        return new(database.RunAsync(
            connection =>
            {
                Refresh(connection);
                var index = Index(connection);
                var candidates = new List<DeduplicationCandidate>();
                var filed = new int[blockingKeys.Count];
                var profiles = new Dictionary<int, CustomerProfile>();
                var holders = new HashSet<int>();
                var single = 0;
                for (var k = 0; k < blockingKeys.Count; k++)
                {
                    var block = index.Block(blockingKeys[k], ref single);
                    if (block.Length > maxProfilesPerKey)
                    {
                        filed[k] = maxProfilesPerKey + 1; // an oversized block: ignored, as by the in-memory store
                        continue;
                    }

                    // A block keeps a lead of each profile filed under it; profiles merged since are one profile, not several.
                    holders.Clear();
                    foreach (var entry in block)
                    {
                        var holder = index.ProfileOf(entry);
                        holders.Add(holder);
                        if (!profiles.TryGetValue(holder, out var profile))
                        {
                            profile = LoadProfile(connection, index.ProfileAt(holder).FirstLeadId.ToString());
                            profiles[holder] = profile;
                        }

                        var lead = FindLead(profile, index.LeadAt(entry));
                        candidates.Add(new DeduplicationCandidate(lead, _subjects.GetValue(lead, static l => LeadMatchSubject.Create(l.Customer)), profile));
                    }

                    filed[k] = holders.Count;
                }

                return new DeduplicationLookup(candidates, filed);
            },
            cancellationToken));
    }

    public ValueTask SaveAsync(DeduplicationStoreUpdate update, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(update);
        var profileId = update.Profile.Id.FirstLeadId.ToString();
        // The store of a pipeline whose journal is this database keeps no copy of a lead's JSON: the journal holds it until
        // the SQLite sink has the lead, then the sink's row does (a test lead the pipeline does not deliver keeps its own).
        object leadJson = deferCommits && update.Outcome != DeduplicationOutcome.TestLead ? string.Empty : Utf8Text.Json(update.Lead);
        var leadId = update.Lead.Id;
        Func<SqliteConnection, SqliteTransaction, int> save = (connection, transaction) =>
            {
                Refresh(connection);
                var index = Index(connection);
                try
                {
                    // The index first (the keys a lead is filed under depend on what is filed), then the rows; a write that
                    // fails drops the index, which is built again from what is stored.
                    foreach (var merged in update.MergedProfiles)
                    {
                        index.Merge(merged, update.Profile.Id);
                    }

                    var (keys, filing) = FileLead(index, index.AddLead(update.Lead.Id, update.Profile.Id), update.BlockingKeys);
                    foreach (var merged in update.MergedProfiles)
                    {
                        var gone = merged.FirstLeadId.ToString();
                        SqliteLeadDatabase.Run(connection, transaction, "UPDATE dedup_leads SET profile_id = $to WHERE profile_id = $from", ("$to", profileId), ("$from", gone));
                        SqliteLeadDatabase.Run(connection, transaction, "DELETE FROM dedup_profiles WHERE profile_id = $from", ("$from", gone));
                        MoveKeptApart(connection, transaction, merged, update.Profile.Id);
                    }

                    // One row a lead: its profile, its JSON, the keys it was filed under (and when), and what was decided. An
                    // INSERT, else (the lead saved before) an UPDATE: each changes one row, so SQLite keeps no statement journal
                    // for it, as it does for an INSERT OR REPLACE (which may delete a row and insert another).
                    (string Name, object? Value)[] row =
                    [
                        ("$id", leadId),
                        ("$profile", update.Profile.Id.FirstLeadId),
                        ("$json", leadJson),
                        ("$keys", keys),
                        ("$filed", filing),
                        ("$outcome", update.Outcome.ToString()),
                        ("$reason", update.Reason),
                        ("$explanation", update.Explanation is { } explanation ? ExplanationCodec.Encode(explanation) : null),
                        ("$merged", string.Join(' ', update.MergedProfiles)),
                    ];
                    if (SqliteLeadDatabase.Changes(
                        connection,
                        transaction,
                        """
                        INSERT INTO dedup_leads(lead_id, profile_id, lead_json, keys, filed, outcome, decided, reason, explanation, merged)
                        VALUES ($id, $profile, $json, $keys, $filed, $outcome, $profile, $reason, $explanation, $merged)
                        ON CONFLICT(lead_id) DO NOTHING
                        """,
                        row) == 0)
                    {
                        SqliteLeadDatabase.Run(
                            connection,
                            transaction,
                            """
                            UPDATE dedup_leads SET profile_id = $profile, lead_json = $json, keys = $keys, filed = $filed, outcome = $outcome,
                                decided = $profile, reason = $reason, explanation = $explanation, merged = $merged
                            WHERE lead_id = $id
                            """,
                            row);
                    }
                    WriteProfile(connection, transaction, update.Profile);
                    if (update.MergedProfiles.Count > 0)
                    {
                        RepointPossibles(connection, transaction, update.MergedProfiles, update.Profile.Id);
                        DropPossiblesKeptApart(connection, transaction, update.Profile.Id);
                    }

                    foreach (var possible in update.PossibleDuplicates)
                    {
                        AddPossible(connection, transaction, possible);
                    }
                }
                catch
                {
                    _index = null;
                    throw;
                }

                foreach (var merged in update.MergedProfiles)
                {
                    _cache.Remove(merged.FirstLeadId.ToString());
                }

                _cache.Put(profileId, update.Profile);
                _subjects.AddOrUpdate(update.Lead, update.Subject);
                return 0;
            };
        return new ValueTask(deferCommits ? database.DeferAsync(save, cancellationToken) : database.TransactAsync(save, cancellationToken));
    }

    public ValueTask<long> SaveReviewAsync(DeduplicationReviewUpdate update, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(update);
        var action = update.Action;
        if (!Enum.IsDefined(action.Kind))
        {
            throw new ArgumentException($"DeduplicationReviewUpdate.Action.Kind must be Accept, Reject or Split; it is {(int)action.Kind}.", nameof(update));
        }

        return new ValueTask<long>(database.TransactAsync(
            (connection, transaction) =>
            {
                Refresh(connection);
                try
                {
                    return Review(connection, transaction, update);
                }
                finally
                {
                    _cache.Clear(); // a review rewrites profiles: they are read again when next needed
                    _index = null; // and moves leads between them: the index is built again when next needed
                }
            },
            cancellationToken));
    }

    private long Review(SqliteConnection connection, SqliteTransaction transaction, DeduplicationReviewUpdate update)
    {
        var action = update.Action;
        foreach (var profile in update.Profiles)
        {
            WriteProfile(connection, transaction, profile);
            var id = profile.Id.FirstLeadId.ToString();
            foreach (var lead in profile.Leads)
            {
                SqliteLeadDatabase.Run(connection, transaction, "UPDATE dedup_leads SET profile_id = $profile WHERE lead_id = $lead", ("$profile", id), ("$lead", lead.Id.ToString()));
            }
        }

        switch (action.Kind)
        {
            case ReviewKind.Accept:
                SqliteLeadDatabase.Run(connection, transaction, "DELETE FROM dedup_profiles WHERE profile_id = $id", ("$id", action.Second.FirstLeadId.ToString()));
                MoveKeptApart(connection, transaction, action.Second, action.First);
                RepointPossibles(connection, transaction, [action.Second], action.First);
                DropPossiblesKeptApart(connection, transaction, action.First);
                break;
            case ReviewKind.Reject:
                KeepApart(connection, transaction, action.First, action.Second);
                DropPossible(connection, transaction, action.First, action.Second);
                break;
            default:
                FollowRaisingLeads(connection, transaction, action.First, action.Second);
                KeepApart(connection, transaction, action.First, action.Second);
                Refile(connection, transaction, update);
                break;
        }

        using var log = SqliteLeadDatabase.Command(
            connection,
            transaction,
            "INSERT INTO dedup_reviews(kind, first, second, leads, reviewed_at, reviewer, comment) VALUES ($kind, $first, $second, $leads, $at, $reviewer, $comment); SELECT last_insert_rowid()",
            ("$kind", action.Kind.ToString()),
            ("$first", action.First.FirstLeadId.ToString()),
            ("$second", action.Second.FirstLeadId.ToString()),
            ("$leads", string.Join(' ', action.Leads)),
            ("$at", SqliteLeadDatabase.FormatTime(action.ReviewedAt)),
            ("$reviewer", action.Reviewer),
            ("$comment", action.Comment));
        var reviewId = (long)log.ExecuteScalar()!;
        foreach (var profile in update.Profiles)
        {
            foreach (var lead in profile.Leads)
            {
                SqliteLeadDatabase.Run(connection, transaction, "INSERT OR IGNORE INTO dedup_review_leads(lead_id, review_id) VALUES ($lead, $review)", ("$lead", lead.Id.ToString()), ("$review", reviewId));
            }
        }

        return reviewId;
    }

    public async IAsyncEnumerable<ReviewAction> ReadReviewLogAsync(long afterSequence, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var rows = await database.QueryAsync(
            "SELECT kind, first, second, leads, reviewed_at, reviewer, comment, review_id FROM dedup_reviews WHERE review_id > $after ORDER BY review_id",
            command => command.Parameters.AddWithValue("$after", afterSequence),
            static reader => ReadReview(reader),
            cancellationToken).ConfigureAwait(false);
        foreach (var row in rows)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return row;
        }
    }

    public async IAsyncEnumerable<KeptApartPair> GetKeptApartAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var rows = await database.QueryAsync(
            "SELECT first, second FROM dedup_apart ORDER BY first, second",
            static _ => { },
            static reader => new KeptApartPair(ProfileIdOf(reader.GetString(0)), ProfileIdOf(reader.GetString(1))),
            cancellationToken).ConfigureAwait(false);
        foreach (var row in rows)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return row;
        }
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

                return ids.ConvertAll(id => LoadProfile(connection, id, remember: false));
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

    private static Lead FindLead(CustomerProfile profile, LeadId id)
    {
        foreach (var lead in profile.Leads)
        {
            if (lead.Id == id)
            {
                return lead;
            }
        }

        throw new InvalidOperationException($"The SQLite de-duplication store is inconsistent: lead {id} is filed under profile {profile.Id.FirstLeadId} but is not one of its leads.");
    }


    private static CustomerProfileId ProfileIdOf(string text) => new(LeadId.Parse(text));

    private static List<CustomerProfileId> IdsOf(string text)
    {
        var ids = new List<CustomerProfileId>();
        foreach (var part in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            ids.Add(ProfileIdOf(part));
        }

        return ids;
    }

    private static void WriteProfile(SqliteConnection connection, SqliteTransaction transaction, CustomerProfile profile)
    {
        // An UPDATE of the one row, else an INSERT: no statement journal (see SqliteLeadSink's profiles).
        var survivors = profile.Customer;
        (string Name, object? Value)[] row =
        [
            ("$id", profile.Id.FirstLeadId),
            ("$first", survivors.FirstName),
            ("$last", survivors.LastName),
            ("$email", survivors.Email),
            ("$phone", survivors.Phone),
            ("$country", survivors.Country),
            ("$company", survivors.Company),
            ("$title", survivors.Title),
        ];
        if (SqliteLeadDatabase.Changes(
            connection,
            transaction,
            "UPDATE dedup_profiles SET first_name = $first, last_name = $last, email = $email, phone = $phone, country = $country, company = $company, title = $title WHERE profile_id = $id",
            row) == 0)
        {
            SqliteLeadDatabase.Run(
                connection,
                transaction,
                "INSERT INTO dedup_profiles(profile_id, first_name, last_name, email, phone, country, company, title) VALUES ($id, $first, $last, $email, $phone, $country, $company, $title)",
                row);
        }
    }

    /// <summary>The pairs kept apart with both profiles among <paramref name="profiles"/>.</summary>
    private static List<KeptApartPair> KeptApartAmong(SqliteConnection connection, SqliteTransaction? transaction, IReadOnlyList<CustomerProfileId> profiles)
    {
        var names = new string[profiles.Count];
        var parameters = new (string Name, object? Value)[profiles.Count];
        for (var i = 0; i < profiles.Count; i++)
        {
            names[i] = "$p" + i.ToString(CultureInfo.InvariantCulture);
            parameters[i] = (names[i], profiles[i].FirstLeadId.ToString());
        }

        var list = string.Join(", ", names);
        using var find = SqliteLeadDatabase.Command(connection, transaction, $"SELECT first, second FROM dedup_apart WHERE first IN ({list}) AND second IN ({list})", parameters);
        using var reader = find.ExecuteReader();
        var pairs = new List<KeptApartPair>();
        while (reader.Read())
        {
            pairs.Add(new KeptApartPair(ProfileIdOf(reader.GetString(0)), ProfileIdOf(reader.GetString(1))));
        }

        return pairs;
    }

    /// <summary>The profiles kept apart from one.</summary>
    private static List<CustomerProfileId> PartnersOf(SqliteConnection connection, SqliteTransaction transaction, CustomerProfileId profile)
    {
        using var find = SqliteLeadDatabase.Command(connection, transaction, "SELECT second FROM dedup_apart WHERE first = $id UNION SELECT first FROM dedup_apart WHERE second = $id", ("$id", profile.FirstLeadId.ToString()));
        using var reader = find.ExecuteReader();
        var partners = new List<CustomerProfileId>();
        while (reader.Read())
        {
            partners.Add(ProfileIdOf(reader.GetString(0)));
        }

        return partners;
    }

    private static void KeepApart(SqliteConnection connection, SqliteTransaction transaction, CustomerProfileId one, CustomerProfileId other)
    {
        if (one == other)
        {
            return;
        }

        var pair = KeptApartPair.Of(one, other);
        SqliteLeadDatabase.Run(connection, transaction, "INSERT OR IGNORE INTO dedup_apart(first, second) VALUES ($first, $second)", ("$first", pair.First.FirstLeadId.ToString()), ("$second", pair.Second.FirstLeadId.ToString()));
    }

    private static void DropPossible(SqliteConnection connection, SqliteTransaction transaction, CustomerProfileId one, CustomerProfileId other)
    {
        var pair = KeptApartPair.Of(one, other);
        SqliteLeadDatabase.Run(connection, transaction, "DELETE FROM dedup_possibles WHERE first = $first AND second = $second", ("$first", pair.First.FirstLeadId.ToString()), ("$second", pair.Second.FirstLeadId.ToString()));
    }

    /// <summary>Moves the pairs kept apart of a profile merged away to the profile it was merged into.</summary>
    private static void MoveKeptApart(SqliteConnection connection, SqliteTransaction transaction, CustomerProfileId gone, CustomerProfileId into)
    {
        var partners = PartnersOf(connection, transaction, gone);
        if (partners.Count == 0)
        {
            return;
        }

        SqliteLeadDatabase.Run(connection, transaction, "DELETE FROM dedup_apart WHERE first = $id OR second = $id", ("$id", gone.FirstLeadId.ToString()));
        foreach (var partner in partners)
        {
            KeepApart(connection, transaction, into, partner);
        }
    }

    /// <summary>Drops the possible duplicates between a profile and those it is now kept apart from.</summary>
    private static void DropPossiblesKeptApart(SqliteConnection connection, SqliteTransaction transaction, CustomerProfileId profile)
    {
        foreach (var partner in PartnersOf(connection, transaction, profile))
        {
            DropPossible(connection, transaction, profile, partner);
        }
    }

    /// <summary>After a split: the possible duplicates of the profile that a lead now in the new part raised follow that lead.</summary>
    private static void FollowRaisingLeads(SqliteConnection connection, SqliteTransaction transaction, CustomerProfileId kept, CustomerProfileId split)
    {
        var moved = new List<PossibleDuplicate>();
        using (var find = SqliteLeadDatabase.Command(
            connection,
            transaction,
            """
            SELECT p.first, p.second, p.score, p.reason, p.raised_by, p.explanation FROM dedup_possibles p JOIN dedup_leads l ON l.lead_id = p.raised_by
            WHERE (p.first = $kept OR p.second = $kept) AND l.profile_id = $split
            """,
            ("$kept", kept.FirstLeadId.ToString()),
            ("$split", split.FirstLeadId.ToString())))
        using (var reader = find.ExecuteReader())
        {
            while (reader.Read())
            {
                moved.Add(ReadPossible(reader));
            }
        }

        foreach (var possible in moved)
        {
            DropPossible(connection, transaction, possible.First, possible.Second);
            AddPossible(connection, transaction, possible.First == kept ? possible with { First = split } : possible with { Second = split });
        }
    }

    /// <summary>After a split: takes the leads of both parts out of their keys and files them again, one lead per profile per key (after every lead filed before, as the in-memory store does), recording in each lead's row the keys it is filed under now.</summary>
    private void Refile(SqliteConnection connection, SqliteTransaction transaction, DeduplicationReviewUpdate update)
    {
        var index = Index(connection);
        foreach (var (lead, keys) in update.BlockingKeys)
        {
            if (index.TryGetLead(lead, out var number))
            {
                foreach (var key in keys)
                {
                    index.Remove(key, number);

                    // Entries filed before schema version 6 are rows of their own.
                    SqliteLeadDatabase.Run(connection, transaction, "DELETE FROM dedup_keys WHERE key = $key AND lead_id = $lead", ("$key", unchecked((long)key)), ("$lead", lead.ToString()));
                }
            }
        }

        foreach (var profile in update.Profiles)
        {
            foreach (var lead in profile.Leads)
            {
                if (index.TryGetLead(lead.Id, out var number))
                {
                    index.Repoint(number, profile.Id);
                }
            }
        }

        foreach (var profile in update.Profiles)
        {
            foreach (var lead in profile.Leads)
            {
                if (update.BlockingKeys.TryGetValue(lead.Id, out var keys) && index.TryGetLead(lead.Id, out var number))
                {
                    var (filed, filing) = FileLead(index, number, keys);
                    SqliteLeadDatabase.Run(connection, transaction, "UPDATE dedup_leads SET keys = $keys, filed = $filed WHERE lead_id = $lead", ("$keys", filed), ("$filed", filing), ("$lead", lead.Id.ToString()));
                }
            }
        }
    }

    /// <summary>Files a lead under its keys in the index (unless a key has a lead of its profile already, or is full) and gives what its row records: the keys it was filed under (8 bytes each, little-endian; <see langword="null"/> for none) and its filing number (the order in which the index is built again).</summary>
    private static (byte[]? Keys, long? Filing) FileLead(BlockIndex index, int lead, IReadOnlyList<ulong> keys)
    {
        Span<byte> filed = keys.Count <= 32 ? stackalloc byte[8 * keys.Count] : new byte[8 * keys.Count];
        var count = 0;
        foreach (var key in keys)
        {
            if (index.File(key, lead))
            {
                BinaryPrimitives.WriteUInt64LittleEndian(filed[(8 * count)..], key);
                count++;
            }
        }

        return count == 0 ? (null, null) : (filed[..(8 * count)].ToArray(), index.NextFiling++);
    }

    /// <summary>Reads the keys a lead's row records it filed under (<see cref="FileLead"/>: 8 bytes each, little-endian), for a lead filed again (<see cref="Index"/> reads them in place).</summary>
    private static ulong[] ReadKeys(byte[] filed)
    {
        var keys = new ulong[filed.Length / 8];
        for (var k = 0; k < keys.Length; k++)
        {
            keys[k] = BinaryPrimitives.ReadUInt64LittleEndian(filed.AsSpan(8 * k));
        }

        return keys;
    }

    /// <summary>Gets the blocking-key index, built from the database when the store has none: every lead and its profile, then the keys filed before schema version 6 (rows of <c>dedup_keys</c>, in their order), then each lead's filed keys in filing order.</summary>
    private BlockIndex Index(SqliteConnection connection)
    {
        if (_index is { } built)
        {
            return built;
        }

        IndexesBuilt++;
        var index = new BlockIndex();
        using (var leads = SqliteLeadDatabase.Command(connection, null, "SELECT lead_id, profile_id FROM dedup_leads"))
        using (var reader = leads.ExecuteReader())
        {
            while (reader.Read())
            {
                index.AddLead(LeadId.Parse(reader.GetString(0)), ProfileIdOf(reader.GetString(1)));
            }
        }

        using (var legacy = SqliteLeadDatabase.Command(connection, null, "SELECT key, lead_id FROM dedup_keys ORDER BY key, seq"))
        using (var reader = legacy.ExecuteReader())
        {
            while (reader.Read())
            {
                if (index.TryGetLead(LeadId.Parse(reader.GetString(1)), out var number))
                {
                    index.Append(unchecked((ulong)reader.GetInt64(0)), number);
                }
            }
        }

        using (var filed = SqliteLeadDatabase.Command(connection, null, "SELECT lead_id, keys, filed FROM dedup_leads WHERE keys IS NOT NULL ORDER BY filed"))
        using (var reader = filed.ExecuteReader())
        {
            while (reader.Read())
            {
                if (index.TryGetLead(LeadId.Parse(reader.GetString(0)), out var number))
                {
                    var keys = (byte[])reader.GetValue(1); // read in place: an index of a million leads is built at each open
                    for (var at = 0; at + 8 <= keys.Length; at += 8)
                    {
                        index.Append(BinaryPrimitives.ReadUInt64LittleEndian(keys.AsSpan(at)), number);
                    }

                    index.NextFiling = Math.Max(index.NextFiling, reader.GetInt64(2) + 1);
                }
            }
        }

        return _index = index;
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
        ReadExplanation(reader, 5));

    /// <summary>Reads a stored match explanation: the compact bytes of schema version 8 (<see cref="ExplanationCodec"/>), or the JSON text written before; <see langword="null"/> when none was stored.</summary>
    private static MatchExplanation? ReadExplanation(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal)
        ? null
        : reader.GetValue(ordinal) is byte[] bytes && ExplanationCodec.IsCompact(bytes)
            ? ExplanationCodec.Decode(bytes)
            : MatchExplanation.FromJson(reader.GetString(ordinal));

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
              AND NOT EXISTS (SELECT 1 FROM dedup_apart WHERE first = $first AND second = $second)
            ON CONFLICT(first, second) DO UPDATE SET score = excluded.score, reason = excluded.reason, raised_by = excluded.raised_by, explanation = excluded.explanation
            WHERE excluded.score > dedup_possibles.score
            """,
            ("$first", first.FirstLeadId.ToString()),
            ("$second", second.FirstLeadId.ToString()),
            ("$score", possible.Score),
            ("$reason", possible.Reason),
            ("$raised", possible.RaisedBy.ToString()),
            ("$explanation", possible.Explanation is { } explanation ? ExplanationCodec.Encode(explanation) : null));
    }

    /// <summary>Reads what was decided for a lead, where it is now and the reviews that touched it; a lead saved before the database kept decisions (schema version 2 or 1) gets what its lead and profile tell.</summary>
    private LeadDecisionRecord? LoadDecision(SqliteConnection connection, LeadId leadId)
    {
        var id = leadId.ToString();
        string current;
        string? outcome, decided, reason, merged;
        MatchExplanation? why;
        string? leadJson;
        using (var find = SqliteLeadDatabase.Command(
            connection,
            null,
            $"""
            SELECT l.profile_id, COALESCE(l.outcome, d.outcome), COALESCE(l.decided, d.profile_id), IIF(l.outcome IS NULL, d.reason, l.reason),
                IIF(l.outcome IS NULL, d.explanation, l.explanation), COALESCE(l.merged, d.merged), {LeadJsonOf}
            FROM dedup_leads l LEFT JOIN dedup_decisions d ON d.lead_id = l.lead_id LEFT JOIN leads s ON s.lead_id = l.lead_id WHERE l.lead_id = $id
            """,
            ("$id", id)))
        using (var reader = find.ExecuteReader())
        {
            if (!reader.Read())
            {
                return null;
            }

            string? Text(int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
            current = reader.GetString(0);
            (outcome, decided, reason, why, merged, leadJson) = (Text(1), Text(2), Text(3), ReadExplanation(reader, 4), Text(5), Text(6));
        }

        var reviews = new List<ReviewAction>();
        using (var list = SqliteLeadDatabase.Command(
            connection,
            null,
            "SELECT r.kind, r.first, r.second, r.leads, r.reviewed_at, r.reviewer, r.comment, r.review_id FROM dedup_review_leads x JOIN dedup_reviews r ON r.review_id = x.review_id WHERE x.lead_id = $id ORDER BY r.review_id",
            ("$id", id)))
        using (var reader = list.ExecuteReader())
        {
            while (reader.Read())
            {
                reviews.Add(ReadReview(reader));
            }
        }

        if (outcome is null)
        {
            // Saved before decisions were kept: a lead whose id is its profile's founded it (splits came with the decisions).
            var lead = database.ReadLeadJson(leadJson ?? throw new InvalidOperationException($"The SQLite de-duplication store is inconsistent: lead {id} has its JSON neither in dedup_leads, in the sink's leads table nor in the journal."));
            var founded = string.Equals(id, current, StringComparison.Ordinal);
            return new LeadDecisionRecord(
                leadId,
                lead.IsTestLead ? DeduplicationOutcome.TestLead : founded ? DeduplicationOutcome.NewProfile : DeduplicationOutcome.JoinedProfile,
                ProfileIdOf(current),
                ProfileIdOf(current),
                founded ? null : UnrecordedJoin,
                null,
                [],
                reviews);
        }

        return new LeadDecisionRecord(
            leadId,
            Enum.Parse<DeduplicationOutcome>(outcome),
            ProfileIdOf(decided!),
            ProfileIdOf(current),
            why?.ToString() ?? reason,
            why,
            IdsOf(merged ?? string.Empty),
            reviews);
    }

    /// <summary>Reads a review row: kind, first, second, leads, reviewed_at, reviewer, comment, review_id.</summary>
    private static ReviewAction ReadReview(SqliteDataReader reader)
    {
        var leads = new List<LeadId>();
        foreach (var part in reader.GetString(3).Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            leads.Add(LeadId.Parse(part));
        }

        return new ReviewAction(
            Enum.Parse<ReviewKind>(reader.GetString(0)),
            ProfileIdOf(reader.GetString(1)),
            ProfileIdOf(reader.GetString(2)),
            leads,
            SqliteLeadDatabase.ParseTime(reader.GetString(4)),
            reader.IsDBNull(5) ? null : reader.GetString(5),
            reader.IsDBNull(6) ? null : reader.GetString(6))
        {
            Sequence = reader.GetInt64(7),
        };
    }

    /// <summary>A lead's JSON, for a query on <c>dedup_leads l</c> joined to the sink's <c>leads s</c>: the store's copy, else the sink's, else the journal's while the lead is pending.</summary>
    private const string LeadJsonOf = "COALESCE(NULLIF(l.lead_json, ''), s.lead_json, (SELECT p.lead_json FROM journal_leads j JOIN journal_payloads p ON p.seq = j.seq WHERE j.lead_id = l.lead_id))";

    private const string UnrecordedJoin = "joined before this database kept decisions (schema version 3): no reason or explanation was recorded, and the profile shown is the one the lead is in now";

    /// <summary>Gets a profile: from the cache, else read (its leads parsed) and, when <paramref name="remember"/>, kept there.</summary>
    private CustomerProfile LoadProfile(SqliteConnection connection, string profileId, bool remember = true)
    {
        if (_cache.TryGet(profileId, out var cached))
        {
            return cached;
        }

        var profile = ReadProfile(connection, profileId);
        if (remember)
        {
            _cache.Put(profileId, profile);
        }

        return profile;
    }

    /// <summary>Gets how many profiles were read from the database with their leads (for tests: a known person's next lead reads none).</summary>
    internal int ProfilesRead { get; private set; }

    private CustomerProfile ReadProfile(SqliteConnection connection, string profileId)
    {
        ProfilesRead++;
        var leads = new List<Lead>();
        using (var list = SqliteLeadDatabase.Command(connection, null, $"SELECT {LeadJsonOf} FROM dedup_leads l LEFT JOIN leads s ON s.lead_id = l.lead_id WHERE l.profile_id = $id", ("$id", profileId)))
        using (var reader = list.ExecuteReader())
        {
            while (reader.Read())
            {
                leads.Add(reader.IsDBNull(0)
                    ? throw new InvalidOperationException($"The SQLite de-duplication store is inconsistent: a lead of profile {profileId} has its JSON neither in dedup_leads, in the sink's leads table nor in the journal (were rows deleted from leads by hand?).")
                    : database.ReadLeadJson(reader.GetString(0)));
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
