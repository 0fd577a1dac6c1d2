using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace MarketplaceLeads.Sqlite;

/// <summary>
/// The prepared statements of one connection, kept for reuse: SQLite compiles a statement's text into a program, and
/// compiling took about a third of the durable path's CPU when every statement built a new command. A statement is kept
/// when its text is a literal of this package (an interned string: texts built at run time, such as an <c>IN</c> list,
/// are compiled each time), at most <see cref="MaxKept"/> of them. Used only under <see cref="SqliteLeadDatabase"/>'s
/// gate, one caller at a time.
/// </summary>
internal sealed class SqliteStatements
{
    /// <summary>The most statements kept per connection: the package has a few dozen.</summary>
    public const int MaxKept = 128;

    private static readonly ConditionalWeakTable<SqliteConnection, SqliteStatements> OfConnection = new();

    private readonly Dictionary<string, Entry> _kept = new(StringComparer.Ordinal);

    /// <summary>The connection's open transaction (the database's commit group), which every command must run in.</summary>
    private SqliteTransaction? _open;

    /// <summary>Sets the transaction the connection's commands run in when their caller names none.</summary>
    public static void SetTransaction(SqliteConnection connection, SqliteTransaction? transaction) =>
        OfConnection.GetValue(connection, static _ => new SqliteStatements())._open = transaction;

    /// <summary>Gets a statement for <paramref name="sql"/> on <paramref name="connection"/>, in <paramref name="transaction"/>, with the parameters to bind when it runs: a kept one when it can be reused, else a new command.</summary>
    public static SqliteStatement Get(SqliteConnection connection, SqliteTransaction? transaction, string sql, (string Name, object? Value)[] parameters)
    {
        var statements = OfConnection.GetValue(connection, static _ => new SqliteStatements());
        transaction ??= statements._open;
        if (!statements._kept.TryGetValue(sql, out var entry))
        {
            if (statements._kept.Count >= MaxKept || string.IsInterned(sql) is null)
            {
                return new SqliteStatement(New(connection, transaction, sql, parameters), null, null, null);
            }

            entry = new Entry(connection, sql);
            statements._kept[sql] = entry;
        }
        else if (entry.InUse)
        {
            // The same statement while its reader is still open (a nested use): a command of its own for this one.
            return new SqliteStatement(New(connection, transaction, sql, parameters), null, null, null);
        }

        entry.InUse = true;
        return new SqliteStatement(null, entry, transaction, parameters);
    }

    /// <summary>Disposes the kept statements of a connection about to be closed.</summary>
    public static void Release(SqliteConnection connection)
    {
        if (OfConnection.TryGetValue(connection, out var statements))
        {
            OfConnection.Remove(connection);
            foreach (var entry in statements._kept.Values)
            {
                entry.Dispose();
            }

            statements._kept.Clear();
        }
    }

    private static SqliteCommand New(SqliteConnection connection, SqliteTransaction? transaction, string sql, (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, ValueOf(value));
        }

        return command;
    }

    /// <summary>A parameter's value as ADO.NET binds it: the package's own value types as their text.</summary>
    internal static object ValueOf(object? value) => value switch
    {
        null => DBNull.Value,
        Utf8Text text => text.ToString(),
        LeadId id => id.ToString(),
        _ => value,
    };

    /// <summary>A kept statement: its text, compiled once for running without a reader (straight on SQLite's statement handle, which allocates nothing a run), and an ADO.NET command for reading rows.</summary>
    internal sealed class Entry(SqliteConnection connection, string sql) : IDisposable
    {
        /// <summary>How often a busy or locked database is tried again, 150 ms apart: about ADO.NET's default command time-out of 30 seconds.</summary>
        private const int BusyRetries = 200;

        private SqliteCommand? _command;
        private sqlite3_stmt? _raw;
        private bool _rawUnusable;
        private string[]? _names; // the parameter names _indexes was worked out for (names only: values are not kept)
        private int[] _indexes = [];

        public bool InUse { get; set; }

        /// <summary>Gets the ADO.NET command for this text, bound to <paramref name="parameters"/> in <paramref name="transaction"/>.</summary>
        public SqliteCommand Command(SqliteTransaction? transaction, (string Name, object? Value)[] parameters)
        {
            var command = _command ??= CreateCommand();
            command.Transaction = transaction;
            var bound = command.Parameters;
            if (bound.Count == parameters.Length && SameNames(bound, parameters))
            {
                for (var i = 0; i < parameters.Length; i++)
                {
                    bound[i].Value = ValueOf(parameters[i].Value);
                }
            }
            else
            {
                bound.Clear();
                foreach (var (name, value) in parameters)
                {
                    bound.AddWithValue(name, ValueOf(value));
                }
            }

            return command;
        }

        /// <summary>Gets the kept command, if one was made (for tests).</summary>
        public SqliteCommand? KeptCommand => _command;

        /// <summary>Runs the statement on SQLite's handle with <paramref name="parameters"/>: the rows changed, or <see langword="null"/> when this statement or a value cannot be run so (several statements in the text, a value of another type) and the command must run it.</summary>
        public int? TryExecuteNonQuery((string Name, object? Value)[] parameters)
        {
            if (!TryBind(parameters, out var statement))
            {
                return null;
            }

            try
            {
                int rc;
                while ((rc = Step(statement)) == raw.SQLITE_ROW)
                {
                }

                ThrowIfFailed(rc);

                // As ADO.NET counts: the rows a statement that writes changed, -1 for one that only reads.
                return raw.sqlite3_stmt_readonly(statement) != 0 ? -1 : raw.sqlite3_changes(connection.Handle);
            }
            finally
            {
                Unbind(statement);
            }
        }

        /// <summary>Runs the statement on SQLite's handle and returns the first column of its first row as ADO.NET does (<see cref="long"/>, <see cref="double"/>, <see cref="string"/>, a byte array or <see cref="DBNull"/>; <see langword="null"/> without a row); <paramref name="ran"/> is <see langword="false"/> when the command must run it.</summary>
        public object? TryExecuteScalar((string Name, object? Value)[] parameters, out bool ran)
        {
            ran = false;
            if (!TryBind(parameters, out var statement))
            {
                return null;
            }

            try
            {
                var rc = Step(statement);
                object? value = null;
                if (rc == raw.SQLITE_ROW)
                {
                    value = raw.sqlite3_column_type(statement, 0) switch
                    {
                        raw.SQLITE_INTEGER => raw.sqlite3_column_int64(statement, 0),
                        raw.SQLITE_FLOAT => raw.sqlite3_column_double(statement, 0),
                        raw.SQLITE_TEXT => raw.sqlite3_column_text(statement, 0).utf8_to_string(),
                        raw.SQLITE_BLOB => raw.sqlite3_column_blob(statement, 0).ToArray(),
                        _ => DBNull.Value,
                    };
                    while ((rc = raw.sqlite3_step(statement)) == raw.SQLITE_ROW)
                    {
                    }
                }

                ThrowIfFailed(rc);
                ran = true;
                return value;
            }
            finally
            {
                Unbind(statement);
            }
        }

        public void Dispose()
        {
            _command?.Dispose();
            _raw?.Dispose();
        }

        /// <summary>
        /// Steps the statement; while SQLite answers that the database is busy or locked (another connection's write, beyond what the
        /// busy timeout waits for, such as a read transaction that cannot be upgraded), resets and tries again every 150 ms, about
        /// 30 seconds in all, as ADO.NET's command does, then gives the last answer.
        /// </summary>
        private static int Step(sqlite3_stmt statement)
        {
            var rc = raw.sqlite3_step(statement);
            if (!IsBusy(rc))
            {
                return rc;
            }

            for (var tries = 0; IsBusy(rc) && tries < BusyRetries; tries++)
            {
                raw.sqlite3_reset(statement);
                System.Threading.Thread.Sleep(150);
                rc = raw.sqlite3_step(statement);
            }

            return rc;
        }

        private static bool IsBusy(int rc) => (rc & 0xFF) is raw.SQLITE_BUSY or raw.SQLITE_LOCKED;

        private static int BindId(sqlite3_stmt statement, int index, LeadId id)
        {
            Span<byte> text = stackalloc byte[LeadId.TextLength];
            id.TryFormat(text, out var written);
            return raw.sqlite3_bind_text(statement, index, text[..written]);
        }

        private static void Unbind(sqlite3_stmt statement)
        {
            raw.sqlite3_reset(statement);
            raw.sqlite3_clear_bindings(statement);
        }

        private static bool SameNames(SqliteParameterCollection bound, (string Name, object? Value)[] parameters)
        {
            for (var i = 0; i < parameters.Length; i++)
            {
                if (!string.Equals(bound[i].ParameterName, parameters[i].Name, StringComparison.Ordinal))
                {
                    return false;
                }
            }

            return true;
        }

        private SqliteCommand CreateCommand()
        {
            var command = connection.CreateCommand();
            command.CommandText = sql;
            return command;
        }

        private void ThrowIfFailed(int rc)
        {
            if (rc != raw.SQLITE_DONE)
            {
                SqliteException.ThrowExceptionForRC(rc, connection.Handle);
            }
        }

        private bool TryBind((string Name, object? Value)[] parameters, out sqlite3_stmt statement)
        {
            statement = null!;
            if (_rawUnusable)
            {
                return false;
            }

            if (_raw is null)
            {
                var rc = raw.sqlite3_prepare_v2(connection.Handle, sql, out var prepared, out var tail);
                if (rc != raw.SQLITE_OK || prepared is null || !string.IsNullOrWhiteSpace(tail))
                {
                    // Several statements in one text, or one SQLite will not compile: the command runs it (and reports the error).
                    prepared?.Dispose();
                    _rawUnusable = true;
                    return false;
                }

                _raw = prepared;
            }

            if (!SameNames(parameters))
            {
                if (raw.sqlite3_bind_parameter_count(_raw) != parameters.Length)
                {
                    return false;
                }

                var indexes = new int[parameters.Length];
                for (var i = 0; i < parameters.Length; i++)
                {
                    indexes[i] = raw.sqlite3_bind_parameter_index(_raw, parameters[i].Name);
                    if (indexes[i] <= 0)
                    {
                        return false;
                    }
                }

                _indexes = indexes;
                _names = Array.ConvertAll(parameters, static p => p.Name);
            }

            for (var i = 0; i < parameters.Length; i++)
            {
                var index = _indexes[i];
                var rc = parameters[i].Value switch
                {
                    null or DBNull => raw.sqlite3_bind_null(_raw, index),
                    string text => raw.sqlite3_bind_text16(_raw, index, text.AsSpan()),
                    Utf8Text text => raw.sqlite3_bind_text(_raw, index, text.Bytes),
                    LeadId id => BindId(_raw, index, id),
                    long number => raw.sqlite3_bind_int64(_raw, index, number),
                    int number => raw.sqlite3_bind_int64(_raw, index, number),
                    bool flag => raw.sqlite3_bind_int64(_raw, index, flag ? 1 : 0),
                    double number => raw.sqlite3_bind_double(_raw, index, number),
                    byte[] bytes => raw.sqlite3_bind_blob(_raw, index, bytes),
                    _ => -1,
                };
                if (rc != raw.SQLITE_OK)
                {
                    // A type this path does not bind as ADO.NET would (dates, GUIDs, ...): the command binds them.
                    raw.sqlite3_clear_bindings(_raw);
                    return false;
                }
            }

            statement = _raw;
            return true;
        }

        private bool SameNames((string Name, object? Value)[] parameters)
        {
            if (_names is null || _names.Length != parameters.Length)
            {
                return false;
            }

            for (var i = 0; i < parameters.Length; i++)
            {
                if (!string.Equals(_names[i], parameters[i].Name, StringComparison.Ordinal))
                {
                    return false;
                }
            }

            return true;
        }
    }
}

/// <summary>A statement from <see cref="SqliteStatements.Get"/>: run it, then dispose it (a kept statement is handed back for reuse, a new command is disposed).</summary>
internal readonly struct SqliteStatement(SqliteCommand? command, SqliteStatements.Entry? kept, SqliteTransaction? transaction, (string Name, object? Value)[]? parameters) : IDisposable
{
    /// <summary>Gets the ADO.NET command (for tests: whether it is the kept one); a kept statement's command is bound by this call.</summary>
    internal SqliteCommand Command => command ?? kept!.Command(transaction, parameters!);

    public SqliteDataReader ExecuteReader() => Command.ExecuteReader();

    public int ExecuteNonQuery()
    {
        if (kept is not null && kept.TryExecuteNonQuery(parameters!) is { } changed)
        {
            return changed;
        }

        return Command.ExecuteNonQuery();
    }

    public object? ExecuteScalar()
    {
        if (kept is not null)
        {
            var value = kept.TryExecuteScalar(parameters!, out var ran);
            if (ran)
            {
                return value;
            }
        }

        return Command.ExecuteScalar();
    }

    public void Dispose()
    {
        if (kept is null)
        {
            command!.Dispose();
            return;
        }

        // A kept command outlives the call: it lets go of the values (lead JSON, e-mail addresses) it was given.
        if (kept.KeptCommand is { } bound)
        {
            foreach (SqliteParameter parameter in bound.Parameters)
            {
                parameter.Value = DBNull.Value;
            }
        }

        kept.InUse = false;
    }
}

/// <summary>A text parameter already encoded as UTF-8 (a lead's JSON, serialized so): bound as text without making a string of it.</summary>
internal sealed class Utf8Text(byte[] bytes)
{
    /// <summary>Gets the UTF-8 bytes.</summary>
    public ReadOnlySpan<byte> Bytes => bytes;

    /// <summary>Gets a lead's JSON, as <see cref="LeadJsonLines.Serialize"/> writes it, in UTF-8.</summary>
    public static Utf8Text Json(Lead lead) => new(LeadJsonLines.SerializeToUtf8Bytes(lead));

    /// <summary>Gets the text.</summary>
    public override string ToString() => System.Text.Encoding.UTF8.GetString(bytes);
}
