using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using MarketplaceLeads.Deduplication;
using MarketplaceLeads.Lifecycle;
using MarketplaceLeads.Storage;
using Microsoft.Data.Sqlite;

namespace MarketplaceLeads.Sqlite;

/// <summary>The customer's data lifecycle on the database: erasure from every table, the audit record, retention.</summary>
public sealed partial class SqliteLeadDatabase
{
    /// <summary>Per table, what an erasure removes: <c>$l</c> is a JSON array of the lead ids, <c>$p</c> of the profile ids, <c>$n</c> of the texts (lower case) that name the customer in a raw record (the e-mail addresses and the lead ids).</summary>
    private static readonly (string Table, string Sql)[] Erasure =
    [
        ("journal_payloads", "DELETE FROM journal_payloads WHERE seq IN (SELECT seq FROM journal_leads WHERE lead_id IN (SELECT value FROM json_each($l)))"),
        ("journal_leads", "UPDATE journal_leads SET lead_json = NULL WHERE lead_json IS NOT NULL AND lead_id IN (SELECT value FROM json_each($l))"),
        ("journal_pending", "DELETE FROM journal_pending WHERE lead_id IN (SELECT value FROM json_each($l))"),
        ("dead_letters", """
            DELETE FROM dead_letters WHERE lead_id IN (SELECT value FROM json_each($l))
                OR EXISTS (SELECT 1 FROM json_each($n) n WHERE instr(lower(COALESCE(raw_payload, '') || ' ' || COALESCE(lead_json, '') || ' ' || COALESCE(value, '')), n.value) > 0)
            """),
        ("dedup_leads", "DELETE FROM dedup_leads WHERE lead_id IN (SELECT value FROM json_each($l)) OR profile_id IN (SELECT value FROM json_each($p))"),
        ("dedup_profiles", "DELETE FROM dedup_profiles WHERE profile_id IN (SELECT value FROM json_each($p))"),
        ("dedup_keys", "DELETE FROM dedup_keys WHERE lead_id IN (SELECT value FROM json_each($l)) OR profile_id IN (SELECT value FROM json_each($p))"),
        ("dedup_possibles", "DELETE FROM dedup_possibles WHERE first IN (SELECT value FROM json_each($p)) OR second IN (SELECT value FROM json_each($p)) OR raised_by IN (SELECT value FROM json_each($l))"),
        ("dedup_decisions", "DELETE FROM dedup_decisions WHERE lead_id IN (SELECT value FROM json_each($l)) OR profile_id IN (SELECT value FROM json_each($p))"),
        ("dedup_apart", "DELETE FROM dedup_apart WHERE first IN (SELECT value FROM json_each($p)) OR second IN (SELECT value FROM json_each($p))"),
        ("dedup_reviews", "UPDATE dedup_reviews SET comment = NULL WHERE comment IS NOT NULL AND (first IN (SELECT value FROM json_each($p)) OR second IN (SELECT value FROM json_each($p)))"),
        ("dedup_review_leads", "DELETE FROM dedup_review_leads WHERE lead_id IN (SELECT value FROM json_each($l))"),
        ("leads", "DELETE FROM leads WHERE lead_id IN (SELECT value FROM json_each($l)) OR profile_id IN (SELECT value FROM json_each($p))"),
        ("profiles", "DELETE FROM profiles WHERE profile_id IN (SELECT value FROM json_each($p))"),
        ("follow_up_touches", "DELETE FROM follow_up_touches WHERE profile_id IN (SELECT value FROM json_each($p)) OR EXISTS (SELECT 1 FROM json_each($l) l WHERE instr(COALESCE(leads, ''), l.value) > 0)"),
        ("follow_up_alerts", "DELETE FROM follow_up_alerts WHERE lead_id IN (SELECT value FROM json_each($l))"),
    ];

    /// <summary>The erasure last applied (under the gate): the journal, store, sink and touch log of this database each pass it on, and the first does the work for all.</summary>
    private string? _lastErasure;

    /// <summary>Gets how many erasures changed the tables (under the gate): the de-duplication store empties its caches when this moves.</summary>
    internal long Erasures { get; private set; }

    /// <summary>
    /// Erases a customer by e-mail address from every table of the database: the profiles that hold the address (in the
    /// de-duplication store, or in the sink's rows) with all their leads — the journal's payloads and pending deliveries,
    /// the identity store's leads, profiles, keys, decisions, explanations and possible duplicates, the dead letters that name
    /// the customer, the sink's rows, the follow-up touches and alerts — and records the erasure, without personal data, in
    /// <c>erasures</c>. The journal keeps each lead's id and times as a tombstone: a re-delivery of the same lead is not stored again.
    /// </summary>
    /// <param name="email">The customer's e-mail address (compared normalised).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The receipt: ids and counts per table.</returns>
    /// <exception cref="ArgumentException"><paramref name="email"/> is empty.</exception>
    public async Task<ErasureReceipt> EraseCustomerAsync(string email, CancellationToken cancellationToken = default)
    {
        var request = await ErasureRequest.ForEmailAsync(CreateDeduplicationStore(), email, Time, cancellationToken).ConfigureAwait(false);
        var address = ErasureRequest.NormalizeEmail(email);
        var rows = await QueryAsync(
            "SELECT lead_id, profile_id FROM leads WHERE lower(email) = $email UNION SELECT profile_id, profile_id FROM profiles WHERE lower(email) = $email OR instr(char(10) || lower(emails) || char(10), char(10) || $email || char(10)) > 0",
            command => command.Parameters.AddWithValue("$email", address),
            reader => (reader.GetString(0), reader.GetString(1)),
            cancellationToken).ConfigureAwait(false);
        return await EraseAsync(await WithSinkRowsAsync(request, rows.Select(r => r.Item2), cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Erases one customer profile, with all its leads, from every table of the database, as <see cref="EraseCustomerAsync(string, CancellationToken)"/> does.</summary>
    /// <param name="profileId">The profile's id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The receipt: ids and counts per table.</returns>
    public async Task<ErasureReceipt> EraseCustomerAsync(CustomerProfileId profileId, CancellationToken cancellationToken = default)
    {
        var request = await ErasureRequest.ForProfileAsync(CreateDeduplicationStore(), profileId, Time, cancellationToken).ConfigureAwait(false);
        return await EraseAsync(await WithSinkRowsAsync(request, [profileId.ToString()], cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Drops what is older than the retention periods: the raw payload of every lead accepted more than
    /// <paramref name="rawPayloads"/> ago (from the journal's pending payloads, the identity store's and the sink's copies of the
    /// lead, which stay otherwise as they are) and every dead letter recorded more than <paramref name="deadLetters"/> ago.
    /// </summary>
    /// <param name="rawPayloads">How long raw payloads are kept; <see langword="null"/> to keep them.</param>
    /// <param name="deadLetters">How long dead letters are kept; <see langword="null"/> to keep them.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>What was dropped.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A period is negative.</exception>
    public Task<RetentionReceipt> ApplyRetentionAsync(TimeSpan? rawPayloads, TimeSpan? deadLetters, CancellationToken cancellationToken = default)
    {
        var (payloadsBefore, lettersBefore) = RetentionCutOffs.From(Time, rawPayloads, deadLetters);
        return ApplyRetentionAsync(payloadsBefore, lettersBefore, cancellationToken);
    }

    /// <summary>Erases a request's profiles and leads from every table, once per erasure (the components of this database each pass the pipeline's request on), and records it in <c>erasures</c>.</summary>
    internal async Task<ErasureReceipt> EraseAsync(ErasureRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var leads = JsonArray(request.LeadIds.Select(id => id.ToString()));
        var profiles = JsonArray(request.ProfileIds.Select(id => id.ToString()));
        var needles = JsonArray(request.Emails.Select(e => e.ToLowerInvariant()).Concat(request.LeadIds.Select(id => id.ToString())));
        var erasedAt = Time.GetUtcNow();
        var counts = await TransactAsync<Dictionary<string, int>?>(
            (connection, transaction) =>
            {
                if (_lastErasure == request.ErasureId)
                {
                    return null;
                }

                var counts = new Dictionary<string, int>(StringComparer.Ordinal);
                foreach (var (table, sql) in Erasure)
                {
                    using var command = Command(connection, transaction, sql, ("$l", leads), ("$p", profiles), ("$n", needles));
                    counts[table] = command.ExecuteNonQuery();
                }

                var receipt = ErasureReceipt.For(request, erasedAt, counts);
                Run(
                    connection,
                    transaction,
                    "INSERT OR IGNORE INTO erasures(erasure_id, erased_at, profile_ids, lead_ids, counts) VALUES ($id, $at, $p, $l, $counts)",
                    ("$id", request.ErasureId),
                    ("$at", FormatTime(erasedAt)),
                    ("$p", profiles),
                    ("$l", leads),
                    ("$counts", receipt.FormatCounts()));
                _lastErasure = request.ErasureId;
                Erasures++;
                return counts;
            },
            cancellationToken).ConfigureAwait(false);
        return ErasureReceipt.For(request, erasedAt, counts ?? new Dictionary<string, int>(StringComparer.Ordinal));
    }

    /// <summary>Drops raw payloads of leads accepted before one time and dead letters recorded before another, in one write.</summary>
    internal Task<RetentionReceipt> ApplyRetentionAsync(DateTimeOffset? rawPayloadsBefore, DateTimeOffset? deadLettersBefore, CancellationToken cancellationToken) =>
        TransactAsync(
            (connection, transaction) =>
            {
                var payloads = 0;
                if (rawPayloadsBefore is { } payloadCutOff)
                {
                    var before = FormatTime(payloadCutOff);
                    payloads += DropRawPayloads(connection, transaction, "SELECT p.seq, p.lead_json FROM journal_payloads p JOIN journal_leads j ON j.seq = p.seq WHERE j.accepted_at < $before AND instr(p.lead_json, '\"rawPayload\"') > 0", "UPDATE journal_payloads SET lead_json = $json WHERE seq = $key", before);
                    payloads += DropRawPayloads(connection, transaction, "SELECT d.lead_id, d.lead_json FROM dedup_leads d WHERE instr(d.lead_json, '\"rawPayload\"') > 0 AND (d.lead_id IN (SELECT lead_id FROM journal_leads WHERE accepted_at < $before) OR d.lead_id IN (SELECT lead_id FROM leads WHERE accepted_at < $before))", "UPDATE dedup_leads SET lead_json = $json WHERE lead_id = $key", before);
                    payloads += DropRawPayloads(connection, transaction, "SELECT lead_id, lead_json FROM leads WHERE accepted_at < $before AND instr(lead_json, '\"rawPayload\"') > 0", "UPDATE leads SET lead_json = $json WHERE lead_id = $key", before);
                }

                var letters = 0;
                if (deadLettersBefore is { } letterCutOff)
                {
                    using var delete = Command(connection, transaction, "DELETE FROM dead_letters WHERE occurred_at < $before", ("$before", FormatTime(letterCutOff)));
                    letters = delete.ExecuteNonQuery();
                }

                if (payloads > 0)
                {
                    Erasures++; // the de-duplication store's cached leads held the payloads
                }

                return new RetentionReceipt { RawPayloadsBefore = rawPayloadsBefore, DeadLettersBefore = deadLettersBefore, RawPayloadsDropped = payloads, DeadLettersDropped = letters };
            },
            cancellationToken);

    /// <inheritdoc/>
    async ValueTask<IReadOnlyDictionary<string, int>> ILeadErasureSink.EraseAsync(ErasureRequest request, CancellationToken cancellationToken) =>
        (await EraseAsync(request, cancellationToken).ConfigureAwait(false)).Counts;

    /// <inheritdoc/>
    async ValueTask<RetentionReceipt> ILeadErasureSink.ApplyRetentionAsync(DateTimeOffset? rawPayloadsBefore, DateTimeOffset? deadLettersBefore, CancellationToken cancellationToken) =>
        await ApplyRetentionAsync(rawPayloadsBefore, deadLettersBefore, cancellationToken).ConfigureAwait(false);

    /// <summary>Reads the audit records of erasures, oldest first: ids, times and counts.</summary>
    internal Task<List<(string ErasureId, DateTimeOffset ErasedAt, string ProfileIds, string LeadIds, string Counts)>> ReadErasuresAsync(CancellationToken cancellationToken) =>
        QueryAsync(
            "SELECT erasure_id, erased_at, profile_ids, lead_ids, counts FROM erasures ORDER BY erased_at, erasure_id",
            static _ => { },
            static reader => (reader.GetString(0), ParseTime(reader.GetString(1)), reader.GetString(2), reader.GetString(3), reader.GetString(4)),
            cancellationToken);

    private int DropRawPayloads(SqliteConnection connection, SqliteTransaction transaction, string select, string update, string before)
    {
        var rows = new List<(object Key, string Json)>();
        using (var read = Command(connection, transaction, select, ("$before", before)))
        using (var reader = read.ExecuteReader())
        {
            while (reader.Read())
            {
                rows.Add((reader.GetValue(0), reader.GetString(1)));
            }
        }

        var dropped = 0;
        foreach (var (key, json) in rows)
        {
            var lead = ReadLeadJson(json);
            if (lead.RawPayload is null)
            {
                continue;
            }

            Run(connection, transaction, update, ("$json", LeadJsonLines.Serialize(lead with { RawPayload = null })), ("$key", key));
            dropped++;
        }

        return dropped;
    }

    /// <summary>Adds the profiles the sink's rows name (a database the sink writes without the identity store) and their leads.</summary>
    private async Task<ErasureRequest> WithSinkRowsAsync(ErasureRequest request, IEnumerable<string> profileIds, CancellationToken cancellationToken)
    {
        var profiles = JsonArray(profileIds.Distinct(StringComparer.Ordinal));
        var leads = await QueryAsync(
            "SELECT lead_id, profile_id FROM leads WHERE profile_id IN (SELECT value FROM json_each($p)) UNION SELECT lead_id, profile_id FROM dedup_leads WHERE profile_id IN (SELECT value FROM json_each($p))",
            command => command.Parameters.AddWithValue("$p", profiles),
            reader => (LeadId.Parse(reader.GetString(0)), new CustomerProfileId(LeadId.Parse(reader.GetString(1)))),
            cancellationToken).ConfigureAwait(false);
        return request.With(leads.Select(l => l.Item2), leads.Select(l => l.Item1));
    }

    private static string JsonArray(IEnumerable<string> values)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var value in values)
            {
                writer.WriteStringValue(value);
            }

            writer.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
