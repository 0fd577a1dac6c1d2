using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using MarketplaceLeads.Deduplication;
using MarketplaceLeads.Lifecycle;
using MarketplaceLeads.Storage;
using Npgsql;

namespace MarketplaceLeads.PostgreSql;

/// <summary>The customer's data lifecycle on the schema: erasure from every table, the audit record, retention.</summary>
public sealed partial class PostgreSqlLeadDatabase
{
    /// <summary>Per table, what an erasure removes: <c>@l</c> holds the lead ids, <c>@p</c> the profile ids, <c>@n</c> the texts (lower case) that name the customer in a raw record (the e-mail addresses and the lead ids).</summary>
    private static readonly (string Table, string Sql)[] Erasure =
    [
        ("journal_payloads", "DELETE FROM journal_payloads WHERE lead_id = ANY(@l)"),
        ("journal_pending", "DELETE FROM journal_pending WHERE lead_id = ANY(@l)"),
        ("dead_letters", """
            DELETE FROM dead_letters WHERE lead_id = ANY(@l)
                OR EXISTS (SELECT 1 FROM unnest(@n) n WHERE strpos(lower(COALESCE(raw_payload, '') || ' ' || COALESCE(lead_json, '') || ' ' || COALESCE(value, '')), n) > 0)
            """),
        ("dedup_leads", "DELETE FROM dedup_leads WHERE lead_id = ANY(@l) OR profile_id = ANY(@p)"),
        ("dedup_profiles", "DELETE FROM dedup_profiles WHERE profile_id = ANY(@p)"),
        ("dedup_keys", "DELETE FROM dedup_keys WHERE lead_id = ANY(@l)"),
        ("dedup_possibles", "DELETE FROM dedup_possibles WHERE first = ANY(@p) OR second = ANY(@p) OR raised_by = ANY(@l)"),
        ("dedup_apart", "DELETE FROM dedup_apart WHERE first = ANY(@p) OR second = ANY(@p)"),
        ("dedup_reviews", "UPDATE dedup_reviews SET comment = NULL WHERE comment IS NOT NULL AND (first = ANY(@p) OR second = ANY(@p))"),
        ("dedup_review_leads", "DELETE FROM dedup_review_leads WHERE lead_id = ANY(@l)"),
        ("leads", "DELETE FROM leads WHERE lead_id = ANY(@l) OR profile_id = ANY(@p)"),
        ("profiles", "DELETE FROM profiles WHERE profile_id = ANY(@p)"),
        ("follow_up_touches", "DELETE FROM follow_up_touches WHERE profile_id = ANY(@p) OR leads && @l"),
        ("follow_up_alerts", "DELETE FROM follow_up_alerts WHERE lead_id = ANY(@l)"),
    ];

    /// <summary>
    /// Erases a customer by e-mail address from every table of the schema: the profiles that hold the address (in the identity
    /// store, or in the sink's rows) with all their leads — the journal's payloads and pending deliveries, the identity store's
    /// leads, profiles, keys, decisions, explanations and possible duplicates, the dead letters that name the customer, the
    /// sink's rows, the follow-up touches and alerts — in one transaction, and records the erasure, without personal data, in
    /// <c>erasures</c>. The journal keeps each lead's id and times as a tombstone: a re-delivery of the same lead is not stored again.
    /// </summary>
    /// <param name="email">The customer's e-mail address (compared normalised).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The receipt: ids and counts per table.</returns>
    /// <exception cref="ArgumentException"><paramref name="email"/> is empty.</exception>
    public async Task<ErasureReceipt> EraseCustomerAsync(string email, CancellationToken cancellationToken = default)
    {
        var request = await ErasureRequest.ForEmailAsync(CreateDeduplicationStore(), email, Time, cancellationToken).ConfigureAwait(false);
        var rows = await QueryAsync(
            "SELECT profile_id FROM leads WHERE lower(email) = @email UNION SELECT profile_id FROM profiles WHERE lower(email) = @email OR EXISTS (SELECT 1 FROM unnest(emails) e WHERE lower(e) = @email)",
            parameters => parameters.Add(Text("email", ErasureRequest.NormalizeEmail(email))),
            reader => reader.GetString(0),
            cancellationToken).ConfigureAwait(false);
        return await EraseAsync(await WithSinkRowsAsync(request, rows, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Erases one customer profile, with all its leads, from every table of the schema, as <see cref="EraseCustomerAsync(string, CancellationToken)"/> does.</summary>
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

    /// <inheritdoc/>
    async ValueTask<IReadOnlyDictionary<string, int>> ILeadErasureSink.EraseAsync(ErasureRequest request, CancellationToken cancellationToken) =>
        (await EraseAsync(request, cancellationToken).ConfigureAwait(false)).Counts;

    /// <inheritdoc/>
    async ValueTask<RetentionReceipt> ILeadErasureSink.ApplyRetentionAsync(DateTimeOffset? rawPayloadsBefore, DateTimeOffset? deadLettersBefore, CancellationToken cancellationToken) =>
        await ApplyRetentionAsync(rawPayloadsBefore, deadLettersBefore, cancellationToken).ConfigureAwait(false);

    /// <summary>Erases a request's profiles and leads from every table in one transaction, once per erasure (the components of this schema, in any process, each pass the pipeline's request on: the audit row is written first and a second attempt finds it), and records the counts in <c>erasures</c>.</summary>
    internal async Task<ErasureReceipt> EraseAsync(ErasureRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var leads = request.LeadIds.Select(id => id.ToString()).ToList();
        var profiles = request.ProfileIds.Select(id => id.ToString()).ToList();
        var needles = request.Emails.Select(e => e.ToLowerInvariant()).Concat(leads).ToList();
        var erasedAt = Time.GetUtcNow();
        var counts = await TransactAsync<Dictionary<string, int>>(
            async (connection, transaction, token) =>
            {
                var counts = new Dictionary<string, int>(StringComparer.Ordinal);
                using (var claim = new NpgsqlCommand("INSERT INTO erasures(erasure_id, erased_at, profile_ids, lead_ids, counts) VALUES (@id, @at, @p, @l, '') ON CONFLICT DO NOTHING", connection, transaction))
                {
                    claim.Parameters.Add(Text("id", request.ErasureId));
                    claim.Parameters.Add(Timestamp("at", erasedAt));
                    claim.Parameters.Add(TextArray("p", profiles));
                    claim.Parameters.Add(TextArray("l", leads));
                    if (await claim.ExecuteNonQueryAsync(token).ConfigureAwait(false) == 0)
                    {
                        return counts; // erased already, by another component of this schema
                    }
                }

                foreach (var (table, sql) in Erasure)
                {
                    using var command = new NpgsqlCommand(sql, connection, transaction);
                    command.Parameters.Add(TextArray("l", leads));
                    command.Parameters.Add(TextArray("p", profiles));
                    command.Parameters.Add(TextArray("n", needles));
                    counts[table] = await command.ExecuteNonQueryAsync(token).ConfigureAwait(false);
                }

                using var record = new NpgsqlCommand("UPDATE erasures SET counts = @counts WHERE erasure_id = @id", connection, transaction);
                record.Parameters.Add(Text("counts", ErasureReceipt.For(request, erasedAt, counts).FormatCounts()));
                record.Parameters.Add(Text("id", request.ErasureId));
                await record.ExecuteNonQueryAsync(token).ConfigureAwait(false);
                return counts;
            },
            cancellationToken).ConfigureAwait(false);
        return ErasureReceipt.For(request, erasedAt, counts);
    }

    /// <summary>Drops raw payloads of leads accepted before one time and dead letters recorded before another, in one transaction.</summary>
    internal Task<RetentionReceipt> ApplyRetentionAsync(DateTimeOffset? rawPayloadsBefore, DateTimeOffset? deadLettersBefore, CancellationToken cancellationToken) =>
        TransactAsync(
            async (connection, transaction, token) =>
            {
                var payloads = 0;
                if (rawPayloadsBefore is { } payloadCutOff)
                {
                    payloads += await DropRawPayloadsAsync(connection, transaction, "SELECT p.lead_id, p.lead_json FROM journal_payloads p JOIN journal_leads j ON j.lead_id = p.lead_id WHERE j.accepted_at < @before AND strpos(p.lead_json, '\"rawPayload\"') > 0", "UPDATE journal_payloads SET lead_json = @json WHERE lead_id = @key", payloadCutOff, token).ConfigureAwait(false);
                    payloads += await DropRawPayloadsAsync(connection, transaction, "SELECT d.lead_id, d.lead_json FROM dedup_leads d WHERE strpos(d.lead_json, '\"rawPayload\"') > 0 AND (d.lead_id IN (SELECT lead_id FROM journal_leads WHERE accepted_at < @before) OR d.lead_id IN (SELECT lead_id FROM leads WHERE accepted_at < @before))", "UPDATE dedup_leads SET lead_json = @json WHERE lead_id = @key", payloadCutOff, token).ConfigureAwait(false);
                    payloads += await DropRawPayloadsAsync(connection, transaction, "SELECT lead_id, lead_json FROM leads WHERE accepted_at < @before AND strpos(lead_json, '\"rawPayload\"') > 0", "UPDATE leads SET lead_json = @json WHERE lead_id = @key", payloadCutOff, token).ConfigureAwait(false);
                }

                var letters = 0;
                if (deadLettersBefore is { } letterCutOff)
                {
                    using var delete = new NpgsqlCommand("DELETE FROM dead_letters WHERE occurred_at < @before", connection, transaction);
                    delete.Parameters.Add(Timestamp("before", letterCutOff));
                    letters = await delete.ExecuteNonQueryAsync(token).ConfigureAwait(false);
                }

                return new RetentionReceipt { RawPayloadsBefore = rawPayloadsBefore, DeadLettersBefore = deadLettersBefore, RawPayloadsDropped = payloads, DeadLettersDropped = letters };
            },
            cancellationToken);

    private async Task<int> DropRawPayloadsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string select, string update, DateTimeOffset before, CancellationToken cancellationToken)
    {
        var rows = new List<(string Key, string Json)>();
        using (var read = new NpgsqlCommand(select, connection, transaction))
        {
            read.Parameters.Add(Timestamp("before", before));
            var reader = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using var readerScope = reader.ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                rows.Add((reader.GetString(0), reader.GetString(1)));
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

            using var write = new NpgsqlCommand(update, connection, transaction);
            write.Parameters.Add(Text("json", LeadJsonLines.Serialize(lead with { RawPayload = null })));
            write.Parameters.Add(Text("key", key));
            await write.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            dropped++;
        }

        return dropped;
    }

    /// <summary>Adds the profiles the sink's rows name (a schema the sink writes without the identity store) and their leads.</summary>
    private async Task<ErasureRequest> WithSinkRowsAsync(ErasureRequest request, IReadOnlyCollection<string> profileIds, CancellationToken cancellationToken)
    {
        var leads = await QueryAsync(
            "SELECT lead_id, profile_id FROM leads WHERE profile_id = ANY(@p) UNION SELECT lead_id, profile_id FROM dedup_leads WHERE profile_id = ANY(@p)",
            parameters => parameters.Add(TextArray("p", profileIds)),
            reader => (LeadId.Parse(reader.GetString(0)), new CustomerProfileId(LeadId.Parse(reader.GetString(1)))),
            cancellationToken).ConfigureAwait(false);
        return request.With(leads.Select(l => l.Item2), leads.Select(l => l.Item1));
    }
}
