using System;
using System.Collections.Generic;

namespace MarketplaceLeads.AzureTables;

/// <summary>
/// Where an <see cref="AzureTableLeadReader"/> is in its table: a <see cref="Watermark"/> (the newest row
/// <c>Timestamp</c> fully read) and the keys of the rows already read whose <c>Timestamp</c> lies within the
/// overlap window below it (<see cref="Seen"/>), so that a row read before is never handed out again.
/// </summary>
/// <remarks>Saved by an <see cref="IAzureTableCheckpointStore"/> as one unit: the watermark and the seen set always agree.</remarks>
public sealed record AzureTableCheckpoint
{
    /// <summary>Gets the newest row <c>Timestamp</c> of a completed read pass; <see langword="null"/> before the first completed pass.</summary>
    /// <value>Every row visible when that pass ran, with a <c>Timestamp</c> at or above the previous watermark minus the overlap window, has been read.</value>
    public DateTimeOffset? Watermark { get; init; }

    /// <summary>Gets the rows already read whose <c>Timestamp</c> is at or above <see cref="Watermark"/> minus the overlap window (older ones are pruned: the next query does not return them).</summary>
    /// <value>Default: empty.</value>
    public IReadOnlyList<AzureTableRowKey> Seen { get; init; } = [];
}

/// <summary>The key of a table row that has been read, with its <c>Timestamp</c>.</summary>
/// <param name="PartitionKey">The row's <c>PartitionKey</c>.</param>
/// <param name="RowKey">The row's <c>RowKey</c>.</param>
/// <param name="Timestamp">The row's server-assigned <c>Timestamp</c>.</param>
public readonly record struct AzureTableRowKey(string PartitionKey, string RowKey, DateTimeOffset Timestamp);
