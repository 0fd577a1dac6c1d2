using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using MarketplaceLeads.Deduplication;
using MarketplaceLeads.Delivery;
using MarketplaceLeads.Lifecycle;
using Npgsql;

namespace MarketplaceLeads.PostgreSql;

/// <summary>
/// Writes each delivery to the <c>leads</c> table (upsert by lead id: a redelivery, after a crash or by another process that
/// took the lead over, replaces the row with the same content) and its customer profile to <c>profiles</c> (upsert by profile
/// id; profiles merged into it are deleted and their leads re-pointed), one transaction and one round trip per batch. A
/// profile change (a review's accept or split) rewrites the <c>profiles</c> rows it concerns, deletes the profiles that
/// ceased to exist, and points each lead of the changed profiles at its profile with the profile's do-not-contact flag.
/// </summary>
/// <remarks>
/// The sink of a pipeline whose journal is this database (<c>UsePostgreSql</c>, <c>marksDelivered</c>) also ends each lead's
/// pending state for <see cref="PostgreSqlLeadDatabase.SinkName"/> in the same transaction: the rows and the journal's record
/// of the delivery are committed together, and the pipeline's <see cref="ILeadJournal.MarkDeliveredAsync"/> that follows
/// finds nothing left to do.
/// <para>
/// Beside the PostgreSQL identity store (<c>UsePostgreSql</c>, <c>followsIdentityStore</c>), several processes deliver leads
/// of one person: a delivery decided before another process merged its profile can be written after that merge. So each
/// lead row takes the profile the identity store holds the lead in now (<c>dedup_leads</c>, read in the same transaction),
/// and a profile row is written only while the identity store still has that profile; the delivery that merged it writes
/// the profile it became.
/// </para>
/// </remarks>
internal sealed class PostgreSqlLeadSink(PostgreSqlLeadDatabase database, bool marksDelivered = false, bool followsIdentityStore = false) : IProfileChangeSink, ILeadErasureSink
{
    /// <summary>Erases the request from every table of the schema (once, whichever of its components is told first).</summary>
    public ValueTask<IReadOnlyDictionary<string, int>> EraseAsync(ErasureRequest request, CancellationToken cancellationToken) => ((ILeadErasureSink)database).EraseAsync(request, cancellationToken);

    /// <summary>Drops old raw payloads and dead letters from the schema's tables.</summary>
    public ValueTask<RetentionReceipt> ApplyRetentionAsync(DateTimeOffset? rawPayloadsBefore, DateTimeOffset? deadLettersBefore, CancellationToken cancellationToken) => ((ILeadErasureSink)database).ApplyRetentionAsync(rawPayloadsBefore, deadLettersBefore, cancellationToken);

    public async ValueTask WriteProfileChangesAsync(IReadOnlyList<ProfileChange> changes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changes);
        await database.TransactAsync(
            async (connection, transaction, token) =>
            {
                using var batch = new NpgsqlBatch(connection, transaction);
                foreach (var change in changes)
                {
                    foreach (var removed in change.RemovedProfiles)
                    {
                        batch.BatchCommands.Add(Command("DELETE FROM profiles WHERE profile_id = @id", PostgreSqlLeadDatabase.Text("id", removed.FirstLeadId.ToString())));
                    }

                    foreach (var profile in change.Profiles)
                    {
                        batch.BatchCommands.Add(WriteProfile(profile));
                        batch.BatchCommands.Add(Command(
                            "UPDATE leads SET profile_id = @profile, do_not_contact = @dnc WHERE lead_id = ANY(@leads)",
                            PostgreSqlLeadDatabase.Text("profile", profile.Id.FirstLeadId.ToString()),
                            PostgreSqlLeadDatabase.Boolean("dnc", profile.DoNotContact),
                            PostgreSqlLeadDatabase.TextArray("leads", LeadIds(profile.Leads))));
                    }
                }

                if (batch.BatchCommands.Count > 0)
                {
                    await batch.ExecuteNonQueryAsync(token).ConfigureAwait(false);
                }

                return 0;
            },
            cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask WriteBatchAsync(IReadOnlyList<LeadDelivery> batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var now = database.Time.GetUtcNow();
        await database.TransactAsync(
            async (connection, transaction, token) =>
            {
                using (var commands = new NpgsqlBatch(connection, transaction))
                {
                    foreach (var delivery in batch)
                    {
                        Write(commands.BatchCommands, delivery, now, followsIdentityStore);
                    }

                    await commands.ExecuteNonQueryAsync(token).ConfigureAwait(false);
                }

                if (marksDelivered)
                {
                    var ids = new string[batch.Count];
                    for (var i = 0; i < ids.Length; i++)
                    {
                        ids[i] = batch[i].Lead.Id.ToString();
                    }

                    await PostgreSqlLeadJournal.DoneAsync(connection, transaction, database.SinkName, ids, token).ConfigureAwait(false);
                }

                return 0;
            },
            cancellationToken).ConfigureAwait(false);
    }

    private static void Write(NpgsqlBatchCommandCollection commands, LeadDelivery delivery, DateTimeOffset deliveredAt, bool followsIdentityStore)
    {
        var lead = delivery.Lead;
        var profile = delivery.Profile;
        var profileId = profile.Id.FirstLeadId.ToString();
        foreach (var merged in delivery.Decision.MergedProfiles)
        {
            var gone = merged.FirstLeadId.ToString();
            commands.Add(Command(
                followsIdentityStore
                    ? "UPDATE leads l SET profile_id = COALESCE((SELECT d.profile_id FROM dedup_leads d WHERE d.lead_id = l.lead_id COLLATE \"C\"), @to) WHERE l.profile_id = @from"
                    : "UPDATE leads SET profile_id = @to WHERE profile_id = @from",
                PostgreSqlLeadDatabase.Text("to", profileId),
                PostgreSqlLeadDatabase.Text("from", gone)));
            commands.Add(Command("DELETE FROM profiles WHERE profile_id = @from", PostgreSqlLeadDatabase.Text("from", gone)));
        }

        commands.Add(Command(
            $"""
            INSERT INTO leads(lead_id, profile_id, outcome, do_not_contact, is_test, accepted_at, received_at, created_at, source, action, offer, stage, email, lead_json, delivered_at)
            VALUES (@id, {(followsIdentityStore ? "COALESCE((SELECT d.profile_id FROM dedup_leads d WHERE d.lead_id = @id), @profile)" : "@profile")}, @outcome, @dnc, @test, @accepted, @received, @created, @source, @action, @offer, @stage, @email, @json, @delivered)
            ON CONFLICT (lead_id) DO UPDATE SET profile_id = excluded.profile_id, outcome = excluded.outcome, do_not_contact = excluded.do_not_contact,
                is_test = excluded.is_test, lead_json = excluded.lead_json, delivered_at = excluded.delivered_at
            """,
            PostgreSqlLeadDatabase.Text("id", lead.Id.ToString()),
            PostgreSqlLeadDatabase.Text("profile", profileId),
            PostgreSqlLeadDatabase.Text("outcome", delivery.Outcome.ToString()),
            PostgreSqlLeadDatabase.Boolean("dnc", delivery.DoNotContact),
            PostgreSqlLeadDatabase.Boolean("test", lead.IsTestLead),
            PostgreSqlLeadDatabase.Timestamp("accepted", delivery.AcceptedAt),
            PostgreSqlLeadDatabase.Timestamp("received", lead.ReceivedAt),
            PostgreSqlLeadDatabase.Timestamp("created", lead.CreatedAt),
            PostgreSqlLeadDatabase.Text("source", lead.Source.ToString()),
            PostgreSqlLeadDatabase.Text("action", lead.Action.ToString()),
            PostgreSqlLeadDatabase.Text("offer", lead.Offer.ToString()),
            PostgreSqlLeadDatabase.Text("stage", lead.Stage.ToString()),
            PostgreSqlLeadDatabase.Text("email", lead.Customer.Email),
            PostgreSqlLeadDatabase.Text("json", LeadJsonLines.Serialize(lead)),
            PostgreSqlLeadDatabase.Timestamp("delivered", deliveredAt)));
        commands.Add(WriteProfile(profile, followsIdentityStore));
    }

    private static NpgsqlBatchCommand WriteProfile(CustomerProfile profile, bool followsIdentityStore = false)
    {
        var customer = profile.Customer;
        return Command(
            $"""
            INSERT INTO profiles(profile_id, first_name, last_name, email, phone, country, company, title, do_not_contact, is_test, lead_count, first_seen, last_seen, emails, phones)
            SELECT @id, @first, @last, @email, @phone, @country, @company, @title, @dnc, @test, @count, @firstSeen, @lastSeen, @emails, @phones
            {(followsIdentityStore ? "WHERE EXISTS (SELECT 1 FROM dedup_profiles p WHERE p.profile_id = @id)" : string.Empty)}
            ON CONFLICT (profile_id) DO UPDATE SET first_name = excluded.first_name, last_name = excluded.last_name, email = excluded.email,
                phone = excluded.phone, country = excluded.country, company = excluded.company, title = excluded.title,
                do_not_contact = excluded.do_not_contact, is_test = excluded.is_test, lead_count = excluded.lead_count,
                first_seen = excluded.first_seen, last_seen = excluded.last_seen, emails = excluded.emails, phones = excluded.phones
            """,
            PostgreSqlLeadDatabase.Text("id", profile.Id.FirstLeadId.ToString()),
            PostgreSqlLeadDatabase.Text("first", customer.FirstName),
            PostgreSqlLeadDatabase.Text("last", customer.LastName),
            PostgreSqlLeadDatabase.Text("email", customer.Email),
            PostgreSqlLeadDatabase.Text("phone", customer.Phone),
            PostgreSqlLeadDatabase.Text("country", customer.Country),
            PostgreSqlLeadDatabase.Text("company", customer.Company),
            PostgreSqlLeadDatabase.Text("title", customer.Title),
            PostgreSqlLeadDatabase.Boolean("dnc", profile.DoNotContact),
            PostgreSqlLeadDatabase.Boolean("test", profile.IsTest),
            PostgreSqlLeadDatabase.Int32("count", profile.Leads.Count),
            PostgreSqlLeadDatabase.Timestamp("firstSeen", profile.FirstSeen),
            PostgreSqlLeadDatabase.Timestamp("lastSeen", profile.LastSeen),
            PostgreSqlLeadDatabase.TextArray("emails", profile.Emails),
            PostgreSqlLeadDatabase.TextArray("phones", profile.Phones));
    }

    private static string[] LeadIds(IReadOnlyList<Lead> leads)
    {
        var ids = new string[leads.Count];
        for (var i = 0; i < ids.Length; i++)
        {
            ids[i] = leads[i].Id.ToString();
        }

        return ids;
    }

    private static NpgsqlBatchCommand Command(string sql, params NpgsqlParameter[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.AddRange(parameters);
        return command;
    }
}
