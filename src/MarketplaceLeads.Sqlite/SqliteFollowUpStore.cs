using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using MarketplaceLeads.Deduplication;
using MarketplaceLeads.FollowUp;
using MarketplaceLeads.Lifecycle;

namespace MarketplaceLeads.Sqlite;

/// <summary>The durable <see cref="IFollowUpStore"/>: one row per touch in <c>follow_up_touches</c>, with the ids of the leads it was about in <c>leads</c> (space-separated); the alerts' state in <c>follow_up_alerts</c>, one row per lead and kind.</summary>
internal sealed class SqliteFollowUpStore(SqliteLeadDatabase database) : IFollowUpStore, ILeadErasureSink
{
    /// <summary>Erases the request from every table of the database (once, whichever of its components is told first).</summary>
    public ValueTask<IReadOnlyDictionary<string, int>> EraseAsync(ErasureRequest request, CancellationToken cancellationToken) => ((ILeadErasureSink)database).EraseAsync(request, cancellationToken);

    /// <summary>Drops old raw payloads and dead letters from the database's tables.</summary>
    public ValueTask<RetentionReceipt> ApplyRetentionAsync(DateTimeOffset? rawPayloadsBefore, DateTimeOffset? deadLettersBefore, CancellationToken cancellationToken) => ((ILeadErasureSink)database).ApplyRetentionAsync(rawPayloadsBefore, deadLettersBefore, cancellationToken);

    public ValueTask RecordAsync(FollowUpTouch touch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(touch);
        return new ValueTask(database.TransactAsync(
            (connection, transaction) =>
            {
                using var insert = SqliteLeadDatabase.Command(
                    connection,
                    transaction,
                    "INSERT INTO follow_up_touches(profile_id, offer, stage, kind, at, by, note, leads) VALUES ($profile, $offer, $stage, $kind, $at, $by, $note, $leads)",
                    ("$profile", touch.ProfileId.ToString()),
                    ("$offer", touch.Offer.ToString()),
                    ("$stage", touch.Stage.ToString()),
                    ("$kind", touch.Kind.ToString()),
                    ("$at", SqliteLeadDatabase.FormatTime(touch.At)),
                    ("$by", touch.By),
                    ("$note", touch.Note),
                    ("$leads", touch.Leads.Count == 0 ? null : string.Join(' ', touch.Leads)));
                return insert.ExecuteNonQuery();
            },
            cancellationToken));
    }

    public async ValueTask<FollowUpLog> ReadLogAsync(CancellationToken cancellationToken = default)
    {
        var touches = await database.QueryAsync(
            "SELECT profile_id, offer, stage, kind, at, by, note, leads FROM follow_up_touches ORDER BY id",
            static _ => { },
            static reader => new FollowUpTouch
            {
                ProfileId = new CustomerProfileId(LeadId.Parse(reader.GetString(0))),
                Offer = MarketplaceOffer.Parse(reader.GetString(1)),
                Stage = Enum.Parse<FunnelStage>(reader.GetString(2)),
                Kind = Enum.Parse<TouchKind>(reader.GetString(3)),
                At = SqliteLeadDatabase.ParseTime(reader.GetString(4)),
                By = reader.IsDBNull(5) ? null : reader.GetString(5),
                Note = reader.IsDBNull(6) ? null : reader.GetString(6),
                Leads = reader.IsDBNull(7) ? [] : ParseLeads(reader.GetString(7)),
            },
            cancellationToken).ConfigureAwait(false);
        return FollowUpLog.Create(touches);
    }

    public ValueTask<bool> AddAlertAsync(FollowUpAlertRecord alert, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(alert);
        return new ValueTask<bool>(database.TransactAsync(
            (connection, transaction) =>
            {
                using var insert = SqliteLeadDatabase.Command(
                    connection,
                    transaction,
                    "INSERT INTO follow_up_alerts(lead_id, kind, due_at, raised_at, state) VALUES ($lead, $kind, $due, $raised, $state) ON CONFLICT(lead_id, kind) DO NOTHING",
                    ("$lead", alert.LeadId.ToString()),
                    ("$kind", alert.Kind.ToString()),
                    ("$due", SqliteLeadDatabase.FormatTime(alert.DueAt)),
                    ("$raised", SqliteLeadDatabase.FormatTime(alert.RaisedAt)),
                    ("$state", alert.State.ToString()));
                return insert.ExecuteNonQuery() == 1;
            },
            cancellationToken));
    }

    public ValueTask SetAlertStateAsync(LeadId leadId, FollowUpAlertKind kind, FollowUpAlertState state, CancellationToken cancellationToken = default) =>
        new(database.TransactAsync(
            (connection, transaction) =>
            {
                using var update = SqliteLeadDatabase.Command(
                    connection,
                    transaction,
                    "UPDATE follow_up_alerts SET state = $state WHERE lead_id = $lead AND kind = $kind",
                    ("$lead", leadId.ToString()),
                    ("$kind", kind.ToString()),
                    ("$state", state.ToString()));
                return update.ExecuteNonQuery();
            },
            cancellationToken));

    public async ValueTask<IReadOnlyList<FollowUpAlertRecord>> ReadAlertsAsync(CancellationToken cancellationToken = default) =>
        await database.QueryAsync(
            "SELECT lead_id, kind, due_at, raised_at, state FROM follow_up_alerts ORDER BY id",
            static _ => { },
            static reader => new FollowUpAlertRecord
            {
                LeadId = LeadId.Parse(reader.GetString(0)),
                Kind = Enum.Parse<FollowUpAlertKind>(reader.GetString(1)),
                DueAt = SqliteLeadDatabase.ParseTime(reader.GetString(2)),
                RaisedAt = SqliteLeadDatabase.ParseTime(reader.GetString(3)),
                State = Enum.Parse<FollowUpAlertState>(reader.GetString(4)),
            },
            cancellationToken).ConfigureAwait(false);

    /// <summary>Reads the <c>leads</c> column: the ids of the leads a touch was about, separated by spaces.</summary>
    private static LeadId[] ParseLeads(string text)
    {
        var parts = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var leads = new LeadId[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            leads[i] = LeadId.Parse(parts[i]);
        }

        return leads;
    }
}
