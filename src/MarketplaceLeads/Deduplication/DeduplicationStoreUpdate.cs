using System.Collections.Generic;

namespace MarketplaceLeads.Deduplication;

/// <summary>What <see cref="ILeadDeduplicationStore.SaveAsync"/> must persist for one new lead.</summary>
/// <param name="Lead">The new lead.</param>
/// <param name="Subject">The lead's match subject.</param>
/// <param name="BlockingKeys">The key hashes to file the lead under (empty for test leads).</param>
/// <param name="Profile">The lead's profile, as it is now (new, or an earlier profile with the lead added).</param>
/// <param name="MergedProfiles">Profiles merged into <paramref name="Profile"/>, which cease to exist.</param>
/// <param name="PossibleDuplicates">Possible duplicates the lead raised.</param>
/// <param name="Outcome">What was decided: <see cref="DeduplicationOutcome.NewProfile"/>, <see cref="DeduplicationOutcome.JoinedProfile"/> or <see cref="DeduplicationOutcome.TestLead"/>; kept with the lead for <see cref="ILeadDeduplicationStore.FindDecisionAsync"/>.</param>
/// <param name="Reason">Why a custom strategy joined the lead to <paramref name="Profile"/>; <see langword="null"/> when <paramref name="Explanation"/> is given (the reason is its one-line form, <see cref="MatchExplanation.ToString"/>, so a store need not keep both) and unless <paramref name="Outcome"/> is <see cref="DeduplicationOutcome.JoinedProfile"/>.</param>
/// <param name="Explanation">The match-weight waterfall of the verdict that joined the lead (the strongest, when it joined several profiles); <see langword="null"/> for a new profile, a test lead or a custom strategy's join.</param>
public sealed record DeduplicationStoreUpdate(
    Lead Lead,
    LeadMatchSubject Subject,
    IReadOnlyList<ulong> BlockingKeys,
    CustomerProfile Profile,
    IReadOnlyList<CustomerProfileId> MergedProfiles,
    IReadOnlyList<PossibleDuplicate> PossibleDuplicates,
    DeduplicationOutcome Outcome,
    string? Reason,
    MatchExplanation? Explanation);
