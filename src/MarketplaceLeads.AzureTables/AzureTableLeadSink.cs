using System;
using System.Buffers;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Azure;
using Azure.Data.Tables;
using MarketplaceLeads.Delivery;

namespace MarketplaceLeads.AzureTables;

/// <summary>
/// Writes each delivery as a row (<c>PartitionKey</c> per <see cref="AzureTableSinkOptions.PartitionBy"/>, <c>RowKey</c> =
/// <see cref="LeadId"/>), upserted (replace) in batch transactions of at most 100 rows per partition, with the
/// <c>marketplace-leads/delivery@1</c> facts as columns and the whole delivery as JSON in <c>Delivery</c>.
/// After a review's accept or split (<see cref="IProfileChangeSink"/>) it points every lead row of the changed profiles at
/// its profile now (<c>ProfileId</c>, <c>DoNotContact</c>, <c>ProfileChangeSequence</c>), moving the row to its new partition
/// when partitioned by profile, and appends the change to the partition <c>_profile-changes</c>.
/// </summary>
internal sealed partial class AzureTableLeadSink(TableClient table, AzureTableSinkOptions options, TimeProvider time) : IProfileChangeSink
{
    internal const int MaxTransactionSize = 100;
    private const int MaxStringLength = 32 * 1024; // the service's limit for a string property, in UTF-16 characters
    private int _tableReady;

    public async ValueTask WriteBatchAsync(IReadOnlyList<LeadDelivery> batch, CancellationToken cancellationToken)
    {
        try
        {
            await EnsureTableAsync(cancellationToken).ConfigureAwait(false);
            foreach (var transaction in Plan(batch, options.PartitionBy))
            {
                await table.SubmitTransactionAsync(transaction, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (RequestFailedException ex)
        {
            throw Translate(ex, time);
        }
    }

    private async ValueTask EnsureTableAsync(CancellationToken cancellationToken)
    {
        if (options.CreateTableIfNotExists && Volatile.Read(ref _tableReady) == 0)
        {
            await table.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
            Volatile.Write(ref _tableReady, 1);
        }
    }

    /// <summary>Groups the rows by partition (in first-seen order), keeps the last write of a row, and cuts each partition into transactions of at most 100.</summary>
    internal static List<List<TableTransactionAction>> Plan(IReadOnlyList<LeadDelivery> batch, AzureTableSinkPartitioning partitioning)
    {
        var rows = new List<TableEntity>(batch.Count);
        foreach (var delivery in batch)
        {
            rows.Add(ToEntity(delivery, partitioning));
        }

        var transactions = new List<List<TableTransactionAction>>();
        foreach (var chunk in Chunk(rows))
        {
            var transaction = new List<TableTransactionAction>(chunk.Count);
            foreach (var entity in chunk)
            {
                transaction.Add(new TableTransactionAction(TableTransactionActionType.UpsertReplace, entity));
            }

            transactions.Add(transaction);
        }

        return transactions;
    }

    /// <summary>Groups rows by partition (in first-seen order), keeps the last of a row, and cuts each partition into chunks of at most 100 (one transaction each).</summary>
    internal static List<List<TableEntity>> Chunk(IEnumerable<TableEntity> rows)
    {
        var partitions = new Dictionary<string, Dictionary<string, TableEntity>>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var entity in rows)
        {
            if (!partitions.TryGetValue(entity.PartitionKey, out var partition))
            {
                partition = new Dictionary<string, TableEntity>(StringComparer.Ordinal);
                partitions.Add(entity.PartitionKey, partition);
                order.Add(entity.PartitionKey);
            }

            partition[entity.RowKey] = entity; // a transaction must not touch a row twice
        }

        var chunks = new List<List<TableEntity>>();
        foreach (var partitionKey in order)
        {
            List<TableEntity>? current = null;
            foreach (var entity in partitions[partitionKey].Values)
            {
                if (current is null || current.Count == MaxTransactionSize)
                {
                    current = new List<TableEntity>(MaxTransactionSize);
                    chunks.Add(current);
                }

                current.Add(entity);
            }
        }

        return chunks;
    }

    internal static TableEntity ToEntity(LeadDelivery delivery, AzureTableSinkPartitioning partitioning)
    {
        var lead = delivery.Lead;
        var partitionKey = partitioning == AzureTableSinkPartitioning.Offer ? OfferKey(lead) : delivery.Profile.Id.ToString();
        var json = DeliveryJson(delivery);
        if (json.Length > MaxStringLength)
        {
            throw new LeadSinkException($"Lead {lead.Id}: the delivery is {json.Length} characters as JSON; an Azure Table string property holds at most {MaxStringLength}.", isTransient: false);
        }

        var entity = new TableEntity(partitionKey, lead.Id.ToString())
        {
            ["Schema"] = LeadDeliveryJson.Schema,
            ["LeadId"] = lead.Id.ToString(),
            ["Outcome"] = delivery.Outcome.ToString(),
            ["ProfileId"] = delivery.Profile.Id.ToString(),
            ["DoNotContact"] = delivery.DoNotContact,
            ["IsRedelivery"] = delivery.IsRedelivery,
            ["AcceptedAt"] = delivery.AcceptedAt,
            ["Channel"] = lead.Channel.ToString(),
            ["PossibleDuplicates"] = delivery.PossibleDuplicates.Count,
            ["Delivery"] = json,
        };
        if (delivery.Decision.Reason is { } reason)
        {
            entity["Reason"] = reason;
        }

        if (delivery.Decision.MergedProfiles.Count > 0)
        {
            var merged = new StringBuilder();
            foreach (var profile in delivery.Decision.MergedProfiles)
            {
                merged.Append(merged.Length == 0 ? string.Empty : ",").Append(profile.ToString());
            }

            entity["MergedProfiles"] = merged.ToString();
        }

        if (lead.LeadSourceText is { } source)
        {
            entity["LeadSource"] = source;
        }

        if (lead.CreatedAt is { } created)
        {
            entity["CreatedAt"] = created;
        }

        return entity;
    }

    internal static LeadSinkException Translate(RequestFailedException ex, TimeProvider time)
    {
        var status = ex.Status;
        var transient = status is 0 or 408 or 429 or >= 500;
        TimeSpan? retryAfter = null;
        if (ex.GetRawResponse() is { } response && response.Headers.TryGetValue("Retry-After", out var header)
            && RetryAfterHeader.TryParse(header, time.GetUtcNow(), out var delay))
        {
            retryAfter = delay;
        }

        var code = ex.ErrorCode is { Length: > 0 } c ? " (" + c + ")" : string.Empty;
        return new LeadSinkException($"The Azure Table service answered {status}{code}.", transient, transient ? retryAfter : null, ex);
    }

    private static string DeliveryJson(LeadDelivery delivery)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            LeadDeliveryJson.Write(writer, delivery);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static string OfferKey(Lead lead)
    {
        var offer = lead.LeadSource.Offer;
        var text = offer.IsEmpty ? lead.OfferTitle : offer.IsPublisherOfferId ? offer.PublisherId + "." + offer.OfferId : offer.OfferId;
        if (string.IsNullOrWhiteSpace(text))
        {
            return "_none";
        }

        var key = new StringBuilder(Math.Min(text.Length, 256));
        foreach (var ch in text)
        {
            if (key.Length == 256)
            {
                break;
            }

            key.Append(ch is '/' or '\\' or '#' or '?' || char.IsControl(ch) ? '_' : ch);
        }

        return key.ToString();
    }
}
