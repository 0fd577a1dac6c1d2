using System;
using System.Collections.Generic;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using MarketplaceLeads.Crm;
using MarketplaceLeads.Internal;
using Microsoft.Extensions.Options;

namespace MarketplaceLeads.HubSpot;

/// <summary>
/// Configures the HubSpot sink (<c>builder.AddHubSpotSink(o =&gt; o.AccessToken = …)</c>): each customer profile becomes one contact of the account,
/// upserted by <see cref="IdProperty"/> (a unique contact property that holds the profile id, or <c>email</c>).
/// </summary>
/// <remarks>
/// The options are copied and validated (by the generated validator) when <c>AddHubSpotSink</c> runs; changing them afterwards has no effect.
/// Bind the access token from configuration or a secret store, never from source code; it is never echoed in exception messages or logs.
/// Retries, back-off and dead letters are the pipeline's.
/// </remarks>
public sealed class HubSpotSinkOptions : IValidatableObject
{
    /// <summary>The <see cref="IdProperty"/> that upserts contacts by their e-mail address: a profile without a valid address cannot be sent.</summary>
    public const string EmailIdProperty = "email";

    /// <summary>Gets or sets the private app's access token or the service key (sent as <c>Authorization: Bearer …</c>). Required; never echoed in messages or logs.</summary>
    public string? AccessToken { get; set; }

    /// <summary>Gets or sets the API's base URL.</summary>
    /// <value><c>https://api.hubapi.com/</c>. Absolute, <c>https</c> (plain <c>http</c> only for a loopback host, as in tests), without a query or credentials.</value>
    public Uri ApiUrl { get; set; } = new("https://api.hubapi.com/");

    /// <summary>Gets or sets the date-based API version in every path, such as <c>/crm/objects/2026-03/contacts/batch/upsert</c>.</summary>
    /// <value><c>2026-03</c>, the first date-based version (generally available since March 2026, supported for 18 months); <c>YYYY-03</c> or <c>YYYY-09</c>, 2026-03 or later.</value>
    [NotEmpty]
    public string ApiVersion { get; set; } = "2026-03";

    /// <summary>Gets or sets the contact property that identifies a contact: a custom property with unique values that holds our profile id (docs/crm.md says how to create it), or <see cref="EmailIdProperty"/>.</summary>
    /// <value><c>marketplace_profile_id</c>: single-line text, <em>Require unique values</em>. A person without an e-mail address lands too.</value>
    [NotEmpty]
    public string IdProperty { get; set; } = "marketplace_profile_id";

    /// <summary>Gets or sets the sink's name in the pipeline and journal; also part of the name of the <c>HttpClient</c> it uses.</summary>
    /// <value><c>hubspot</c>. Keep it stable across releases: the journal records progress under it.</value>
    [NotEmpty]
    public string Name { get; set; } = "hubspot";

    /// <summary>Gets or sets how many contacts one batch upsert carries.</summary>
    /// <value>100, HubSpot's limit; between 1 and 100.</value>
    [IntBetween(1, 100)]
    public int MaxRecordsPerRequest { get; set; } = 100;

    /// <summary>Gets or sets how long one HTTP request may take; then it is cancelled and fails as transient.</summary>
    /// <value>30 seconds; between 10 milliseconds and 10 minutes. Keep it below the pipeline's <see cref="MarketplaceLeadsOptions.AttemptTimeout"/>.</value>
    [TimeSpanBetween("00:00:00.010", "00:10:00")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets the time zone of the account (Settings, Account Defaults): HubSpot resets the <c>DAILY</c> limit at its midnight, so after a
    /// <c>429</c> with policy <c>DAILY</c> no request of the account is sent until then.</summary>
    /// <value><c>UTC</c>; an IANA (<c>America/New_York</c>) or Windows time zone id.</value>
    [NotEmpty]
    public string AccountTimeZone { get; set; } = "UTC";

    /// <summary>Gets or sets a value indicating whether a do-not-contact profile (<see cref="Deduplication.CustomerProfile.DoNotContact"/>) with an e-mail address is unsubscribed
    /// from all e-mail (communication preferences API, <c>statuses/{email}/unsubscribe-all</c>): <c>hs_email_optout</c> is read-only, this is HubSpot's documented way.</summary>
    /// <value><see langword="true"/>. Needs the <c>subscriptions-status-write</c> scope (as the 2026-03 subscriptions guide names it); unsubscribing is never undone by the sink.</value>
    public bool UnsubscribeDoNotContact { get; set; } = true;

    /// <summary>Gets or sets a value indicating whether a <em>Contact me</em> lead (<see cref="LeadAction.PartnerLedTrial"/>) also gets a task associated with its contact, due at its reply-by time.</summary>
    /// <value><see langword="false"/>. The task is upserted by <see cref="TaskIdProperty"/> = the lead id, so a redelivered lead never makes a second task.</value>
    public bool CreateReplyTasks { get; set; }

    /// <summary>Gets or sets the task property with unique values that holds the lead id of a reply task.</summary>
    /// <value><c>marketplace_lead_id</c>: a custom task property, single-line text, <em>Require unique values</em>.</value>
    [NotEmpty]
    public string TaskIdProperty { get; set; } = "marketplace_lead_id";

    /// <summary>Gets or sets the reply-by time of a <em>Contact me</em> lead's task: from when the lead happened (created, else received).</summary>
    /// <value>24 hours, the default response time of <c>FollowUpOptions.ResponseTimes</c> for <em>Contact me</em>; between 1 minute and 30 days.</value>
    [TimeSpanBetween("00:01:00", "30.00:00:00")]
    public TimeSpan ReplyWithin { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Gets the property each value is written to; set a property to <see langword="null"/> to leave it alone, or to your own property's internal name.</summary>
    [ValidateObjectMembers]
    public HubSpotContactMapping Mapping { get; } = new();

    /// <summary>Gets the time zone of <see cref="AccountTimeZone"/>, UTC when it is not one.</summary>
    internal TimeZoneInfo TimeZone => TimeZoneInfo.TryFindSystemTimeZoneById(AccountTimeZone.Trim(), out var zone) ? zone : TimeZoneInfo.Utc;

    /// <summary>Copies the options (the mapping too), so that later changes have no effect on the copy.</summary>
    internal HubSpotSinkOptions Snapshot()
    {
        var copy = new HubSpotSinkOptions
        {
            AccessToken = AccessToken,
            ApiUrl = ApiUrl,
            ApiVersion = ApiVersion,
            IdProperty = IdProperty,
            Name = Name,
            MaxRecordsPerRequest = MaxRecordsPerRequest,
            RequestTimeout = RequestTimeout,
            AccountTimeZone = AccountTimeZone,
            UnsubscribeDoNotContact = UnsubscribeDoNotContact,
            CreateReplyTasks = CreateReplyTasks,
            TaskIdProperty = TaskIdProperty,
            ReplyWithin = ReplyWithin,
        };
        Mapping.CopyTo(copy.Mapping);
        return copy;
    }

    /// <summary>Checks the URL, the token, the version, the time zone and the property names (the generated validator runs this); messages never quote the token.</summary>
    IEnumerable<ValidationResult> IValidatableObject.Validate(ValidationContext validationContext)
    {
        if (ApiUrl is null)
        {
            yield return OptionsRules.Fail<HubSpotSinkOptions>(nameof(ApiUrl), "must be set, such as https://api.hubapi.com/; it is null");
        }
        else if (CrmUrls.Check(ApiUrl) is { } problem)
        {
            yield return OptionsRules.Fail<HubSpotSinkOptions>(nameof(ApiUrl), problem);
        }
        else if (ApiUrl.Query.Length > 0 || ApiUrl.Fragment.Length > 0)
        {
            yield return OptionsRules.Fail<HubSpotSinkOptions>(nameof(ApiUrl), $"must not have a query; it is '{ApiUrl.Scheme}://{ApiUrl.Authority}{ApiUrl.AbsolutePath}?…'");
        }

        if (string.IsNullOrWhiteSpace(AccessToken))
        {
            yield return OptionsRules.Fail<HubSpotSinkOptions>(nameof(AccessToken), $"must be set to the private app's access token or the service key (bind it from configuration or a secret store); it is {(AccessToken is null ? "null" : "empty")}");
        }

        if (!string.IsNullOrWhiteSpace(ApiVersion) && !IsApiVersion(ApiVersion))
        {
            yield return OptionsRules.Fail<HubSpotSinkOptions>(nameof(ApiVersion), $"must be a date-based API version, YYYY-03 or YYYY-09 from 2026-03 on, such as 2026-03; it is '{ApiVersion}'");
        }

        if (!string.IsNullOrWhiteSpace(AccountTimeZone) && !TimeZoneInfo.TryFindSystemTimeZoneById(AccountTimeZone.Trim(), out _))
        {
            yield return OptionsRules.Fail<HubSpotSinkOptions>(nameof(AccountTimeZone), $"must be a time zone id, such as UTC or America/New_York; it is '{AccountTimeZone}'");
        }

        foreach (var (property, name) in new[] { (nameof(IdProperty), IdProperty), (nameof(TaskIdProperty), TaskIdProperty) })
        {
            if (!string.IsNullOrWhiteSpace(name) && !HubSpotContactMapping.IsPropertyName(name))
            {
                yield return OptionsRules.Fail<HubSpotSinkOptions>(property, $"must be a property's internal name (lowercase letters, digits and '_', starting with a letter, such as marketplace_profile_id); it is '{name}'");
            }
        }
    }

    /// <summary>Whether a text is <c>YYYY-03</c> or <c>YYYY-09</c>, 2026-03 or later.</summary>
    internal static bool IsApiVersion(string version) =>
        version.Length == 7 && version[4] == '-'
        && int.TryParse(version.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year) && year is >= 2026 and < 2100
        && version.AsSpan(5) is "03" or "09";
}

/// <summary>Validates <see cref="HubSpotSinkOptions"/> and its <see cref="HubSpotSinkOptions.Mapping"/> (source-generated, no reflection).</summary>
[OptionsValidator]
internal sealed partial class HubSpotSinkOptionsValidator : IValidateOptions<HubSpotSinkOptions>
{
}
