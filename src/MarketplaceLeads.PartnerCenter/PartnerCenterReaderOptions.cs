using System;
using System.Collections.Generic;
using System.ComponentModel.DataAnnotations;
using MarketplaceLeads.Checkpoints;
using MarketplaceLeads.Crm;
using MarketplaceLeads.Internal;
using Microsoft.Extensions.Options;

namespace MarketplaceLeads.PartnerCenter;

/// <summary>
/// Configures a <see cref="PartnerCenterLeadReader"/>: the app registration (tenant, client id, secret), the checkpoint, paging
/// and polling, and the optional write-back into the referrals.
/// </summary>
/// <remarks>
/// Copied and validated (by the generated validator) when the reader is created; changing them afterwards has no effect. Bind the
/// secret from configuration or a secret store, never from source code; it is never echoed in exception messages or logs.
/// </remarks>
public sealed class PartnerCenterReaderOptions : IValidatableObject
{
    /// <summary>Gets or sets the Microsoft Entra tenant of the app registration: its id (a GUID) or a verified domain. Required.</summary>
    [NotEmpty]
    public string TenantId { get; set; } = string.Empty;

    /// <summary>Gets or sets the app registration's application (client) id. Required.</summary>
    [NotEmpty]
    public string ClientId { get; set; } = string.Empty;

    /// <summary>Gets or sets the app registration's client secret (its value, not its id). Required; never echoed in messages or logs.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>Gets or sets the Microsoft Entra authority host the token is requested from: <c>{AuthorityHost}{TenantId}/oauth2/v2.0/token</c>.</summary>
    /// <value><c>https://login.microsoftonline.com/</c>. Absolute, <c>https</c> unless loopback (tests point it at a local server).</value>
    public Uri AuthorityHost { get; set; } = new("https://login.microsoftonline.com/");

    /// <summary>Gets or sets the Partner API's address; referrals are at <c>{ApiUrl}v1.0/engagements/referrals</c>.</summary>
    /// <value><c>https://api.partner.microsoft.com/</c>; the token's scope is always <c>https://api.partner.microsoft.com/.default</c>.</value>
    public Uri ApiUrl { get; set; } = new("https://api.partner.microsoft.com/");

    /// <summary>Gets or sets where the reader keeps its checkpoint. Required, unless <see cref="CheckpointDirectory"/> is set.</summary>
    public ILeadReaderCheckpointStore? CheckpointStore { get; set; }

    /// <summary>Gets or sets a folder for an <see cref="FileLeadReaderCheckpointStore"/> (used when <see cref="CheckpointStore"/> is not set).</summary>
    public string? CheckpointDirectory { get; set; }

    /// <summary>Gets or sets the name the checkpoint is saved under.</summary>
    /// <value><c>partner-center-referrals</c>. Give each reader of the same store its own.</value>
    [NotEmpty]
    public string CheckpointName { get; set; } = "partner-center-referrals";

    /// <summary>Gets or sets how many referrals one page asks for (<c>$top</c>); the checkpoint is saved after each page.</summary>
    /// <value>100, the API's maximum. Range: 1 to 100.</value>
    [IntBetween(1, 100)]
    public int PageSize { get; set; } = 100;

    /// <summary>Gets or sets how long the hosted reader waits between passes.</summary>
    /// <value>5 minutes. Range: 10 ms to 1 day.</value>
    [TimeSpanBetween("00:00:00.010", "1.00:00:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Gets or sets how far below the watermark (the newest <c>updatedDateTime</c> of a complete pass) each pass looks again, to
    /// catch referrals whose update became visible late; referrals read before are recognised by id and update time and not handed out again.
    /// </summary>
    /// <value>10 minutes. Range: 0 to 7 days.</value>
    [TimeSpanBetween("00:00:00", "7.00:00:00")]
    public TimeSpan OverlapWindow { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Gets or sets how long one HTTP request may take.</summary>
    /// <value>30 seconds; between 10 milliseconds and 10 minutes.</value>
    [TimeSpanBetween("00:00:00.010", "00:10:00")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets a value indicating whether, once a referral's lead reaches a CRM sink that names its records (<see cref="Delivery.ILeadRecordSink"/>),
    /// the CRM record id is written into the referral's <c>externalReferenceId</c> and a <c>New</c> referral becomes <c>Active</c>/<c>Accepted</c>; and
    /// whether the follow-up outcomes recorded for a referral's lead (won, lost, disqualified: touches of the default pipeline's follow-up store, read every
    /// <see cref="PollInterval"/>) make the referral <c>Closed</c> with substatus <c>Won</c>, <c>Lost</c> or <c>Declined</c>.</summary>
    /// <value><see langword="false"/>. Needs an app registration allowed to update referrals.</value>
    public bool WriteBack { get; set; }

    /// <summary>
    /// Gets or sets a value indicating whether, with <see cref="WriteBack"/>, a referral whose <c>externalReferenceId</c> is empty gets this
    /// SDK's own id for its lead's customer: the profile id (<see cref="Deduplication.CustomerProfileId"/>, 32 hexadecimal digits) the lead
    /// was put in, which <c>marketplace-leads explain</c> and the dashboard find the customer by (also after a merge: it is the id of the
    /// profile's first lead). It is written <see cref="ProfileIdDelay"/> after the lead is decided, unless a CRM sink named a record for the
    /// lead meanwhile; a CRM record id written later replaces it, and a value already in the field (a CRM's, or typed in Partner Center) is
    /// never replaced by it. A <c>New</c> referral becomes <c>Active</c>/<c>Accepted</c> with it.
    /// </summary>
    /// <value><see langword="true"/>: a publisher without a CRM sink sees the SDK's ids in Partner Center.</value>
    public bool WriteProfileId { get; set; } = true;

    /// <summary>Gets or sets how long a referral's profile id (<see cref="WriteProfileId"/>) waits for a CRM record id before it is written, so that a
    /// lead that reaches a CRM sink normally gets one update, with the CRM's id.</summary>
    /// <value>1 minute. Range: 0 to 1 day.</value>
    [TimeSpanBetween("00:00:00", "1.00:00:00")]
    public TimeSpan ProfileIdDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Gets or sets the limits for mapping referrals; <see langword="null"/> for the defaults. The error policy is always
    /// <see cref="LeadReadErrorPolicy.SkipAndReport"/>: a referral that cannot be mapped becomes a <see cref="LeadReadError"/> with its raw JSON.</summary>
    public LeadReaderOptions? Reader { get; set; }

    /// <summary>Copies the options, so that later changes have no effect on the copy.</summary>
    internal PartnerCenterReaderOptions Snapshot() => (PartnerCenterReaderOptions)MemberwiseClone();

    /// <summary>Checks the URLs, the secret, the tenant and the checkpoint (the generated validator runs this); messages never quote the secret.</summary>
    IEnumerable<ValidationResult> IValidatableObject.Validate(ValidationContext validationContext)
    {
        foreach (var problem in EntraApp.Check<PartnerCenterReaderOptions>(AuthorityHost, TenantId, ClientSecret))
        {
            yield return problem;
        }

        if (ApiUrl is null)
        {
            yield return OptionsRules.Fail<PartnerCenterReaderOptions>(nameof(ApiUrl), "must be set; it is null");
        }
        else if (CrmUrls.Check(ApiUrl) is { } problem)
        {
            yield return OptionsRules.Fail<PartnerCenterReaderOptions>(nameof(ApiUrl), problem);
        }

        if (CheckpointStore is null && string.IsNullOrWhiteSpace(CheckpointDirectory))
        {
            yield return OptionsRules.Fail<PartnerCenterReaderOptions>(nameof(CheckpointStore), "or PartnerCenterReaderOptions.CheckpointDirectory must be set: the reader needs a durable checkpoint; both are empty");
        }
    }
}

/// <summary>Validates <see cref="PartnerCenterReaderOptions"/> (source-generated from its validation attributes and <see cref="IValidatableObject"/> rules, no reflection).</summary>
[OptionsValidator]
internal sealed partial class PartnerCenterReaderOptionsValidator : IValidateOptions<PartnerCenterReaderOptions>
{
}
