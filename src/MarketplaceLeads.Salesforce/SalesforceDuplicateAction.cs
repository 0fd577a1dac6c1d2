namespace MarketplaceLeads.Salesforce;

/// <summary>What the Salesforce sink makes of a lead that an active duplicate rule blocks (<c>DUPLICATES_DETECTED</c>: the person matches Leads or Contacts already in the org).</summary>
public enum SalesforceDuplicateAction
{
    /// <summary>The lead fails, not transient, with a <see cref="SalesforceRecordConflictException"/> that carries the matching records' ids; the pipeline dead-letters it, so the sales team sees the lead and the records it matched.</summary>
    Fail = 0,

    /// <summary>The lead counts as delivered: the person is already in the CRM. No record is written; the matching records' ids are logged with the lead id.</summary>
    Delivered = 1,
}
