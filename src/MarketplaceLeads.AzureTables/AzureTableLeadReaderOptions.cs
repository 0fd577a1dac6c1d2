using System;
using System.Collections.Generic;
using System.ComponentModel.DataAnnotations;
using Azure.Data.Tables;
using MarketplaceLeads.Checkpoints;
using MarketplaceLeads.Internal;
using Microsoft.Extensions.Options;

namespace MarketplaceLeads.AzureTables;

/// <summary>Options of an <see cref="AzureTableLeadReader"/>: the table, the checkpoint store, paging and polling.</summary>
public sealed class AzureTableLeadReaderOptions : IValidatableObject
{
    /// <summary>Gets or sets the client of the table to read; when set, <see cref="ConnectionString"/> and <see cref="TableName"/> are not used.</summary>
    public TableClient? TableClient { get; set; }

    /// <summary>Gets or sets the storage account connection string (used when <see cref="TableClient"/> is not set).</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Gets or sets the name of the table the marketplace writes leads into (used with <see cref="ConnectionString"/>).</summary>
    /// <value>Default: <c>MarketplaceLeads</c>, the name the marketplace uses.</value>
    public string TableName { get; set; } = "MarketplaceLeads";

    /// <summary>Gets or sets where the reader keeps its checkpoint. Required, unless <see cref="CheckpointDirectory"/> is set.</summary>
    public ILeadReaderCheckpointStore? CheckpointStore { get; set; }

    /// <summary>Gets or sets a folder for an <see cref="FileLeadReaderCheckpointStore"/> (used when <see cref="CheckpointStore"/> is not set).</summary>
    public string? CheckpointDirectory { get; set; }

    /// <summary>Gets or sets the name the checkpoint is saved under; give each reader of the same store its own.</summary>
    /// <value>Default: <see langword="null"/>, which means the table's name.</value>
    public string? CheckpointName { get; set; }

    /// <summary>Gets or sets how many rows one query page returns (the checkpoint is saved after each page).</summary>
    /// <value>Default: 100. Range: 1 to 1,000 (the service's limit).</value>
    [IntBetween(1, 1_000)]
    public int PageSize { get; set; } = 100;

    /// <summary>Gets or sets how long the hosted reader waits between read passes.</summary>
    /// <value>Default: 1 minute. Range: 10 ms to 1 day.</value>
    [TimeSpanBetween("00:00:00.010", "1.00:00:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Gets or sets how far below the watermark each pass looks again, to catch rows whose server-assigned
    /// <c>Timestamp</c> is earlier than that of rows already read (written late, or by concurrent writers).
    /// Rows read before are recognised by key within this window and not handed out again.
    /// </summary>
    /// <value>Default: 10 minutes. Range: 0 to 7 days. A row that becomes visible later than this after a newer row is read can be missed; a larger window costs a larger checkpoint.</value>
    [TimeSpanBetween("00:00:00", "7.00:00:00")]
    public TimeSpan OverlapWindow { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Gets or sets the limits for mapping rows; <see langword="null"/> for the defaults. The error policy is always <see cref="LeadReadErrorPolicy.SkipAndReport"/>: a row that cannot be mapped becomes a <see cref="LeadReadError"/> with its raw JSON.</summary>
    public LeadReaderOptions? Reader { get; set; }

    internal string ResolveCheckpointName(TableClient client) => string.IsNullOrEmpty(CheckpointName) ? client.Name : CheckpointName;

    /// <summary>Checks the rules that involve more than one property (the generated validator runs this).</summary>
    IEnumerable<ValidationResult> IValidatableObject.Validate(ValidationContext validationContext)
    {
        if (TableClient is null && string.IsNullOrWhiteSpace(ConnectionString))
        {
            yield return OptionsRules.Fail<AzureTableLeadReaderOptions>(nameof(TableClient), "or AzureTableLeadReaderOptions.ConnectionString must be set; both are empty");
        }

        if (TableClient is null && string.IsNullOrWhiteSpace(TableName))
        {
            yield return OptionsRules.Fail<AzureTableLeadReaderOptions>(nameof(TableName), $"must not be empty when TableClient is not set; it is {(TableName is null ? "null" : $"'{TableName}'")}");
        }

        if (CheckpointStore is null && string.IsNullOrWhiteSpace(CheckpointDirectory))
        {
            yield return OptionsRules.Fail<AzureTableLeadReaderOptions>(nameof(CheckpointStore), "or AzureTableLeadReaderOptions.CheckpointDirectory must be set: the reader needs a durable checkpoint; both are empty");
        }
    }
}

/// <summary>Validates <see cref="AzureTableLeadReaderOptions"/> (source-generated from its validation attributes and <see cref="System.ComponentModel.DataAnnotations.IValidatableObject"/> rules, no reflection).</summary>
[OptionsValidator]
internal sealed partial class AzureTableLeadReaderOptionsValidator : IValidateOptions<AzureTableLeadReaderOptions>
{
}
