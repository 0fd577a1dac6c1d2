using System;

namespace MarketplaceLeads.Deduplication;

/// <summary>
/// Identifies a <see cref="CustomerProfile"/>: the <see cref="LeadId"/> of the lead that founded it.
/// When two profiles merge, the one whose founding lead is earlier keeps its id.
/// </summary>
/// <param name="FirstLeadId">The id of the lead that founded the profile.</param>
public readonly record struct CustomerProfileId(LeadId FirstLeadId) : IComparable<CustomerProfileId>
{
    /// <inheritdoc/>
    public int CompareTo(CustomerProfileId other) => FirstLeadId.CompareTo(other.FirstLeadId);

    /// <summary>Compares two ids.</summary>
    /// <param name="left">The first id.</param>
    /// <param name="right">The second id.</param>
    /// <returns><see langword="true"/> when <paramref name="left"/> sorts first.</returns>
    public static bool operator <(CustomerProfileId left, CustomerProfileId right) => left.CompareTo(right) < 0;

    /// <summary>Compares two ids.</summary>
    /// <param name="left">The first id.</param>
    /// <param name="right">The second id.</param>
    /// <returns><see langword="true"/> when <paramref name="left"/> sorts first or equal.</returns>
    public static bool operator <=(CustomerProfileId left, CustomerProfileId right) => left.CompareTo(right) <= 0;

    /// <summary>Compares two ids.</summary>
    /// <param name="left">The first id.</param>
    /// <param name="right">The second id.</param>
    /// <returns><see langword="true"/> when <paramref name="left"/> sorts last.</returns>
    public static bool operator >(CustomerProfileId left, CustomerProfileId right) => left.CompareTo(right) > 0;

    /// <summary>Compares two ids.</summary>
    /// <param name="left">The first id.</param>
    /// <param name="right">The second id.</param>
    /// <returns><see langword="true"/> when <paramref name="left"/> sorts last or equal.</returns>
    public static bool operator >=(CustomerProfileId left, CustomerProfileId right) => left.CompareTo(right) >= 0;

    /// <summary>Returns the first lead's id as text.</summary>
    /// <returns>The id.</returns>
    public override string ToString() => FirstLeadId.ToString();
}
