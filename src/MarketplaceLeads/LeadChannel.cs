namespace MarketplaceLeads;

/// <summary>Identifies how a lead reached the publisher.</summary>
public enum LeadChannel
{
    /// <summary>Not known (for example a lead built in code without saying).</summary>
    Unknown = 0,

    /// <summary>The marketplace's HTTPS-endpoint destination: one JSON object POSTed per lead.</summary>
    HttpsEndpoint = 1,

    /// <summary>The marketplace's Azure Table destination: one entity per lead.</summary>
    AzureTable = 2,

    /// <summary>A CSV file.</summary>
    Csv = 3,

    /// <summary>A JSON Lines file of the SDK's own lead records.</summary>
    JsonLines = 4,

    /// <summary>Submitted by application code.</summary>
    Api = 5,

    /// <summary>Partner Center's Referrals API: one referral per lead, identified by the referral's id (package <c>MarketplaceLeads.PartnerCenter</c>).</summary>
    PartnerCenter = 6,
}
