namespace MarketplaceLeads.Sqlite;

/// <summary>Configures a <see cref="SqliteLeadDatabase"/>.</summary>
public sealed class SqliteLeadsOptions
{
    /// <summary>Gets or sets the database file; created with its tables if missing. Ignored when <see cref="ConnectionString"/> is set.</summary>
    /// <value><c>leads.db</c> in the current directory.</value>
    public string Path { get; set; } = "leads.db";

    /// <summary>Gets or sets a full Microsoft.Data.Sqlite connection string, for options <see cref="Path"/> cannot express (such as <c>Mode=Memory;Cache=Shared</c>).</summary>
    /// <value><see langword="null"/>: the connection string is built from <see cref="Path"/>.</value>
    public string? ConnectionString { get; set; }

    /// <summary>Gets or sets how hard SQLite works to keep a committed write.</summary>
    /// <value><see cref="SqliteDurability.Full"/>.</value>
    public SqliteDurability Durability { get; set; } = SqliteDurability.Full;

    /// <summary>Gets or sets the name of the SQLite sink in the pipeline and journal.</summary>
    /// <value><c>sqlite</c>.</value>
    public string SinkName { get; set; } = "sqlite";
}
