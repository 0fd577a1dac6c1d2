using System;
using System.Collections.Generic;

namespace MarketplaceLeads.Checkpoints;

/// <summary>
/// Where a checkpointed reader is in its source: a <see cref="Watermark"/> (the newest stamp of a completed read pass) and the
/// keys of the items already read whose stamp lies within the overlap window below it (<see cref="Seen"/>), so that an item
/// read before is never handed out again.
/// </summary>
/// <remarks>Saved by an <see cref="ILeadReaderCheckpointStore"/> as one unit: the watermark and the seen set always agree.</remarks>
public sealed record LeadReaderCheckpoint
{
    /// <summary>Gets the newest item stamp of a completed read pass; <see langword="null"/> before the first completed pass.</summary>
    /// <value>Every item visible when that pass ran, stamped at or above the previous watermark minus the overlap window, has been read.</value>
    public DateTimeOffset? Watermark { get; init; }

    /// <summary>Gets the items already read whose stamp is at or above <see cref="Watermark"/> minus the overlap window (older ones are pruned: the next pass does not return them).</summary>
    /// <value>Default: empty.</value>
    public IReadOnlyList<LeadReaderCheckpointKey> Seen { get; init; } = [];
}

/// <summary>The key of an item a reader has read, with its stamp.</summary>
/// <param name="Partition">The first part of the key: a table row's <c>PartitionKey</c>; for a Partner Center referral, <c>referral</c>.</param>
/// <param name="Key">The second part of the key: a table row's <c>RowKey</c>; a referral's id.</param>
/// <param name="Timestamp">The item's stamp: a table row's server-assigned <c>Timestamp</c>; a referral's <c>updatedDateTime</c>.</param>
public readonly record struct LeadReaderCheckpointKey(string Partition, string Key, DateTimeOffset Timestamp);
