namespace MarketplaceLeads;

/// <summary>
/// Identifies the Microsoft commercial marketplace storefront that produced a lead: the
/// <c>Source</c> part of a <see cref="LeadSource"/> (<c>Source-Action | Offer</c>).
/// </summary>
/// <remarks>
/// A source text the SDK does not recognise parses as <see cref="Unknown"/>; the original text is
/// kept in <see cref="LeadSource.SourceText"/> so nothing the marketplace sends is lost.
/// </remarks>
public enum MarketplaceSource
{
    /// <summary>A source text the SDK does not recognise (see <see cref="LeadSource.SourceText"/>), or no source at all.</summary>
    Unknown = 0,

    /// <summary>Azure Marketplace (<c>AzureMarketplace</c>).</summary>
    AzureMarketplace = 1,

    /// <summary>The Azure portal (<c>AzurePortal</c>); its leads come from <see cref="LeadAction.Create"/>.</summary>
    AzurePortal = 2,

    /// <summary>Microsoft AppSource, also written <c>SPZA</c> (its internal name) or <c>AppSource (SPZA)</c>.</summary>
    AppSource = 3,

    /// <summary>A test drive (<c>TestDrive</c>), listed as a source by older marketplace documentation.</summary>
    TestDrive = 4,
}
