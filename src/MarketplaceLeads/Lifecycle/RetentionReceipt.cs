using System;

namespace MarketplaceLeads.Lifecycle;

/// <summary>What applying the retention periods dropped (<see cref="ILeadErasure.ApplyRetentionAsync"/>): counts and the cut-off times, no personal data.</summary>
public sealed record RetentionReceipt
{
    /// <summary>Gets the cut-off for raw payloads: the raw payload of a lead accepted before it was dropped; <see langword="null"/> when raw payloads are kept.</summary>
    public DateTimeOffset? RawPayloadsBefore { get; init; }

    /// <summary>Gets the cut-off for dead letters: a dead letter recorded before it was dropped; <see langword="null"/> when dead letters are kept.</summary>
    public DateTimeOffset? DeadLettersBefore { get; init; }

    /// <summary>Gets how many stored leads lost their raw payload (a lead stored in several places counts once per place).</summary>
    public int RawPayloadsDropped { get; init; }

    /// <summary>Gets how many dead letters were dropped.</summary>
    public int DeadLettersDropped { get; init; }

    /// <summary>Adds the counts of another store's receipt (same cut-offs).</summary>
    /// <param name="other">The other receipt.</param>
    /// <returns>The sum.</returns>
    public RetentionReceipt Add(RetentionReceipt other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return this with { RawPayloadsDropped = RawPayloadsDropped + other.RawPayloadsDropped, DeadLettersDropped = DeadLettersDropped + other.DeadLettersDropped };
    }
}
