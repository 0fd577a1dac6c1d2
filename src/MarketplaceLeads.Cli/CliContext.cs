using System;
using System.CommandLine;
using System.IO;
using MarketplaceLeads.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace MarketplaceLeads.Cli;

/// <summary>What a command runs with: its output and error writers and its clock (the <c>--now</c> value when given).</summary>
internal sealed class CliContext
{
    private CliContext(TextWriter output, TextWriter error, TimeProvider time, bool errorIsTerminal)
    {
        Output = output;
        Error = error;
        Time = time;
        ErrorIsTerminal = errorIsTerminal;
    }

    public TextWriter Output { get; }

    public TextWriter Error { get; }

    public TimeProvider Time { get; }

    /// <summary>Gets a value indicating whether the error writer is the console's and the console's error stream is a terminal (progress is shown only then).</summary>
    public bool ErrorIsTerminal { get; }

    public static CliContext From(ParseResult parseResult, CommonOptions options, TimeProvider time)
    {
        var configuration = parseResult.InvocationConfiguration;
        var error = configuration.Error;
        var now = parseResult.GetValue(options.Now);
        return new CliContext(
            configuration.Output,
            error,
            now is { } fixedNow ? new FixedTimeProvider(fixedNow) : time,
            ReferenceEquals(error, Console.Error) && !Console.IsErrorRedirected);
    }

    /// <summary>
    /// Builds the services of a command that runs the delivery pipeline on <paramref name="database"/> (<c>import</c>, the
    /// reviews): the command's clock, the SQLite journal, de-duplication store and sink, and a shutdown long enough to
    /// deliver everything before the process exits.
    /// </summary>
    /// <param name="database">The database file.</param>
    /// <param name="bulkCommitLeads">0 (reviews, Partner Center): every accepted lead is committed before the command goes on; else <see cref="SqliteLeadsOptions.BulkCommitLeads"/>, for an import of files, which can be read again.</param>
    public ServiceProvider BuildPipeline(string database, int bulkCommitLeads = 0)
    {
        var services = new ServiceCollection();
        services.AddSingleton(Time);
        services.AddMarketplaceLeads(o =>
            {
                o.ShutdownTimeout = TimeSpan.FromMinutes(10);

                // An import submits chunks (ImportCommand.ChunkSizeFor): the SQLite sink takes a chunk's worth in one call, and
                // waits up to a second for it, so that a commit carries thousands of leads' rows instead of a hundred.
                o.MaxBatchSize = ImportCommand.ChunkSizeFor(bulkCommitLeads);
                o.BatchDelay = TimeSpan.FromSeconds(1);
            })
            .UseSqlite(o =>
            {
                o.Path = database;
                o.Durability = SqliteDurability.Full;
                o.CheckpointPages = SqliteLeadsOptions.ImportCheckpointPages; // fewer, larger checkpoints: less written, faster
                o.BulkCommitLeads = bulkCommitLeads;
            });
        return services.BuildServiceProvider();
    }

    /// <summary>Opens <paramref name="database"/> without the pipeline (the commands that read it, and <c>touch</c>), with the command's clock.</summary>
    public SqliteLeadDatabase OpenDatabase(string database) =>
        new(new SqliteLeadsOptions { Path = database, Durability = SqliteDurability.Normal }, Time);

    /// <summary>Prints <c>error: message</c> on the error writer and returns <see cref="ExitCodes.Error"/>.</summary>
    public int Fail(string message)
    {
        Error.WriteLine("error: " + message);
        return ExitCodes.Error;
    }
}
