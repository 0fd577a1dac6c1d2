using System;
using System.Text.Json;

namespace MarketplaceLeads.Delivery;

/// <summary>
/// Writes a <see cref="LeadDelivery"/> as JSON in the SDK's versioned delivery schema (<c>marketplace-leads/delivery@1</c>,
/// documented in <c>docs/sinks.md</c>): the de-duplication decision's facts (lead id, outcome, profile id, do-not-contact,
/// redelivery flag, acceptance time, reason, merged profiles, possible duplicates) and the lead itself in the
/// <see cref="LeadJsonLines.Schema"/> schema. Used by the JSON Lines file sink and the webhook sink; use it in your own
/// sinks to forward the same record.
/// </summary>
/// <remarks>No reflection: trimming- and NativeAOT-safe.</remarks>
public static class LeadDeliveryJson
{
    /// <summary>The schema name and version written in every record's <c>schema</c> property.</summary>
    public const string Schema = "marketplace-leads/delivery@1";

    /// <summary>Writes one delivery as a JSON object.</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="delivery">The delivery.</param>
    /// <exception cref="ArgumentNullException"><paramref name="writer"/> or <paramref name="delivery"/> is <see langword="null"/>.</exception>
    public static void Write(Utf8JsonWriter writer, LeadDelivery delivery)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(delivery);
        writer.WriteStartObject();
        writer.WriteString("schema", Schema);
        writer.WriteString("leadId", delivery.Lead.Id.ToString());
        writer.WriteString("outcome", delivery.Outcome.ToString());
        writer.WriteString("profileId", delivery.Profile.Id.FirstLeadId.ToString());
        writer.WriteBoolean("doNotContact", delivery.DoNotContact);
        writer.WriteBoolean("isRedelivery", delivery.IsRedelivery);
        writer.WriteString("acceptedAt", delivery.AcceptedAt);
        if (delivery.Decision.Reason is { } reason)
        {
            writer.WriteString("reason", reason);
        }

        writer.WriteStartArray("mergedProfiles");
        foreach (var merged in delivery.Decision.MergedProfiles)
        {
            writer.WriteStringValue(merged.FirstLeadId.ToString());
        }

        writer.WriteEndArray();
        writer.WriteStartArray("possibleDuplicates");
        foreach (var possible in delivery.PossibleDuplicates)
        {
            writer.WriteStartObject();
            writer.WriteString("first", possible.First.FirstLeadId.ToString());
            writer.WriteString("second", possible.Second.FirstLeadId.ToString());
            writer.WriteNumber("score", Math.Round(possible.Score, 4));
            writer.WriteString("reason", possible.Reason);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WritePropertyName("lead");
        LeadJsonLines.Write(writer, delivery.Lead);
        writer.WriteEndObject();
    }
}
