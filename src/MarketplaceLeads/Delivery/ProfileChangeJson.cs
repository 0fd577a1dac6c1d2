using System;
using System.Text.Json;
using MarketplaceLeads.Deduplication;

namespace MarketplaceLeads.Delivery;

/// <summary>
/// Writes a <see cref="ProfileChange"/> as JSON in the SDK's versioned profile-change schema
/// (<c>marketplace-leads/profile-change@1</c>, documented in <c>docs/sinks.md</c> beside <see cref="LeadDeliveryJson.Schema"/>):
/// the review decision (sequence, kind, profiles, leads moved, who, when, why), the profiles as they are now (surviving
/// values, do-not-contact, stage, lead ids) and the profiles that ceased to exist. Used by the JSON Lines file sink, the
/// webhook sink and the dead letter of a change no sink took.
/// </summary>
/// <remarks>No reflection: trimming- and NativeAOT-safe.</remarks>
public static class ProfileChangeJson
{
    /// <summary>The schema name and version written in every record's <c>schema</c> property.</summary>
    public const string Schema = "marketplace-leads/profile-change@1";

    /// <summary>Writes one profile change as a JSON object.</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="change">The change.</param>
    /// <exception cref="ArgumentNullException"><paramref name="writer"/> or <paramref name="change"/> is <see langword="null"/>.</exception>
    public static void Write(Utf8JsonWriter writer, ProfileChange change)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(change);
        var action = change.Action;
        writer.WriteStartObject();
        writer.WriteString("schema", Schema);
        writer.WriteNumber("sequence", change.Sequence);
        writer.WriteString("kind", action.Kind.ToString());
        writer.WriteString("first", action.First.FirstLeadId.ToString());
        writer.WriteString("second", action.Second.FirstLeadId.ToString());
        writer.WriteStartArray("leads");
        foreach (var lead in action.Leads)
        {
            writer.WriteStringValue(lead.ToString());
        }

        writer.WriteEndArray();
        writer.WriteString("reviewedAt", action.ReviewedAt);
        if (action.Reviewer is { } reviewer)
        {
            writer.WriteString("reviewer", reviewer);
        }

        if (action.Comment is { } comment)
        {
            writer.WriteString("comment", comment);
        }

        writer.WriteBoolean("isRedelivery", change.IsRedelivery);
        writer.WriteStartArray("removedProfiles");
        foreach (var removed in change.RemovedProfiles)
        {
            writer.WriteStringValue(removed.FirstLeadId.ToString());
        }

        writer.WriteEndArray();
        writer.WriteStartArray("profiles");
        foreach (var profile in change.Profiles)
        {
            WriteProfile(writer, profile);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void WriteProfile(Utf8JsonWriter writer, CustomerProfile profile)
    {
        writer.WriteStartObject();
        writer.WriteString("profileId", profile.Id.FirstLeadId.ToString());
        writer.WriteBoolean("doNotContact", profile.DoNotContact);
        writer.WriteBoolean("isTest", profile.IsTest);
        writer.WriteString("furthestStage", profile.FurthestStage.ToString());
        writer.WriteString("firstSeen", profile.FirstSeen);
        writer.WriteString("lastSeen", profile.LastSeen);
        var customer = profile.Customer;
        writer.WriteStartObject("customer");
        WriteIfNotNull(writer, "firstName", customer.FirstName);
        WriteIfNotNull(writer, "lastName", customer.LastName);
        WriteIfNotNull(writer, "email", customer.Email);
        WriteIfNotNull(writer, "phone", customer.Phone);
        WriteIfNotNull(writer, "country", customer.Country);
        WriteIfNotNull(writer, "company", customer.Company);
        WriteIfNotNull(writer, "title", customer.Title);
        writer.WriteEndObject();
        WriteStrings(writer, "emails", profile.Emails);
        WriteStrings(writer, "phones", profile.Phones);
        writer.WriteStartArray("leadIds");
        foreach (var lead in profile.Leads)
        {
            writer.WriteStringValue(lead.Id.ToString());
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void WriteStrings(Utf8JsonWriter writer, string name, System.Collections.Generic.IReadOnlyList<string> values)
    {
        writer.WriteStartArray(name);
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }

    private static void WriteIfNotNull(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }

    /// <summary>Writes one change as a JSON string (for a dead letter's raw payload).</summary>
    internal static string Serialize(ProfileChange change)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            Write(writer, change);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
