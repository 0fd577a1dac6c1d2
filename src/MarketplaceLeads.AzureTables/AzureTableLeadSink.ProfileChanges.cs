using System;
using System.Buffers;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Azure;
using Azure.Data.Tables;
using MarketplaceLeads.Deduplication;
using MarketplaceLeads.Delivery;

namespace MarketplaceLeads.AzureTables;

/// <summary>
/// Profile changes (<see cref="IProfileChangeSink"/>): each change is applied to the lead rows of its profiles, then appended
/// to the partition <see cref="ProfileChangesPartition"/>. That row is written last, so its presence means the change is
/// applied: a retry or a redelivery of an applied change writes nothing.
/// </summary>
internal sealed partial class AzureTableLeadSink
{
    /// <summary>The partition that holds one row per applied profile change (<c>RowKey</c> = the sequence, 19 digits).</summary>
    internal const string ProfileChangesPartition = "_profile-changes";

    /// <summary>How many string columns a change's JSON may take (the service's limit for a row is 1 MiB).</summary>
    private const int MaxProfileChangeParts = 15;

    public async ValueTask WriteProfileChangesAsync(IReadOnlyList<ProfileChange> changes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changes);
        try
        {
            await EnsureTableAsync(cancellationToken).ConfigureAwait(false);
            foreach (var change in changes)
            {
                var history = ToHistoryEntity(change); // refused before any write when it cannot be stored
                if (await IsAppliedAsync(history.RowKey, cancellationToken).ConfigureAwait(false))
                {
                    continue;
                }

                if (options.PartitionBy == AzureTableSinkPartitioning.Offer)
                {
                    await UpdateInPlaceAsync(change, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await MoveAsync(change, cancellationToken).ConfigureAwait(false);
                }

                await table.UpsertEntityAsync(history, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (RequestFailedException ex)
        {
            throw Translate(ex, time);
        }
    }

    /// <summary>Returns the <c>RowKey</c> of a change's row: its sequence, zero-padded to 19 digits so that rows sort in review order.</summary>
    internal static string SequenceKey(long sequence) => sequence.ToString("D19", CultureInfo.InvariantCulture);

    /// <summary>Builds the row of a change in <see cref="ProfileChangesPartition"/>, with its <c>profile-change@1</c> JSON in <c>ProfileChange</c> (continued in <c>ProfileChange2</c>, … when longer than a string column holds).</summary>
    internal static TableEntity ToHistoryEntity(ProfileChange change)
    {
        var entity = new TableEntity(ProfileChangesPartition, SequenceKey(change.Sequence))
        {
            ["Schema"] = ProfileChangeJson.Schema,
            ["Sequence"] = change.Sequence,
            ["Kind"] = change.Kind.ToString(),
            ["ReviewedAt"] = change.Action.ReviewedAt,
            ["ProfileIds"] = JoinIds(change.Profiles),
            ["RemovedProfiles"] = string.Join(",", change.RemovedProfiles),
        };
        var json = ChangeJson(change);
        var parts = (json.Length + MaxStringLength - 1) / MaxStringLength;
        if (parts > MaxProfileChangeParts)
        {
            throw new LeadSinkException(
                $"Review {change.Sequence}: the profile change is {json.Length} characters as JSON; an Azure Table row holds at most {MaxProfileChangeParts * MaxStringLength} in its ProfileChange columns.",
                isTransient: false);
        }

        // The JSON is ASCII (the writer escapes the rest), so a cut never falls inside a character.
        for (var part = 0; part < parts; part++)
        {
            var start = part * MaxStringLength;
            entity[part == 0 ? "ProfileChange" : "ProfileChange" + (part + 1).ToString(CultureInfo.InvariantCulture)] =
                json.Substring(start, Math.Min(MaxStringLength, json.Length - start));
        }

        if (parts > 1)
        {
            entity["ProfileChangeParts"] = parts;
        }

        return entity;
    }

    private async Task<bool> IsAppliedAsync(string rowKey, CancellationToken cancellationToken)
    {
        var row = await table.GetEntityIfExistsAsync<TableEntity>(ProfileChangesPartition, rowKey, ["Sequence"], cancellationToken).ConfigureAwait(false);
        return row.HasValue;
    }

    /// <summary>Partitioned by offer: the rows stay where they are; their profile columns are merged in, in transactions of at most 100 per partition. A lead this sink never received has no row and gets none.</summary>
    private async Task UpdateInPlaceAsync(ProfileChange change, CancellationToken cancellationToken)
    {
        var rows = new List<TableEntity>();
        foreach (var profile in change.Profiles)
        {
            foreach (var lead in profile.Leads)
            {
                rows.Add(SetProfileColumns(new TableEntity(OfferKey(lead), lead.Id.ToString()), profile, change.Sequence));
            }
        }

        foreach (var chunk in Chunk(rows))
        {
            await SubmitSkippingMissingAsync(Actions(chunk, TableTransactionActionType.UpdateMerge), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Partitioned by profile: a lead whose profile changed has its row in an old partition (one of the change's profiles or
    /// removed profiles), found by point reads. It is written under its profile now, and only then deleted from the old
    /// partition, so a failure in between leaves a duplicate that the retry removes, never a loss.
    /// </summary>
    private async Task MoveAsync(ProfileChange change, CancellationToken cancellationToken)
    {
        var candidates = new List<string>();
        foreach (var profile in change.Profiles)
        {
            AddDistinct(candidates, profile.Id.ToString());
        }

        foreach (var removed in change.RemovedProfiles)
        {
            AddDistinct(candidates, removed.ToString());
        }

        AddDistinct(candidates, change.Action.First.ToString());
        AddDistinct(candidates, change.Action.Second.ToString());

        var upserts = new List<TableEntity>();
        var deletes = new List<TableEntity>();
        foreach (var profile in change.Profiles)
        {
            var target = profile.Id.ToString();
            foreach (var lead in profile.Leads)
            {
                var rowKey = lead.Id.ToString();
                TableEntity? current = null;
                foreach (var partition in candidates)
                {
                    var found = await table.GetEntityIfExistsAsync<TableEntity>(partition, rowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
                    if (!found.HasValue || found.Value is not { } row)
                    {
                        continue;
                    }

                    if (string.Equals(partition, target, StringComparison.Ordinal))
                    {
                        current = row; // a copy already moved (by an attempt that failed before its delete) wins
                    }
                    else
                    {
                        current ??= row;
                        deletes.Add(new TableEntity(partition, rowKey));
                    }
                }

                if (current is not null)
                {
                    upserts.Add(SetProfileColumns(CopyTo(current, target), profile, change.Sequence));
                }
            }
        }

        foreach (var chunk in Chunk(upserts))
        {
            await table.SubmitTransactionAsync(Actions(chunk, TableTransactionActionType.UpsertReplace), cancellationToken).ConfigureAwait(false);
        }

        foreach (var chunk in Chunk(deletes))
        {
            await SubmitSkippingMissingAsync(Actions(chunk, TableTransactionActionType.Delete), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Submits a transaction; when it fails because a row it updates or deletes is not there (404), submits it again without that row.</summary>
    private async Task SubmitSkippingMissingAsync(List<TableTransactionAction> actions, CancellationToken cancellationToken)
    {
        while (actions.Count > 0)
        {
            try
            {
                await table.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (TableTransactionFailedException ex) when (ex.Status == 404 && ex.FailedTransactionActionIndex is int index && index >= 0 && index < actions.Count)
            {
                actions.RemoveAt(index);
            }
        }
    }

    private static List<TableTransactionAction> Actions(List<TableEntity> rows, TableTransactionActionType type)
    {
        var actions = new List<TableTransactionAction>(rows.Count);
        foreach (var row in rows)
        {
            actions.Add(new TableTransactionAction(type, row, ETag.All));
        }

        return actions;
    }

    private static TableEntity SetProfileColumns(TableEntity row, CustomerProfile profile, long sequence)
    {
        row["ProfileId"] = profile.Id.ToString();
        row["DoNotContact"] = profile.DoNotContact;
        row["ProfileChangeSequence"] = sequence;
        return row;
    }

    /// <summary>Copies a row's columns (not its keys, time stamp or ETag) into a row of the given partition.</summary>
    private static TableEntity CopyTo(TableEntity row, string partitionKey)
    {
        var copy = new TableEntity(partitionKey, row.RowKey);
        foreach (var (name, value) in row)
        {
            if (name is not ("PartitionKey" or "RowKey" or "Timestamp" or "odata.etag"))
            {
                copy[name] = value;
            }
        }

        return copy;
    }

    private static void AddDistinct(List<string> list, string value)
    {
        if (!list.Contains(value))
        {
            list.Add(value);
        }
    }

    private static string JoinIds(IReadOnlyList<CustomerProfile> profiles)
    {
        var text = new StringBuilder();
        foreach (var profile in profiles)
        {
            text.Append(text.Length == 0 ? string.Empty : ",").Append(profile.Id.ToString());
        }

        return text.ToString();
    }

    private static string ChangeJson(ProfileChange change)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            ProfileChangeJson.Write(writer, change);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
