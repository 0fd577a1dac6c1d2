using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Threading;
using System.Threading.Tasks;
using MarketplaceLeads.Internal;

namespace MarketplaceLeads.Deduplication;

/// <summary>
/// The de-duplication entry point: matches leads with the configured strategies (see
/// <see cref="DeduplicationOptions"/>), merges same-person leads into <see cref="CustomerProfile"/>s,
/// reports <see cref="PossibleDuplicate"/>s, explains each decision and takes review decisions.
/// </summary>
/// <example>
/// <code>
/// var deduplicator = new LeadDeduplicator();
/// var result = deduplicator.Deduplicate(leads);               // batch
/// var decision = await deduplicator.AddAsync(lead);           // incremental
/// var why = await deduplicator.ExplainAsync(lead.Id);         // the decision and its waterfall
/// var queue = await deduplicator.GetReviewQueueAsync();       // possible duplicates, do-not-contact pairs first
/// await deduplicator.RejectAsync(queue[0].First.Id, queue[0].Second.Id, "ana", "different people");
/// </code>
/// </example>
public sealed class LeadDeduplicator : ILeadDeduplicator, IDisposable
{
    private readonly DeduplicationOptions _options;
    private readonly SurvivorshipRules _rules;
    private readonly MatchDecider _decider;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly BlockingKeys _keys = new();
    private readonly BlockingKeys _otherKeys = new();
    private readonly List<MatchCandidate> _candidates = [];
    private readonly ProfileTable _profiles = new();
    private readonly List<CustomerProfileId> _touched = [];
    private readonly TimeProvider _time;
    private bool _keySchemeChecked;

    /// <summary>Initializes a deduplicator.</summary>
    /// <param name="options">The options; <see langword="null"/> for the defaults. Copied: later changes have no effect.</param>
    /// <param name="store">The incremental state; <see langword="null"/> for a new in-memory store.</param>
    /// <param name="timeProvider">The clock that dates review decisions; <see langword="null"/> for <see cref="TimeProvider.System"/>.</param>
    /// <exception cref="ArgumentException">An option is invalid; the message names it, the rule and the value.</exception>
    public LeadDeduplicator(DeduplicationOptions? options = null, ILeadDeduplicationStore? store = null, TimeProvider? timeProvider = null)
    {
        _time = timeProvider ?? TimeProvider.System;
        _options = OptionsRules.ThrowIfInvalid(new DeduplicationOptionsValidator(), options ?? new DeduplicationOptions()).Clone();
        _rules = _options.Survivorship;
        _decider = new MatchDecider(_options);
        Store = store ?? new InMemoryLeadDeduplicationStore();
    }

    /// <inheritdoc/>
    public ILeadDeduplicationStore Store { get; }

    /// <inheritdoc/>
    /// <exception cref="ArgumentNullException"><paramref name="lead"/> is <see langword="null"/>.</exception>
    public async ValueTask<DeduplicationDecision> AddAsync(Lead lead, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lead);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await EnsureKeySchemeAsync(cancellationToken).ConfigureAwait(false);
            var existing = await Store.FindProfileByLeadAsync(lead.Id, cancellationToken).ConfigureAwait(false);
            if (existing is not null)
            {
                return new DeduplicationDecision(lead, DeduplicationOutcome.Redelivery, existing, null, [], []);
            }

            var subject = LeadMatchSubject.Create(lead.Customer);
            if (lead.IsTestLead || subject.IsTestData)
            {
                var test = CustomerProfile.Create(lead, _rules, subject);
                await Store.SaveAsync(new DeduplicationStoreUpdate(lead, subject, [], test, [], [], DeduplicationOutcome.TestLead, null, null), cancellationToken).ConfigureAwait(false);
                return new DeduplicationDecision(lead, DeduplicationOutcome.TestLead, test, null, [], []);
            }

            _decider.CollectKeys(subject, _keys, out var slots);
            var keys = slots.FilingKeys(_keys.AsSpan());
            var found = await Store.FindCandidatesAsync(slots.LookupKeys(_keys.AsSpan()), _options.MaxBlockSize, cancellationToken).ConfigureAwait(false);
            _profiles.Clear();
            _candidates.Clear();
            var own = slots.SymmetricCount(_keys.Count);
            foreach (var candidate in found.Candidates)
            {
                _candidates.Add(new MatchCandidate(candidate.Subject, _profiles.IndexOf(candidate.Profile), slots.LookupOnly >= 0 && !MetOtherwise(own, subject, candidate.Subject)));
            }

            var filed = found.FiledPerKey;
            var counts = slots.CountsFrom(filed);
            _decider.Decide(subject, _candidates, _profiles, counts);
            if (_decider.Joins.Count > 0 && _decider.Joins.Count + _decider.Possibles.Count > 1)
            {
                // The lead joins one profile and touches another: a review may have kept them apart. One more lookup, and
                // only then; when it finds pairs, the decision is taken again honouring them.
                var apart = await Store.FindKeptApartAsync(TouchedProfiles(), cancellationToken).ConfigureAwait(false);
                if (apart.Count > 0)
                {
                    _profiles.KeepApart(apart);
                    _decider.Decide(subject, _candidates, _profiles, counts, _profiles);
                }
            }

            if (ChannelTwin(lead) is { } twin)
            {
                // The same marketplace lead through a second channel (HTTPS and Partner Center): nothing new about the person.
                return new DeduplicationDecision(lead, DeduplicationOutcome.Redelivery, twin, null, [], []);
            }

            var (profile, merged, reason, explanation) = Join(lead, subject);
            List<PossibleDuplicate>? raised = null; // only when there are some: most leads raise none
            foreach (var (index, verdict) in _decider.Possibles)
            {
                var other = _profiles[index].Id;
                if (!Contains(merged, other) && other != profile.Id)
                {
                    var (first, second) = profile.Id.CompareTo(other) < 0 ? (profile.Id, other) : (other, profile.Id);
                    (raised ??= []).Add(new PossibleDuplicate(first, second, verdict.Score, verdict.Reason!, lead.Id, verdict.Explanation));
                }
            }

            IReadOnlyList<PossibleDuplicate> possibles = raised ?? (IReadOnlyList<PossibleDuplicate>)[];
            var outcome = reason is null ? DeduplicationOutcome.NewProfile : DeduplicationOutcome.JoinedProfile;
            var update = new DeduplicationStoreUpdate(lead, subject, keys, profile, merged, possibles, outcome, explanation is null ? reason : null, explanation);
            await Store.SaveAsync(update, cancellationToken).ConfigureAwait(false);
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
    public ValueTask<LeadDecisionRecord?> ExplainAsync(LeadId leadId, CancellationToken cancellationToken = default) =>
        Store.FindDecisionAsync(leadId, cancellationToken);

    /// <inheritdoc/>
    public async ValueTask<IReadOnlyList<ReviewQueueItem>> GetReviewQueueAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var pairs = new List<PossibleDuplicate>();
            await foreach (var pair in Store.GetPossibleDuplicatesAsync(cancellationToken).ConfigureAwait(false))
            {
                pairs.Add(pair);
            }

            var profiles = new Dictionary<CustomerProfileId, CustomerProfile?>();
            var items = new List<ReviewQueueItem>(pairs.Count);
            foreach (var pair in pairs)
            {
                var first = await ProfileAsync(pair.First).ConfigureAwait(false);
                var second = await ProfileAsync(pair.Second).ConfigureAwait(false);
                if (first is not null && second is not null)
                {
                    items.Add(new ReviewQueueItem(pair, first, second));
                }
            }

            items.Sort(static (x, y) =>
                x.DoNotContact != y.DoNotContact ? (x.DoNotContact ? -1 : 1)
                : y.Pair.Score.CompareTo(x.Pair.Score) is var byScore && byScore != 0 ? byScore
                : x.Pair.First.CompareTo(y.Pair.First) is var byFirst && byFirst != 0 ? byFirst
                : x.Pair.Second.CompareTo(y.Pair.Second));
            return items;

            async ValueTask<CustomerProfile?> ProfileAsync(CustomerProfileId id)
            {
                if (!profiles.TryGetValue(id, out var profile))
                {
                    profile = await Store.FindProfileAsync(id, cancellationToken).ConfigureAwait(false);
                    profiles[id] = profile;
                }

                return profile;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc/>
    public async ValueTask<ReviewResult> AcceptAsync(CustomerProfileId first, CustomerProfileId second, string? reviewer = null, string? comment = null, CancellationToken cancellationToken = default)
    {
        RequireTwo(first, second, "Accepting");
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var a = await RequireProfileAsync(first, nameof(first), cancellationToken).ConfigureAwait(false);
            var b = await RequireProfileAsync(second, nameof(second), cancellationToken).ConfigureAwait(false);
            if ((a.IsTest ? a : b.IsTest ? b : null) is { } test)
            {
                throw new InvalidOperationException($"Profile {test.Id} is a marketplace test lead; test leads are never merged with other profiles.");
            }

            if ((await Store.FindKeptApartAsync([first, second], cancellationToken).ConfigureAwait(false)).Count > 0)
            {
                throw new InvalidOperationException($"Profiles {first} and {second} are kept apart: a review rejected the pair or split one from the other, so they are not merged.");
            }

            var (kept, gone) = LeadOrder.Instance.Compare(a.Founder, b.Founder) <= 0 ? (a, b) : (b, a);
            var merged = CustomerProfile.FromLeads(kept.Founder, [.. kept.Leads, .. gone.Leads], _rules);
            var action = new ReviewAction(ReviewKind.Accept, kept.Id, gone.Id, IdsOf(gone.Leads), _time.GetUtcNow(), reviewer, comment);
            var sequence = await Store.SaveReviewAsync(new DeduplicationReviewUpdate(action, [merged], NoKeys), cancellationToken).ConfigureAwait(false);
            return new ReviewResult(action with { Sequence = sequence }, [merged], [gone.Id]);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc/>
    public async ValueTask<ReviewResult> RejectAsync(CustomerProfileId first, CustomerProfileId second, string? reviewer = null, string? comment = null, CancellationToken cancellationToken = default)
    {
        RequireTwo(first, second, "Rejecting");
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var a = await RequireProfileAsync(first, nameof(first), cancellationToken).ConfigureAwait(false);
            var b = await RequireProfileAsync(second, nameof(second), cancellationToken).ConfigureAwait(false);
            var pair = KeptApartPair.Of(first, second);
            var action = new ReviewAction(ReviewKind.Reject, pair.First, pair.Second, [], _time.GetUtcNow(), reviewer, comment);
            var sequence = await Store.SaveReviewAsync(new DeduplicationReviewUpdate(action, pair.First == a.Id ? [a, b] : [b, a], NoKeys), cancellationToken).ConfigureAwait(false);
            return new ReviewResult(action with { Sequence = sequence }, [], []);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc/>
    public async ValueTask<ReviewResult> SplitAsync(CustomerProfileId profile, IEnumerable<LeadId> leads, string? reviewer = null, string? comment = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(leads);
        var moving = new HashSet<LeadId>(leads);
        if (moving.Count == 0)
        {
            ThrowHelper.ThrowArgumentException(nameof(leads), $"Splitting profile {profile} needs at least one of its leads to move out; none was given.");
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await EnsureKeySchemeAsync(cancellationToken).ConfigureAwait(false);
            var whole = await RequireProfileAsync(profile, nameof(profile), cancellationToken).ConfigureAwait(false);
            var stay = new List<Lead>();
            var move = new List<Lead>();
            foreach (var lead in whole.Leads)
            {
                (moving.Remove(lead.Id) ? move : stay).Add(lead);
            }

            if (moving.Count > 0)
            {
                var stray = new List<LeadId>(moving);
                stray.Sort();
                var holder = await Store.FindProfileByLeadAsync(stray[0], cancellationToken).ConfigureAwait(false);
                var where = holder is null ? "no profile holds it" : $"it is in profile {holder.Id}";
                ThrowHelper.ThrowArgumentException(nameof(leads), $"Lead {stray[0]} is not one of the {whole.Leads.Count} leads of profile {profile}: {where}{(stray.Count > 1 ? $" ({stray.Count - 1} more listed leads are not in it either)" : string.Empty)}.");
            }

            if (stay.Count == 0)
            {
                ThrowHelper.ThrowArgumentException(nameof(leads), $"Splitting profile {profile} would leave it empty: all its {whole.Leads.Count} leads are listed; list only the leads to move out.");
            }

            // The id follows the founding lead: the part that holds it keeps the profile's id; the other part is new.
            var founderMoves = move.Exists(lead => lead.Id == whole.Founder.Id);
            var (keptLeads, newLeads) = founderMoves ? (move, stay) : (stay, move);
            var kept = CustomerProfile.FromLeads(whole.Founder, keptLeads, _rules);
            newLeads.Sort(LeadOrder.Instance);
            var split = CustomerProfile.FromLeads(newLeads[0], newLeads, _rules);
            var keys = new Dictionary<LeadId, IReadOnlyList<ulong>>(whole.Leads.Count);
            foreach (var lead in whole.Leads)
            {
                keys[lead.Id] = KeysOf(lead);
            }

            var action = new ReviewAction(ReviewKind.Split, kept.Id, split.Id, IdsOf(split.Leads), _time.GetUtcNow(), reviewer, comment);
            var sequence = await Store.SaveReviewAsync(new DeduplicationReviewUpdate(action, [kept, split], keys), cancellationToken).ConfigureAwait(false);
            return new ReviewResult(action with { Sequence = sequence }, [kept, split], []);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc/>
    public void Dispose() => _gate.Dispose();

    private static readonly IReadOnlyDictionary<LeadId, IReadOnlyList<ulong>> NoKeys = ReadOnlyDictionary<LeadId, IReadOnlyList<ulong>>.Empty;

    private static void RequireTwo(CustomerProfileId first, CustomerProfileId second, string doing)
    {
        if (first == second)
        {
            ThrowHelper.ThrowArgumentException(nameof(second), $"{doing} a pair needs two different profiles; both are {first}.");
        }
    }

    private static LeadId[] IdsOf(IReadOnlyList<Lead> leads)
    {
        var ids = new LeadId[leads.Count];
        for (var i = 0; i < ids.Length; i++)
        {
            ids[i] = leads[i].Id;
        }

        return ids;
    }

    private async ValueTask<CustomerProfile> RequireProfileAsync(CustomerProfileId id, string parameter, CancellationToken cancellationToken) =>
        await Store.FindProfileAsync(id, cancellationToken).ConfigureAwait(false)
        ?? throw new ArgumentException($"Profile {id} does not exist: no profile has this id (it may have been merged into another; ExplainAsync on its founding lead {id} tells where that lead is now).", parameter);

    /// <summary>Whether a candidate shares a key with the lead (its first <paramref name="own"/> keys) other than the name-in-country ones (as a batch finds it: <see cref="MatchCandidate.ByNameOnly"/>).</summary>
    private bool MetOtherwise(int own, LeadMatchSubject subject, LeadMatchSubject candidate)
    {
        if (!MatchDecider.SameNameInCountry(subject, candidate))
        {
            return true; // not found under a name-in-country key: its keys need not be worked out
        }

        _decider.CollectKeys(candidate, _otherKeys, out var slots);
        return SharedKeySlots.ShareAKey(_keys.AsSpan()[..own], _otherKeys.AsSpan()[..slots.SymmetricCount(_otherKeys.Count)]);
    }

    /// <summary>
    /// Before the first decision (under the gate): a store that remembers its key scheme (<see cref="IRefilingLeadDeduplicationStore"/>)
    /// and whose leads were filed under other keys than these options derive (an earlier version, other options) files
    /// them again, so that new leads meet them by today's keys. Once per de-duplicator; a failure is retried next time.
    /// </summary>
    private async ValueTask EnsureKeySchemeAsync(CancellationToken cancellationToken)
    {
        if (_keySchemeChecked)
        {
            return;
        }

        if (Store is IRefilingLeadDeduplicationStore refiling
            && !string.Equals(await refiling.GetKeySchemeAsync(cancellationToken).ConfigureAwait(false), _decider.KeyScheme, StringComparison.Ordinal))
        {
            await refiling.RefileAsync(_decider.KeyScheme, KeysOf, cancellationToken).ConfigureAwait(false);
        }

        _keySchemeChecked = true;
    }

    /// <summary>The keys a lead is filed under, as <see cref="AddAsync"/> files it (none for a test lead). Under the gate: the decider's buffers are shared.</summary>
    private ulong[] KeysOf(Lead lead)
    {
        var subject = LeadMatchSubject.Create(lead.Customer);
        if (lead.IsTestLead || subject.IsTestData)
        {
            return [];
        }

        _decider.CollectKeys(subject, _keys, out var slots);
        return slots.FilingKeys(_keys.AsSpan());
    }

    /// <summary>The ids of the profiles the lead joins or may be the same person as.</summary>
    private CustomerProfileId[] TouchedProfiles()
    {
        _touched.Clear();
        foreach (var index in _decider.Joins.Keys)
        {
            _touched.Add(_profiles[index].Id);
        }

        foreach (var index in _decider.Possibles.Keys)
        {
            _touched.Add(_profiles[index].Id);
        }

        return [.. _touched];
    }

    /// <summary>Joins the lead to the profiles the decider found (into the one founded earliest), or starts a profile.</summary>
    /// <summary>The profile the lead joins that already holds the same marketplace lead from another channel (<see cref="ChannelTwins"/>), or <see langword="null"/>.</summary>
    private CustomerProfile? ChannelTwin(Lead lead)
    {
        foreach (var index in _decider.Joins.Keys)
        {
            var profile = _profiles[index];
            if (ChannelTwins.HasTwin(lead, profile))
            {
                return profile;
            }
        }

        return null;
    }

    private static bool Contains(IReadOnlyList<CustomerProfileId> ids, CustomerProfileId id)
    {
        for (var i = 0; i < ids.Count; i++)
        {
            if (ids[i] == id)
            {
                return true;
            }
        }

        return false;
    }

    private (CustomerProfile Profile, IReadOnlyList<CustomerProfileId> Merged, string? Reason, MatchExplanation? Explanation) Join(Lead lead, LeadMatchSubject subject)
    {
        if (_decider.Joins.Count == 0)
        {
            return (CustomerProfile.Create(lead, _rules, subject), [], null, null);
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

            best = verdict.Score > best.Score || !best.HasReason ? verdict : best;
        }

        // The lists only when profiles merge (one lead in many): most leads join one profile or none.
        List<CustomerProfile>? absorbed = null;
        List<CustomerProfileId>? merged = null;
        foreach (var index in _decider.Joins.Keys)
        {
            if (!ReferenceEquals(_profiles[index], target))
            {
                (absorbed ??= []).Add(_profiles[index]);
                (merged ??= []).Add(_profiles[index].Id);
            }
        }

        var explanation = best.Explanation; // built once: the reason is its one-line form
        return (target!.With(lead, absorbed ?? (IReadOnlyList<CustomerProfile>)[], _rules), merged ?? (IReadOnlyList<CustomerProfileId>)[], explanation?.ToString() ?? best.Reason, explanation);
    }

    /// <summary>Numbers the candidate profiles of one lead for the decider, and says which of them a review kept apart.</summary>
    private sealed class ProfileTable : IRepresentatives, IKeptApart
    {
        private readonly List<CustomerProfile> _list = [];
        private readonly Dictionary<CustomerProfileId, int> _index = [];
        private readonly HashSet<KeptApartPair> _apart = [];

        public CustomerProfile this[int index] => _list[index];

        public void Clear()
        {
            _list.Clear();
            _index.Clear();
            _apart.Clear();
        }

        public void KeepApart(IReadOnlyList<KeptApartPair> pairs)
        {
            foreach (var pair in pairs)
            {
                _apart.Add(KeptApartPair.Of(pair.First, pair.Second));
            }
        }

        public bool KeptApart(int profile, int other) => _apart.Contains(KeptApartPair.Of(_list[profile].Id, _list[other].Id));

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
