using System;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using MarketplaceLeads.Deduplication;
using MarketplaceLeads.PostgreSql;
using MarketplaceLeads.Sqlite;
using Npgsql;

namespace MarketplaceLeads.Cli;

/// <summary>
/// <c>erase</c> and <c>retention</c>: the customer's data lifecycle on a SQLite file (<c>--db</c>) or a PostgreSQL schema
/// (<c>--postgres</c>). Erasure removes a customer from every table and leaves an audit row; retention drops raw payloads and
/// dead letters older than a number of days. Both print ids, times and counts only.
/// </summary>
internal static class ErasureCommands
{
    public static Command CreateErase(CommonOptions options, TimeProvider time)
    {
        var email = new Option<string?>("--email") { Description = "Erase every customer profile that holds this e-mail address (compared normalised), with all its leads.", HelpName = "address" };
        var profile = new Option<string?>("--profile") { Description = "Erase this customer profile (its id: 32 hexadecimal digits), with all its leads.", HelpName = "id" };
        var yes = new Option<bool>("--yes") { Description = "Erase without asking (needed when the input is not a terminal, as in CI)." };
        var postgres = Postgres();
        var command = new Command("erase", "Erase a customer (GDPR): their profiles, leads, raw payloads, dead letters, sink rows and follow-up touches, from every table of the database; an audit row without personal data is kept, and the lead ids stay as tombstones so that a re-delivery is not stored again. Prints the receipt (ids and counts).");
        command.Options.Add(email);
        command.Options.Add(profile);
        command.Options.Add(yes);
        command.Options.Add(postgres);
        command.Validators.Add(result =>
        {
            var byEmail = !string.IsNullOrWhiteSpace(result.GetValue(email));
            var byProfile = !string.IsNullOrWhiteSpace(result.GetValue(profile));
            if (byEmail == byProfile)
            {
                result.AddError("erase needs exactly one of --email and --profile.");
            }
            else if (byProfile && !LeadId.TryParse(result.GetValue(profile)!.Trim(), out _))
            {
                result.AddError($"--profile must be a profile id (32 hexadecimal digits); it is '{result.GetValue(profile)}'.");
            }
        });
        command.SetAction((parseResult, cancellationToken) => EraseAsync(parseResult, options, time, parseResult.GetValue(email), parseResult.GetValue(profile), parseResult.GetValue(yes), parseResult.GetValue(postgres), cancellationToken));
        return command;
    }

    public static Command CreateRetention(CommonOptions options, TimeProvider time)
    {
        var days = new Option<int>("--days") { Description = "Drop the raw payload of every lead accepted more than this many days ago (the lead itself stays).", HelpName = "N", Required = true };
        var deadLetterDays = new Option<int?>("--dead-letters-days") { Description = "Drop dead letters recorded more than this many days ago; default: --days.", HelpName = "N" };
        days.Validators.Add(result => CheckDays(result, "--days"));
        deadLetterDays.Validators.Add(result => CheckDays(result, "--dead-letters-days"));
        var postgres = Postgres();
        var command = new Command("retention", "Apply the retention periods: drop raw payloads (journal, identity store, sink rows) and dead letters older than a number of days. Prints the counts.");
        command.Options.Add(days);
        command.Options.Add(deadLetterDays);
        command.Options.Add(postgres);
        command.SetAction((parseResult, cancellationToken) => RetentionAsync(parseResult, options, time, parseResult.GetValue(days), parseResult.GetValue(deadLetterDays), parseResult.GetValue(postgres), cancellationToken));
        return command;
    }

    private static Option<string?> Postgres() => new("--postgres")
    {
        Description = "Work on this PostgreSQL database (an Npgsql connection string; the schema is 'marketplace_leads' unless it names a Search Path) instead of the SQLite file of --db.",
        HelpName = "connection string",
    };

    private static void CheckDays(System.CommandLine.Parsing.OptionResult result, string name)
    {
        if (result.Tokens.Count == 1 && (!int.TryParse(result.Tokens[0].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value > 36500))
        {
            result.AddError($"{name} must be a whole number of days from 0 to 36500; it is '{result.Tokens[0].Value}'.");
        }
    }

    private static async Task<int> EraseAsync(ParseResult parseResult, CommonOptions options, TimeProvider time, string? email, string? profile, bool yes, string? postgres, CancellationToken cancellationToken)
    {
        var context = CliContext.From(parseResult, options, time);
        var target = postgres is null ? parseResult.GetValue(options.Database) ?? CommonOptions.DefaultDatabase : "the PostgreSQL database";
        var subject = email is not null ? "the customer with that e-mail address" : $"customer profile {profile!.Trim()}";
        if (!yes)
        {
            if (Console.IsInputRedirected || !ReferenceEquals(parseResult.InvocationConfiguration.Output, Console.Out))
            {
                return context.Fail("erase asks before it erases, and the input is not a terminal: add --yes to erase without asking");
            }

            context.Output.Write($"Erase {subject} from {target}? This cannot be undone. [y/N] ");
            if (!string.Equals(Console.ReadLine()?.Trim(), "y", StringComparison.OrdinalIgnoreCase))
            {
                return context.Fail("nothing was erased");
            }
        }

        try
        {
            var profileId = profile is null ? default : new CustomerProfileId(LeadId.Parse(profile.Trim()));
            var receipt = await OnDatabaseAsync(
                context,
                target,
                postgres,
                sqlite => email is not null ? sqlite.EraseCustomerAsync(email, cancellationToken) : sqlite.EraseCustomerAsync(profileId, cancellationToken),
                shared => email is not null ? shared.EraseCustomerAsync(email, cancellationToken) : shared.EraseCustomerAsync(profileId, cancellationToken)).ConfigureAwait(false);
            if (receipt is null)
            {
                return ExitCodes.Error;
            }

            var output = context.Output;
            output.WriteLine($"erasure {receipt.ErasureId} at {receipt.ErasedAt.ToString("O", CultureInfo.InvariantCulture)}");
            output.WriteLine($"profiles: {(receipt.ProfileIds.Count == 0 ? "none found" : string.Join(", ", receipt.ProfileIds))}");
            output.WriteLine($"leads: {(receipt.LeadIds.Count == 0 ? "none found" : string.Join(", ", receipt.LeadIds))}");
            foreach (var (table, count) in receipt.Counts.Where(static c => c.Value > 0).OrderBy(static c => c.Key, StringComparer.Ordinal))
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {table}: {count}"));
            }

            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{receipt.Total} row(s) erased; the audit row is in the erasures table"));
            return ExitCodes.Success;
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or Microsoft.Data.Sqlite.SqliteException or NpgsqlException or InvalidOperationException or ArgumentException)
        {
            return context.Fail($"{target}: {error.Message}");
        }
    }

    private static async Task<int> RetentionAsync(ParseResult parseResult, CommonOptions options, TimeProvider time, int days, int? deadLetterDays, string? postgres, CancellationToken cancellationToken)
    {
        var context = CliContext.From(parseResult, options, time);
        var target = postgres is null ? parseResult.GetValue(options.Database) ?? CommonOptions.DefaultDatabase : "the PostgreSQL database";
        var payloads = TimeSpan.FromDays(days);
        var letters = TimeSpan.FromDays(deadLetterDays ?? days);
        try
        {
            var receipt = await OnDatabaseAsync(
                context,
                target,
                postgres,
                sqlite => sqlite.ApplyRetentionAsync(payloads, letters, cancellationToken),
                shared => shared.ApplyRetentionAsync(payloads, letters, cancellationToken)).ConfigureAwait(false);
            if (receipt is null)
            {
                return ExitCodes.Error;
            }

            context.Output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"raw payloads dropped: {receipt.RawPayloadsDropped} (leads accepted before {receipt.RawPayloadsBefore:O})"));
            context.Output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"dead letters dropped: {receipt.DeadLettersDropped} (recorded before {receipt.DeadLettersBefore:O})"));
            return ExitCodes.Success;
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or Microsoft.Data.Sqlite.SqliteException or NpgsqlException or InvalidOperationException)
        {
            return context.Fail($"{target}: {error.Message}");
        }
    }

    /// <summary>Runs the work on the PostgreSQL database when <paramref name="postgres"/> is given, else on the SQLite file (which must exist: an erasure or retention never creates one); <see langword="null"/> after printing the error when the file is missing.</summary>
    private static async Task<T?> OnDatabaseAsync<T>(CliContext context, string file, string? postgres, Func<SqliteLeadDatabase, Task<T>> onSqlite, Func<PostgreSqlLeadDatabase, Task<T>> onPostgres)
        where T : class
    {
        if (postgres is not null)
        {
            var shared = OpenPostgres(postgres, context.Time);
            await using (shared.ConfigureAwait(false))
            {
                return await onPostgres(shared).ConfigureAwait(false);
            }
        }

        if (!File.Exists(file))
        {
            context.Fail($"the database '{file}' does not exist");
            return null;
        }

        using var sqlite = context.OpenDatabase(file);
        return await onSqlite(sqlite).ConfigureAwait(false);
    }

    private static PostgreSqlLeadDatabase OpenPostgres(string connectionString, TimeProvider time)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var options = new PostgreSqlLeadsOptions { ConnectionString = connectionString };
        if (!string.IsNullOrWhiteSpace(builder.SearchPath))
        {
            options.SchemaName = builder.SearchPath.Split(',')[0].Trim();
        }

        return new PostgreSqlLeadDatabase(options, time);
    }
}
