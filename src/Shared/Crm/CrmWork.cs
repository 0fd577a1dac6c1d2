using System;
using System.Collections.Generic;
using System.Globalization;
using System.Runtime.ExceptionServices;
using MarketplaceLeads.Deduplication;
using MarketplaceLeads.Delivery;

namespace MarketplaceLeads.Crm;

/// <summary>One profile's upsert: the profile, the lead whose values it carries, and the <em>Contact me</em> leads that get a reply task (compiled into each CRM sink package, src/Shared/Crm).</summary>
/// <param name="Profile">The profile as its newest delivery of the batch left it.</param>
/// <param name="Lead">That delivery's lead.</param>
/// <param name="Replies">The <em>Contact me</em> leads of the profile in the batch that get a task (empty when tasks are off).</param>
internal sealed record CrmProfileWork(CustomerProfile Profile, Lead Lead, Lead[] Replies)
{
    /// <summary>The work of a batch: one upsert per profile with the profile as its newest delivery left it, and the <em>Contact me</em> leads that get a task.</summary>
    /// <param name="batch">The batch.</param>
    /// <param name="replyTasks">Whether <em>Contact me</em> leads get a task.</param>
    /// <returns>The work, in the order profiles first appear.</returns>
    public static List<CrmProfileWork> Plan(IReadOnlyList<LeadDelivery> batch, bool replyTasks)
    {
        var byProfile = new Dictionary<CustomerProfileId, int>();
        var work = new List<CrmProfileWork>(batch.Count);
        foreach (var delivery in batch)
        {
            var replies = replyTasks && delivery.Lead.Action == LeadAction.PartnerLedTrial ? [delivery.Lead] : Array.Empty<Lead>();
            if (byProfile.TryGetValue(delivery.Profile.Id, out var index))
            {
                var earlier = work[index];
                work[index] = new CrmProfileWork(delivery.Profile, delivery.Lead, [.. earlier.Replies, .. replies]);
            }
            else
            {
                byProfile.Add(delivery.Profile.Id, work.Count);
                work.Add(new CrmProfileWork(delivery.Profile, delivery.Lead, replies));
            }
        }

        return work;
    }

    /// <summary>The work of a profile change: one upsert per changed profile as it now is (its newest lead), no reply tasks.</summary>
    /// <param name="change">The change.</param>
    /// <returns>The work, in the change's order.</returns>
    public static List<CrmProfileWork> Of(ProfileChange change)
    {
        var work = new List<CrmProfileWork>(change.Profiles.Count);
        foreach (var profile in change.Profiles)
        {
            work.Add(new CrmProfileWork(profile, profile.Leads[^1], []));
        }

        return work;
    }

    /// <summary>
    /// Throws for the failures of some of <paramref name="total"/> items: the one failure as it is, or for several one exception that is not transient
    /// when any of them is not (the pipeline then sends each lead alone), else transient with the longest <c>Retry-After</c>. Returns when there is none.
    /// </summary>
    /// <param name="failures">The failures.</param>
    /// <param name="total">How many items were written.</param>
    /// <param name="what">What the items are, for the message, such as <c>customer profile(s)</c>.</param>
    public static void ThrowFailures(IReadOnlyList<Exception> failures, int total, string what)
    {
        if (failures.Count == 0)
        {
            return;
        }

        if (failures.Count == 1)
        {
            ExceptionDispatchInfo.Capture(failures[0]).Throw();
        }

        LeadSinkException? refused = null;
        TimeSpan? retryAfter = null;
        foreach (var failure in failures)
        {
            if (failure is LeadSinkException { IsTransient: false } sinkFailure)
            {
                refused ??= sinkFailure;
            }
            else if (failure is LeadSinkException { RetryAfter: { } wait } && (retryAfter is null || wait > retryAfter))
            {
                retryAfter = wait;
            }
        }

        var first = refused ?? failures[0];
        throw new LeadSinkException(
            $"{failures.Count.ToString(CultureInfo.InvariantCulture)} of {total.ToString(CultureInfo.InvariantCulture)} {what} failed; {(refused is null ? "the first" : "the first refused")}: {first.Message}",
            isTransient: refused is null,
            retryAfter: refused is null ? retryAfter : null,
            innerException: new AggregateException(failures));
    }
}
