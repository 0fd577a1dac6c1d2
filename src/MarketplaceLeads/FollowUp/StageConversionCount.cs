using System;

namespace MarketplaceLeads.FollowUp;

/// <summary>How many customers moved from one stage to the next one they reached, and how long the median move took.</summary>
/// <param name="From">The earlier stage.</param>
/// <param name="To">The later stage.</param>
/// <param name="Count">How many customers made the move.</param>
/// <param name="MedianElapsed">The median of <see cref="StageConversion.Elapsed"/> (the lower middle value for an even count).</param>
public sealed record StageConversionCount(FunnelStage From, FunnelStage To, int Count, TimeSpan MedianElapsed);
