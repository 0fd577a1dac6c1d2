using System;
using System.Collections.Generic;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using MarketplaceLeads.Deduplication;
using MarketplaceLeads.Delivery;
using MarketplaceLeads.FollowUp;
using MarketplaceLeads.Internal;
using MarketplaceLeads.Lifecycle;
using Microsoft.Data.Sqlite;

namespace MarketplaceLeads.Sqlite;

/// <summary>
/// One SQLite database that holds what MarketplaceLeads must not lose: the pipeline's <see cref="Journal"/> (accepted
/// leads, per-sink progress, dead letters), the de-duplication state (<see cref="CreateDeduplicationStore"/>), and the leads and
/// customer profiles written by the SQLite sink (<see cref="CreateSink"/>), upserted by <see cref="LeadId"/>.
/// </summary>
/// <remarks>
/// <para>
/// The database uses write-ahead logging; <see cref="SqliteLeadsOptions.Durability"/> decides whether each commit is
/// flushed to disk. The tables are created on first open and carry a schema version; opening a database written by a
/// newer version of this package fails with a message that says so.
/// </para>
/// <para>All calls are serialised on one connection (SQLite has a single writer anyway), so the instance is safe for concurrent use. Dispose it after the pipelines that use it.</para>
/// </remarks>
public sealed partial class SqliteLeadDatabase : IAsyncDisposable, IDisposable, ILeadErasureSink
{
    /// <summary>The schema version this package writes.</summary>
    public const int SchemaVersion = 8;

    private const string Schema = """
        CREATE TABLE IF NOT EXISTS schema_info(version INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS journal_leads(
            lead_id TEXT PRIMARY KEY, seq INTEGER NOT NULL, accepted_at TEXT NOT NULL, lead_json TEXT, lead_at TEXT);
        CREATE INDEX IF NOT EXISTS journal_leads_seq ON journal_leads(seq);
        CREATE TABLE IF NOT EXISTS journal_payloads(
            seq INTEGER PRIMARY KEY, lead_json TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS journal_pending(
            lead_id TEXT NOT NULL, sink TEXT NOT NULL, PRIMARY KEY(lead_id, sink)) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS journal_change_progress(
            sink TEXT PRIMARY KEY, seq INTEGER NOT NULL) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS dead_letters(
            id INTEGER PRIMARY KEY AUTOINCREMENT, kind TEXT NOT NULL, reason TEXT NOT NULL, occurred_at TEXT NOT NULL,
            lead_id TEXT, sink TEXT, attempts INTEGER NOT NULL, raw_payload TEXT, lead_json TEXT,
            channel TEXT, record_index INTEGER, line_number INTEGER, byte_position INTEGER, json_path TEXT, field TEXT,
            value TEXT, source_name TEXT, exception_type TEXT, exception_message TEXT, retried_at TEXT);
        CREATE TABLE IF NOT EXISTS dedup_leads(
            lead_id TEXT PRIMARY KEY, profile_id TEXT NOT NULL, lead_json TEXT NOT NULL, keys BLOB, filed INTEGER,
            outcome TEXT, decided TEXT, reason TEXT, explanation TEXT, merged TEXT);
        CREATE INDEX IF NOT EXISTS dedup_leads_profile ON dedup_leads(profile_id);
        CREATE TABLE IF NOT EXISTS dedup_profiles(
            profile_id TEXT PRIMARY KEY, first_name TEXT, last_name TEXT, email TEXT, phone TEXT, country TEXT,
            company TEXT, title TEXT);
        CREATE TABLE IF NOT EXISTS dedup_keys(
            key INTEGER NOT NULL, seq INTEGER NOT NULL, lead_id TEXT NOT NULL, profile_id TEXT NOT NULL, PRIMARY KEY(key, seq)) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS dedup_possibles(
            first TEXT NOT NULL, second TEXT NOT NULL, score REAL NOT NULL, reason TEXT NOT NULL, raised_by TEXT NOT NULL,
            explanation TEXT, PRIMARY KEY(first, second)) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS dedup_possibles_second ON dedup_possibles(second);
        CREATE TABLE IF NOT EXISTS dedup_decisions(
            lead_id TEXT PRIMARY KEY, outcome TEXT NOT NULL, profile_id TEXT NOT NULL, reason TEXT, explanation TEXT,
            merged TEXT NOT NULL) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS dedup_apart(
            first TEXT NOT NULL, second TEXT NOT NULL, PRIMARY KEY(first, second)) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS dedup_apart_second ON dedup_apart(second);
        CREATE TABLE IF NOT EXISTS dedup_reviews(
            review_id INTEGER PRIMARY KEY AUTOINCREMENT, kind TEXT NOT NULL, first TEXT NOT NULL, second TEXT NOT NULL,
            leads TEXT NOT NULL, reviewed_at TEXT NOT NULL, reviewer TEXT, comment TEXT);
        CREATE TABLE IF NOT EXISTS dedup_review_leads(
            lead_id TEXT NOT NULL, review_id INTEGER NOT NULL, PRIMARY KEY(lead_id, review_id)) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS leads(
            lead_id TEXT PRIMARY KEY, profile_id TEXT NOT NULL, outcome TEXT NOT NULL, do_not_contact INTEGER NOT NULL,
            is_test INTEGER NOT NULL, accepted_at TEXT NOT NULL, received_at TEXT NOT NULL, created_at TEXT,
            source TEXT NOT NULL, action TEXT NOT NULL, offer TEXT NOT NULL, stage TEXT NOT NULL, email TEXT,
            lead_json TEXT NOT NULL, delivered_at TEXT NOT NULL);
        CREATE INDEX IF NOT EXISTS leads_profile ON leads(profile_id);
        CREATE TABLE IF NOT EXISTS profiles(
            profile_id TEXT PRIMARY KEY, first_name TEXT, last_name TEXT, email TEXT, phone TEXT, country TEXT,
            company TEXT, title TEXT, do_not_contact INTEGER NOT NULL, is_test INTEGER NOT NULL, lead_count INTEGER NOT NULL,
            first_seen TEXT NOT NULL, last_seen TEXT NOT NULL, emails TEXT NOT NULL, phones TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS follow_up_touches(
            id INTEGER PRIMARY KEY AUTOINCREMENT, profile_id TEXT NOT NULL, offer TEXT NOT NULL, stage TEXT NOT NULL,
            kind TEXT NOT NULL, at TEXT NOT NULL, by TEXT, note TEXT, leads TEXT);
        CREATE TABLE IF NOT EXISTS follow_up_alerts(
            id INTEGER PRIMARY KEY AUTOINCREMENT, lead_id TEXT NOT NULL, kind TEXT NOT NULL, due_at TEXT NOT NULL,
            raised_at TEXT NOT NULL, state TEXT NOT NULL, UNIQUE(lead_id, kind));
        CREATE TABLE IF NOT EXISTS dedup_meta(
            name TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS erasures(
            erasure_id TEXT PRIMARY KEY, erased_at TEXT NOT NULL, profile_ids TEXT NOT NULL, lead_ids TEXT NOT NULL, counts TEXT NOT NULL);
        """;

    private readonly SqliteConnection _connection;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly LeadReader _reader = new(new LeadReaderOptions { ErrorPolicy = LeadReadErrorPolicy.SkipAndReport, MaxRecordBytes = 16 * 1024 * 1024, MaxFieldLength = 8 * 1024 * 1024 });
    private readonly string _sinkName;
    private bool _disposed;

    // The commit group (under _gate): the open transaction, how many writes it holds, the durable writers waiting for its
    // commit, and whether a commit is scheduled now or later.
    private SqliteTransaction? _group;
    private int _groupWrites;
    private List<TaskCompletionSource>? _waiting;
    private bool _commitSoon;
    private bool _commitLater;

    // Bulk commits (SqliteLeadsOptions.BulkCommitLeads > 0): leads accepted in the open group, and the failure of a commit
    // that lost some (every later write and FlushAsync throws it, so that an import never reports leads it did not keep).
    private readonly int _bulkCommitLeads;
    private int _groupLeads;
    private Exception? _bulkFailure;

    /// <summary>Opens (and if needed creates) the database.</summary>
    /// <param name="options">The options; <see langword="null"/> for the defaults (<c>leads.db</c>, full durability).</param>
    /// <param name="timeProvider">The clock for the times the sink records; <see langword="null"/> for <see cref="TimeProvider.System"/>.</param>
    /// <exception cref="ArgumentException">An option is invalid (no database, an empty sink name, an unknown durability); the message names it, the rule and the value.</exception>
    /// <exception cref="InvalidOperationException">The database was written by a newer schema version.</exception>
    /// <exception cref="SqliteException">SQLite cannot open the file (path, permissions, not a database).</exception>
    public SqliteLeadDatabase(SqliteLeadsOptions? options = null, TimeProvider? timeProvider = null)
    {
        Time = timeProvider ?? TimeProvider.System;
        options = OptionsRules.ThrowIfInvalid(new SqliteLeadsOptionsValidator(), options ?? new SqliteLeadsOptions());
        _sinkName = options.SinkName;
        _bulkCommitLeads = options.BulkCommitLeads;
        var connectionString = options.ConnectionString ?? new SqliteConnectionStringBuilder
        {
            DataSource = System.IO.Path.GetFullPath(options.Path),
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
        }.ToString();
        if (options.ConnectionString is null)
        {
            var folder = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(options.Path));
            if (!string.IsNullOrEmpty(folder))
            {
                System.IO.Directory.CreateDirectory(folder);
            }
        }

        _connection = new SqliteConnection(connectionString);
        _connection.Open();
        try
        {
            Execute($"PRAGMA journal_mode=WAL; PRAGMA synchronous={(options.Durability == SqliteDurability.Full ? "FULL" : "NORMAL")}; PRAGMA busy_timeout=30000; PRAGMA foreign_keys=OFF; PRAGMA cache_size={-PageCacheKilobytes}; PRAGMA wal_autocheckpoint={options.CheckpointPages};");

            Migrate();
        }
        catch
        {
            SqliteStatements.Release(_connection);
            _connection.Dispose();
            throw;
        }

        Journal = new SqliteLeadJournal(this);
    }

    /// <summary>Gets the durable journal, for <c>builder.UseLeadJournal(_ =&gt; database.Journal)</c>: accepted leads survive a process exit, and a pipeline started on the same file delivers what was pending.</summary>
    public ILeadJournal Journal { get; }

    /// <summary>Gets the clock for the times the sink records.</summary>
    internal TimeProvider Time { get; }

    /// <summary>Gets the name the SQLite sink has in the pipeline and journal (<see cref="SqliteLeadsOptions.SinkName"/>).</summary>
    public string SinkName => _sinkName;

    /// <summary>Creates a durable de-duplication store on this database: profiles, leads and the decision taken for each, blocking keys, possible duplicates, the pairs kept apart by review and the review log persist, so incremental de-duplication and review continue where they stopped.</summary>
    /// <param name="rules">The survivorship rules the de-duplicator uses (profiles are restored with them); <see langword="null"/> for the defaults.</param>
    /// <returns>The store.</returns>
    public ILeadDeduplicationStore CreateDeduplicationStore(SurvivorshipRules? rules = null) => new SqliteLeadDeduplicationStore(this, rules, deferCommits: false);

    /// <summary>Creates the de-duplication store of a pipeline whose journal is this database's: each lead's outcome is saved in the open commit group (<see cref="DeferAsync"/>) and committed with the next journal or sink write, since after a crash the journal replays every lead whose outcome was not committed.</summary>
    internal ILeadDeduplicationStore CreateJournaledDeduplicationStore(SurvivorshipRules? rules) => new SqliteLeadDeduplicationStore(this, rules, deferCommits: true);

    /// <summary>Creates the durable touch log (<c>follow_up_touches</c>): what the sales team did, read by the planner, <c>due</c> and <c>report</c>.</summary>
    /// <returns>The store; it does not own the database.</returns>
    public IFollowUpStore CreateFollowUpStore() => new SqliteFollowUpStore(this);

    /// <summary>Creates the SQLite sink: each delivered lead upserted by <see cref="LeadId"/> into <c>leads</c>, with its customer profile upserted into <c>profiles</c> (merged profiles removed), one transaction per batch. It takes profile changes (<see cref="IProfileChangeSink"/>): after a review's accept or split, the <c>profiles</c> rows are rewritten and each lead's <c>profile_id</c> and <c>do_not_contact</c> follow its profile.</summary>
    /// <returns>The sink; it does not own the database.</returns>
    public ILeadSink CreateSink() => new SqliteLeadSink(this);

    /// <summary>Creates the SQLite sink of a pipeline whose journal is this database: each batch's rows and the journal's record that the sink (<see cref="SinkName"/>) has its leads are written and committed together.</summary>
    internal ILeadSink CreateJournaledSink() => new SqliteLeadSink(this, marksDelivered: true);

    /// <summary>Reads the leads the SQLite sink has written, oldest accepted first.</summary>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The stored leads.</returns>
    public async IAsyncEnumerable<StoredLead> ReadLeadsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var rows = await QueryAsync(
            "SELECT l.lead_json, l.profile_id, l.outcome, MAX(l.do_not_contact, COALESCE(p.do_not_contact, 0)), l.accepted_at FROM leads l LEFT JOIN profiles p ON p.profile_id = l.profile_id ORDER BY l.accepted_at, l.lead_id",
            static command => { },
            reader => new StoredLead(
                ReadLeadJson(reader.GetString(0)),
                new CustomerProfileId(LeadId.Parse(reader.GetString(1))),
                Enum.Parse<DeduplicationOutcome>(reader.GetString(2)),
                reader.GetInt64(3) != 0,
                ParseTime(reader.GetString(4))),
            cancellationToken).ConfigureAwait(false);
        foreach (var row in rows)
        {
            yield return row;
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _gate.Wait();
        try
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            if (_group is not null)
            {
                // What the open group holds is committed: deferred writes, and durable writers still waiting.
                Exception? failure = null;
                try
                {
                    _group.Commit();
                }
                catch (SqliteException error)
                {
                    failure = error;
                }

                EndGroup(failure is null, failure);
            }

            SqliteStatements.Release(_connection);
            _connection.Dispose();
        }
        finally
        {
            _gate.Release(); // not disposed: a scheduled commit may still queue at it, and finds the database closed
        }
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    internal static string FormatTime(DateTimeOffset time) => time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    internal static DateTimeOffset ParseTime(string text) => DateTimeOffset.ParseExact(text, "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    internal static object Value(string? text) => text is null ? DBNull.Value : text;

    internal Lead ReadLeadJson(string json)
    {
        var result = _reader.ReadJsonLine(Encoding.UTF8.GetBytes(json));
        return result.Lead ?? throw new InvalidOperationException($"A lead stored in the SQLite database cannot be read back: {result.Error}");
    }

    /// <summary>Runs work on the connection, one caller at a time; it sees the writes of the open commit group (the same connection).</summary>
    internal async Task<T> RunAsync<T>(Func<SqliteConnection, T> work, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return work(_connection);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Runs a write, one caller at a time, in the open commit group (a savepoint of it, <c>mpl_write</c>, whose statements are kept like the others: if the work throws, its changes are
    /// undone and the group's other writes stay), and completes once the group is committed. Writes that arrive while a
    /// commit is under way wait for the next one and are committed together (group commit): one flush to disk for many
    /// writers, and each is acknowledged only once durable.
    /// </summary>
    internal Task<T> TransactAsync<T>(Func<SqliteConnection, SqliteTransaction, T> work, CancellationToken cancellationToken) =>
        WriteAsync(work, durable: true, cancellationToken);

    /// <summary>
    /// As <see cref="TransactAsync"/>, but completes as soon as the write is in the open commit group: the group is committed
    /// with the next durable write, when it has <see cref="MaxDeferredWrites"/> writes, or <see cref="DeferredCommitDelay"/>
    /// later at the latest. For state that another durable record can rebuild (the de-duplication state of leads the journal
    /// replays after a crash): a crash loses at most the writes of the open group, never one that a later committed write
    /// depends on (one connection: each commit holds every write before it).
    /// </summary>
    internal Task<T> DeferAsync<T>(Func<SqliteConnection, SqliteTransaction, T> work, CancellationToken cancellationToken) =>
        WriteAsync(work, durable: false, cancellationToken);

    /// <summary>The longest a deferred write waits for its commit when nothing durable comes.</summary>
    /// <remarks>A second: under load a durable write (a journal chunk, a sink's batch) commits the group long before; alone, the de-duplication state of a few leads waits that long (a crash replays them from the journal), and a group holds about a second of work, whose pages the commit writes once.</remarks>
    internal static readonly TimeSpan DeferredCommitDelay = TimeSpan.FromSeconds(1);

    /// <summary>
    /// SQLite's page cache per connection (its default is 2 MB): a commit group of a few thousand leads dirties pages of
    /// every table and index; with 2 MB they were written out and read back from the operating system before the commit
    /// (a tenth of the CPU of an import in <c>pread</c>). A ceiling, used as the database grows.
    /// </summary>
    internal const int PageCacheKilobytes = 64 * 1024;

    /// <summary>The most writes in one commit group before it is committed anyway (bounds the write-ahead log and the time a commit holds the gate).</summary>
    internal const int MaxDeferredWrites = 16_384;

    private async Task<T> WriteAsync<T>(Func<SqliteConnection, SqliteTransaction, T> work, bool durable, CancellationToken cancellationToken)
    {
        TaskCompletionSource? committed = null;
        T result;
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            ThrowIfBulkCommitFailed();
            var group = _group ??= OpenGroup();
            Run(_connection, group, "SAVEPOINT mpl_write");
            try
            {
                result = work(_connection, group);
            }
            catch
            {
                UndoWrite(group);
                throw;
            }

            Run(_connection, group, "RELEASE mpl_write");
            _groupWrites++;
            if (_bulkCommitLeads > 0)
            {
                // Nobody waits for a commit: the group is committed once it holds BulkCommitLeads accepted leads (or twice as
                // many writes of other kinds), BulkCommitDelay after its first write, or by FlushAsync and Dispose.
                ScheduleCommit(immediately: _groupLeads >= _bulkCommitLeads || _groupWrites >= (2 * _bulkCommitLeads) + MaxDeferredWrites);
            }
            else if (durable)
            {
                committed = new TaskCompletionSource();
                (_waiting ??= []).Add(committed);
                ScheduleCommit(immediately: true);
            }
            else
            {
                ScheduleCommit(immediately: _groupWrites >= MaxDeferredWrites);
            }
        }
        finally
        {
            _gate.Release();
        }

        if (committed is not null)
        {
            await committed.Task.ConfigureAwait(false);
        }

        return result;
    }

    private SqliteTransaction OpenGroup()
    {
        var group = _connection.BeginTransaction();
        SqliteStatements.SetTransaction(_connection, group);
        return group;
    }

    /// <summary>Undoes a failed write's changes, keeping the group's others; when SQLite already rolled back the whole transaction (an I/O error, a full disk), the group is gone and its waiting writers fail.</summary>
    private void UndoWrite(SqliteTransaction group)
    {
        try
        {
            Run(_connection, group, "ROLLBACK TO mpl_write");
            Run(_connection, group, "RELEASE mpl_write");
        }
        catch (SqliteException error)
        {
            EndGroup(committed: false, error);
        }
    }

    private void ScheduleCommit(bool immediately)
    {
        if (immediately ? _commitSoon : _commitSoon || _commitLater)
        {
            return;
        }

        if (immediately)
        {
            _commitSoon = true;
            _ = CommitGroupAsync(TimeSpan.Zero);
        }
        else
        {
            _commitLater = true;
            _ = CommitGroupAsync(_bulkCommitLeads > 0 ? BulkCommitDelay : DeferredCommitDelay);
        }
    }

    /// <summary>Commits the open group once the writers queued at the gate now have added theirs (they are ahead of this in the gate's queue), then tells its durable writers.</summary>
    private async Task CommitGroupAsync(TimeSpan delay)
    {
        try
        {
            if (delay > TimeSpan.Zero)
            {
                await Task.Delay(delay, TimeProvider.System).ConfigureAwait(false); // I/O batching, not business time
            }
            else
            {
                await Task.Yield();
            }

            await _gate.WaitAsync().ConfigureAwait(false);
        }
        catch (ObjectDisposedException)
        {
            return; // disposed meanwhile: Dispose committed the group
        }

        List<TaskCompletionSource>? waiting;
        Exception? failure = null;
        try
        {
            if (delay > TimeSpan.Zero)
            {
                _commitLater = false;
            }
            else
            {
                _commitSoon = false;
            }

            waiting = _waiting;
            _waiting = null;
            if (!_disposed)
            {
                failure = CommitOpenGroup();
            }
        }
        finally
        {
            _gate.Release();
        }

        Tell(waiting, failure);
    }

    /// <summary>Closes the open group (already committed, or rolled back here) and, unless the caller does it after leaving the gate, tells its durable writers.</summary>
    private void EndGroup(bool committed, Exception? failure, bool tell = true)
    {
        var group = _group;
        _group = null;
        _groupWrites = 0;
        var leads = _groupLeads;
        _groupLeads = 0;
        SqliteStatements.SetTransaction(_connection, null);
        if (group is not null)
        {
            if (!committed)
            {
                GroupsLost++;
                if (_bulkCommitLeads > 0)
                {
                    _bulkFailure ??= BulkCommitFailed(leads, failure);
                }

                try
                {
                    group.Rollback();
                }
                catch (SqliteException)
                {
                    // SQLite rolled it back already
                }
                catch (InvalidOperationException)
                {
                    // completed already
                }
            }

            group.Dispose();
        }

        if (tell)
        {
            var waiting = _waiting;
            _waiting = null;
            Tell(waiting, failure);
        }
    }

    /// <summary>The longest the open group of a bulk import waits for its commit when fewer than <see cref="SqliteLeadsOptions.BulkCommitLeads"/> leads come.</summary>
    internal static readonly TimeSpan BulkCommitDelay = TimeSpan.FromSeconds(30);

    /// <summary>Counts leads accepted in the open commit group (under the gate, by the journal's write): with <see cref="SqliteLeadsOptions.BulkCommitLeads"/>, the group commits once it holds that many.</summary>
    internal void NoteAccepted(int leads) => _groupLeads += leads;

    /// <summary>
    /// Commits what the open commit group holds, and waits for it. With <see cref="SqliteLeadsOptions.BulkCommitLeads"/> this is
    /// how an import knows its leads are stored: call it once the pipeline has stopped (disposing the database commits too,
    /// but cannot report a failure). Without it, every durable write has committed already and this commits the deferred
    /// de-duplication state early.
    /// </summary>
    /// <param name="cancellationToken">Cancels waiting for the database.</param>
    /// <returns>A task that completes once committed.</returns>
    /// <exception cref="InvalidOperationException">A commit failed (a full disk, an I/O error): the leads accepted since the commit before it were not stored; the message says how many and why.</exception>
    /// <exception cref="ObjectDisposedException">The database was disposed.</exception>
    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        List<TaskCompletionSource>? waiting = null;
        Exception? failure = null;
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            ThrowIfBulkCommitFailed();
            waiting = _waiting;
            _waiting = null;
            failure = CommitOpenGroup();
        }
        finally
        {
            _gate.Release();
        }

        Tell(waiting, failure);
        if (failure is not null)
        {
            throw _bulkFailure ?? new InvalidOperationException("The SQLite lead database could not commit; nothing of the open commit was kept. " + failure.Message, failure);
        }
    }

    /// <summary>Commits the open group, if any, and closes it (under the gate; its waiting writers are told by the caller, after leaving the gate).</summary>
    /// <returns>The commit's failure (the group rolled back; a bulk group's failure is kept for the later writes), or <see langword="null"/>.</returns>
    private Exception? CommitOpenGroup()
    {
        if (_group is null)
        {
            return null;
        }

        Exception? failure = null;
        try
        {
            _group.Commit();
            Commits++;
        }
        catch (Exception error)
        {
            failure = error;
        }

        EndGroup(failure is null, failure, tell: false);
        return failure;
    }

    private void ThrowIfBulkCommitFailed()
    {
        if (_bulkFailure is { } failure)
        {
            throw new InvalidOperationException(failure.Message, failure.InnerException);
        }
    }

    private static InvalidOperationException BulkCommitFailed(int leads, Exception? cause) => new(
        string.Create(CultureInfo.InvariantCulture, $"A commit of the SQLite lead database failed: the {leads:N0} leads accepted since the commit before it (BulkCommitLeads) were not stored, and nothing more is written. Import the same source again once the cause is fixed; the leads stored before are recognised as already known. Cause: {cause?.Message ?? "the transaction was rolled back"}"),
        cause);

    /// <summary>Gets how many commit groups were committed (for tests: writes share commits). Read under the gate or after the writes.</summary>
    internal long Commits { get; private set; }

    /// <summary>Gets how many commit groups were rolled back whole (their deferred writes lost): what caches the stores keep must be read again. Read under the gate.</summary>
    internal long GroupsLost { get; private set; }

    private static void Tell(List<TaskCompletionSource>? waiting, Exception? failure)
    {
        if (waiting is null)
        {
            return;
        }

        // In order: a writer's continuation (the pipeline queueing the accepted lead) runs before the next one's.
        foreach (var writer in waiting)
        {
            if (failure is null)
            {
                writer.TrySetResult();
            }
            else
            {
                writer.TrySetException(new InvalidOperationException("The SQLite lead database could not commit the write; nothing of it was kept. " + failure.Message, failure));
            }
        }
    }

    internal Task<List<T>> QueryAsync<T>(string sql, Action<SqliteCommand> bind, Func<SqliteDataReader, T> map, CancellationToken cancellationToken) =>
        RunAsync(
            connection =>
            {
                using var command = connection.CreateCommand();
                command.Transaction = _group;
                command.CommandText = sql;
                bind(command);
                using var reader = command.ExecuteReader();
                var rows = new List<T>();
                while (reader.Read())
                {
                    rows.Add(map(reader));
                }

                return rows;
            },
            cancellationToken);

    /// <summary>A command for <paramref name="sql"/> with its parameters bound; the statement is compiled once per connection and reused (<see cref="SqliteStatements"/>). Dispose it when done.</summary>
    internal static SqliteStatement Command(SqliteConnection connection, SqliteTransaction? transaction, string sql, params (string Name, object? Value)[] parameters) =>
        SqliteStatements.Get(connection, transaction, sql, parameters);

    internal static void Run(SqliteConnection connection, SqliteTransaction transaction, string sql, params (string Name, object? Value)[] parameters) =>
        Changes(connection, transaction, sql, parameters);

    /// <summary>Runs a statement that writes, and returns the rows it changed.</summary>
    internal static int Changes(SqliteConnection connection, SqliteTransaction transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(connection, transaction, sql, parameters);
        return command.ExecuteNonQuery();
    }

    private void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private void Migrate()
    {
        using var transaction = _connection.BeginTransaction();
        using (var create = Command(_connection, transaction, Schema))
        {
            create.ExecuteNonQuery();
        }

        using var read = Command(_connection, transaction, "SELECT version FROM schema_info LIMIT 1");
        var stored = read.ExecuteScalar();
        if (stored is null)
        {
            using var write = Command(_connection, transaction, "INSERT INTO schema_info(version) VALUES ($version)", ("$version", SchemaVersion));
            write.ExecuteNonQuery();
            Run(_connection, transaction, IndexesOnUpgradedColumns);
            transaction.Commit();
            return;
        }

        var version = Convert.ToInt32(stored, CultureInfo.InvariantCulture);
        if (version > SchemaVersion)
        {
            throw new InvalidOperationException($"The SQLite lead database '{_connection.DataSource}' has schema version {version}, newer than the {SchemaVersion} this version of MarketplaceLeads.Sqlite reads; upgrade the package.");
        }

        // Upgrades, one version at a time, in the same transaction. Version 3 added tables (decisions, kept-apart pairs, the
        // review log), which the schema above creates — a lead saved before has no decision row, and the store tells what
        // its lead and profile say — and the order in which leads were filed under a key (dedup_keys.seq).
        if (version < 2)
        {
            Run(_connection, transaction, "ALTER TABLE dedup_possibles ADD COLUMN explanation TEXT");
        }

        if (version < 3 && !HasColumn(transaction, "dedup_keys", "seq"))
        {
            // Leads filed before keep their order by id, ahead of those filed after.
            Run(_connection, transaction, "ALTER TABLE dedup_keys ADD COLUMN seq INTEGER");
        }

        if (version < 4 && !HasColumn(transaction, "journal_leads", "lead_at"))
        {
            // When each journaled lead happened (created, else received), to tell a redelivery from repeat interest.
            Run(_connection, transaction, "ALTER TABLE journal_leads ADD COLUMN lead_at TEXT");
        }

        if (version < 5)
        {
            // The JSON of a lead still pending moves to journal_payloads, keyed by its acceptance sequence (appended in order,
            // deleted once every sink has the lead, so its pages are reused); journal_leads keeps ids and times only.
            Run(_connection, transaction, "INSERT OR IGNORE INTO journal_payloads(seq, lead_json) SELECT seq, lead_json FROM journal_leads WHERE lead_json IS NOT NULL");
            Run(_connection, transaction, "UPDATE journal_leads SET lead_json = NULL WHERE lead_json IS NOT NULL");
        }

        if (!HasColumn(transaction, "dedup_keys", "profile_id"))
        {
            // Version 5 files each key entry with its lead's profile and numbers the entries of a key (seq, in filing
            // order; entries filed before version 3 first, by lead id), so that filing a lead and finding a key's profiles
            // need no join and no scan of the key's entries.
            Run(_connection, transaction, """
                CREATE TABLE dedup_keys_v5(
                    key INTEGER NOT NULL, seq INTEGER NOT NULL, lead_id TEXT NOT NULL, profile_id TEXT NOT NULL, PRIMARY KEY(key, seq)) WITHOUT ROWID;
                INSERT INTO dedup_keys_v5(key, seq, lead_id, profile_id)
                    SELECT k.key, ROW_NUMBER() OVER (PARTITION BY k.key ORDER BY k.seq NULLS FIRST, k.lead_id), k.lead_id, l.profile_id
                    FROM dedup_keys k JOIN dedup_leads l ON l.lead_id = k.lead_id;
                DROP TABLE dedup_keys;
                ALTER TABLE dedup_keys_v5 RENAME TO dedup_keys;
                """);
        }

        if (!HasColumn(transaction, "dedup_leads", "filed"))
        {
            // Version 6 keeps what the de-duplication store writes for a lead in the lead's row: the keys it was filed under
            // (8 bytes each) and its filing number, from which the store builds its in-memory blocking-key index, and the
            // decision. Rows written before keep theirs in dedup_keys and dedup_decisions, which the store still reads.
            Run(_connection, transaction, """
                ALTER TABLE dedup_leads ADD COLUMN keys BLOB;
                ALTER TABLE dedup_leads ADD COLUMN filed INTEGER;
                ALTER TABLE dedup_leads ADD COLUMN outcome TEXT;
                ALTER TABLE dedup_leads ADD COLUMN decided TEXT;
                ALTER TABLE dedup_leads ADD COLUMN reason TEXT;
                ALTER TABLE dedup_leads ADD COLUMN explanation TEXT;
                ALTER TABLE dedup_leads ADD COLUMN merged TEXT;
                """);
        }

        // Version 7 adds the audit record of erasures (erasures: ids, a time and counts, no personal data), which the schema
        // above creates.
        if (!HasColumn(transaction, "follow_up_touches", "leads"))
        {
            // The leads each touch was about, so that it follows them through merges and splits. A column an older version
            // ignores (it reads the others by name), so not a new schema version; touches recorded before have none.
            Run(_connection, transaction, "ALTER TABLE follow_up_touches ADD COLUMN leads TEXT");
        }

        if (!HasColumn(transaction, "dead_letters", "retried_at"))
        {
            // When a person retried a dead letter with success (ILeadDeadLetterStore). A column an older version ignores (it
            // reads the others by name), so not a new schema version; dead letters kept before are not retried.
            Run(_connection, transaction, "ALTER TABLE dead_letters ADD COLUMN retried_at TEXT");
        }

        // Version 8 stores match explanations (dedup_leads.explanation, dedup_possibles.explanation) as compact bytes
        // (ExplanationCodec) instead of JSON text: rows written before keep their text, which this version still reads; an
        // older version would misread the bytes, hence the new version.
        if (version < SchemaVersion)
        {
            Run(_connection, transaction, "UPDATE schema_info SET version = $version", ("$version", SchemaVersion));
        }

        Run(_connection, transaction, IndexesOnUpgradedColumns);
        transaction.Commit();
    }

    /// <summary>Indexes on columns an upgrade adds: created once the columns exist.</summary>
    private const string IndexesOnUpgradedColumns = "CREATE INDEX IF NOT EXISTS dedup_keys_profile ON dedup_keys(profile_id, key);";

    private bool HasColumn(SqliteTransaction transaction, string table, string column)
    {
        using var find = Command(_connection, transaction, "SELECT COUNT(*) FROM pragma_table_info($table) WHERE name = $column", ("$table", table), ("$column", column));
        return Convert.ToInt64(find.ExecuteScalar(), CultureInfo.InvariantCulture) != 0;
    }
}
