using System;
using System.Linq;
using Microsoft.Data.Sqlite;

namespace MarketplaceLeads.Sqlite.Tests;

/// <summary>The statement cache: a literal statement is compiled once per connection and reused with new parameters; a nested use or a statement built at run time gets a command of its own.</summary>
public sealed class SqliteStatementsTests : IDisposable
{
    private const string Insert = "INSERT INTO t(k, v) VALUES ($k, $v)";
    private const string Select = "SELECT v FROM t WHERE k = $k";

    private readonly SqliteConnection _connection = new("Data Source=:memory:");

    public SqliteStatementsTests()
    {
        _connection.Open();
        using var create = _connection.CreateCommand();
        create.CommandText = "CREATE TABLE t(k INTEGER PRIMARY KEY, v TEXT)";
        create.ExecuteNonQuery();
    }

    [Fact]
    public void LiteralStatement_IsReused_WithEachCallsParameters()
    {
        using (var transaction = _connection.BeginTransaction())
        {
            for (var k = 0; k < 3; k++)
            {
                using var insert = SqliteStatements.Get(_connection, transaction, Insert, [("$k", k), ("$v", k == 1 ? null : "v" + k)]);
                Assert.Equal(1, insert.ExecuteNonQuery());
            }

            transaction.Commit();
        }

        // Outside the transaction now: the kept command takes the caller's transaction (none), not the last one's.
        Assert.Equal("v0", Scalar(0));
        Assert.Equal(DBNull.Value, Scalar(1));
        Assert.Equal("v2", Scalar(2));
        Assert.Same(CommandOf(Select), CommandOf(Select));
    }

    [Fact]
    public void NestedUse_GetsACommandOfItsOwn_WhileTheReaderIsOpen()
    {
        using (var insert = SqliteStatements.Get(_connection, null, Insert, [("$k", 1), ("$v", "one")]))
        {
            insert.ExecuteNonQuery();
        }

        using var outer = SqliteStatements.Get(_connection, null, Select, [("$k", 1)]);
        using var reader = outer.ExecuteReader();
        Assert.True(reader.Read());

        // The same statement again while the outer reader is open: it must not disturb it.
        Assert.Equal("one", Scalar(1));
        Assert.Equal("one", reader.GetString(0));
    }

    [Fact]
    public void KeptStatement_LetsGoOfItsValues_OnceDisposed()
    {
        SqliteCommand kept;
        using (var insert = SqliteStatements.Get(_connection, null, Insert, [("$k", 7), ("$v", "ana@contoso.example")]))
        {
            insert.ExecuteNonQuery();
            kept = insert.Command;
        }

        Assert.All(kept.Parameters.Cast<SqliteParameter>(), static p => Assert.Equal(DBNull.Value, p.Value));
    }

    [Fact]
    public void StatementBuiltAtRunTime_IsNotKept()
    {
        var built = string.Concat("SELECT v FROM t WHERE k IN (", string.Join(", ", 1, 2, 3), ")");

        Assert.NotSame(CommandOf(built), CommandOf(built));
    }

    public void Dispose()
    {
        SqliteStatements.Release(_connection);
        _connection.Dispose();
    }

    private object? Scalar(int k)
    {
        using var select = SqliteStatements.Get(_connection, null, Select, [("$k", k)]);
        return select.ExecuteScalar();
    }

    private SqliteCommand CommandOf(string sql)
    {
        using var statement = SqliteStatements.Get(_connection, null, sql, []);
        return statement.Command;
    }
}
