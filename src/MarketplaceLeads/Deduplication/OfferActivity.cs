using System;
using System.Collections.Generic;

namespace MarketplaceLeads.Deduplication;

/// <summary>What one customer did with one offer: the leads in time order and the furthest funnel stage reached.</summary>
public sealed class OfferActivity
{
    internal OfferActivity(MarketplaceOffer offer, IReadOnlyList<Lead> leads)
    {
        Offer = offer;
        Leads = leads;
        foreach (var lead in leads)
        {
            var stage = lead.Stage;
            if (stage == FunnelStage.Suppressed)
            {
                DoNotContact = true;
            }
            else if (stage > FurthestStage)
            {
                FurthestStage = stage;
            }
        }
    }

    /// <summary>Gets the offer; <see cref="MarketplaceOffer.IsEmpty"/> for leads that named none.</summary>
    public MarketplaceOffer Offer { get; }

    /// <summary>Gets the customer's leads for this offer, in time order: the action timeline.</summary>
    public IReadOnlyList<Lead> Leads { get; }

    /// <summary>Gets the furthest stage reached (<see cref="FunnelStage.Interest"/> &lt; <see cref="FunnelStage.Trial"/> &lt; <see cref="FunnelStage.Acquisition"/>); <see cref="FunnelStage.Unknown"/> when only do-not-contact or unknown actions were seen.</summary>
    public FunnelStage FurthestStage { get; }

    /// <summary>Gets a value indicating whether a do-not-contact lead was seen for this offer.</summary>
    public bool DoNotContact { get; }

    /// <summary>Gets the time of the first lead (created, else received).</summary>
    public DateTimeOffset FirstSeen => LeadOrder.TimeOf(Leads[0]);

    /// <summary>Gets the time of the latest lead (created, else received).</summary>
    public DateTimeOffset LastSeen => LeadOrder.TimeOf(Leads[^1]);
}
