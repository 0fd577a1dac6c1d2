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
    private readonly ImmutableDictionary<LeadId, ImmutableList<FollowUpTouch>> _byProfile;

    private FollowUpLog(ImmutableList<FollowUpTouch> touches, ImmutableDictionary<LeadId, ImmutableList<FollowUpTouch>> byProfile)
    {
        _touches = touches;
        _byProfile = byProfile;
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
        var key = touch.ProfileId.FirstLeadId;
        var list = _byProfile.TryGetValue(key, out var existing) ? existing.Add(touch) : [touch];
        return new FollowUpLog(_touches.Add(touch), _byProfile.SetItem(key, list));
    }

    /// <summary>Returns the touches of a profile for an offer, by time: those recorded under its id or the id of any of its leads (profiles that merged into it).</summary>
    internal List<FollowUpTouch> For(CustomerProfile profile, MarketplaceOffer offer)
    {
        var found = new List<FollowUpTouch>();
        if (_byProfile.IsEmpty)
        {
            return found;
        }

        foreach (var lead in profile.Leads)
        {
            if (_byProfile.TryGetValue(lead.Id, out var touches))
            {
                foreach (var touch in touches)
                {
                    if (touch.Offer == offer)
                    {
                        found.Add(touch);
                    }
                }
            }
        }

        found.Sort(static (x, y) => x.At.UtcTicks.CompareTo(y.At.UtcTicks));
        return found;
    }
}
