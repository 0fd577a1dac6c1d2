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
    }
}

/// <summary>Validates <see cref="SqliteLeadsOptions"/> (source-generated from its validation attributes and <see cref="System.ComponentModel.DataAnnotations.IValidatableObject"/> rules, no reflection).</summary>
[OptionsValidator]
internal sealed partial class SqliteLeadsOptionsValidator : IValidateOptions<SqliteLeadsOptions>
{
}
