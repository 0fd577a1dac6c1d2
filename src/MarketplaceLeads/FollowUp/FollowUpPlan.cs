using System;
using System.Collections.Generic;
using MarketplaceLeads.Deduplication;

namespace MarketplaceLeads.FollowUp;

/// <summary>What to do about one customer, as planned at <see cref="PlannedAt"/>: per offer, the funnel, the response deadlines and the next touch.</summary>
public sealed record FollowUpPlan
{
    /// <summary>Gets the customer.</summary>
    public required CustomerProfile Profile { get; init; }

    /// <summary>Gets when the plan was made (from the planner's <see cref="TimeProvider"/>).</summary>
    public required DateTimeOffset PlannedAt { get; init; }

    /// <summary>Gets a value indicating whether the customer said do not contact on any lead; then every offer is <see cref="FollowUpStatus.Suppressed"/>.</summary>
    public bool DoNotContact => Profile.DoNotContact;

    /// <summary>Gets the follow-up per offer, in the profile's offer order.</summary>
    public required IReadOnlyList<OfferFollowUp> Offers { get; init; }

    /// <summary>Gets the outcome of the configured qualification rules.</summary>
    public required QualificationResult Qualification { get; init; }
}
