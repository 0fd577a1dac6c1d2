using System;
using System.Collections.Frozen;
using System.Collections.Generic;
using MarketplaceLeads.Deduplication;
using MarketplaceLeads.Internal;

namespace MarketplaceLeads.FollowUp;

/// <summary>The default <see cref="IFollowUpPlanner"/>: plans from <see cref="FollowUpOptions"/> and the time of a <see cref="TimeProvider"/>. Thread-safe; holds no state beyond a copy of the options.</summary>
public sealed class FollowUpPlanner : IFollowUpPlanner
{
    private readonly FrozenDictionary<LeadAction, TimeSpan> _responseTimes;
    private readonly FrozenDictionary<FunnelStage, TimeSpan[]> _cadence;
    private readonly TimeSpan? _closeAfter;
    private readonly IQualificationRule[] _rules;
    private readonly TimeProvider _time;

    /// <summary>Initializes a planner.</summary>
    /// <param name="options">The options, copied (later changes have no effect); <see langword="null"/> for the defaults.</param>
    /// <param name="timeProvider">The clock; <see langword="null"/> for <see cref="TimeProvider.System"/>.</param>
    /// <exception cref="ArgumentException">An option is invalid; the message names it, the rule and the value.</exception>
    public FollowUpPlanner(FollowUpOptions? options = null, TimeProvider? timeProvider = null)
    {
        options = OptionsRules.ThrowIfInvalid(new FollowUpOptionsValidator(), options ?? new FollowUpOptions());
        _responseTimes = options.ResponseTimes.ToFrozenDictionary();
        var cadence = new Dictionary<FunnelStage, TimeSpan[]>();
        foreach (var (stage, offsets) in options.Cadence)
        {
            cadence[stage] = [.. offsets];
        }

        _cadence = cadence.ToFrozenDictionary();
        _closeAfter = options.CloseAfter;
        _rules = [.. options.QualificationRules];
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <inheritdoc/>
    public FollowUpPlan Plan(CustomerProfile profile, FollowUpLog log, DoNotContactHolds? holds = null)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(log);
        return PlanAt(profile, log, _time.GetUtcNow(), holds?.IsHeld(profile.Id) == true);
    }

    /// <inheritdoc/>
    /// <remarks>The touch belongs to the cadence of the offer's furthest stage in <paramref name="profile"/>, is timed by the planner's <see cref="TimeProvider"/>, and names the leads it is about (<see cref="FollowUpLog.LeadsAbout"/>), so that it follows them through later merges and splits.</remarks>
    public FollowUpLog RecordTouch(FollowUpLog log, CustomerProfile profile, MarketplaceOffer offer, string? note = null)
    {
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(profile);
        if (profile.DoNotContact)
        {
            throw new InvalidOperationException($"Customer {profile.Id} said do not contact; no touch may be recorded.");
        }

        if (profile.IsTest)
        {
            throw new InvalidOperationException($"Customer {profile.Id} is a marketplace test lead; no touch may be recorded.");
        }

        var activity = FindOffer(profile, offer)
            ?? throw new ArgumentException($"Offer '{offer}' is not one of customer {profile.Id}'s offers.", nameof(offer));
        var now = _time.GetUtcNow();
        return log.Record(new FollowUpTouch
        {
            ProfileId = profile.Id,
            Offer = offer,
            Stage = activity.FurthestStage,
            At = now,
            Note = note,
            Leads = log.LeadsAbout(profile, offer, now),
        });
    }

    /// <inheritdoc/>
    public IReadOnlyList<FollowUpTask> Due(IEnumerable<CustomerProfile> profiles, FollowUpLog log, DoNotContactHolds? holds = null) =>
        Responses(profiles, log, holds, static (deadline, _) => deadline.Status == ResponseStatus.Due, default);

    /// <inheritdoc/>
    public IReadOnlyList<FollowUpTask> Overdue(IEnumerable<CustomerProfile> profiles, FollowUpLog log, DoNotContactHolds? holds = null) =>
        Responses(profiles, log, holds, static (deadline, _) => deadline.Status == ResponseStatus.Overdue, default);

    /// <inheritdoc/>
    public IReadOnlyList<FollowUpTask> NewlyOverdue(IEnumerable<CustomerProfile> profiles, FollowUpLog log, DateTimeOffset since, DoNotContactHolds? holds = null) =>
        Responses(profiles, log, holds, static (deadline, since) => deadline.Status == ResponseStatus.Overdue && deadline.RespondBy >= since, since);

    /// <inheritdoc/>
    public IReadOnlyList<FollowUpTask> NextTouchesDue(IEnumerable<CustomerProfile> profiles, FollowUpLog log, DoNotContactHolds? holds = null)
    {
        ArgumentNullException.ThrowIfNull(profiles);
        ArgumentNullException.ThrowIfNull(log);
        var now = _time.GetUtcNow();
        var tasks = new List<FollowUpTask>();
        foreach (var profile in profiles)
        {
            if (profile is null || profile.DoNotContact || profile.IsTest || holds?.IsHeld(profile.Id) == true)
            {
                continue;
            }

            var plan = PlanAt(profile, log, now, held: false);
            foreach (var offer in plan.Offers)
            {
                if (offer.NextTouch is { IsDue: true } touch)
                {
                    tasks.Add(new FollowUpTask
                    {
                        Kind = FollowUpTaskKind.Touch,
                        ProfileId = profile.Id,
                        Offer = offer.Offer,
                        Stage = offer.Stage,
                        DueAt = touch.DueAt,
                        IsOverdue = now > touch.DueAt,
                        Touch = touch,
                        Context = Personalize(profile, offer.Offer, now),
                        Qualification = plan.Qualification,
                    });
                }
            }
        }

        tasks.Sort(static (x, y) => x.DueAt.UtcTicks.CompareTo(y.DueAt.UtcTicks));
        return tasks;
    }

    /// <summary>Plans a profile at a given time.</summary>
    internal FollowUpPlan PlanAt(CustomerProfile profile, FollowUpLog log, DateTimeOffset now, bool held)
    {
        var offers = new List<OfferFollowUp>(profile.Offers.Count);
        foreach (var activity in profile.Offers)
        {
            offers.Add(PlanOffer(profile, activity, log, now, held));
        }

        return new FollowUpPlan
        {
            Profile = profile,
            PlannedAt = now,
            Offers = offers,
            Qualification = _rules.Length == 0 ? QualificationResult.NoRules : QualificationResult.Evaluate(profile, _rules),
        };
    }

    private OfferFollowUp PlanOffer(CustomerProfile profile, OfferActivity activity, FollowUpLog log, DateTimeOffset now, bool held)
    {
        var funnel = FunnelReport.StepsOf(activity);
        var conversions = FunnelReport.ConversionsOf(funnel);
        var title = FunnelReport.TitleOf(activity);
        var current = funnel.Count == 0 ? null : funnel[^1];
        var touches = log.For(profile, activity.Offer);
        var result = new OfferFollowUp
        {
            Offer = activity.Offer,
            OfferTitle = title,
            Stage = current?.Stage ?? FunnelStage.Unknown,
            StageReachedAt = current?.ReachedAt,
            Funnel = funnel,
            Conversions = conversions,
            Responses = [],
            Status = FollowUpStatus.NotScheduled,
            TouchesRecorded = 0,
            LastTouchAt = touches.Count == 0 ? null : touches[^1].At,
        };

        if (profile.DoNotContact)
        {
            return result with { Status = FollowUpStatus.Suppressed };
        }

        if (profile.IsTest)
        {
            return result with { Status = FollowUpStatus.TestLead };
        }

        if (held)
        {
            return result with { Status = FollowUpStatus.HeldForReview };
        }

        result = result with { Responses = Deadlines(activity, touches, now) };
        if (current is null || !_cadence.TryGetValue(current.Stage, out var cadence) || cadence.Length == 0)
        {
            return result;
        }

        var recorded = 0;
        FollowUpTouch? last = null;
        foreach (var touch in touches)
        {
            if (touch.Closes && touch.At >= current.ReachedAt)
            {
                return result with { Status = FollowUpStatus.Completed, TouchesRecorded = recorded };
            }

            if (touch.Stage == current.Stage)
            {
                recorded++;
                last = touch;
            }
        }

        result = result with { TouchesRecorded = recorded };
        if (recorded >= cadence.Length)
        {
            return result with { Status = FollowUpStatus.Completed };
        }

        var dueAt = last is null ? current.ReachedAt + cadence[0] : last.At + (cadence[recorded] - cadence[recorded - 1]);
        if (_closeAfter is { } closeAfter && now - dueAt > closeAfter)
        {
            return result with { Status = FollowUpStatus.Expired };
        }

        return result with { Status = FollowUpStatus.Active, NextTouch = new ScheduledTouch(recorded + 1, cadence.Length, dueAt, now >= dueAt) };
    }

    private List<ResponseDeadline> Deadlines(OfferActivity activity, List<FollowUpTouch> touches, DateTimeOffset now)
    {
        var deadlines = new List<ResponseDeadline>();
        foreach (var lead in activity.Leads)
        {
            if (!_responseTimes.TryGetValue(lead.Action, out var responseTime))
            {
                continue;
            }

            var at = LeadOrder.TimeOf(lead);
            var respondBy = at + responseTime;
            var answer = touches.Find(touch => touch.At >= at);
            var status = answer is not null
                ? answer.At <= respondBy ? ResponseStatus.Met : ResponseStatus.MetLate
                : now > respondBy ? ResponseStatus.Overdue : ResponseStatus.Due;
            deadlines.Add(new ResponseDeadline { Lead = lead, LeadAt = at, RespondBy = respondBy, Status = status, RespondedAt = answer?.At });
        }

        return deadlines;
    }

    private List<FollowUpTask> Responses(IEnumerable<CustomerProfile> profiles, FollowUpLog log, DoNotContactHolds? holds, Func<ResponseDeadline, DateTimeOffset, bool> select, DateTimeOffset since)
    {
        ArgumentNullException.ThrowIfNull(profiles);
        ArgumentNullException.ThrowIfNull(log);
        var now = _time.GetUtcNow();
        var tasks = new List<FollowUpTask>();
        foreach (var profile in profiles)
        {
            if (profile is null || profile.DoNotContact || profile.IsTest || holds?.IsHeld(profile.Id) == true)
            {
                continue;
            }

            QualificationResult? qualification = null;
            foreach (var activity in profile.Offers)
            {
                var stage = activity.FurthestStage;
                foreach (var deadline in Deadlines(activity, log.For(profile, activity.Offer), now))
                {
                    if (!select(deadline, since))
                    {
                        continue;
                    }

                    qualification ??= _rules.Length == 0 ? QualificationResult.NoRules : QualificationResult.Evaluate(profile, _rules);
                    tasks.Add(new FollowUpTask
                    {
                        Kind = FollowUpTaskKind.Respond,
                        ProfileId = profile.Id,
                        Offer = activity.Offer,
                        Stage = stage,
                        DueAt = deadline.RespondBy,
                        IsOverdue = deadline.Status == ResponseStatus.Overdue,
                        LeadId = deadline.Lead.Id,
                        Context = Personalize(profile, activity.Offer, now),
                        Qualification = qualification,
                    });
                }
            }
        }

        // Soonest deadline first; for overdue tasks that is most overdue first.
        tasks.Sort(static (x, y) => x.DueAt.UtcTicks.CompareTo(y.DueAt.UtcTicks));
        return tasks;
    }

    private static PersonalizationContext Personalize(CustomerProfile profile, MarketplaceOffer offer, DateTimeOffset now)
    {
        var offers = new List<PersonalizedOffer>(profile.Offers.Count);
        PersonalizedOffer? subject = null;
        OfferActivity? subjectActivity = null;
        foreach (var activity in profile.Offers)
        {
            var actions = new List<LeadAction>();
            foreach (var lead in activity.Leads)
            {
                if (!actions.Contains(lead.Action))
                {
                    actions.Add(lead.Action);
                }
            }

            var personalized = new PersonalizedOffer { Offer = activity.Offer, Title = FunnelReport.TitleOf(activity), Actions = actions, Stage = activity.FurthestStage, LastActionAt = activity.LastSeen };
            offers.Add(personalized);
            if (activity.Offer == offer)
            {
                subject = personalized;
                subjectActivity = activity;
            }
        }

        var customer = profile.Customer;
        var leads = subjectActivity!.Leads;
        var ids = new LeadId[leads.Count];
        for (var i = 0; i < ids.Length; i++)
        {
            ids[i] = leads[i].Id;
        }

        var days = (now - subject!.LastActionAt).Ticks / TimeSpan.TicksPerDay;
        return new PersonalizationContext
        {
            FirstName = customer.FirstName,
            LastName = customer.LastName,
            Company = customer.Company,
            Title = customer.Title,
            Country = customer.Country,
            Email = customer.Email,
            Offer = subject,
            Offers = offers,
            Stage = subject.Stage,
            LastAction = leads[^1].Action,
            DaysSinceLastAction = (int)Math.Max(0, days),
            LeadIds = ids,
        };
    }

    private static OfferActivity? FindOffer(CustomerProfile profile, MarketplaceOffer offer)
    {
        foreach (var activity in profile.Offers)
        {
            if (activity.Offer == offer)
            {
                return activity;
            }
        }

        return null;
    }
}
