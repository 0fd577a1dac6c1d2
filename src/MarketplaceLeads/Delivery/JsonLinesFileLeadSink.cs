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
/// Appends every delivery as one JSON line (<see cref="LeadDeliveryJson"/>: the decision's facts and the lead) to a file; each batch is written in one append and flushed to
/// disk before it counts as delivered; the file is rotated by size. A review's profile changes are appended the same way, one
/// <see cref="ProfileChangeJson"/> line each (<c>"schema":"marketplace-leads/profile-change@1"</c>), after the leads they concern.
/// </summary>
/// <remarks>A crash during a write can leave a torn last line; readers skip a last line that is not valid JSON, and the batch is delivered again after the restart (dedupe by <c>leadId</c>).</remarks>
internal sealed class JsonLinesFileLeadSink : IFlushableLeadSink, IProfileChangeSink, IAsyncDisposable
{
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

    public ValueTask WriteBatchAsync(IReadOnlyList<LeadDelivery> batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return AppendLinesAsync(batch, LeadDeliveryJson.Write, cancellationToken);
    }

    public ValueTask WriteProfileChangesAsync(IReadOnlyList<ProfileChange> changes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changes);
        return AppendLinesAsync(changes, ProfileChangeJson.Write, cancellationToken);
    }

    /// <summary>Writes one JSON line per item into the buffer, then appends them.</summary>
    private ValueTask AppendLinesAsync<T>(IReadOnlyList<T> items, Action<Utf8JsonWriter, T> write, CancellationToken cancellationToken)
    {
        _buffer.ResetWrittenCount();
        using (var writer = new Utf8JsonWriter(_buffer, WriterOptions))
        {
            foreach (var item in items)
            {
                write(writer, item);
                writer.Flush();
                writer.Reset();
                _buffer.Write("\n"u8);
            }
        }

        return AppendAsync(cancellationToken);
    }

    /// <summary>Appends the buffer's lines in one write and flushes; leaves no partial batch behind on failure.</summary>
    private async ValueTask AppendAsync(CancellationToken cancellationToken)
    {
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
