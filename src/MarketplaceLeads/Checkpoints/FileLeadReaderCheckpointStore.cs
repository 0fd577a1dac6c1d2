using System;
using System.Diagnostics.CodeAnalysis;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace MarketplaceLeads.Checkpoints;

/// <summary>
/// Keeps each reader's <see cref="LeadReaderCheckpoint"/> in a JSON file (<c>&lt;directory&gt;/&lt;name&gt;.checkpoint.json</c>),
/// written to a temporary file, flushed to disk and then moved over the old one, so a crash leaves the old or the new
/// checkpoint, never half of one.
/// </summary>
/// <remarks>
/// Thread-safe. One process at a time should read a given source with a given checkpoint name. Files are written under the
/// schema <c>marketplace-leads/lead-reader-checkpoint@1</c>; files the Azure Table package's <c>AzureTableFileCheckpointStore</c>
/// wrote (<c>marketplace-leads/azure-table-checkpoint@1</c>, the same fields) are read as they are, so a reader continues from them.
/// </remarks>
[SuppressMessage("Design", "CA1001:Types that own disposable fields should be disposable", Justification = "The SemaphoreSlim never creates its wait handle (AvailableWaitHandle is not used), so it holds nothing to dispose.")]
public sealed class FileLeadReaderCheckpointStore : ILeadReaderCheckpointStore
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Initializes a store that keeps its files in <paramref name="directory"/> (created when missing).</summary>
    /// <param name="directory">The folder.</param>
    /// <exception cref="ArgumentException"><paramref name="directory"/> is <see langword="null"/> or blank.</exception>
    public FileLeadReaderCheckpointStore(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        Directory = Path.GetFullPath(directory);
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
        var invalid = Path.GetInvalidFileNameChars();
        var safe = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            safe.Append(Array.IndexOf(invalid, c) >= 0 || c is '/' or '\\' or ':' ? '_' : c);
        }

        return Path.Combine(Directory, safe + ".checkpoint.json");
    }

    /// <inheritdoc/>
    /// <exception cref="InvalidDataException">The file is not a checkpoint (empty, not JSON, a field missing or of the wrong kind); the message names the file and what is wrong.</exception>
    public async ValueTask<LeadReaderCheckpoint?> LoadAsync(string name, CancellationToken cancellationToken)
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
            return LeadReaderCheckpointJson.Parse(bytes, $"file '{path}'");
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc/>
    public async ValueTask SaveAsync(string name, LeadReaderCheckpoint checkpoint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        var path = GetPath(name);
        var bytes = LeadReaderCheckpointJson.Format(checkpoint);
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
}
