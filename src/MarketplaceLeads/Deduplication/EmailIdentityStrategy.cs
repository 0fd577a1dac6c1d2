namespace MarketplaceLeads.Deduplication;

/// <summary>
/// Same mailbox, same person: the provider-aware e-mail identity (<see cref="LeadMatchSubject.EmailIdentity"/>)
/// is equal. A shared role mailbox (<c>info@</c>, <c>sales@</c> …) only counts when the names agree too;
/// otherwise it is a possible duplicate.
/// </summary>
internal sealed class EmailIdentityStrategy : ILeadMatchStrategy
{
    public const string KeyPrefix = "e";

    public string Name => "email";

    public MatchScope Scope => MatchScope.AnyLead;

    public void AddBlockingKeys(LeadMatchSubject subject, BlockingKeys keys) => keys.Add(KeyPrefix, subject.EmailIdentity);

    public MatchVerdict Compare(LeadMatchSubject subject, LeadMatchSubject candidate)
    {
        if (subject.EmailIdentity is null || !string.Equals(subject.EmailIdentity, candidate.EmailIdentity, System.StringComparison.Ordinal))
        {
            return MatchVerdict.NoMatch;
        }

        if (!subject.IsRoleMailbox)
        {
            return MatchVerdict.SamePerson("same mailbox");
        }

        var names = NameSimilarity.Of(subject, candidate);
        return names >= 0.95
            ? MatchVerdict.SamePerson("same role mailbox and name", names)
            : MatchVerdict.PossibleDuplicate(0.7, "same role mailbox");
    }
}
