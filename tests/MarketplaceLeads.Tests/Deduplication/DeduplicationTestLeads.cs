using System;
using MarketplaceLeads.Deduplication;

namespace MarketplaceLeads.Tests;

/// <summary>Helpers for de-duplication examples (the leads come from <see cref="MarketplaceLeads.Testing.TestLeads"/>).</summary>
internal static class DeduplicationTestLeads
{
    public static CustomerProfile ProfileOf(DeduplicationResult result, Lead lead) =>
        Array.Find([.. result.Profiles], p => System.Linq.Enumerable.Contains(p.Leads, lead)) ?? throw new InvalidOperationException("lead not in any profile");
}
