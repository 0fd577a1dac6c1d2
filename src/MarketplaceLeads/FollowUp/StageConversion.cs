using System;

namespace MarketplaceLeads.FollowUp;

/// <summary>A move from one funnel stage to the next one reached (interest to trial, trial to acquisition, or interest straight to acquisition).</summary>
/// <param name="From">The earlier stage.</param>
/// <param name="To">The later stage.</param>
/// <param name="FromAt">When <paramref name="From"/> was reached.</param>
/// <param name="ToAt">When <paramref name="To"/> was reached.</param>
public sealed record StageConversion(FunnelStage From, FunnelStage To, DateTimeOffset FromAt, DateTimeOffset ToAt)
{
    /// <summary>Gets the time the conversion took (<see cref="ToAt"/> minus <see cref="FromAt"/>; negative when the marketplace reported the later stage first).</summary>
    public TimeSpan Elapsed => ToAt - FromAt;
}
