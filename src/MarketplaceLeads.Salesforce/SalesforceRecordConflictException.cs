using System;
using System.Collections.Generic;
using MarketplaceLeads.Delivery;

namespace MarketplaceLeads.Salesforce;

/// <summary>
/// A lead Salesforce refused because of records already in the org: a duplicate rule matched them (<c>DUPLICATES_DETECTED</c>), or several Lead
/// records carry the profile's external id (HTTP 300 Multiple Choices, <c>DUPLICATE_EXTERNAL_ID</c> in a batch). Not transient: retrying cannot
/// help until someone merges or edits those records. The message and <see cref="RecordIds"/> name records by id only.
/// </summary>
public sealed class SalesforceRecordConflictException : LeadSinkException
{
    /// <summary>The code of a duplicate rule's block.</summary>
    public const string DuplicatesDetected = "DUPLICATES_DETECTED";

    /// <summary>The code of several records with the same external id (and of the single upsert's HTTP 300).</summary>
    public const string DuplicateExternalId = "DUPLICATE_EXTERNAL_ID";

    /// <summary>Initializes a new instance.</summary>
    /// <param name="message">What failed (ids only).</param>
    /// <param name="leadId">The lead.</param>
    /// <param name="errorCode"><see cref="DuplicatesDetected"/> or <see cref="DuplicateExternalId"/>.</param>
    /// <param name="recordIds">The ids of the records concerned.</param>
    public SalesforceRecordConflictException(string message, LeadId leadId, string errorCode, IReadOnlyList<string> recordIds)
        : base(message, isTransient: false)
    {
        ArgumentNullException.ThrowIfNull(errorCode);
        ArgumentNullException.ThrowIfNull(recordIds);
        LeadId = leadId;
        ErrorCode = errorCode;
        RecordIds = recordIds;
    }

    /// <summary>Gets the lead that was refused.</summary>
    public LeadId LeadId { get; }

    /// <summary>Gets Salesforce's code: <see cref="DuplicatesDetected"/> or <see cref="DuplicateExternalId"/>.</summary>
    public string ErrorCode { get; }

    /// <summary>Gets the ids of the records already in the org that the lead matched (for <see cref="DuplicateExternalId"/>: the records that share its external id).</summary>
    public IReadOnlyList<string> RecordIds { get; }
}
