using System;
using MarketplaceLeads.Internal;
using Microsoft.Extensions.Options;

namespace MarketplaceLeads.FollowUp;

/// <summary>Configures the hosted alert checker that <c>builder.AddFollowUpAlerts(…)</c> adds: how often it runs <see cref="FollowUpAlerts.CheckAsync"/>.</summary>
/// <remarks>When a warning is raised and how long a reply may take are <see cref="FollowUpOptions"/> (<see cref="FollowUpOptions.WarnBefore"/>, <see cref="FollowUpOptions.ResponseTimes"/>); the retries are the pipeline's (<see cref="MarketplaceLeadsOptions.MaxDeliveryAttempts"/>).</remarks>
public sealed class FollowUpAlertsOptions
{
    /// <summary>Gets or sets the time between two checks (the first runs when the host starts), measured on the registered <see cref="TimeProvider"/>. A check that takes longer delays the next one; checks never overlap.</summary>
    /// <value>Default 1 minute (a 1-hour warning is then raised at most a minute late); between 1 second and 1 day.</value>
    [TimeSpanBetween("00:00:01", "1.00:00:00")]
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>Validates <see cref="FollowUpAlertsOptions"/> at start-up (source-generated from the options' validation attributes, no reflection).</summary>
[OptionsValidator]
internal sealed partial class FollowUpAlertsOptionsValidator : IValidateOptions<FollowUpAlertsOptions>
{
}
