using System;

namespace MarketplaceLeads.FollowUp;

/// <summary>The next touch of a nurture schedule.</summary>
/// <param name="Number">The touch's number in the stage's cadence, from 1.</param>
/// <param name="Of">How many touches the stage's cadence has.</param>
/// <param name="DueAt">When it is due.</param>
/// <param name="IsDue">Whether it is due at the time of planning (now ≥ <paramref name="DueAt"/>).</param>
public sealed record ScheduledTouch(int Number, int Of, DateTimeOffset DueAt, bool IsDue);
