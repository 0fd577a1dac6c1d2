using System;
using System.Buffers;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using MarketplaceLeads.Reading.Json;

namespace MarketplaceLeads;

/// <summary>
/// Writes leads as JSON Lines in the SDK's own versioned schema (<c>marketplace-leads/lead@1</c>,
/// documented in <c>docs/wire-formats.md</c>): one JSON object per line, every field of the
/// <see cref="Lead"/> kept, so that reading the file back with
/// <see cref="LeadReader.ReadJsonLinesAsync"/> gives the same leads.
/// </summary>
/// <remarks>Serialization is source-generated: no reflection, trimming- and NativeAOT-safe.</remarks>
public static class LeadJsonLines
{
    /// <summary>The schema name and version written in every record's <c>schema</c> property.</summary>
    public const string Schema = LeadJsonRecord.SchemaV1;

    /// <summary>Serializes one lead as a single-line JSON object (without a line break).</summary>
    /// <param name="lead">The lead.</param>
    /// <returns>The JSON text.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="lead"/> is <see langword="null"/>.</exception>
    public static string Serialize(Lead lead)
    {
        ArgumentNullException.ThrowIfNull(lead);
        return JsonSerializer.Serialize(LeadJsonRecordMapper.ToRecord(lead), LeadJsonContext.Writing.LeadJsonRecord);
    }

    /// <summary>Serializes one lead as a single-line JSON object in UTF-8: the bytes of <see cref="Serialize"/>'s text, without making the text (for a store that keeps UTF-8).</summary>
    /// <param name="lead">The lead.</param>
    /// <returns>The JSON, UTF-8 encoded, without a byte order mark.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="lead"/> is <see langword="null"/>.</exception>
    public static byte[] SerializeToUtf8Bytes(Lead lead)
    {
        ArgumentNullException.ThrowIfNull(lead);
        return JsonSerializer.SerializeToUtf8Bytes(LeadJsonRecordMapper.ToRecord(lead), LeadJsonContext.Writing.LeadJsonRecord);
    }

    /// <summary>Writes one lead as a JSON object to a <see cref="Utf8JsonWriter"/>.</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="lead">The lead.</param>
    /// <exception cref="ArgumentNullException"><paramref name="writer"/> or <paramref name="lead"/> is <see langword="null"/>.</exception>
    public static void Write(Utf8JsonWriter writer, Lead lead)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(lead);
        JsonSerializer.Serialize(writer, LeadJsonRecordMapper.ToRecord(lead), LeadJsonContext.Writing.LeadJsonRecord);
    }

    /// <summary>Writes leads to a stream, one JSON object per line, each line ending in <c>\n</c>.</summary>
    /// <param name="utf8Stream">The stream.</param>
    /// <param name="leads">The leads.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when every lead is written and the stream flushed.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="utf8Stream"/> or <paramref name="leads"/> is <see langword="null"/>.</exception>
    public static async Task WriteAsync(Stream utf8Stream, IAsyncEnumerable<Lead> leads, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(utf8Stream);
        ArgumentNullException.ThrowIfNull(leads);
        var buffer = new ArrayBufferWriter<byte>(4096);
        using var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        await foreach (var lead in leads.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            await WriteLineAsync(utf8Stream, buffer, writer, lead, cancellationToken).ConfigureAwait(false);
        }

        await utf8Stream.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc cref="WriteAsync(Stream, IAsyncEnumerable{Lead}, CancellationToken)"/>
    public static async Task WriteAsync(Stream utf8Stream, IEnumerable<Lead> leads, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(utf8Stream);
        ArgumentNullException.ThrowIfNull(leads);
        var buffer = new ArrayBufferWriter<byte>(4096);
        using var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        foreach (var lead in leads)
        {
            await WriteLineAsync(utf8Stream, buffer, writer, lead, cancellationToken).ConfigureAwait(false);
        }

        await utf8Stream.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async ValueTask WriteLineAsync(Stream stream, ArrayBufferWriter<byte> buffer, Utf8JsonWriter writer, Lead lead, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lead);
        buffer.ResetWrittenCount();
        writer.Reset(buffer);
        Write(writer, lead);
        writer.Flush();
        buffer.Write("\n"u8);
        await stream.WriteAsync(buffer.WrittenMemory, cancellationToken).ConfigureAwait(false);
    }
}
