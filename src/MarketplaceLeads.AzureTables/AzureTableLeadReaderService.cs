using System;
using System.Threading;
using System.Threading.Tasks;
using MarketplaceLeads.Delivery;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MarketplaceLeads.AzureTables;

/// <summary>Polls an <see cref="AzureTableLeadReader"/> on its interval and submits every new row to a pipeline (registered by <c>AddAzureTableReader</c>).</summary>
internal sealed partial class AzureTableLeadReaderService(AzureTableLeadReader reader, ILeadPipeline processor, TimeProvider timeProvider, ILogger logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var count = await reader.SubmitNewAsync(processor, stoppingToken).ConfigureAwait(false);
                if (count > 0)
                {
                    LogPass(logger, reader.CheckpointName, count);
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
                LogFailed(logger, ex, reader.CheckpointName, reader.PollInterval);
            }

            try
            {
                await Task.Delay(reader.PollInterval, timeProvider, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(1, LogLevel.Information, "Azure Table reader '{Checkpoint}' submitted {Count} row(s)")]
    private static partial void LogPass(ILogger logger, string checkpoint, int count);

    [LoggerMessage(2, LogLevel.Error, "Azure Table reader '{Checkpoint}' failed; the next pass runs in {Interval}")]
    private static partial void LogFailed(ILogger logger, Exception exception, string checkpoint, TimeSpan interval);
}
