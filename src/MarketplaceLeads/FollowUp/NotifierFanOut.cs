using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using MarketplaceLeads.Delivery;

namespace MarketplaceLeads.FollowUp;

/// <summary>
/// Delivers each alert to every registered notifier (<c>builder.AddNotifier(…)</c> more than once). A notifier that accepted
/// an alert is not asked again when a retry of the same alert follows another notifier's failure (remembered in memory by
/// <see cref="FollowUpAlert.Id"/> until every notifier has it); after a restart a retried alert may reach it again, with the same id.
/// </summary>
internal sealed class NotifierFanOut(IReadOnlyList<INotifier> notifiers) : INotifier
{
    private readonly ConcurrentDictionary<string, bool[]> _accepted = new(StringComparer.Ordinal);

    public async ValueTask NotifyAsync(FollowUpAlert alert, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var accepted = _accepted.GetOrAdd(alert.Id, _ => new bool[notifiers.Count]);
        List<Exception>? errors = null;
        var transient = false;
        for (var i = 0; i < notifiers.Count; i++)
        {
            if (accepted[i])
            {
                continue;
            }

            try
            {
                await notifiers[i].NotifyAsync(alert, cancellationToken).ConfigureAwait(false);
                accepted[i] = true;
            }
            catch (Exception error) when (error is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                (errors ??= []).Add(error);
                transient |= error is not LeadSinkException { IsTransient: false };
            }
        }

        if (errors is null)
        {
            _accepted.TryRemove(alert.Id, out _);
            return;
        }

        if (!transient)
        {
            _accepted.TryRemove(alert.Id, out _); // not retried: the alert is dead-lettered
        }

        throw new LeadSinkException($"{errors.Count} of {notifiers.Count} notifiers failed ({string.Join(", ", errors.ConvertAll(static e => e.GetType().Name))})", transient, null, new AggregateException(errors));
    }
}
