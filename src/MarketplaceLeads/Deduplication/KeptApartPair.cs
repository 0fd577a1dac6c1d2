namespace MarketplaceLeads.Deduplication;

/// <summary>
/// Two profiles that a review said are different people — a rejected possible duplicate, or the two parts of a split
/// profile. They are never merged (automatically or by accepting them) and never raised as a possible duplicate again;
/// when either is merged into another profile, the pair moves to the profile that remains.
/// </summary>
/// <param name="First">The profile with the smaller id.</param>
/// <param name="Second">The profile with the larger id.</param>
public readonly record struct KeptApartPair(CustomerProfileId First, CustomerProfileId Second)
{
    /// <summary>Creates the pair of two profiles, the smaller id first.</summary>
    /// <param name="one">One profile.</param>
    /// <param name="other">The other profile.</param>
    /// <returns>The pair.</returns>
    public static KeptApartPair Of(CustomerProfileId one, CustomerProfileId other) => one <= other ? new(one, other) : new(other, one);
}
