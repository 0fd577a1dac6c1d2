namespace MarketplaceLeads;

/// <summary>What normalisation made of a customer field.</summary>
public enum FieldStatus
{
    /// <summary>The field is absent or blank.</summary>
    Missing = 0,

    /// <summary>The field was normalised; the normalised value is available.</summary>
    Valid = 1,

    /// <summary>The field is present but could not be normalised; it is kept as sent.</summary>
    Invalid = 2,
}
