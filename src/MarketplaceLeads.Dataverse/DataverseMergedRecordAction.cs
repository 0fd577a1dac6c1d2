namespace MarketplaceLeads.Dataverse;

/// <summary>What the Dataverse sink does with the lead record of a profile that a review merged into another (its leads now belong to the surviving profile's record).</summary>
public enum DataverseMergedRecordAction
{
    /// <summary>Closes the record as disqualified, status <em>Canceled</em> (<c>statecode</c> 2, <c>statuscode</c> 7), keeping its history; a record already gone is fine.</summary>
    Disqualify = 0,

    /// <summary>Deletes the record; a record already gone is fine.</summary>
    Delete = 1,

    /// <summary>Leaves the record as it is.</summary>
    Keep = 2,
}
