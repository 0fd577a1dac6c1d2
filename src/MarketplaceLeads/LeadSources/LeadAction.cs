namespace MarketplaceLeads;

/// <summary>
/// Identifies what the customer did in the marketplace: the <c>Action</c> part of a
/// <see cref="LeadSource"/> (<c>Source-Action | Offer</c>).
/// </summary>
/// <remarks>
/// An action text the SDK does not recognise parses as <see cref="Unknown"/>; the original text
/// is kept in <see cref="LeadSource.ActionText"/> so nothing the marketplace sends is lost.
/// </remarks>
public enum LeadAction
{
    /// <summary>An action text the SDK does not recognise (see <see cref="LeadSource.ActionText"/>), or no action at all.</summary>
    Unknown = 0,

    /// <summary><c>INS</c>: installation; the customer acquired the product (Azure Marketplace or AppSource).</summary>
    Install = 1,

    /// <summary><c>PLT</c>: partner-led trial; the customer clicked <em>Contact me</em> on AppSource.</summary>
    PartnerLedTrial = 2,

    /// <summary>
    /// <c>DNC</c>: do not contact; a partner cross-listed on the app page was asked to be contacted.
    /// The publisher is notified but must not contact the customer.
    /// </summary>
    DoNotContact = 3,

    /// <summary><c>Create</c>: Azure portal only; the customer purchased the offer into their account.</summary>
    Create = 4,

    /// <summary><c>StartTestDrive</c>: the customer started a test drive.</summary>
    StartTestDrive = 5,
}
