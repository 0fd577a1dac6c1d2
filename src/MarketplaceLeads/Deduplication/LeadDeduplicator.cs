using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace MarketplaceLeads.Deduplication;

/// <summary>
/// The de-duplication entry point: matches leads with the configured strategies (see
/// <see cref="DeduplicationOptions"/>), merges same-person leads into <see cref="CustomerProfile"/>s
/// and reports <see cref="PossibleDuplicate"/>s.
/// </summary>
/// <example>
/// <code>
/// var deduplicator = new LeadDeduplicator();
/// var result = deduplicator.Deduplicate(leads);               // batch
/// var decision = await deduplicator.AddAsync(lead);           // incremental
/// </code>
/// </example>
public sealed class LeadDeduplicator : ILeadDeduplicator, IDisposable
{
    private readonly DeduplicationOptions _options;
    private readonly SurvivorshipRules _rules;
    private readonly MatchDecider _decider;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly BlockingKeys _keys = new();
    private readonly List<MatchCandidate> _candidates = [];
    private readonly ProfileTable _profiles = new();

    /// <summary>Initializes a deduplicator.</summary>
    /// <param name="options">The options; <see langword="null"/> for the defaults. Copied: later changes have no effect.</param>
    /// <param name="store">The incremental state; <see langword="null"/> for a new in-memory store.</param>
    /// <exception cref="ArgumentException">An option is out of range (the message names it and its value).</exception>
    public LeadDeduplicator(DeduplicationOptions? options = null, ILeadDedupStore? store = null)
    {
        options ??= new DeduplicationOptions();
        options.Validate();
        _options = options.Clone();
        _rules = _options.Survivorship;
        _decider = new MatchDecider(_options);
        Store = store ?? new InMemoryLeadDedupStore();
    }

    /// <inheritdoc/>
    public ILeadDedupStore Store { get; }

    /// <inheritdoc/>
    /// <exception cref="ArgumentNullException"><paramref name="lead"/> is <see langword="null"/>.</exception>
    public async ValueTask<DeduplicationDecision> AddAsync(Lead lead, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lead);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var existing = await Store.FindProfileByLeadAsync(lead.Id, cancellationToken).ConfigureAwait(false);
            if (existing is not null)
            {
                return new DeduplicationDecision(lead, DeduplicationOutcome.Redelivery, existing, null, [], []);
            }

            var subject = LeadMatchSubject.Create(lead.Customer);
            if (lead.IsTestLead || subject.IsTestData)
            {
                var test = CustomerProfile.Create(lead, _rules, subject);
                await Store.SaveAsync(new DedupStoreUpdate(lead, subject, [], test, [], []), cancellationToken).ConfigureAwait(false);
                return new DeduplicationDecision(lead, DeduplicationOutcome.TestLead, test, null, [], []);
            }

            _decider.CollectKeys(subject, _keys, out var slots);
            var keys = new ulong[_keys.Count];
            for (var i = 0; i < keys.Length; i++)
            {
                keys[i] = _keys.Hashes[i];
            }

            var found = await Store.FindCandidatesAsync(keys, _options.MaxBlockSize, cancellationToken).ConfigureAwait(false);
            _profiles.Clear();
            _candidates.Clear();
            foreach (var candidate in found.Candidates)
            {
                _candidates.Add(new MatchCandidate(candidate.Subject, _profiles.IndexOf(candidate.Profile)));
            }

            var filed = found.FiledPerKey;
            _decider.Decide(subject, _candidates, _profiles, slots.CountsFrom(index => index < filed.Count ? filed[index] : 0));
            var (profile, merged, reason) = Join(lead, subject);
            var possibles = new List<PossibleDuplicate>();
            foreach (var (index, verdict) in _decider.Possibles)
            {
                var other = _profiles[index].Id;
                if (!merged.Contains(other) && other != profile.Id)
                {
                    var (first, second) = profile.Id.CompareTo(other) < 0 ? (profile.Id, other) : (other, profile.Id);
                    possibles.Add(new PossibleDuplicate(first, second, verdict.Score, verdict.Reason!, lead.Id, verdict.Explanation));
                }
            }

            await Store.SaveAsync(new DedupStoreUpdate(lead, subject, keys, profile, merged, possibles), cancellationToken).ConfigureAwait(false);
            var outcome = reason is null ? DeduplicationOutcome.NewProfile : DeduplicationOutcome.JoinedProfile;
            return new DeduplicationDecision(lead, outcome, profile, reason, merged, possibles);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc/>
    /// <exception cref="ArgumentNullException"><paramref name="leads"/> or one of its leads is <see langword="null"/>.</exception>
    public DeduplicationResult Deduplicate(IEnumerable<Lead> leads)
    {
        ArgumentNullException.ThrowIfNull(leads);
        return new BatchDeduplicator(_options).Run(leads);
    }

    /// <inheritdoc/>
    public void Dispose() => _gate.Dispose();

    /// <summary>Joins the lead to the profiles the decider found (into the one founded earliest), or starts a profile.</summary>
    private (CustomerProfile Profile, List<CustomerProfileId> Merged, string? Reason) Join(Lead lead, LeadMatchSubject subject)
    {
        var merged = new List<CustomerProfileId>();
        if (_decider.Joins.Count == 0)
        {
            return (CustomerProfile.Create(lead, _rules, subject), merged, null);
        }

        CustomerProfile? target = null;
        MatchVerdict best = default;
        foreach (var (index, verdict) in _decider.Joins)
        {
            var profile = _profiles[index];
            if (target is null || LeadOrder.Instance.Compare(profile.Founder, target.Founder) < 0)
            {
                target = profile;
            }

            best = verdict.Score > best.Score || best.Reason is null ? verdict : best;
        }

        var absorbed = new List<CustomerProfile>();
        foreach (var index in _decider.Joins.Keys)
        {
            if (!ReferenceEquals(_profiles[index], target))
            {
                absorbed.Add(_profiles[index]);
                merged.Add(_profiles[index].Id);
            }
        }

        return (target!.With(lead, absorbed, _rules), merged, best.Reason);
    }

    /// <summary>Numbers the candidate profiles of one lead for the decider.</summary>
    private sealed class ProfileTable : IRepresentatives
    {
        private readonly List<CustomerProfile> _list = [];
        private readonly Dictionary<CustomerProfileId, int> _index = [];

        public CustomerProfile this[int index] => _list[index];

        public void Clear()
        {
            _list.Clear();
            _index.Clear();
        }

        public int IndexOf(CustomerProfile profile)
        {
            if (!_index.TryGetValue(profile.Id, out var index))
            {
                index = _list.Count;
                _index[profile.Id] = index;
                _list.Add(profile);
            }

            return index;
        }

        public LeadMatchSubject RepresentativeOf(int profile) => _list[profile].Representative;
    }
}
