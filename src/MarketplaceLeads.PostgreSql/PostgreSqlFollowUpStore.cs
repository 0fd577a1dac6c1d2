using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using MarketplaceLeads.Deduplication;
using MarketplaceLeads.FollowUp;
using MarketplaceLeads.Lifecycle;

namespace MarketplaceLeads.PostgreSql;

/// <summary>The durable, shared <see cref="IFollowUpStore"/>: one row per touch in <c>follow_up_touches</c>, with the ids of the leads it was about in <c>leads</c> (an array), read back in the order recorded.</summary>
internal sealed class PostgreSqlFollowUpStore(PostgreSqlLeadDatabase database) : IFollowUpStore, ILeadErasureSink
{
    /// <summary>Erases the request from every table of the schema (once, whichever of its components is told first).</summary>
    public ValueTask<IReadOnlyDictionary<string, int>> EraseAsync(ErasureRequest request, CancellationToken cancellationToken) => ((ILeadErasureSink)database).EraseAsync(request, cancellationToken);

    /// <summary>Drops old raw payloads and dead letters from the schema's tables.</summary>
    public ValueTask<RetentionReceipt> ApplyRetentionAsync(DateTimeOffset? rawPayloadsBefore, DateTimeOffset? deadLettersBefore, CancellationToken cancellationToken) => ((ILeadErasureSink)database).ApplyRetentionAsync(rawPayloadsBefore, deadLettersBefore, cancellationToken);

    public async ValueTask RecordAsync(FollowUpTouch touch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(touch);
        await database.ExecuteAsync(
            "INSERT INTO follow_up_touches(profile_id, offer, stage, kind, touched_at, touched_by, note, leads) VALUES (@profile, @offer, @stage, @kind, @at, @by, @note, @leads)",
            parameters =>
            {
                parameters.Add(PostgreSqlLeadDatabase.Text("profile", touch.ProfileId.ToString()));
                parameters.Add(PostgreSqlLeadDatabase.Text("offer", touch.Offer.ToString()));
                parameters.Add(PostgreSqlLeadDatabase.Text("stage", touch.Stage.ToString()));
                parameters.Add(PostgreSqlLeadDatabase.Text("kind", touch.Kind.ToString()));
                parameters.Add(PostgreSqlLeadDatabase.Timestamp("at", touch.At));
                parameters.Add(PostgreSqlLeadDatabase.Text("by", touch.By));
                parameters.Add(PostgreSqlLeadDatabase.Text("note", touch.Note));
                parameters.Add(PostgreSqlLeadDatabase.TextArray("leads", PostgreSqlLeadJournal.Ids(touch.Leads)));
            },
            cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<FollowUpLog> ReadLogAsync(CancellationToken cancellationToken = default)
    {
        var touches = await database.QueryAsync(
            "SELECT profile_id, offer, stage, kind, touched_at, touched_by, note, leads FROM follow_up_touches ORDER BY id",
            static _ => { },
            static reader => new FollowUpTouch
            {
                ProfileId = new CustomerProfileId(LeadId.Parse(reader.GetString(0))),
                Offer = MarketplaceOffer.Parse(reader.GetString(1)),
                Stage = Enum.Parse<FunnelStage>(reader.GetString(2)),
                Kind = Enum.Parse<TouchKind>(reader.GetString(3)),
                At = reader.GetFieldValue<DateTimeOffset>(4),
                By = PostgreSqlLeadDatabase.NullableString(reader, 5),
                Note = PostgreSqlLeadDatabase.NullableString(reader, 6),
                Leads = Array.ConvertAll(reader.GetFieldValue<string[]>(7), LeadId.Parse),
            },
            cancellationToken).ConfigureAwait(false);
        return FollowUpLog.Create(touches);
    }

    public async ValueTask<bool> AddAlertAsync(FollowUpAlertRecord alert, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(alert);
        return await database.ExecuteAsync(
            "INSERT INTO follow_up_alerts(lead_id, kind, due_at, raised_at, state) VALUES (@lead, @kind, @due, @raised, @state) ON CONFLICT (lead_id, kind) DO NOTHING",
            parameters =>
            {
                parameters.Add(PostgreSqlLeadDatabase.Text("lead", alert.LeadId.ToString()));
                parameters.Add(PostgreSqlLeadDatabase.Text("kind", alert.Kind.ToString()));
                parameters.Add(PostgreSqlLeadDatabase.Timestamp("due", alert.DueAt));
                parameters.Add(PostgreSqlLeadDatabase.Timestamp("raised", alert.RaisedAt));
                parameters.Add(PostgreSqlLeadDatabase.Text("state", alert.State.ToString()));
            },
            cancellationToken).ConfigureAwait(false) == 1;
    }

    public async ValueTask SetAlertStateAsync(LeadId leadId, FollowUpAlertKind kind, FollowUpAlertState state, CancellationToken cancellationToken = default) =>
        await database.ExecuteAsync(
            "UPDATE follow_up_alerts SET state = @state WHERE lead_id = @lead AND kind = @kind",
            parameters =>
            {
                parameters.Add(PostgreSqlLeadDatabase.Text("lead", leadId.ToString()));
                parameters.Add(PostgreSqlLeadDatabase.Text("kind", kind.ToString()));
                parameters.Add(PostgreSqlLeadDatabase.Text("state", state.ToString()));
            },
            cancellationToken).ConfigureAwait(false);

    public async ValueTask<IReadOnlyList<FollowUpAlertRecord>> ReadAlertsAsync(CancellationToken cancellationToken = default) =>
        await database.QueryAsync(
            "SELECT lead_id, kind, due_at, raised_at, state FROM follow_up_alerts ORDER BY id",
            static _ => { },
            static reader => new FollowUpAlertRecord
            {
                LeadId = LeadId.Parse(reader.GetString(0)),
                Kind = Enum.Parse<FollowUpAlertKind>(reader.GetString(1)),
                DueAt = reader.GetFieldValue<DateTimeOffset>(2),
                RaisedAt = reader.GetFieldValue<DateTimeOffset>(3),
                State = Enum.Parse<FollowUpAlertState>(reader.GetString(4)),
            },
            cancellationToken).ConfigureAwait(false);
}
