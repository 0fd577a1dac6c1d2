using System;

namespace MarketplaceLeads.Deduplication;

/// <summary>Same phone line (<see cref="LeadMatchSubject.PhoneKey"/>) and same folded last name: the same person.</summary>
internal sealed class PhoneAndLastNameStrategy : ILeadMatchStrategy
{
    public const string KeyPrefix = "p";

    public string Name => "phone+last-name";

    public MatchScope Scope => MatchScope.AnyLead;

    public void AddBlockingKeys(LeadMatchSubject subject, BlockingKeys keys) => keys.Add(KeyPrefix, subject.PhoneKey);

    public MatchVerdict Compare(LeadMatchSubject subject, LeadMatchSubject candidate) =>
        subject.PhoneKey is not null && subject.LastName is not null
        && string.Equals(subject.PhoneKey, candidate.PhoneKey, StringComparison.Ordinal)
        && string.Equals(subject.LastName, candidate.LastName, StringComparison.Ordinal)
            ? MatchVerdict.SamePerson("same phone and last name")
            : MatchVerdict.NoMatch;
}
