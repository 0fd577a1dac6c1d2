using System;
using System.CommandLine;
using System.Globalization;

namespace MarketplaceLeads.Cli;

/// <summary>The options every command shares (recursive options of the root command); one instance per root command.</summary>
internal sealed class CommonOptions
{
    public const string DefaultDatabase = "leads.db";

    /// <summary>Gets <c>--db</c>: the SQLite database file.</summary>
    public Option<string> Database { get; } = new("--db")
    {
        Description = "The SQLite database file.",
        DefaultValueFactory = static _ => DefaultDatabase,
        HelpName = "file",
        Recursive = true,
    };

    /// <summary>Gets <c>--now</c>: the instant the commands treat as now (ISO 8601; UTC when no offset is given).</summary>
    public Option<DateTimeOffset?> Now { get; } = new("--now")
    {
        Description = "Treat this ISO 8601 time as now (UTC when no offset); default: the system clock. Import stamps leads without a time with it; report and due measure deadlines from it.",
        HelpName = "time",
        Recursive = true,
        CustomParser = static result =>
        {
            var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Empty;
            if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out var value))
            {
                return value;
            }

            result.AddError($"--now must be an ISO 8601 time such as 2026-11-01T09:00:00Z; it is '{text}'.");
            return null;
        },
    };
}
