using System;
using MarketplaceLeads.Cli;

if (Array.IndexOf(args, "import") >= 0)
{
    // An import keeps the thread pool's workers busy in bursts on one writer: an idle worker's spinning before it sleeps was
    // a tenth of the CPU samples (sched_yield) and cost 13-14 % of the import's CPU for the same wall time (docs/performance.md).
    // Read when the thread pool starts, so set before anything runs on it; serve keeps the runtime's default.
    AppContext.SetData("System.Threading.ThreadPool.UnfairSemaphoreSpinLimit", 0);
}

var parseResult = LeadsCommandLine.Create(TimeProvider.System).Parse(args);
return await parseResult.InvokeAsync(ServeCommand.InvocationFor(parseResult)).ConfigureAwait(false);

/// <summary>The entry point (declared so that the ASP.NET Core generator, which <c>serve</c> brings in, does not make it public).</summary>
internal sealed partial class Program;
