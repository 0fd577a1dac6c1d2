using System;
using System.Collections.Concurrent;
using System.Diagnostics.Tracing;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;

namespace MarketplaceLeads.Benchmarks;

/// <summary>
/// Where the in-memory pipeline's allocations go (<c>--pipeline-allocations</c>): runs <see cref="PipelineBenchmarks.Pipeline"/>
/// four times on fresh pipelines, prints the bytes allocated a lead (every thread, <c>GC.GetTotalAllocatedBytes</c>), and for
/// the last run the types allocated, from the runtime's allocation-tick events (one about every 100 KB: a sample, not a
/// count).
/// </summary>
internal sealed class PipelineAllocationCheck : EventListener
{
    public const string Switch = "--pipeline-allocations";

    private bool _on;

    private ConcurrentDictionary<string, long> Bytes { get; } = new();
    /// <inheritdoc/>
    protected override void OnEventSourceCreated(EventSource source)
    {
        if (source.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(source, EventLevel.Verbose, (EventKeywords)0x1);
        }
    }

    /// <inheritdoc/>
    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        if (!_on || e.EventName is null || !e.EventName.StartsWith("GCAllocationTick", StringComparison.Ordinal) || e.Payload is null)
        {
            return;
        }

        var name = e.PayloadNames!.IndexOf("TypeName") is var t and >= 0 ? e.Payload[t]?.ToString() ?? "?" : "?";
        var amount = e.PayloadNames!.IndexOf("AllocationAmount64") is var a and >= 0 ? Convert.ToInt64(e.Payload[a], CultureInfo.InvariantCulture) : 100_000;
        Bytes.AddOrUpdate(name, amount, (_, v) => v + amount);
    }

    /// <summary>Runs the check and prints its table.</summary>
    /// <returns>A task that completes when the check has printed its table.</returns>
    public static async Task RunAsync()
    {
        using var listener = new PipelineAllocationCheck();
        var bench = new PipelineBenchmarks();
        bench.Setup();
        for (var round = 0; round < 4; round++)
        {
            bench.BuildPipeline();
            listener._on = round == 3;
            var before = GC.GetTotalAllocatedBytes(true);
            await bench.Pipeline();
            var after = GC.GetTotalAllocatedBytes(true);
            listener._on = false;
            bench.DisposePipeline();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"run {round + 1}: {(after - before) / (double)PipelineBenchmarks.Leads:F0} bytes allocated a lead"));
        }

        var total = listener.Bytes.Values.Sum();
        foreach (var (k, v) in listener.Bytes.OrderByDescending(p => p.Value).Take(30))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{v * 100.0 / total,5:F1} %  {v / (double)PipelineBenchmarks.Leads,7:F0} B a lead  {k}"));
        }
    }
}
