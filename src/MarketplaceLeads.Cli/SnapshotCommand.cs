using System;
using System.CommandLine;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace MarketplaceLeads.Cli;

/// <summary>What <c>report</c>, <c>due</c> and <c>export</c> share: read the database into a <see cref="LeadSnapshot"/> (exit 1 with a clear message when it is missing or unreadable), then run.</summary>
internal static class SnapshotCommand
{
    /// <summary>Creates a command that reads the snapshot and then runs <paramref name="run"/>.</summary>
    /// <param name="name">The command's name.</param>
    /// <param name="description">The command's help text.</param>
    /// <param name="options">The shared options.</param>
    /// <param name="time">The clock (overridden by <c>--now</c>).</param>
    /// <param name="run">Writes the command's output from the snapshot; returns the exit code.</param>
    /// <param name="commandOptions">The command's own options.</param>
    /// <returns>The command.</returns>
    public static Command Create(string name, string description, CommonOptions options, TimeProvider time, Func<Run, Task<int>> run, params Option[] commandOptions)
    {
        var command = new Command(name, description);
        foreach (var option in commandOptions)
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var context = CliContext.From(parseResult, options, time);
            var database = parseResult.GetValue(options.Database) ?? CommonOptions.DefaultDatabase;
            try
            {
                var snapshot = await LeadSnapshot.ReadAsync(context, database, cancellationToken).ConfigureAwait(false);
                return snapshot is null
                    ? ExitCodes.Error
                    : await run(new Run(context, snapshot, database, parseResult, cancellationToken)).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or InvalidOperationException or Microsoft.Data.Sqlite.SqliteException)
            {
                return context.Fail(exception.Message);
            }
        });
        return command;
    }

    /// <summary>One run of a snapshot command.</summary>
    /// <param name="Context">The output, error and clock.</param>
    /// <param name="Snapshot">The leads and profiles read from the database.</param>
    /// <param name="Database">The database file.</param>
    /// <param name="ParseResult">The parsed command line, for the command's own options.</param>
    /// <param name="CancellationToken">Cancels the run.</param>
    public sealed record Run(CliContext Context, LeadSnapshot Snapshot, string Database, ParseResult ParseResult, CancellationToken CancellationToken);
}
