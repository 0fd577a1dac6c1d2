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

/// <summary><c>due</c>: the library's <see cref="DueList"/> rendered: one row per customer and offer, replies within their deadline first, then nurture touches; <c>--overdue</c> lists the overdue replies.</summary>
internal static class DueCommand
{
    public static Command Create(CommonOptions options, TimeProvider time)
    {
        var format = OutputFormats.CreateOption(OutputFormat.Table, OutputFormat.Table, OutputFormat.Json, OutputFormat.Csv);
        var formulas = OutputFormats.CreateCsvFormulasOption();
        var overdue = new Option<bool>("--overdue")
        {
            Description = "List the replies that are overdue instead (customers and offers whose every open request is past its deadline), the oldest first.",
        };
        return SnapshotCommand.Create(
            "due",
            "List what to do now, one row per customer and offer, most urgent first: replies to requests still within their deadline (Contact me, test drive, trial, Get it now), then nurture touches; with name, e-mail, phone, company, country and the customer's notes. Never lists a do-not-contact or test customer.",
            options,
            time,
            run => Task.FromResult(Write(run.Context, run.Snapshot, run.ParseResult.GetValue(format), OutputFormats.CsvOptions(run.ParseResult.GetValue(formulas)), run.ParseResult.GetValue(overdue))),
            format,
            formulas,
            overdue);
    }

    /// <summary>The rows <c>due</c> lists (<see cref="DueList.Due"/>, or <see cref="DueList.Overdue"/> with <c>--overdue</c>).</summary>
    internal static IReadOnlyList<DueItem> Rows(LeadSnapshot snapshot, FollowUpPlanner planner, bool overdue = false) =>
        overdue ? DueList.Overdue(planner, snapshot.Profiles, snapshot.Log, snapshot.Holds) : DueList.Due(planner, snapshot.Profiles, snapshot.Log, snapshot.Holds);

    private static int Write(CliContext context, LeadSnapshot snapshot, OutputFormat format, LeadCsvWriteOptions csv, bool overdue)
    {
        var now = context.Time.GetUtcNow();
        var planner = new FollowUpPlanner(new FollowUpOptions(), context.Time);
        var rows = Rows(snapshot, planner, overdue);
        switch (format)
        {
            case OutputFormat.Json:
                OutputFormats.WriteJson(context.Output, writer => WriteJson(writer, rows, now, overdue));
                break;
            case OutputFormat.Csv:
                WriteCsv(context.Output, rows, csv);
                break;
            default:
                var overdueCount = overdue ? 0 : Rows(snapshot, planner, overdue: true).Count;
                WriteTable(context.Output, rows, now, overdue, overdueCount);
                break;
        }

        return ExitCodes.Success;
    }

    private static void WriteTable(TextWriter output, IReadOnlyList<DueItem> rows, DateTimeOffset now, bool overdue, int overdueCount)
    {
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{rows.Count} {(overdue ? "overdue replies" : "follow-ups due")} as of {now:yyyy-MM-dd HH:mm} UTC"));
        if (rows.Count > 0)
        {
            output.WriteLine();
            var table = new TextTable(("Due (UTC)", false), ("Task", false), ("Name", false), ("E-mail", false), ("Phone", false), ("Company", false), ("Country", false), ("Offer", false), ("Notes", false));
            foreach (var row in rows)
            {
                var context = row.Context;
                table.Add(
                    row.DueAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + (row.IsOverdue ? " !" : string.Empty),
                    Describe(row),
                    OneLine(Name(context)),
                    OneLine(context.Email),
                    OneLine(row.Phone),
                    OneLine(context.Company),
                    OneLine(context.Country),
                    OneLine(row.OfferTitle ?? row.Offer.ToString()),
                    Shorten(OneLine(string.Join(" / ", row.Notes)), 60));
            }

            table.Write(output);
            output.WriteLine();
        }

        output.WriteLine(overdue
            ? "'!' marks a reply past its deadline. Record what you did with 'marketplace-leads touch <customer> --offer <offer> --kind …'."
            : "Replies first (soonest deadline first; 24 h for Contact me, trials and Get it now, 4 h for a test drive), then nurture touches. Record what you did with 'marketplace-leads touch'.");
        if (overdueCount > 0)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{overdueCount} {(overdueCount == 1 ? "reply is" : "replies are")} overdue: marketplace-leads due --overdue"));
        }
    }

    private static void WriteJson(Utf8JsonWriter writer, IReadOnlyList<DueItem> rows, DateTimeOffset now, bool overdue)
    {
        writer.WriteStartObject();
        writer.WriteString("asOf", now);
        writer.WriteString("list", overdue ? "overdue" : "due");
        writer.WriteNumber("count", rows.Count);
        writer.WriteStartArray("tasks");
        foreach (var row in rows)
        {
            var context = row.Context;
            writer.WriteStartObject();
            writer.WriteString("kind", row.Kind.ToString());
            writer.WriteString("task", Describe(row));
            writer.WriteString("action", row.Action);
            writer.WriteString("profileId", row.ProfileId.ToString());
            writer.WriteString("offer", row.Offer.ToString());
            OutputFormats.WriteOptional(writer, "offerTitle", row.OfferTitle);
            writer.WriteString("stage", row.Stage.ToString());
            writer.WriteString("dueAt", row.DueAt);
            writer.WriteBoolean("isOverdue", row.IsOverdue);
            if (row.Requests.Count > 0)
            {
                writer.WriteString("leadId", row.Requests[0].ToString());
            }

            writer.WriteStartArray("requests");
            foreach (var request in row.Requests)
            {
                writer.WriteStringValue(request.ToString());
            }

            writer.WriteEndArray();
            writer.WriteNumber("overdueRequests", row.OverdueRequests);
            if (row.Touch is { } touch)
            {
                writer.WriteNumber("touch", touch.Number);
                writer.WriteNumber("touches", touch.Of);
            }

            writer.WriteBoolean("qualified", row.Qualification.IsQualified);
            OutputFormats.WriteOptional(writer, "name", Name(context) is { Length: > 0 } name ? name : null);
            OutputFormats.WriteOptional(writer, "email", context.Email);
            OutputFormats.WriteOptional(writer, "phone", row.Phone);
            OutputFormats.WriteOptional(writer, "company", context.Company);
            OutputFormats.WriteOptional(writer, "country", context.Country);
            writer.WriteStartArray("notes");
            foreach (var note in row.Notes)
            {
                writer.WriteStringValue(note);
            }

            writer.WriteEndArray();
            writer.WriteStartObject("context");
            OutputFormats.WriteOptional(writer, "firstName", context.FirstName);
            OutputFormats.WriteOptional(writer, "lastName", context.LastName);
            OutputFormats.WriteOptional(writer, "company", context.Company);
            OutputFormats.WriteOptional(writer, "title", context.Title);
            OutputFormats.WriteOptional(writer, "country", context.Country);
            OutputFormats.WriteOptional(writer, "email", context.Email);
            writer.WriteString("lastAction", DueList.ActionName(context.LastAction));
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
                    writer.WriteStringValue(DueList.ActionName(action));
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

    private static void WriteCsv(TextWriter output, IReadOnlyList<DueItem> rows, LeadCsvWriteOptions csv)
    {
        CsvText.WriteRow(output, ["kind", "profileId", "offer", "task", "action", "offerTitle", "stage", "dueAt", "isOverdue", "requests", "overdueRequests", "touch", "firstName", "lastName", "email", "phone", "company", "title", "country", "notes", "lastAction", "daysSinceLastAction", "offers"], csv);
        foreach (var row in rows)
        {
            var context = row.Context;
            CsvText.WriteRow(output,
            [
                row.Kind.ToString(), row.ProfileId.ToString(), row.Offer.ToString(), Describe(row), row.Action, row.OfferTitle, row.Stage.ToString(),
                row.DueAt.ToString("O", CultureInfo.InvariantCulture), row.IsOverdue ? "true" : "false",
                string.Join(';', row.Requests), row.OverdueRequests.ToString(CultureInfo.InvariantCulture),
                row.Touch is { } touch ? touch.Number.ToString(CultureInfo.InvariantCulture) : string.Empty,
                context.FirstName, context.LastName, context.Email, row.Phone, context.Company, context.Title, context.Country,
                string.Join(" / ", row.Notes),
                DueList.ActionName(context.LastAction), context.DaysSinceLastAction.ToString(CultureInfo.InvariantCulture),
                string.Join(';', context.Offers.Select(static o => o.Offer.ToString())),
            ],
            csv);
        }
    }

    private static string Describe(DueItem row) =>
        row.Touch is { } touch
            ? string.Create(CultureInfo.InvariantCulture, $"Nurture touch {touch.Number} of {touch.Of}")
            : row.Requests.Count > 1
                ? string.Create(CultureInfo.InvariantCulture, $"Reply: {row.Action} ({row.Requests.Count} requests)")
                : "Reply: " + row.Action;

    private static string Name(PersonalizationContext context) =>
        string.Join(' ', new[] { context.FirstName, context.LastName }.Where(static s => !string.IsNullOrEmpty(s)));

    private static string OneLine(string? text) =>
        text is null ? string.Empty : string.Create(text.Length, text, static (span, t) =>
        {
            for (var i = 0; i < t.Length; i++)
            {
                span[i] = char.IsControl(t[i]) ? ' ' : t[i];
            }
        });

    private static string Shorten(string text, int max) => text.Length <= max ? text : string.Concat(text.AsSpan(0, max - 1), "…");
}
