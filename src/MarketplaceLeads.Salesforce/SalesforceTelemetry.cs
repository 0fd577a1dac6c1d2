using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Net.Http;

namespace MarketplaceLeads.Salesforce;

/// <summary>
/// The Salesforce sinks' metrics (meter <c>MarketplaceLeads.Salesforce</c>): the org's daily API usage and limit as the last <c>Sforce-Limit-Info: api-usage=n/m</c>
/// header said, one measurement per org host (tag <c>salesforce.org</c>). One per service provider, shared by its Salesforce sinks.
/// </summary>
internal sealed class SalesforceTelemetry : IDisposable
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "MarketplaceLeads.Salesforce";

    private readonly Meter _meter;
    private readonly bool _ownsMeter;
    private readonly ConcurrentDictionary<string, Usage> _usage = new(StringComparer.Ordinal);

    /// <summary>Initializes the instruments.</summary>
    /// <param name="meterFactory">The service provider's meter factory, or <see langword="null"/> for a meter of its own.</param>
    public SalesforceTelemetry(IMeterFactory? meterFactory)
    {
        _ownsMeter = meterFactory is null;
        _meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        _meter.CreateObservableGauge("marketplace_leads.salesforce.api_usage", () => Measure(static u => u.Used), "{request}", "API requests the Salesforce org used in the last 24 hours (Sforce-Limit-Info api-usage), by org.");
        _meter.CreateObservableGauge("marketplace_leads.salesforce.api_limit", () => Measure(static u => u.Limit), "{request}", "The Salesforce org's API request limit for 24 hours (Sforce-Limit-Info api-usage), by org.");
    }

    /// <summary>Records the usage an answer reports, if it has a valid <c>Sforce-Limit-Info</c> header.</summary>
    /// <param name="org">The org's host.</param>
    /// <param name="response">The answer.</param>
    public void Record(string org, HttpResponseMessage response)
    {
        if (response.Headers.NonValidated.TryGetValues("Sforce-Limit-Info", out var values))
        {
            foreach (var value in values)
            {
                if (TryParseApiUsage(value, out var used, out var limit))
                {
                    _usage[org] = new Usage(used, limit);
                    return;
                }
            }
        }
    }

    /// <summary>Reads <c>api-usage=n/m</c> from a <c>Sforce-Limit-Info</c> value such as <c>api-usage=18/5000; per-app-api-usage=17/250(appName=x)</c>.</summary>
    internal static bool TryParseApiUsage(string value, out long used, out long limit)
    {
        used = limit = 0;
        foreach (var part in value.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!part.StartsWith("api-usage=", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var numbers = part.AsSpan("api-usage=".Length);
            var slash = numbers.IndexOf('/');
            return slash > 0
                && long.TryParse(numbers[..slash], NumberStyles.None, CultureInfo.InvariantCulture, out used)
                && long.TryParse(numbers[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out limit);
        }

        return false;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (_ownsMeter)
        {
            _meter.Dispose();
        }
    }

    private IEnumerable<Measurement<long>> Measure(Func<Usage, long> value)
    {
        foreach (var (org, usage) in _usage)
        {
            yield return new Measurement<long>(value(usage), new KeyValuePair<string, object?>("salesforce.org", org));
        }
    }

    private sealed record Usage(long Used, long Limit);
}
