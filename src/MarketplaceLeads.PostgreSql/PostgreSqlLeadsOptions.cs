using System;
using System.Collections.Generic;
using System.ComponentModel.DataAnnotations;
using MarketplaceLeads.Internal;
using Microsoft.Extensions.Options;

namespace MarketplaceLeads.PostgreSql;

/// <summary>Configures a <see cref="PostgreSqlLeadDatabase"/>.</summary>
public sealed class PostgreSqlLeadsOptions : IValidatableObject
{
    /// <summary>Gets or sets the Npgsql connection string, such as <c>Host=db.example;Username=leads;Password=…;Database=leads</c>. Its <c>Search Path</c>, if any, is replaced by <see cref="SchemaName"/>.</summary>
    /// <value><see langword="null"/>: must be set.</value>
    [NotEmpty]
    public string? ConnectionString { get; set; }

    /// <summary>Gets or sets the PostgreSQL schema that holds the tables; created with them if missing. Several applications (or tests) can share one database with a schema each.</summary>
    /// <value><c>marketplace_leads</c>.</value>
    public string SchemaName { get; set; } = "marketplace_leads";

    /// <summary>Gets or sets the name of the PostgreSQL sink in the pipeline and journal.</summary>
    /// <value><c>postgresql</c>.</value>
    [NotEmpty]
    public string SinkName { get; set; } = "postgresql";

    /// <summary>
    /// Gets or sets how long a process's claim on a journaled lead holds without being renewed. A running process renews its
    /// claims every third of this; a process that stopped without releasing them (a crash) has its pending leads taken over
    /// by the next pipeline that starts on the database once the lease has expired. The hosts' clocks must agree to well
    /// within it.
    /// </summary>
    /// <value>One minute.</value>
    [TimeSpanBetween("00:00:01", "1.00:00:00")]
    public TimeSpan ClaimLease { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Checks that the schema name is a plain lower-case identifier (the generated validator runs this).</summary>
    IEnumerable<ValidationResult> IValidatableObject.Validate(ValidationContext validationContext)
    {
        if (!IsPlainIdentifier(SchemaName))
        {
            yield return OptionsRules.Fail<PostgreSqlLeadsOptions>(
                nameof(SchemaName),
                $"must be 1 to 63 lower-case letters, digits and underscores, not starting with a digit; it is {(SchemaName is null ? "null" : $"'{SchemaName}'")}");
        }
    }

    private static bool IsPlainIdentifier(string? name)
    {
        if (string.IsNullOrEmpty(name) || name.Length > 63 || char.IsAsciiDigit(name[0]))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!char.IsAsciiLetterLower(c) && !char.IsAsciiDigit(c) && c != '_')
            {
                return false;
            }
        }

        return true;
    }
}

/// <summary>Validates <see cref="PostgreSqlLeadsOptions"/> (source-generated from its validation attributes and <see cref="IValidatableObject"/> rules, no reflection).</summary>
[OptionsValidator]
internal sealed partial class PostgreSqlLeadsOptionsValidator : IValidateOptions<PostgreSqlLeadsOptions>
{
}
