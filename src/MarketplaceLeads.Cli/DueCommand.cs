using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using MarketplaceLeads.FollowUp;

namespace MarketplaceLeads.Cli;

/// <summary><c>due</c>: the follow-ups due now (responses still on time and nurture touches), each with its personalisation context.</summary>
internal static class DueCommand
{
    public static Command Create(CommonOptions options, TimeProvider time)
    {
        var format = OutputFormats.CreateOption(OutputFormat.Table, OutputFormat.Table, OutputFormat.Json, OutputFormat.Csv);
        var formulas = OutputFormats.CreateCsvFormulasOption();
        return SnapshotCommand.Create(
            "due",
            "List the follow-ups due now — responses still within their deadline and nurture touches — with what a message needs (name, company, offers, stage, days since). Never lists a do-not-contact or test customer.",
            options,
            time,
            run => Task.FromResult(Write(run.Context, run.Snapshot, run.ParseResult.GetValue(format), OutputFormats.CsvOptions(run.ParseResult.GetValue(formulas)))),
            format,
            formulas);
    }

    /// <summary>The tasks <c>due</c> lists: <see cref="FollowUpPlanner.Due"/> then <see cref="FollowUpPlanner.NextTouchesDue"/>, earliest first.</summary>
    internal static IReadOnlyList<FollowUpTask> Tasks(LeadSnapshot snapshot, FollowUpPlanner planner)
    {
        var log = snapshot.Log;
        return [.. planner.Due(snapshot.Profiles, log, snapshot.Holds).Concat(planner.NextTouchesDue(snapshot.Profiles, log, snapshot.Holds))
            .OrderBy(static t => t.DueAt).ThenBy(static t => t.ProfileId).ThenBy(static t => t.Kind)];
    }

    private static int Write(CliContext context, LeadSnapshot snapshot, OutputFormat format, LeadCsvWriteOptions csv)
    {
        var now = context.Time.GetUtcNow();
        var tasks = Tasks(snapshot, new FollowUpPlanner(new FollowUpOptions(), context.Time));
        switch (format)
        {
            case OutputFormat.Json:
                OutputFormats.WriteJson(context.Output, writer => WriteJson(writer, tasks, now));
                break;
            case OutputFormat.Csv:
                WriteCsv(context.Output, tasks, csv);
                break;
            default:
                WriteTable(context.Output, tasks, now);
                break;
        }

        return ExitCodes.Success;
    }

    private static void WriteTable(TextWriter output, IReadOnlyList<FollowUpTask> tasks, DateTimeOffset now)
    {
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{tasks.Count} follow-ups due as of {now:yyyy-MM-dd HH:mm} UTC"));
        if (tasks.Count == 0)
        {
            return;
        }

        output.WriteLine();
        var table = new TextTable(("Due (UTC)", false), ("Task", false), ("Name", false), ("Company", false), ("Offer", false), ("Stage", false), ("Last action", false), ("Days", true), ("Offers", true));
        foreach (var task in tasks)
        {
            var context = task.Context;
            table.Add(
                task.DueAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + (task.IsOverdue ? " !" : string.Empty),
                Describe(task),
                string.Join(' ', new[] { context.FirstName, context.LastName }.Where(static s => !string.IsNullOrEmpty(s))),
                context.Company ?? string.Empty,
                context.Offer.Title ?? task.Offer.ToString(),
                task.Stage.ToString(),
                context.LastAction.ToString(),
                context.DaysSinceLastAction.ToString(CultureInfo.InvariantCulture),
                context.Offers.Count.ToString(CultureInfo.InvariantCulture));
        }

        table.Write(output);
        output.WriteLine();
        output.WriteLine("'!' marks a touch past its due time. Responses are due within the SLA (24 h for Contact me, install and create; 4 h for a test drive).");
    }

    private static void WriteJson(Utf8JsonWriter writer, IReadOnlyList<FollowUpTask> tasks, DateTimeOffset now)
    {
        writer.WriteStartObject();
        writer.WriteString("asOf", now);
        writer.WriteNumber("count", tasks.Count);
        writer.WriteStartArray("tasks");
        foreach (var task in tasks)
        {
            var context = task.Context;
            writer.WriteStartObject();
            writer.WriteString("kind", task.Kind.ToString());
            writer.WriteString("profileId", task.ProfileId.ToString());
            writer.WriteString("offer", task.Offer.ToString());
            writer.WriteString("stage", task.Stage.ToString());
            writer.WriteString("dueAt", task.DueAt);
            writer.WriteBoolean("isOverdue", task.IsOverdue);
            if (task.LeadId is { } leadId)
            {
                writer.WriteString("leadId", leadId.ToString());
            }

            if (task.Touch is { } touch)
            {
                writer.WriteNumber("touch", touch.Number);
            }

            writer.WriteBoolean("qualified", task.Qualification.IsQualified);
            writer.WriteStartObject("context");
            OutputFormats.WriteOptional(writer, "firstName", context.FirstName);
            OutputFormats.WriteOptional(writer, "lastName", context.LastName);
            OutputFormats.WriteOptional(writer, "company", context.Company);
            OutputFormats.WriteOptional(writer, "title", context.Title);
            OutputFormats.WriteOptional(writer, "country", context.Country);
            OutputFormats.WriteOptional(writer, "email", context.Email);
            writer.WriteString("lastAction", context.LastAction.ToString());
            writer.WriteNumber("daysSinceLastAction", context.DaysSinceLastAction);
            writer.WriteStartArray("offers");
            foreach (var offer in context.Offers)
            {
                writer.WriteStartObject();
                writer.WriteString("offer", offer.Offer.ToString());
                OutputFormats.WriteOptional(writer, "title", offer.Title);
                writer.WriteString("stage", offer.Stage.ToString());
                writer.WriteStartArray("actions");
                foreach (var action in offer.Actions)
                {
                    writer.WriteStringValue(action.ToString());
                }

                writer.WriteEndArray();
                writer.WriteString("lastActionAt", offer.LastActionAt);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void WriteCsv(TextWriter output, IReadOnlyList<FollowUpTask> tasks, LeadCsvWriteOptions csv)
    {
        CsvText.WriteRow(output, ["kind", "profileId", "offer", "stage", "dueAt", "isOverdue", "touch", "firstName", "lastName", "company", "title", "country", "email", "lastAction", "daysSinceLastAction", "offers"], csv);
        foreach (var task in tasks)
        {
            var context = task.Context;
            CsvText.WriteRow(output,
            [
                task.Kind.ToString(), task.ProfileId.ToString(), task.Offer.ToString(), task.Stage.ToString(),
                task.DueAt.ToString("O", CultureInfo.InvariantCulture), task.IsOverdue ? "true" : "false",
                task.Touch is { } touch ? touch.Number.ToString(CultureInfo.InvariantCulture) : string.Empty,
                context.FirstName, context.LastName, context.Company, context.Title, context.Country, context.Email,
                context.LastAction.ToString(), context.DaysSinceLastAction.ToString(CultureInfo.InvariantCulture),
                string.Join(';', context.Offers.Select(static o => o.Offer.ToString())),
            ],
            csv);
        }
    }

    private static string Describe(FollowUpTask task) =>
        task.Touch is { } touch ? string.Create(CultureInfo.InvariantCulture, $"{task.Kind} #{touch.Number}") : task.Kind.ToString();
}
