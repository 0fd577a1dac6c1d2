using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using MarketplaceLeads.Delivery;
using MarketplaceLeads.Lifecycle;
using MarketplaceLeads.Storage;
using Npgsql;

namespace MarketplaceLeads.PostgreSql;

/// <summary>
/// The durable, shared <see cref="ILeadJournal"/>: accepted leads (<c>journal_leads</c>: id, acceptance sequence and times,
/// kept so that a marketplace retry stays a no-op forever), the JSON of each lead still pending with the claim of the process
/// delivering it (<c>journal_payloads</c>), one pending row per (lead, sink) until the sink has it, and dead letters.
/// </summary>
/// <remarks>
/// A lead is claimed by the process that accepts it; <see cref="ReadPendingAsync"/> claims, and returns, the pending leads
/// that are unclaimed, claimed by this instance, or whose claim expired, skipping rows another process is claiming at the
/// same moment (<c>FOR UPDATE SKIP LOCKED</c>): two pipelines starting together split the pending leads between them.
/// </remarks>
internal sealed class PostgreSqlLeadJournal(PostgreSqlLeadDatabase database) : ILeadJournal, ILeadJournalTakeover, ILeadErasureSink, ILeadDeadLetterStore
{
    /// <summary>Erases the request from every table of the schema (once, whichever of its components is told first).</summary>
    public ValueTask<IReadOnlyDictionary<string, int>> EraseAsync(ErasureRequest request, CancellationToken cancellationToken) => ((ILeadErasureSink)database).EraseAsync(request, cancellationToken);

    /// <summary>Drops old raw payloads and dead letters from the schema's tables.</summary>
    public ValueTask<RetentionReceipt> ApplyRetentionAsync(DateTimeOffset? rawPayloadsBefore, DateTimeOffset? deadLettersBefore, CancellationToken cancellationToken) => ((ILeadErasureSink)database).ApplyRetentionAsync(rawPayloadsBefore, deadLettersBefore, cancellationToken);

    public ValueTask<bool> TryAcceptAsync(Lead lead, DateTimeOffset acceptedAt, IReadOnlyList<string> sinks, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lead);
        ArgumentNullException.ThrowIfNull(sinks);
        return new ValueTask<bool>(AcceptAsync(lead, acceptedAt, sinks, cancellationToken));
    }

    private async Task<bool> AcceptAsync(Lead lead, DateTimeOffset acceptedAt, IReadOnlyList<string> sinks, CancellationToken cancellationToken)
    {
        // One statement, so one atomic commit: a concurrent accept of the same id (another process) waits on the primary key and inserts nothing.
        var now = database.Time.GetUtcNow();
        var accepted = await database.QueryAsync(
            """
            WITH accepted AS (
                INSERT INTO journal_leads(lead_id, accepted_at, lead_at) VALUES (@id, @at, @leadAt)
                ON CONFLICT (lead_id) DO NOTHING RETURNING seq),
            payload AS (
                INSERT INTO journal_payloads(lead_id, seq, lead_json, claimed_by, lease_until)
                SELECT @id, seq, @json, @owner, @until FROM accepted WHERE cardinality(@sinks) > 0),
            pending AS (
                INSERT INTO journal_pending(lead_id, sink) SELECT DISTINCT @id, sink FROM accepted, unnest(@sinks) AS sink)
            SELECT count(*) FROM accepted
            """,
            parameters =>
            {
                parameters.Add(PostgreSqlLeadDatabase.Text("id", lead.Id.ToString()));
                parameters.Add(PostgreSqlLeadDatabase.Timestamp("at", acceptedAt));
                parameters.Add(PostgreSqlLeadDatabase.Timestamp("leadAt", lead.CreatedAt ?? lead.ReceivedAt));
                parameters.Add(PostgreSqlLeadDatabase.Text("json", sinks.Count == 0 ? string.Empty : LeadJsonLines.Serialize(lead)));
                parameters.Add(PostgreSqlLeadDatabase.Text("owner", database.ClaimOwner));
                parameters.Add(PostgreSqlLeadDatabase.Timestamp("until", now + database.ClaimLease));
                parameters.Add(PostgreSqlLeadDatabase.TextArray("sinks", sinks));
            },
            static reader => reader.GetInt64(0),
            cancellationToken).ConfigureAwait(false);
        return accepted[0] > 0;
    }

    public async ValueTask<DateTimeOffset?> FindLeadTimeAsync(LeadId leadId, CancellationToken cancellationToken)
    {
        var rows = await database.QueryAsync(
            "SELECT lead_at FROM journal_leads WHERE lead_id = @id",
            parameters => parameters.Add(PostgreSqlLeadDatabase.Text("id", leadId.ToString())),
            static reader => reader.GetFieldValue<DateTimeOffset>(0),
            cancellationToken).ConfigureAwait(false);
        return rows.Count == 0 ? null : rows[0];
    }

    public async ValueTask MarkDeliveredAsync(string sink, IReadOnlyList<LeadId> leads, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sink);
        ArgumentNullException.ThrowIfNull(leads);
        if (leads.Count == 0)
        {
            return;
        }

        var ids = Ids(leads);
        await database.TransactAsync(
            async (connection, transaction, token) =>
            {
                await DoneAsync(connection, transaction, sink, ids, token).ConfigureAwait(false);
                return 0;
            },
            cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<long?> GetProfileChangeProgressAsync(string sink, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sink);
        var rows = await database.QueryAsync(
            "SELECT seq FROM journal_change_progress WHERE sink = @sink",
            parameters => parameters.Add(PostgreSqlLeadDatabase.Text("sink", sink)),
            static reader => reader.GetInt64(0),
            cancellationToken).ConfigureAwait(false);
        return rows.Count == 0 ? null : rows[0];
    }

    public async ValueTask SetProfileChangeProgressAsync(string sink, long sequence, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sink);
        await database.ExecuteAsync(
            "INSERT INTO journal_change_progress(sink, seq) VALUES (@sink, @seq) ON CONFLICT (sink) DO UPDATE SET seq = GREATEST(journal_change_progress.seq, excluded.seq)",
            parameters =>
            {
                parameters.Add(PostgreSqlLeadDatabase.Text("sink", sink));
                parameters.Add(PostgreSqlLeadDatabase.Int64("seq", sequence));
            },
            cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask AddDeadLettersAsync(IReadOnlyList<LeadDeadLetter> deadLetters, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deadLetters);
        if (deadLetters.Count == 0)
        {
            return;
        }

        await database.TransactAsync(
            async (connection, transaction, token) =>
            {
                using (var batch = new NpgsqlBatch(connection, transaction))
                {
                    foreach (var letter in deadLetters)
                    {
                        batch.BatchCommands.Add(Insert(letter));
                    }

                    await batch.ExecuteNonQueryAsync(token).ConfigureAwait(false);
                }

                // A delivery that failed for good ends the lead's pending state for its sink (the dead letter holds the lead now).
                foreach (var letter in deadLetters)
                {
                    if (letter is { Kind: LeadDeadLetterKind.DeliveryFailed, LeadId: { } id, Sink: { } sink })
                    {
                        await DoneAsync(connection, transaction, sink, [id.ToString()], token).ConfigureAwait(false);
                    }
                }

                return 0;
            },
            cancellationToken).ConfigureAwait(false);
    }

    private static NpgsqlBatchCommand Insert(LeadDeadLetter letter)
    {
        var error = letter.ReadError;
        var command = new NpgsqlBatchCommand(
            """
            INSERT INTO dead_letters(kind, reason, occurred_at, lead_id, sink, attempts, raw_payload, lead_json, channel, record_index,
                line_number, byte_position, json_path, field, value, source_name, exception_type, exception_message)
            VALUES (@kind, @reason, @at, @lead, @sink, @attempts, @raw, @json, @channel, @index, @line, @byte, @path, @field, @value, @source, @type, @message)
            """);
        command.Parameters.Add(PostgreSqlLeadDatabase.Text("kind", letter.Kind.ToString()));
        command.Parameters.Add(PostgreSqlLeadDatabase.Text("reason", letter.Reason));
        command.Parameters.Add(PostgreSqlLeadDatabase.Timestamp("at", letter.OccurredAt));
        command.Parameters.Add(PostgreSqlLeadDatabase.Text("lead", letter.LeadId?.ToString()));
        command.Parameters.Add(PostgreSqlLeadDatabase.Text("sink", letter.Sink));
        command.Parameters.Add(PostgreSqlLeadDatabase.Int32("attempts", letter.Attempts));
        command.Parameters.Add(PostgreSqlLeadDatabase.Text("raw", letter.RawPayload));
        command.Parameters.Add(PostgreSqlLeadDatabase.Text("json", letter.Lead is null ? null : LeadJsonLines.Serialize(letter.Lead)));
        command.Parameters.Add(PostgreSqlLeadDatabase.Text("channel", error?.Channel.ToString()));
        command.Parameters.Add(PostgreSqlLeadDatabase.Int64("index", error?.RecordIndex));
        command.Parameters.Add(PostgreSqlLeadDatabase.Int64("line", error?.LineNumber));
        command.Parameters.Add(PostgreSqlLeadDatabase.Int64("byte", error?.BytePosition));
        command.Parameters.Add(PostgreSqlLeadDatabase.Text("path", error?.JsonPath));
        command.Parameters.Add(PostgreSqlLeadDatabase.Text("field", error?.Field));
        command.Parameters.Add(PostgreSqlLeadDatabase.Text("value", error?.Value));
        command.Parameters.Add(PostgreSqlLeadDatabase.Text("source", error?.SourceName));
        command.Parameters.Add(PostgreSqlLeadDatabase.Text("type", letter.ExceptionType));
        command.Parameters.Add(PostgreSqlLeadDatabase.Text("message", letter.ExceptionMessage));
        return command;
    }

    public IAsyncEnumerable<JournaledLead> ReadPendingAsync(CancellationToken cancellationToken) => ClaimAsync(ownToo: true, cancellationToken);

    /// <inheritdoc/>
    public TimeSpan TakeoverInterval => database.ClaimLease / 2;

    /// <inheritdoc/>
    public IAsyncEnumerable<JournaledLead> TakeOverAbandonedAsync(CancellationToken cancellationToken) => ClaimAsync(ownToo: false, cancellationToken);

    /// <summary>Claims the pending leads no live process holds (with <paramref name="ownToo"/>, this process's own as well, at a start); RETURNING has no order, so the rows are sorted by acceptance here.</summary>
    private async IAsyncEnumerable<JournaledLead> ClaimAsync(bool ownToo, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var now = database.Time.GetUtcNow();
        var rows = await database.QueryAsync(
            """
            WITH claimable AS (
                SELECT p.lead_id FROM journal_payloads p
                WHERE (p.claimed_by IS NULL OR (@own AND p.claimed_by = @owner)
                        OR (p.claimed_by <> @owner AND NOT EXISTS (SELECT 1 FROM journal_owners o WHERE o.owner = p.claimed_by AND o.lease_until >= @now)))
                    AND EXISTS (SELECT 1 FROM journal_pending q WHERE q.lead_id = p.lead_id)
                ORDER BY p.seq
                FOR UPDATE SKIP LOCKED)
            UPDATE journal_payloads p SET claimed_by = @owner, lease_until = @until
            FROM claimable c, journal_leads l
            WHERE p.lead_id = c.lead_id AND l.lead_id = p.lead_id
            RETURNING p.seq, p.lead_json, l.accepted_at,
                (SELECT string_agg(q.sink, chr(31) ORDER BY q.sink) FROM journal_pending q WHERE q.lead_id = p.lead_id)
            """,
            parameters =>
            {
                parameters.Add(PostgreSqlLeadDatabase.Text("owner", database.ClaimOwner));
                parameters.Add(PostgreSqlLeadDatabase.Timestamp("now", now));
                parameters.Add(PostgreSqlLeadDatabase.Timestamp("until", now + database.ClaimLease));
                parameters.Add(new NpgsqlParameter<bool>("own", ownToo));
            },
            static reader => (Seq: reader.GetInt64(0), Json: reader.GetString(1), At: reader.GetFieldValue<DateTimeOffset>(2), Sinks: PostgreSqlLeadDatabase.NullableString(reader, 3)),
            cancellationToken).ConfigureAwait(false);
        rows.Sort(static (x, y) => x.Seq.CompareTo(y.Seq));
        foreach (var (_, json, at, sinks) in rows)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (sinks is not null)
            {
                yield return new JournaledLead(database.ReadLeadJson(json), at, sinks.Split('\u001f'));
            }
        }
    }

    public async IAsyncEnumerable<LeadDeadLetter> ReadDeadLettersAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var stored in ReadStoredDeadLettersAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return stored.DeadLetter;
        }
    }

    public async IAsyncEnumerable<StoredLeadDeadLetter> ReadStoredDeadLettersAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var rows = await database.QueryAsync(
            DeadLetterRows.SelectAllStored,
            static _ => { },
            reader => DeadLetterRows.ReadStored(reader, static (reader, ordinal) => reader.GetFieldValue<DateTimeOffset>(ordinal), database.ReadLeadJson),
            cancellationToken).ConfigureAwait(false);
        foreach (var row in rows)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return row;
        }
    }

    public async ValueTask<bool> MarkRetriedAsync(long id, DateTimeOffset retriedAt, CancellationToken cancellationToken) =>
        await database.ExecuteAsync(
            DeadLetterRows.MarkRetried,
            parameters =>
            {
                parameters.Add(PostgreSqlLeadDatabase.Int64("id", id));
                parameters.Add(PostgreSqlLeadDatabase.Timestamp("at", retriedAt));
            },
            cancellationToken).ConfigureAwait(false) == 1;

    public async ValueTask<bool> SetReasonAsync(long id, string reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reason);
        return await database.ExecuteAsync(
            DeadLetterRows.SetReason,
            parameters =>
            {
                parameters.Add(PostgreSqlLeadDatabase.Int64("id", id));
                parameters.Add(PostgreSqlLeadDatabase.Text("reason", reason));
            },
            cancellationToken).ConfigureAwait(false) == 1;
    }

    internal static string[] Ids(IReadOnlyList<LeadId> leads)
    {
        var ids = new string[leads.Count];
        for (var i = 0; i < ids.Length; i++)
        {
            ids[i] = leads[i].ToString();
        }

        return ids;
    }

    /// <summary>
    /// Ends the leads' pending state for a sink and, for each lead no sink waits for any more, deletes its JSON and claim (its id
    /// and times stay). The leads' payload rows are locked first, in id order, so that two sinks finishing one lead at once
    /// (two transactions) cannot both miss the other's last pending row.
    /// </summary>
    internal static async Task DoneAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sink, string[] ids, CancellationToken cancellationToken)
    {
        using var batch = new NpgsqlBatch(connection, transaction)
        {
            BatchCommands =
            {
                Command("SELECT 1 FROM journal_payloads WHERE lead_id = ANY(@ids) ORDER BY lead_id FOR UPDATE", sink, ids),
                Command("DELETE FROM journal_pending WHERE sink = @sink AND lead_id = ANY(@ids)", sink, ids),
                Command("DELETE FROM journal_payloads p WHERE p.lead_id = ANY(@ids) AND NOT EXISTS (SELECT 1 FROM journal_pending q WHERE q.lead_id = p.lead_id)", sink, ids),
            },
        };
        await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);

        static NpgsqlBatchCommand Command(string sql, string sink, string[] ids)
        {
            var command = new NpgsqlBatchCommand(sql);
            if (sql.Contains("@sink", StringComparison.Ordinal))
            {
                command.Parameters.Add(PostgreSqlLeadDatabase.Text("sink", sink));
            }

            command.Parameters.Add(PostgreSqlLeadDatabase.TextArray("ids", ids));
            return command;
        }
    }
}
