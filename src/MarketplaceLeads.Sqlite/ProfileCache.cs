using System;
using System.Collections.Generic;
using MarketplaceLeads.Deduplication;

namespace MarketplaceLeads.Sqlite;

/// <summary>
/// The profiles the SQLite de-duplication store used last, kept in memory so that a lead of a known person does not
/// re-read (and re-parse) every lead of that person: least recently used first out, bounded by the number of leads they
/// hold (<see cref="MaxLeads"/>), the last one used kept whatever its size. Written through by the store's saves, so it
/// always holds the stored version; the store clears it when another connection changed the database or a commit group
/// was lost. Used only under <see cref="SqliteLeadDatabase"/>'s gate.
/// </summary>
internal sealed class ProfileCache(int maxLeads)
{
    private readonly Dictionary<string, LinkedListNode<(string Id, CustomerProfile Profile)>> _byId = new(StringComparer.Ordinal);
    private readonly LinkedList<(string Id, CustomerProfile Profile)> _recent = new();
    private long _leads;

    /// <summary>Gets the most leads the cached profiles hold together (one profile larger than this is still kept while it is the last used).</summary>
    public int MaxLeads { get; } = maxLeads;

    /// <summary>Gets the number of profiles held.</summary>
    public int Count => _byId.Count;

    public bool TryGet(string profileId, out CustomerProfile profile)
    {
        if (_byId.TryGetValue(profileId, out var node))
        {
            _recent.Remove(node);
            _recent.AddFirst(node);
            profile = node.Value.Profile;
            return true;
        }

        profile = null!;
        return false;
    }

    public void Put(string profileId, CustomerProfile profile)
    {
        if (_byId.TryGetValue(profileId, out var node))
        {
            _leads -= node.Value.Profile.Leads.Count;
            _recent.Remove(node);
            node.Value = (profileId, profile);
        }
        else
        {
            node = new LinkedListNode<(string Id, CustomerProfile Profile)>((profileId, profile));
            _byId[profileId] = node;
        }

        _recent.AddFirst(node);
        _leads += profile.Leads.Count;
        while (_leads > MaxLeads && _recent.Last is { } oldest && oldest != _recent.First)
        {
            Drop(oldest);
        }
    }

    public void Remove(string profileId)
    {
        if (_byId.TryGetValue(profileId, out var node))
        {
            Drop(node);
        }
    }

    public void Clear()
    {
        _byId.Clear();
        _recent.Clear();
        _leads = 0;
    }

    private void Drop(LinkedListNode<(string Id, CustomerProfile Profile)> node)
    {
        _recent.Remove(node);
        _byId.Remove(node.Value.Id);
        _leads -= node.Value.Profile.Leads.Count;
    }
}
