using System;
using System.Buffers;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace MarketplaceLeads.Reading.Tables;

/// <summary>Writes an Azure Table entity (property name to value) as a JSON object, without reflection.</summary>
/// <remarks>
/// Nothing in an entity stops the JSON from being written: a name or text holding a lone UTF-16 surrogate (half an
/// emoji) is written with U+FFFD in its place, and a value whose text cannot be taken (its <c>ToString</c> throws) is
/// written as <c>null</c> and named in <c>unwritable</c>, so the caller can reject the row with everything else in it.
/// </remarks>
internal static class EntityJson
{
    /// <summary>Writes the entity as a UTF-8 JSON object.</summary>
    /// <param name="entity">The entity.</param>
    /// <param name="unwritable">The name of the first property whose value could not be written (written as <c>null</c>), or <see langword="null"/>.</param>
    /// <returns>The JSON.</returns>
    public static byte[] ToUtf8Json(IReadOnlyDictionary<string, object?> entity, out string? unwritable)
    {
        unwritable = null;
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (name, value) in entity)
            {
                var safeName = Utf16Text.ReplaceLoneSurrogates(name ?? string.Empty);
                writer.WritePropertyName(safeName);
                if (!TryWriteValue(writer, value))
                {
                    unwritable ??= safeName;
                    writer.WriteNullValue();
                }
            }

            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Writes one entity property value: the EDM types of Azure Tables as JSON, anything else as its invariant text.</summary>
    /// <returns><see langword="false"/>, having written nothing, when the value's text cannot be taken (its own code throws).</returns>
    private static bool TryWriteValue(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                return true;
            case string s:
                writer.WriteStringValue(Utf16Text.ReplaceLoneSurrogates(s));
                return true;
            case bool b:
                writer.WriteBooleanValue(b);
                return true;
            case int i:
                writer.WriteNumberValue(i);
                return true;
            case long l:
                writer.WriteNumberValue(l);
                return true;
            case double d when double.IsFinite(d):
                writer.WriteNumberValue(d);
                return true;
            case float f when float.IsFinite(f):
                writer.WriteNumberValue(f);
                return true;
            case decimal m:
                writer.WriteNumberValue(m);
                return true;
            case DateTimeOffset dto:
                writer.WriteStringValue(dto);
                return true;
            case DateTime dt:
                writer.WriteStringValue(dt);
                return true;
            case Guid g:
                writer.WriteStringValue(g);
                return true;
            case byte[] bytes:
                writer.WriteBase64StringValue(bytes);
                return true;
        }

        string? text;
        try
        {
            text = value is IFormattable formattable ? formattable.ToString(null, CultureInfo.InvariantCulture) : value.ToString();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return false; // the value's own code failed: the caller rejects the row, keeping the rest of it
        }

        writer.WriteStringValue(Utf16Text.ReplaceLoneSurrogates(text ?? string.Empty));
        return true;
    }
}

/// <summary>Makes .NET strings writable as UTF-8: a lone surrogate (half an emoji) becomes U+FFFD, as <see cref="Encoding.UTF8"/> does.</summary>
internal static class Utf16Text
{
    /// <summary>Returns <paramref name="text"/>, or a copy with each lone surrogate replaced by U+FFFD.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The text, or its repaired copy.</returns>
    public static string ReplaceLoneSurrogates(string text) =>
        HasLoneSurrogate(text) ? Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(text)) : text;

    /// <summary>Tells whether <paramref name="text"/> holds a surrogate that is not part of a pair.</summary>
    /// <param name="text">The text.</param>
    /// <returns><see langword="true"/> when it holds a lone surrogate.</returns>
    public static bool HasLoneSurrogate(ReadOnlySpan<char> text)
    {
        var i = text.IndexOfAnyInRange('\uD800', '\uDFFF');
        while (i >= 0 && i < text.Length)
        {
            if (!char.IsHighSurrogate(text[i]) || i + 1 >= text.Length || !char.IsLowSurrogate(text[i + 1]))
            {
                return true;
            }

            i += 2;
            var next = text[i..].IndexOfAnyInRange('\uD800', '\uDFFF');
            i = next < 0 ? -1 : i + next;
        }

        return false;
    }
}
