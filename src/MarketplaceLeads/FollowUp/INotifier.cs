using System.Threading;
using System.Threading.Tasks;

namespace MarketplaceLeads.FollowUp;

/// <summary>Delivers follow-up alerts to where the team works (a webhook, Teams, Slack, e-mail). <see cref="FollowUpAlerts"/> calls it.</summary>
/// <remarks>Throw to report a failure: the alert is retried with the pipeline's retry policy and kept as a dead letter when every attempt fails. A <see cref="Delivery.LeadSinkException"/> with <see cref="Delivery.LeadSinkException.IsTransient"/> <see langword="false"/> stops the retries at once. Never put personal data in exception messages.</remarks>
public interface INotifier
{
    /// <summary>Delivers one alert.</summary>
    /// <param name="alert">The alert.</param>
    /// <param name="cancellationToken">Cancels the delivery.</param>
    /// <returns>A task that completes when the destination accepted the alert.</returns>
    ValueTask NotifyAsync(FollowUpAlert alert, CancellationToken cancellationToken = default);
}
