using System;

namespace MarketplaceLeads.FollowUp;

/// <summary>A funnel stage a customer reached on an offer, and when (the first lead of that stage).</summary>
/// <param name="Stage">The stage.</param>
/// <param name="ReachedAt">When the first lead of the stage happened (created, else received).</param>
/// <param name="LeadId">The first lead of the stage.</param>
public sealed record FunnelStep(FunnelStage Stage, DateTimeOffset ReachedAt, LeadId LeadId);
