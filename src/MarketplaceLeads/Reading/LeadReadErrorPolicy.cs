namespace MarketplaceLeads;

/// <summary>What a <see cref="LeadReader"/> does with a record it cannot read.</summary>
public enum LeadReadErrorPolicy
{
    /// <summary>Throw a <see cref="LeadReadException"/> carrying the <see cref="LeadReadError"/> (the default).</summary>
    Throw = 0,

    /// <summary>Return the error as a <see cref="LeadReadResult"/> with the record's raw text, and go on with the next record.</summary>
    SkipAndReport = 1,
}
