using System;
using System.Collections.Generic;
using System.ComponentModel.DataAnnotations;
using MarketplaceLeads.Internal;
using Microsoft.Extensions.Options;

namespace MarketplaceLeads.Dashboard;

/// <summary>
/// Options of the dashboard added by <c>services.AddMarketplaceLeadsDashboard(…)</c> and mapped by
/// <c>app.MapMarketplaceLeadsDashboard()</c>: where it is, who may open it, and the time zone its times are shown in.
/// </summary>
/// <remarks>
/// Validated when the dashboard is added (by a generated validator, as every package's options are); a bad value throws an
/// <see cref="ArgumentException"/> whose message names the option, the rule and the value (never the admin key). Exactly
/// one of <see cref="AdminKey"/> and <see cref="AuthorizationPolicy"/> is required: the dashboard shows customer data and is
/// never open to anyone.
/// </remarks>
public sealed class MarketplaceLeadsDashboardOptions : IValidatableObject
{
    /// <summary>The smallest length of <see cref="AdminKey"/> accepted, in characters.</summary>
    public const int MinAdminKeyLength = 16;

    /// <summary>Gets or sets the path the dashboard is mapped at.</summary>
    /// <value>Default: <c>/dashboard</c>. Starts with '/', does not end with one, and holds no route parameter.</value>
    public string Path { get; set; } = "/dashboard";

    /// <summary>
    /// Gets or sets the admin key a person types on the dashboard's sign-in page; it is compared in constant time and
    /// exchanged for an HTTP-only, same-site cookie (ASP.NET Core cookie authentication, scheme <see cref="AuthenticationScheme"/>).
    /// </summary>
    /// <value>Default: <see langword="null"/>. At least <see cref="MinAdminKeyLength"/> characters; required unless <see cref="AuthorizationPolicy"/> is set.</value>
    /// <remarks>Use a long random value from configuration or a secret store, not a literal in code.</remarks>
    public string? AdminKey { get; set; }

    /// <summary>Gets or sets the name of an authorization policy the host configured (its own sign-in: OpenID Connect, Entra ID…) that protects the dashboard in place of the admin key.</summary>
    /// <value>Default: <see langword="null"/>. When set, <see cref="AdminKey"/> must be <see langword="null"/>.</value>
    public string? AuthorizationPolicy { get; set; }

    /// <summary>Gets or sets the time zone the dashboard shows times in: an IANA id (<c>Europe/Paris</c>) or a Windows id.</summary>
    /// <value>Default: <c>UTC</c>.</value>
    public string TimeZone { get; set; } = "UTC";

    /// <summary>Gets or sets how long a sign-in with the admin key lasts without use.</summary>
    /// <value>Default: 8 hours (a working day). Between 1 minute and 30 days.</value>
    [TimeSpanBetween("00:01:00", "30.00:00:00")]
    public TimeSpan SignInLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>Gets the name of the cookie authentication scheme the admin key signs in with.</summary>
    public static string AuthenticationScheme => "MarketplaceLeads.Dashboard";

    /// <summary>Gets the time zone of <see cref="TimeZone"/>; valid once the options are validated.</summary>
    internal TimeZoneInfo TimeZoneInfo => System.TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out var zone) ? zone : System.TimeZoneInfo.Utc;

    /// <summary>Checks the path, the sign-in and the time zone (the generated validator runs this); messages name the key's length, never its value.</summary>
    IEnumerable<ValidationResult> IValidatableObject.Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrEmpty(Path) || Path[0] != '/' || (Path.Length > 1 && Path[^1] == '/') || Path.Contains('{', StringComparison.Ordinal) || Path.Contains('?', StringComparison.Ordinal))
        {
            yield return Fail(nameof(Path), $"must start with '/', not end with '/' and hold no route parameter or query, such as /dashboard; it is '{Path}'");
        }

        if (AuthorizationPolicy is not null)
        {
            if (string.IsNullOrWhiteSpace(AuthorizationPolicy))
            {
                yield return Fail(nameof(AuthorizationPolicy), "must be null or the name of a policy the host registered; it is empty");
            }

            if (AdminKey is not null)
            {
                yield return Fail(nameof(AdminKey), "must be null when AuthorizationPolicy is set (one way to sign in)");
            }
        }
        else if (AdminKey is null)
        {
            yield return Fail(nameof(AdminKey), "is required; set it (from configuration or a secret store), or set AuthorizationPolicy to the name of a policy the host configured");
        }
        else if (string.IsNullOrWhiteSpace(AdminKey) || AdminKey.Length < MinAdminKeyLength)
        {
            yield return Fail(nameof(AdminKey), $"must be at least {MinAdminKeyLength} characters; it has {OptionsRules.Text(AdminKey.Trim().Length)}");
        }

        if (string.IsNullOrWhiteSpace(TimeZone) || !System.TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out _))
        {
            yield return Fail(nameof(TimeZone), $"must be a time zone id such as UTC, Europe/Paris or America/New_York; it is '{TimeZone}'");
        }
    }

    private static ValidationResult Fail(string option, string problem) => OptionsRules.Fail<MarketplaceLeadsDashboardOptions>(option, problem);
}

/// <summary>Validates <see cref="MarketplaceLeadsDashboardOptions"/> (source-generated from its validation attributes and <see cref="IValidatableObject"/> rules, no reflection).</summary>
[OptionsValidator]
internal sealed partial class MarketplaceLeadsDashboardOptionsValidator : IValidateOptions<MarketplaceLeadsDashboardOptions>
{
}
