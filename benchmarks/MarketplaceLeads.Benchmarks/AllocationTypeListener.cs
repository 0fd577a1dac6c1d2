using System;
using System.Collections.Concurrent;
using System.Diagnostics.Tracing;
using System.Globalization;
using System.Linq;

namespace MarketplaceLeads.Benchmarks;

/// <summary>
/// What a measured run allocated, by type: the runtime's allocation ticks (one about every 100 KB allocated, naming the
/// type that crossed it) summed per type. A sample, not an exact count, but enough to tell which types dominate.
/// </summary>
internal sealed class AllocationTypeListener : EventListener
{
    private const string RuntimeSource = "Microsoft-Windows-DotNETRuntime";
    private const long GcKeyword = 0x1;

    private readonly ConcurrentDictionary<string, long> _byType = new(StringComparer.Ordinal);

    /// <summary>Prints the types that took the most, with bytes a lead, to standard error.</summary>
    public void Print(int leads)
    {
        foreach (var (type, bytes) in _byType.OrderByDescending(static x => x.Value).Take(25))
        {
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    {bytes / (1024 * 1024),8:N0} MB {bytes / leads,8:N0} B a lead  {type}"));
        }
    }

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == RuntimeSource)
        {
            EnableEvents(eventSource, EventLevel.Verbose, (EventKeywords)GcKeyword);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (eventData.EventName?.StartsWith("GCAllocationTick", StringComparison.Ordinal) != true || eventData.Payload is null || eventData.PayloadNames is null)
        {
            return;
        }

        var typeAt = eventData.PayloadNames.IndexOf("TypeName");
        var amountAt = eventData.PayloadNames.IndexOf("AllocationAmount64");
        var type = typeAt >= 0 ? eventData.Payload[typeAt] as string ?? "?" : "?";
        var amount = amountAt >= 0 ? Convert.ToInt64(eventData.Payload[amountAt], CultureInfo.InvariantCulture) : 100_000;
        _byType.AddOrUpdate(type, amount, (_, sum) => sum + amount);
    }
}
