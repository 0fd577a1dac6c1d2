using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;
using MarketplaceLeads.Normalization;

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
    private readonly SubjectCache _cache = new();
    private readonly List<MatchCandidate> _candidates = [];
    private Lead[] _leads = [];
    private LeadMatchSubject?[] _subjects = [];
    private byte[] _flags = [];
    private int[] _parent = [];
    private int[] _stamp = [];

    // The blocking key hashes of every lead, collected in Prepare while each subject is fresh in the cache (in the input
    // order): lead i's (in time order) are _keyHashes[_keyStart[i]..][.._keyCount[i]], none for a test lead.
    private ulong[] _keyHashes = [];
    private int[] _keyStart = [];
    private int[] _keyCount = [];

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

    // Which of the shared-value keys a lead has; collected in a fixed order (mailbox, phone, name at company) ahead of
    // the others, so their places among the lead's keys follow from these bits.
    private const byte MailboxKeyFlag = 4;
    private const byte PhoneKeyFlag = 8;
    private const byte NameAtCompanyKeyFlag = 16;

    // The one-way keys (MatchDecider.AddNameInCountryKeys) come last: the last key is looked up, never filed under; the one
    // before it, for a lead with an e-mail address, is filed under, never looked up.
    private const byte LookupOnlyLastFlag = 32;
    private const byte FileOnlySecondLastFlag = 64;

    public BatchDeduplicator(DeduplicationOptions options)
    {
        _rules = options.Survivorship.Clone();
        _maxBlockSize = options.MaxBlockSize;
        _decider = new MatchDecider(options);
    }

    public DeduplicationResult Run(IEnumerable<Lead> input)
    {
        var redeliveries = Prepare(input);
        var possibles = new List<(int Lead, int Profile, MatchVerdict Verdict)>();
        var next = NextKeyed(0);
        if (next < _leads.Length)
        {
            PrefetchBlocks(next);
        }

        for (var i = 0; i < _leads.Length; i++)
        {
            var subject = _subjects[i]!;
            if ((_flags[i] & TestFlag) != 0)
            {
                continue; // a profile of its own, filed under no key: never a candidate
            }

            // The blocks of lead i were prefetched a lead ahead; start loading those of the next keyed lead now (and the keys
            // of the lead after), so those cache misses overlap with this lead's work.
            PrefetchNewestEntries(i);
            next = NextKeyed(i + 1);
            if (next < _leads.Length)
            {
                PrefetchBlocks(next);
                PrefetchKeys(next + 1);
            }

            GatherCandidates(i);
            _decider.Decide(subject, _candidates, this, SharedCountsOf(i));
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

    /// <summary>The blocking key hashes of a lead (none for a test lead).</summary>
    private ReadOnlySpan<ulong> KeysOf(int lead) => _keyHashes.AsSpan(_keyStart[lead], _keyCount[lead]);

    /// <summary>A lead's key hashes before its name-in-country ones.</summary>
    private ReadOnlySpan<ulong> SymmetricKeysOf(int lead) => (_flags[lead] & LookupOnlyLastFlag) != 0 ? KeysOf(lead)[..^2] : KeysOf(lead);

    /// <summary>Hints the processor to load a lead's key hashes (read a lead later, for <see cref="PrefetchBlocks"/>).</summary>
    private unsafe void PrefetchKeys(int lead)
    {
        if (Sse.IsSupported && lead < _keyStart.Length && _keyCount[lead] != 0)
        {
            Sse.Prefetch0(Unsafe.AsPointer(ref _keyHashes[_keyStart[lead]]));
        }
    }

    /// <summary>Hints the processor to load the home slot of the block of each of a lead's keys (only a hint: the table may still change).</summary>
    private unsafe void PrefetchBlocks(int lead)
    {
        if (!Sse.IsSupported)
        {
            return;
        }

        var hashes = KeysOf(lead);
        var table = _table;
        var mask = _mask;
        for (var k = 0; k < hashes.Length; k++)
        {
            Sse.Prefetch0(Unsafe.AsPointer(ref table[(int)hashes[k] & mask]));
        }
    }

    /// <summary>Hints the processor to load the newest entry of the block of each of a lead's keys (its slot was prefetched a lead ahead).</summary>
    private unsafe void PrefetchNewestEntries(int lead)
    {
        if (!Sse.IsSupported)
        {
            return;
        }

        var hashes = KeysOf(lead);
        var table = _table;
        for (var k = 0; k < hashes.Length; k++)
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
        // One pass over the input: each lead is told from a redelivery and, when kept, reduced to its subject, flags and keys
        // at once, while its objects are in the cache. The input's count bounds the arrays (a redelivery leaves a slot unused
        // at the end), so it is taken only from an array or a list (whose counts are their items'); any other input is
        // collected first.
        ICollection<Lead> all = input is Lead[] or List<Lead> ? (ICollection<Lead>)input : new List<Lead>(input);
        var bound = all.Count;
        var leads = new List<Lead>(bound);
        var ids = new KeptIds(leads, bound);
        var redeliveries = 0;

        // Each lead's subject, flags and keys are computed in the input order, which is usually the order the leads were
        // read and allocated in: walking their objects in that order is far kinder to the caches than in time order.
        var subjects = new LeadMatchSubject?[bound];
        var flags = new byte[bound];
        var keyStarts = new int[bound];
        var keyCounts = new int[bound];

        // Up to four keys per lead, two to three distinct ones on average: room for three at a load under 3/4, so a large
        // table rarely grows (growing rehashes every block, and allocates the table again).
        var capacity = (int)Math.Min(BitOperations.RoundUpToPowerOf2((uint)Math.Max(64, (long)bound * 4 > int.MaxValue ? int.MaxValue : bound * 4)), 1u << 30);
        _table = new Block[capacity];
        _mask = capacity - 1;

        // The table stays empty until the first lead is filed: meanwhile its first n slots hold the leads' order keys (as
        // many bytes as a block each), which spares an array of them; they are cleared once the leads are in order.
        var order = capacity >= bound ? MemoryMarshal.Cast<Block, OrderKey>(_table.AsSpan(0, bound)) : new OrderKey[bound];
        var position = new int[bound];
        var keys = new BlockingKeys();
        // Three to four shared-value and name keys per lead, and the two name-in-country ones: room for six, grown by half.
        var hashes = GC.AllocateUninitializedArray<ulong>((int)Math.Min(Math.Max(16L, bound * 6L), Array.MaxLength));
        var keyCount = 0;
        foreach (var lead in all)
        {
            ArgumentNullException.ThrowIfNull(lead, nameof(input));
            if (!ids.Add(lead.Id))
            {
                redeliveries++;
                continue;
            }

            var i = leads.Count;
            leads.Add(lead);
            var subject = LeadMatchSubject.Create(lead.Customer, _cache);
            subjects[i] = subject;

            // Lead.IsTestLead, without scanning the customer's fields a second time (the subject did).
            var test = subject.IsTestData || TestLeadDetector.IsTestValue(lead.LeadSourceText) || TestLeadDetector.IsTestValue(lead.Description);
            flags[i] = (byte)((test ? TestFlag : 0) | (lead.Action == LeadAction.DoNotContact ? DoNotContactFlag : 0));
            keyStarts[i] = keyCount;
            order[i] = new OrderKey(LeadOrder.TimeOf(lead).UtcTicks, HighOf(lead.Id));
            position[i] = i;
            if (!test)
            {
                // A test lead is filed under no key. Keys depend on the subject alone, so they are the same whenever they
                // are collected; collected here, the subject and its strings are still in the cache.
                _decider.CollectKeys(subject, keys, out var slots);
                flags[i] |= (byte)((slots.Mailbox >= 0 ? MailboxKeyFlag : 0) | (slots.Phone >= 0 ? PhoneKeyFlag : 0) | (slots.NameAtCompany >= 0 ? NameAtCompanyKeyFlag : 0)
                    | (slots.LookupOnly >= 0 ? LookupOnlyLastFlag : 0) | (slots.FileOnly >= 0 ? FileOnlySecondLastFlag : 0));
                var collected = keys.AsSpan();
                if (keyCount + collected.Length > hashes.Length)
                {
                    Array.Resize(ref hashes, (int)Math.Min(Math.Max(hashes.Length * 3L / 2, keyCount + collected.Length), Array.MaxLength));
                }

                foreach (var hash in collected)
                {
                    hashes[keyCount++] = hash; // a handful: a plain loop is cheaper than a copy call
                }
            }

            keyCounts[i] = keyCount - keyStarts[i];
        }

        var n = leads.Count;
        order = order[..n];
        order.Sort(position.AsSpan(0, n)); // the order of LeadOrder, with the keys computed once, but for the rest of the ids
        for (var i = 1; i < n; i++)
        {
            if (order[i] == order[i - 1])
            {
                // Leads of the same time whose ids share their first 64 bits (rare): in the order of the whole ids.
                var start = i - 1;
                while (i + 1 < n && order[i + 1] == order[start])
                {
                    i++;
                }

                SortById(position.AsSpan(start, i + 1 - start), leads);
            }
        }

        _leads = new Lead[n];
        _subjects = new LeadMatchSubject?[n];
        _flags = new byte[n];
        _keyHashes = hashes;
        _keyStart = new int[n];
        _keyCount = new int[n];
        for (var i = 0; i < n; i++)
        {
            var from = position[i];
            _leads[i] = leads[from];
            _subjects[i] = subjects[from];
            _flags[i] = flags[from];
            _keyStart[i] = keyStarts[from];
            _keyCount[i] = keyCounts[from];
            position[i] = i; // each lead its own profile, to start with
        }

        order.Clear(); // empty slots again

        // The input-order arrays are free now: they become the per-lead arrays of the run (same types, same length), so
        // those are not allocated again.
        _parent = position;
        _stamp = keyStarts;
        _stamp.AsSpan().Fill(-1);
        _survivors = new SurvivorState?[n];
        _nextMember = keyCounts;
        _nextMember.AsSpan().Fill(-1);
        _lastMember = new int[n];
        for (var i = 0; i < n; i++)
        {
            _lastMember[i] = i;
        }

        Array.Clear(subjects);
        _representatives = subjects;

        _entryLead = new int[(int)Math.Min(Math.Max(64L, n * 5L / 2), Array.MaxLength)]; // about 2.4 filed entries per lead (one per profile and key)
        _entryNext = new int[_entryLead.Length];
        return redeliveries;
    }

    private void GatherCandidates(int lead)
    {
        _candidates.Clear();
        var hashes = KeysOf(lead);
        var table = _table;
        var entryLead = _entryLead;
        var entryNext = _entryNext;
        var fileOnly = (_flags[lead] & FileOnlySecondLastFlag) != 0 ? hashes.Length - 2 : -1;
        var nameKeys = (_flags[lead] & LookupOnlyLastFlag) != 0 ? hashes.Length - 2 : hashes.Length;
        for (var k = 0; k < hashes.Length; k++)
        {
            if (k == fileOnly)
            {
                continue;
            }

            var block = table[SlotOf(hashes[k])];
            if (block.Count == 0 || block.Count > _maxBlockSize)
            {
                continue;
            }

            var counted = k < _profilesAt.Length;
            if (counted)
            {
                _roots.Clear();
            }

            for (var e = block.Head; e >= 0; e = entryNext[e])
            {
                var other = entryLead[e];
                var root = -1;
                if (_stamp[other] != lead)
                {
                    _stamp[other] = lead;
                    root = Find(other);
                    _candidates.Add(new MatchCandidate(_subjects[other]!, root, k >= nameKeys && !SharedKeySlots.ShareAKey(hashes[..nameKeys], SymmetricKeysOf(other))));
                }

                if (counted)
                {
                    root = root < 0 ? Find(other) : root;
                    if (!_roots.Contains(root))
                    {
                        _roots.Add(root);
                    }
                }
            }

            if (counted)
            {
                _profilesAt[k] = _roots.Count;
            }
        }
    }

    // How many profiles the lead's first keys (the shared-value keys come first) are filed under now: a block keeps a lead
    // of each profile filed, and profiles merged since then are one profile, not two.
    private readonly int[] _profilesAt = new int[3];
    private readonly List<int> _roots = [];

    /// <summary>How many profiles are filed under a lead's mailbox, phone and name-at-company keys (a block stops counting past the limit + 1, as stores do).</summary>
    private SharedCounts SharedCountsOf(int lead)
    {
        var flags = _flags[lead];
        var keys = KeysOf(lead);
        var at = 0;
        var mailbox = (flags & MailboxKeyFlag) != 0 ? Profiles(keys, at++) : 0;
        var phone = (flags & PhoneKeyFlag) != 0 ? Profiles(keys, at++) : 0;
        var name = (flags & NameAtCompanyKeyFlag) != 0 ? Profiles(keys, at) : 0;
        return new SharedCounts(mailbox, phone, name);
    }

    /// <summary>The profiles filed under the lead's key at <paramref name="at"/> (as counted by <see cref="GatherCandidates"/>), or the block's size when it is too large to read.</summary>
    private int Profiles(ReadOnlySpan<ulong> keys, int at) => Filed(keys[at]) is var filed && filed > _maxBlockSize ? filed : Math.Min(filed, _profilesAt[at]);

    private int Filed(ulong hash) => Math.Min(_table[SlotOf(hash)].Count, _maxBlockSize + 1);

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
        var hashes = KeysOf(lead);
        if ((_flags[lead] & LookupOnlyLastFlag) != 0)
        {
            hashes = hashes[..^1];
        }

        for (var k = 0; k < hashes.Length; k++)
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
        var count = _lastMember; // free now (no profile's members are replayed any more)
        Array.Clear(count);
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

            result.Add(new PossibleDuplicate(first, second, verdict.Score, verdict.Reason!, _leads[lead].Id, verdict.Explanation));
        }

        result.Sort(static (x, y) => x.First.CompareTo(y.First) is var c && c != 0 ? c : x.Second.CompareTo(y.Second));
        return result;
    }

    /// <summary>A block: the hash of its key, its newest entry and its number of entries (0 for an empty slot).</summary>
    private readonly record struct Block(ulong Hash, int Head, int Count);

    /// <summary>The first 64 bits of an id, the ones <see cref="LeadId.CompareTo(LeadId)"/> compares first.</summary>
    private static ulong HighOf(LeadId id)
    {
        Span<byte> bytes = stackalloc byte[16];
        id.TryWriteBytes(bytes);
        return BinaryPrimitives.ReadUInt64BigEndian(bytes);
    }

    /// <summary>Puts leads (their indices) in the order of their ids.</summary>
    private static void SortById(Span<int> run, List<Lead> leads) => run.Sort((x, y) => leads[x].Id.CompareTo(leads[y].Id));

    /// <summary>A lead's place in the order of <see cref="LeadOrder"/>: its time, then the first 64 bits of its id (16 bytes a lead rather than 24; leads equal in both are put in order by their whole ids).</summary>
    private readonly record struct OrderKey(long Ticks, ulong IdHigh) : IComparable<OrderKey>
    {
        public int CompareTo(OrderKey other) => Ticks != other.Ticks ? Ticks.CompareTo(other.Ticks) : IdHigh.CompareTo(other.IdHigh);
    }

    /// <summary>
    /// The ids of the leads kept so far, to tell a redelivery (an id already kept): an open-addressing table (linear
    /// probing) of slots holding an id's hash and its lead's index + 1 (0 for an empty slot). 8 bytes a slot, against some
    /// 28 an id in a <see cref="HashSet{T}"/>; an id is read from its lead only when the hashes are equal.
    /// </summary>
    private sealed class KeptIds(List<Lead> leads, int capacity)
    {
        private ulong[] _slots = new ulong[SlotsFor(capacity)];
        private int _count;

        /// <summary>Adds the id of a lead about to be appended to the leads; <see langword="false"/> when a kept lead has it.</summary>
        public bool Add(LeadId id)
        {
            if (_count >= (_slots.Length >> 2) * 3)
            {
                Grow();
            }

            var hash = (uint)id.GetHashCode();
            var slots = _slots;
            var mask = slots.Length - 1;
            for (var slot = (int)hash & mask; ; slot = (slot + 1) & mask)
            {
                var entry = slots[slot];
                if (entry == 0)
                {
                    slots[slot] = ((ulong)hash << 32) | (uint)++_count;
                    return true;
                }

                if ((uint)(entry >> 32) == hash && leads[(int)(uint)entry - 1].Id.Equals(id))
                {
                    return false;
                }
            }
        }

        /// <summary>A power of two of slots, for <paramref name="count"/> ids at a load under 3/4.</summary>
        private static int SlotsFor(int count) => (int)Math.Min(BitOperations.RoundUpToPowerOf2((uint)Math.Min(Math.Max(16, count + (count / 3) + 1), 1 << 30)), 1u << 30);

        private void Grow()
        {
            var old = _slots;
            _slots = new ulong[old.Length * 2];
            var mask = _slots.Length - 1;
            foreach (var entry in old)
            {
                if (entry != 0)
                {
                    var slot = (int)(entry >> 32) & mask;
                    while (_slots[slot] != 0)
                    {
                        slot = (slot + 1) & mask;
                    }

                    _slots[slot] = entry;
                }
            }
        }
    }
}
