using System;
using System.Collections.Generic;

namespace MarketplaceLeads.Deduplication;

/// <summary>
/// De-duplicates a whole batch in memory: leads are put in canonical order (time, then id), so the
/// result does not depend on the input order, then each lead is matched against the blocks of the
/// leads before it. Profiles are numbered by the index of their first lead (the union-find root is
/// always the smallest index, so the founder is the earliest lead).
/// </summary>
internal sealed class BatchDeduplicator : IRepresentatives
{
    private readonly MatchDecider _decider;
    private readonly SurvivorshipRules _rules;
    private readonly int _maxBlockSize;
    private readonly BlockingKeys _keys = new();
    private readonly SubjectCache _cache = new();
    private readonly List<MatchCandidate> _candidates = [];
    private readonly Dictionary<ulong, int> _blockOf = [];
    private readonly List<Block> _blocks = [];
    private readonly List<Entry> _entries = [];
    private Lead[] _leads = [];
    private LeadMatchSubject?[] _subjects = [];
    private int[] _parent = [];
    private int[] _stamp = [];
    private SurvivorState?[] _survivors = [];
    private LeadMatchSubject?[] _representatives = [];
    private int _oversized;

    public BatchDeduplicator(DeduplicationOptions options)
    {
        _rules = options.Survivorship.Clone();
        _maxBlockSize = options.MaxBlockSize;
        _decider = new MatchDecider(options.BuildStrategies());
    }

    public DeduplicationResult Run(IEnumerable<Lead> input)
    {
        var redeliveries = Prepare(input);
        var possibles = new List<(int Lead, int Profile, MatchVerdict Verdict)>();
        for (var i = 0; i < _leads.Length; i++)
        {
            var subject = LeadMatchSubject.Create(_leads[i].Customer, _cache);
            _subjects[i] = subject;
            _parent[i] = i;
            if (_leads[i].IsTestLead || subject.IsTestData)
            {
                continue; // a profile of its own, filed under no key: never a candidate
            }

            _decider.CollectKeys(subject, _keys);
            GatherCandidates(i);
            _decider.Decide(subject, _candidates, this);
            var root = i;
            foreach (var profile in _decider.Joins.Keys)
            {
                root = Math.Min(root, profile);
            }

            if (_decider.Joins.Count > 0)
            {
                Join(root, i);
            }

            foreach (var (profile, verdict) in _decider.Possibles)
            {
                possibles.Add((i, profile, verdict));
            }

            File(i, root);
        }

        return new DeduplicationResult(BuildProfiles(), BuildPossibles(possibles), _leads.Length, redeliveries, _decider.Comparisons, _oversized);
    }

    public LeadMatchSubject RepresentativeOf(int profile) =>
        _survivors[profile] is { } survivors
            ? _representatives[profile] ??= LeadMatchSubject.Create(survivors.ToCustomer())
            : _subjects[profile]!;

    private int Prepare(IEnumerable<Lead> input)
    {
        var leads = new List<Lead>(input is ICollection<Lead> collection ? collection.Count : 1024);
        var ids = new HashSet<LeadId>();
        var redeliveries = 0;
        foreach (var lead in input)
        {
            ArgumentNullException.ThrowIfNull(lead, nameof(input));
            if (ids.Add(lead.Id))
            {
                leads.Add(lead);
            }
            else
            {
                redeliveries++;
            }
        }

        _leads = leads.ToArray();
        var order = new OrderKey[_leads.Length];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = new OrderKey(LeadOrder.TimeOf(_leads[i]).UtcTicks, _leads[i].Id);
        }

        Array.Sort(order, _leads); // the order of LeadOrder, with the keys computed once
        var n = _leads.Length;
        _subjects = new LeadMatchSubject?[n];
        _parent = new int[n];
        _stamp = new int[n];
        _stamp.AsSpan().Fill(-1);
        _survivors = new SurvivorState?[n];
        _representatives = new LeadMatchSubject?[n];
        _blockOf.EnsureCapacity(n * 2); // about two distinct keys per lead; growing a large table costs more than sizing it
        _blocks.Capacity = n * 2;
        _entries.Capacity = n * 3;
        return redeliveries;
    }

    private void GatherCandidates(int lead)
    {
        _candidates.Clear();
        var hashes = _keys.Hashes;
        for (var k = 0; k < hashes.Count; k++)
        {
            if (!_blockOf.TryGetValue(hashes[k], out var b) || _blocks[b].Count > _maxBlockSize)
            {
                continue;
            }

            for (var e = _blocks[b].Head; e >= 0; e = _entries[e].Next)
            {
                var other = _entries[e].Lead;
                if (_stamp[other] != lead)
                {
                    _stamp[other] = lead;
                    _candidates.Add(new MatchCandidate(_subjects[other]!, Find(other)));
                }
            }
        }
    }

    /// <summary>Merges the joined profiles and the new lead into <paramref name="root"/>, the earliest of them.</summary>
    private void Join(int root, int lead)
    {
        var survivors = _survivors[root] ??= Start(root);
        foreach (var profile in _decider.Joins.Keys)
        {
            if (profile == root)
            {
                continue;
            }

            survivors.Merge(_survivors[profile] ?? Start(profile), _rules);
            _parent[profile] = root;
            _survivors[profile] = null;
            _representatives[profile] = null;
        }

        survivors.Apply(_leads[lead], _rules);
        _parent[lead] = root;
        _representatives[root] = null;
    }

    private SurvivorState Start(int lead)
    {
        var state = new SurvivorState();
        state.Apply(_leads[lead], _rules);
        return state;
    }

    /// <summary>Files the lead under its keys, unless its profile is already in the block (a block keeps one lead per profile).</summary>
    private void File(int lead, int root)
    {
        var hashes = _keys.Hashes;
        for (var k = 0; k < hashes.Count; k++)
        {
            if (!_blockOf.TryGetValue(hashes[k], out var b))
            {
                _blockOf[hashes[k]] = _blocks.Count;
                _blocks.Add(new Block(_entries.Count, 1));
                _entries.Add(new Entry(lead, -1));
                continue;
            }

            var block = _blocks[b];
            if (block.Count > _maxBlockSize)
            {
                continue;
            }

            var present = false;
            for (var e = block.Head; e >= 0 && !present; e = _entries[e].Next)
            {
                present = Find(_entries[e].Lead) == root;
            }

            if (present)
            {
                continue;
            }

            _entries.Add(new Entry(lead, block.Head));
            _blocks[b] = new Block(_entries.Count - 1, block.Count + 1);
            if (block.Count + 1 > _maxBlockSize)
            {
                _oversized++;
            }
        }
    }

    private int Find(int lead)
    {
        var root = lead;
        while (_parent[root] != root)
        {
            root = _parent[root];
        }

        while (_parent[lead] != root)
        {
            (lead, _parent[lead]) = (_parent[lead], root);
        }

        return root;
    }

    private List<CustomerProfile> BuildProfiles()
    {
        var n = _leads.Length;
        var count = new int[n];
        for (var i = 0; i < n; i++)
        {
            count[Find(i)]++;
        }

        var members = new Lead[n][];
        var filled = new int[n];
        var profiles = new List<CustomerProfile>();
        for (var i = 0; i < n; i++)
        {
            var root = _parent[i]; // Find above compressed every path
            if (root == i)
            {
                members[i] = new Lead[count[i]];
            }

            members[root][filled[root]++] = _leads[i];
        }

        for (var i = 0; i < n; i++)
        {
            if (_parent[i] != i)
            {
                continue;
            }

            var survivors = new SurvivorState();
            foreach (var lead in members[i])
            {
                survivors.Apply(lead, _rules);
            }

            profiles.Add(new CustomerProfile(_leads[i], members[i], survivors, _rules, members[i].Length == 1 ? _subjects[i] : null));
            members[i] = null!;
        }

        return profiles;
    }

    private List<PossibleDuplicate> BuildPossibles(List<(int Lead, int Profile, MatchVerdict Verdict)> raised)
    {
        var best = new Dictionary<(int, int), (int Lead, MatchVerdict Verdict)>();
        foreach (var (lead, profile, verdict) in raised)
        {
            var a = Find(lead);
            var b = Find(profile);
            if (a == b)
            {
                continue; // merged later by an exact rule
            }

            var pair = a < b ? (a, b) : (b, a);
            if (!best.TryGetValue(pair, out var current) || verdict.Score > current.Verdict.Score)
            {
                best[pair] = (lead, verdict);
            }
        }

        var result = new List<PossibleDuplicate>(best.Count);
        foreach (var ((a, b), (lead, verdict)) in best)
        {
            var first = new CustomerProfileId(_leads[a].Id);
            var second = new CustomerProfileId(_leads[b].Id);
            if (first.CompareTo(second) > 0)
            {
                (first, second) = (second, first);
            }

            result.Add(new PossibleDuplicate(first, second, verdict.Score, verdict.Reason!, _leads[lead].Id));
        }

        result.Sort(static (x, y) => x.First.CompareTo(y.First) is var c && c != 0 ? c : x.Second.CompareTo(y.Second));
        return result;
    }

    private readonly record struct Block(int Head, int Count);

    private readonly record struct OrderKey(long Ticks, LeadId Id) : IComparable<OrderKey>
    {
        public int CompareTo(OrderKey other) => Ticks != other.Ticks ? Ticks.CompareTo(other.Ticks) : Id.CompareTo(other.Id);
    }

    private readonly record struct Entry(int Lead, int Next);
}
