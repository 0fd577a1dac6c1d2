using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;

namespace MarketplaceLeads.Deduplication;

/// <summary>The default <see cref="ILeadDedupStore"/>: everything in memory, behind one lock; lost when the process ends.</summary>
internal sealed class InMemoryLeadDedupStore : ILeadDedupStore
{
    /// <summary>A block stops growing past this many leads (above any allowed <see cref="DeduplicationOptions.MaxBlockSize"/>), so a junk key cannot grow without bound.</summary>
    private const int MaxStoredPerKey = 100_001;

    private readonly object _lock = new();
    private readonly Dictionary<LeadId, (Lead Lead, LeadMatchSubject Subject, CustomerProfileId Profile)> _leads = [];
    private readonly Dictionary<CustomerProfileId, CustomerProfile> _profiles = [];
    private readonly Dictionary<ulong, List<LeadId>> _blocks = [];
    private readonly Dictionary<(CustomerProfileId, CustomerProfileId), PossibleDuplicate> _possibles = [];

    public ValueTask<CustomerProfile?> FindProfileByLeadAsync(LeadId leadId, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return ValueTask.FromResult(_leads.TryGetValue(leadId, out var entry) ? _profiles[entry.Profile] : null);
        }
    }

    public ValueTask<DedupLookup> FindCandidatesAsync(IReadOnlyList<ulong> blockingKeys, int maxProfilesPerKey, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(blockingKeys);
        var candidates = new List<DedupCandidate>();
        var filed = new int[blockingKeys.Count];
        lock (_lock)
        {
            for (var k = 0; k < blockingKeys.Count; k++)
            {
                if (!_blocks.TryGetValue(blockingKeys[k], out var block))
                {
                    continue;
                }

                filed[k] = Math.Min(block.Count, maxProfilesPerKey + 1);
                if (block.Count > maxProfilesPerKey)
                {
                    continue;
                }

                foreach (var id in block)
                {
                    var (lead, subject, profile) = _leads[id];
                    candidates.Add(new DedupCandidate(lead, subject, _profiles[profile]));
                }
            }
        }

        return ValueTask.FromResult(new DedupLookup(candidates, filed));
    }

    public ValueTask SaveAsync(DedupStoreUpdate update, CancellationToken cancellationToken = default)
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
            }

            _leads[update.Lead.Id] = (update.Lead, update.Subject, profile.Id);
            _profiles[profile.Id] = profile;
            foreach (var key in update.BlockingKeys)
            {
                File(key, update.Lead.Id, profile.Id);
            }

            if (update.MergedProfiles.Count > 0)
            {
                RepointPossibles(update.MergedProfiles, profile.Id);
            }

            foreach (var possible in update.PossibleDuplicates)
            {
                AddPossible(possible);
            }
        }

        return ValueTask.CompletedTask;
    }

    public IAsyncEnumerable<CustomerProfile> GetProfilesAsync(CancellationToken cancellationToken = default) =>
        Enumerate(Snapshot(_profiles.Values), cancellationToken);

    public IAsyncEnumerable<PossibleDuplicate> GetPossibleDuplicatesAsync(CancellationToken cancellationToken = default) =>
        Enumerate(Snapshot(_possibles.Values), cancellationToken);

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
        if (!_blocks.TryGetValue(key, out var block))
        {
            _blocks[key] = [lead];
            return;
        }

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

        block.Add(lead);
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
        if (first == second || !_profiles.ContainsKey(first) || !_profiles.ContainsKey(second))
        {
            return;
        }

        var normalized = possible with { First = first, Second = second };
        if (!_possibles.TryGetValue((first, second), out var existing) || normalized.Score > existing.Score)
        {
            _possibles[(first, second)] = normalized;
        }
    }
}
