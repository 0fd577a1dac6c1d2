namespace MarketplaceLeads.Deduplication;

/// <summary>
/// Decides whether a new lead's customer is the same person as a customer already seen. The
/// deduplicator asks every strategy for blocking keys, looks up the profiles that share a key
/// (never all pairs), and asks every strategy to compare the new lead with each candidate.
/// </summary>
/// <remarks>
/// <para>
/// Implementations must be thread-safe and free of side effects: the same two subjects always
/// give the same verdict, whatever the order of comparison. A verdict of
/// <see cref="MatchOutcome.SamePerson"/> merges profiles automatically;
/// <see cref="MatchOutcome.PossibleDuplicate"/> is reported for a person to decide. Blank values
/// must never count as agreement (the properties of <see cref="LeadMatchSubject"/> are
/// <see langword="null"/> when blank).
/// </para>
/// <para>
/// <see cref="Scope"/> says what a new lead is compared with. Exact rules (same mailbox) compare
/// with every lead already in a profile and so close transitively (lead A shares an e-mail with B,
/// B a phone with C: one profile). Fuzzy rules compare with the profile's representative (its
/// surviving values) only, so similarity never chains from one lead to the next.
/// </para>
/// </remarks>
public interface ILeadMatchStrategy
{
    /// <summary>Gets the strategy's name, used in <see cref="MatchVerdict.Reason"/> and diagnostics.</summary>
    string Name { get; }

    /// <summary>Gets what a new lead is compared with: each earlier lead that shares a blocking key, or each candidate profile's representative.</summary>
    MatchScope Scope { get; }

    /// <summary>Adds the keys under which <paramref name="subject"/> is filed and looked up. Two subjects are compared only when they share a key (of any strategy).</summary>
    /// <param name="subject">The subject.</param>
    /// <param name="keys">The collection to add to; prefix keys with something of your own so they do not meet other strategies' keys by accident.</param>
    void AddBlockingKeys(LeadMatchSubject subject, BlockingKeys keys);

    /// <summary>Compares a new lead's subject with a candidate (a lead or a profile representative, per <see cref="Scope"/>).</summary>
    /// <param name="subject">The new lead's subject.</param>
    /// <param name="candidate">The candidate's subject.</param>
    /// <returns>The verdict; <see cref="MatchVerdict.NoMatch"/> when this strategy sees no evidence.</returns>
    MatchVerdict Compare(LeadMatchSubject subject, LeadMatchSubject candidate);
}
