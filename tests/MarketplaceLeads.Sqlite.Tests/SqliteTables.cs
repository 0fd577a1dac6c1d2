using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;

namespace MarketplaceLeads.Testing;

/// <summary>Reads a SQLite file as an operator would, for the erasure tests (linked into the CLI tests too).</summary>
internal static class SqliteTables
{
    /// <summary>Every row of every table of the file, each as one text (columns joined; blobs as UTF-8).</summary>
    public static Dictionary<string, List<string>> DumpEveryTable(string path)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false, Mode = SqliteOpenMode.ReadOnly }.ToString());
        connection.Open();
        var names = new List<string>();
        using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'";
            using var reader = list.ExecuteReader();
            while (reader.Read())
            {
                names.Add(reader.GetString(0));
            }
        }

        var tables = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            using var select = connection.CreateCommand();
            select.CommandText = $"SELECT * FROM \"{name}\"";
            using var reader = select.ExecuteReader();
            var rows = tables[name] = [];
            while (reader.Read())
            {
                var values = new string[reader.FieldCount];
                for (var i = 0; i < values.Length; i++)
                {
                    values[i] = reader.IsDBNull(i) ? "" : reader.GetValue(i) is byte[] blob ? Encoding.UTF8.GetString(blob) : Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture)!;
                }

                rows.Add(string.Join('|', values));
            }
        }

        Assert.Contains("erasures", tables.Keys);
        return tables;
    }
}
