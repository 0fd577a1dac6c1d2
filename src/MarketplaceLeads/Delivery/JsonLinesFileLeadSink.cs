using System;
using System.Buffers;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace MarketplaceLeads.Delivery;

/// <summary>
/// Appends every delivery as one JSON line (schema <c>marketplace-leads/delivery@1</c>: the decision's facts and the
/// lead in the <c>marketplace-leads/lead@1</c> schema) to a file; each batch is written in one append and flushed to
/// disk before it counts as delivered; the file is rotated by size.
/// </summary>
/// <remarks>A crash during a write can leave a torn last line; readers skip a last line that is not valid JSON, and the batch is delivered again after the restart (dedupe by <c>leadId</c>).</remarks>
internal sealed class JsonLinesFileLeadSink : IFlushableLeadSink, IAsyncDisposable
{
    /// <summary>The schema name and version written in every line.</summary>
    public const string Schema = "marketplace-leads/delivery@1";

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly string _path;
    private readonly long? _maxFileBytes;
    private readonly bool _flushToDisk;
    private readonly ArrayBufferWriter<byte> _buffer = new(16 * 1024);
    private FileStream? _file;

    public JsonLinesFileLeadSink(JsonLinesFileSinkOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _path = System.IO.Path.GetFullPath(options.Path ?? throw new ArgumentException("JsonLinesFileSinkOptions.Path must be set.", nameof(options)));
        _maxFileBytes = options.MaxFileBytes;
        _flushToDisk = options.FlushToDisk;
    }

    public async ValueTask WriteBatchAsync(IReadOnlyList<LeadDelivery> batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        _buffer.ResetWrittenCount();
        using (var writer = new Utf8JsonWriter(_buffer, WriterOptions))
        {
            foreach (var delivery in batch)
            {
                WriteLine(writer, delivery);
                writer.Flush();
                writer.Reset();
                _buffer.Write("\n"u8);
            }
        }

        var file = Open();
        if (_maxFileBytes is { } max && file.Length > 0 && file.Length + _buffer.WrittenCount > max)
        {
            file = Rotate();
        }

        var position = file.Length;
        try
        {
            await file.WriteAsync(_buffer.WrittenMemory, cancellationToken).ConfigureAwait(false);
            await FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            // Leave no partial batch behind: the pipeline retries the whole batch.
            file.SetLength(position);
            throw;
        }
    }

    public ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        if (_file is null)
        {
            return ValueTask.CompletedTask;
        }

        if (_flushToDisk)
        {
            _file.Flush(flushToDisk: true);
            return ValueTask.CompletedTask;
        }

        return new ValueTask(_file.FlushAsync(cancellationToken));
    }

    public async ValueTask DisposeAsync()
    {
        if (_file is not null)
        {
            await _file.DisposeAsync().ConfigureAwait(false);
            _file = null;
        }
    }

    internal static void WriteLine(Utf8JsonWriter writer, LeadDelivery delivery)
    {
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

    private FileStream Open()
    {
        if (_file is null)
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(_path)!);
            _file = new FileStream(_path, FileMode.Append, FileAccess.Write, FileShare.Read, 1, FileOptions.Asynchronous);
        }

        return _file;
    }

    private FileStream Rotate()
    {
        _file!.Dispose();
        _file = null;
        var folder = System.IO.Path.GetDirectoryName(_path)!;
        var stem = System.IO.Path.GetFileNameWithoutExtension(_path);
        var extension = System.IO.Path.GetExtension(_path);
        var next = 1;
        foreach (var existing in Directory.EnumerateFiles(folder, $"{stem}.*{extension}"))
        {
            var middle = System.IO.Path.GetFileNameWithoutExtension(existing).AsSpan()[(stem.Length + 1)..];
            if (int.TryParse(middle, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= next)
            {
                next = number + 1;
            }
        }

        File.Move(_path, System.IO.Path.Combine(folder, $"{stem}.{next.ToString("D4", CultureInfo.InvariantCulture)}{extension}"));
        return Open();
    }
}
