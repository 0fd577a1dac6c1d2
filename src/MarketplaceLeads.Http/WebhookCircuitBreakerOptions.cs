using System;
using System.Collections.Generic;
using System.ComponentModel.DataAnnotations;
using MarketplaceLeads.Internal;

namespace MarketplaceLeads.Http;

/// <summary>
/// Configures the webhook sink's circuit breaker (<see cref="WebhookSinkOptions.CircuitBreaker"/>), a
/// <c>Microsoft.Extensions.Http.Resilience</c> circuit-breaker strategy on the sink's <c>HttpClient</c>.
/// </summary>
/// <remarks>
/// <para>
/// Failures are responses 408 and 5xx, network errors and time-outs; throttling (429) and other 4xx answers are not. While the circuit is open
/// the sink sends nothing: the attempt fails at once as transient with a retry-after hint of <see cref="BreakDuration"/>, so the pipeline
/// waits for the circuit to half-open instead of spending its attempts. No lead is lost: the batch stays in the pipeline and is retried
/// (and dead-lettered only after <see cref="MarketplaceLeadsOptions.MaxDeliveryAttempts"/>, as for any other failure).
/// </para>
/// <para>The pipeline makes one call per sink at a time and backs off between retries, so the sampled throughput is low; the defaults are set for that.</para>
/// </remarks>
public sealed class WebhookCircuitBreakerOptions : IValidatableObject
{
    /// <summary>Gets or sets a value indicating whether the circuit breaker is used.</summary>
    /// <value><see langword="true"/>.</value>
    public bool Enabled { get; set; } = true;

    /// <summary>Gets or sets the share of failed requests, within <see cref="SamplingDuration"/>, that opens the circuit.</summary>
    /// <value>0.5; greater than 0 and at most 1.</value>
    public double FailureRatio { get; set; } = 0.5;

    /// <summary>Gets or sets how many requests must have been made within <see cref="SamplingDuration"/> before the circuit can open.</summary>
    /// <value>5; at least 2.</value>
    public int MinimumThroughput { get; set; } = 5;

    /// <summary>Gets or sets the window over which failures are counted.</summary>
    /// <value>60 seconds; between 0.5 seconds and 1 day.</value>
    public TimeSpan SamplingDuration { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Gets or sets how long the circuit stays open before one trial request is let through.</summary>
    /// <value>30 seconds; between 0.5 seconds and 1 day.</value>
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Checks the settings when the breaker is enabled (the generated validator runs this).</summary>
    IEnumerable<ValidationResult> IValidatableObject.Validate(ValidationContext validationContext)
    {
        if (!Enabled)
        {
            yield break;
        }

        if (!(FailureRatio > 0 && FailureRatio <= 1))
        {
            yield return OptionsRules.Fail<WebhookCircuitBreakerOptions>(nameof(FailureRatio), $"must be greater than 0 and at most 1; it is {OptionsRules.Text(FailureRatio)}");
        }

        if (MinimumThroughput < 2)
        {
            yield return OptionsRules.Fail<WebhookCircuitBreakerOptions>(nameof(MinimumThroughput), $"must be at least 2; it is {OptionsRules.Text(MinimumThroughput)}");
        }

        foreach (var (name, value) in new[] { (nameof(SamplingDuration), SamplingDuration), (nameof(BreakDuration), BreakDuration) })
        {
            if (value < TimeSpan.FromMilliseconds(500) || value > TimeSpan.FromDays(1))
            {
                yield return OptionsRules.Fail<WebhookCircuitBreakerOptions>(name, $"must be between 00:00:00.5000000 and 1.00:00:00; it is {OptionsRules.Text(value)}");
            }
        }
    }
}
