using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using MarketplaceLeads.Delivery;

namespace MarketplaceLeads.Checkpoints;

/// <summary>
/// The overlap-window bookkeeping of a checkpointed reader (the Azure Table reader and the Partner Center reader compile this file,
/// src/Shared/Checkpoints): a <see cref="Watermark"/> (the newest stamp of a completed pass), the keys already read with their stamps
/// (<see cref="Seen"/>), and the <see cref="LowerBound"/> a pass reads from (watermark minus the overlap). Only a completed pass
/// (<see cref="Complete"/>) raises the watermark and prunes the keys below the new bound, so a pass cut short resumes without skipping
/// or repeating an item.
/// </summary>
/// <typeparam name="TKey">What identifies an item (a table row's keys, a referral's id).</typeparam>
internal sealed class CheckpointWindow<TKey>
    where TKey : notnull
{
    private readonly TimeSpan _overlap;

    /// <summary>Initializes a window from a saved checkpoint's watermark; add its seen keys to <see cref="Seen"/>.</summary>
    /// <param name="watermark">The saved watermark, or <see langword="null"/> before the first completed pass.</param>
    /// <param name="overlap">How far below the watermark a pass reads again.</param>
    /// <param name="comparer">The key comparer, or <see langword="null"/> for the default.</param>
    public CheckpointWindow(DateTimeOffset? watermark, TimeSpan overlap, IEqualityComparer<TKey>? comparer = null)
    {
        Watermark = watermark;
        _overlap = overlap;
        Seen = new Dictionary<TKey, DateTimeOffset>(comparer);
    }

    /// <summary>Gets the newest stamp of the last completed pass; <see langword="null"/> before the first.</summary>
    public DateTimeOffset? Watermark { get; private set; }

    /// <summary>Gets the items read at or above the lower bound, with their stamps.</summary>
    public Dictionary<TKey, DateTimeOffset> Seen { get; }

    /// <summary>Gets where a pass starts reading: the watermark minus the overlap (never below <see cref="DateTimeOffset.MinValue"/>); <see langword="null"/> to read everything.</summary>
    public DateTimeOffset? LowerBound => Watermark is { } watermark ? BoundOf(watermark) : null;

    /// <summary>Ends a completed pass: every item at or above the old lower bound is in <see cref="Seen"/>, so the watermark rises to the newest stamp and the keys below the new bound are pruned.</summary>
    /// <param name="saved">The watermark of the checkpoint the pass started from.</param>
    /// <returns>Whether the checkpoint changed (a new watermark, or keys pruned).</returns>
    public bool Complete(DateTimeOffset? saved)
    {
        foreach (var stamp in Seen.Values)
        {
            if (Watermark is null || stamp > Watermark)
            {
                Watermark = stamp;
            }
        }

        if (Watermark is not { } watermark)
        {
            return false;
        }

        var bound = BoundOf(watermark);
        var stale = new List<TKey>();
        foreach (var (key, stamp) in Seen)
        {
            if (stamp < bound)
            {
                stale.Add(key);
            }
        }

        foreach (var key in stale)
        {
            Seen.Remove(key);
        }

        return watermark != saved || stale.Count > 0;
    }

    private DateTimeOffset BoundOf(DateTimeOffset watermark) =>
        watermark - DateTimeOffset.MinValue < _overlap ? DateTimeOffset.MinValue : watermark - _overlap;
}

/// <summary>The submit loop of a checkpointed reader (compiled with <see cref="CheckpointWindow{TKey}"/>).</summary>
internal static class CheckpointedSubmit
{
    /// <summary>
    /// Submits each result of a read pass to the pipeline before asking the pass for the next, so an item counts as consumed (checkpointed)
    /// once the pipeline accepted it, already had it, or dead-lettered it as unreadable; stops, without consuming the item, when the
    /// pipeline answers <see cref="LeadSubmitStatus.QueueFull"/>.
    /// </summary>
    /// <param name="pass">The read pass.</param>
    /// <param name="processor">The pipeline.</param>
    /// <param name="cancellationToken">Cancels the submits.</param>
    /// <param name="submitted">Told each consumed item and the pipeline's answer; <see langword="null"/> for none.</param>
    /// <returns>The number of items submitted.</returns>
    public static async Task<int> SubmitAsync(IAsyncEnumerable<LeadReadResult> pass, ILeadPipeline processor, CancellationToken cancellationToken, Action<LeadReadResult, LeadSubmitResult>? submitted = null)
    {
        var count = 0;
        await foreach (var result in pass.ConfigureAwait(false))
        {
            var answer = await processor.SubmitAsync(result, cancellationToken).ConfigureAwait(false);
            if (answer.Status == LeadSubmitStatus.QueueFull)
            {
                break; // not consumed: read again next pass
            }

            submitted?.Invoke(result, answer);
            count++;
        }

        return count;
    }
}
