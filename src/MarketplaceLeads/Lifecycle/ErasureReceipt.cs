using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using MarketplaceLeads.Deduplication;

namespace MarketplaceLeads.Lifecycle;

/// <summary>What an erasure removed (<see cref="ILeadErasure"/>): ids, a time and counts, no personal data, so it may be logged, shown and kept as the audit record.</summary>
public sealed record ErasureReceipt
{
    /// <summary>Gets the erasure's id (<see cref="ErasureRequest.ErasureId"/>).</summary>
    public required string ErasureId { get; init; }

    /// <summary>Gets when the erasure ran (from the injected clock).</summary>
    public required DateTimeOffset ErasedAt { get; init; }

    /// <summary>Gets the profiles erased.</summary>
    public required IReadOnlyList<CustomerProfileId> ProfileIds { get; init; }

    /// <summary>Gets the leads erased (a journal keeps each id as a tombstone, so that a re-delivery of the same lead is not stored again).</summary>
    public required IReadOnlyList<LeadId> LeadIds { get; init; }

    /// <summary>Gets how many items each store removed, by store: a table name for a database, else the store's or sink's name.</summary>
    public required IReadOnlyDictionary<string, int> Counts { get; init; }

    /// <summary>Gets the number of items removed from every store together.</summary>
    public int Total => Counts.Values.Sum();

    /// <summary>Writes the counts as <c>store=count</c> pairs separated by spaces, by store name (for a log line or an audit row).</summary>
    /// <returns>The text.</returns>
    public string FormatCounts() => string.Join(' ', Counts.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Key}={c.Value}")));

    /// <summary>Builds the receipt of a request from the counts the stores reported.</summary>
    /// <param name="request">The request.</param>
    /// <param name="erasedAt">When it ran.</param>
    /// <param name="counts">The counts by store.</param>
    /// <returns>The receipt.</returns>
    public static ErasureReceipt For(ErasureRequest request, DateTimeOffset erasedAt, IReadOnlyDictionary<string, int> counts)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(counts);
        return new ErasureReceipt { ErasureId = request.ErasureId, ErasedAt = erasedAt, ProfileIds = request.ProfileIds, LeadIds = request.LeadIds, Counts = counts };
    }
}
