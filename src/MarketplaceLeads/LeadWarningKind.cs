namespace MarketplaceLeads;

/// <summary>
/// Identifies something odd about a lead that was still read and accepted: its data is kept as
/// sent, but someone should look at it (see <see cref="Lead.Warnings"/>).
/// </summary>
public enum LeadWarningKind
{
    /// <summary>
    /// A field holds U+FFFD, the replacement character: text was lost before or while the lead was
    /// read (a lone surrogate escape or invalid UTF-8 replaced by the reader, or a sender that had
    /// already lost it).
    /// </summary>
    ReplacementCharacter = 0,

    /// <summary>
    /// The action in <c>LeadSource</c> and the <c>ActionCode</c> field disagree (such as
    /// <c>AzureMarketplace-INS | …</c> with <c>"ActionCode":"PLT"</c>); <see cref="Lead.Action"/>
    /// says which one the SDK took and why.
    /// </summary>
    ActionCodeMismatch = 1,

    /// <summary>The <c>LeadSource</c> field is absent or blank, so the source and the offer are unknown.</summary>
    MissingLeadSource = 2,

    /// <summary>
    /// The <c>LeadSource</c> field is present but is neither <c>Source-Action | publisherid.offerid</c>
    /// nor a source name alone (such as <c>AzureMarketplace</c>, which the HTTPS test lead sends with
    /// the action in <c>ActionCode</c>); it is kept as sent in <see cref="Lead.LeadSourceText"/>.
    /// </summary>
    InvalidLeadSource = 3,

    /// <summary>Neither <c>LeadSource</c> nor <c>ActionCode</c> gives an action the SDK knows, so <see cref="Lead.Action"/> is <see cref="LeadAction.Unknown"/>.</summary>
    UnknownAction = 4,

    /// <summary>The customer's e-mail address is present but not a valid address (<see cref="CustomerInfo.EmailStatus"/> is <see cref="FieldStatus.Invalid"/>).</summary>
    InvalidEmail = 5,

    /// <summary>The customer's phone number is present but not a valid number (<see cref="CustomerInfo.PhoneStatus"/> is <see cref="FieldStatus.Invalid"/>).</summary>
    InvalidPhone = 6,

    /// <summary>The customer's country is present but not a country or region the SDK recognises (<see cref="CustomerInfo.CountryStatus"/> is <see cref="FieldStatus.Invalid"/>).</summary>
    UnknownCountry = 7,
}
