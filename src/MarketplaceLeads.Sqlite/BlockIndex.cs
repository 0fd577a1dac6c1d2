using System;
using System.Collections.Generic;
using MarketplaceLeads.Deduplication;

namespace MarketplaceLeads.Sqlite;

/// <summary>
/// What the SQLite de-duplication store needs to answer "who is this lead?" without a query: which leads are filed under
/// each blocking key (in filing order, one lead per profile per key, as the in-memory store files them) and which profile
/// holds each lead. Built from the database when the store first needs it (the tables stay the truth: each lead's row
/// records the keys it was filed under and when) and kept up to date by the store's saves; dropped when what is stored may
/// have changed under it (another connection, a lost commit group, a review). Used only under
/// <see cref="SqliteLeadDatabase"/>'s gate.
/// </summary>
/// <remarks>
/// Compact, since it holds every lead: leads and profiles are numbered (<see cref="NumberedIds{T}"/>), a key filed by one lead (most keys) is one
/// entry of a <see cref="BlockKeyTable"/> (12 bytes a slot) holding that lead's number, and a merged profile points at the
/// profile it went into.
/// </remarks>
internal sealed class BlockIndex
{
    /// <summary>The most leads filed under one key (as the in-memory store); a key shared more widely is useless for matching anyway.</summary>
    public const int MaxStoredPerKey = 100_001;

    private readonly NumberedIds<LeadId> _leads = new();
    private readonly List<int> _profileOfLead = [];
    private readonly NumberedIds<CustomerProfileId> _profiles = new();
    private readonly List<int> _mergedInto = []; // per profile number: itself while it exists, else the profile it was merged into

    // A key's entry is a lead's number (>= 0) while one lead is filed under it, else ~index into _shared.
    private readonly BlockKeyTable _blocks = new();
    private readonly List<List<int>> _shared = [];

    /// <summary>Gets the number of leads held.</summary>
    public int LeadCount => _leads.Count;

    /// <summary>Gets or sets the filing number the next filed lead gets (one more than the highest stored).</summary>
    public long NextFiling { get; set; } = 1;

    /// <summary>Gets the profile that holds a lead now, if the lead is known.</summary>
    public bool TryGetProfile(LeadId lead, out CustomerProfileId profile)
    {
        if (_leads.TryGetNumber(lead, out var number))
        {
            profile = _profiles[ProfileOf(number)];
            return true;
        }

        profile = default;
        return false;
    }

    /// <summary>Gets a lead's number, if the lead is known.</summary>
    public bool TryGetLead(LeadId lead, out int number) => _leads.TryGetNumber(lead, out number);

    /// <summary>Points a lead at the profile a review put it in: the profile exists again if it had been merged away (a split's new part can have the id of a profile merged before). Every lead of the profiles the review changed must be pointed so; the store drops the index after a review.</summary>
    public void Repoint(int lead, CustomerProfileId profile)
    {
        var number = NumberOf(profile);
        _mergedInto[number] = number;
        _profileOfLead[lead] = number;
    }

    /// <summary>Adds a lead held by a profile (a new profile is numbered), filing it under nothing yet.</summary>
    /// <returns>The lead's number.</returns>
    public int AddLead(LeadId lead, CustomerProfileId profile)
    {
        if (_leads.TryGetNumber(lead, out var number))
        {
            _profileOfLead[number] = NumberOf(profile);
            return number;
        }

        number = _leads.Add(lead);
        _profileOfLead.Add(NumberOf(profile));
        return number;
    }

    /// <summary>Records that a profile was merged into another: its leads are the other's now.</summary>
    public void Merge(CustomerProfileId gone, CustomerProfileId into)
    {
        if (_profiles.TryGetNumber(gone, out var number))
        {
            _mergedInto[number] = NumberOf(into);
        }
    }

    /// <summary>Files a lead under a key unless the key already has a lead of the lead's profile or is full.</summary>
    /// <returns>Whether the lead was filed.</returns>
    public bool File(ulong key, int lead)
    {
        if (!_blocks.TryGetValue(key, out var entry))
        {
            _blocks.Set(key, lead);
            return true;
        }

        var profile = ProfileOf(lead);
        if (entry >= 0)
        {
            if (ProfileOf(entry) == profile)
            {
                return false; // a block keeps one lead per profile
            }

            _blocks.Set(key, ~_shared.Count);
            _shared.Add([entry, lead]);
            return true;
        }

        var block = _shared[~entry];
        if (block.Count >= MaxStoredPerKey)
        {
            return false;
        }

        foreach (var other in block)
        {
            if (ProfileOf(other) == profile)
            {
                return false;
            }
        }

        block.Add(lead);
        return true;
    }

    /// <summary>Files a lead under a key as stored (rebuilding the index): after the leads filed before it, with no check.</summary>
    public void Append(ulong key, int lead)
    {
        if (!_blocks.TryGetValue(key, out var entry))
        {
            _blocks.Set(key, lead);
        }
        else if (entry >= 0)
        {
            _blocks.Set(key, ~_shared.Count);
            _shared.Add([entry, lead]);
        }
        else
        {
            _shared[~entry].Add(lead);
        }
    }

    /// <summary>Takes a lead out of a key (a split files its leads again).</summary>
    public void Remove(ulong key, int lead)
    {
        if (!_blocks.TryGetValue(key, out var entry))
        {
            return;
        }

        if (entry >= 0)
        {
            if (entry == lead)
            {
                _blocks.Remove(key);
            }
        }
        else
        {
            _shared[~entry].Remove(lead);
        }
    }

    /// <summary>Gets the leads filed under a key, in filing order (empty when none).</summary>
    public ReadOnlySpan<int> Block(ulong key, ref int single)
    {
        if (!_blocks.TryGetValue(key, out var entry))
        {
            return [];
        }

        if (entry >= 0)
        {
            single = entry;
            return new ReadOnlySpan<int>(ref single);
        }

        return System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_shared[~entry]);
    }

    /// <summary>Gets a lead's id.</summary>
    public LeadId LeadAt(int lead) => _leads[lead];

    /// <summary>Gets the number of the profile that holds a lead now.</summary>
    public int ProfileOf(int lead)
    {
        var profile = _profileOfLead[lead];
        var root = profile;
        while (_mergedInto[root] != root)
        {
            root = _mergedInto[root];
        }

        // Shortens the chain for the next time (merges are rare, a chain is short).
        while (profile != root)
        {
            var next = _mergedInto[profile];
            _mergedInto[profile] = root;
            profile = next;
        }

        _profileOfLead[lead] = root;
        return root;
    }

    /// <summary>Gets a profile's id by its number.</summary>
    public CustomerProfileId ProfileAt(int profile) => _profiles[profile];

    private int NumberOf(CustomerProfileId profile)
    {
        if (_profiles.TryGetNumber(profile, out var number))
        {
            return number; // a profile merged away resolves to the one it went into (a review, which can bring an id back, rebuilds the index)
        }

        number = _profiles.Add(profile);
        _mergedInto.Add(number);
        return number;
    }
}
