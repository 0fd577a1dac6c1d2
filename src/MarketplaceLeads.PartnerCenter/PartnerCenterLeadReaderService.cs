using System;
using System.Threading;
using System.Threading.Tasks;
using MarketplaceLeads.Delivery;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MarketplaceLeads.PartnerCenter;

/// <summary>Polls a <see cref="PartnerCenterLeadReader"/> on its interval and submits every new marketplace-lead referral to a pipeline (registered by <c>AddPartnerCenterReader</c>).</summary>
/// <remarks>
/// With a <paramref name="writeBack"/> that writes profile ids, a referral read again that the pipeline already had and whose
/// <c>externalReferenceId</c> is still empty (its write-back was lost with a stopped process, or the lead came before the
/// write-back was turned on) is queued for its profile id too.
/// </remarks>
internal sealed partial class PartnerCenterLeadReaderService(PartnerCenterLeadReader reader, ILeadPipeline processor, TimeProvider timeProvider, ILogger logger, PartnerCenterWriteBack? writeBack = null) : BackgroundService
{
    public override void Dispose()
    {
        reader.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var wait = reader.PollInterval;
            try
            {
                var count = await reader.SubmitNewTellingAsync(processor, writeBack is null ? null : writeBack.OnSubmitted, stoppingToken).ConfigureAwait(false);
                if (count > 0)
                {
                    LogPass(logger, reader.CheckpointName, count, reader.SkippedLastPass);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (ObjectDisposedException) when (stoppingToken.IsCancellationRequested)
            {
                return; // the pipeline stopped first
            }
            catch (Exception ex)
            {
                if (ex is PartnerCenterException { RetryAfter: { } retryAfter } && retryAfter > wait)
                {
                    wait = retryAfter;
                }

                LogFailed(logger, ex, reader.CheckpointName, wait);
            }

            try
            {
                await Task.Delay(wait, timeProvider, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(1, LogLevel.Information, "Partner Center reader '{Checkpoint}' submitted {Count} referral(s); {Skipped} referral(s) were not marketplace leads")]
    private static partial void LogPass(ILogger logger, string checkpoint, int count, int skipped);

    [LoggerMessage(2, LogLevel.Error, "Partner Center reader '{Checkpoint}' failed; the next pass runs in {Interval}")]
    private static partial void LogFailed(ILogger logger, Exception exception, string checkpoint, TimeSpan interval);
}
