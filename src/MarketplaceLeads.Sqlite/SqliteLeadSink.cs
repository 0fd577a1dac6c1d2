using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using MarketplaceLeads.Deduplication;
using MarketplaceLeads.Delivery;
using MarketplaceLeads.Lifecycle;
using Microsoft.Data.Sqlite;

namespace MarketplaceLeads.Sqlite;

/// <summary>
/// Writes each delivery to the <c>leads</c> table (upsert by lead id: a redelivery after a crash replaces the row with
/// the same content) and its customer profile to <c>profiles</c> (upsert by profile id; profiles merged into it are
/// deleted and their leads re-pointed), one transaction per batch. A profile change (a review's accept or split)
/// rewrites the <c>profiles</c> rows it concerns, deletes the profiles that ceased to exist, and points each lead of the
/// changed profiles at its profile with the profile's do-not-contact flag.
/// </summary>
/// <remarks>
/// The sink of a pipeline whose journal is this database (<c>UseSqlite</c>, <c>marksDelivered</c>) also ends each lead's
/// pending state for <see cref="SqliteLeadDatabase.SinkName"/> in the same write: the rows and the journal's record of
/// the delivery are committed together, and the pipeline's <see cref="ILeadJournal.MarkDeliveredAsync"/> that follows
/// finds nothing left to do and commits nothing.
/// </remarks>
internal sealed class SqliteLeadSink(SqliteLeadDatabase database, bool marksDelivered = false) : IProfileChangeSink, ILeadErasureSink
{
    /// <summary>Erases the request from every table of the database (once, whichever of its components is told first).</summary>
    public ValueTask<IReadOnlyDictionary<string, int>> EraseAsync(ErasureRequest request, CancellationToken cancellationToken) => ((ILeadErasureSink)database).EraseAsync(request, cancellationToken);

    /// <summary>Drops old raw payloads and dead letters from the database's tables.</summary>
    public ValueTask<RetentionReceipt> ApplyRetentionAsync(DateTimeOffset? rawPayloadsBefore, DateTimeOffset? deadLettersBefore, CancellationToken cancellationToken) => ((ILeadErasureSink)database).ApplyRetentionAsync(rawPayloadsBefore, deadLettersBefore, cancellationToken);

    public ValueTask WriteProfileChangesAsync(IReadOnlyList<ProfileChange> changes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changes);
        return new ValueTask(database.TransactAsync(
            (connection, transaction) =>
            {
                foreach (var change in changes)
                {
                    foreach (var removed in change.RemovedProfiles)
                    {
                        SqliteLeadDatabase.Run(connection, transaction, "DELETE FROM profiles WHERE profile_id = $id", ("$id", removed.FirstLeadId.ToString()));
                    }

                    foreach (var profile in change.Profiles)
                    {
                        WriteProfile(connection, transaction, profile);
                        var id = profile.Id.FirstLeadId.ToString();
                        foreach (var lead in profile.Leads)
                        {
                            SqliteLeadDatabase.Run(
                                connection,
                                transaction,
                                "UPDATE leads SET profile_id = $profile, do_not_contact = $dnc WHERE lead_id = $lead",
                                ("$profile", id),
                                ("$dnc", profile.DoNotContact ? 1 : 0),
                                ("$lead", lead.Id.ToString()));
                        }
                    }
                }

                return 0;
            },
            cancellationToken));
    }

    public ValueTask WriteBatchAsync(IReadOnlyList<LeadDelivery> batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var now = SqliteLeadDatabase.FormatTime(database.Time.GetUtcNow());
        return new ValueTask(database.TransactAsync(
            (connection, transaction) =>
            {
                // A profile's row is written once a batch, as the batch's last delivery of it left it: a person whose leads
                // come in a burst (one mailbox, thousands of leads) costs one profile write a batch, not one a lead.
                var profiles = new Dictionary<CustomerProfileId, CustomerProfile>();
                foreach (var delivery in batch)
                {
                    Write(connection, transaction, delivery, now, profiles);
                    if (marksDelivered)
                    {
                        SqliteLeadJournal.Done(connection, transaction, delivery.Lead.Id, database.SinkName);
                    }
                }

                foreach (var profile in profiles.Values)
                {
                    WriteProfile(connection, transaction, profile);
                }

                return 0;
            },
            cancellationToken));
    }

    private static void Write(SqliteConnection connection, SqliteTransaction transaction, LeadDelivery delivery, string deliveredAt, Dictionary<CustomerProfileId, CustomerProfile> profiles)
    {
        var lead = delivery.Lead;
        var profile = delivery.Profile;
        var profileId = profile.Id.FirstLeadId.ToString();
        foreach (var merged in delivery.Decision.MergedProfiles)
        {
            profiles.Remove(merged);
            var gone = merged.FirstLeadId.ToString();
            SqliteLeadDatabase.Run(connection, transaction, "UPDATE leads SET profile_id = $to WHERE profile_id = $from", ("$to", profileId), ("$from", gone));
            SqliteLeadDatabase.Run(connection, transaction, "DELETE FROM profiles WHERE profile_id = $from", ("$from", gone));
        }

        // An INSERT, else (a redelivery) an UPDATE of the row: each changes one row, so SQLite keeps no statement journal for it
        // (an upsert may change another row than it inserts, and writes one to a temporary file each time).
        (string Name, object? Value)[] row =
        [
            ("$id", lead.Id),
            ("$profile", profile.Id.FirstLeadId),
            ("$outcome", delivery.Outcome.ToString()),
            ("$dnc", delivery.DoNotContact ? 1 : 0),
            ("$test", lead.IsTestLead ? 1 : 0),
            ("$accepted", SqliteLeadDatabase.FormatTime(delivery.AcceptedAt)),
            ("$received", SqliteLeadDatabase.FormatTime(lead.ReceivedAt)),
            ("$created", lead.CreatedAt is { } created ? SqliteLeadDatabase.FormatTime(created) : null),
            ("$source", lead.Source.ToString()),
            ("$action", lead.Action.ToString()),
            ("$offer", lead.Offer.ToString()),
            ("$stage", lead.Stage.ToString()),
            ("$email", lead.Customer.Email),
            ("$json", Utf8Text.Json(lead)),
            ("$delivered", deliveredAt),
        ];
        if (SqliteLeadDatabase.Changes(
            connection,
            transaction,
            """
            INSERT INTO leads(lead_id, profile_id, outcome, do_not_contact, is_test, accepted_at, received_at, created_at, source, action, offer, stage, email, lead_json, delivered_at)
            VALUES ($id, $profile, $outcome, $dnc, $test, $accepted, $received, $created, $source, $action, $offer, $stage, $email, $json, $delivered)
            ON CONFLICT(lead_id) DO NOTHING
            """,
            row) == 0)
        {
            SqliteLeadDatabase.Run(
                connection,
                transaction,
                """
                UPDATE leads SET profile_id = $profile, outcome = $outcome, do_not_contact = $dnc, is_test = $test, lead_json = $json, delivered_at = $delivered
                WHERE lead_id = $id
                """,
                row);
        }

        profiles[profile.Id] = profile; // written at the end of the batch

        // The lead's JSON is in leads now: a de-duplication store on this database stops keeping a copy of its own (it reads
        // this one), so the database holds each lead once. '' rather than NULL: the column is NOT NULL since version 1.
        SqliteLeadDatabase.Run(connection, transaction, "UPDATE dedup_leads SET lead_json = '' WHERE lead_id = $id AND lead_json <> ''", ("$id", lead.Id));
    }

    private static void WriteProfile(SqliteConnection connection, SqliteTransaction transaction, CustomerProfile profile)
    {
        // An UPDATE of the one row (by its key), else an INSERT: each changes one row, so SQLite keeps no statement journal for
        // it (an INSERT OR REPLACE may delete a row and insert another, and writes one to a temporary file each time).
        var customer = profile.Customer;
        (string Name, object? Value)[] row =
        [
            ("$id", profile.Id.FirstLeadId),
            ("$first", customer.FirstName),
            ("$last", customer.LastName),
            ("$email", customer.Email),
            ("$phone", customer.Phone),
            ("$country", customer.Country),
            ("$company", customer.Company),
            ("$title", customer.Title),
            ("$dnc", profile.DoNotContact ? 1 : 0),
            ("$test", profile.IsTest ? 1 : 0),
            ("$count", profile.Leads.Count),
            ("$firstSeen", SqliteLeadDatabase.FormatTime(profile.FirstSeen)),
            ("$lastSeen", SqliteLeadDatabase.FormatTime(profile.LastSeen)),
            ("$emails", string.Join('\n', profile.Emails)),
            ("$phones", string.Join('\n', profile.Phones)),
        ];
        if (SqliteLeadDatabase.Changes(
            connection,
            transaction,
            """
            UPDATE profiles SET first_name = $first, last_name = $last, email = $email, phone = $phone, country = $country, company = $company,
                title = $title, do_not_contact = $dnc, is_test = $test, lead_count = $count, first_seen = $firstSeen, last_seen = $lastSeen,
                emails = $emails, phones = $phones
            WHERE profile_id = $id
            """,
            row) == 0)
        {
            SqliteLeadDatabase.Run(
                connection,
                transaction,
                """
                INSERT INTO profiles(profile_id, first_name, last_name, email, phone, country, company, title, do_not_contact, is_test, lead_count, first_seen, last_seen, emails, phones)
                VALUES ($id, $first, $last, $email, $phone, $country, $company, $title, $dnc, $test, $count, $firstSeen, $lastSeen, $emails, $phones)
                """,
                row);
        }
    }

}
