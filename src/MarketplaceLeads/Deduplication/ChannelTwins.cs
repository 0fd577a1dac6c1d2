using System;

namespace MarketplaceLeads.Deduplication;

/// <summary>
/// Recognises one marketplace lead that reached the publisher through two channels: the HTTPS endpoint (or a table, a file) and
/// Partner Center's Referrals API. The two copies have different <see cref="LeadId"/>s (content against the referral's id), so
/// they are told apart from a customer asking twice by what they say: within one profile (the same person), a lead of
/// <see cref="LeadChannel.PartnerCenter"/> and a lead of another channel with the same known action, compatible sources, the same
/// offer and times at most <see cref="Window"/> apart are one lead: the later copy is a redelivery.
/// </summary>
internal static class ChannelTwins
{
    /// <summary>How far apart the two copies' times (created, else received) may be.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromHours(24);

    /// <summary>Whether <paramref name="lead"/> and <paramref name="other"/> (of the same profile) are the same marketplace lead from two channels.</summary>
    /// <param name="lead">The lead being de-duplicated.</param>
    /// <param name="other">A lead already in the profile.</param>
    /// <returns><see langword="true"/> when exactly one of them came from Partner Center and they agree on action, source, offer and time.</returns>
    public static bool AreTwins(Lead lead, Lead other)
    {
        if (lead.Channel == other.Channel || (lead.Channel != LeadChannel.PartnerCenter && other.Channel != LeadChannel.PartnerCenter))
        {
            return false;
        }

        var action = lead.Action;
        if (action == LeadAction.Unknown || action != other.Action)
        {
            return false;
        }

        if (lead.Source != MarketplaceSource.Unknown && other.Source != MarketplaceSource.Unknown && lead.Source != other.Source)
        {
            return false;
        }

        return SameOffer(lead, other) && (LeadOrder.TimeOf(lead) - LeadOrder.TimeOf(other)).Duration() <= Window;
    }

    /// <summary>
    /// Whether <paramref name="profile"/> holds a twin of <paramref name="lead"/>. Only a profile with a Partner Center lead can hold
    /// the twin of a lead from elsewhere, and only leads within <see cref="Window"/> of it can be one: the profile's leads are in
    /// time order (<see cref="LeadOrder"/>), so those are found by binary search, and one person's thousands of leads cost a few
    /// comparisons, not a pass over all of them for every new lead.
    /// </summary>
    public static bool HasTwin(Lead lead, CustomerProfile profile)
    {
        if (lead.Channel != LeadChannel.PartnerCenter && !profile.HasPartnerCenterLead)
        {
            return false;
        }

        var leads = profile.Leads;
        var time = LeadOrder.TimeOf(lead);
        var (from, to) = (time - Window, time + Window);
        var (low, high) = (0, leads.Count);
        while (low < high)
        {
            var middle = low + ((high - low) / 2);
            if (LeadOrder.TimeOf(leads[middle]) < from)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        for (var i = low; i < leads.Count && LeadOrder.TimeOf(leads[i]) <= to; i++)
        {
            if (AreTwins(lead, leads[i]))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The same offer: equal <c>publisher.offer</c> ids when both have one, else the same offer title (ignoring case and outer spaces). Without a way to tell, not the same.</summary>
    private static bool SameOffer(Lead lead, Lead other)
    {
        if (!lead.Offer.IsEmpty && !other.Offer.IsEmpty && lead.Offer == other.Offer)
        {
            return true;
        }

        var title = lead.OfferTitle.AsSpan().Trim();
        return !title.IsEmpty && title.Equals(other.OfferTitle.AsSpan().Trim(), StringComparison.OrdinalIgnoreCase);
    }
}
