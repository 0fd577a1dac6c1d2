using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;

namespace MarketplaceLeads.Deduplication;

/// <summary>
/// The in-memory store's blocks: for each blocking key, the leads filed under it in the order they were filed, as chained
/// entries in fixed pages rather than a list per key. Most keys hold one lead (a mailbox, a phone, a name at a company),
/// and a list per key cost two objects and 72 bytes each besides the dictionary's entry; an entry here is 24 bytes in a
/// page that is never copied. Entries freed by a removal are reused. Not thread-safe (the store calls it under its lock).
/// </summary>
internal sealed class LeadBlocks
{
    private const int PageShift = 11; // 2,048 entries of 24 bytes a page: 48 KB, under the large-object heap's threshold
    private const int PageSize = 1 << PageShift;
    private const int PageMask = PageSize - 1;
    private const int None = -1;

    private readonly Dictionary<ulong, (int Head, int Tail)> _blocks = [];
    private readonly Stack<int> _free = new();
    private Entry[][] _pages = [];
    private int _used;

    /// <summary>Gets the number of keys that hold at least one lead.</summary>
    public int KeyCount => _blocks.Count;

    /// <summary>Gets the number of leads filed under <paramref name="key"/> (0 when none).</summary>
    public int CountOf(ulong key) => _blocks.TryGetValue(key, out var block) ? At(block.Head).Count : 0;

    /// <summary>The leads filed under <paramref name="key"/>, in the order they were filed, and how many (one dictionary read for both).</summary>
    public Enumerator LeadsOf(ulong key) => _blocks.TryGetValue(key, out var block) ? new(this, block.Head, At(block.Head).Count) : new(this, None, 0);

    /// <summary>Files <paramref name="lead"/> under <paramref name="key"/>, after the leads already there.</summary>
    public void Add(ulong key, LeadId lead)
    {
        var index = Allocate(lead);
        ref var block = ref CollectionsMarshal.GetValueRefOrAddDefault(_blocks, key, out var exists);
        if (!exists)
        {
            block = (index, index);
            At(index).Count = 1;
            return;
        }

        At(block.Tail).Next = index;
        block.Tail = index;
        At(block.Head).Count++;
    }

    /// <summary>Takes <paramref name="lead"/> out of <paramref name="key"/>'s block; returns whether it was there.</summary>
    public bool Remove(ulong key, LeadId lead) => RemoveWhere(key, lead, static (id, one) => id == one) > 0;

    /// <summary>Takes the leads <paramref name="gone"/> says out of every block, dropping the keys left empty; returns how many entries went.</summary>
    public int RemoveAll(Func<LeadId, bool> gone)
    {
        ArgumentNullException.ThrowIfNull(gone);
        var removed = 0;
        List<ulong>? keys = null;
        foreach (var key in _blocks.Keys)
        {
            (keys ??= new List<ulong>(_blocks.Count)).Add(key);
        }

        foreach (var key in keys ?? [])
        {
            removed += RemoveWhere(key, gone, static (id, test) => test(id));
        }

        return removed;
    }

    /// <summary>Unlinks the entries of <paramref name="key"/>'s block that <paramref name="match"/> picks, keeping the others' order; drops the key when none is left.</summary>
    private int RemoveWhere<TState>(ulong key, TState state, Func<LeadId, TState, bool> match)
    {
        if (!_blocks.TryGetValue(key, out var block))
        {
            return 0;
        }

        int head = None, tail = None, kept = 0, removed = 0;
        for (var index = block.Head; index != None;)
        {
            ref var entry = ref At(index);
            var next = entry.Next;
            if (match(entry.Lead, state))
            {
                entry = default;
                _free.Push(index);
                removed++;
            }
            else
            {
                entry.Next = None;
                if (tail == None)
                {
                    head = index;
                }
                else
                {
                    At(tail).Next = index;
                }

                tail = index;
                kept++;
            }

            index = next;
        }

        if (removed == 0)
        {
            return 0;
        }

        if (kept == 0)
        {
            _blocks.Remove(key);
        }
        else
        {
            At(head).Count = kept;
            _blocks[key] = (head, tail);
        }

        return removed;
    }

    private int Allocate(LeadId lead)
    {
        if (!_free.TryPop(out var index))
        {
            index = _used++;
            var page = index >> PageShift;
            if (page == _pages.Length)
            {
                Array.Resize(ref _pages, Math.Max(4, _pages.Length * 2));
            }

            _pages[page] ??= new Entry[PageSize];
        }

        At(index) = new Entry { Lead = lead, Next = None, Count = 0 };
        return index;
    }

    private ref Entry At(int index) => ref _pages[index >> PageShift][index & PageMask];

    /// <summary>The leads of one block, in the order filed (valid while the blocks do not change).</summary>
    public struct Enumerator(LeadBlocks blocks, int head, int count)
    {
        private int _next = head;

        /// <summary>Gets how many leads the block holds.</summary>
        public readonly int Count => count;

        /// <summary>Gets the lead at the current position.</summary>
        public LeadId Current { get; private set; }

        /// <summary>Moves to the next lead.</summary>
        /// <returns>Whether there was one.</returns>
        public bool MoveNext()
        {
            if (_next == None)
            {
                return false;
            }

            ref var entry = ref blocks.At(_next);
            Current = entry.Lead;
            _next = entry.Next;
            return true;
        }

        /// <summary>Returns this enumerator (so that a block can be read with <c>foreach</c>).</summary>
        /// <returns>This enumerator.</returns>
        public readonly Enumerator GetEnumerator() => this;
    }

    /// <summary>One filed lead: the next entry of its block, and (in a block's first entry) how many the block holds.</summary>
    private struct Entry
    {
        public LeadId Lead;
        public int Next;
        public int Count;
    }
}
