using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Runtime.ExceptionServices;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;
using System.Threading;
using System.Threading.Tasks;
using MarketplaceLeads.Normalization;

namespace MarketplaceLeads.Deduplication;

/// <summary>
/// De-duplicates a whole batch in memory: leads are put in canonical order (time, then id), so the
/// result does not depend on the input order, then each lead is matched against the blocks of the
/// leads before it. Profiles are numbered by the index of their first lead (the union-find root is
/// always the smallest index, so the founder is the earliest lead).
/// </summary>
/// <remarks>
/// <para>
/// Two leads can only ever meet through a blocking key they share, and which keys a lead has depends on the lead alone, so
/// the leads fall into groups that share no key with each other (a few hundred leads at most in a million synthetic ones):
/// no decision in one group can change one in another — candidates, shared-value counts, profiles and their representatives
/// all stay inside a group. The batch therefore runs on up to <see cref="DeduplicationOptions.MaxDegreeOfParallelism"/>
/// threads, deterministically: the leads' subjects and keys are worked out in parallel chunks, each key gets a dense id as
/// it is collected and the groups are found by a union-find over the keys, and then the threads take segments of whole
/// groups and decide each group's leads in canonical order, exactly as one thread would. The result is the same whatever
/// the number of threads. Working group by group also reads a group's leads, subjects and blocks while they are in the
/// caches, where the canonical order of the whole batch would visit them once in a while.
/// </para>
/// <para>With custom strategies (user code, perhaps not thread-safe), or for a small batch, everything runs on the calling thread.</para>
/// </remarks>
internal sealed class BatchDeduplicator
{
    private readonly DeduplicationOptions _options;
    private readonly SurvivorshipRules _rules;
    private readonly int _maxBlockSize;
    private readonly int _maxThreads;

    // Collects the leads' blocking keys: it only reads its settings (and the custom strategies, which keep the batch on one
    // thread), so the preparing threads share it.
    private readonly MatchDecider _keyCollector;

    // Per lead, in canonical order.
    private Lead[] _leads = [];
    private LeadMatchSubject?[] _subjects = [];
    private byte[] _flags = [];
    private int[] _byTime = [];
    private int[] _segmentEnds = [];
    private int _nextSegment = -1;
    private int[] _parent = [];
    private int[] _stamp = [];
    private SurvivorState?[] _survivors = [];

    // Only when the batch holds a Partner Center lead (else empty): per lead, whether it is the later copy of a lead of the
    // same profile from the other channel (ChannelTwins), left out of its profile as the incremental de-duplicator leaves it
    // out; per profile (its root), whether one of its leads came from Partner Center.
    private bool[] _twin = [];
    private bool[] _partnerCenter = [];

    // A profile whose survivors were never needed is "pure": its state is its founder then each lead that joined it alone,
    // applied in order. Those leads are kept as a list (next member, last member) and replayed only when the state is asked
    // for, which gives the very same state as applying them one by one; once built, a state is kept up to date as before.
    private int[] _nextMember = [];
    private int[] _lastMember = [];
    private LeadMatchSubject?[] _representatives = [];

    // The blocking keys of every lead, collected while each subject is fresh in the cache, then each replaced by its key's
    // dense id (in the low 32 bits; the high 32 bits stay the hash's, so two keys are equal exactly when these values are):
    // lead i's (in canonical order) are _keys[_keyStart[i]..][.._keyCount[i]], none for a test lead.
    private uint[] _keys = [];
    private int[] _keyStart = [];
    private int[] _keyCount = [];

    // The blocks, by key id: the newest entry (in the entries of the thread that owns the key's group) and the size.
    private Block[] _blocks = [];
    private EntryPages _entries = new(0, 1);

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

    // In the input order only: the input holds no lead here (null), or it repeats an earlier lead's id.
    private const byte DroppedFlag = 128;

    /// <summary>The leads per chunk of the preparation (a power of two).</summary>
    private const int ChunkSize = 4096;

    /// <summary>The fewest leads worth a second thread.</summary>
    private const int MinLeadsPerThread = 2 * ChunkSize;

    /// <summary>The most threads a batch uses, whatever the options allow (groups are assigned to threads by a byte).</summary>
    private const int MaxThreads = 64;

    public BatchDeduplicator(DeduplicationOptions options)
    {
        _options = options;
        _rules = options.Survivorship.Clone();
        _maxBlockSize = options.MaxBlockSize;
        _maxThreads = options.Strategies.Count == 0 ? Math.Clamp(options.MaxDegreeOfParallelism, 1, MaxThreads) : 1;
        _keyCollector = new MatchDecider(options);
    }

    /// <summary>Gets the number of threads the last <see cref="Run"/> shared the batch between.</summary>
    internal int Threads { get; private set; } = 1;

    public DeduplicationResult Run(IEnumerable<Lead> input)
    {
        var redeliveries = Prepare(input, out var caches);
        var workers = new Worker[caches.Length];
        for (var w = 0; w < workers.Length; w++)
        {
            workers[w] = new Worker(this, caches[w]);
        }

        ForEach(workers.Length, w => workers[w].Run());
        var comparisons = 0L;
        var oversized = 0;
        var raised = 0;
        foreach (var worker in workers)
        {
            comparisons += worker.Comparisons;
            oversized += worker.Oversized;
            raised += worker.Possibles.Count;
        }

        // A pair of profiles raised more than once was raised by one thread (their leads are one group), in canonical order.
        var possibles = new List<(int Lead, int Profile, MatchVerdict Verdict)>(raised);
        foreach (var worker in workers)
        {
            possibles.AddRange(worker.Possibles);
        }

        var twins = 0;
        foreach (var twin in _twin)
        {
            twins += twin ? 1 : 0;
        }

        return new DeduplicationResult(BuildProfiles(), BuildPossibles(possibles), _leads.Length, redeliveries + twins, comparisons, oversized);
    }

    /// <summary>Runs <paramref name="body"/> for 0 to <paramref name="count"/> - 1, on up to as many threads as allowed; an exception is rethrown as itself.</summary>
    private void ForEach(int count, Action<int> body)
    {
        if (count <= 1 || _maxThreads == 1)
        {
            for (var i = 0; i < count; i++)
            {
                body(i);
            }

            return;
        }

        try
        {
            Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = _maxThreads }, body);
        }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0)
        {
            ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
            throw;
        }
    }

    /// <summary>The blocking keys of a lead (none for a test lead), as the dense ids <see cref="KeyTable"/> gave them.</summary>
    private ReadOnlySpan<uint> KeysOf(int lead) => _keys.AsSpan(_keyStart[lead], _keyCount[lead]);

    /// <summary>A lead's keys before its name-in-country ones.</summary>
    private ReadOnlySpan<uint> SymmetricKeysOf(int lead) => (_flags[lead] & LookupOnlyLastFlag) != 0 ? KeysOf(lead)[..^2] : KeysOf(lead);

    private static int IdOf(uint key) => (int)key;

    private int Prepare(IEnumerable<Lead> input, out SubjectCache[] caches)
    {
        // The input's count bounds the arrays (a redelivery leaves a slot unused at the end), so it is taken only from an
        // array or a list (whose counts are their items'); any other input is collected first.
        IReadOnlyList<Lead> all = input is Lead[] or List<Lead> ? (IReadOnlyList<Lead>)input : new List<Lead>(input);
        var bound = all.Count;
        var threads = Threads = Math.Max(1, Math.Min(_maxThreads, bound / MinLeadsPerThread));

        // Each lead's subject, flags, order key and keys, in parallel chunks of the input order (usually the order the leads
        // were read and allocated in: walking their objects in that order is far kinder to the caches than in time order).
        var subjects = new LeadMatchSubject?[bound];
        var flags = new byte[bound];
        var keyStarts = new int[bound];
        var keyCounts = new int[bound];
        var order = new OrderKey[bound];
        var keys = new KeyStore(bound);
        var table = new KeyTable(bound);

        // The groups of leads that share keys: a union-find over the input order, each lead joined with the first lead of
        // each of its keys as the keys get their ids (a redelivery's keys too, which at worst joins two groups: the groups
        // only have to hold every lead a lead can meet).
        var group = new int[bound];
        for (var i = 0; i < bound; i++)
        {
            group[i] = i;
        }

        caches = new SubjectCache[threads];
        var chunks = (bound + ChunkSize - 1) / ChunkSize;
        var nextChunk = -1;
        var cachesOut = caches;
        ForEach(threads, t =>
        {
            var cache = cachesOut[t] = new SubjectCache();
            var collected = new BlockingKeys();
            var buffer = new uint[ChunkSize * 8];
            for (var c = Interlocked.Increment(ref nextChunk); c < chunks; c = Interlocked.Increment(ref nextChunk))
            {
                var used = 0;
                var end = Math.Min(bound, (c + 1) * ChunkSize);
                for (var i = c * ChunkSize; i < end; i++)
                {
                    var lead = all[i];
                    if (lead is null)
                    {
                        flags[i] = DroppedFlag; // thrown for in input order, below
                        continue;
                    }

                    var subject = LeadMatchSubject.Create(lead.Customer, cache);
                    subjects[i] = subject;

                    // Lead.IsTestLead, without scanning the customer's fields a second time (the subject did).
                    var test = subject.IsTestData || TestLeadDetector.IsTestValue(lead.LeadSourceText) || TestLeadDetector.IsTestValue(lead.Description);
                    var flag = (byte)((test ? TestFlag : 0) | (lead.Action == LeadAction.DoNotContact ? DoNotContactFlag : 0));
                    keyStarts[i] = used;
                    order[i] = new OrderKey(LeadOrder.TimeOf(lead).UtcTicks, HighOf(lead.Id));
                    if (!test)
                    {
                        // A test lead is filed under no key. Keys depend on the subject alone, so they are the same whenever
                        // and wherever they are collected; collected here, the subject and its strings are still in the cache.
                        _keyCollector.CollectKeys(subject, collected, out var slots);
                        flag |= (byte)((slots.Mailbox >= 0 ? MailboxKeyFlag : 0) | (slots.Phone >= 0 ? PhoneKeyFlag : 0) | (slots.NameAtCompany >= 0 ? NameAtCompanyKeyFlag : 0)
                            | (slots.LookupOnly >= 0 ? LookupOnlyLastFlag : 0) | (slots.FileOnly >= 0 ? FileOnlySecondLastFlag : 0));
                        var span = collected.AsSpan();
                        if (used + span.Length > buffer.Length)
                        {
                            Array.Resize(ref buffer, Math.Max(buffer.Length * 2, used + span.Length));
                        }

                        // The slots are far apart in a large table: asking for all of them first lets their cache misses overlap.
                        foreach (var hash in span)
                        {
                            table.Prefetch(hash);
                        }

                        foreach (var hash in span)
                        {
                            buffer[used++] = table.IdOf(hash, i, out var first);
                            if (first != i)
                            {
                                UnionFind.Union(group, first, i);
                            }
                        }
                    }

                    flags[i] = flag;
                    keyCounts[i] = used - keyStarts[i];
                }

                // The chunk's keys go to the shared array in one piece: the lead's starts become offsets in it.
                var at = keys.Append(buffer.AsSpan(0, used));
                for (var i = c * ChunkSize; i < end; i++)
                {
                    keyStarts[i] += at;
                }
            }
        });

        // Redeliveries, in the input order: the first lead of an id is kept.
        var ids = new KeptIds(all, bound);
        var redeliveries = 0;
        for (var i = 0; i < bound; i++)
        {
            if (subjects[i] is null)
            {
                throw new ArgumentNullException(nameof(input));
            }

            if (!ids.Add(i, order[i].IdHigh))
            {
                flags[i] = DroppedFlag;
                redeliveries++;
            }
        }

        _keys = keys.Items;
        _blocks = new Block[table.Ids];
        _entries = new EntryPages(keys.Count, threads);

        // The canonical order of the kept leads: LeadOrder, with the keys computed once, but for the rest of the ids.
        var n = 0;
        var position = new int[bound];
        for (var i = 0; i < bound; i++)
        {
            if (flags[i] != DroppedFlag)
            {
                order[n] = order[i];
                position[n++] = i;
            }
        }

        var sorted = order.AsSpan(0, n);
        sorted.Sort(position.AsSpan(0, n));
        for (var i = 1; i < n; i++)
        {
            if (sorted[i] == sorted[i - 1])
            {
                // Leads of the same time whose ids share their first 64 bits (rare): in the order of the whole ids.
                var start = i - 1;
                while (i + 1 < n && sorted[i + 1] == sorted[start])
                {
                    i++;
                }

                SortById(position.AsSpan(start, i + 1 - start), all);
            }
        }

        // The leads are worked on group by group, each group's leads in canonical order: a group's leads (usually near each
        // other in the input, so are their subjects and keys) are then read while they are in the caches, rather than once
        // in a while over the whole batch. So a lead's index (its profile's number when it founds one) is its place in that
        // order; _byTime lists them in canonical order, for the profiles' order. Decisions depend on the order within a group
        // only, which is the canonical one, and the earliest lead of a profile still has the smallest index.
        // The sort keys are free now: their space holds each lead's group and its index (by canonical order).
        var scratch = MemoryMarshal.Cast<OrderKey, int>(order.AsSpan());
        var groupOf = scratch[..n];
        var groupAt = scratch.Slice(n, n);
        for (var t = 0; t < n; t++)
        {
            groupOf[t] = UnionFind.Root(group, position[t]);
        }

        var firstOf = group; // by group (its root, an input index): its size, then the index of its next lead
        Array.Clear(firstOf);
        foreach (var root in groupOf)
        {
            firstOf[root]++;
        }

        for (int i = 0, at = 0; i < bound; i++)
        {
            (firstOf[i], at) = (at, at + firstOf[i]);
        }

        _byTime = new int[n];
        _leads = new Lead[n];
        _subjects = new LeadMatchSubject?[n];
        _flags = new byte[n];
        _keyStart = new int[n];
        _keyCount = new int[n];
        var inputOf = _keyCount; // the input index of each lead, until its key count is read
        for (var t = 0; t < n; t++)
        {
            var index = firstOf[groupOf[t]]++;
            _byTime[t] = index;
            groupAt[index] = groupOf[t];
            inputOf[index] = position[t];
        }

        // Segments of whole groups, about 32 per thread, that the threads take one by one (a thread the machine holds up
        // leaves its next segments to the others).
        var segment = Math.Max(ChunkSize / 4, n / (threads * 32));
        var ends = new List<int>();
        for (var i = 0; i < n; i++)
        {
            var from = inputOf[i];
            _leads[i] = all[from];
            _subjects[i] = subjects[from];
            _flags[i] = flags[from];
            _keyStart[i] = keyStarts[from];
            _keyCount[i] = keyCounts[from];
            if (i + 1 == n || (groupAt[i + 1] != groupAt[i] && i + 1 - (ends.Count == 0 ? 0 : ends[^1]) >= segment))
            {
                ends.Add(i + 1);
            }
        }

        _segmentEnds = [.. ends];
        if (Array.Exists(_leads, static l => l.Channel == LeadChannel.PartnerCenter))
        {
            _twin = new bool[n];
            _partnerCenter = new bool[n];
            for (var i = 0; i < n; i++)
            {
                _partnerCenter[i] = _leads[i].Channel == LeadChannel.PartnerCenter;
            }
        }

        // The input-order arrays are free now: they become the per-lead arrays of the run (same types, at least as long), so
        // those are not allocated again.
        _parent = position;
        _stamp = keyStarts;
        _stamp.AsSpan().Fill(-1);
        _survivors = new SurvivorState?[n];
        _nextMember = keyCounts;
        _nextMember.AsSpan().Fill(-1);
        _lastMember = group;
        for (var i = 0; i < n; i++)
        {
            _parent[i] = i; // each lead its own profile, to start with
            _lastMember[i] = i;
        }

        Array.Clear(subjects);
        _representatives = subjects;
        return redeliveries;
    }

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

    private CustomerProfile[] BuildProfiles()
    {
        // A profile's leads are in one group, so in one segment, where they are in canonical order: the segments are built in
        // parallel. First each lead's root (the profile's earliest lead, so its first in the segment), and in count[root] the
        // profile's leads and in _flags[root] their flags (a non-root's flags are read only here).
        var count = _lastMember; // free now (no profile's members are replayed any more)
        var flags = _flags;
        ForEachSegment((from, to) =>
        {
            Array.Clear(count, from, to - from);
            for (var i = from; i < to; i++)
            {
                var root = Find(i);
                if (IsTwin(i))
                {
                    continue; // the other channel's copy of a lead of the profile: not a lead of its own
                }

                count[root]++;
                flags[root] |= flags[i];
            }
        });

        // The profiles' numbers, in canonical order of their first leads.
        var number = _nextMember; // free now too
        var roots = 0;
        foreach (var i in _byTime)
        {
            if (_parent[i] == i) // Find above compressed every path
            {
                number[i] = roots++;
            }
        }

        // Then each segment's profiles, their founders first; _stamp (free now) counts the leads placed per profile.
        var profiles = new CustomerProfile[roots];
        var members = new Lead[roots][];
        var filled = _stamp;
        ForEachSegment((from, to) =>
        {
            for (var i = from; i < to; i++)
            {
                var root = _parent[i];
                if (root == i)
                {
                    var size = count[i];
                    var leads = new Lead[size];
                    leads[0] = _leads[i];
                    var f = flags[i];
                    profiles[number[i]] = new CustomerProfile(_leads[i], leads, _rules, size == 1 ? _subjects[i] : null, (f & DoNotContactFlag) != 0, (f & TestFlag) != 0);
                    members[number[i]] = leads;
                    filled[i] = 1;
                    continue;
                }

                if (!IsTwin(i))
                {
                    members[number[root]][filled[root]++] = _leads[i];
                }
            }
        });

        return profiles;
    }

    private bool IsTwin(int lead) => _twin.Length != 0 && _twin[lead];

    /// <summary>Runs <paramref name="body"/> on each segment of whole groups (see <see cref="Prepare"/>), on the batch's threads.</summary>
    private void ForEachSegment(Action<int, int> body)
    {
        var ends = _segmentEnds;
        if (Threads == 1)
        {
            for (var s = 0; s < ends.Length; s++)
            {
                body(s == 0 ? 0 : ends[s - 1], ends[s]);
            }

            return;
        }

        ForEach(ends.Length, s => body(s == 0 ? 0 : ends[s - 1], ends[s]));
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

    /// <summary>
    /// One thread's share of the batch: the groups of leads assigned to it, decided in canonical order with a decider, a
    /// subject cache and block entries of its own. Every per-lead array it writes is written at its own leads only.
    /// </summary>
    private sealed class Worker(BatchDeduplicator batch, SubjectCache cache) : IRepresentatives
    {
        private readonly MatchDecider _decider = new(batch._options);
        private readonly List<MatchCandidate> _candidates = [];

        // How many profiles the lead's first keys (the shared-value keys come first) are filed under now: a block keeps a
        // lead of each profile filed, and profiles merged since then are one profile, not two.
        private readonly int[] _profilesAt = new int[3];
        private readonly List<int> _roots = [];

        // The page this thread files new block entries in, and how much of it is used.
        private int _page = -1;
        private int _used = EntryPages.Size;

        public List<(int Lead, int Profile, MatchVerdict Verdict)> Possibles { get; } = [];

        public int Oversized { get; private set; }

        public long Comparisons => _decider.Comparisons;

        /// <summary>Takes segments of whole groups until none is left, and decides their leads.</summary>
        public void Run()
        {
            var ends = batch._segmentEnds;
            for (var s = Interlocked.Increment(ref batch._nextSegment); s < ends.Length; s = Interlocked.Increment(ref batch._nextSegment))
            {
                Decide(s == 0 ? 0 : ends[s - 1], ends[s]);
            }
        }

        private void Decide(int from, int to)
        {
            var subjects = batch._subjects;
            var flags = batch._flags;
            for (var i = from; i < to; i++)
            {
                if ((flags[i] & TestFlag) != 0)
                {
                    continue; // a profile of its own, filed under no key: never a candidate
                }

                GatherCandidates(i);
                _decider.Decide(subjects[i]!, _candidates, this, SharedCountsOf(i));
                var root = i;
                foreach (var profile in _decider.Joins.Keys)
                {
                    root = Math.Min(root, profile);
                }

                if (_decider.Joins.Count > 0 && TwinOf(i, from) is var twin && twin >= 0)
                {
                    // The same marketplace lead through a second channel (HTTPS and Partner Center), as LeadDeduplicator
                    // recognises it: nothing new about the person, so it joins nothing, files nothing and raises nothing.
                    batch._twin[i] = true;
                    batch._parent[i] = batch.Find(twin);
                    continue;
                }

                if (_decider.Joins.Count > 0)
                {
                    Join(root, i);
                }

                foreach (var (profile, verdict) in _decider.Possibles)
                {
                    Possibles.Add((i, profile, verdict));
                }

                File(i, root);
            }
        }

        /// <summary>
        /// A lead of a profile the lead joins that is the same marketplace lead from the other channel (<see cref="ChannelTwins"/>), or -1.
        /// Only when the lead or such a profile came from Partner Center; the profile's leads within <see cref="ChannelTwins.Window"/>
        /// before it are the group's leads just before it (canonical order is time order within a group; a group's leads are together).
        /// </summary>
        private int TwinOf(int lead, int segmentStart)
        {
            var b = batch;
            if (b._partnerCenter.Length == 0)
            {
                return -1;
            }

            var found = b._partnerCenter[lead];
            foreach (var profile in _decider.Joins.Keys)
            {
                found |= b._partnerCenter[profile];
            }

            if (!found)
            {
                return -1;
            }

            var newLead = b._leads[lead];
            var time = LeadOrder.TimeOf(newLead);
            for (var j = lead - 1; j >= segmentStart; j--)
            {
                var other = b._leads[j];
                var at = LeadOrder.TimeOf(other);
                if (at > time || time - at > ChannelTwins.Window)
                {
                    break; // another group's lead, or out of the window
                }

                if (!b._twin[j] && _decider.Joins.ContainsKey(b.Find(j)) && ChannelTwins.AreTwins(newLead, other))
                {
                    return j;
                }
            }

            return -1;
        }

        public LeadMatchSubject RepresentativeOf(int profile) =>
            batch._survivors[profile] is not null || batch._nextMember[profile] >= 0
                ? batch._representatives[profile] ??= LeadMatchSubject.Create(batch.StateOf(profile).ToCustomer(), cache) // the cache gives the same values as without
                : batch._subjects[profile]!;

        private void GatherCandidates(int lead)
        {
            _candidates.Clear();
            var keys = batch.KeysOf(lead);
            var blocks = batch._blocks;
            var stamp = batch._stamp;
            var subjects = batch._subjects;
            var pages = batch._entries.Pages;
            var flags = batch._flags[lead];
            var fileOnly = (flags & FileOnlySecondLastFlag) != 0 ? keys.Length - 2 : -1;
            var nameKeys = (flags & LookupOnlyLastFlag) != 0 ? keys.Length - 2 : keys.Length;
            var maxBlockSize = batch._maxBlockSize;
            for (var k = 0; k < keys.Length; k++)
            {
                if (k == fileOnly)
                {
                    continue;
                }

                var block = blocks[IdOf(keys[k])];
                if (block.Count == 0 || block.Count > maxBlockSize)
                {
                    continue;
                }

                var counted = k < _profilesAt.Length;
                if (counted)
                {
                    _roots.Clear();
                }

                for (var e = block.Head; e >= 0;)
                {
                    var entry = pages[e >> EntryPages.Shift]![e & EntryPages.Mask];
                    var other = entry.Lead;
                    e = entry.Next;
                    var root = -1;
                    if (stamp[other] != lead)
                    {
                        stamp[other] = lead;
                        root = batch.Find(other);
                        _candidates.Add(new MatchCandidate(subjects[other]!, root, k >= nameKeys && !SharedKeySlots.ShareAKey(keys[..nameKeys], batch.SymmetricKeysOf(other))));
                    }

                    if (counted)
                    {
                        root = root < 0 ? batch.Find(other) : root;
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

        /// <summary>How many profiles are filed under a lead's mailbox, phone and name-at-company keys (a block stops counting past the limit + 1, as stores do).</summary>
        private SharedCounts SharedCountsOf(int lead)
        {
            var flags = batch._flags[lead];
            var keys = batch.KeysOf(lead);
            var at = 0;
            var mailbox = (flags & MailboxKeyFlag) != 0 ? Profiles(keys, at++) : 0;
            var phone = (flags & PhoneKeyFlag) != 0 ? Profiles(keys, at++) : 0;
            var name = (flags & NameAtCompanyKeyFlag) != 0 ? Profiles(keys, at) : 0;
            return new SharedCounts(mailbox, phone, name);
        }

        /// <summary>The profiles filed under the lead's key at <paramref name="at"/> (as counted by <see cref="GatherCandidates"/>), or the block's size when it is too large to read.</summary>
        private int Profiles(ReadOnlySpan<uint> keys, int at) => Filed(keys[at]) is var filed && filed > batch._maxBlockSize ? filed : Math.Min(filed, _profilesAt[at]);

        private int Filed(uint key) => Math.Min(batch._blocks[IdOf(key)].Count, batch._maxBlockSize + 1);

        /// <summary>Merges the joined profiles and the new lead into <paramref name="root"/>, the earliest of them.</summary>
        private void Join(int root, int lead)
        {
            var b = batch;
            if (b._partnerCenter.Length != 0)
            {
                b._partnerCenter[root] |= b._partnerCenter[lead];
            }

            if (b._survivors[root] is null && _decider.Joins.Count == 1)
            {
                // The lead joins one pure profile: it becomes that profile's newest member, to be replayed if ever needed.
                b._nextMember[b._lastMember[root]] = lead;
                b._lastMember[root] = lead;
                b._parent[lead] = root;
                b._representatives[root] = null;
                return;
            }

            var survivors = b.StateOf(root);
            foreach (var profile in _decider.Joins.Keys)
            {
                if (b._partnerCenter.Length != 0)
                {
                    b._partnerCenter[root] |= b._partnerCenter[profile];
                }

                if (profile == root)
                {
                    continue;
                }

                survivors.Merge(b.StateOf(profile), b._rules);
                b._parent[profile] = root;
                b._survivors[profile] = null;
                b._representatives[profile] = null;
            }

            survivors.Apply(b._leads[lead], b._rules);
            b._parent[lead] = root;
            b._representatives[root] = null;
        }

        /// <summary>Files the lead under its keys, unless its profile is already in the block (a block keeps one lead per profile).</summary>
        private void File(int lead, int root)
        {
            var keys = batch.KeysOf(lead);
            if ((batch._flags[lead] & LookupOnlyLastFlag) != 0)
            {
                keys = keys[..^1];
            }

            var blocks = batch._blocks;
            for (var k = 0; k < keys.Length; k++)
            {
                ref var block = ref blocks[IdOf(keys[k])];
                if (block.Count == 0)
                {
                    block = new Block(AddEntry(lead, -1), 1);
                    continue;
                }

                if (block.Count > batch._maxBlockSize)
                {
                    continue;
                }

                var present = false;
                var pages = batch._entries.Pages;
                for (var e = block.Head; e >= 0 && !present;)
                {
                    var entry = pages[e >> EntryPages.Shift]![e & EntryPages.Mask];
                    present = batch.Find(entry.Lead) == root;
                    e = entry.Next;
                }

                if (present)
                {
                    continue;
                }

                block = new Block(AddEntry(lead, block.Head), block.Count + 1);
                if (block.Count > batch._maxBlockSize)
                {
                    Oversized++;
                }
            }
        }

        private int AddEntry(int lead, int next)
        {
            if (_used == EntryPages.Size)
            {
                _page = batch._entries.Take();
                _used = 0;
            }

            batch._entries.Pages[_page]![_used] = new Entry(lead, next);
            return (_page << EntryPages.Shift) | _used++;
        }
    }

    /// <summary>
    /// The block entries of the whole batch, in pages that the threads take one at a time and fill alone (so no thread writes
    /// where another reads): an entry is a lead filed under a key and the next older entry of that key's block, -1 for none.
    /// There are never more entries than keys, so the pages are bounded by the keys' count (and a page per thread left part-filled).
    /// </summary>
    private sealed class EntryPages(int keys, int threads)
    {
        /// <summary>The entries per page (8 bytes each: 64 KB a page, under the large-object threshold).</summary>
        public const int Size = 1 << Shift;

        public const int Shift = 13;

        public const int Mask = Size - 1;

        private int _taken = -1;

        /// <summary>Gets the pages (null until taken).</summary>
        public Entry[]?[] Pages { get; } = new Entry[]?[(keys >> Shift) + threads + 1];

        /// <summary>Takes a new page; returns its number.</summary>
        public int Take()
        {
            var page = Interlocked.Increment(ref _taken);
            Pages[page] = new Entry[Size];
            return page;
        }
    }

    /// <summary>A lead filed under a key, and the next older entry of the key's block (-1 for none).</summary>
    private readonly record struct Entry(int Lead, int Next);

    /// <summary>The keys of every lead in one array, appended a chunk at a time by the preparing threads.</summary>
    private sealed class KeyStore(int leads)
    {
        private readonly object _lock = new();
        private int _count;

        /// <summary>Gets the number of keys appended.</summary>
        public int Count => _count;

        /// <summary>Gets the keys (the array may be longer than the keys appended).</summary>
        public uint[] Items { get; private set; } = GC.AllocateUninitializedArray<uint>((int)Math.Min(Math.Max(16L, leads * 8L), Array.MaxLength)); // seven or eight keys a lead

        /// <summary>Appends keys; returns the offset of the first.</summary>
        public int Append(ReadOnlySpan<uint> keys)
        {
            lock (_lock)
            {
                if (_count + keys.Length > Items.Length)
                {
                    var items = Items;
                    Array.Resize(ref items, (int)Math.Min(Math.Max(Items.Length * 3L / 2, _count + (long)keys.Length), Array.MaxLength));
                    Items = items;
                }

                keys.CopyTo(Items.AsSpan(_count));
                var at = _count;
                _count += keys.Length;
                return at;
            }
        }
    }

    /// <summary>
    /// The dense ids of the batch's keys, given as the preparing threads collect them: 64 segments by the hash's top bits,
    /// each an open-addressing table (linear probing) of hashes, ids and the first lead of each key, behind a spin lock of its
    /// own (two threads rarely want one segment at once, and a monitor's enter and exit cost more than the lookup). A key's id
    /// is its number in its segment, then the segment's bits. Keys are told apart by their whole 64-bit hashes, as the
    /// incremental path's are.
    /// </summary>
    private sealed class KeyTable
    {
        private const int SegmentBits = 6;

        /// <summary>The most keys a segment holds: its ids, shifted past the segment bits, stay non-negative ints.</summary>
        private const int MaxKeys = (1 << (31 - SegmentBits)) - 1;

        private readonly Segment[] _segments = new Segment[1 << SegmentBits];

        public KeyTable(int leads)
        {
            // About four distinct keys a lead (a person's leads share most of theirs), a segment's share at a load of 3/4; a
            // segment that fills up grows by half. Capacities need not be powers of two (a hash is mapped onto the slots by a
            // multiplication), so the table is no larger than it has to be.
            var keys = Math.Clamp(leads * 4L >> SegmentBits, 12, MaxKeys);
            for (var i = 0; i < _segments.Length; i++)
            {
                _segments[i] = new Segment((int)keys);
            }
        }

        /// <summary>Gets the number of ids given (one past the largest).</summary>
        public int Ids
        {
            get
            {
                var most = 0;
                foreach (var segment in _segments)
                {
                    most = Math.Max(most, segment.Count);
                }

                return most << SegmentBits;
            }
        }

        /// <summary>Asks the processor to fetch the slot a key's lookup starts at (a hint, without the lock: a stale table is harmless).</summary>
        public void Prefetch(ulong hash) => _segments[(int)(hash >> (64 - SegmentBits))].Prefetch(hash);

        /// <summary>The key's id, and the first lead given it (<paramref name="lead"/> when new).</summary>
        public uint IdOf(ulong hash, int lead, out int first)
        {
            var index = (int)(hash >> (64 - SegmentBits));
            var segment = _segments[index];
            segment.Enter();
            int local;
            try
            {
                local = segment.IdOf(hash, lead, out first);
            }
            finally
            {
                segment.Exit();
            }

            return (uint)((local << SegmentBits) | index);
        }

        private sealed class Segment(int keys)
        {
            private Slot[] _slots = new Slot[SlotsFor(keys)];
            private int[] _first = new int[keys]; // as many as the table holds before it grows
            private int _lock;

            public int Count { get; private set; }

            public void Enter()
            {
                if (Interlocked.CompareExchange(ref _lock, 1, 0) != 0)
                {
                    var spinner = default(SpinWait);
                    do
                    {
                        spinner.SpinOnce();
                    }
                    while (Interlocked.CompareExchange(ref _lock, 1, 0) != 0);
                }
            }

            public void Exit() => Volatile.Write(ref _lock, 0);

            public unsafe void Prefetch(ulong hash)
            {
                if (Sse.IsSupported)
                {
                    var slots = _slots;
                    Sse.Prefetch0(Unsafe.AsPointer(ref slots[Home(hash, slots.Length)]));
                }
            }

            public int IdOf(ulong hash, int lead, out int first)
            {
                var slots = _slots;
                var slot = Home(hash, slots.Length);
                while (slots[slot].Id != 0)
                {
                    if (slots[slot].Hash == hash)
                    {
                        var id = slots[slot].Id - 1;
                        first = _first[id];
                        return id;
                    }

                    slot = slot + 1 == slots.Length ? 0 : slot + 1;
                }

                if (Count == _first.Length)
                {
                    Grow();
                    return IdOf(hash, lead, out first);
                }

                slots[slot] = new Slot(hash, ++Count);
                _first[Count - 1] = first = lead;
                return Count - 1;
            }

            /// <summary>Slots for <paramref name="keys"/> keys at a load of 3/4.</summary>
            private static int SlotsFor(int keys) => (int)Math.Min(keys + (keys / 3) + 1L, Array.MaxLength);

            /// <summary>The slot a hash starts probing at: its low 32 bits scaled onto the slots (any number of them).</summary>
            private static int Home(ulong hash, int slots) => (int)(((ulong)(uint)hash * (uint)slots) >> 32);

            private void Grow()
            {
                var keys = (int)Math.Min(_first.Length + (_first.Length / 2L) + 1, MaxKeys);
                if (keys <= _first.Length)
                {
                    throw new InvalidOperationException("A batch has more distinct blocking keys than one table can hold; de-duplicate it in parts.");
                }

                Array.Resize(ref _first, keys);
                var old = _slots;
                _slots = new Slot[SlotsFor(keys)];
                foreach (var entry in old)
                {
                    if (entry.Id != 0)
                    {
                        var slot = Home(entry.Hash, _slots.Length);
                        while (_slots[slot].Id != 0)
                        {
                            slot = slot + 1 == _slots.Length ? 0 : slot + 1;
                        }

                        _slots[slot] = entry;
                    }
                }
            }
        }

        /// <summary>A key's hash and its id + 1 (0 for an empty slot), in 12 bytes.</summary>
        [StructLayout(LayoutKind.Sequential, Pack = 4)]
        private readonly record struct Slot(ulong Hash, int Id);
    }

    /// <summary>A union-find over lead indices that threads may join concurrently: a root links under the smaller root, by compare-and-swap, so the sets found are the same whatever the order of the unions.</summary>
    private static class UnionFind
    {
        public static void Union(int[] parent, int a, int b)
        {
            while (true)
            {
                a = Root(parent, a);
                b = Root(parent, b);
                if (a == b)
                {
                    return;
                }

                if (a < b)
                {
                    (a, b) = (b, a);
                }

                if (Interlocked.CompareExchange(ref parent[a], b, a) == a)
                {
                    return;
                }
            }
        }

        public static int Root(int[] parent, int x)
        {
            while (true)
            {
                var p = Volatile.Read(ref parent[x]);
                if (p == x)
                {
                    return x;
                }

                var grandparent = Volatile.Read(ref parent[p]);
                if (grandparent != p)
                {
                    Interlocked.CompareExchange(ref parent[x], grandparent, p); // path halving; another thread may have done it
                }

                x = p;
            }
        }
    }

    /// <summary>A block: its newest entry and its number of entries (0 for a key no lead is filed under yet).</summary>
    private readonly record struct Block(int Head, int Count);

    /// <summary>The first 64 bits of an id, the ones <see cref="LeadId.CompareTo(LeadId)"/> compares first.</summary>
    private static ulong HighOf(LeadId id)
    {
        Span<byte> bytes = stackalloc byte[16];
        id.TryWriteBytes(bytes);
        return BinaryPrimitives.ReadUInt64BigEndian(bytes);
    }

    /// <summary>Puts leads (their input indices) in the order of their ids.</summary>
    private static void SortById(Span<int> run, IReadOnlyList<Lead> leads) => run.Sort((x, y) => leads[x].Id.CompareTo(leads[y].Id));

    /// <summary>A lead's place in the order of <see cref="LeadOrder"/>: its time, then the first 64 bits of its id (16 bytes a lead rather than 24; leads equal in both are put in order by their whole ids).</summary>
    private readonly record struct OrderKey(long Ticks, ulong IdHigh) : IComparable<OrderKey>
    {
        public int CompareTo(OrderKey other) => Ticks != other.Ticks ? Ticks.CompareTo(other.Ticks) : IdHigh.CompareTo(other.IdHigh);
    }

    /// <summary>
    /// The ids of the leads kept so far, to tell a redelivery (an id already kept): an open-addressing table (linear
    /// probing) of slots holding a hash of an id's first 64 bits and its lead's input index + 1 (0 for an empty slot). 8
    /// bytes a slot, against some 28 an id in a <see cref="HashSet{T}"/>; an id is read from its lead only when the hashes
    /// are equal.
    /// </summary>
    private sealed class KeptIds(IReadOnlyList<Lead> leads, int capacity)
    {
        private ulong[] _slots = new ulong[SlotsFor(capacity)];
        private int _count;

        /// <summary>Adds the id of the lead at <paramref name="index"/>, whose first 64 bits are <paramref name="high"/>; <see langword="false"/> when a kept lead has it.</summary>
        public bool Add(int index, ulong high)
        {
            if (_count >= (_slots.Length >> 2) * 3)
            {
                Grow();
            }

            var hash = (uint)((high * 0x9E3779B97F4A7C15UL) >> 32);
            var slots = _slots;
            for (var slot = Home(hash, slots.Length); ; slot = slot + 1 == slots.Length ? 0 : slot + 1)
            {
                var entry = slots[slot];
                if (entry == 0)
                {
                    slots[slot] = ((ulong)hash << 32) | (uint)(index + 1);
                    _count++;
                    return true;
                }

                if ((uint)(entry >> 32) == hash && leads[(int)(uint)entry - 1].Id.Equals(leads[index].Id))
                {
                    return false;
                }
            }
        }

        /// <summary>Slots for <paramref name="count"/> ids at a load under 3/4.</summary>
        private static int SlotsFor(int count) => (int)Math.Min(Math.Max(16L, count + (count / 3) + 8L), Array.MaxLength);

        /// <summary>The slot a hash starts probing at: the hash scaled onto the slots (any number of them).</summary>
        private static int Home(uint hash, int slots) => (int)(((ulong)hash * (uint)slots) >> 32);

        private void Grow()
        {
            var old = _slots;
            _slots = new ulong[(int)Math.Min(old.Length * 2L, Array.MaxLength)];
            foreach (var entry in old)
            {
                if (entry != 0)
                {
                    var slot = Home((uint)(entry >> 32), _slots.Length);
                    while (_slots[slot] != 0)
                    {
                        slot = slot + 1 == _slots.Length ? 0 : slot + 1;
                    }

                    _slots[slot] = entry;
                }
            }
        }
    }
}
