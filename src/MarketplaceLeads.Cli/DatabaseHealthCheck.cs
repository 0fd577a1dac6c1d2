using System;
using System.Data.Common;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace MarketplaceLeads.Cli;

/// <summary><c>serve</c>'s <c>/healthz</c> check: the database answers a query (a new connection each time; nothing is written).</summary>
internal sealed class DatabaseHealthCheck(Func<DbConnection> connect, string name) : IHealthCheck
{
    /// <summary>The check of the database <c>serve</c> runs on: PostgreSQL when its connection string is configured, else the SQLite file (which must exist: the pipeline creates it at start).</summary>
    public static DatabaseHealthCheck For(ServeSettings settings, string sqlitePath) =>
        settings.PostgreSqlConnectionString is { } connectionString
            ? new DatabaseHealthCheck(() => new NpgsqlConnection(connectionString), "PostgreSQL")
            : new DatabaseHealthCheck(() => new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = sqlitePath, Mode = SqliteOpenMode.ReadOnly }.ToString()), "SQLite");

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var connection = connect();
            await using (connection.ConfigureAwait(false))
            {
                await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
                var command = connection.CreateCommand();
                await using (command.ConfigureAwait(false))
                {
                    command.CommandText = "SELECT 1";
                    await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
                }
            }

            return HealthCheckResult.Healthy(name + " reachable");
        }
        catch (DbException error)
        {
            // The error's type only: a driver's message can carry the connection string's host or user.
            return HealthCheckResult.Unhealthy($"{name} unreachable ({error.GetType().Name})");
        }
    }
}
