using System;
using System.Collections.Generic;
using MarketplaceLeads.Deduplication;

namespace MarketplaceLeads.Delivery;

/// <summary>What an <see cref="ILeadSink"/> receives for one lead: the lead, the customer profile it belongs to, and what de-duplication decided.</summary>
public sealed class LeadDelivery
{
    internal LeadDelivery(DeduplicationDecision decision, DateTimeOffset acceptedAt, bool isRedelivery)
    {
        Decision = decision;
        AcceptedAt = acceptedAt;
        IsRedelivery = isRedelivery;
    }

    /// <summary>Gets the lead.</summary>
    public Lead Lead => Decision.Lead;

    /// <summary>Gets the customer profile the lead belongs to, as it was right after the lead joined it.</summary>
    public CustomerProfile Profile => Decision.Profile;

    /// <summary>Gets what de-duplication decided: a new customer, a lead merged into a known one, or a test lead.</summary>
    /// <value>Never <see cref="DeduplicationOutcome.Redelivery"/>: a lead recovered after a restart gets the outcome it had (a new profile when the profile's id is the lead's own), with <see cref="IsRedelivery"/> set.</value>
    public DeduplicationOutcome Outcome => Decision.Outcome;

    /// <summary>Gets the full de-duplication decision (merged profiles, possible duplicates raised, reason).</summary>
    public DeduplicationDecision Decision { get; }

    /// <summary>Gets the possible duplicates this lead raised (pairs of profiles a person should review).</summary>
    public IReadOnlyList<PossibleDuplicate> PossibleDuplicates => Decision.PossibleDuplicates;

    /// <summary>Gets a value indicating whether the customer must not be contacted: the lead or any earlier lead of the profile was a do-not-contact lead (sticky).</summary>
    public bool DoNotContact => Decision.Profile.DoNotContact;

    /// <summary>Gets when the pipeline durably accepted the lead (from the pipeline's <see cref="TimeProvider"/>).</summary>
    public DateTimeOffset AcceptedAt { get; }

    /// <summary>
    /// Gets a value indicating whether this lead may have reached sinks before: it was recovered from the
    /// <see cref="ILeadJournal"/> after a restart, or the de-duplication state already knew it. A sink that must not
    /// write a lead twice checks <see cref="Lead.Id"/>.
    /// </summary>
    public bool IsRedelivery { get; }

    /// <inheritdoc/>
    public override string ToString() =>
        $"LeadDelivery {{ Lead = {Lead.Id}, Outcome = {Outcome}, Profile = {Profile.Id}, DoNotContact = {DoNotContact}, IsRedelivery = {IsRedelivery} }}";
}
