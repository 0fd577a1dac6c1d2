using System;
using System.Globalization;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Azure;
using Azure.Data.Tables;
using MarketplaceLeads.Checkpoints;

namespace MarketplaceLeads.AzureTables;

/// <summary>
/// Keeps each reader's <see cref="LeadReaderCheckpoint"/> as one row of an Azure table (<c>PartitionKey</c>
/// <c>checkpoint</c>, <c>RowKey</c> the checkpoint name), replaced in one request, so the watermark and the seen set
/// are saved together or not at all. Use it when the reader runs where no durable disk is (containers, several hosts
/// taking turns).
/// </summary>
/// <remarks>
/// The checkpoint is stored as JSON split over string columns <c>Json0</c>, <c>Json1</c>, … (an Azure string property
/// holds 32 K characters; a row 1 MiB), enough for about 8,000 keys in the overlap window. The table is created on the
/// first save when it does not exist.
/// </remarks>
public sealed class AzureTableRowCheckpointStore : ILeadReaderCheckpointStore
{
    private const string PartitionKey = "checkpoint";
    private const int ChunkLength = 30_000;
    private const int MaxChunks = 240;
    private readonly TableClient _table;
    private int _created;

    /// <summary>Initializes a store that keeps its rows in <paramref name="table"/>.</summary>
    /// <param name="table">The checkpoints table (not the leads table the reader reads, where the rows would be read as leads).</param>
    /// <exception cref="ArgumentNullException"><paramref name="table"/> is <see langword="null"/>.</exception>
    public AzureTableRowCheckpointStore(TableClient table)
    {
        _table = table ?? throw new ArgumentNullException(nameof(table));
    }

    /// <inheritdoc/>
    public async ValueTask<LeadReaderCheckpoint?> LoadAsync(string name, CancellationToken cancellationToken)
    {
        var rowKey = RowKey(name);
        NullableResponse<TableEntity> response;
        try
        {
            response = await _table.GetEntityIfExistsAsync<TableEntity>(PartitionKey, rowKey, select: null, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null; // no table yet
        }

        if (!response.HasValue || response.Value is not { } entity)
        {
            return null;
        }

        var chunks = entity.GetInt32("Chunks") ?? 0;
        var json = new StringBuilder();
        for (var i = 0; i < chunks; i++)
        {
            json.Append(entity.GetString("Json" + i.ToString(CultureInfo.InvariantCulture)) ?? throw new InvalidDataException($"The checkpoint row '{rowKey}' of table '{_table.Name}' cannot be read: it has {chunks} chunks but no string column Json{i}."));
        }

        return LeadReaderCheckpointJson.Parse(Encoding.UTF8.GetBytes(json.ToString()), $"row '{rowKey}' of table '{_table.Name}'");
    }

    /// <inheritdoc/>
    public async ValueTask SaveAsync(string name, LeadReaderCheckpoint checkpoint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        var rowKey = RowKey(name);
        var json = Encoding.UTF8.GetString(LeadReaderCheckpointJson.Format(checkpoint));
        var chunks = (json.Length + ChunkLength - 1) / ChunkLength;
        if (chunks > MaxChunks)
        {
            throw new InvalidOperationException($"The checkpoint '{name}' holds {checkpoint.Seen.Count} keys, more than one table row can hold; use a smaller OverlapWindow or a FileLeadReaderCheckpointStore.");
        }

        var entity = new TableEntity(PartitionKey, rowKey) { ["Chunks"] = chunks };
        for (var i = 0; i < chunks; i++)
        {
            entity["Json" + i.ToString(CultureInfo.InvariantCulture)] = json.Substring(i * ChunkLength, Math.Min(ChunkLength, json.Length - (i * ChunkLength)));
        }

        if (Volatile.Read(ref _created) == 0)
        {
            await _table.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
            Volatile.Write(ref _created, 1);
        }

        await _table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    private static string RowKey(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var key = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            key.Append(c is '/' or '\\' or '#' or '?' || char.IsControl(c) ? '_' : c);
        }

        return key.ToString();
    }
}
