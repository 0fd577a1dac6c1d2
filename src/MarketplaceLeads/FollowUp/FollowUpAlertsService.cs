using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using MarketplaceLeads.Deduplication;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MarketplaceLeads.FollowUp;

/// <summary>
/// Runs <see cref="FollowUpAlerts.CheckAsync"/> when the host starts and then every <see cref="FollowUpAlertsOptions.CheckInterval"/>
/// on the registered <see cref="TimeProvider"/> (registered by <c>AddFollowUpAlerts</c>). A check that fails (the store cannot
/// be read, say) is logged by error type and run again at the next tick; the alerts it had not delivered stay pending, so
/// they are delivered once, by a later check. Stopping the host cancels a running check (its undelivered alerts stay pending).
/// </summary>
internal sealed partial class FollowUpAlertsService(FollowUpAlerts alerts, ILeadDeduplicationStore profiles, TimeSpan interval, TimeProvider timeProvider, ILogger logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(interval, timeProvider);
        try
        {
            do
            {
                await CheckOnceAsync(stoppingToken).ConfigureAwait(false);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // stopping: undelivered alerts stay pending for the next start
        }
    }

    /// <summary>One check: reads the customers and the possible duplicates from the de-duplication store and raises and delivers the alerts due.</summary>
    private async Task CheckOnceAsync(CancellationToken stoppingToken)
    {
        try
        {
            var customers = new List<CustomerProfile>();
            await foreach (var profile in profiles.GetProfilesAsync(stoppingToken).ConfigureAwait(false))
            {
                customers.Add(profile);
            }

            var possibleDuplicates = new List<PossibleDuplicate>();
            await foreach (var pair in profiles.GetPossibleDuplicatesAsync(stoppingToken).ConfigureAwait(false))
            {
                possibleDuplicates.Add(pair);
            }

            var delivered = await alerts.CheckAsync(customers, possibleDuplicates, stoppingToken).ConfigureAwait(false);
            if (delivered.Count > 0)
            {
                LogDelivered(logger, delivered.Count);
            }
        }
        catch (Exception error) when (!stoppingToken.IsCancellationRequested)
        {
            LogCheckFailed(logger, error.GetType().Name, interval);
        }
    }

    [LoggerMessage(3, LogLevel.Information, "Delivered {Count} follow-up alert(s)")]
    private static partial void LogDelivered(ILogger logger, int count);

    // The exception's type only: an INotifier or a store may carry customer data in a message, despite the contract.
    [LoggerMessage(4, LogLevel.Error, "The follow-up alert check failed ({ErrorType}); pending alerts stay pending and the next check runs in {Interval}")]
    private static partial void LogCheckFailed(ILogger logger, string errorType, TimeSpan interval);
}
