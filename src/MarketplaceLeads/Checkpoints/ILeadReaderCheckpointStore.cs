using System.Threading;
using System.Threading.Tasks;

namespace MarketplaceLeads.Checkpoints;

/// <summary>
/// Keeps the <see cref="LeadReaderCheckpoint"/> of each checkpointed reader (the Azure Table reader, the Partner Center reader) durably,
/// so a new reader (after a restart) continues where the last one stopped.
/// </summary>
/// <remarks>
/// Built in: <see cref="FileLeadReaderCheckpointStore"/> (a JSON file per reader, replaced atomically); the package
/// MarketplaceLeads.AzureTables adds <c>AzureTableRowCheckpointStore</c> (a row of an Azure table). A custom store must make
/// <see cref="SaveAsync"/> atomic (all or nothing) and durable before it returns: the reader counts items as done once it returns.
/// </remarks>
public interface ILeadReaderCheckpointStore
{
    /// <summary>Loads a reader's checkpoint.</summary>
    /// <param name="name">The reader's checkpoint name (its options' <c>CheckpointName</c>).</param>
    /// <param name="cancellationToken">Cancels the load.</param>
    /// <returns>The checkpoint; <see langword="null"/> when none was saved (the reader starts from the oldest item).</returns>
    ValueTask<LeadReaderCheckpoint?> LoadAsync(string name, CancellationToken cancellationToken);

    /// <summary>Saves a reader's checkpoint, replacing the previous one atomically and durably.</summary>
    /// <param name="name">The reader's checkpoint name.</param>
    /// <param name="checkpoint">The checkpoint.</param>
    /// <param name="cancellationToken">Cancels the save (the previous checkpoint then stays).</param>
    /// <returns>A task that completes when the checkpoint is durable.</returns>
    ValueTask SaveAsync(string name, LeadReaderCheckpoint checkpoint, CancellationToken cancellationToken);
}
