using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;

namespace MarketplaceLeads.Delivery;

/// <summary>The journal as the workers record progress in it (deliveries, profile-change positions, dead letters): a failing call is retried with back-off a few times, then given up (logged), leaving the leads pending.</summary>
internal sealed class RetryingJournal(ILeadJournal journal, RetryPolicy retry, ILogger logger)
{
    private readonly ILeadJournal _journal = journal;
    private readonly RetryPolicy _retry = retry;

    /// <summary>Calls the journal with the retry policy.</summary>
    /// <returns><see langword="true"/> when the call succeeded.</returns>
    public async Task<bool> TryAsync<TState>(Func<ILeadJournal, TState, CancellationToken, ValueTask> call, TState state, string operation, CancellationToken token)
    {
        var result = await _retry.RunAsync(
            (Self: this, Call: call, State: state),
            static (s, token) => s.Call(s.Self._journal, s.State, token),
            static (s, attempt, error) => ValueTask.FromResult(s.Self._retry.Next(attempt, error)),
            token).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            PipelineLog.JournalFailed(logger, result.Error!, operation);
        }

        return result.Succeeded;
    }
}
