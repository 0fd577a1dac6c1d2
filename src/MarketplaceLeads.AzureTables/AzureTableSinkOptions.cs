using System.Collections.Generic;
using System.ComponentModel.DataAnnotations;
using Azure.Data.Tables;
using MarketplaceLeads.Internal;
using Microsoft.Extensions.Options;

namespace MarketplaceLeads.AzureTables;

/// <summary>What the Azure Table sink uses as a row's <c>PartitionKey</c>.</summary>
public enum AzureTableSinkPartitioning
{
    /// <summary>The customer profile's id (<see cref="Deduplication.CustomerProfileId"/>): one partition per customer, so a customer's leads are read with one partition query.</summary>
    Profile = 0,

    /// <summary>The offer (<c>publisher.offer</c> or the offer's text, characters not allowed in keys replaced by <c>_</c>; <c>_none</c> when there is none).</summary>
    Offer = 1,
}

/// <summary>Options of the Azure Table sink (<c>builder.AddAzureTableSink(o =&gt; …)</c>).</summary>
public sealed class AzureTableSinkOptions : IValidatableObject
{
    /// <summary>Gets or sets the client of the table to write; when set, <see cref="ConnectionString"/> and <see cref="TableName"/> are not used.</summary>
    public TableClient? TableClient { get; set; }

    /// <summary>Gets or sets the storage account connection string (used when <see cref="TableClient"/> is not set).</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Gets or sets the name of the table to write (used with <see cref="ConnectionString"/>).</summary>
    /// <value>Default: <c>MarketplaceLeadDeliveries</c>.</value>
    public string TableName { get; set; } = "MarketplaceLeadDeliveries";

    /// <summary>Gets or sets what a row's <c>PartitionKey</c> is; the <c>RowKey</c> is always the <see cref="LeadId"/>.</summary>
    /// <value>Default: <see cref="AzureTableSinkPartitioning.Profile"/>.</value>
    [DefinedEnum]
    public AzureTableSinkPartitioning PartitionBy { get; set; } = AzureTableSinkPartitioning.Profile;

    /// <summary>Gets or sets a value indicating whether the sink creates the table on its first write when it does not exist.</summary>
    /// <value>Default: <see langword="true"/>.</value>
    public bool CreateTableIfNotExists { get; set; } = true;

    /// <summary>Gets or sets the sink's name in the pipeline's journal; keep it stable across releases.</summary>
    /// <value>Default: <c>azure-table</c>.</value>
    [NotEmpty]
    public string SinkName { get; set; } = "azure-table";

    /// <summary>Checks the rules that involve more than one property (the generated validator runs this).</summary>
    IEnumerable<ValidationResult> IValidatableObject.Validate(ValidationContext validationContext)
    {
        if (TableClient is null && string.IsNullOrWhiteSpace(ConnectionString))
        {
            yield return OptionsRules.Fail<AzureTableSinkOptions>(nameof(TableClient), "or AzureTableSinkOptions.ConnectionString must be set; both are empty");
        }

        if (TableClient is null && string.IsNullOrWhiteSpace(TableName))
        {
            yield return OptionsRules.Fail<AzureTableSinkOptions>(nameof(TableName), $"must not be empty when TableClient is not set; it is {(TableName is null ? "null" : $"'{TableName}'")}");
        }
    }
}

/// <summary>Validates <see cref="AzureTableSinkOptions"/> (source-generated from its validation attributes and <see cref="System.ComponentModel.DataAnnotations.IValidatableObject"/> rules, no reflection).</summary>
[OptionsValidator]
internal sealed partial class AzureTableSinkOptionsValidator : IValidateOptions<AzureTableSinkOptions>
{
}
