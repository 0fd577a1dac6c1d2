using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using Azure;
using Azure.Data.Tables;

namespace MarketplaceLeads.AzureTables.Tests.Support;

/// <summary>
/// A table whose rows carry the <c>Timestamp</c> the test chooses (Azurite assigns its own), answering the reader's
/// only query shape (<c>Timestamp ge datetime'…'</c>) in (PartitionKey, RowKey) order, as the service does.
/// </summary>
internal sealed partial class FakeTableClient : TableClient
{
    private readonly List<TableEntity> _rows = [];

    public override string Name => "fake";

    public List<string?> Filters { get; } = [];

    public void Add(string partitionKey, string rowKey, DateTimeOffset timestamp, int person)
    {
        var row = TableRows.Lead(partitionKey, rowKey, person);
        row.Timestamp = timestamp;
        _rows.Add(row);
    }

    public override AsyncPageable<T> QueryAsync<T>(string? filter = null, int? maxPerPage = null, IEnumerable<string>? select = null, CancellationToken cancellationToken = default)
    {
        Filters.Add(filter);
        var from = filter is null ? DateTimeOffset.MinValue : DateTimeOffset.Parse(Bound().Match(filter).Groups[1].Value, CultureInfo.InvariantCulture);
        var rows = _rows.Where(r => r.Timestamp >= from).OrderBy(r => r.PartitionKey, StringComparer.Ordinal).ThenBy(r => r.RowKey, StringComparer.Ordinal).Cast<T>().ToList();
        var size = maxPerPage ?? 1000;
        var pages = rows.Chunk(size).Select((chunk, i) => Page<T>.FromValues(chunk, (i + 1) * size < rows.Count ? "next" : null, new FakeResponse(200, null))).ToList();
        return AsyncPageable<T>.FromPages(pages);
    }

    [GeneratedRegex("^Timestamp ge datetime'([^']+)'$")]
    private static partial Regex Bound();
}
