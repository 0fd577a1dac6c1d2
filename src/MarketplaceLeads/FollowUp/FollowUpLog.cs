using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using MarketplaceLeads.Deduplication;

namespace MarketplaceLeads.FollowUp;

/// <summary>
/// The touches recorded so far: the follow-up state the app stores (as its <see cref="Touches"/>) and
/// hands back to <see cref="IFollowUpPlanner"/>. Immutable: <see cref="Record"/> returns a new log.
/// </summary>
public sealed class FollowUpLog
{
    private readonly ImmutableList<FollowUpTouch> _touches;
    private readonly ImmutableDictionary<LeadId, ImmutableList<FollowUpTouch>> _byLead;

    private FollowUpLog(ImmutableList<FollowUpTouch> touches, ImmutableDictionary<LeadId, ImmutableList<FollowUpTouch>> byProfile)
    {
        _touches = touches;
        _byLead = byProfile;
    }

    /// <summary>Gets the log with no touches.</summary>
    public static FollowUpLog Empty { get; } = new([], ImmutableDictionary<LeadId, ImmutableList<FollowUpTouch>>.Empty);

    /// <summary>Gets every touch, in the order recorded.</summary>
    public IReadOnlyList<FollowUpTouch> Touches => _touches;

    /// <summary>Creates a log from stored touches.</summary>
    /// <param name="touches">The touches.</param>
    /// <returns>The log.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="touches"/> or one of them is <see langword="null"/>.</exception>
    public static FollowUpLog Create(IEnumerable<FollowUpTouch> touches)
    {
        ArgumentNullException.ThrowIfNull(touches);
        var log = Empty;
        foreach (var touch in touches)
        {
            log = log.Record(touch);
        }

        return log;
    }

    /// <summary>Returns this log with one more touch.</summary>
    /// <param name="touch">The touch.</param>
    /// <returns>The new log; this one is unchanged.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="touch"/> is <see langword="null"/>.</exception>
    public FollowUpLog Record(FollowUpTouch touch)
    {
        ArgumentNullException.ThrowIfNull(touch);

        // Filed under every lead that can make a profile its owner: the one it was recorded under and the ones it was about.
        var keys = new HashSet<LeadId>(touch.Leads.Count + 1) { touch.ProfileId.FirstLeadId };
        keys.UnionWith(touch.Leads);
        var index = _byLead;
        foreach (var key in keys)
        {
            index = index.SetItem(key, index.TryGetValue(key, out var filed) ? filed.Add(touch) : [touch]);
        }

        return new FollowUpLog(_touches.Add(touch), index);
    }

    /// <summary>
    /// Returns the leads a touch on a customer's offer at a time is about, for <see cref="FollowUpTouch.Leads"/>: the offer's
    /// leads since the customer's previous touch on it, up to <paramref name="at"/> (the requests the touch answers); when there
    /// are none, the offer's leads up to then; when none is that early, all of the offer's leads.
    /// </summary>
    /// <param name="profile">The customer.</param>
    /// <param name="offer">The offer; one the customer acted on.</param>
    /// <param name="at">When the touch is made.</param>
    /// <returns>The leads' ids, in the profile's order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="profile"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="offer"/> is not one of the customer's offers.</exception>
    public IReadOnlyList<LeadId> LeadsAbout(CustomerProfile profile, MarketplaceOffer offer, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(profile);
        OfferActivity? activity = null;
        foreach (var candidate in profile.Offers)
        {
            if (candidate.Offer == offer)
            {
                activity = candidate;
                break;
            }
        }

        if (activity is null)
        {
            throw new ArgumentException($"Offer '{offer}' is not one of customer {profile.Id}'s offers.", nameof(offer));
        }

        DateTimeOffset? previous = null;
        foreach (var touch in For(profile, offer))
        {
            if (touch.At <= at)
            {
                previous = touch.At;
            }
        }

        var since = new List<LeadId>();
        var upTo = new List<LeadId>();
        foreach (var lead in activity.Leads)
        {
            var time = LeadOrder.TimeOf(lead);
            if (time <= at)
            {
                upTo.Add(lead.Id);
                if (previous is null || time > previous)
                {
                    since.Add(lead.Id);
                }
            }
        }

        if (since.Count > 0)
        {
            return since;
        }

        if (upTo.Count > 0)
        {
            return upTo;
        }

        var all = new List<LeadId>(activity.Leads.Count);
        foreach (var lead in activity.Leads)
        {
            all.Add(lead.Id);
        }

        return all;
    }

    /// <summary>
    /// Returns the touches of a profile for an offer, by time: those whose every lead it was about is in the profile, and
    /// those recorded under one of its leads whose leads it was about are split between profiles (or unknown).
    /// </summary>
    internal List<FollowUpTouch> For(CustomerProfile profile, MarketplaceOffer offer)
    {
        var found = new List<FollowUpTouch>();
        if (_byLead.IsEmpty)
        {
            return found;
        }

        HashSet<LeadId>? held = null;
        foreach (var lead in profile.Leads)
        {
            if (!_byLead.TryGetValue(lead.Id, out var touches))
            {
                continue;
            }

            foreach (var touch in touches)
            {
                if (touch.Offer != offer)
                {
                    continue;
                }

                if (held is null)
                {
                    held = new HashSet<LeadId>(profile.Leads.Count);
                    foreach (var own in profile.Leads)
                    {
                        held.Add(own.Id);
                    }
                }

                // A touch filed under several of the profile's leads is taken once: through the first of its keys the profile holds.
                if (FirstHeldKey(touch, held) == lead.Id && Owns(touch, held))
                {
                    found.Add(touch);
                }
            }
        }

        found.Sort(static (x, y) => x.At.UtcTicks.CompareTo(y.At.UtcTicks));
        return found;
    }

    private static LeadId FirstHeldKey(FollowUpTouch touch, HashSet<LeadId> held)
    {
        if (held.Contains(touch.ProfileId.FirstLeadId))
        {
            return touch.ProfileId.FirstLeadId;
        }

        foreach (var lead in touch.Leads)
        {
            if (held.Contains(lead))
            {
                return lead;
            }
        }

        return default;
    }

    /// <summary>Whether a profile holding <paramref name="held"/> owns the touch: it holds every lead the touch was about, or (those being split or unknown) the lead the touch was recorded under and some of them.</summary>
    private static bool Owns(FollowUpTouch touch, HashSet<LeadId> held)
    {
        var some = false;
        var all = true;
        foreach (var lead in touch.Leads)
        {
            if (held.Contains(lead))
            {
                some = true;
            }
            else
            {
                all = false;
            }
        }

        return touch.Leads.Count > 0 && all || held.Contains(touch.ProfileId.FirstLeadId) && (some || touch.Leads.Count == 0);
    }
}
