using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using MarketplaceLeads.Deduplication;
using MarketplaceLeads.Lifecycle;
using Npgsql;
using NpgsqlTypes;

namespace MarketplaceLeads.PostgreSql;

/// <summary>
/// The shared <see cref="ILeadDeduplicationStore"/>: every lead with its profile and the decision taken for it, each profile's
/// surviving values, the blocking keys (one lead per profile per key, in filing order, as the in-memory store files them), the
/// possible duplicates, the pairs kept apart by review and the review log, in PostgreSQL, for several processes at once.
/// </summary>
/// <remarks>
/// <para>
/// Identity decisions are serialised per blocking key across processes. <see cref="FindCandidatesAsync"/> opens a transaction,
/// takes a transaction-scoped advisory lock on each of the lead's key hashes (in ascending order), reads the leads filed under
/// them, and locks their profiles' rows (<c>FOR UPDATE</c>, in id order; read again until every profile read is locked, since a
/// merge may have moved a lead while it waited). The transaction stays open while the de-duplicator decides and
/// <see cref="SaveAsync"/> writes the decision in it (locking the lead's filing-only key, the one key not looked up) and commits:
/// two leads of one person that reach two processes at once share a key, so the second waits for the first and finds its
/// profile. A deadlock between two lookups (PostgreSQL detects it) is retried inside <see cref="FindCandidatesAsync"/>; the save
/// never waits inside PostgreSQL (it tries the filing-only key's lock, <see cref="Decision.TryLockKeysAsync"/>), so no deadlock ends it.
/// </para>
/// <para>
/// Nothing that answers "who is this lead?" is cached: profiles and blocks are read from the database in the decision's
/// transaction. Review decisions lock the keys they re-file and the profiles they change, check that the profiles still hold
/// the leads the reviewer saw (else they fail, and the reviewer reads the profiles again), and take the next log position
/// under a lock of their own, so that the log has no gaps and is read in order.
/// </para>
/// <para>
/// The store of a pipeline whose journal is this database (<c>journaled</c>) keeps no copy of a lead's JSON: the journal holds it
/// until the PostgreSQL sink has the lead, then the sink's row does (or the dead letter that ended it; a test lead, which the
/// pipeline does not deliver, keeps its own).
/// </para>
/// </remarks>
internal sealed class PostgreSqlLeadDeduplicationStore(PostgreSqlLeadDatabase database, SurvivorshipRules? rules, bool journaled) : IRefilingLeadDeduplicationStore, IAsyncDisposable, ILeadErasureSink
{
    /// <summary>Erases the request from every table of the schema (once, whichever of its components is told first).</summary>
    public ValueTask<IReadOnlyDictionary<string, int>> EraseAsync(ErasureRequest request, CancellationToken cancellationToken) => ((ILeadErasureSink)database).EraseAsync(request, cancellationToken);

    /// <summary>Drops old raw payloads and dead letters from the schema's tables.</summary>
    public ValueTask<RetentionReceipt> ApplyRetentionAsync(DateTimeOffset? rawPayloadsBefore, DateTimeOffset? deadLettersBefore, CancellationToken cancellationToken) => ((ILeadErasureSink)database).ApplyRetentionAsync(rawPayloadsBefore, deadLettersBefore, cancellationToken);

    /// <summary>The most leads filed under one key (as the in-memory store); a key shared more widely is useless for matching anyway.</summary>
    internal const int MaxStoredPerKey = 100_001;

    /// <summary>How long a decision's transaction may stay idle (between the lookup and the save) before the server ends it: a decision abandoned by an error holds its locks no longer.</summary>
    private const string DecisionIdleTimeout = "60s";

    /// <summary>The deadlock SQLSTATE: PostgreSQL ended this transaction to break a cycle of waits.</summary>
    private const string Deadlock = "40P01";

    /// <summary>A lead's JSON, for a query on <c>dedup_leads l</c>: the store's copy, else the sink's row, else the journal's while the lead is pending, else its dead letter.</summary>
    /// <remarks>
    /// <c>dedup_leads.lead_id</c> is <c>COLLATE "C"</c> and the other tables' lead ids have the database's collation: compared
    /// as they are, the two collations make the lookups of the sink's, the journal's and the dead letters' rows full scans
    /// (found by the multi-process check: at 25,000 leads each decision took about a second, most of it PostgreSQL compiling
    /// the scans' plan with its JIT), so the id is given their collation.
    /// </remarks>
    internal const string LeadJsonOf = """
        COALESCE(l.lead_json, (SELECT s.lead_json FROM leads s WHERE s.lead_id = l.lead_id COLLATE "default"),
            (SELECT p.lead_json FROM journal_payloads p WHERE p.lead_id = l.lead_id COLLATE "default"),
            (SELECT d.lead_json FROM dead_letters d WHERE d.lead_id = l.lead_id COLLATE "default" AND d.lead_json IS NOT NULL ORDER BY d.id DESC LIMIT 1))
        """;

    /// <summary>The columns of a profile and one of its leads, for <see cref="ReadProfilesAsync"/>.</summary>
    private const string ProfileColumns = $"pr.profile_id, pr.first_name, pr.last_name, pr.email, pr.phone, pr.country, pr.company, pr.title, {LeadJsonOf}";

    private const string ReviewColumns = "r.kind, r.first, r.second, r.leads, r.reviewed_at, r.reviewer, r.comment, r.review_id";

    private readonly SemaphoreSlim _gate = new(1, 1);
    private Decision? _decision;

    public ValueTask<CustomerProfile?> FindProfileByLeadAsync(LeadId leadId, CancellationToken cancellationToken = default) =>
        FindOneAsync("pr.profile_id = (SELECT profile_id FROM dedup_leads WHERE lead_id = @id)", leadId.ToString(), cancellationToken);

    public ValueTask<CustomerProfile?> FindProfileAsync(CustomerProfileId profileId, CancellationToken cancellationToken = default) =>
        FindOneAsync("pr.profile_id = @id", profileId.FirstLeadId.ToString(), cancellationToken);

    public async ValueTask<IReadOnlyList<KeptApartPair>> FindKeptApartAsync(IReadOnlyList<CustomerProfileId> profiles, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(profiles);
        if (profiles.Count < 2)
        {
            return [];
        }

        const string Sql = "SELECT first, second FROM dedup_apart WHERE first = ANY(@ids) AND second = ANY(@ids) ORDER BY first, second";
        var ids = IdsOf(profiles);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_decision is { } decision)
            {
                // Within a decision: on its connection, under its locks.
                using var command = new NpgsqlCommand(Sql, decision.Connection, decision.Transaction);
                command.Parameters.Add(PostgreSqlLeadDatabase.TextArray("ids", ids));
                return await ReadAllAsync(command, ReadPair, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _gate.Release();
        }

        return await database.QueryAsync(Sql, parameters => parameters.Add(PostgreSqlLeadDatabase.TextArray("ids", ids)), ReadPair, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<LeadDecisionRecord?> FindDecisionAsync(LeadId leadId, CancellationToken cancellationToken = default)
    {
        var id = leadId.ToString();
        var rows = await database.QueryAsync(
            "SELECT profile_id, outcome, decided, reason, explanation, merged FROM dedup_leads WHERE lead_id = @id",
            parameters => parameters.Add(PostgreSqlLeadDatabase.Text("id", id)),
            static reader => (Current: reader.GetString(0), Outcome: reader.GetString(1), Decided: reader.GetString(2), Reason: PostgreSqlLeadDatabase.NullableString(reader, 3),
                Explanation: PostgreSqlLeadDatabase.NullableString(reader, 4), Merged: reader.GetFieldValue<string[]>(5)),
            cancellationToken).ConfigureAwait(false);
        if (rows.Count == 0)
        {
            return null;
        }

        var reviews = await database.QueryAsync(
            $"SELECT {ReviewColumns} FROM dedup_review_leads x JOIN dedup_reviews r ON r.review_id = x.review_id WHERE x.lead_id = @id ORDER BY r.review_id",
            parameters => parameters.Add(PostgreSqlLeadDatabase.Text("id", id)),
            ReadReview,
            cancellationToken).ConfigureAwait(false);
        var row = rows[0];
        var why = row.Explanation is null ? null : MatchExplanation.FromJson(row.Explanation);
        var merged = new List<CustomerProfileId>(row.Merged.Length);
        foreach (var profile in row.Merged)
        {
            merged.Add(ProfileIdOf(profile));
        }

        return new LeadDecisionRecord(leadId, Enum.Parse<DeduplicationOutcome>(row.Outcome), ProfileIdOf(row.Decided), ProfileIdOf(row.Current), why?.ToString() ?? row.Reason, why, merged, reviews);
    }

    public async ValueTask<DeduplicationLookup> FindCandidatesAsync(IReadOnlyList<ulong> blockingKeys, int maxProfilesPerKey, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(blockingKeys);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await AbandonAsync().ConfigureAwait(false); // a decision the de-duplicator did not save (an error): its locks go
            for (var attempt = 1; ; attempt++)
            {
                var decision = await BeginDecisionAsync(cancellationToken).ConfigureAwait(false);
                try
                {
                    await decision.LockKeysAsync(database.KeyLocks(blockingKeys), cancellationToken).ConfigureAwait(false);
                    var lookup = await LookUpAsync(decision, blockingKeys, maxProfilesPerKey, cancellationToken).ConfigureAwait(false);
                    _decision = decision;
                    return lookup;
                }
                catch (PostgresException error) when (error.SqlState == Deadlock && attempt < 10)
                {
                    await decision.DisposeAsync().ConfigureAwait(false); // its locks released: decide again from the start
                }
                catch
                {
                    await decision.DisposeAsync().ConfigureAwait(false);
                    throw;
                }
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask SaveAsync(DeduplicationStoreUpdate update, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(update);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        Decision? decision = null;
        try
        {
            decision = _decision;
            _decision = null;
            if (decision is null)
            {
                // A save without a lookup (a test lead, or a caller of its own): it holds nothing yet, so it waits for its keys.
                decision = await BeginDecisionAsync(cancellationToken).ConfigureAwait(false);
                await decision.LockKeysAsync(database.KeyLocks(update.BlockingKeys), cancellationToken).ConfigureAwait(false);
            }
            else
            {
                // The lead's filing-only key, the one key the lookup did not lock: waiting for it in PostgreSQL while holding the
                // lookup's locks could deadlock, and a save PostgreSQL ended could not be decided again here, so it is tried.
                await decision.TryLockKeysAsync(database.KeyLocks(update.BlockingKeys), cancellationToken).ConfigureAwait(false);
            }

            // The lead's own new profile (the lookup locked the others).
            var profiles = new List<string>(1 + update.MergedProfiles.Count) { update.Profile.Id.FirstLeadId.ToString() };
            profiles.AddRange(IdsOf(update.MergedProfiles));
            await decision.LockProfilesAsync(profiles, cancellationToken).ConfigureAwait(false);
            if (await WriteAsync(decision, update, cancellationToken).ConfigureAwait(false))
            {
                await decision.Transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            if (decision is not null)
            {
                await decision.DisposeAsync().ConfigureAwait(false);
            }

            _gate.Release();
        }
    }

    public async ValueTask<long> SaveReviewAsync(DeduplicationReviewUpdate update, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(update);
        var action = update.Action;
        if (!Enum.IsDefined(action.Kind))
        {
            throw new ArgumentException($"DeduplicationReviewUpdate.Action.Kind must be Accept, Reject or Split; it is {(int)action.Kind}.", nameof(update));
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await AbandonAsync().ConfigureAwait(false);
            var decision = await BeginDecisionAsync(cancellationToken).ConfigureAwait(false);
            await using (decision.ConfigureAwait(false))
            {
                var keys = new List<ulong>();
                foreach (var (_, leadKeys) in update.BlockingKeys)
                {
                    keys.AddRange(leadKeys);
                }

                await decision.LockKeysAsync(database.KeyLocks(keys), cancellationToken).ConfigureAwait(false);
                var profiles = new List<string> { action.First.FirstLeadId.ToString(), action.Second.FirstLeadId.ToString() };
                foreach (var profile in update.Profiles)
                {
                    profiles.Add(profile.Id.FirstLeadId.ToString());
                }

                await decision.LockProfilesAsync(profiles, cancellationToken).ConfigureAwait(false);
                await RequireUnchangedAsync(decision, update, cancellationToken).ConfigureAwait(false);
                var sequence = await ReviewAsync(decision, update, cancellationToken).ConfigureAwait(false);
                await decision.Transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return sequence;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    public IAsyncEnumerable<ReviewAction> ReadReviewLogAsync(long afterSequence, CancellationToken cancellationToken = default) =>
        EnumerateAsync(
            token => database.QueryAsync(
                $"SELECT {ReviewColumns} FROM dedup_reviews r WHERE r.review_id > @after ORDER BY r.review_id",
                parameters => parameters.Add(PostgreSqlLeadDatabase.Int64("after", afterSequence)),
                ReadReview,
                token),
            cancellationToken);

    public async IAsyncEnumerable<CustomerProfile> GetProfilesAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        List<CustomerProfile> profiles;
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            profiles = await ReadProfilesAsync(connection, null, "true", null, cancellationToken).ConfigureAwait(false);
        }

        foreach (var profile in profiles)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return profile;
        }
    }

    public IAsyncEnumerable<PossibleDuplicate> GetPossibleDuplicatesAsync(CancellationToken cancellationToken = default) =>
        EnumerateAsync(
            token => database.QueryAsync("SELECT first, second, score, reason, raised_by, explanation FROM dedup_possibles ORDER BY first, second", static _ => { }, ReadPossible, token),
            cancellationToken);

    public IAsyncEnumerable<KeptApartPair> GetKeptApartAsync(CancellationToken cancellationToken = default) =>
        EnumerateAsync(token => database.QueryAsync("SELECT first, second FROM dedup_apart ORDER BY first, second", static _ => { }, ReadPair, token), cancellationToken);

    /// <summary>Runs a query when enumeration starts and yields its rows (read whole first, so that no connection stays open while the caller works).</summary>
    private static async IAsyncEnumerable<T> EnumerateAsync<T>(Func<CancellationToken, Task<List<T>>> query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var row in await query(cancellationToken).ConfigureAwait(false))
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return row;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            await AbandonAsync().ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Reads the leads filed under the keys and locks their profiles, reading again until every profile read is locked (a merge that committed while this decision waited moved leads to another profile).</summary>
    private async Task<DeduplicationLookup> LookUpAsync(Decision decision, IReadOnlyList<ulong> keys, int maxProfilesPerKey, CancellationToken cancellationToken)
    {
        var asked = new long[keys.Count];
        for (var k = 0; k < keys.Count; k++)
        {
            asked[k] = unchecked((long)keys[k]);
        }

        while (true)
        {
            using var command = new NpgsqlCommand(
                """
                SELECT q.i, e.lead_id, e.profile_id FROM unnest(@keys) WITH ORDINALITY AS q(key, i)
                CROSS JOIN LATERAL (SELECT k.lead_id, l.profile_id, k.seq FROM dedup_keys k JOIN dedup_leads l ON l.lead_id = k.lead_id WHERE k.key = q.key ORDER BY k.seq LIMIT @limit) e
                ORDER BY q.i, e.seq
                """,
                decision.Connection,
                decision.Transaction);
            command.Parameters.Add(new NpgsqlParameter("keys", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = asked });
            command.Parameters.Add(PostgreSqlLeadDatabase.Int32("limit", maxProfilesPerKey + 1));
            var entries = await ReadAllAsync(command, static reader => (Key: (int)reader.GetInt64(0) - 1, Lead: reader.GetString(1), Profile: reader.GetString(2)), cancellationToken).ConfigureAwait(false);

            var entriesPerKey = new int[keys.Count];
            foreach (var entry in entries)
            {
                entriesPerKey[entry.Key]++;
            }

            var wanted = new List<string>();
            foreach (var entry in entries)
            {
                if (entriesPerKey[entry.Key] <= maxProfilesPerKey && !decision.HasLocked(entry.Profile))
                {
                    wanted.Add(entry.Profile);
                }
            }

            if (wanted.Count > 0)
            {
                await decision.LockProfilesAsync(wanted, cancellationToken).ConfigureAwait(false);
                continue; // read again: what the locks waited for may have moved leads
            }

            var holders = new HashSet<string>(StringComparer.Ordinal);
            foreach (var entry in entries)
            {
                if (entriesPerKey[entry.Key] <= maxProfilesPerKey)
                {
                    holders.Add(entry.Profile);
                }
            }

            var profiles = new Dictionary<string, CustomerProfile>(StringComparer.Ordinal);
            if (holders.Count > 0)
            {
                foreach (var profile in await ReadProfilesAsync(decision.Connection, decision.Transaction, "pr.profile_id = ANY(@ids)", [.. holders], cancellationToken).ConfigureAwait(false))
                {
                    profiles[profile.Id.FirstLeadId.ToString()] = profile;
                }
            }

            var candidates = new List<DeduplicationCandidate>();
            var filed = new int[keys.Count];
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var at = 0;
            for (var k = 0; k < keys.Count; k++)
            {
                if (entriesPerKey[k] > maxProfilesPerKey)
                {
                    filed[k] = maxProfilesPerKey + 1; // an oversized block: ignored, as by the in-memory store
                    at += entriesPerKey[k];
                    continue;
                }

                // A block keeps a lead of each profile filed under it; profiles merged since are one profile, not several.
                seen.Clear();
                for (var end = at + entriesPerKey[k]; at < end; at++)
                {
                    var entry = entries[at];
                    var profile = profiles[entry.Profile];
                    seen.Add(entry.Profile);
                    var lead = FindLead(profile, entry.Lead);
                    candidates.Add(new DeduplicationCandidate(lead, LeadMatchSubject.Create(lead.Customer), profile));
                }

                filed[k] = seen.Count;
            }

            return new DeduplicationLookup(candidates, filed);
        }
    }

    /// <summary>Writes one lead's outcome in the decision's transaction; <see langword="false"/> (nothing written) when another process saved the lead first.</summary>
    private async Task<bool> WriteAsync(Decision decision, DeduplicationStoreUpdate update, CancellationToken cancellationToken)
    {
        var (connection, transaction) = (decision.Connection, decision.Transaction);
        var profileId = update.Profile.Id.FirstLeadId.ToString();
        var leadId = update.Lead.Id.ToString();

        // One row a lead: its profile, what was decided, and its JSON unless the journal or the sink holds it.
        var leadJson = journaled && update.Outcome != DeduplicationOutcome.TestLead ? null : LeadJsonLines.Serialize(update.Lead);
        var inserted = await RunAsync(
            connection,
            transaction,
            """
            INSERT INTO dedup_leads(lead_id, profile_id, lead_json, outcome, decided, reason, explanation, merged)
            VALUES (@id, @profile, @json, @outcome, @profile, @reason, @explanation, @merged) ON CONFLICT (lead_id) DO NOTHING
            """,
            cancellationToken,
            PostgreSqlLeadDatabase.Text("id", leadId),
            PostgreSqlLeadDatabase.Text("profile", profileId),
            PostgreSqlLeadDatabase.Text("json", leadJson),
            PostgreSqlLeadDatabase.Text("outcome", update.Outcome.ToString()),
            PostgreSqlLeadDatabase.Text("reason", update.Reason),
            PostgreSqlLeadDatabase.Text("explanation", update.Explanation?.ToJson()),
            PostgreSqlLeadDatabase.TextArray("merged", IdsOf(update.MergedProfiles))).ConfigureAwait(false);
        if (inserted == 0)
        {
            return false; // a redelivery that another process (or an earlier attempt) decided first: its decision stands
        }

        if (update.MergedProfiles.Count > 0)
        {
            var gone = IdsOf(update.MergedProfiles);
            await RunAsync(
                connection,
                transaction,
                "UPDATE dedup_leads SET profile_id = @to WHERE profile_id = ANY(@gone); DELETE FROM dedup_profiles WHERE profile_id = ANY(@gone)",
                cancellationToken,
                PostgreSqlLeadDatabase.Text("to", profileId),
                PostgreSqlLeadDatabase.TextArray("gone", gone)).ConfigureAwait(false);
            await MoveKeptApartAsync(connection, transaction, gone, profileId, cancellationToken).ConfigureAwait(false);
        }

        await WriteProfileAsync(connection, transaction, update.Profile, cancellationToken).ConfigureAwait(false);
        await FileAsync(connection, transaction, leadId, profileId, update.BlockingKeys, cancellationToken).ConfigureAwait(false);
        if (update.MergedProfiles.Count > 0)
        {
            await RepointPossiblesAsync(connection, transaction, IdsOf(update.MergedProfiles), profileId, cancellationToken).ConfigureAwait(false);
            await DropPossiblesKeptApartAsync(connection, transaction, profileId, cancellationToken).ConfigureAwait(false);
        }

        foreach (var possible in update.PossibleDuplicates)
        {
            await AddPossibleAsync(connection, transaction, possible, cancellationToken).ConfigureAwait(false);
        }

        return true;
    }

    /// <summary>Fails a review whose profiles no longer hold the leads the reviewer saw: another process changed them since they were read.</summary>
    private static async Task RequireUnchangedAsync(Decision decision, DeduplicationReviewUpdate update, CancellationToken cancellationToken)
    {
        var action = update.Action;
        using var command = new NpgsqlCommand("SELECT lead_id FROM dedup_leads WHERE profile_id = @first OR profile_id = @second", decision.Connection, decision.Transaction);
        command.Parameters.Add(PostgreSqlLeadDatabase.Text("first", action.First.FirstLeadId.ToString()));
        command.Parameters.Add(PostgreSqlLeadDatabase.Text("second", action.Second.FirstLeadId.ToString()));
        var stored = new HashSet<string>(await ReadAllAsync(command, static reader => reader.GetString(0), cancellationToken).ConfigureAwait(false), StringComparer.Ordinal);
        var listed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var profile in update.Profiles)
        {
            foreach (var lead in profile.Leads)
            {
                listed.Add(lead.Id.ToString());
            }
        }

        if (!stored.SetEquals(listed))
        {
            throw new InvalidOperationException(
                $"Profiles {action.First} and {action.Second} changed since they were read (another process added or moved leads: {stored.Count} leads now, {listed.Count} in the review); read them again and repeat the {action.Kind} review.");
        }
    }

    private async Task<long> ReviewAsync(Decision decision, DeduplicationReviewUpdate update, CancellationToken cancellationToken)
    {
        var (connection, transaction) = (decision.Connection, decision.Transaction);
        var action = update.Action;
        var (first, second) = (action.First.FirstLeadId.ToString(), action.Second.FirstLeadId.ToString());
        foreach (var profile in update.Profiles)
        {
            await WriteProfileAsync(connection, transaction, profile, cancellationToken).ConfigureAwait(false);
            await RunAsync(
                connection,
                transaction,
                "UPDATE dedup_leads SET profile_id = @profile WHERE lead_id = ANY(@leads)",
                cancellationToken,
                PostgreSqlLeadDatabase.Text("profile", profile.Id.FirstLeadId.ToString()),
                PostgreSqlLeadDatabase.TextArray("leads", LeadIdsOf(profile.Leads))).ConfigureAwait(false);
        }

        switch (action.Kind)
        {
            case ReviewKind.Accept:
                await RunAsync(connection, transaction, "DELETE FROM dedup_profiles WHERE profile_id = @id", cancellationToken, PostgreSqlLeadDatabase.Text("id", second)).ConfigureAwait(false);
                await MoveKeptApartAsync(connection, transaction, [second], first, cancellationToken).ConfigureAwait(false);
                await RepointPossiblesAsync(connection, transaction, [second], first, cancellationToken).ConfigureAwait(false);
                await DropPossiblesKeptApartAsync(connection, transaction, first, cancellationToken).ConfigureAwait(false);
                break;
            case ReviewKind.Reject:
                await KeepApartAsync(connection, transaction, first, second, cancellationToken).ConfigureAwait(false);
                break;
            default:
                await FollowRaisingLeadsAsync(connection, transaction, first, second, cancellationToken).ConfigureAwait(false);
                await KeepApartAsync(connection, transaction, first, second, cancellationToken).ConfigureAwait(false);
                await RefileAsync(connection, transaction, update, cancellationToken).ConfigureAwait(false);
                break;
        }

        // The log's next position, under a lock of its own (held to the commit): no gaps, and positions commit in order.
        await RunAsync(connection, transaction, "SELECT pg_advisory_xact_lock(@space, 1)", cancellationToken, PostgreSqlLeadDatabase.Int32("space", database.LockSpace)).ConfigureAwait(false);
        using var log = new NpgsqlCommand(
            """
            INSERT INTO dedup_reviews(review_id, kind, first, second, leads, reviewed_at, reviewer, comment)
            SELECT COALESCE(MAX(review_id), 0) + 1, @kind, @first, @second, @leads, @at, @reviewer, @comment FROM dedup_reviews RETURNING review_id
            """,
            connection,
            transaction);
        log.Parameters.Add(PostgreSqlLeadDatabase.Text("kind", action.Kind.ToString()));
        log.Parameters.Add(PostgreSqlLeadDatabase.Text("first", first));
        log.Parameters.Add(PostgreSqlLeadDatabase.Text("second", second));
        log.Parameters.Add(PostgreSqlLeadDatabase.TextArray("leads", LeadIdsOf(action.Leads)));
        log.Parameters.Add(PostgreSqlLeadDatabase.Timestamp("at", action.ReviewedAt));
        log.Parameters.Add(PostgreSqlLeadDatabase.Text("reviewer", action.Reviewer));
        log.Parameters.Add(PostgreSqlLeadDatabase.Text("comment", action.Comment));
        var reviewId = (long)(await log.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;

        var touched = new List<string>();
        foreach (var profile in update.Profiles)
        {
            touched.AddRange(LeadIdsOf(profile.Leads));
        }

        await RunAsync(
            connection,
            transaction,
            "INSERT INTO dedup_review_leads(lead_id, review_id) SELECT DISTINCT unnest(@leads), @review ON CONFLICT DO NOTHING",
            cancellationToken,
            PostgreSqlLeadDatabase.TextArray("leads", touched),
            PostgreSqlLeadDatabase.Int64("review", reviewId)).ConfigureAwait(false);
        return reviewId;
    }

    private const int RefileBatch = 10_000;

    public async ValueTask<string?> GetKeySchemeAsync(CancellationToken cancellationToken = default)
    {
        var found = await database.QueryAsync("SELECT value FROM dedup_meta WHERE name = 'key_scheme'", static _ => { }, static reader => reader.GetString(0), cancellationToken).ConfigureAwait(false);
        return found.Count == 0 ? null : found[0];
    }

    /// <summary>
    /// Files every lead again under the keys <paramref name="filingKeys"/> gives (see <see cref="IRefilingLeadDeduplicationStore.RefileAsync"/>),
    /// in one transaction that holds <c>dedup_keys</c> against every other process's saves (<c>EXCLUSIVE</c>: lookups
    /// still read the keys committed before): the scheme is read again under the lock (another process may have filed
    /// them already), the leads are taken in the order they were decided (<c>decided_seq</c>), each lead's keys worked
    /// out from its JSON wherever it is kept (a lead whose JSON is nowhere, an inconsistent store, keeps its keys), filed one lead per profile
    /// per key in that order, and written in place of every key row, a batch of leads at a time.
    /// </summary>
    public ValueTask<int> RefileAsync(string keyScheme, Func<Lead, IReadOnlyList<ulong>> filingKeys, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(keyScheme);
        ArgumentNullException.ThrowIfNull(filingKeys);
        return new(database.TransactAsync(
            async (connection, transaction, token) =>
            {
                await RunAsync(connection, transaction, "LOCK TABLE dedup_keys IN EXCLUSIVE MODE", token).ConfigureAwait(false);
                using (var scheme = new NpgsqlCommand("SELECT value FROM dedup_meta WHERE name = 'key_scheme'", connection, transaction))
                {
                    if (await scheme.ExecuteScalarAsync(token).ConfigureAwait(false) is string stored && string.Equals(stored, keyScheme, StringComparison.Ordinal))
                    {
                        return 0;
                    }
                }

                // The keys of leads whose JSON is nowhere (an inconsistent store: erasure deletes the whole row) stay as they were filed; every other lead's are
                // worked out again. Read before the key rows go.
                var erasedKeys = new Dictionary<string, List<long>>(StringComparer.Ordinal);
                using (var keysRead = new NpgsqlCommand($"SELECT k.lead_id, k.key FROM dedup_keys k JOIN dedup_leads l ON l.lead_id = k.lead_id WHERE {LeadJsonOf} IS NULL ORDER BY k.seq", connection, transaction))
                {
                    var reader = await keysRead.ExecuteReaderAsync(token).ConfigureAwait(false);
                    await using var readerScope = reader.ConfigureAwait(false);
                    while (await reader.ReadAsync(token).ConfigureAwait(false))
                    {
                        var lead = reader.GetString(0);
                        (erasedKeys.TryGetValue(lead, out var list) ? list : erasedKeys[lead] = []).Add(reader.GetInt64(1));
                    }
                }

                await RunAsync(connection, transaction, "DELETE FROM dedup_keys", token).ConfigureAwait(false);

                // One lead per profile per key, and no more than a full key holds (as FileAsync files them). Most keys have one
                // profile: a set only for those with more.
                var onlyProfile = new Dictionary<long, string>();
                var profiles = new Dictionary<long, HashSet<string>>();
                bool File(long key, string profile)
                {
                    if (profiles.TryGetValue(key, out var holders))
                    {
                        return holders.Count < MaxStoredPerKey && holders.Add(profile);
                    }

                    if (!onlyProfile.TryGetValue(key, out var only))
                    {
                        onlyProfile[key] = profile;
                        return true;
                    }

                    if (string.Equals(only, profile, StringComparison.Ordinal))
                    {
                        return false;
                    }

                    profiles[key] = new(StringComparer.Ordinal) { only, profile };
                    return true;
                }

                // In batches of leads, in the order they were decided: each batch read, then its key rows written.
                var batch = new List<(string Lead, string Profile, string? Json)>(RefileBatch);
                var keyColumn = new List<long>();
                var leadColumn = new List<string>();
                void Add(long key, string lead, string profile)
                {
                    if (File(key, profile))
                    {
                        keyColumn.Add(key);
                        leadColumn.Add(lead);
                    }
                }

                var leads = 0;
                var after = long.MinValue;
                do
                {
                    batch.Clear();
                    using (var read = new NpgsqlCommand($"SELECT l.decided_seq, l.lead_id, l.profile_id, {LeadJsonOf} FROM dedup_leads l WHERE l.decided_seq > @after ORDER BY l.decided_seq LIMIT {RefileBatch}", connection, transaction))
                    {
                        read.Parameters.Add(new NpgsqlParameter("after", NpgsqlDbType.Bigint) { Value = after });
                        var reader = await read.ExecuteReaderAsync(token).ConfigureAwait(false);
                        await using var readerScope = reader.ConfigureAwait(false);
                        while (await reader.ReadAsync(token).ConfigureAwait(false))
                        {
                            after = reader.GetInt64(0);
                            batch.Add((reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3)));
                        }
                    }

                    keyColumn.Clear();
                    leadColumn.Clear();
                    foreach (var (lead, profile, json) in batch)
                    {
                        if (json is null)
                        {
                            foreach (var key in erasedKeys.GetValueOrDefault(lead) ?? [])
                            {
                                Add(key, lead, profile);
                            }
                        }
                        else
                        {
                            foreach (var key in filingKeys(database.ReadLeadJson(json)))
                            {
                                Add(unchecked((long)key), lead, profile);
                            }
                        }
                    }

                    if (keyColumn.Count > 0)
                    {
                        await RunAsync(
                            connection,
                            transaction,
                            "INSERT INTO dedup_keys(key, lead_id) SELECT u.k, u.l FROM unnest(@keys, @leads) WITH ORDINALITY AS u(k, l, i) ORDER BY u.i",
                            token,
                            new NpgsqlParameter("keys", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = keyColumn.ToArray() },
                            new NpgsqlParameter("leads", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = leadColumn.ToArray() }).ConfigureAwait(false);
                    }

                    leads += batch.Count;
                }
                while (batch.Count > 0);

                await RunAsync(
                    connection,
                    transaction,
                    "INSERT INTO dedup_meta(name, value) VALUES ('key_scheme', @scheme) ON CONFLICT (name) DO UPDATE SET value = excluded.value",
                    token,
                    PostgreSqlLeadDatabase.Text("scheme", keyScheme)).ConfigureAwait(false);
                return leads;
            },
            cancellationToken));
    }

    /// <summary>Files a lead under its keys, in order, unless a key already has a lead of the lead's profile (one lead per profile per key) or is full.</summary>
    private static async Task FileAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string leadId, string profileId, IReadOnlyList<ulong> keys, CancellationToken cancellationToken)
    {
        if (keys.Count == 0)
        {
            return;
        }

        var distinct = new List<long>(keys.Count);
        foreach (var key in keys)
        {
            if (!distinct.Contains(unchecked((long)key)))
            {
                distinct.Add(unchecked((long)key));
            }
        }

        using var command = new NpgsqlCommand(
            """
            INSERT INTO dedup_keys(key, lead_id)
            SELECT q.key, @lead FROM unnest(@keys) WITH ORDINALITY AS q(key, i)
            WHERE NOT EXISTS (SELECT 1 FROM dedup_keys k JOIN dedup_leads l ON l.lead_id = k.lead_id WHERE k.key = q.key AND l.profile_id = @profile)
              AND (SELECT count(*) FROM (SELECT 1 FROM dedup_keys k WHERE k.key = q.key LIMIT @full) f) < @full
            ORDER BY q.i
            """,
            connection,
            transaction);
        command.Parameters.Add(PostgreSqlLeadDatabase.Text("lead", leadId));
        command.Parameters.Add(PostgreSqlLeadDatabase.Text("profile", profileId));
        command.Parameters.Add(new NpgsqlParameter("keys", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = distinct.ToArray() });
        command.Parameters.Add(PostgreSqlLeadDatabase.Int32("full", MaxStoredPerKey));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>After a split: takes the leads of both parts out of their keys and files them again, in the order of the profiles and their leads, one lead per profile per key (after every lead filed before, as the in-memory store does).</summary>
    private static async Task RefileAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, DeduplicationReviewUpdate update, CancellationToken cancellationToken)
    {
        foreach (var (lead, keys) in update.BlockingKeys)
        {
            var asked = new long[keys.Count];
            for (var k = 0; k < keys.Count; k++)
            {
                asked[k] = unchecked((long)keys[k]);
            }

            await RunAsync(
                connection,
                transaction,
                "DELETE FROM dedup_keys WHERE lead_id = @lead AND key = ANY(@keys)",
                cancellationToken,
                PostgreSqlLeadDatabase.Text("lead", lead.ToString()),
                new NpgsqlParameter("keys", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = asked }).ConfigureAwait(false);
        }

        foreach (var profile in update.Profiles)
        {
            foreach (var lead in profile.Leads)
            {
                if (update.BlockingKeys.TryGetValue(lead.Id, out var keys))
                {
                    await FileAsync(connection, transaction, lead.Id.ToString(), profile.Id.FirstLeadId.ToString(), keys, cancellationToken).ConfigureAwait(false);
                }
            }
        }
    }

    private static Task<int> WriteProfileAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CustomerProfile profile, CancellationToken cancellationToken)
    {
        var survivors = profile.Customer;
        return RunAsync(
            connection,
            transaction,
            """
            INSERT INTO dedup_profiles(profile_id, version, first_name, last_name, email, phone, country, company, title)
            VALUES (@id, 1, @first, @last, @email, @phone, @country, @company, @title)
            ON CONFLICT (profile_id) DO UPDATE SET version = dedup_profiles.version + 1, first_name = excluded.first_name, last_name = excluded.last_name,
                email = excluded.email, phone = excluded.phone, country = excluded.country, company = excluded.company, title = excluded.title
            """,
            cancellationToken,
            PostgreSqlLeadDatabase.Text("id", profile.Id.FirstLeadId.ToString()),
            PostgreSqlLeadDatabase.Text("first", survivors.FirstName),
            PostgreSqlLeadDatabase.Text("last", survivors.LastName),
            PostgreSqlLeadDatabase.Text("email", survivors.Email),
            PostgreSqlLeadDatabase.Text("phone", survivors.Phone),
            PostgreSqlLeadDatabase.Text("country", survivors.Country),
            PostgreSqlLeadDatabase.Text("company", survivors.Company),
            PostgreSqlLeadDatabase.Text("title", survivors.Title));
    }

    /// <summary>Records a possible duplicate between two live profiles not kept apart (ordered pair), keeping the higher score.</summary>
    private static Task AddPossibleAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, PossibleDuplicate possible, CancellationToken cancellationToken)
    {
        var pair = KeptApartPair.Of(possible.First, possible.Second);
        if (pair.First == pair.Second)
        {
            return Task.CompletedTask;
        }

        return RunAsync(
            connection,
            transaction,
            """
            INSERT INTO dedup_possibles(first, second, score, reason, raised_by, explanation)
            SELECT @first, @second, @score, @reason, @raised, @explanation
            WHERE EXISTS (SELECT 1 FROM dedup_profiles WHERE profile_id = @first) AND EXISTS (SELECT 1 FROM dedup_profiles WHERE profile_id = @second)
              AND NOT EXISTS (SELECT 1 FROM dedup_apart WHERE first = @first AND second = @second)
            ON CONFLICT (first, second) DO UPDATE SET score = excluded.score, reason = excluded.reason, raised_by = excluded.raised_by, explanation = excluded.explanation
            WHERE excluded.score > dedup_possibles.score
            """,
            cancellationToken,
            PostgreSqlLeadDatabase.Text("first", pair.First.FirstLeadId.ToString()),
            PostgreSqlLeadDatabase.Text("second", pair.Second.FirstLeadId.ToString()),
            new NpgsqlParameter("score", NpgsqlDbType.Double) { Value = possible.Score },
            PostgreSqlLeadDatabase.Text("reason", possible.Reason),
            PostgreSqlLeadDatabase.Text("raised", possible.RaisedBy.ToString()),
            PostgreSqlLeadDatabase.Text("explanation", possible.Explanation?.ToJson()));
    }

    /// <summary>Moves the possible duplicates of merged profiles to the profile they went into (the highest score per pair kept; pairs now inside one profile or kept apart dropped).</summary>
    private static async Task RepointPossiblesAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<string> gone, string into, CancellationToken cancellationToken)
    {
        using var take = new NpgsqlCommand(
            "DELETE FROM dedup_possibles WHERE first = ANY(@gone) OR second = ANY(@gone) RETURNING first, second, score, reason, raised_by, explanation",
            connection,
            transaction);
        take.Parameters.Add(PostgreSqlLeadDatabase.TextArray("gone", gone));
        var moved = await ReadAllAsync(take, ReadPossible, cancellationToken).ConfigureAwait(false);
        var goneIds = new HashSet<CustomerProfileId>();
        foreach (var id in gone)
        {
            goneIds.Add(ProfileIdOf(id));
        }

        var target = ProfileIdOf(into);
        foreach (var possible in moved)
        {
            await AddPossibleAsync(
                connection,
                transaction,
                possible with { First = goneIds.Contains(possible.First) ? target : possible.First, Second = goneIds.Contains(possible.Second) ? target : possible.Second },
                cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Drops the possible duplicates between a profile and those it is kept apart from.</summary>
    private static Task<int> DropPossiblesKeptApartAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string profile, CancellationToken cancellationToken) =>
        RunAsync(
            connection,
            transaction,
            "DELETE FROM dedup_possibles p USING dedup_apart a WHERE (a.first = @id OR a.second = @id) AND p.first = a.first AND p.second = a.second",
            cancellationToken,
            PostgreSqlLeadDatabase.Text("id", profile));

    /// <summary>Moves the pairs kept apart of profiles merged away to the profile they went into.</summary>
    private static Task<int> MoveKeptApartAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<string> gone, string into, CancellationToken cancellationToken) =>
        RunAsync(
            connection,
            transaction,
            """
            INSERT INTO dedup_apart(first, second)
            SELECT LEAST(@into, o.other), GREATEST(@into, o.other) FROM (
                SELECT second AS other FROM dedup_apart WHERE first = ANY(@gone) UNION SELECT first FROM dedup_apart WHERE second = ANY(@gone)) o
            WHERE o.other <> @into AND NOT (o.other = ANY(@gone))
            ON CONFLICT DO NOTHING;
            DELETE FROM dedup_apart WHERE first = ANY(@gone) OR second = ANY(@gone);
            """,
            cancellationToken,
            PostgreSqlLeadDatabase.Text("into", into),
            PostgreSqlLeadDatabase.TextArray("gone", gone));

    /// <summary>Keeps two profiles apart: the pair is recorded and leaves the possible duplicates.</summary>
    private static Task KeepApartAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string one, string other, CancellationToken cancellationToken)
    {
        var pair = KeptApartPair.Of(ProfileIdOf(one), ProfileIdOf(other));
        return pair.First == pair.Second
            ? Task.CompletedTask
            : RunAsync(
                connection,
                transaction,
                "INSERT INTO dedup_apart(first, second) VALUES (@first, @second) ON CONFLICT DO NOTHING; DELETE FROM dedup_possibles WHERE first = @first AND second = @second",
                cancellationToken,
                PostgreSqlLeadDatabase.Text("first", pair.First.FirstLeadId.ToString()),
                PostgreSqlLeadDatabase.Text("second", pair.Second.FirstLeadId.ToString()));
    }

    /// <summary>After a split: the possible duplicates of the profile that a lead now in the new part raised follow that lead.</summary>
    private static async Task FollowRaisingLeadsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string kept, string split, CancellationToken cancellationToken)
    {
        using var take = new NpgsqlCommand(
            """
            DELETE FROM dedup_possibles p USING dedup_leads l
            WHERE l.lead_id = p.raised_by AND l.profile_id = @split AND (p.first = @kept OR p.second = @kept)
            RETURNING p.first, p.second, p.score, p.reason, p.raised_by, p.explanation
            """,
            connection,
            transaction);
        take.Parameters.Add(PostgreSqlLeadDatabase.Text("kept", kept));
        take.Parameters.Add(PostgreSqlLeadDatabase.Text("split", split));
        var keptId = ProfileIdOf(kept);
        var splitId = ProfileIdOf(split);
        foreach (var possible in await ReadAllAsync(take, ReadPossible, cancellationToken).ConfigureAwait(false))
        {
            await AddPossibleAsync(connection, transaction, possible.First == keptId ? possible with { First = splitId } : possible with { Second = splitId }, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Reads one profile (its survivors and leads in one statement, so one snapshot) on a pooled connection.</summary>
    private async ValueTask<CustomerProfile?> FindOneAsync(string where, string id, CancellationToken cancellationToken)
    {
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var profiles = await ReadProfilesAsync(connection, null, where, null, cancellationToken, ("id", id)).ConfigureAwait(false);
            return profiles.Count == 0 ? null : profiles[0];
        }
    }

    /// <summary>Reads profiles with their leads in one statement (one snapshot): <c>pr</c> is <c>dedup_profiles</c>, <c>l</c> <c>dedup_leads</c>; <c>@ids</c> is bound to <paramref name="ids"/> when given.</summary>
    private async Task<List<CustomerProfile>> ReadProfilesAsync(
        NpgsqlConnection connection,
        NpgsqlTransaction? transaction,
        string where,
        IReadOnlyCollection<string>? ids,
        CancellationToken cancellationToken,
        params (string Name, string Value)[] parameters)
    {
        using var command = new NpgsqlCommand(
            $"SELECT {ProfileColumns} FROM dedup_profiles pr JOIN dedup_leads l ON l.profile_id = pr.profile_id WHERE {where} ORDER BY pr.profile_id",
            connection,
            transaction);
        if (ids is not null)
        {
            command.Parameters.Add(PostgreSqlLeadDatabase.TextArray("ids", ids));
        }

        foreach (var (name, value) in parameters)
        {
            command.Parameters.Add(PostgreSqlLeadDatabase.Text(name, value));
        }

        var profiles = new List<CustomerProfile>();
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            string? current = null;
            CustomerInfo? survivors = null;
            var leads = new List<Lead>();
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var profileId = reader.GetString(0);
                if (!string.Equals(profileId, current, StringComparison.Ordinal))
                {
                    if (current is not null)
                    {
                        profiles.Add(CustomerProfile.Restore(ProfileIdOf(current), leads, survivors!, rules));
                        leads = [];
                    }

                    current = profileId;
                    survivors = new CustomerInfo
                    {
                        FirstName = PostgreSqlLeadDatabase.NullableString(reader, 1),
                        LastName = PostgreSqlLeadDatabase.NullableString(reader, 2),
                        Email = PostgreSqlLeadDatabase.NullableString(reader, 3),
                        Phone = PostgreSqlLeadDatabase.NullableString(reader, 4),
                        Country = PostgreSqlLeadDatabase.NullableString(reader, 5),
                        Company = PostgreSqlLeadDatabase.NullableString(reader, 6),
                        Title = PostgreSqlLeadDatabase.NullableString(reader, 7),
                    };
                }

                leads.Add(reader.IsDBNull(8)
                    ? throw new InvalidOperationException($"The PostgreSQL de-duplication store is inconsistent: a lead of profile {profileId} has its JSON neither in dedup_leads, in the sink's leads table, in the journal nor in a dead letter (were rows deleted by hand?).")
                    : database.ReadLeadJson(reader.GetString(8)));
            }

            if (current is not null)
            {
                profiles.Add(CustomerProfile.Restore(ProfileIdOf(current), leads, survivors!, rules));
            }
        }

        return profiles;
    }

    private async Task<Decision> BeginDecisionAsync(CancellationToken cancellationToken)
    {
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await RunAsync(connection, transaction, $"SET LOCAL idle_in_transaction_session_timeout = '{DecisionIdleTimeout}'", cancellationToken).ConfigureAwait(false);
            return new Decision(connection, transaction);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Rolls back a decision that was looked up but not saved (the de-duplicator failed in between). Called under the gate.</summary>
    private async Task AbandonAsync()
    {
        if (_decision is { } stale)
        {
            _decision = null;
            await stale.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static Lead FindLead(CustomerProfile profile, string id)
    {
        foreach (var lead in profile.Leads)
        {
            if (string.Equals(lead.Id.ToString(), id, StringComparison.Ordinal))
            {
                return lead;
            }
        }

        throw new InvalidOperationException($"The PostgreSQL de-duplication store is inconsistent: lead {id} is filed under profile {profile.Id} but is not one of its leads.");
    }

    private static async Task<int> RunAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken, params NpgsqlParameter[] parameters)
    {
        using var command = new NpgsqlCommand(sql, connection, transaction);
        command.Parameters.AddRange(parameters);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task<List<T>> ReadAllAsync<T>(NpgsqlCommand command, Func<NpgsqlDataReader, T> map, CancellationToken cancellationToken)
    {
        var rows = new List<T>();
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                rows.Add(map(reader));
            }
        }

        return rows;
    }

    private static CustomerProfileId ProfileIdOf(string text) => new(LeadId.Parse(text));

    private static List<string> IdsOf(IReadOnlyList<CustomerProfileId> profiles)
    {
        var ids = new List<string>(profiles.Count);
        foreach (var profile in profiles)
        {
            ids.Add(profile.FirstLeadId.ToString());
        }

        return ids;
    }

    private static List<string> LeadIdsOf(IReadOnlyList<Lead> leads)
    {
        var ids = new List<string>(leads.Count);
        foreach (var lead in leads)
        {
            ids.Add(lead.Id.ToString());
        }

        return ids;
    }

    private static List<string> LeadIdsOf(IReadOnlyList<LeadId> leads)
    {
        var ids = new List<string>(leads.Count);
        foreach (var lead in leads)
        {
            ids.Add(lead.ToString());
        }

        return ids;
    }

    private static KeptApartPair ReadPair(NpgsqlDataReader reader) => new(ProfileIdOf(reader.GetString(0)), ProfileIdOf(reader.GetString(1)));

    /// <summary>Reads a row of <c>first, second, score, reason, raised_by, explanation</c> from <c>dedup_possibles</c>.</summary>
    private static PossibleDuplicate ReadPossible(NpgsqlDataReader reader) => new(
        ProfileIdOf(reader.GetString(0)),
        ProfileIdOf(reader.GetString(1)),
        reader.GetDouble(2),
        reader.GetString(3),
        LeadId.Parse(reader.GetString(4)),
        reader.IsDBNull(5) ? null : MatchExplanation.FromJson(reader.GetString(5)));

    /// <summary>Reads a review row (<see cref="ReviewColumns"/>).</summary>
    private static ReviewAction ReadReview(NpgsqlDataReader reader)
    {
        var leads = new List<LeadId>();
        foreach (var lead in reader.GetFieldValue<string[]>(3))
        {
            leads.Add(LeadId.Parse(lead));
        }

        return new ReviewAction(
            Enum.Parse<ReviewKind>(reader.GetString(0)),
            ProfileIdOf(reader.GetString(1)),
            ProfileIdOf(reader.GetString(2)),
            leads,
            reader.GetFieldValue<DateTimeOffset>(4),
            PostgreSqlLeadDatabase.NullableString(reader, 5),
            PostgreSqlLeadDatabase.NullableString(reader, 6))
        {
            Sequence = reader.GetInt64(7),
        };
    }

    /// <summary>An identity decision (or review) in progress: its connection and transaction, and the locks it holds (released at its end).</summary>
    private sealed class Decision(NpgsqlConnection connection, NpgsqlTransaction transaction) : IAsyncDisposable
    {
        private readonly HashSet<long> _keys = [];
        private readonly HashSet<string> _profiles = new(StringComparer.Ordinal);

        public NpgsqlConnection Connection { get; } = connection;

        public NpgsqlTransaction Transaction { get; } = transaction;

        public bool HasLocked(string profile) => _profiles.Contains(profile);

        /// <summary>Takes the advisory locks not held yet, in ascending order.</summary>
        public async Task LockKeysAsync(long[] locks, CancellationToken cancellationToken)
        {
            var wanted = new List<long>(locks.Length);
            foreach (var key in locks)
            {
                if (!_keys.Contains(key))
                {
                    wanted.Add(key);
                }
            }

            if (wanted.Count == 0)
            {
                return;
            }

            wanted.Sort();
            using var command = new NpgsqlCommand("SELECT count(pg_advisory_xact_lock(k)) FROM unnest(@keys) AS u(k)", Connection, Transaction);
            command.Parameters.Add(new NpgsqlParameter("keys", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = wanted.ToArray() });
            await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
            _keys.UnionWith(wanted);
        }

        /// <summary>
        /// Takes the advisory locks not held yet without waiting in PostgreSQL (so that no deadlock can end the transaction):
        /// each is tried every few milliseconds for up to a second. A decision holding such a key waits for no lock this one holds
        /// unless it is itself saving and trying a key this one looked up, a cycle only one-way name keys can make; then, after
        /// the second, the lead is filed without that key's lock (the two leads do not meet by that key, as if each had come
        /// first).
        /// </summary>
        public async Task TryLockKeysAsync(long[] locks, CancellationToken cancellationToken)
        {
            Array.Sort(locks);
            foreach (var key in locks)
            {
                if (_keys.Contains(key))
                {
                    continue;
                }

                // The server waits between tries (pg_sleep), so no clock of this process is involved.
                using var command = new NpgsqlCommand("SELECT CASE WHEN pg_try_advisory_xact_lock(@key) THEN true ELSE (SELECT false FROM pg_sleep(0.005)) END", Connection, Transaction);
                command.Parameters.Add(PostgreSqlLeadDatabase.Int64("key", key));
                for (var attempt = 0; attempt < 200; attempt++)
                {
                    if ((bool)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!)
                    {
                        _keys.Add(key);
                        break;
                    }
                }
            }
        }

        /// <summary>Locks the rows of the profiles not locked yet (those that exist), in id order.</summary>
        public async Task LockProfilesAsync(IEnumerable<string> profiles, CancellationToken cancellationToken)
        {
            var wanted = new List<string>();
            foreach (var profile in profiles)
            {
                if (_profiles.Add(profile))
                {
                    wanted.Add(profile);
                }
            }

            if (wanted.Count == 0)
            {
                return;
            }

            using var command = new NpgsqlCommand("SELECT profile_id FROM dedup_profiles WHERE profile_id = ANY(@ids) ORDER BY profile_id FOR UPDATE", Connection, Transaction);
            command.Parameters.Add(PostgreSqlLeadDatabase.TextArray("ids", wanted));
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        public async ValueTask DisposeAsync()
        {
            try
            {
                await Transaction.DisposeAsync().ConfigureAwait(false); // rolls back unless committed
            }
            finally
            {
                await Connection.DisposeAsync().ConfigureAwait(false);
            }
        }
    }
}
