using System.Collections.Generic;

namespace MarketplaceLeads.Deduplication;

/// <summary>A candidate a new lead is compared with: an earlier lead's subject and the (caller-numbered) profile it belongs to.</summary>
internal readonly record struct MatchCandidate(LeadMatchSubject Subject, int Profile);

/// <summary>Gives the representative subject of a caller-numbered profile.</summary>
internal interface IRepresentatives
{
    LeadMatchSubject RepresentativeOf(int profile);
}

/// <summary>
/// The matching rules, shared by batch and incremental de-duplication: collects a subject's blocking
/// keys from every strategy, and compares it with candidates (per <see cref="ILeadMatchStrategy.Scope"/>)
/// to find the profiles it joins and the possible duplicates it raises. Not thread-safe (it reuses
/// its buffers); one per de-duplication run or behind a lock.
/// </summary>
internal sealed class MatchDecider
{
    private readonly ILeadMatchStrategy[] _anyLead;
    private readonly ILeadMatchStrategy[] _representative;
    private readonly ILeadMatchStrategy[] _all;
    private readonly HashSet<int> _seen = [];

    public MatchDecider(IReadOnlyList<ILeadMatchStrategy> strategies)
    {
        var anyLead = new List<ILeadMatchStrategy>();
        var representative = new List<ILeadMatchStrategy>();
        foreach (var strategy in strategies)
        {
            (strategy.Scope == MatchScope.Representative ? representative : anyLead).Add(strategy);
        }

        _anyLead = [.. anyLead];
        _representative = [.. representative];
        _all = [.. strategies];
    }

    /// <summary>Gets the number of strategy comparisons made so far.</summary>
    public long Comparisons { get; private set; }

    /// <summary>Gets the profiles found to be the same person, with the verdict (caller-numbered).</summary>
    public Dictionary<int, MatchVerdict> Joins { get; } = [];

    /// <summary>Gets the profiles found to be possibly the same person, with the best verdict.</summary>
    public Dictionary<int, MatchVerdict> Possibles { get; } = [];

    public void CollectKeys(LeadMatchSubject subject, BlockingKeys keys)
    {
        keys.Clear();
        foreach (var strategy in _all)
        {
            strategy.AddBlockingKeys(subject, keys);
        }
    }

    /// <summary>Compares <paramref name="subject"/> with the candidates; results in <see cref="Joins"/> and <see cref="Possibles"/>.</summary>
    public void Decide(LeadMatchSubject subject, IReadOnlyList<MatchCandidate> candidates, IRepresentatives representatives)
    {
        Joins.Clear();
        Possibles.Clear();
        _seen.Clear();
        for (var i = 0; i < candidates.Count; i++)
        {
            var candidate = candidates[i];
            foreach (var strategy in _anyLead)
            {
                Record(candidate.Profile, strategy.Compare(subject, candidate.Subject));
            }
        }

        if (_representative.Length == 0)
        {
            return;
        }

        for (var i = 0; i < candidates.Count; i++)
        {
            var profile = candidates[i].Profile;
            if (Joins.ContainsKey(profile) || !_seen.Add(profile))
            {
                continue;
            }

            var representative = representatives.RepresentativeOf(profile);
            foreach (var strategy in _representative)
            {
                Record(profile, strategy.Compare(subject, representative));
            }
        }
    }

    private void Record(int profile, MatchVerdict verdict)
    {
        Comparisons++;
        switch (verdict.Outcome)
        {
            case MatchOutcome.SamePerson:
                if (!Joins.TryGetValue(profile, out var joined) || verdict.Score > joined.Score)
                {
                    Joins[profile] = verdict;
                }

                Possibles.Remove(profile);
                break;
            case MatchOutcome.PossibleDuplicate when !Joins.ContainsKey(profile):
                if (!Possibles.TryGetValue(profile, out var possible) || verdict.Score > possible.Score)
                {
                    Possibles[profile] = verdict;
                }

                break;
        }
    }
}
