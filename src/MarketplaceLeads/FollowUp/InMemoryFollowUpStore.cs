using System;
using System.Threading;
using System.Threading.Tasks;

namespace MarketplaceLeads.FollowUp;

/// <summary>The default <see cref="IFollowUpStore"/>: in memory, for the life of the process.</summary>
public sealed class InMemoryFollowUpStore : IFollowUpStore
{
    private FollowUpLog _log = FollowUpLog.Empty;

    /// <inheritdoc/>
    public ValueTask RecordAsync(FollowUpTouch touch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(touch);
        cancellationToken.ThrowIfCancellationRequested();
        FollowUpLog current, next;
        do
        {
            current = Volatile.Read(ref _log);
            next = current.Record(touch);
        }
        while (!ReferenceEquals(Interlocked.CompareExchange(ref _log, next, current), current));

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc/>
    public ValueTask<FollowUpLog> ReadLogAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(Volatile.Read(ref _log));
    }
}
