using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using MarketplaceLeads.Deduplication;
using MarketplaceLeads.Normalization;

namespace MarketplaceLeads.Lifecycle;

/// <summary>
/// What a store or sink is asked to erase (<see cref="ILeadErasureSink.EraseAsync"/>): the customer's profiles and every lead
/// they hold, found in the de-duplication store, and the customer's normalised e-mail addresses, by which a store finds what
/// no id reaches (a record that could not be read, kept only as its raw text; a record in a CRM).
/// </summary>
/// <remarks>The request holds personal data (<see cref="Emails"/>): keep it no longer than the erasure, and never log it. The <see cref="ErasureReceipt"/> holds ids only.</remarks>
public sealed record ErasureRequest
{
    /// <summary>Gets the erasure's id: a new random 32-digit hexadecimal id, the same in the receipt and the audit record.</summary>
    public required string ErasureId { get; init; }

    /// <summary>Gets when the erasure was requested (from the injected clock).</summary>
    public required DateTimeOffset RequestedAt { get; init; }

    /// <summary>Gets the customer's profiles.</summary>
    public required IReadOnlyList<CustomerProfileId> ProfileIds { get; init; }

    /// <summary>Gets every lead of those profiles.</summary>
    public required IReadOnlyList<LeadId> LeadIds { get; init; }

    /// <summary>Gets the customer's e-mail addresses, normalised (the one asked for and those of the profiles found). Personal data.</summary>
    public required IReadOnlyList<string> Emails { get; init; }

    /// <summary>Finds the profiles that hold an e-mail address (normalised as leads' addresses are) and builds the request to erase them.</summary>
    /// <param name="store">The de-duplication store that holds the profiles.</param>
    /// <param name="email">The e-mail address.</param>
    /// <param name="timeProvider">The clock for <see cref="RequestedAt"/>; <see langword="null"/> for <see cref="TimeProvider.System"/>.</param>
    /// <param name="cancellationToken">Cancels the search.</param>
    /// <returns>The request; with no profiles when none holds the address (its <see cref="Emails"/> still name it, so that records kept outside profiles are erased).</returns>
    /// <exception cref="ArgumentException"><paramref name="email"/> is empty.</exception>
    public static async Task<ErasureRequest> ForEmailAsync(ILeadDeduplicationStore store, string email, TimeProvider? timeProvider = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        var normalized = NormalizeEmail(email);
        var profiles = new List<CustomerProfile>();
        await foreach (var profile in store.GetProfilesAsync(cancellationToken).ConfigureAwait(false))
        {
            foreach (var held in profile.Emails)
            {
                if (string.Equals(held, normalized, StringComparison.OrdinalIgnoreCase))
                {
                    profiles.Add(profile);
                    break;
                }
            }
        }

        return Create(profiles, [normalized], timeProvider);
    }

    /// <summary>Builds the request to erase one profile and its leads.</summary>
    /// <param name="store">The de-duplication store that holds the profile.</param>
    /// <param name="profileId">The profile's id.</param>
    /// <param name="timeProvider">The clock for <see cref="RequestedAt"/>; <see langword="null"/> for <see cref="TimeProvider.System"/>.</param>
    /// <param name="cancellationToken">Cancels the search.</param>
    /// <returns>The request; when the store has no such profile, it names the profile alone (a store or sink may still hold it).</returns>
    public static async Task<ErasureRequest> ForProfileAsync(ILeadDeduplicationStore store, CustomerProfileId profileId, TimeProvider? timeProvider = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        var profile = await store.FindProfileAsync(profileId, cancellationToken).ConfigureAwait(false);
        if (profile is null)
        {
            return new ErasureRequest
            {
                ErasureId = NewId(),
                RequestedAt = (timeProvider ?? TimeProvider.System).GetUtcNow(),
                ProfileIds = [profileId],
                LeadIds = [profileId.FirstLeadId],
                Emails = [],
            };
        }

        return Create([profile], [], timeProvider);
    }

    /// <summary>Normalises an e-mail address as a lead's is (trimmed, lower case), for comparison with what stores hold; an address a reader could not validate is kept as sent, so it is compared trimmed and in lower case as well.</summary>
    /// <param name="email">The address.</param>
    /// <returns>The normalised address.</returns>
    /// <exception cref="ArgumentException">The text is empty or white space.</exception>
    public static string NormalizeEmail(string email)
    {
        ArgumentNullException.ThrowIfNull(email);
        if (string.IsNullOrWhiteSpace(email))
        {
            throw new ArgumentException("The customer's e-mail address is empty.", nameof(email));
        }

        EmailNormalizer.Normalize(email, out var normalized);
        return normalized ?? email.Trim().ToLowerInvariant();
    }

    /// <summary>Adds the profiles and leads a store found beyond the de-duplication store (a sink's own rows), keeping the id and time.</summary>
    /// <param name="profileIds">More profiles.</param>
    /// <param name="leadIds">More leads.</param>
    /// <returns>The request with the union of the ids.</returns>
    public ErasureRequest With(IEnumerable<CustomerProfileId> profileIds, IEnumerable<LeadId> leadIds)
    {
        ArgumentNullException.ThrowIfNull(profileIds);
        ArgumentNullException.ThrowIfNull(leadIds);
        var profiles = new SortedSet<CustomerProfileId>(ProfileIds);
        profiles.UnionWith(profileIds);
        var leads = new SortedSet<LeadId>(LeadIds);
        leads.UnionWith(leadIds);
        return this with { ProfileIds = [.. profiles], LeadIds = [.. leads] };
    }

    private static ErasureRequest Create(IEnumerable<CustomerProfile> profiles, IEnumerable<string> emails, TimeProvider? timeProvider)
    {
        var profileIds = new SortedSet<CustomerProfileId>();
        var leadIds = new SortedSet<LeadId>();
        var addresses = new SortedSet<string>(emails, StringComparer.Ordinal);
        foreach (var profile in profiles)
        {
            profileIds.Add(profile.Id);
            foreach (var lead in profile.Leads)
            {
                leadIds.Add(lead.Id);
            }

            addresses.UnionWith(profile.Emails);
        }

        return new ErasureRequest
        {
            ErasureId = NewId(),
            RequestedAt = (timeProvider ?? TimeProvider.System).GetUtcNow(),
            ProfileIds = [.. profileIds],
            LeadIds = [.. leadIds],
            Emails = [.. addresses],
        };
    }

    private static string NewId() => Guid.NewGuid().ToString("N", CultureInfo.InvariantCulture);
}
