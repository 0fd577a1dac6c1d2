using System;
using System.Buffers;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text.Json;

namespace MarketplaceLeads.Checkpoints;

/// <summary>
/// The JSON form of a <see cref="LeadReaderCheckpoint"/>: <c>{"schema":"marketplace-leads/lead-reader-checkpoint@1","watermark":…,"seen":[{"pk":…,"rk":…,"ts":…}]}</c>
/// (<c>pk</c> the partition, <c>rk</c> the key, <c>ts</c> the stamp; short, so that a table row holds many keys). Reads the same document
/// under the earlier schema name <c>marketplace-leads/azure-table-checkpoint@1</c>, which the Azure Table package's stores wrote.
/// </summary>
/// <remarks>
/// Written with <see cref="Utf8JsonWriter"/> and read with <see cref="JsonDocument"/>: no reflection, safe to trim and compile ahead of time.
/// The core's file store and the Azure Table package's row store compile this file (the package links it), so both write and read one format.
/// A document that cannot be read is an <see cref="InvalidDataException"/> naming where it came from and what is wrong with it, never quoting
/// its keys.
/// </remarks>
internal static class LeadReaderCheckpointJson
{
    /// <summary>The schema name written.</summary>
    public const string SchemaName = "marketplace-leads/lead-reader-checkpoint@1";

    /// <summary>The schema name of the same document as the Azure Table package wrote it before the model moved into the core; still read.</summary>
    public const string LegacySchemaName = "marketplace-leads/azure-table-checkpoint@1";

    /// <summary>Writes a checkpoint as UTF-8 JSON.</summary>
    /// <param name="checkpoint">The checkpoint.</param>
    /// <returns>The document.</returns>
    public static byte[] Format(LeadReaderCheckpoint checkpoint)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("schema", SchemaName);
            if (checkpoint.Watermark is { } watermark)
            {
                writer.WriteString("watermark", watermark);
            }
            else
            {
                writer.WriteNull("watermark");
            }

            writer.WriteStartArray("seen");
            foreach (var item in checkpoint.Seen)
            {
                writer.WriteStartObject();
                writer.WriteString("pk", item.Partition);
                writer.WriteString("rk", item.Key);
                writer.WriteString("ts", item.Timestamp);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Reads a checkpoint written by <see cref="Format"/> (or under <see cref="LegacySchemaName"/>).</summary>
    /// <param name="utf8Json">The document.</param>
    /// <param name="source">Where it came from, for messages: <c>file '…'</c>, <c>row '…' of table '…'</c>.</param>
    /// <returns>The checkpoint.</returns>
    /// <exception cref="InvalidDataException">The document is not a checkpoint; the message names <paramref name="source"/> and what is wrong (never a key).</exception>
    public static LeadReaderCheckpoint Parse(ReadOnlySpan<byte> utf8Json, string source)
    {
        if (utf8Json.IsEmpty)
        {
            throw Unreadable(source, "it is empty (0 bytes)");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8Json.ToArray());
        }
        catch (JsonException ex)
        {
            // The position, not the parser's message: that can quote the document's text.
            throw Unreadable(source, $"it is not valid JSON (line {Number(ex.LineNumber)}, byte {Number(ex.BytePositionInLine)} of the line)");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw Unreadable(source, $"its root is {Kind(root.ValueKind)}, not an object");
            }

            if (!root.TryGetProperty("schema", out var schema) || schema.ValueKind != JsonValueKind.String)
            {
                throw Unreadable(source, "it has no \"schema\" string");
            }

            if (!schema.ValueEquals(SchemaName) && !schema.ValueEquals(LegacySchemaName))
            {
                throw Unreadable(source, $"its schema is not '{SchemaName}' (nor the earlier '{LegacySchemaName}')");
            }

            if (!root.TryGetProperty("watermark", out var mark))
            {
                throw Unreadable(source, "it has no \"watermark\" (a date and time, or null)");
            }

            DateTimeOffset? watermark = mark.ValueKind == JsonValueKind.Null ? null : Stamp(mark, "watermark", source);
            if (!root.TryGetProperty("seen", out var seenArray) || seenArray.ValueKind != JsonValueKind.Array)
            {
                throw Unreadable(source, "it has no \"seen\" array");
            }

            var seen = new List<LeadReaderCheckpointKey>(seenArray.GetArrayLength());
            var index = 0;
            foreach (var item in seenArray.EnumerateArray())
            {
                var at = "seen[" + index.ToString(CultureInfo.InvariantCulture) + "]";
                if (item.ValueKind != JsonValueKind.Object)
                {
                    throw Unreadable(source, $"{at} is {Kind(item.ValueKind)}, not an object");
                }

                seen.Add(new LeadReaderCheckpointKey(Text(item, "pk", at, source), Text(item, "rk", at, source), Stamp(Property(item, "ts", at, source), at + ".ts", source)));
                index++;
            }

            return new LeadReaderCheckpoint { Watermark = watermark, Seen = seen };
        }
    }

    private static JsonElement Property(JsonElement item, string name, string at, string source) =>
        item.TryGetProperty(name, out var value) ? value : throw Unreadable(source, $"{at} has no \"{name}\"");

    private static string Text(JsonElement item, string name, string at, string source)
    {
        var value = Property(item, name, at, source);
        if (value.ValueKind != JsonValueKind.String)
        {
            throw Unreadable(source, $"{at}.{name} is {Kind(value.ValueKind)}, not a string");
        }

        try
        {
            return value.GetString()!;
        }
        catch (InvalidOperationException)
        {
            throw Unreadable(source, $"{at}.{name} is not valid UTF-16 text (a lone surrogate escape)");
        }
    }

    private static DateTimeOffset Stamp(JsonElement value, string at, string source) =>
        value.ValueKind == JsonValueKind.String && value.TryGetDateTimeOffset(out var stamp)
            ? stamp
            : throw Unreadable(source, $"{at} is {(value.ValueKind == JsonValueKind.String ? "a string that is not an ISO 8601 date and time" : Kind(value.ValueKind))}, not a date and time");

    private static string Kind(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "missing",
    };

    private static string Number(long? zeroBased) => zeroBased is { } n ? (n + 1).ToString(CultureInfo.InvariantCulture) : "?";

    private static InvalidDataException Unreadable(string source, string problem) =>
        new($"The checkpoint {source} cannot be read: {problem}. Restore it, or delete it to have the reader read everything again.");
}
