using System;
using System.Diagnostics;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;

namespace MarketplaceLeads.PostgreSql.Tests;

/// <summary>
/// One real PostgreSQL server for the test run: the one named by <c>MARKETPLACELEADS_POSTGRES</c> (a connection string; .ci/run
/// starts one with <c>eng/start-postgres.sh</c> and sets it), else one this fixture starts the same way (from a local
/// PostgreSQL installation's binaries, such as Debian's <c>/usr/lib/postgresql/*/bin</c>) and stops at the end. Each test
/// gets a schema of its own (<see cref="NewOptions"/>). No installation: the tests fail and say what to install.
/// </summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    /// <summary>The environment variable that names a running server.</summary>
    public const string Variable = "MARKETPLACELEADS_POSTGRES";

    private string? _startedIn;
    private int _schemas;

    /// <summary>Gets the server's connection string.</summary>
    public string ConnectionString { get; private set; } = string.Empty;

    /// <summary>Options for a database on a schema no other test uses.</summary>
    /// <remarks>
    /// Each database instance's pool is capped at 30 connections (Npgsql's default is 100): the test projects share one
    /// server, and a test that submits 160 leads at once to two pipelines would otherwise open 200 connections on its own.
    /// </remarks>
    public PostgreSqlLeadsOptions NewOptions(TimeSpan? claimLease = null) => new()
    {
        ConnectionString = new NpgsqlConnectionStringBuilder(ConnectionString) { MaxPoolSize = 30 }.ToString(),
        SchemaName = NewSchemaName(),
        ClaimLease = claimLease ?? TimeSpan.FromMinutes(1),
    };

    /// <summary>A schema name no other test uses.</summary>
    public string NewSchemaName()
    {
        var name = $"t{Environment.ProcessId}_{Interlocked.Increment(ref _schemas)}_{Guid.NewGuid():N}";
        return name[..Math.Min(40, name.Length)]; // a short process id makes it shorter
    }

    /// <summary>Runs a query on the server outside the package (to look at its tables as an operator would), on a connection of its own: a pool per schema would keep an idle connection open for minutes after each test, and the test projects share one server.</summary>
    public async Task<object?> ScalarAsync(string schema, string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ConnectionString) { SearchPath = schema, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }

    public async Task InitializeAsync()
    {
        var given = Environment.GetEnvironmentVariable(Variable);
        if (!string.IsNullOrWhiteSpace(given))
        {
            ConnectionString = given;
            return;
        }

        var root = RepositoryRoot();
        var script = Path.Combine(root, "eng", "start-postgres.sh");
        var start = new ProcessStartInfo("bash", [script, "--no-install", "--no-fsync"]) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = root };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("bash could not be started to run eng/start-postgres.sh.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"The PostgreSQL tests need a PostgreSQL server. None is named by {Variable}, and eng/start-postgres.sh could not start one: {(await errors).Trim()} " +
                $"Install PostgreSQL (Debian/Ubuntu: apt-get install postgresql; the tests run its binaries, no service), or set {Variable} to the connection string of a server you run (docs/scale-out.md).");
        }

        foreach (var line in (await output).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var (name, value) = Export(line);
            if (name == Variable)
            {
                ConnectionString = value;
            }
            else if (name == Variable + "_DIR")
            {
                _startedIn = value;
            }
        }

        if (ConnectionString.Length == 0)
        {
            throw new InvalidOperationException($"eng/start-postgres.sh printed no {Variable}.");
        }
    }

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (_startedIn is null)
        {
            return;
        }

        var root = RepositoryRoot();
        using var stop = Process.Start(new ProcessStartInfo("bash", [Path.Combine(root, "eng", "stop-postgres.sh"), _startedIn]) { UseShellExecute = false, WorkingDirectory = root });
        if (stop is not null)
        {
            await stop.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));
        }
    }

    /// <summary>Reads <c>export NAME='value'</c>.</summary>
    private static (string Name, string Value) Export(string line)
    {
        const string prefix = "export ";
        var equals = line.IndexOf('=', StringComparison.Ordinal);
        return !line.StartsWith(prefix, StringComparison.Ordinal) || equals < 0
            ? (string.Empty, string.Empty)
            : (line[prefix.Length..equals], line[(equals + 1)..].Trim('\''));
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MarketplaceLeads.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"MarketplaceLeads.sln was not found above '{AppContext.BaseDirectory}'.");
    }
}

[CollectionDefinition(Name)]
public sealed class PostgresTests : ICollectionFixture<PostgresFixture>
{
    public const string Name = "PostgreSQL";
}
