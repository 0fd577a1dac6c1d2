using System;
using System.Collections.Generic;

namespace MarketplaceLeads.Deduplication;

/// <summary>The canonical order of leads in a profile and in batch de-duplication: created time (else received time), then <see cref="LeadId"/>.</summary>
internal sealed class LeadOrder : IComparer<Lead>
{
    public static readonly LeadOrder Instance = new();

    public static DateTimeOffset TimeOf(Lead lead) => lead.CreatedAt ?? lead.ReceivedAt;

    public int Compare(Lead? x, Lead? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null || y is null)
        {
            return x is null ? -1 : 1;
        }

        var byTime = TimeOf(x).UtcTicks.CompareTo(TimeOf(y).UtcTicks);
        return byTime != 0 ? byTime : x.Id.CompareTo(y.Id);
    }
}
