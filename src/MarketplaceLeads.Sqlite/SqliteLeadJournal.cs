using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using MarketplaceLeads.Delivery;
using MarketplaceLeads.Lifecycle;
using MarketplaceLeads.Storage;

namespace MarketplaceLeads.Sqlite;

/// <summary>
/// The durable <see cref="ILeadJournal"/>: accepted leads (as <c>marketplace-leads/lead@1</c> JSON, raw payload
/// included) with an acceptance sequence, one pending row per (lead, sink) until the sink has it, and dead letters.
/// A lead every sink has keeps only its id and time (so a marketplace retry stays a no-op forever).
/// </summary>
internal sealed class SqliteLeadJournal(SqliteLeadDatabase database) : ILeadJournal, ILeadErasureSink, ILeadDeadLetterStore
{
    /// <summary>Erases the request from every table of the database (once, whichever of its components is told first).</summary>
    public ValueTask<IReadOnlyDictionary<string, int>> EraseAsync(ErasureRequest request, CancellationToken cancellationToken) => ((ILeadErasureSink)database).EraseAsync(request, cancellationToken);

    /// <summary>Drops old raw payloads and dead letters from the database's tables.</summary>
    public ValueTask<RetentionReceipt> ApplyRetentionAsync(DateTimeOffset? rawPayloadsBefore, DateTimeOffset? deadLettersBefore, CancellationToken cancellationToken) => ((ILeadErasureSink)database).ApplyRetentionAsync(rawPayloadsBefore, deadLettersBefore, cancellationToken);

    public ValueTask<bool> TryAcceptAsync(Lead lead, DateTimeOffset acceptedAt, IReadOnlyList<string> sinks, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lead);
        ArgumentNullException.ThrowIfNull(sinks);
        var entry = new JournaledLead(lead, acceptedAt, sinks);
        var json = sinks.Count == 0 ? null : Utf8Text.Json(lead);
        return new ValueTask<bool>(database.TransactAsync(
            (connection, transaction) =>
            {
                var accepted = Accept(connection, transaction, entry, json);
                database.NoteAccepted(accepted ? 1 : 0);
                return accepted;
            },
            cancellationToken));
    }

    /// <summary>Records a chunk of leads in one write of the commit group (one flush to disk for all of them), their JSON written before the database's gate is taken.</summary>
    public async ValueTask<IReadOnlyList<bool>> TryAcceptManyAsync(IReadOnlyList<JournaledLead> leads, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(leads);
        var json = new Utf8Text?[leads.Count];
        for (var i = 0; i < json.Length; i++)
        {
            var entry = leads[i] ?? throw new ArgumentException($"leads[{i}] is null.", nameof(leads));
            ArgumentNullException.ThrowIfNull(entry.Lead);
            ArgumentNullException.ThrowIfNull(entry.PendingSinks);
            json[i] = entry.PendingSinks.Count == 0 ? null : Utf8Text.Json(entry.Lead);
        }

        if (leads.Count == 0)
        {
            return [];
        }

        return await database.TransactAsync<IReadOnlyList<bool>>(
            (connection, transaction) =>
            {
                var accepted = new bool[leads.Count];
                var count = 0;
                for (var i = 0; i < accepted.Length; i++)
                {
                    accepted[i] = Accept(connection, transaction, leads[i], json[i]);
                    count += accepted[i] ? 1 : 0;
                }

                database.NoteAccepted(count);
                return accepted;
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Records one accepted lead: its id and times with the next acceptance sequence, its JSON while a sink waits for it, a pending row per sink; nothing when its id was accepted before.</summary>
    private static bool Accept(Microsoft.Data.Sqlite.SqliteConnection connection, Microsoft.Data.Sqlite.SqliteTransaction transaction, JournaledLead entry, Utf8Text? json)
    {
        var lead = entry.Lead;
        var id = lead.Id;
        long seq;
        using (var insert = SqliteLeadDatabase.Command(
            connection,
            transaction,
            "INSERT OR IGNORE INTO journal_leads(lead_id, seq, accepted_at, lead_at) VALUES ($id, (SELECT COALESCE(MAX(seq), 0) + 1 FROM journal_leads), $at, $leadAt) RETURNING seq",
            ("$id", id),
            ("$at", SqliteLeadDatabase.FormatTime(entry.AcceptedAt)),
            ("$leadAt", SqliteLeadDatabase.FormatTime(lead.CreatedAt ?? lead.ReceivedAt))))
        {
            if (insert.ExecuteScalar() is not long assigned)
            {
                return false; // accepted before
            }

            seq = assigned;
        }

        if (json is not null)
        {
            SqliteLeadDatabase.Run(connection, transaction, "INSERT INTO journal_payloads(seq, lead_json) VALUES ($seq, $json)", ("$seq", seq), ("$json", json));
        }

        foreach (var sink in entry.PendingSinks)
        {
            using var pending = SqliteLeadDatabase.Command(connection, transaction, "INSERT OR IGNORE INTO journal_pending(lead_id, sink) VALUES ($id, $sink)", ("$id", id), ("$sink", sink));
            pending.ExecuteNonQuery();
        }

        return true;
    }

    public async ValueTask<DateTimeOffset?> FindLeadTimeAsync(LeadId leadId, CancellationToken cancellationToken)
    {
        // A lead journaled before schema 4 has no lead_at: its acceptance time stands in.
        var rows = await database.QueryAsync(
            "SELECT COALESCE(lead_at, accepted_at) FROM journal_leads WHERE lead_id = $id",
            command => command.Parameters.AddWithValue("$id", leadId.ToString()),
            static reader => reader.GetString(0),
            cancellationToken).ConfigureAwait(false);
        return rows.Count == 0 ? null : SqliteLeadDatabase.ParseTime(rows[0]);
    }

    public async ValueTask MarkDeliveredAsync(string sink, IReadOnlyList<LeadId> leads, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sink);
        ArgumentNullException.ThrowIfNull(leads);

        // The SQLite sink of UseSqlite records its deliveries itself, committed with its rows: nothing left, nothing to commit.
        var pending = await database.RunAsync(
            connection =>
            {
                foreach (var lead in leads)
                {
                    using var find = SqliteLeadDatabase.Command(connection, null, "SELECT 1 FROM journal_pending WHERE lead_id = $id AND sink = $sink", ("$id", lead.ToString()), ("$sink", sink));
                    if (find.ExecuteScalar() is not null)
                    {
                        return true;
                    }
                }

                return false;
            },
            cancellationToken).ConfigureAwait(false);
        if (!pending)
        {
            return;
        }

        await database.TransactAsync(
            (connection, transaction) =>
            {
                foreach (var lead in leads)
                {
                    Done(connection, transaction, lead, sink);
                }

                return 0;
            },
            cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<long?> GetProfileChangeProgressAsync(string sink, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sink);
        var rows = await database.QueryAsync(
            "SELECT seq FROM journal_change_progress WHERE sink = $sink",
            command => command.Parameters.AddWithValue("$sink", sink),
            static reader => reader.GetInt64(0),
            cancellationToken).ConfigureAwait(false);
        return rows.Count == 0 ? null : rows[0];
    }

    public ValueTask SetProfileChangeProgressAsync(string sink, long sequence, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sink);
        return new ValueTask(database.TransactAsync(
            (connection, transaction) =>
            {
                SqliteLeadDatabase.Run(
                    connection,
                    transaction,
                    "INSERT INTO journal_change_progress(sink, seq) VALUES ($sink, $seq) ON CONFLICT(sink) DO UPDATE SET seq = MAX(seq, excluded.seq)",
                    ("$sink", sink),
                    ("$seq", sequence));
                return 0;
            },
            cancellationToken));
    }

    public ValueTask AddDeadLettersAsync(IReadOnlyList<LeadDeadLetter> deadLetters, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deadLetters);
        return new ValueTask(database.TransactAsync(
            (connection, transaction) =>
            {
                foreach (var letter in deadLetters)
                {
                    var error = letter.ReadError;
                    using var insert = SqliteLeadDatabase.Command(
                        connection,
                        transaction,
                        """
                        INSERT INTO dead_letters(kind, reason, occurred_at, lead_id, sink, attempts, raw_payload, lead_json, channel, record_index,
                            line_number, byte_position, json_path, field, value, source_name, exception_type, exception_message)
                        VALUES ($kind, $reason, $at, $lead, $sink, $attempts, $raw, $json, $channel, $index, $line, $byte, $path, $field, $value, $source, $type, $message)
                        """,
                        ("$kind", letter.Kind.ToString()),
                        ("$reason", letter.Reason),
                        ("$at", SqliteLeadDatabase.FormatTime(letter.OccurredAt)),
                        ("$lead", letter.LeadId?.ToString()),
                        ("$sink", letter.Sink),
                        ("$attempts", letter.Attempts),
                        ("$raw", letter.RawPayload),
                        ("$json", letter.Lead is null ? null : LeadJsonLines.Serialize(letter.Lead)),
                        ("$channel", error?.Channel.ToString()),
                        ("$index", error?.RecordIndex),
                        ("$line", error?.LineNumber),
                        ("$byte", error?.BytePosition),
                        ("$path", error?.JsonPath),
                        ("$field", error?.Field),
                        ("$value", error?.Value),
                        ("$source", error?.SourceName),
                        ("$type", letter.ExceptionType),
                        ("$message", letter.ExceptionMessage));
                    insert.ExecuteNonQuery();
                    if (letter is { Kind: LeadDeadLetterKind.DeliveryFailed, LeadId: { } id, Sink: { } sink })
                    {
                        // The de-duplication store of UseSqlite keeps no copy of a lead's JSON while the journal or the sink's
                        // table has it; a lead no sink table will hold gets its copy back before the journal lets go of it.
                        if (letter.Lead is { } lead)
                        {
                            SqliteLeadDatabase.Run(
                                connection,
                                transaction,
                                "UPDATE dedup_leads SET lead_json = $json WHERE lead_id = $id AND lead_json = '' AND NOT EXISTS (SELECT 1 FROM leads WHERE lead_id = $id)",
                                ("$json", LeadJsonLines.Serialize(lead)),
                                ("$id", id.ToString()));
                        }

                        Done(connection, transaction, id, sink);
                    }
                }

                return 0;
            },
            cancellationToken));
    }

    public async IAsyncEnumerable<JournaledLead> ReadPendingAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var rows = await database.QueryAsync(
            """
            SELECT j.lead_json, l.accepted_at, group_concat(p.sink, char(31))
            FROM journal_leads l JOIN journal_pending p ON p.lead_id = l.lead_id JOIN journal_payloads j ON j.seq = l.seq
            GROUP BY l.lead_id ORDER BY l.seq
            """,
            static _ => { },
            static reader => (Json: reader.GetString(0), At: reader.GetString(1), Sinks: reader.GetString(2)),
            cancellationToken).ConfigureAwait(false);
        foreach (var (json, at, sinks) in rows)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return new JournaledLead(database.ReadLeadJson(json), SqliteLeadDatabase.ParseTime(at), sinks.Split('\u001f'));
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
            reader => DeadLetterRows.ReadStored(reader, static (reader, ordinal) => SqliteLeadDatabase.ParseTime(reader.GetString(ordinal)), database.ReadLeadJson),
            cancellationToken).ConfigureAwait(false);
        foreach (var row in rows)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return row;
        }
    }

    public async ValueTask<bool> MarkRetriedAsync(long id, DateTimeOffset retriedAt, CancellationToken cancellationToken) =>
        await database.TransactAsync(
            (connection, transaction) =>
            {
                using var update = SqliteLeadDatabase.Command(connection, transaction, DeadLetterRows.MarkRetried, ("@id", id), ("@at", SqliteLeadDatabase.FormatTime(retriedAt)));
                return update.ExecuteNonQuery();
            },
            cancellationToken).ConfigureAwait(false) == 1;

    public async ValueTask<bool> SetReasonAsync(long id, string reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reason);
        return await database.TransactAsync(
            (connection, transaction) =>
            {
                using var update = SqliteLeadDatabase.Command(connection, transaction, DeadLetterRows.SetReason, ("@id", id), ("@reason", reason));
                return update.ExecuteNonQuery();
            },
            cancellationToken).ConfigureAwait(false) == 1;
    }

    /// <summary>Ends a lead's pending state for a sink; once no sink is pending, deletes its stored JSON (its id and times stay).</summary>
    internal static void Done(Microsoft.Data.Sqlite.SqliteConnection connection, Microsoft.Data.Sqlite.SqliteTransaction transaction, LeadId id, string sink)
    {
        using var delete = SqliteLeadDatabase.Command(connection, transaction, "DELETE FROM journal_pending WHERE lead_id = $id AND sink = $sink", ("$id", id), ("$sink", sink));
        if (delete.ExecuteNonQuery() == 0)
        {
            return;
        }

        using var forget = SqliteLeadDatabase.Command(
            connection,
            transaction,
            "DELETE FROM journal_payloads WHERE seq = (SELECT seq FROM journal_leads WHERE lead_id = $id) AND NOT EXISTS (SELECT 1 FROM journal_pending WHERE lead_id = $id)",
            ("$id", id));
        forget.ExecuteNonQuery();
    }
}
