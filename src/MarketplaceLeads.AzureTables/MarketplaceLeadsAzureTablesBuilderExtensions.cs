using System;
using Azure.Data.Tables;
using MarketplaceLeads.AzureTables;
using MarketplaceLeads.Delivery;
using MarketplaceLeads.Internal;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace MarketplaceLeads;

/// <summary>Reads leads from, and writes deliveries to, Azure Table storage (<c>builder.AddAzureTableReader(…)</c>, <c>builder.AddAzureTableSink(…)</c>).</summary>
public static class MarketplaceLeadsAzureTablesBuilderExtensions
{
    /// <summary>
    /// Adds a hosted service that polls the table the marketplace writes leads into every
    /// <see cref="AzureTableLeadReaderOptions.PollInterval"/> and submits each new row to this builder's pipeline; a row
    /// is checkpointed once the pipeline accepted it, already had it, or dead-lettered it as unreadable. See
    /// <see cref="AzureTableLeadReader"/> for the checkpoint's guarantees. Call it once per table (with its own
    /// <see cref="AzureTableLeadReaderOptions.CheckpointName"/> when two readers share a store).
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="configure">Sets the table, the checkpoint store and the intervals.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> or <paramref name="configure"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">An option is missing or out of range; the message names it.</exception>
    public static IMarketplaceLeadsBuilder AddAzureTableReader(this IMarketplaceLeadsBuilder builder, Action<AzureTableLeadReaderOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        var options = new AzureTableLeadReaderOptions();
        configure(options);
        OptionsRules.ThrowIfInvalid(new AzureTableLeadReaderOptionsValidator(), options);
        var name = builder.Name;
        builder.Services.AddHostedService(provider => new AzureTableLeadReaderService(
            new AzureTableLeadReader(options),
            name.Length == 0 ? provider.GetRequiredService<ILeadPipeline>() : provider.GetRequiredKeyedService<ILeadPipeline>(name),
            provider.GetService<TimeProvider>() ?? TimeProvider.System,
            (ILogger?)provider.GetService<ILoggerFactory>()?.CreateLogger("MarketplaceLeads.AzureTables.AzureTableLeadReader") ?? NullLogger.Instance));
        return builder;
    }

    /// <summary>
    /// Adds a sink that writes every delivery to an Azure table: <c>RowKey</c> = <see cref="LeadId"/>,
    /// <c>PartitionKey</c> per <see cref="AzureTableSinkOptions.PartitionBy"/>, upserted (replace) in batch transactions of
    /// at most 100 rows per partition, so a redelivered lead leaves one row. Columns: <c>Schema</c>, <c>LeadId</c>,
    /// <c>Outcome</c>, <c>ProfileId</c>, <c>DoNotContact</c>, <c>IsRedelivery</c>, <c>AcceptedAt</c>, <c>Channel</c>,
    /// <c>PossibleDuplicates</c>, <c>Reason</c>, <c>MergedProfiles</c>, <c>LeadSource</c>, <c>CreatedAt</c>, and
    /// <c>Delivery</c> (the <c>marketplace-leads/delivery@1</c> JSON with the lead). The sink takes profile changes
    /// (<see cref="IProfileChangeSink"/>): after a review's accept or split it sets each lead row's <c>ProfileId</c>,
    /// <c>DoNotContact</c> and <c>ProfileChangeSequence</c> (moving the row to its new partition when partitioned by
    /// profile) and appends the change to the partition <c>_profile-changes</c>.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="configure">Sets the table and the partitioning.</param>
    /// <returns>The builder.</returns>
    /// <remarks>Throttling (429) and unavailability (408, 5xx) are reported as transient <see cref="LeadSinkException"/>s with the service's <c>Retry-After</c>; other 4xx answers as not transient, so the pipeline dead-letters instead of retrying.</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> or <paramref name="configure"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">An option is missing or invalid; the message names it.</exception>
    public static IMarketplaceLeadsBuilder AddAzureTableSink(this IMarketplaceLeadsBuilder builder, Action<AzureTableSinkOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        var options = new AzureTableSinkOptions();
        configure(options);
        OptionsRules.ThrowIfInvalid(new AzureTableSinkOptionsValidator(), options);
        return builder.AddSink(provider => new AzureTableLeadSink(options.TableClient ?? new TableClient(options.ConnectionString, options.TableName), options, provider.GetService<TimeProvider>() ?? TimeProvider.System), options.SinkName);
    }
}
