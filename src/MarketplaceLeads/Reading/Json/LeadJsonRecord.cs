using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace MarketplaceLeads.Reading.Json;

/// <summary>
/// Schema <c>marketplace-leads/lead@1</c>: one <see cref="Lead"/> as a JSON object, one per line in a
/// JSON Lines file, as <see cref="LeadJsonLines"/> writes it (<see cref="LeadJsonRecordReader"/> reads it,
/// keeping a newer version's properties). Documented in <c>docs/wire-formats.md</c>; add properties only
/// compatibly, and bump the version for anything else.
/// </summary>
internal sealed class LeadJsonRecord
{
    public const string SchemaV1 = "marketplace-leads/lead@1";

    [JsonPropertyName("schema")]
    public string? Schema { get; set; }

    [JsonPropertyName("id")]
    public string? Id { get; set; }

    [JsonPropertyName("channel")]
    public string? Channel { get; set; }

    [JsonPropertyName("receivedAt")]
    public DateTimeOffset? ReceivedAt { get; set; }

    [JsonPropertyName("createdAt")]
    public DateTimeOffset? CreatedAt { get; set; }

    [JsonPropertyName("leadSource")]
    public string? LeadSource { get; set; }

    [JsonPropertyName("leadSourceText")]
    public string? LeadSourceText { get; set; }

    [JsonPropertyName("actionCode")]
    public string? ActionCode { get; set; }

    [JsonPropertyName("offerTitle")]
    public string? OfferTitle { get; set; }

    [JsonPropertyName("description")]
    public string? Description { get; set; }

    [JsonPropertyName("customer")]
    public LeadJsonCustomer? Customer { get; set; }

    [JsonPropertyName("additionalProperties")]
    public Dictionary<string, JsonElement>? AdditionalProperties { get; set; }

    [JsonPropertyName("rawPayload")]
    public LeadRawPayload? RawPayload { get; set; }
}

/// <summary>
/// The <c>rawPayload</c> of a <see cref="LeadJsonRecord"/>: the lead's raw payload, written as a JSON string from the UTF-8
/// bytes the lead keeps (<see cref="Lead.RawPayloadBytes"/>) without decoding them, else from its text. Both give the same
/// JSON: the writer escapes a text the same way from either encoding.
/// </summary>
[JsonConverter(typeof(LeadRawPayloadConverter))]
internal sealed class LeadRawPayload(Lead lead)
{
    /// <summary>Gets the lead.</summary>
    public Lead Lead { get; } = lead;

    /// <summary>Returns the raw payload of a lead that keeps one; else <see langword="null"/>.</summary>
    /// <param name="lead">The lead.</param>
    /// <returns>The raw payload, or <see langword="null"/>.</returns>
    public static LeadRawPayload? Of(Lead lead) => lead.HasRawPayload ? new LeadRawPayload(lead) : null;
}

/// <summary>Writes a <see cref="LeadRawPayload"/> as a JSON string; records are only written with the context (<see cref="LeadJsonRecordReader"/> reads them).</summary>
internal sealed class LeadRawPayloadConverter : JsonConverter<LeadRawPayload>
{
    /// <inheritdoc/>
    public override LeadRawPayload Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("A lead record is read with LeadJsonRecordReader, not deserialized.");

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, LeadRawPayload value, JsonSerializerOptions options)
    {
        if (value.Lead.RawPayloadBytes is { } utf8)
        {
            writer.WriteStringValue(utf8.AsSpan());
        }
        else
        {
            writer.WriteStringValue(value.Lead.RawPayload);
        }
    }
}

/// <summary>The customer of a <see cref="LeadJsonRecord"/>.</summary>
internal sealed class LeadJsonCustomer
{
    [JsonPropertyName("firstName")]
    public string? FirstName { get; set; }

    [JsonPropertyName("lastName")]
    public string? LastName { get; set; }

    [JsonPropertyName("email")]
    public string? Email { get; set; }

    [JsonPropertyName("phone")]
    public string? Phone { get; set; }

    [JsonPropertyName("country")]
    public string? Country { get; set; }

    [JsonPropertyName("company")]
    public string? Company { get; set; }

    [JsonPropertyName("title")]
    public string? Title { get; set; }
}

/// <summary>Source-generated (reflection-free, trimming- and AOT-safe) serialization of the SDK's own records.</summary>
[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    PropertyNameCaseInsensitive = true,
    WriteIndented = false)]
[JsonSerializable(typeof(LeadJsonRecord))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(Dictionary<string, JsonElement>))]
internal sealed partial class LeadJsonContext : JsonSerializerContext
{
    /// <summary>
    /// Gets the context the writers use: like <see cref="JsonSerializerContext"/>'s default but
    /// without escaping non-ASCII letters and '+' (<c>García</c>, not <c>Garc\u00EDa</c>), so the
    /// files read well; the output is JSON for files, never embedded in HTML.
    /// </summary>
    public static LeadJsonContext Writing => WritingHolder.Value;

    /// <summary>Built on first use: the generated part's static fields must be initialised first.</summary>
    private static class WritingHolder
    {
        public static readonly LeadJsonContext Value = new(new JsonSerializerOptions(Default.Options)
        {
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        });
    }
}
