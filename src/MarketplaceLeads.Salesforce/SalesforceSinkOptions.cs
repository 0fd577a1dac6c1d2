using System;
using System.Collections.Generic;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using MarketplaceLeads.Crm;
using MarketplaceLeads.Internal;
using Microsoft.Extensions.Options;

namespace MarketplaceLeads.Salesforce;

/// <summary>
/// Configures the Salesforce sink (<c>builder.AddSalesforceSink(o =&gt; { o.MyDomainUrl = …; o.ClientId = …; o.ClientSecret = …; })</c>):
/// each customer profile becomes one <c>Lead</c> record of the org, upserted by <see cref="ExternalIdField"/> = the profile id.
/// </summary>
/// <remarks>
/// The options are copied and validated (by the generated validator) when <c>AddSalesforceSink</c> runs; changing them afterwards has no effect.
/// Bind the secret from configuration or a secret store, never from source code; it is never echoed in exception messages or logs.
/// Retries, back-off and dead letters are the pipeline's.
/// </remarks>
public sealed class SalesforceSinkOptions : IValidatableObject
{
    /// <summary>Gets or sets the org's My Domain URL, such as <c>https://contoso.my.salesforce.com</c>. Required.</summary>
    /// <value><see langword="null"/>: must be set. Absolute, <c>https</c> (plain <c>http</c> only for a loopback host, as in tests), without a path, query or credentials.
    /// The token comes from <c>{MyDomainUrl}/services/oauth2/token</c>; the REST API is at <c>{MyDomainUrl}/services/data/v{ApiVersion}/</c>.</value>
    public Uri? MyDomainUrl { get; set; }

    /// <summary>Gets or sets the connected app's (or external client app's) consumer key. Required.</summary>
    [NotEmpty]
    public string ClientId { get; set; } = string.Empty;

    /// <summary>Gets or sets the consumer secret. Required; never echoed in messages or logs.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>Gets or sets the REST API version, such as <c>64.0</c>.</summary>
    /// <value><c>64.0</c> (Summer '25); 46.0 or later (sObject Collections upsert and the <c>created</c> flag need it).</value>
    [NotEmpty]
    public string ApiVersion { get; set; } = "64.0";

    /// <summary>Gets or sets the API name of the Lead's external-id field that holds our profile id (docs/crm.md says how to create it).</summary>
    /// <value><c>MarketplaceProfileId__c</c>: a text field of at least 32 characters marked <em>External ID</em> and <em>Unique</em>.</value>
    [NotEmpty]
    public string ExternalIdField { get; set; } = "MarketplaceProfileId__c";

    /// <summary>Gets or sets the sink's name in the pipeline and journal; also part of the name of the <c>HttpClient</c> it uses.</summary>
    /// <value><c>salesforce</c>. Keep it stable across releases: the journal records progress under it.</value>
    [NotEmpty]
    public string Name { get; set; } = "salesforce";

    /// <summary>Gets or sets how many records one sObject Collections upsert carries (a batch of one profile is a single upsert).</summary>
    /// <value>200, Salesforce's limit; between 1 and 200.</value>
    [IntBetween(1, 200)]
    public int MaxRecordsPerRequest { get; set; } = 200;

    /// <summary>Gets or sets how long one HTTP request may take; then it is cancelled and fails as transient.</summary>
    /// <value>30 seconds; between 10 milliseconds and 10 minutes. Keep it below the pipeline's <see cref="MarketplaceLeadsOptions.AttemptTimeout"/>.</value>
    [TimeSpanBetween("00:00:00.010", "00:10:00")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets how long a token is used before a new one is fetched. Salesforce's token answer has no expiry: the session ends after the
    /// connected app's (or org's) session timeout; an earlier end (401 <c>INVALID_SESSION_ID</c>) gets a new token at once, and the request is sent once more.</summary>
    /// <value>1 hour; between 1 minute and 24 hours. Keep it below the session timeout (2 hours by default).</value>
    [TimeSpanBetween("00:01:00", "1.00:00:00")]
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Gets or sets how long every request to the org pauses after <c>REQUEST_LIMIT_EXCEEDED</c> (HTTP 403: the org's API request limit, which
    /// Salesforce counts over 24 hours and answers without a <c>Retry-After</c>).</summary>
    /// <value>15 minutes; between 1 second and 1 day. The pipeline waits at least this long (up to its <c>MaxRetryAfter</c>).</value>
    [TimeSpanBetween("00:00:01", "1.00:00:00")]
    public TimeSpan RequestLimitPause { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Gets or sets what a lead that a duplicate rule blocks (<c>DUPLICATES_DETECTED</c>) becomes.</summary>
    /// <value><see cref="SalesforceDuplicateAction.Fail"/>: a <see cref="SalesforceRecordConflictException"/> with the matching records' ids, dead-lettered by the pipeline.</value>
    [DefinedEnum]
    public SalesforceDuplicateAction DuplicatesDetected { get; set; } = SalesforceDuplicateAction.Fail;

    /// <summary>Gets or sets a value indicating whether a <em>Contact me</em> lead (<see cref="LeadAction.PartnerLedTrial"/>) also gets a Task on its Lead record (<c>WhoId</c>), due at its reply-by time.</summary>
    /// <value><see langword="false"/>. The Task is upserted by <see cref="TaskExternalIdField"/> = the lead id, so a redelivered lead never makes a second Task.</value>
    public bool CreateReplyTasks { get; set; }

    /// <summary>Gets or sets the API name of the Activity external-id field that holds the lead id of a reply Task.</summary>
    /// <value><c>MarketplaceLeadId__c</c>: a text field of at least 32 characters on Activity, marked <em>External ID</em> and <em>Unique</em>.</value>
    [NotEmpty]
    public string TaskExternalIdField { get; set; } = "MarketplaceLeadId__c";

    /// <summary>Gets or sets the reply-by time of a <em>Contact me</em> lead's Task: from when the lead happened (created, else received).</summary>
    /// <value>24 hours, the default response time of <c>FollowUpOptions.ResponseTimes</c> for <em>Contact me</em>; between 1 minute and 30 days.</value>
    [TimeSpanBetween("00:01:00", "30.00:00:00")]
    public TimeSpan ReplyWithin { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Gets the field each value is written to; set a field to <see langword="null"/> to leave it alone, or to your own field's API name.</summary>
    [ValidateObjectMembers]
    public SalesforceLeadMapping Mapping { get; } = new();

    /// <summary>Copies the options (the mapping too), so that later changes have no effect on the copy.</summary>
    internal SalesforceSinkOptions Snapshot()
    {
        var copy = new SalesforceSinkOptions
        {
            MyDomainUrl = MyDomainUrl,
            ClientId = ClientId,
            ClientSecret = ClientSecret,
            ApiVersion = ApiVersion,
            ExternalIdField = ExternalIdField,
            Name = Name,
            MaxRecordsPerRequest = MaxRecordsPerRequest,
            RequestTimeout = RequestTimeout,
            TokenLifetime = TokenLifetime,
            RequestLimitPause = RequestLimitPause,
            DuplicatesDetected = DuplicatesDetected,
            CreateReplyTasks = CreateReplyTasks,
            TaskExternalIdField = TaskExternalIdField,
            ReplyWithin = ReplyWithin,
        };
        Mapping.CopyTo(copy.Mapping);
        return copy;
    }

    /// <summary>Checks the URL, the secret, the API version and the field names (the generated validator runs this); messages never quote the secret.</summary>
    IEnumerable<ValidationResult> IValidatableObject.Validate(ValidationContext validationContext)
    {
        if (MyDomainUrl is not { } domain)
        {
            yield return OptionsRules.Fail<SalesforceSinkOptions>(nameof(MyDomainUrl), "must be set to the org's My Domain URL, such as https://contoso.my.salesforce.com; it is null");
        }
        else if (CrmUrls.Check(domain) is { } problem)
        {
            yield return OptionsRules.Fail<SalesforceSinkOptions>(nameof(MyDomainUrl), problem);
        }
        else if (domain.AbsolutePath != "/" || domain.Query.Length > 0 || domain.Fragment.Length > 0)
        {
            yield return OptionsRules.Fail<SalesforceSinkOptions>(nameof(MyDomainUrl), $"must be the My Domain URL alone, without a path or query (the sink adds /services/…); it is '{domain.Scheme}://{domain.Authority}{domain.AbsolutePath}'");
        }

        if (string.IsNullOrWhiteSpace(ClientSecret))
        {
            yield return OptionsRules.Fail<SalesforceSinkOptions>(nameof(ClientSecret), $"must be set (bind it from configuration or a secret store); it is {(ClientSecret is null ? "null" : "empty")}");
        }

        if (!string.IsNullOrWhiteSpace(ApiVersion) && !IsApiVersion(ApiVersion))
        {
            yield return OptionsRules.Fail<SalesforceSinkOptions>(nameof(ApiVersion), $"must be a REST API version of 46.0 or later, such as 64.0 (without the 'v'); it is '{ApiVersion}'");
        }

        foreach (var (property, field) in new[] { (nameof(ExternalIdField), ExternalIdField), (nameof(TaskExternalIdField), TaskExternalIdField) })
        {
            if (!string.IsNullOrWhiteSpace(field) && !SalesforceLeadMapping.IsApiName(field))
            {
                yield return OptionsRules.Fail<SalesforceSinkOptions>(property, $"must be a field's API name (letters, digits and '_', starting with a letter, such as MarketplaceProfileId__c); it is '{field}'");
            }
        }
    }

    /// <summary>Whether a text is <c>NN.N</c> with NN at least 46.</summary>
    internal static bool IsApiVersion(string version)
    {
        var dot = version.IndexOf('.', StringComparison.Ordinal);
        return dot > 0 && dot == version.Length - 2 && char.IsAsciiDigit(version[^1])
            && int.TryParse(version.AsSpan(0, dot), NumberStyles.None, CultureInfo.InvariantCulture, out var major) && major is >= 46 and < 1000;
    }
}

/// <summary>Validates <see cref="SalesforceSinkOptions"/> and its <see cref="SalesforceSinkOptions.Mapping"/> (source-generated, no reflection).</summary>
[OptionsValidator]
internal sealed partial class SalesforceSinkOptionsValidator : IValidateOptions<SalesforceSinkOptions>
{
}
