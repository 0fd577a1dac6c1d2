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

    [Fact]
    public void KeptStatement_RunsWithoutAReader_AnswersAsTheCommandWould()
    {
        using (var create = SqliteStatements.Get(_connection, null, "CREATE TABLE kinds(i INTEGER, r REAL, s TEXT, b BLOB, n TEXT)", []))
        {
            Assert.Equal(0, create.ExecuteNonQuery());
        }

        using (var read = SqliteStatements.Get(_connection, null, "SELECT COUNT(*) FROM kinds", []))
        {
            Assert.Equal(-1, read.ExecuteNonQuery()); // a statement that only reads, as ADO.NET counts it
        }

        const string Write = "INSERT INTO kinds(i, r, s, b, n) VALUES ($i, $r, $s, $b, $n)";
        using (var insert = SqliteStatements.Get(_connection, null, Write, [("$i", 42L), ("$r", 1.5), ("$s", "Zoë ☕ 𝄞"), ("$b", new byte[] { 1, 2, 3 }), ("$n", null)]))
        {
            Assert.Equal(1, insert.ExecuteNonQuery());
        }

        // A value this path does not bind itself (a date) goes to the command, which binds it as ADO.NET does.
        var at = new DateTime(2026, 12, 7, 5, 30, 0, DateTimeKind.Utc);
        using (var insert = SqliteStatements.Get(_connection, null, Write, [("$i", true), ("$r", 2), ("$s", at), ("$b", null), ("$n", DBNull.Value)]))
        {
            Assert.Equal(1, insert.ExecuteNonQuery());
        }

        Assert.Equal(42L, ScalarOf("SELECT i FROM kinds WHERE rowid = 1"));
        Assert.Equal(1.5, ScalarOf("SELECT r FROM kinds WHERE rowid = 1"));
        Assert.Equal("Zoë ☕ 𝄞", ScalarOf("SELECT s FROM kinds WHERE rowid = 1"));
        Assert.Equal(new byte[] { 1, 2, 3 }, ScalarOf("SELECT b FROM kinds WHERE rowid = 1"));
        Assert.Equal(DBNull.Value, ScalarOf("SELECT n FROM kinds WHERE rowid = 1"));
        Assert.Null(ScalarOf("SELECT i FROM kinds WHERE rowid = 99"));
        Assert.Equal(1L, ScalarOf("SELECT i FROM kinds WHERE rowid = 2"));
        Assert.Equal(2.0, ScalarOf("SELECT r FROM kinds WHERE rowid = 2")); // REAL affinity reads an integer back as a real
        using (var command = _connection.CreateCommand())
        {
            command.CommandText = "SELECT s FROM kinds WHERE rowid = 2";
            command.Parameters.AddWithValue("$unused", 0);
            Assert.Equal(command.ExecuteScalar(), ScalarOf("SELECT s FROM kinds WHERE rowid = 2"));
        }

        // Several statements in one text: the command runs them all.
        Assert.Equal(3L, ScalarOf("INSERT INTO kinds(i) VALUES (7); SELECT COUNT(*) FROM kinds"));
        using (var update = SqliteStatements.Get(_connection, null, "UPDATE kinds SET n = 'x' WHERE i >= $min", [("$min", 0)]))
        {
            Assert.Equal(3, update.ExecuteNonQuery());
        }
    }

    [Fact]
    public void KeptStatement_ThatFails_ThrowsSqliteError_AndRunsAgainAfterwards()
    {
        using (var insert = SqliteStatements.Get(_connection, null, Insert, [("$k", 5), ("$v", "five")]))
        {
            insert.ExecuteNonQuery();
        }

        var error = Assert.Throws<SqliteException>(() =>
        {
            using var again = SqliteStatements.Get(_connection, null, Insert, [("$k", 5), ("$v", "five again")]);
            again.ExecuteNonQuery();
        });
        Assert.Equal(19, error.SqliteErrorCode); // SQLITE_CONSTRAINT
        Assert.Contains("UNIQUE", error.Message, StringComparison.Ordinal);

        using (var next = SqliteStatements.Get(_connection, null, Insert, [("$k", 6), ("$v", "six")]))
        {
            Assert.Equal(1, next.ExecuteNonQuery());
        }

        Assert.Equal("six", Scalar(6));
    }

    [Fact]
    public void KeptStatement_WarmRun_AllocatesNothingForSqlite()
    {
        var parameters = new (string Name, object? Value)[] { ("$k", 0L), ("$v", "ana@contoso.example") };
        for (var k = 100; k < 110; k++)
        {
            parameters[0].Value = (long)k;
            using var warm = SqliteStatements.Get(_connection, null, Insert, parameters);
            warm.ExecuteNonQuery();
        }

        object key = 200L;
        parameters[0].Value = key;
        var before = GC.GetAllocatedBytesForCurrentThread();
        using (var insert = SqliteStatements.Get(_connection, null, Insert, parameters))
        {
            insert.ExecuteNonQuery();
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public async System.Threading.Tasks.Task KeptStatement_OnADatabaseAnotherConnectionHoldsLocked_IsTriedAgainUntilItIsFree()
    {
        var file = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "mpl-busy-" + Guid.NewGuid().ToString("N") + ".db");
        try
        {
            using var writer = new SqliteConnection($"Data Source={file};Pooling=False");
            using var other = new SqliteConnection($"Data Source={file};Pooling=False");
            writer.Open();
            other.Open();
            using (var setup = writer.CreateCommand())
            {
                setup.CommandText = "PRAGMA busy_timeout=0; CREATE TABLE t(k INTEGER PRIMARY KEY, v TEXT);"; // SQLite answers BUSY at once
                setup.ExecuteNonQuery();
            }

            using var holder = other.BeginTransaction(); // BEGIN IMMEDIATE: the write lock, held for a moment
            using (var hold = other.CreateCommand())
            {
                hold.Transaction = holder;
                hold.CommandText = "INSERT INTO t(k, v) VALUES (1, 'other')";
                hold.ExecuteNonQuery();
            }

            var release = System.Threading.Tasks.Task.Run(async () =>
            {
                await System.Threading.Tasks.Task.Delay(400);
                holder.Commit();
            });
            try
            {
                using var insert = SqliteStatements.Get(writer, null, Insert, [("$k", 2), ("$v", "mine")]);
                Assert.Equal(1, insert.ExecuteNonQuery());
            }
            finally
            {
                await release;
                SqliteStatements.Release(writer);
            }

            using var count = writer.CreateCommand();
            count.CommandText = "SELECT COUNT(*) FROM t";
            Assert.Equal(2L, count.ExecuteScalar());
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            System.IO.File.Delete(file);
        }
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

    private object? ScalarOf(string sql)
    {
        using var statement = SqliteStatements.Get(_connection, null, sql, []);
        return statement.ExecuteScalar();
    }

    private SqliteCommand CommandOf(string sql)
    {
        using var statement = SqliteStatements.Get(_connection, null, sql, []);
        return statement.Command;
    }
}
