using System;
using System.Linq;
using MarketplaceLeads.Deduplication;
using MarketplaceLeads.FollowUp;
using Microsoft.Extensions.Time.Testing;

namespace MarketplaceLeads.Tests;

/// <summary>Profiles, planners and clocks for follow-up tests.</summary>
internal static class FollowUpTestData
{
    public static readonly DateTimeOffset Start = TestLeads.Start;

    public static readonly MarketplaceOffer Analytics = MarketplaceOffer.Parse("contoso.contoso-analytics");

    /// <summary>The one profile the leads de-duplicate into (they must share an e-mail address).</summary>
    public static CustomerProfile ProfileOf(params Lead[] leads) => Assert.Single(new LeadDeduplicator().Deduplicate(leads).Profiles);

    /// <summary>A lead from Ana at Contoso, <paramref name="minutes"/> after <see cref="Start"/>.</summary>
    public static Lead Ana(string action = "PLT", int minutes = 0, string offer = "contoso.contoso-analytics") =>
        TestLeads.Make("Ana", "Garcia", email: "ana@contoso.example", company: "Contoso", country: "US", title: "Head of IT", action: action, offer: offer, minutes: minutes);

    public static (FollowUpPlanner Planner, FakeTimeProvider Time) Planner(FollowUpOptions? options = null, DateTimeOffset? now = null)
    {
        var time = new FakeTimeProvider(now ?? Start);
        return (new FollowUpPlanner(options, time), time);
    }

    public static int Minutes(TimeSpan span) => (int)span.TotalMinutes;

    public static CustomerProfile[] All(params CustomerProfile[] profiles) => profiles.ToArray();
}
