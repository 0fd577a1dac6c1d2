using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using MarketplaceLeads.Deduplication;
using MarketplaceLeads.Delivery;
using MarketplaceLeads.FollowUp;
using MarketplaceLeads.Internal;
using MarketplaceLeads.Lifecycle;
using Npgsql;
using NpgsqlTypes;

namespace MarketplaceLeads.PostgreSql;

/// <summary>
/// One PostgreSQL schema that holds what several MarketplaceLeads processes share: the pipeline's <see cref="Journal"/>
/// (accepted leads, per-sink progress, dead letters), the leads and customer profiles written by the PostgreSQL sink
/// (<see cref="CreateSink"/>), upserted by <see cref="LeadId"/>, and the follow-up touch log (<see cref="CreateFollowUpStore"/>).
/// </summary>
/// <remarks>
/// <para>
/// The tables are created on first use (or by <see cref="MigrateAsync"/>) in <see cref="PostgreSqlLeadsOptions.SchemaName"/>
/// and carry a schema version; creation and upgrades run under a transaction-scoped advisory lock, so processes that start
/// together do not race, and a database written by a newer version of this package fails with a message that says so.
/// </para>
/// <para>
/// Each journaled lead still pending is claimed by one process at a time: the one that accepted it, or the one whose pipeline
/// read it as pending at start (<c>FOR UPDATE SKIP LOCKED</c>). A claim holds for <see cref="PostgreSqlLeadsOptions.ClaimLease"/>
/// and is renewed while the process runs; disposing the database releases its claims, and a crashed process's claims are
/// taken over once they expire. Delivery is at least once; the PostgreSQL sink upserts, so a lead delivered twice is stored once.
/// </para>
/// <para>The instance is safe for concurrent use (a pool of connections). Dispose it after the pipelines that use it.</para>
/// </remarks>
public sealed partial class PostgreSqlLeadDatabase : IAsyncDisposable, IDisposable, ILeadErasureSink
{
    /// <summary>The schema version this package writes.</summary>
    public const int SchemaVersion = 8;

    /// <summary>The advisory lock key under which the schema is created or upgraded (any schema, any database of the server: rare and short).</summary>
    private const long MigrationLockKey = 0x4D504C5F5047_01; // "MPL_PG", 1

    /// <summary>Registers or extends this instance's claim lease (<c>@owner</c>, <c>@until</c>).</summary>
    private const string RenewOwner = "INSERT INTO journal_owners(owner, lease_until) VALUES (@owner, @until) ON CONFLICT (owner) DO UPDATE SET lease_until = excluded.lease_until";

    private const string SchemaV1 = """
        CREATE TABLE journal_leads(
            lead_id text PRIMARY KEY, seq bigint GENERATED ALWAYS AS IDENTITY, accepted_at timestamptz NOT NULL, lead_at timestamptz NOT NULL);
        CREATE TABLE journal_payloads(
            lead_id text PRIMARY KEY, seq bigint NOT NULL, lead_json text NOT NULL, claimed_by text, lease_until timestamptz);
        CREATE INDEX journal_payloads_seq ON journal_payloads(seq);
        CREATE INDEX journal_payloads_claimed_by ON journal_payloads(claimed_by);
        CREATE TABLE journal_pending(
            lead_id text NOT NULL, sink text NOT NULL, PRIMARY KEY(lead_id, sink));
        CREATE TABLE journal_change_progress(
            sink text PRIMARY KEY, seq bigint NOT NULL);
        CREATE TABLE dead_letters(
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, kind text NOT NULL, reason text NOT NULL, occurred_at timestamptz NOT NULL,
            lead_id text, sink text, attempts integer NOT NULL, raw_payload text, lead_json text,
            channel text, record_index bigint, line_number bigint, byte_position bigint, json_path text, field text,
            value text, source_name text, exception_type text, exception_message text);
        CREATE TABLE leads(
            lead_id text PRIMARY KEY, profile_id text NOT NULL, outcome text NOT NULL, do_not_contact boolean NOT NULL,
            is_test boolean NOT NULL, accepted_at timestamptz NOT NULL, received_at timestamptz NOT NULL, created_at timestamptz,
            source text NOT NULL, action text NOT NULL, offer text NOT NULL, stage text NOT NULL, email text,
            lead_json text NOT NULL, delivered_at timestamptz NOT NULL);
        CREATE INDEX leads_profile ON leads(profile_id);
        CREATE TABLE profiles(
            profile_id text PRIMARY KEY, first_name text, last_name text, email text, phone text, country text,
            company text, title text, do_not_contact boolean NOT NULL, is_test boolean NOT NULL, lead_count integer NOT NULL,
            first_seen timestamptz NOT NULL, last_seen timestamptz NOT NULL, emails text[] NOT NULL, phones text[] NOT NULL);
        CREATE TABLE follow_up_touches(
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, profile_id text NOT NULL, offer text NOT NULL, stage text NOT NULL,
            kind text NOT NULL, touched_at timestamptz NOT NULL, touched_by text, note text, leads text[] NOT NULL);
        """;

    /// <summary>Version 3: the follow-up alerts' state (<c>follow_up_alerts</c>), one row per lead and kind, so that each is raised once.</summary>
    private const string SchemaV3 = """
        CREATE TABLE follow_up_alerts(
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, lead_id text NOT NULL, kind text NOT NULL, due_at timestamptz NOT NULL,
            raised_at timestamptz NOT NULL, state text NOT NULL, UNIQUE(lead_id, kind));
        """;

    /// <summary>Version 4: the audit record of erasures (<c>erasures</c>): ids, a time and counts, no personal data.</summary>
    private const string SchemaV4 = """
        CREATE TABLE erasures(
            erasure_id text PRIMARY KEY, erased_at timestamptz NOT NULL, profile_ids text[] NOT NULL, lead_ids text[] NOT NULL, counts text NOT NULL);
        """;

    /// <summary>
    /// Version 5: the order of identity decisions (<c>dedup_leads.decided_seq</c>), numbered when a decision is saved, inside
    /// its transaction and under the advisory locks of the keys and profiles it read, so that any two decisions that could
    /// have seen each other are numbered in the order they were taken. Replaying the leads in this order through one
    /// de-duplicator gives the profiles the processes made (what the multi-process check holds them to).
    /// </summary>
    private const string SchemaV5 = """
        ALTER TABLE dedup_leads ADD COLUMN decided_seq bigint GENERATED ALWAYS AS IDENTITY;
        """;

    /// <summary>
    /// Version 6: claim leases per process (<c>journal_owners</c>): a process renews one row, its own, instead of every
    /// pending lead it holds (which rewrote each claimed row, its JSON with it, every third of a lease, and held their
    /// row locks against the deliveries: at 25,000 pending leads the renewals took much of the database's time). A claim
    /// holds while its owner's row is renewed; a claim whose owner has no live row is taken over.
    /// </summary>
    private const string SchemaV6 = """
        CREATE TABLE journal_owners(owner text PRIMARY KEY, lease_until timestamptz NOT NULL);
        """;

    /// <summary>Version 7: when a person retried a dead letter with success (<see cref="ILeadDeadLetterStore"/>).</summary>
    private const string SchemaV7 = """
        ALTER TABLE dead_letters ADD COLUMN IF NOT EXISTS retried_at timestamptz;
        """;

    /// <summary>Version 8: what the identity store's leads are filed under (<c>key_scheme</c>), to file them again when a de-duplicator derives keys differently (<see cref="IRefilingLeadDeduplicationStore"/>).</summary>
    private const string SchemaV8 = """
        CREATE TABLE dedup_meta(name text PRIMARY KEY, value text NOT NULL);
        """;

    /// <summary>Version 2: the identity store (<see cref="CreateDeduplicationStore"/>). Profile and lead ids are compared byte by byte (<c>COLLATE "C"</c>), as <see cref="LeadId"/> orders them.</summary>
    private const string SchemaV2 = """
        CREATE TABLE dedup_leads(
            lead_id text COLLATE "C" PRIMARY KEY, profile_id text COLLATE "C" NOT NULL, lead_json text, outcome text NOT NULL,
            decided text COLLATE "C" NOT NULL, reason text, explanation text, merged text[] NOT NULL);
        CREATE INDEX dedup_leads_profile ON dedup_leads(profile_id);
        CREATE TABLE dedup_keys(
            key bigint NOT NULL, seq bigint GENERATED ALWAYS AS IDENTITY, lead_id text COLLATE "C" NOT NULL, PRIMARY KEY(key, seq));
        CREATE INDEX dedup_keys_lead ON dedup_keys(lead_id);
        CREATE TABLE dedup_profiles(
            profile_id text COLLATE "C" PRIMARY KEY, version bigint NOT NULL, first_name text, last_name text, email text, phone text,
            country text, company text, title text);
        CREATE TABLE dedup_possibles(
            first text COLLATE "C" NOT NULL, second text COLLATE "C" NOT NULL, score double precision NOT NULL, reason text NOT NULL,
            raised_by text COLLATE "C" NOT NULL, explanation text, PRIMARY KEY(first, second));
        CREATE INDEX dedup_possibles_second ON dedup_possibles(second);
        CREATE TABLE dedup_apart(
            first text COLLATE "C" NOT NULL, second text COLLATE "C" NOT NULL, PRIMARY KEY(first, second));
        CREATE INDEX dedup_apart_second ON dedup_apart(second);
        CREATE TABLE dedup_reviews(
            review_id bigint PRIMARY KEY, kind text NOT NULL, first text COLLATE "C" NOT NULL, second text COLLATE "C" NOT NULL,
            leads text[] NOT NULL, reviewed_at timestamptz NOT NULL, reviewer text, comment text);
        CREATE TABLE dedup_review_leads(
            lead_id text COLLATE "C" NOT NULL, review_id bigint NOT NULL, PRIMARY KEY(lead_id, review_id));
        CREATE INDEX dead_letters_lead ON dead_letters(lead_id);
        """;

    private readonly NpgsqlDataSource _dataSource;
    private readonly string _schema;
    private readonly SemaphoreSlim _migration = new(1, 1);
    private readonly LeadReader _reader = new(new LeadReaderOptions { ErrorPolicy = LeadReadErrorPolicy.SkipAndReport, MaxRecordBytes = 16 * 1024 * 1024, MaxFieldLength = 8 * 1024 * 1024 });
    private readonly ITimer _renewal;
    private readonly CancellationTokenSource _closing = new();
    private readonly ulong _lockSalt;
    private volatile bool _ready;
    private int _renewing;
    private int _disposed;

    /// <summary>Prepares the database; the schema is created or upgraded on first use (or by <see cref="MigrateAsync"/>), so nothing connects yet.</summary>
    /// <param name="options">The options; <see cref="PostgreSqlLeadsOptions.ConnectionString"/> must be set.</param>
    /// <param name="timeProvider">The clock for claim leases and the times the sink records; <see langword="null"/> for <see cref="TimeProvider.System"/>.</param>
    /// <exception cref="ArgumentException">An option is invalid (no connection string, a schema name that is not a plain identifier, an empty sink name, a lease out of range); the message names it and the rule, and never quotes the connection string.</exception>
    public PostgreSqlLeadDatabase(PostgreSqlLeadsOptions options, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        OptionsRules.ThrowIfInvalid(new PostgreSqlLeadsOptionsValidator(), options);
        Time = timeProvider ?? TimeProvider.System;
        SinkName = options.SinkName;
        ClaimLease = options.ClaimLease;
        _schema = options.SchemaName;

        // A claim owner names the host and process, so that an operator can tell whose claims a row holds.
        ClaimOwner = string.Create(CultureInfo.InvariantCulture, $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}");

        var builder = new NpgsqlSlimDataSourceBuilder(options.ConnectionString);
        builder.ConnectionStringBuilder.SearchPath = _schema;
        builder.EnableArrays();
        builder.EnableTransportSecurity();
        _dataSource = builder.Build();

        // Advisory locks are server-wide: a schema's key locks and review-log lock are salted with its name, so that two
        // schemas on one server (applications, environments, test classes) do not wait for each other.
        var salt = 14695981039346656037UL;
        foreach (var c in _schema)
        {
            salt = (salt ^ c) * 1099511628211UL;
        }

        _lockSalt = salt;
        LockSpace = unchecked((int)(salt >> 32));
        Journal = new PostgreSqlLeadJournal(this);
        var period = ClaimLease / 3;
        _renewal = Time.CreateTimer(static state => ((PostgreSqlLeadDatabase)state!).RenewClaims(), this, period, period);
    }

    /// <summary>Gets the durable journal, for <c>builder.UseLeadJournal(_ =&gt; database.Journal)</c>: accepted leads survive a process exit, each pending lead is delivered by one process at a time, and a pipeline started on the same database delivers what no live process holds.</summary>
    public ILeadJournal Journal { get; }

    /// <summary>Gets the name the PostgreSQL sink has in the pipeline and journal (<see cref="PostgreSqlLeadsOptions.SinkName"/>).</summary>
    public string SinkName { get; }

    /// <summary>Gets the clock for claim leases and the times the sink records.</summary>
    internal TimeProvider Time { get; }

    /// <summary>Gets how long a claim holds without renewal.</summary>
    internal TimeSpan ClaimLease { get; }

    /// <summary>Gets the name this instance's claims carry in <c>journal_payloads.claimed_by</c>.</summary>
    internal string ClaimOwner { get; }

    /// <summary>Creates the PostgreSQL sink: each delivered lead upserted by <see cref="LeadId"/> into <c>leads</c>, with its customer profile upserted into <c>profiles</c> (merged profiles removed), one transaction per batch. It takes profile changes (<see cref="IProfileChangeSink"/>): after a review's accept or split, the <c>profiles</c> rows are rewritten and each lead's <c>profile_id</c> and <c>do_not_contact</c> follow its profile.</summary>
    /// <returns>The sink; it does not own the database.</returns>
    public ILeadSink CreateSink() => new PostgreSqlLeadSink(this);

    /// <summary>Creates the PostgreSQL sink of a pipeline whose journal is this database: each batch's rows and the journal's record that the sink (<see cref="SinkName"/>) has its leads are committed together.</summary>
    internal ILeadSink CreateJournaledSink() => new PostgreSqlLeadSink(this, marksDelivered: true, followsIdentityStore: true);

    /// <summary>
    /// Creates the shared identity store (profiles, blocking keys, match decisions and their explanations, possible duplicates,
    /// review decisions and their log) for a <see cref="LeadDeduplicator"/>: several processes on this database de-duplicate
    /// together, each identity decision serialised with the others that share one of its blocking keys, so two leads of one
    /// person that reach two processes at once end in one profile.
    /// </summary>
    /// <param name="rules">The survivorship rules profiles are restored with: those of the de-duplicator's <see cref="DeduplicationOptions.Survivorship"/>; <see langword="null"/> for the defaults.</param>
    /// <returns>The store; it keeps each lead's JSON itself, and does not own the database.</returns>
    public ILeadDeduplicationStore CreateDeduplicationStore(SurvivorshipRules? rules = null) => new PostgreSqlLeadDeduplicationStore(this, rules, journaled: false);

    /// <summary>Creates the identity store of a pipeline whose journal and sink are this database: a lead's JSON is read from the journal, then from the sink's row, rather than copied.</summary>
    internal ILeadDeduplicationStore CreateJournaledDeduplicationStore(SurvivorshipRules? rules) => new PostgreSqlLeadDeduplicationStore(this, rules, journaled: true);

    /// <summary>Gets the first key of this schema's two-key advisory locks (the review log's is <c>(LockSpace, 1)</c>).</summary>
    internal int LockSpace { get; }

    /// <summary>Gets the advisory lock keys of blocking keys (salted with the schema name), distinct.</summary>
    internal long[] KeyLocks(IReadOnlyList<ulong> keys)
    {
        var locks = new HashSet<long>();
        foreach (var key in keys)
        {
            locks.Add(unchecked((long)(key ^ _lockSalt)));
        }

        return [.. locks];
    }

    /// <summary>Creates the durable touch log (<c>follow_up_touches</c>): what the sales team did, read by the planner, <c>due</c> and <c>report</c>, shared by every process on the database.</summary>
    /// <returns>The store; it does not own the database.</returns>
    public IFollowUpStore CreateFollowUpStore() => new PostgreSqlFollowUpStore(this);

    /// <summary>Creates the schema and its tables, or upgrades them, now rather than on first use (for example at deployment). Safe to call from several processes at once.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the schema is at <see cref="SchemaVersion"/>.</returns>
    /// <exception cref="InvalidOperationException">The schema was written by a newer version of this package.</exception>
    /// <exception cref="NpgsqlException">The server cannot be reached or refuses (connection string, permissions).</exception>
    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        if (_ready)
        {
            return;
        }

        await _migration.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_ready)
            {
                return;
            }

            var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

            await using var connectionScope = connection.ConfigureAwait(false);
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using var transactionScope = transaction.ConfigureAwait(false);
            await ExecuteAsync(connection, transaction, $"SELECT pg_advisory_xact_lock({MigrationLockKey.ToString(CultureInfo.InvariantCulture)})", cancellationToken).ConfigureAwait(false);
            await ExecuteAsync(connection, transaction, $"CREATE SCHEMA IF NOT EXISTS \"{_schema}\"; CREATE TABLE IF NOT EXISTS schema_info(version integer NOT NULL)", cancellationToken).ConfigureAwait(false);
            int? version;
            using (var read = new NpgsqlCommand("SELECT version FROM schema_info LIMIT 1", connection, transaction))
            {
                version = await read.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is int stored ? stored : null;
            }

            if (version > SchemaVersion)
            {
                throw new InvalidOperationException($"The PostgreSQL schema '{_schema}' has MarketplaceLeads schema version {version}, newer than the {SchemaVersion} this version of MarketplaceLeads.PostgreSql reads; upgrade the package.");
            }

            if (version is null)
            {
                await ExecuteAsync(connection, transaction, SchemaV1, cancellationToken).ConfigureAwait(false);
                using var write = new NpgsqlCommand("INSERT INTO schema_info(version) VALUES (1)", connection, transaction);
                await write.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                version = 1;
            }

            // Upgrades, one version at a time, in this transaction: a schema at version 1 (journal, sink, touch log) gains the identity store.
            if (version < 2)
            {
                await ExecuteAsync(connection, transaction, SchemaV2 + "UPDATE schema_info SET version = 2;", cancellationToken).ConfigureAwait(false);
            }

            if (version < 3)
            {
                await ExecuteAsync(connection, transaction, SchemaV3 + "UPDATE schema_info SET version = 3;", cancellationToken).ConfigureAwait(false);
            }

            if (version < 4)
            {
                await ExecuteAsync(connection, transaction, SchemaV4 + "UPDATE schema_info SET version = 4;", cancellationToken).ConfigureAwait(false);
            }

            if (version < 5)
            {
                await ExecuteAsync(connection, transaction, SchemaV5 + "UPDATE schema_info SET version = 5;", cancellationToken).ConfigureAwait(false);
            }

            if (version < 6)
            {
                await ExecuteAsync(connection, transaction, SchemaV6 + "UPDATE schema_info SET version = 6;", cancellationToken).ConfigureAwait(false);
            }

            if (version < 7)
            {
                await ExecuteAsync(connection, transaction, SchemaV7 + "UPDATE schema_info SET version = 7;", cancellationToken).ConfigureAwait(false);
            }

            if (version < 8)
            {
                await ExecuteAsync(connection, transaction, SchemaV8 + "UPDATE schema_info SET version = 8;", cancellationToken).ConfigureAwait(false);
            }

            // This instance's claim lease, before any claim it makes can be seen: a claim whose owner has no live row is taken over.
            using (var register = new NpgsqlCommand(RenewOwner, connection, transaction))
            {
                register.Parameters.Add(Text("owner", ClaimOwner));
                register.Parameters.Add(Timestamp("until", Time.GetUtcNow() + ClaimLease));
                await register.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            _ready = true;
        }
        finally
        {
            _migration.Release();
        }
    }

    /// <summary>Opens a pooled connection once the schema is ready.</summary>
    internal async ValueTask<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        if (!_ready)
        {
            await MigrateAsync(cancellationToken).ConfigureAwait(false);
        }

        return await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs work in one transaction on a pooled connection and commits it.</summary>
    internal async Task<T> TransactAsync<T>(Func<NpgsqlConnection, NpgsqlTransaction, CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionScope = connection.ConfigureAwait(false);
        var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using var transactionScope = transaction.ConfigureAwait(false);
        var result = await work(connection, transaction, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return result;
    }

    /// <summary>Runs a query and maps each row.</summary>
    internal async Task<List<T>> QueryAsync<T>(string sql, Action<NpgsqlParameterCollection> bind, Func<NpgsqlDataReader, T> map, CancellationToken cancellationToken)
    {
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionScope = connection.ConfigureAwait(false);
        using var command = new NpgsqlCommand(sql, connection);
        bind(command.Parameters);
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var readerScope = reader.ConfigureAwait(false);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(map(reader));
        }

        return rows;
    }

    /// <summary>Runs one statement (or several without parameters) outside a transaction of the caller's.</summary>
    internal async Task<int> ExecuteAsync(string sql, Action<NpgsqlParameterCollection> bind, CancellationToken cancellationToken)
    {
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionScope = connection.ConfigureAwait(false);
        using var command = new NpgsqlCommand(sql, connection);
        bind(command.Parameters);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    internal static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads the leads the PostgreSQL sink has written, oldest accepted first (for tests and the tools of a later step).</summary>
    internal Task<List<(Lead Lead, string ProfileId, string Outcome, bool DoNotContact, DateTimeOffset AcceptedAt)>> ReadLeadsAsync(CancellationToken cancellationToken) =>
        QueryAsync(
            """
            SELECT l.lead_json, l.profile_id, l.outcome, l.do_not_contact OR COALESCE(p.do_not_contact, false), l.accepted_at
            FROM leads l LEFT JOIN profiles p ON p.profile_id = l.profile_id ORDER BY l.accepted_at, l.lead_id
            """,
            static _ => { },
            reader => (ReadLeadJson(reader.GetString(0)), reader.GetString(1), reader.GetString(2), reader.GetBoolean(3), reader.GetFieldValue<DateTimeOffset>(4)),
            cancellationToken);

    internal Lead ReadLeadJson(string json)
    {
        var result = _reader.ReadJsonLine(Encoding.UTF8.GetBytes(json));
        return result.Lead ?? throw new InvalidOperationException($"A lead stored in the PostgreSQL database cannot be read back: {result.Error}");
    }

    internal static NpgsqlParameter Text(string name, string? value) => new(name, NpgsqlDbType.Text) { Value = value is null ? DBNull.Value : value };

    internal static NpgsqlParameter TextArray(string name, IReadOnlyCollection<string> values)
    {
        var array = new string[values.Count];
        var i = 0;
        foreach (var value in values)
        {
            array[i++] = value;
        }

        return new NpgsqlParameter(name, NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = array };
    }

    internal static NpgsqlParameter Int32(string name, int? value) => new(name, NpgsqlDbType.Integer) { Value = value is { } number ? number : DBNull.Value };

    internal static NpgsqlParameter Int64(string name, long? value) => new(name, NpgsqlDbType.Bigint) { Value = value is { } number ? number : DBNull.Value };

    internal static NpgsqlParameter Boolean(string name, bool value) => new(name, NpgsqlDbType.Boolean) { Value = value };

    /// <summary>A <c>timestamptz</c> parameter (PostgreSQL keeps microseconds: the last digit of .NET's 100-ns ticks is dropped).</summary>
    internal static NpgsqlParameter Timestamp(string name, DateTimeOffset? value) =>
        new(name, NpgsqlDbType.TimestampTz) { Value = value is { } time ? time.ToUniversalTime() : DBNull.Value };

    internal static string? NullableString(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    internal static long? NullableInt64(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetInt64(ordinal);

    /// <summary>Extends this instance's claims (every third of the lease, on the injected clock); a failed renewal is tried again at the next tick, and the claims lapse only when renewals fail for a whole lease.</summary>
    private void RenewClaims()
    {
        if (!_ready || _disposed != 0 || Interlocked.Exchange(ref _renewing, 1) != 0)
        {
            return;
        }

        _ = RenewClaimsAsync();
    }

    private async Task RenewClaimsAsync()
    {
        try
        {
            // One row, whatever the number of claims; and the rows of owners long gone that hold no claim any more.
            var now = Time.GetUtcNow();
            await ExecuteAsync(
                RenewOwner + "; DELETE FROM journal_owners o WHERE o.lease_until < @stale AND NOT EXISTS (SELECT 1 FROM journal_payloads p WHERE p.claimed_by = o.owner)",
                parameters =>
                {
                    parameters.Add(Timestamp("until", now + ClaimLease));
                    parameters.Add(Text("owner", ClaimOwner));
                    parameters.Add(Timestamp("stale", now - (10 * ClaimLease)));
                },
                _closing.Token).ConfigureAwait(false);
        }
        catch (Exception error) when (error is NpgsqlException or OperationCanceledException or ObjectDisposedException or InvalidOperationException)
        {
            // Tried again at the next tick; the lease outlasts two missed renewals.
        }
        finally
        {
            Volatile.Write(ref _renewing, 0);
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _renewal.DisposeAsync().ConfigureAwait(false);
        await _closing.CancelAsync().ConfigureAwait(false);
        if (_ready)
        {
            // Hands this instance's pending leads back at once (rather than when their leases expire) to the next pipeline that starts.
            try
            {
                var connection = await _dataSource.OpenConnectionAsync().ConfigureAwait(false);
                await using var connectionScope = connection.ConfigureAwait(false);
                using var release = new NpgsqlCommand("UPDATE journal_payloads SET claimed_by = NULL, lease_until = NULL WHERE claimed_by = @owner; DELETE FROM journal_owners WHERE owner = @owner", connection);
                release.Parameters.Add(Text("owner", ClaimOwner));
                await release.ExecuteNonQueryAsync().ConfigureAwait(false);
            }
            catch (NpgsqlException)
            {
                // The server is gone: the claims lapse with their leases.
            }
        }

        await _dataSource.DisposeAsync().ConfigureAwait(false);
        _migration.Dispose();
        _closing.Dispose();
    }

    /// <inheritdoc/>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();
}
