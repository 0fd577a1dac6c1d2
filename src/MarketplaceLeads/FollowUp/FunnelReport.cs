using System;
using System.Collections.Generic;
using MarketplaceLeads.Deduplication;

namespace MarketplaceLeads.FollowUp;

/// <summary>Summarises the marketplace funnel over many customers, per offer.</summary>
public static class FunnelReport
{
    /// <summary>Counts, per offer, the customers who reached each stage and the conversions between stages. Test customers are left out; do-not-contact customers are counted (and in <see cref="OfferFunnel.DoNotContact"/>).</summary>
    /// <param name="profiles">The customers.</param>
    /// <returns>One funnel per offer, in the order offers were first met.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="profiles"/> is <see langword="null"/>.</exception>
    public static IReadOnlyList<OfferFunnel> ByOffer(IEnumerable<CustomerProfile> profiles)
    {
        ArgumentNullException.ThrowIfNull(profiles);
        var order = new List<MarketplaceOffer>();
        var tallies = new Dictionary<MarketplaceOffer, Tally>();
        foreach (var profile in profiles)
        {
            if (profile is null || profile.IsTest)
            {
                continue;
            }

            foreach (var activity in profile.Offers)
            {
                if (!tallies.TryGetValue(activity.Offer, out var tally))
                {
                    tallies[activity.Offer] = tally = new Tally();
                    order.Add(activity.Offer);
                }

                tally.Title = TitleOf(activity) ?? tally.Title;
                tally.Customers++;
                tally.DoNotContact += profile.DoNotContact ? 1 : 0;
                var steps = StepsOf(activity);
                foreach (var step in steps)
                {
                    tally.Reached[(int)step.Stage]++;
                }

                foreach (var conversion in ConversionsOf(steps))
                {
                    var key = ((int)conversion.From * 4) + (int)conversion.To;
                    if (!tally.Elapsed.TryGetValue(key, out var elapsed))
                    {
                        tally.Elapsed[key] = elapsed = [];
                    }

                    elapsed.Add(conversion.Elapsed);
                }
            }
        }

        var funnels = new List<OfferFunnel>(order.Count);
        foreach (var offer in order)
        {
            var tally = tallies[offer];
            var conversions = new List<StageConversionCount>();
            foreach (var key in (ReadOnlySpan<int>)[(1 * 4) + 2, (1 * 4) + 3, (2 * 4) + 3])
            {
                if (tally.Elapsed.TryGetValue(key, out var elapsed))
                {
                    elapsed.Sort();
                    conversions.Add(new StageConversionCount((FunnelStage)(key / 4), (FunnelStage)(key % 4), elapsed.Count, elapsed[(elapsed.Count - 1) / 2]));
                }
            }

            funnels.Add(new OfferFunnel
            {
                Offer = offer,
                Title = tally.Title,
                Customers = tally.Customers,
                Interest = tally.Reached[(int)FunnelStage.Interest],
                Trial = tally.Reached[(int)FunnelStage.Trial],
                Acquisition = tally.Reached[(int)FunnelStage.Acquisition],
                DoNotContact = tally.DoNotContact,
                Conversions = conversions,
            });
        }

        return funnels;
    }

    /// <summary>Each stage reached on an offer and when (its first lead), in stage order.</summary>
    internal static List<FunnelStep> StepsOf(OfferActivity activity)
    {
        var funnel = new List<FunnelStep>(3);
        foreach (var stage in (ReadOnlySpan<FunnelStage>)[FunnelStage.Interest, FunnelStage.Trial, FunnelStage.Acquisition])
        {
            foreach (var lead in activity.Leads)
            {
                if (lead.Stage == stage)
                {
                    funnel.Add(new FunnelStep(stage, LeadOrder.TimeOf(lead), lead.Id));
                    break;
                }
            }
        }

        return funnel;
    }

    /// <summary>The moves between consecutive stages reached.</summary>
    internal static List<StageConversion> ConversionsOf(List<FunnelStep> funnel)
    {
        var conversions = new List<StageConversion>(Math.Max(0, funnel.Count - 1));
        for (var i = 1; i < funnel.Count; i++)
        {
            conversions.Add(new StageConversion(funnel[i - 1].Stage, funnel[i].Stage, funnel[i - 1].ReachedAt, funnel[i].ReachedAt));
        }

        return conversions;
    }

    /// <summary>The offer title of the latest lead that had one.</summary>
    internal static string? TitleOf(OfferActivity activity)
    {
        string? title = null;
        foreach (var lead in activity.Leads)
        {
            title = string.IsNullOrWhiteSpace(lead.OfferTitle) ? title : lead.OfferTitle;
        }

        return title;
    }

    private sealed class Tally
    {
        public string? Title { get; set; }

        public int Customers { get; set; }

        public int DoNotContact { get; set; }

        public int[] Reached { get; } = new int[4];

        public Dictionary<int, List<TimeSpan>> Elapsed { get; } = [];
    }
}
