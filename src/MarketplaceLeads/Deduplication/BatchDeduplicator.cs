using System;
using System.Collections.Generic;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;
using MarketplaceLeads.Internal;

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
    private BlockingKeys _keys = new();
    private BlockingKeys _nextKeys = new();
    private readonly SubjectCache _cache = new();
    private readonly List<MatchCandidate> _candidates = [];
    private Lead[] _leads = [];
    private LeadMatchSubject?[] _subjects = [];
    private byte[] _flags = [];
    private int[] _parent = [];
    private int[] _stamp = [];

    // The blocks: an open-addressing table (linear probing) from key hash to the block's newest entry and size, and the
    // entries as two parallel arrays (lead, next older entry). One cache line per key lookup, no per-block objects.
    private Block[] _table = [];
    private int _mask;
    private int _blockCount;
    private int[] _entryLead = [];
    private int[] _entryNext = [];
    private int _entryCount;
    private SurvivorState?[] _survivors = [];

    // A profile whose survivors were never needed is "pure": its state is its founder then each lead that joined it alone,
    // applied in order. Those leads are kept as a list (next member, last member) and replayed only when the state is asked
    // for, which gives the very same state as applying them one by one; once built, a state is kept up to date as before.
    private int[] _nextMember = [];
    private int[] _lastMember = [];
    private LeadMatchSubject?[] _representatives = [];
    private int _oversized;

    private const byte TestFlag = 1;
    private const byte DoNotContactFlag = 2;

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
        var next = NextKeyed(0);
        if (next < _leads.Length)
        {
            _decider.CollectKeys(_subjects[next]!, _nextKeys);
        }

        for (var i = 0; i < _leads.Length; i++)
        {
            var subject = _subjects[i]!;
            if ((_flags[i] & TestFlag) != 0)
            {
                continue; // a profile of its own, filed under no key: never a candidate
            }

            // The keys of lead i were collected ahead; collect those of the next keyed lead now and start loading their
            // blocks, so those cache misses overlap with this lead's work (keys depend on the subject alone).
            (_keys, _nextKeys) = (_nextKeys, _keys);
            PrefetchNewestEntries(_keys);
            next = NextKeyed(i + 1);
            if (next < _leads.Length)
            {
                _decider.CollectKeys(_subjects[next]!, _nextKeys);
                PrefetchBlocks(_nextKeys);
            }

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

    /// <summary>The first lead from <paramref name="from"/> on that is not a test lead (filed under keys), or the number of leads.</summary>
    private int NextKeyed(int from)
    {
        while (from < _flags.Length && (_flags[from] & TestFlag) != 0)
        {
            from++;
        }

        return from;
    }

    /// <summary>Hints the processor to load the home slot of each key's block (only a hint: the table may still change).</summary>
    private unsafe void PrefetchBlocks(BlockingKeys keys)
    {
        if (!Sse.IsSupported)
        {
            return;
        }

        var hashes = keys.Hashes;
        var table = _table;
        var mask = _mask;
        for (var k = 0; k < hashes.Count; k++)
        {
            Sse.Prefetch0(Unsafe.AsPointer(ref table[(int)hashes[k] & mask]));
        }
    }

    /// <summary>Hints the processor to load the newest entry of each key's block (its slot was prefetched a lead ahead).</summary>
    private unsafe void PrefetchNewestEntries(BlockingKeys keys)
    {
        if (!Sse.IsSupported)
        {
            return;
        }

        var hashes = keys.Hashes;
        var table = _table;
        for (var k = 0; k < hashes.Count; k++)
        {
            var block = table[SlotOf(hashes[k])];
            if (block.Count != 0)
            {
                Sse.Prefetch0(Unsafe.AsPointer(ref _entryLead[block.Head]));
                Sse.Prefetch0(Unsafe.AsPointer(ref _entryNext[block.Head]));
            }
        }
    }

    public LeadMatchSubject RepresentativeOf(int profile) =>
        _survivors[profile] is not null || _nextMember[profile] >= 0
            ? _representatives[profile] ??= LeadMatchSubject.Create(StateOf(profile).ToCustomer(), _cache) // the cache gives the same values as without
            : _subjects[profile]!;

    /// <summary>The survivors of a profile (a current root, or one just absorbed), built from its members when it is pure.</summary>
    private SurvivorState StateOf(int profile)
    {
        if (_survivors[profile] is { } state)
        {
            return state;
        }

        state = new SurvivorState();
        for (var member = profile; member >= 0; member = _nextMember[member])
        {
            state.Apply(_leads[member], _rules);
        }

        return _survivors[profile] = state;
    }

    private int Prepare(IEnumerable<Lead> input)
    {
        var leads = new List<Lead>(input is ICollection<Lead> collection ? collection.Count : 1024);
        var ids = new HashSet<LeadId>(leads.Capacity);
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

        // Each lead's subject and flags are computed in the input order, which is usually the order the leads were read
        // and allocated in: walking their objects in that order is far kinder to the caches than in time order.
        var n = leads.Count;
        var subjects = new LeadMatchSubject?[n];
        var flags = new byte[n];
        var order = new OrderKey[n];
        var position = new int[n];
        for (var i = 0; i < n; i++)
        {
            var lead = leads[i];
            var subject = LeadMatchSubject.Create(lead.Customer, _cache);
            subjects[i] = subject;

            // Lead.IsTestLead, without scanning the customer's fields a second time (the subject did).
            var test = subject.IsTestData || TestLeadDetector.IsTestValue(lead.LeadSourceText) || TestLeadDetector.IsTestValue(lead.Description);
            flags[i] = (byte)((test ? TestFlag : 0) | (lead.Action == LeadAction.DoNotContact ? DoNotContactFlag : 0));
            order[i] = new OrderKey(LeadOrder.TimeOf(lead).UtcTicks, lead.Id);
            position[i] = i;
        }

        Array.Sort(order, position); // the order of LeadOrder, with the keys computed once
        _leads = new Lead[n];
        _subjects = new LeadMatchSubject?[n];
        _flags = new byte[n];
        for (var i = 0; i < n; i++)
        {
            var from = position[i];
            _leads[i] = leads[from];
            _subjects[i] = subjects[from];
            _flags[i] = flags[from];
            position[i] = i; // each lead its own profile, to start with
        }

        _parent = position;
        _stamp = new int[n];
        _stamp.AsSpan().Fill(-1);
        _survivors = new SurvivorState?[n];
        _nextMember = new int[n];
        _nextMember.AsSpan().Fill(-1);
        _lastMember = new int[n];
        for (var i = 0; i < n; i++)
        {
            _lastMember[i] = i;
        }
        _representatives = new LeadMatchSubject?[n];

        // Up to four keys per lead, two to three distinct ones on average: room for three at a load under 3/4, so a large
        // table rarely grows (growing rehashes every block, and allocates the table again).
        var capacity = (int)Math.Min(BitOperations.RoundUpToPowerOf2((uint)Math.Max(64, (long)n * 4 > int.MaxValue ? int.MaxValue : n * 4)), 1u << 30);
        _table = new Block[capacity];
        _mask = capacity - 1;
        _entryLead = new int[Math.Max(64, n * 2)];
        _entryNext = new int[_entryLead.Length];
        return redeliveries;
    }

    private void GatherCandidates(int lead)
    {
        _candidates.Clear();
        var hashes = _keys.Hashes;
        var table = _table;
        var entryLead = _entryLead;
        var entryNext = _entryNext;
        for (var k = 0; k < hashes.Count; k++)
        {
            var block = table[SlotOf(hashes[k])];
            if (block.Count == 0 || block.Count > _maxBlockSize)
            {
                continue;
            }

            for (var e = block.Head; e >= 0; e = entryNext[e])
            {
                var other = entryLead[e];
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
        if (_survivors[root] is null && _decider.Joins.Count == 1)
        {
            // The lead joins one pure profile: it becomes that profile's newest member, to be replayed if ever needed.
            _nextMember[_lastMember[root]] = lead;
            _lastMember[root] = lead;
            _parent[lead] = root;
            _representatives[root] = null;
            return;
        }

        var survivors = StateOf(root);
        foreach (var profile in _decider.Joins.Keys)
        {
            if (profile == root)
            {
                continue;
            }

            survivors.Merge(StateOf(profile), _rules);
            _parent[profile] = root;
            _survivors[profile] = null;
            _representatives[profile] = null;
        }

        survivors.Apply(_leads[lead], _rules);
        _parent[lead] = root;
        _representatives[root] = null;
    }

    /// <summary>Files the lead under its keys, unless its profile is already in the block (a block keeps one lead per profile).</summary>
    private void File(int lead, int root)
    {
        var hashes = _keys.Hashes;
        for (var k = 0; k < hashes.Count; k++)
        {
            var hash = hashes[k];
            var slot = SlotOf(hash);
            ref var block = ref _table[slot];
            if (block.Count == 0)
            {
                block = new Block(hash, AddEntry(lead, -1), 1);
                if (++_blockCount > (_table.Length >> 2) * 3)
                {
                    Grow();
                }

                continue;
            }

            if (block.Count > _maxBlockSize)
            {
                continue;
            }

            var present = false;
            for (var e = block.Head; e >= 0 && !present; e = _entryNext[e])
            {
                present = Find(_entryLead[e]) == root;
            }

            if (present)
            {
                continue;
            }

            block = new Block(hash, AddEntry(lead, block.Head), block.Count + 1);
            if (block.Count > _maxBlockSize)
            {
                _oversized++;
            }
        }
    }

    /// <summary>The slot of a key hash: its block, or the empty slot where it goes.</summary>
    private int SlotOf(ulong hash)
    {
        var table = _table;
        var mask = _mask;
        var slot = (int)hash & mask;
        while (table[slot].Count != 0 && table[slot].Hash != hash)
        {
            slot = (slot + 1) & mask;
        }

        return slot;
    }

    private int AddEntry(int lead, int next)
    {
        if (_entryCount == _entryLead.Length)
        {
            Array.Resize(ref _entryLead, _entryLead.Length * 2);
            Array.Resize(ref _entryNext, _entryLead.Length);
        }

        _entryLead[_entryCount] = lead;
        _entryNext[_entryCount] = next;
        return _entryCount++;
    }

    private void Grow()
    {
        var old = _table;
        _table = new Block[old.Length * 2];
        _mask = _table.Length - 1;
        foreach (var block in old)
        {
            if (block.Count != 0)
            {
                _table[SlotOf(block.Hash)] = block;
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
        // count[root] counts the profile's leads, and _flags[root] gathers its leads' flags (a root is its earliest lead,
        // so its own flags are read before any other lead's are added; a non-root's flags are read only here).
        var n = _leads.Length;
        var count = new int[n];
        var flags = _flags;
        var roots = 0;
        for (var i = 0; i < n; i++)
        {
            var root = Find(i);
            roots += root == i ? 1 : 0;
            count[root]++;
            flags[root] |= flags[i];
        }

        // The founder (the root) comes first, so its profile and array exist when its other leads come; count[root] then
        // becomes the profile's number, and _stamp (free now) counts the leads placed per profile.
        var members = new Lead[roots][];
        var filled = _stamp;
        var profiles = new List<CustomerProfile>(roots);
        for (var i = 0; i < n; i++)
        {
            var root = _parent[i]; // Find above compressed every path
            if (root == i)
            {
                var size = count[i];
                var leads = new Lead[size];
                leads[0] = _leads[i];
                var f = flags[i];
                profiles.Add(new CustomerProfile(_leads[i], leads, _rules, size == 1 ? _subjects[i] : null, (f & DoNotContactFlag) != 0, (f & TestFlag) != 0));
                if (size > 1)
                {
                    members[profiles.Count - 1] = leads;
                    count[i] = profiles.Count - 1;
                    filled[i] = 1;
                }

                continue;
            }

            members[count[root]][filled[root]++] = _leads[i];
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

    /// <summary>A block: the hash of its key, its newest entry and its number of entries (0 for an empty slot).</summary>
    private readonly record struct Block(ulong Hash, int Head, int Count);

    private readonly record struct OrderKey(long Ticks, LeadId Id) : IComparable<OrderKey>
    {
        public int CompareTo(OrderKey other) => Ticks != other.Ticks ? Ticks.CompareTo(other.Ticks) : Id.CompareTo(other.Id);
    }
}
