using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace MarketplaceLeads.Deduplication;

/// <summary>
/// A durable <see cref="ILeadDeduplicationStore"/> that remembers which blocking keys its leads are filed under (the key
/// scheme: the version of the built-in keys, the matching options that choose them, the custom strategies) and files its
/// leads again when a de-duplicator derives them differently — after an upgrade that added or changed a key, or a change of
/// options. Without it, the leads stored before are found only by the keys they were filed under then, and a new lead of
/// the same person that would meet them by a new key does not. <see cref="LeadDeduplicator"/> checks the scheme before its
/// first decision and files again when it differs.
/// </summary>
public interface IRefilingLeadDeduplicationStore : ILeadDeduplicationStore
{
    /// <summary>Gets the key scheme the stored leads are filed under.</summary>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>The scheme, or <see langword="null"/> when none was recorded (a store written before schemes were kept, or a new one).</returns>
    ValueTask<string?> GetKeySchemeAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Files every stored lead again, atomically: the index is rebuilt with each lead's keys from
    /// <paramref name="filingKeys"/>, in the order the leads were first saved, one lead per profile per key (as
    /// <see cref="ILeadDeduplicationStore.SaveAsync"/> files them), and <paramref name="keyScheme"/> is recorded. A lead whose
    /// content cannot be read keeps the keys it had. Decisions, profiles and possible duplicates are not changed: only what
    /// later leads can meet.
    /// </summary>
    /// <param name="keyScheme">The scheme of <paramref name="filingKeys"/>.</param>
    /// <param name="filingKeys">The keys a lead is filed under (called once per stored lead, from one thread).</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>How many leads were filed again.</returns>
    ValueTask<int> RefileAsync(string keyScheme, Func<Lead, IReadOnlyList<ulong>> filingKeys, CancellationToken cancellationToken = default);
}
