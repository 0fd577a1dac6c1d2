using System;
using System.Threading.Tasks;
using BenchmarkDotNet.Running;

namespace MarketplaceLeads.Benchmarks;

/// <summary>
/// Runs the benchmarks chosen on the command line (BenchmarkSwitcher), e.g. <c>--filter *LeadSource*</c>; or, with
/// <c>--streaming-check [sizeMB]</c> first, the <see cref="StreamingMemoryCheck"/> instead; or, with
/// <c>--dedup-check [leads...]</c> first, the <see cref="DeduplicationCheck"/>; or, with <c>--durable-check [leads...]</c>
/// first, the <see cref="DurableImportCheck"/>; or, with <c>--receiver-check [--connections N] [--seconds N] [--durability full|normal]</c>
/// first, the <see cref="ReceiverLoadCheck"/>; or, with <c>--reading-ratios [rounds]</c> first, the <see cref="LeadReadingRatioCheck"/>;
/// or, with <c>--pipeline-allocations</c> first, the <see cref="PipelineAllocationCheck"/>; or, with <c>--scale-out-check</c>
/// first, the <see cref="ScaleOutCheck"/>.
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Length > 0 && string.Equals(args[0], PipelineAllocationCheck.Switch, StringComparison.Ordinal))
        {
            await PipelineAllocationCheck.RunAsync();
            return 0;
        }

        if (args.Length > 0 && string.Equals(args[0], StreamingMemoryCheck.Switch, StringComparison.Ordinal))
        {
            return await StreamingMemoryCheck.RunAsync(args[1..]);
        }

        if (args.Length > 0 && string.Equals(args[0], DeduplicationCheck.Switch, StringComparison.Ordinal))
        {
            // Synchronous, before any await: the measured call runs on the main thread.
            return DeduplicationCheck.Run(args[1..]);
        }

        if (args.Length > 0 && string.Equals(args[0], DurableImportCheck.Switch, StringComparison.Ordinal))
        {
            return await DurableImportCheck.RunAsync(args[1..]);
        }

        if (args.Length > 0 && string.Equals(args[0], LeadReadingRatioCheck.Switch, StringComparison.Ordinal))
        {
            return LeadReadingRatioCheck.Run(args[1..]);
        }

        if (args.Length > 0 && string.Equals(args[0], ReceiverLoadCheck.Switch, StringComparison.Ordinal))
        {
            return await ReceiverLoadCheck.RunAsync(args[1..]);
        }

        if (args.Length > 0 && string.Equals(args[0], ScaleOutCheck.Switch, StringComparison.Ordinal))
        {
            return await ScaleOutCheck.RunAsync(args[1..]);
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
