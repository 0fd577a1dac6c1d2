using System;
using System.Collections.Generic;
using MarketplaceLeads.Internal;

namespace MarketplaceLeads.FollowUp;

/// <summary>Configures follow-up: the response time per lead action, the nurture cadence per funnel stage, when an unanswered schedule closes, and the qualification rules.</summary>
public sealed class FollowUpOptions : ISelfValidatingOptions
{
    /// <summary>Gets the time within which a lead with a given action expects contact; actions not listed (by default <see cref="LeadAction.DoNotContact"/> and <see cref="LeadAction.Unknown"/>) get no response deadline.</summary>
    /// <value>Default 24 hours for <see cref="LeadAction.PartnerLedTrial"/> (<em>Contact me</em>), <see cref="LeadAction.Install"/> and <see cref="LeadAction.Create"/>; 4 hours for <see cref="LeadAction.StartTestDrive"/>. Each time must be positive; <see cref="LeadAction.DoNotContact"/> is not allowed.</value>
    public IDictionary<LeadAction, TimeSpan> ResponseTimes { get; } = new Dictionary<LeadAction, TimeSpan>
    {
        [LeadAction.PartnerLedTrial] = TimeSpan.FromHours(24),
        [LeadAction.StartTestDrive] = TimeSpan.FromHours(4),
        [LeadAction.Install] = TimeSpan.FromHours(24),
        [LeadAction.Create] = TimeSpan.FromHours(24),
    };

    /// <summary>Gets the nurture cadence per funnel stage: the offsets of the touches, from the time the stage was reached for the first touch and from the previous touch's recorded time (the difference of consecutive offsets) for the others. After the last touch the schedule closes.</summary>
    /// <value>Default <see cref="FunnelStage.Interest"/>: days 0, 2, 5, 10; <see cref="FunnelStage.Trial"/>: days 0, 1, 3, 7; <see cref="FunnelStage.Acquisition"/>: days 1, 14, 30. Keys must be one of those three stages; offsets must be non-negative and in ascending order.</value>
    public IDictionary<FunnelStage, IList<TimeSpan>> Cadence { get; } = new Dictionary<FunnelStage, IList<TimeSpan>>
    {
        [FunnelStage.Interest] = Days(0, 2, 5, 10),
        [FunnelStage.Trial] = Days(0, 1, 3, 7),
        [FunnelStage.Acquisition] = Days(1, 14, 30),
    };

    /// <summary>Gets or sets how long a touch may stay due, unrecorded, before the schedule closes as expired (the customer has gone cold), or <see langword="null"/> to keep it due for ever.</summary>
    /// <value>Default 30 days; when set, positive.</value>
    public TimeSpan? CloseAfter { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Gets the rules that qualify a customer (all must pass); none means every customer is qualified. Qualification is reported on plans and tasks; it does not filter them.</summary>
    public IList<IQualificationRule> QualificationRules { get; } = new List<IQualificationRule>();

    /// <summary>Checks the options, naming the property and value at fault.</summary>
    /// <exception cref="ArgumentException">A value is out of range or inconsistent.</exception>
    void ISelfValidatingOptions.Validate() => Validate();

    internal void Validate()
    {
        foreach (var (action, time) in ResponseTimes)
        {
            if (action == LeadAction.DoNotContact)
            {
                ThrowHelper.ThrowArgumentException(nameof(ResponseTimes), "FollowUpOptions.ResponseTimes[DoNotContact] must not be set: a do-not-contact lead never expects contact.");
            }

            if (time <= TimeSpan.Zero)
            {
                ThrowHelper.ThrowArgumentOutOfRange(nameof(ResponseTimes), time, $"FollowUpOptions.ResponseTimes[{action}] must be positive; it is {time}.");
            }
        }

        foreach (var (stage, offsets) in Cadence)
        {
            if (stage is not (FunnelStage.Interest or FunnelStage.Trial or FunnelStage.Acquisition))
            {
                ThrowHelper.ThrowArgumentException(nameof(Cadence), $"FollowUpOptions.Cadence[{stage}] is not allowed: the stage must be Interest, Trial or Acquisition.");
            }

            if (offsets is null)
            {
                ThrowHelper.ThrowArgumentException(nameof(Cadence), $"FollowUpOptions.Cadence[{stage}] is null.");
            }

            for (var i = 0; i < offsets.Count; i++)
            {
                if (offsets[i] < TimeSpan.Zero)
                {
                    ThrowHelper.ThrowArgumentOutOfRange(nameof(Cadence), offsets[i], $"FollowUpOptions.Cadence[{stage}][{i}] must not be negative; it is {offsets[i]}.");
                }

                if (i > 0 && offsets[i] < offsets[i - 1])
                {
                    ThrowHelper.ThrowArgumentOutOfRange(nameof(Cadence), offsets[i], $"FollowUpOptions.Cadence[{stage}][{i}] must not be earlier than the touch before it ({offsets[i - 1]}); it is {offsets[i]}.");
                }
            }
        }

        if (CloseAfter is { } close && close <= TimeSpan.Zero)
        {
            ThrowHelper.ThrowArgumentOutOfRange(nameof(CloseAfter), close, $"FollowUpOptions.CloseAfter must be positive or null; it is {close}.");
        }

        for (var i = 0; i < QualificationRules.Count; i++)
        {
            if (QualificationRules[i] is null)
            {
                ThrowHelper.ThrowArgumentException(nameof(QualificationRules), $"FollowUpOptions.QualificationRules[{i}] is null.");
            }
        }
    }

    private static List<TimeSpan> Days(params int[] days) => [.. Array.ConvertAll(days, static d => TimeSpan.FromDays(d))];
}
