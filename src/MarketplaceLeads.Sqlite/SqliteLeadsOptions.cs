using System.Collections.Generic;
using System.ComponentModel.DataAnnotations;
using MarketplaceLeads.Internal;
using Microsoft.Extensions.Options;

namespace MarketplaceLeads.Sqlite;

/// <summary>Configures a <see cref="SqliteLeadDatabase"/>.</summary>
public sealed class SqliteLeadsOptions : IValidatableObject
{
    /// <summary>Gets or sets the database file; created with its tables if missing. Ignored when <see cref="ConnectionString"/> is set.</summary>
    /// <value><c>leads.db</c> in the current directory.</value>
    public string Path { get; set; } = "leads.db";

    /// <summary>Gets or sets a full Microsoft.Data.Sqlite connection string, for options <see cref="Path"/> cannot express (such as <c>Mode=Memory;Cache=Shared</c>).</summary>
    /// <value><see langword="null"/>: the connection string is built from <see cref="Path"/>.</value>
    public string? ConnectionString { get; set; }

    /// <summary>Gets or sets how hard SQLite works to keep a committed write.</summary>
    /// <value><see cref="SqliteDurability.Full"/>.</value>
    [DefinedEnum]
    public SqliteDurability Durability { get; set; } = SqliteDurability.Full;

    /// <summary>
    /// Gets or sets how many pages (4 KB each) the write-ahead log holds before a commit copies it into the database. A page
    /// that several commits change is copied once per checkpoint, so a larger log writes less and runs faster on a large
    /// import (1,000,000 leads: 10,000 pages 198 s and 31.9 GB written, 200,000 pages 155 s and 24.6 GB), at the cost of disk
    /// space for the log and a longer pause for the commit that copies it — keep the default for a server that answers
    /// requests; <c>marketplace-leads import</c> uses <see cref="ImportCheckpointPages"/>.
    /// </summary>
    /// <value>10,000 (40 MB); from 1,000 (SQLite's own default) to 1,000,000.</value>
    public int CheckpointPages { get; set; } = DefaultCheckpointPages;

    /// <summary>The <see cref="CheckpointPages"/> of <c>marketplace-leads import</c>: 100,000 pages (400 MB of log at most, removed when the import ends).</summary>
    public const int ImportCheckpointPages = 100_000;

    internal const int DefaultCheckpointPages = 10_000;

    /// <summary>
    /// Gets or sets how many accepted leads one commit may hold, for leads read from a source that can be read again (a file,
    /// an export): then accepting a lead does not wait for a commit. The journal's, the identity store's and the sink's writes
    /// of those leads are committed together once the open commit holds this many accepted leads, 30 seconds after its first
    /// write, or by <see cref="SqliteLeadDatabase.FlushAsync"/> (call it when the import is done: it reports a failed commit)
    /// and <see cref="SqliteLeadDatabase.Dispose"/>. Fewer commits write far less: each commit rewrites the pages of the
    /// tables' indexes that its leads touched, wherever they are (1,000,000 leads: 6.7 GB written instead of 25.8 GB).
    /// </summary>
    /// <remarks>
    /// A crash loses the leads of the open commit from every table at once, so the database stays consistent, and importing
    /// the same source again accepts them again (the leads committed before are already known). A failed commit makes every
    /// later write, and <see cref="SqliteLeadDatabase.FlushAsync"/>, throw. Never set it for a receiver that answers the
    /// marketplace: the marketplace does not send a lead twice, so a lead must be durable before it is acknowledged (the default).
    /// </remarks>
    /// <value>0 (the default): each accepted lead is committed before the accept returns. Otherwise from 100 to 10,000,000; <c>marketplace-leads import</c> of files uses <see cref="ImportBulkCommitLeads"/>.</value>
    public int BulkCommitLeads { get; set; }

    /// <summary>The <see cref="BulkCommitLeads"/> of <c>marketplace-leads import</c> of files: 100,000 leads a commit.</summary>
    public const int ImportBulkCommitLeads = 100_000;

    /// <summary>Gets or sets the name of the SQLite sink in the pipeline and journal.</summary>
    /// <value><c>sqlite</c>.</value>
    [NotEmpty]
    public string SinkName { get; set; } = "sqlite";

    /// <summary>Checks that a database is named (the generated validator runs this).</summary>
    IEnumerable<ValidationResult> IValidatableObject.Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrWhiteSpace(ConnectionString) && string.IsNullOrWhiteSpace(Path))
        {
            yield return OptionsRules.Fail<SqliteLeadsOptions>(nameof(Path), $"or ConnectionString must be set; Path is {(Path is null ? "null" : $"'{Path}'")}");
        }

        if (BulkCommitLeads != 0 && BulkCommitLeads is < 100 or > 10_000_000)
        {
            yield return OptionsRules.Fail<SqliteLeadsOptions>(nameof(BulkCommitLeads), $"must be 0 (commit every accepted lead) or from 100 to 10,000,000 leads; it is {BulkCommitLeads.ToString(System.Globalization.CultureInfo.InvariantCulture)}");
        }

        if (CheckpointPages is < 1_000 or > 1_000_000)
        {
            yield return OptionsRules.Fail<SqliteLeadsOptions>(nameof(CheckpointPages), $"must be from 1,000 to 1,000,000 pages; it is {CheckpointPages.ToString(System.Globalization.CultureInfo.InvariantCulture)}");
        }
    }
}

/// <summary>Validates <see cref="SqliteLeadsOptions"/> (source-generated from its validation attributes and <see cref="System.ComponentModel.DataAnnotations.IValidatableObject"/> rules, no reflection).</summary>
[OptionsValidator]
internal sealed partial class SqliteLeadsOptionsValidator : IValidateOptions<SqliteLeadsOptions>
{
}
