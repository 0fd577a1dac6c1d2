using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;

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

    /// <summary>Gets a command for <paramref name="sql"/> on <paramref name="connection"/>, in <paramref name="transaction"/>, with the parameters bound: a kept one when it can be reused, else a new one.</summary>
    public static SqliteStatement Get(SqliteConnection connection, SqliteTransaction? transaction, string sql, ReadOnlySpan<(string Name, object? Value)> parameters)
    {
        var statements = OfConnection.GetValue(connection, static _ => new SqliteStatements());
        transaction ??= statements._open;
        if (!statements._kept.TryGetValue(sql, out var entry))
        {
            if (statements._kept.Count >= MaxKept || string.IsInterned(sql) is null)
            {
                return new SqliteStatement(New(connection, transaction, sql, parameters), null);
            }

            entry = new Entry(connection.CreateCommand());
            entry.Command.CommandText = sql;
            statements._kept[sql] = entry;
        }
        else if (entry.InUse)
        {
            // The same statement while its reader is still open (a nested use): a command of its own for this one.
            return new SqliteStatement(New(connection, transaction, sql, parameters), null);
        }

        var command = entry.Command;
        command.Transaction = transaction;
        var bound = command.Parameters;
        if (bound.Count == parameters.Length && SameNames(bound, parameters))
        {
            for (var i = 0; i < parameters.Length; i++)
            {
                bound[i].Value = parameters[i].Value ?? DBNull.Value;
            }
        }
        else
        {
            bound.Clear();
            foreach (var (name, value) in parameters)
            {
                bound.AddWithValue(name, value ?? DBNull.Value);
            }
        }

        entry.InUse = true;
        return new SqliteStatement(command, entry);
    }

    /// <summary>Disposes the kept statements of a connection about to be closed.</summary>
    public static void Release(SqliteConnection connection)
    {
        if (OfConnection.TryGetValue(connection, out var statements))
        {
            OfConnection.Remove(connection);
            foreach (var entry in statements._kept.Values)
            {
                entry.Command.Dispose();
            }

            statements._kept.Clear();
        }
    }

    private static SqliteCommand New(SqliteConnection connection, SqliteTransaction? transaction, string sql, ReadOnlySpan<(string Name, object? Value)> parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }

    private static bool SameNames(SqliteParameterCollection bound, ReadOnlySpan<(string Name, object? Value)> parameters)
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

    /// <summary>A kept command, and whether a caller holds it now.</summary>
    internal sealed class Entry(SqliteCommand command)
    {
        public SqliteCommand Command { get; } = command;

        public bool InUse { get; set; }
    }
}

/// <summary>A command from <see cref="SqliteStatements.Get"/>: run it, then dispose it (a kept command is handed back for reuse, a new one is disposed).</summary>
internal readonly struct SqliteStatement(SqliteCommand command, SqliteStatements.Entry? kept) : IDisposable
{
    /// <summary>Gets the command (for tests: whether it is the kept one).</summary>
    internal SqliteCommand Command => command;

    public SqliteDataReader ExecuteReader() => command.ExecuteReader();

    public int ExecuteNonQuery() => command.ExecuteNonQuery();

    public object? ExecuteScalar() => command.ExecuteScalar();

    public void Dispose()
    {
        if (kept is null)
        {
            command.Dispose();
            return;
        }

        // A kept command outlives the call: it lets go of the values (lead JSON, e-mail addresses) it was given.
        foreach (SqliteParameter parameter in command.Parameters)
        {
            parameter.Value = DBNull.Value;
        }

        kept.InUse = false;
    }
}
