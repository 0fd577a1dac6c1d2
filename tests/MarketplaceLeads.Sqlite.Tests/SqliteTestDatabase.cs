using System;
using System.IO;

namespace MarketplaceLeads.Sqlite.Tests;

/// <summary>A database file in a fresh temporary folder, deleted with the folder.</summary>
internal sealed class SqliteTestDatabase : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("ml-sqlite-");

    public string Path => System.IO.Path.Combine(_folder.FullName, "leads.db");

    public SqliteLeadDatabase Open(SqliteDurability durability = SqliteDurability.Full) => new(new SqliteLeadsOptions { Path = Path, Durability = durability });

    /// <summary>Runs a statement on the file outside the library (to make a state an older version or another process left).</summary>
    public void Execute(string sql)
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _folder.Delete(recursive: true);
    }
}
