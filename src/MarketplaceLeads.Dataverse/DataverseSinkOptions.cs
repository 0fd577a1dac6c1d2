using System;
using System.Collections.Generic;
using System.ComponentModel.DataAnnotations;
using MarketplaceLeads.Crm;
using MarketplaceLeads.Internal;
using Microsoft.Extensions.Options;

namespace MarketplaceLeads.Dataverse;

/// <summary>
/// Configures the Dataverse sink (<c>builder.AddDataverseSink(o =&gt; { o.EnvironmentUrl = …; o.TenantId = …; o.ClientId = …; o.ClientSecret = …; })</c>):
/// each customer profile becomes one <c>lead</c> record of the environment, upserted by <see cref="AlternateKeyColumn"/> = the profile id.
/// </summary>
/// <remarks>
/// The options are copied and validated (by the generated validator) when <c>AddDataverseSink</c> runs; changing them afterwards has no effect.
/// Bind the secret from configuration or a secret store (<c>o.ClientSecret = configuration["Dataverse:ClientSecret"]</c>), never from source code;
/// it is never echoed in exception messages or logs. Retries, back-off and dead letters are the pipeline's.
/// </remarks>
public sealed class DataverseSinkOptions : IValidatableObject
{
    /// <summary>Gets or sets the environment's URL, such as <c>https://contoso.crm.dynamics.com</c>. Required.</summary>
    /// <value><see langword="null"/>: must be set. Absolute, <c>https</c> (plain <c>http</c> only for a loopback host, as in tests), without a path, query or credentials.
    /// The token's scope is this URL + <c>/.default</c>; the Web API is at <c>{EnvironmentUrl}/api/data/v9.2/</c>.</value>
    public Uri? EnvironmentUrl { get; set; }

    /// <summary>Gets or sets the Microsoft Entra tenant of the app registration: its id (a GUID) or a verified domain such as <c>contoso.onmicrosoft.com</c>. Required.</summary>
    [NotEmpty]
    public string TenantId { get; set; } = string.Empty;

    /// <summary>Gets or sets the app registration's application (client) id. Required.</summary>
    [NotEmpty]
    public string ClientId { get; set; } = string.Empty;

    /// <summary>Gets or sets the app registration's client secret (its value, not its id). Required; never echoed in messages or logs.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>Gets or sets the Microsoft Entra authority host the token is requested from: <c>{AuthorityHost}{TenantId}/oauth2/v2.0/token</c>.</summary>
    /// <value><c>https://login.microsoftonline.com/</c> (the global cloud; for example <c>https://login.microsoftonline.us/</c> for US Government). Absolute,
    /// <c>https</c> unless loopback (tests point it at a local server).</value>
    public Uri AuthorityHost { get; set; } = new("https://login.microsoftonline.com/");

    /// <summary>Gets or sets the logical name of the lead table's text column that holds our profile id, with an alternate key on it alone (docs/crm.md says how to create both).</summary>
    /// <value><c>msl_marketplaceprofileid</c>; a logical name: lowercase letters, digits and underscores, starting with a letter, with your solution publisher's prefix. The column must hold at least 32 characters.</value>
    [NotEmpty]
    public string AlternateKeyColumn { get; set; } = "msl_marketplaceprofileid";

    /// <summary>Gets or sets the sink's name in the pipeline and journal; also part of the name of the <c>HttpClient</c> it uses.</summary>
    /// <value><c>dataverse</c>. Keep it stable across releases: the journal records progress under it.</value>
    [NotEmpty]
    public string Name { get; set; } = "dataverse";

    /// <summary>Gets or sets how many requests one batch may have in flight at once (one upsert per customer profile of the batch).</summary>
    /// <value>4; between 1 and 52 (Dataverse's limit of concurrent requests per user is 52).</value>
    [IntBetween(1, 52)]
    public int MaxConcurrency { get; set; } = 4;

    /// <summary>Gets or sets how long one HTTP request may take; then it is cancelled and fails as transient.</summary>
    /// <value>20 seconds; between 10 milliseconds and 10 minutes. Keep it below the pipeline's <see cref="MarketplaceLeadsOptions.AttemptTimeout"/>.</value>
    [TimeSpanBetween("00:00:00.010", "00:10:00")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Gets or sets a value indicating whether an existing record is updated with the profile's latest values.</summary>
    /// <value><see langword="true"/>: a plain upsert. <see langword="false"/> sends <c>If-None-Match: *</c>: a record is created once and never changed
    /// by the sink afterwards (Dataverse answers 412, which counts as delivered), so what the sales team edited stays as they left it.</value>
    public bool UpdateExistingRecords { get; set; } = true;

    /// <summary>Gets or sets a value indicating whether Dataverse's duplicate detection rules run on the upsert (<c>MSCRM.SuppressDuplicateDetection: false</c>).</summary>
    /// <value><see langword="false"/>. When set, a record that a rule finds to be a duplicate of one already in the CRM (HTTP 500, code <c>0x80040333</c>)
    /// is not created, and the lead counts as delivered: the person is already in the CRM. That answer counts as delivered whether or not this is set.</value>
    public bool DuplicateDetection { get; set; }

    /// <summary>Gets or sets a value indicating whether a <em>Contact me</em> lead (<see cref="LeadAction.PartnerLedTrial"/>) also gets a task, regarding its lead record, due at its reply-by time.</summary>
    /// <value><see langword="false"/>. The task's id is derived from the lead's id and it is created with <c>If-None-Match: *</c>, so a redelivered lead never makes a second task and a task the sales team closed is not reopened.</value>
    public bool CreateReplyTasks { get; set; }

    /// <summary>Gets or sets the reply-by time of a <em>Contact me</em> lead's task: from when the lead happened (created, else received).</summary>
    /// <value>24 hours, the default response time of <c>FollowUpOptions.ResponseTimes</c> for <em>Contact me</em>; between 1 minute and 30 days.</value>
    [TimeSpanBetween("00:01:00", "30.00:00:00")]
    public TimeSpan ReplyWithin { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Gets or sets what happens to the lead record of a profile that a review merged into another (<see cref="Delivery.ProfileChange.RemovedProfiles"/>).</summary>
    /// <value><see cref="DataverseMergedRecordAction.Disqualify"/>.</value>
    [DefinedEnum]
    public DataverseMergedRecordAction MergedRecords { get; set; } = DataverseMergedRecordAction.Disqualify;

    /// <summary>Gets the columns each field is written to; set a column to <see langword="null"/> to leave it alone, or to your own column's logical name.</summary>
    [ValidateObjectMembers]
    public DataverseLeadMapping Mapping { get; } = new();

    /// <summary>Copies the options (the mapping too), so that later changes have no effect on the copy.</summary>
    internal DataverseSinkOptions Snapshot()
    {
        var copy = new DataverseSinkOptions
        {
            EnvironmentUrl = EnvironmentUrl,
            TenantId = TenantId,
            ClientId = ClientId,
            ClientSecret = ClientSecret,
            AuthorityHost = AuthorityHost,
            AlternateKeyColumn = AlternateKeyColumn,
            Name = Name,
            MaxConcurrency = MaxConcurrency,
            RequestTimeout = RequestTimeout,
            UpdateExistingRecords = UpdateExistingRecords,
            DuplicateDetection = DuplicateDetection,
            CreateReplyTasks = CreateReplyTasks,
            ReplyWithin = ReplyWithin,
            MergedRecords = MergedRecords,
        };
        Mapping.CopyTo(copy.Mapping);
        return copy;
    }

    /// <summary>Checks the URLs, the secret and the key column (the generated validator runs this); messages never quote the secret.</summary>
    IEnumerable<ValidationResult> IValidatableObject.Validate(ValidationContext validationContext)
    {
        if (EnvironmentUrl is not { } environment)
        {
            yield return OptionsRules.Fail<DataverseSinkOptions>(nameof(EnvironmentUrl), "must be set to the environment's URL, such as https://contoso.crm.dynamics.com; it is null");
        }
        else if (CrmUrls.Check(environment) is { } problem)
        {
            yield return OptionsRules.Fail<DataverseSinkOptions>(nameof(EnvironmentUrl), problem);
        }
        else if (environment.AbsolutePath != "/" || environment.Query.Length > 0 || environment.Fragment.Length > 0)
        {
            yield return OptionsRules.Fail<DataverseSinkOptions>(nameof(EnvironmentUrl), $"must be the environment's URL alone, without a path or query (the sink adds /api/data/v9.2/); it is '{environment.Scheme}://{environment.Authority}{environment.AbsolutePath}'");
        }

        foreach (var problem in EntraApp.Check<DataverseSinkOptions>(AuthorityHost, TenantId, ClientSecret))
        {
            yield return problem;
        }

        if (!string.IsNullOrWhiteSpace(AlternateKeyColumn) && !DataverseLeadMapping.IsLogicalName(AlternateKeyColumn))
        {
            yield return OptionsRules.Fail<DataverseSinkOptions>(nameof(AlternateKeyColumn), $"must be a column's logical name (lowercase letters, digits and '_', starting with a letter); it is '{AlternateKeyColumn}'");
        }
    }
}

/// <summary>Validates <see cref="DataverseSinkOptions"/> and its <see cref="DataverseSinkOptions.Mapping"/> (source-generated, no reflection).</summary>
[OptionsValidator]
internal sealed partial class DataverseSinkOptionsValidator : IValidateOptions<DataverseSinkOptions>
{
}
