using System;
using System.CommandLine;

namespace MarketplaceLeads.Cli;

/// <summary>Builds the <c>marketplace-leads</c> root command.</summary>
internal static class LeadsCommandLine
{
    /// <summary>Creates the root command with <c>import</c>, <c>report</c>, <c>due</c>, <c>export</c>, <c>explain</c>, <c>review</c>, <c>split</c>, <c>touch</c>, <c>close</c>, <c>erase</c>, <c>retention</c> and <c>serve</c>.</summary>
    /// <param name="time">The clock when <c>--now</c> is not given.</param>
    /// <param name="read">What <c>import</c> reads a file's records with; <see langword="null"/> for the <see cref="LeadReader"/> (the tests put a failing one here).</param>
    /// <returns>The root command; invoke it with <c>Parse(args).InvokeAsync(configuration)</c>.</returns>
    public static RootCommand Create(TimeProvider time, ImportCommand.RecordSource? read = null)
    {
        var options = new CommonOptions();
        var root = new RootCommand("Import Microsoft commercial-marketplace leads into a SQLite database, de-duplicate them, and report the funnel, duplicates, do-not-contact customers and the follow-ups due.");
        root.Options.Add(options.Database);
        root.Options.Add(options.Now);
        root.Subcommands.Add(ImportCommand.Create(options, time, read));
        root.Subcommands.Add(ReportCommand.Create(options, time));
        root.Subcommands.Add(DueCommand.Create(options, time));
        root.Subcommands.Add(ExportCommand.Create(options, time));
        root.Subcommands.Add(ReviewCommands.CreateExplain(options, time));
        root.Subcommands.Add(ReviewCommands.CreateReview(options, time));
        root.Subcommands.Add(ReviewCommands.CreateSplit(options, time));
        root.Subcommands.Add(TouchCommands.CreateTouch(options, time));
        root.Subcommands.Add(TouchCommands.CreateClose(options, time));
        root.Subcommands.Add(ErasureCommands.CreateErase(options, time));
        root.Subcommands.Add(ErasureCommands.CreateRetention(options, time));
        root.Subcommands.Add(ServeCommand.Create(options, time));
        return root;
    }
}
