using System.Collections.Generic;
using System.Globalization;

namespace MarketplaceLeads.Deduplication;

/// <summary>
/// Why a lead is in its profile: what de-duplication decided when the lead arrived and why, the profile it is in now,
/// and the review decisions that touched it since (<see cref="ILeadDeduplicator.ExplainAsync"/>). Holds no personal data
/// but the reviewers' names and comments.
/// </summary>
/// <param name="Lead">The lead's id.</param>
/// <param name="Outcome">What was decided when the lead arrived: <see cref="DeduplicationOutcome.NewProfile"/>, <see cref="DeduplicationOutcome.JoinedProfile"/> or <see cref="DeduplicationOutcome.TestLead"/> (a redelivery changes nothing and is not recorded).</param>
/// <param name="DecidedProfile">The profile the lead belonged to once decided: its own for a new profile or a test lead, else the profile it joined (after any merge the lead caused).</param>
/// <param name="CurrentProfile">The profile the lead belongs to now; differs from <paramref name="DecidedProfile"/> after a later merge, accept or split.</param>
/// <param name="Reason">Why the lead joined its profile (the one-line form of <paramref name="Explanation"/>, or a custom strategy's reason); <see langword="null"/> unless <paramref name="Outcome"/> is <see cref="DeduplicationOutcome.JoinedProfile"/>.</param>
/// <param name="Explanation">The match-weight waterfall of the comparison that joined the lead; <see langword="null"/> for a new profile, a test lead, a custom strategy's join, or a decision the store did not record (a database upgraded from an earlier schema).</param>
/// <param name="MergedProfiles">The profiles the lead showed to be the same person, merged into <paramref name="DecidedProfile"/>.</param>
/// <param name="Reviews">The review decisions that touched the lead's profile after the lead arrived, oldest first.</param>
public sealed record LeadDecisionRecord(
    LeadId Lead,
    DeduplicationOutcome Outcome,
    CustomerProfileId DecidedProfile,
    CustomerProfileId CurrentProfile,
    string? Reason,
    MatchExplanation? Explanation,
    IReadOnlyList<CustomerProfileId> MergedProfiles,
    IReadOnlyList<ReviewAction> Reviews)
{
    /// <summary>Returns a description without the reviewers' names and comments.</summary>
    /// <returns>The description.</returns>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"LeadDecisionRecord {{ Lead = {Lead}, Outcome = {Outcome}, DecidedProfile = {DecidedProfile}, CurrentProfile = {CurrentProfile}, Reason = {Reason}, Merged = {MergedProfiles.Count}, Reviews = {Reviews.Count} }}");
}
