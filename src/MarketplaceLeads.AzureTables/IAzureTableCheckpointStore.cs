using System.Threading;
using System.Threading.Tasks;

namespace MarketplaceLeads.AzureTables;

/// <summary>Keeps the <see cref="AzureTableCheckpoint"/> of each <see cref="AzureTableLeadReader"/> durably, so a new reader (after a restart) continues where the last one stopped.</summary>
/// <remarks>
/// Built in: <see cref="AzureTableFileCheckpointStore"/> (a JSON file per reader, replaced atomically). A custom store
/// must make <see cref="SaveAsync"/> atomic (all or nothing) and durable before it returns: the reader counts rows as
/// done once it returns.
/// </remarks>
public interface IAzureTableCheckpointStore
{
    /// <summary>Loads a reader's checkpoint.</summary>
    /// <param name="name">The reader's checkpoint name (<see cref="AzureTableLeadReaderOptions.CheckpointName"/>).</param>
    /// <param name="cancellationToken">Cancels the load.</param>
    /// <returns>The checkpoint; <see langword="null"/> when none was saved (the reader starts from the oldest row).</returns>
    ValueTask<AzureTableCheckpoint?> LoadAsync(string name, CancellationToken cancellationToken);

    /// <summary>Saves a reader's checkpoint, replacing the previous one atomically and durably.</summary>
    /// <param name="name">The reader's checkpoint name.</param>
    /// <param name="checkpoint">The checkpoint.</param>
    /// <param name="cancellationToken">Cancels the save (the previous checkpoint then stays).</param>
    /// <returns>A task that completes when the checkpoint is durable.</returns>
    ValueTask SaveAsync(string name, AzureTableCheckpoint checkpoint, CancellationToken cancellationToken);
}
