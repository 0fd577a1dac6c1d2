using System;
using System.Collections.Generic;
using System.Linq;
using MarketplaceLeads.Delivery;

namespace MarketplaceLeads.Lifecycle;

/// <summary>What an erasure reaches beyond its ids: the in-memory stores' test of a dead letter or a text against a request.</summary>
internal sealed class ErasureMatch
{
    private readonly ErasureRequest _request;
    private readonly HashSet<LeadId> _leads;
    private readonly HashSet<Deduplication.CustomerProfileId> _profiles;

    public ErasureMatch(ErasureRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        _request = request;
        _leads = [.. request.LeadIds];
        _profiles = [.. request.ProfileIds];
    }

    public bool HoldsLead(LeadId id) => _leads.Contains(id);

    public bool HoldsProfile(Deduplication.CustomerProfileId id) => _profiles.Contains(id);

    /// <summary>Whether a dead letter is about the customer: its lead is erased, its lead has one of the addresses, or its raw text names an address, a lead or a profile of the request.</summary>
    public bool Holds(LeadDeadLetter letter) =>
        (letter.LeadId is { } id && _leads.Contains(id))
        || (letter.Lead?.Customer.NormalizedEmail is { } email && _request.Emails.Contains(email, StringComparer.OrdinalIgnoreCase))
        || Mentions(letter.RawPayload)
        || Mentions(letter.ReadError?.RawText)
        || Mentions(letter.ReadError?.Value);

    /// <summary>Whether a text names an address, a lead or a profile of the request (compared ignoring case).</summary>
    public bool Mentions(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        foreach (var email in _request.Emails)
        {
            if (text.Contains(email, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        foreach (var lead in _request.LeadIds)
        {
            if (text.Contains(lead.ToString(), StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false; // a profile's id is its first lead's id, among the leads
    }
}
