using System;
using System.Collections.Generic;
using System.Globalization;

namespace MarketplaceLeads.Deduplication;

/// <summary>One review decision, as a store logs it.</summary>
/// <param name="Kind">What was decided.</param>
/// <param name="First">For <see cref="ReviewKind.Accept"/>, the profile that kept its id (the one whose founding lead is earliest); for <see cref="ReviewKind.Reject"/>, the profile with the smaller id; for <see cref="ReviewKind.Split"/>, the profile that was split, which keeps its id (the part that holds its founding lead).</param>
/// <param name="Second">For <see cref="ReviewKind.Accept"/>, the profile merged into <paramref name="First"/>, which ceased to exist; for <see cref="ReviewKind.Reject"/>, the other profile; for <see cref="ReviewKind.Split"/>, the new profile of the leads split off.</param>
/// <param name="Leads">The leads that changed profile: for <see cref="ReviewKind.Accept"/>, the leads of <paramref name="Second"/>, now in <paramref name="First"/>; for <see cref="ReviewKind.Split"/>, the leads of the new profile <paramref name="Second"/>; none for <see cref="ReviewKind.Reject"/>.</param>
/// <param name="ReviewedAt">When it was decided (the de-duplicator's <see cref="TimeProvider"/>).</param>
/// <param name="Reviewer">Who decided, as the caller gave it; <see langword="null"/> when not given.</param>
/// <param name="Comment">Why, as the caller gave it; <see langword="null"/> when not given. Free text a person typed: it is kept in the store and left out of <see cref="ToString"/>.</param>
public sealed record ReviewAction(
    ReviewKind Kind,
    CustomerProfileId First,
    CustomerProfileId Second,
    IReadOnlyList<LeadId> Leads,
    DateTimeOffset ReviewedAt,
    string? Reviewer = null,
    string? Comment = null)
{
    /// <summary>Gets the decision's position in the store's review log: 1 for the first decision, then one more for each (<see cref="ILeadDeduplicationStore.ReadReviewLogAsync"/>). 0 on an action not yet saved.</summary>
    public long Sequence { get; init; }

    /// <summary>Returns a description without the reviewer and the comment.</summary>
    /// <returns>The description.</returns>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"ReviewAction {{ Sequence = {Sequence}, Kind = {Kind}, First = {First}, Second = {Second}, Leads = {Leads.Count}, ReviewedAt = {ReviewedAt:O} }}");
}
