using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using MarketplaceLeads.Lifecycle;

namespace MarketplaceLeads.Deduplication;

/// <summary>The default <see cref="ILeadDeduplicationStore"/>: everything in memory, behind one lock; lost when the process ends.</summary>
internal sealed class InMemoryLeadDeduplicationStore : ILeadDeduplicationStore, ILeadErasureSink
{
    /// <summary>A block stops growing past this many leads (above any allowed <see cref="DeduplicationOptions.MaxBlockSize"/>), so a junk key cannot grow without bound.</summary>
    private const int MaxStoredPerKey = 100_001;

    private readonly object _lock = new();
    private readonly Dictionary<LeadId, (Lead Lead, LeadMatchSubject Subject, CustomerProfileId Profile, Decision Decision)> _leads = [];
    private readonly Dictionary<CustomerProfileId, CustomerProfile> _profiles = [];
    private readonly LeadBlocks _blocks = new();
    private readonly Dictionary<(CustomerProfileId, CustomerProfileId), PossibleDuplicate> _possibles = [];

    /// <summary>The pairs kept apart, both ways: each profile's set of profiles it is kept apart from.</summary>
    private readonly Dictionary<CustomerProfileId, HashSet<CustomerProfileId>> _apart = [];

    /// <summary>The profiles holding a key's leads, while a lookup counts them (under the lock).</summary>
    private readonly HashSet<CustomerProfileId> _holders = [];
    private readonly List<ReviewAction> _reviews = [];
    private readonly Dictionary<LeadId, List<int>> _reviewsByLead = [];

    public ValueTask<CustomerProfile?> FindProfileByLeadAsync(LeadId leadId, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return ValueTask.FromResult(_leads.TryGetValue(leadId, out var entry) ? _profiles[entry.Profile] : null);
        }
    }

    public ValueTask<CustomerProfile?> FindProfileAsync(CustomerProfileId profileId, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return ValueTask.FromResult(_profiles.GetValueOrDefault(profileId));
        }
    }

    public ValueTask<IReadOnlyList<KeptApartPair>> FindKeptApartAsync(IReadOnlyList<CustomerProfileId> profiles, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(profiles);
        lock (_lock)
        {
            if (_apart.Count == 0)
            {
                return ValueTask.FromResult<IReadOnlyList<KeptApartPair>>([]);
            }

            var asked = new HashSet<CustomerProfileId>(profiles);
            var pairs = new List<KeptApartPair>();
            foreach (var profile in asked)
            {
                if (_apart.TryGetValue(profile, out var others))
                {
                    foreach (var other in others)
                    {
                        if (profile < other && asked.Contains(other))
                        {
                            pairs.Add(new KeptApartPair(profile, other));
                        }
                    }
                }
            }

            return ValueTask.FromResult<IReadOnlyList<KeptApartPair>>(pairs);
        }
    }

    public ValueTask<LeadDecisionRecord?> FindDecisionAsync(LeadId leadId, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            if (!_leads.TryGetValue(leadId, out var entry))
            {
                return ValueTask.FromResult<LeadDecisionRecord?>(null);
            }

            var reviews = new List<ReviewAction>();
            if (_reviewsByLead.TryGetValue(leadId, out var indexes))
            {
                foreach (var index in indexes)
                {
                    reviews.Add(_reviews[index]);
                }
            }

            var decision = entry.Decision;
            return ValueTask.FromResult<LeadDecisionRecord?>(new LeadDecisionRecord(
                leadId, decision.Outcome, decision.Profile, entry.Profile, decision.Explanation?.ToString() ?? decision.Reason, decision.Explanation, decision.Merged, reviews));
        }
    }

    public ValueTask<DeduplicationLookup> FindCandidatesAsync(IReadOnlyList<ulong> blockingKeys, int maxProfilesPerKey, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(blockingKeys);
        var filed = new int[blockingKeys.Count];
        lock (_lock)
        {
            // The list sized once for every lead under the keys read (a lead under two keys is listed twice).
            var count = 0;
            for (var k = 0; k < blockingKeys.Count; k++)
            {
                count += _blocks.CountOf(blockingKeys[k]) is var filedUnder && filedUnder <= maxProfilesPerKey ? filedUnder : 0;
            }

            var candidates = new List<DeduplicationCandidate>(count);
            var holders = _holders; // under the lock: one set for every lookup
            for (var k = 0; k < blockingKeys.Count; k++)
            {
                var block = _blocks.LeadsOf(blockingKeys[k]);
                var size = block.Count;
                if (size == 0)
                {
                    continue;
                }

                filed[k] = Math.Min(size, maxProfilesPerKey + 1);
                if (size > maxProfilesPerKey)
                {
                    continue;
                }

                // A block keeps a lead of each profile filed under it; profiles merged since are one profile, not several.
                holders.Clear();
                foreach (var id in block)
                {
                    var (lead, subject, profile, _) = _leads[id];
                    var holder = _profiles[profile];
                    holders.Add(holder.Id);
                    candidates.Add(new DeduplicationCandidate(lead, subject, holder));
                }

                filed[k] = holders.Count;
            }

            holders.Clear();
            return ValueTask.FromResult(new DeduplicationLookup(candidates, filed));
        }
    }

    public ValueTask SaveAsync(DeduplicationStoreUpdate update, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(update);
        var profile = update.Profile;
        lock (_lock)
        {
            foreach (var merged in update.MergedProfiles)
            {
                if (_profiles.Remove(merged, out var gone))
                {
                    foreach (var lead in gone.Leads)
                    {
                        _leads[lead.Id] = _leads[lead.Id] with { Profile = profile.Id };
                    }
                }

                MoveKeptApart(merged, profile.Id);
            }

            var decision = new Decision(update.Outcome, profile.Id, update.Reason, update.Explanation, update.MergedProfiles.Count == 0 ? [] : update.MergedProfiles);
            _leads[update.Lead.Id] = (update.Lead, update.Subject, profile.Id, decision);
            _profiles[profile.Id] = profile;
            var keys = update.BlockingKeys;
            for (var k = 0; k < keys.Count; k++)
            {
                File(keys[k], update.Lead.Id, profile.Id); // by index: the keys are an array, whose enumerator through the interface is an object a lead
            }

            if (update.MergedProfiles.Count > 0)
            {
                RepointPossibles(update.MergedProfiles, profile.Id);
                DropPossiblesKeptApart(profile.Id);
            }

            foreach (var possible in update.PossibleDuplicates)
            {
                AddPossible(possible);
            }
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask<long> SaveReviewAsync(DeduplicationReviewUpdate update, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(update);
        var action = update.Action;
        if (!Enum.IsDefined(action.Kind))
        {
            throw new ArgumentException($"DeduplicationReviewUpdate.Action.Kind must be Accept, Reject or Split; it is {(int)action.Kind}.", nameof(update));
        }

        lock (_lock)
        {
            foreach (var profile in update.Profiles)
            {
                _profiles[profile.Id] = profile;
                foreach (var lead in profile.Leads)
                {
                    _leads[lead.Id] = _leads[lead.Id] with { Profile = profile.Id };
                }
            }

            switch (action.Kind)
            {
                case ReviewKind.Accept:
                    _profiles.Remove(action.Second);
                    MoveKeptApart(action.Second, action.First);
                    RepointPossibles([action.Second], action.First);
                    DropPossiblesKeptApart(action.First);
                    break;
                case ReviewKind.Reject:
                    KeepApart(action.First, action.Second);
                    _possibles.Remove(Ordered(action.First, action.Second));
                    break;
                default:
                    FollowRaisingLeads(action.First, action.Second);
                    KeepApart(action.First, action.Second);
                    Refile(update);
                    break;
            }

            var index = _reviews.Count;
            _reviews.Add(action with { Sequence = index + 1 });
            foreach (var profile in update.Profiles)
            {
                foreach (var lead in profile.Leads)
                {
                    if (!_reviewsByLead.TryGetValue(lead.Id, out var list))
                    {
                        _reviewsByLead[lead.Id] = list = [];
                    }

                    list.Add(index);
                }
            }

            return ValueTask.FromResult((long)index + 1);
        }
    }

    public IAsyncEnumerable<ReviewAction> ReadReviewLogAsync(long afterSequence, CancellationToken cancellationToken = default)
    {
        ReviewAction[] log;
        lock (_lock)
        {
            var from = (int)Math.Clamp(afterSequence, 0, _reviews.Count);
            log = [.. _reviews.GetRange(from, _reviews.Count - from)];
        }

        return Enumerate(log, cancellationToken);
    }

    public IAsyncEnumerable<CustomerProfile> GetProfilesAsync(CancellationToken cancellationToken = default) =>
        Enumerate(Snapshot(_profiles.Values), cancellationToken);

    public IAsyncEnumerable<PossibleDuplicate> GetPossibleDuplicatesAsync(CancellationToken cancellationToken = default) =>
        Enumerate(Snapshot(_possibles.Values), cancellationToken);

    public IAsyncEnumerable<KeptApartPair> GetKeptApartAsync(CancellationToken cancellationToken = default)
    {
        KeptApartPair[] pairs;
        lock (_lock)
        {
            var list = new List<KeptApartPair>();
            foreach (var (profile, others) in _apart)
            {
                foreach (var other in others)
                {
                    if (profile < other)
                    {
                        list.Add(new KeptApartPair(profile, other));
                    }
                }
            }

            pairs = [.. list];
        }

        return Enumerate(pairs, cancellationToken);
    }

    private static (CustomerProfileId, CustomerProfileId) Ordered(CustomerProfileId one, CustomerProfileId other) =>
        one <= other ? (one, other) : (other, one);

    /// <summary>Yields a snapshot taken under the lock, so enumeration never blocks or sees a half-applied update.</summary>
    private static async IAsyncEnumerable<T> Enumerate<T>(T[] snapshot, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var item in snapshot)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return item;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    private T[] Snapshot<T>(IEnumerable<T> values)
    {
        lock (_lock)
        {
            return [.. values];
        }
    }

    private void File(ulong key, LeadId lead, CustomerProfileId profile)
    {
        var block = _blocks.LeadsOf(key);
        if (block.Count >= MaxStoredPerKey)
        {
            return;
        }

        foreach (var id in block)
        {
            if (_leads[id].Profile == profile)
            {
                return; // a block keeps one lead per profile
            }
        }

        _blocks.Add(key, lead);
    }

    private void RepointPossibles(IReadOnlyList<CustomerProfileId> merged, CustomerProfileId into)
    {
        var gone = new HashSet<CustomerProfileId>(merged);
        var moved = new List<PossibleDuplicate>();
        foreach (var (pair, possible) in _possibles)
        {
            if (gone.Contains(pair.Item1) || gone.Contains(pair.Item2))
            {
                moved.Add(possible);
            }
        }

        foreach (var possible in moved)
        {
            _possibles.Remove((possible.First, possible.Second));
            var first = gone.Contains(possible.First) ? into : possible.First;
            var second = gone.Contains(possible.Second) ? into : possible.Second;
            AddPossible(possible with { First = first, Second = second });
        }
    }

    private void AddPossible(PossibleDuplicate possible)
    {
        var (first, second) = possible.First.CompareTo(possible.Second) <= 0 ? (possible.First, possible.Second) : (possible.Second, possible.First);
        if (first == second || !_profiles.ContainsKey(first) || !_profiles.ContainsKey(second) || IsKeptApart(first, second))
        {
            return;
        }

        var normalized = possible with { First = first, Second = second };
        if (!_possibles.TryGetValue((first, second), out var existing) || normalized.Score > existing.Score)
        {
            _possibles[(first, second)] = normalized;
        }
    }

    private bool IsKeptApart(CustomerProfileId one, CustomerProfileId other) =>
        _apart.Count != 0 && _apart.TryGetValue(one, out var others) && others.Contains(other);

    private void KeepApart(CustomerProfileId one, CustomerProfileId other)
    {
        if (one == other)
        {
            return;
        }

        Partners(one).Add(other);
        Partners(other).Add(one);
    }

    private HashSet<CustomerProfileId> Partners(CustomerProfileId profile)
    {
        if (!_apart.TryGetValue(profile, out var set))
        {
            _apart[profile] = set = [];
        }

        return set;
    }

    /// <summary>Moves the pairs kept apart of a profile merged away to the profile it was merged into.</summary>
    private void MoveKeptApart(CustomerProfileId gone, CustomerProfileId into)
    {
        if (_apart.Count == 0 || !_apart.Remove(gone, out var others))
        {
            return;
        }

        foreach (var other in others)
        {
            _apart[other].Remove(gone);
            KeepApart(into, other);
        }
    }

    /// <summary>Drops the possible duplicates between a profile and those it is now kept apart from (after a merge brought in another's pairs).</summary>
    private void DropPossiblesKeptApart(CustomerProfileId profile)
    {
        if (_apart.Count == 0 || !_apart.TryGetValue(profile, out var others))
        {
            return;
        }

        foreach (var other in others)
        {
            _possibles.Remove(Ordered(profile, other));
        }
    }

    /// <summary>After a split: the possible duplicates of the profile that a lead now in the new part raised follow that lead.</summary>
    private void FollowRaisingLeads(CustomerProfileId kept, CustomerProfileId split)
    {
        var moved = new List<PossibleDuplicate>();
        foreach (var ((first, second), possible) in _possibles)
        {
            if ((first == kept || second == kept) && _leads.TryGetValue(possible.RaisedBy, out var raiser) && raiser.Profile == split)
            {
                moved.Add(possible);
            }
        }

        foreach (var possible in moved)
        {
            _possibles.Remove((possible.First, possible.Second));
            AddPossible(possible.First == kept ? possible with { First = split } : possible with { Second = split });
        }
    }

    /// <summary>After a split: takes the leads of both parts out of their keys and files them again, one lead per profile per key.</summary>
    private void Refile(DeduplicationReviewUpdate update)
    {
        foreach (var (lead, keys) in update.BlockingKeys)
        {
            foreach (var key in keys)
            {
                _blocks.Remove(key, lead);
            }
        }

        foreach (var profile in update.Profiles)
        {
            foreach (var lead in profile.Leads)
            {
                if (update.BlockingKeys.TryGetValue(lead.Id, out var keys))
                {
                    foreach (var key in keys)
                    {
                        File(key, lead.Id, profile.Id);
                    }
                }
            }
        }
    }

    /// <summary>What was decided for a lead when it arrived (the reason only when no explanation tells it).</summary>
    /// <summary>Removes the profiles, their leads and decisions, their blocking-key entries, their possible duplicates and kept-apart pairs; the review log keeps its entries (ids and times) without their comments.</summary>
    public ValueTask<IReadOnlyDictionary<string, int>> EraseAsync(ErasureRequest request, CancellationToken cancellationToken)
    {
        var match = new ErasureMatch(request);
        int profiles = 0, leads = 0, keys = 0, possibles = 0, apart = 0, reviews = 0;
        lock (_lock)
        {
            foreach (var (id, entry) in _leads)
            {
                if (match.HoldsLead(id) || match.HoldsProfile(entry.Profile))
                {
                    _leads.Remove(id);
                    _reviewsByLead.Remove(id);
                    leads++;
                }
            }

            foreach (var id in request.ProfileIds)
            {
                profiles += _profiles.Remove(id) ? 1 : 0;
                if (_apart.Remove(id, out var others))
                {
                    foreach (var other in others)
                    {
                        _apart.GetValueOrDefault(other)?.Remove(id);
                        apart++;
                    }
                }
            }

            keys += _blocks.RemoveAll(lead => !_leads.ContainsKey(lead));
            foreach (var pair in _possibles.Keys)
            {
                if (match.HoldsProfile(pair.Item1) || match.HoldsProfile(pair.Item2))
                {
                    _possibles.Remove(pair);
                    possibles++;
                }
            }

            for (var i = 0; i < _reviews.Count; i++)
            {
                if (_reviews[i].Comment is not null && (match.HoldsProfile(_reviews[i].First) || match.HoldsProfile(_reviews[i].Second)))
                {
                    _reviews[i] = _reviews[i] with { Comment = null };
                    reviews++;
                }
            }
        }

        return ValueTask.FromResult<IReadOnlyDictionary<string, int>>(new Dictionary<string, int>(StringComparer.Ordinal)
        {
            ["profiles"] = profiles,
            ["leads"] = leads,
            ["blocking keys"] = keys,
            ["possible duplicates"] = possibles,
            ["kept apart"] = apart,
            ["review comments"] = reviews,
        });
    }

    private sealed record Decision(DeduplicationOutcome Outcome, CustomerProfileId Profile, string? Reason, MatchExplanation? Explanation, IReadOnlyList<CustomerProfileId> Merged);
}
