using System;
using System.Buffers;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.IO;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace MarketplaceLeads.AzureTables;

/// <summary>
/// Keeps each reader's <see cref="AzureTableCheckpoint"/> in a JSON file (<c>&lt;directory&gt;/&lt;name&gt;.checkpoint.json</c>),
/// written to a temporary file, flushed to disk and then moved over the old one, so a crash leaves the old or the new
/// checkpoint, never half of one.
/// </summary>
/// <remarks>Thread-safe. One process at a time should read a given table with a given checkpoint name.</remarks>
[SuppressMessage("Design", "CA1001:Types that own disposable fields should be disposable", Justification = "The SemaphoreSlim never creates its wait handle (AvailableWaitHandle is not used), so it holds nothing to dispose.")]
public sealed class AzureTableFileCheckpointStore : IAzureTableCheckpointStore
{
    private const string SchemaName = "marketplace-leads/azure-table-checkpoint@1";
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Initializes a store that keeps its files in <paramref name="directory"/> (created when missing).</summary>
    /// <param name="directory">The folder.</param>
    /// <exception cref="ArgumentException"><paramref name="directory"/> is <see langword="null"/> or blank.</exception>
    public AzureTableFileCheckpointStore(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        Directory = System.IO.Path.GetFullPath(directory);
    }

    /// <summary>Gets the folder the checkpoint files are in.</summary>
    public string Directory { get; }

    /// <summary>Gets the file that holds a reader's checkpoint.</summary>
    /// <param name="name">The checkpoint name.</param>
    /// <returns>The full path; characters not allowed in file names are replaced by <c>_</c>.</returns>
    /// <exception cref="ArgumentException"><paramref name="name"/> is <see langword="null"/> or empty.</exception>
    public string GetPath(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var invalid = System.IO.Path.GetInvalidFileNameChars();
        var safe = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            safe.Append(Array.IndexOf(invalid, c) >= 0 || c is '/' or '\\' or ':' ? '_' : c);
        }

        return System.IO.Path.Combine(Directory, safe + ".checkpoint.json");
    }

    /// <inheritdoc/>
    public async ValueTask<AzureTableCheckpoint?> LoadAsync(string name, CancellationToken cancellationToken)
    {
        var path = GetPath(name);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!File.Exists(path))
            {
                return null;
            }

            var bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
            return Parse(bytes, path);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc/>
    public async ValueTask SaveAsync(string name, AzureTableCheckpoint checkpoint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        var path = GetPath(name);
        var bytes = Format(checkpoint);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            System.IO.Directory.CreateDirectory(Directory);
            var temp = path + ".tmp";
            var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 4096, FileOptions.Asynchronous);
            await using (stream.ConfigureAwait(false))
            {
                await stream.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            _gate.Release();
        }
    }

    internal static byte[] Format(AzureTableCheckpoint checkpoint)
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
            foreach (var row in checkpoint.Seen)
            {
                writer.WriteStartObject();
                writer.WriteString("pk", row.PartitionKey);
                writer.WriteString("rk", row.RowKey);
                writer.WriteString("ts", row.Timestamp);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    internal static AzureTableCheckpoint Parse(ReadOnlySpan<byte> utf8Json, string source)
    {
        try
        {
            using var document = JsonDocument.Parse(utf8Json.ToArray());
            var root = document.RootElement;
            if (!root.TryGetProperty("schema", out var schema) || schema.GetString() != SchemaName)
            {
                throw new InvalidDataException($"The checkpoint '{source}' is not a '{SchemaName}' document.");
            }

            DateTimeOffset? watermark = root.TryGetProperty("watermark", out var w) && w.ValueKind == JsonValueKind.String ? w.GetDateTimeOffset() : null;
            var seen = new List<AzureTableRowKey>();
            if (root.TryGetProperty("seen", out var rows))
            {
                foreach (var row in rows.EnumerateArray())
                {
                    seen.Add(new AzureTableRowKey(row.GetProperty("pk").GetString()!, row.GetProperty("rk").GetString()!, row.GetProperty("ts").GetDateTimeOffset()));
                }
            }

            return new AzureTableCheckpoint { Watermark = watermark, Seen = seen };
        }
        catch (Exception ex) when (ex is JsonException or FormatException or KeyNotFoundException or InvalidOperationException)
        {
            throw new InvalidDataException($"The checkpoint '{source}' cannot be read: {ex.Message}", ex);
        }
    }
}
