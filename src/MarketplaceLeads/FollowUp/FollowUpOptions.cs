using System;
using System.Collections.Generic;
using System.ComponentModel.DataAnnotations;
using MarketplaceLeads.Internal;
using Microsoft.Extensions.Options;

namespace MarketplaceLeads.FollowUp;

/// <summary>Configures follow-up: the response time per lead action, the nurture cadence per funnel stage, when an unanswered schedule closes, and the qualification rules.</summary>
public sealed class FollowUpOptions : IValidatableObject
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

    /// <summary>Gets how long before a reply's deadline <see cref="FollowUpAlerts"/> raises a <see cref="FollowUpAlertKind.Warning"/>, per lead action; an action not listed gets no warning (its breach is still raised at the deadline).</summary>
    /// <value>Default 4 hours for <see cref="LeadAction.PartnerLedTrial"/> (<em>Contact me</em>), <see cref="LeadAction.Install"/> and <see cref="LeadAction.Create"/>; 1 hour for <see cref="LeadAction.StartTestDrive"/>. Each time must be positive; <see cref="LeadAction.DoNotContact"/> is not allowed.</value>
    public IDictionary<LeadAction, TimeSpan> WarnBefore { get; } = new Dictionary<LeadAction, TimeSpan>
    {
        [LeadAction.PartnerLedTrial] = TimeSpan.FromHours(4),
        [LeadAction.StartTestDrive] = TimeSpan.FromHours(1),
        [LeadAction.Install] = TimeSpan.FromHours(4),
        [LeadAction.Create] = TimeSpan.FromHours(4),
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

    /// <summary>Checks the entries of the dictionaries and lists (the generated validator runs this).</summary>
    IEnumerable<ValidationResult> IValidatableObject.Validate(ValidationContext validationContext)
    {
        foreach (var result in ActionTimes(nameof(ResponseTimes), ResponseTimes))
        {
            yield return result;
        }

        foreach (var result in ActionTimes(nameof(WarnBefore), WarnBefore))
        {
            yield return result;
        }

        foreach (var (stage, offsets) in Cadence)
        {
            var entry = $"{nameof(Cadence)}[{stage}]";
            if (stage is not (FunnelStage.Interest or FunnelStage.Trial or FunnelStage.Acquisition))
            {
                yield return OptionsRules.Fail<FollowUpOptions>(entry, "is not allowed: the stage must be Interest, Trial or Acquisition");
            }
            else if (offsets is null)
            {
                yield return OptionsRules.Fail<FollowUpOptions>(entry, "is null");
            }
            else
            {
                for (var i = 0; i < offsets.Count; i++)
                {
                    if (offsets[i] < TimeSpan.Zero)
                    {
                        yield return OptionsRules.Fail<FollowUpOptions>($"{entry}[{i}]", $"must not be negative; it is {OptionsRules.Text(offsets[i])}");
                    }
                    else if (i > 0 && offsets[i] < offsets[i - 1])
                    {
                        yield return OptionsRules.Fail<FollowUpOptions>($"{entry}[{i}]", $"must not be earlier than the touch before it ({OptionsRules.Text(offsets[i - 1])}); it is {OptionsRules.Text(offsets[i])}");
                    }
                }
            }
        }

        if (CloseAfter is { } close && close <= TimeSpan.Zero)
        {
            yield return OptionsRules.Fail<FollowUpOptions>(nameof(CloseAfter), $"must be positive or null; it is {OptionsRules.Text(close)}");
        }

        for (var i = 0; i < QualificationRules.Count; i++)
        {
            if (QualificationRules[i] is null)
            {
                yield return OptionsRules.Fail<FollowUpOptions>($"{nameof(QualificationRules)}[{i}]", "is null");
            }
        }
    }

    private static IEnumerable<ValidationResult> ActionTimes(string name, IDictionary<LeadAction, TimeSpan> times)
    {
        foreach (var (action, time) in times)
        {
            if (action == LeadAction.DoNotContact)
            {
                yield return OptionsRules.Fail<FollowUpOptions>($"{name}[DoNotContact]", "must not be set: a do-not-contact lead never expects contact");
            }
            else if (time <= TimeSpan.Zero)
            {
                yield return OptionsRules.Fail<FollowUpOptions>($"{name}[{action}]", $"must be positive; it is {OptionsRules.Text(time)}");
            }
        }
    }

    private static List<TimeSpan> Days(params int[] days) => [.. Array.ConvertAll(days, static d => TimeSpan.FromDays(d))];
}

/// <summary>Validates <see cref="FollowUpOptions"/> (source-generated, no reflection; the rules are the options' <see cref="System.ComponentModel.DataAnnotations.IValidatableObject"/> ones).</summary>
[OptionsValidator]
internal sealed partial class FollowUpOptionsValidator : IValidateOptions<FollowUpOptions>
{
}
