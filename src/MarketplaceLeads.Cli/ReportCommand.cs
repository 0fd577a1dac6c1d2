using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using MarketplaceLeads.FollowUp;

namespace MarketplaceLeads.Cli;

/// <summary><c>report</c>: the funnel by offer, leads by source and action, duplicates merged, do-not-contact customers, follow-ups due and overdue.</summary>
internal static class ReportCommand
{
    public static Command Create(CommonOptions options, TimeProvider time)
    {
        var format = OutputFormats.CreateOption(OutputFormat.Table, OutputFormat.Table, OutputFormat.Json, OutputFormat.Csv);
        return SnapshotCommand.Create(
            "report",
            "Report the funnel by offer, leads by source and action, duplicates merged, do-not-contact customers and overdue follow-ups.",
            options,
            time,
            run => Task.FromResult(Write(run.Context, run.Snapshot, run.Database, run.ParseResult.GetValue(format))),
            format);
    }

    private static int Write(CliContext context, LeadSnapshot snapshot, string database, OutputFormat format)
    {
        var report = LeadReport.Create(snapshot, new FollowUpPlanner(new FollowUpOptions(), context.Time), context.Time.GetUtcNow());
        switch (format)
        {
            case OutputFormat.Json:
                OutputFormats.WriteJson(context.Output, report.WriteJson);
                break;
            case OutputFormat.Csv:
                report.WriteCsv(context.Output);
                break;
            default:
                report.WriteTable(context.Output, database);
                break;
        }

        return ExitCodes.Success;
    }
}

/// <summary>The numbers <c>report</c> prints, computed once and written as a table, JSON or CSV.</summary>
internal sealed class LeadReport
{
    public required DateTimeOffset AsOf { get; init; }

    public required int Leads { get; init; }

    public required int TestLeads { get; init; }

    public required int Customers { get; init; }

    public required int DuplicatesMerged { get; init; }

    public required int PossibleDuplicates { get; init; }

    public required int DoNotContact { get; init; }

    public required int HeldForReview { get; init; }

    public required int ResponsesDue { get; init; }

    public required int ResponsesOverdue { get; init; }

    public required int TouchesDue { get; init; }

    public required IReadOnlyList<OfferFunnel> Funnel { get; init; }

    public required IReadOnlyList<KeyValuePair<string, int>> BySource { get; init; }

    public required IReadOnlyList<KeyValuePair<string, int>> ByAction { get; init; }

    public static LeadReport Create(LeadSnapshot snapshot, FollowUpPlanner planner, DateTimeOffset now)
    {
        var customers = snapshot.Profiles.Where(static p => !p.IsTest).ToList();
        var leads = customers.SelectMany(static p => p.Leads).ToList();
        var log = snapshot.Log;
        return new LeadReport
        {
            AsOf = now,
            Leads = leads.Count,
            TestLeads = snapshot.Profiles.Where(static p => p.IsTest).Sum(static p => p.Leads.Count),
            Customers = customers.Count,
            DuplicatesMerged = leads.Count - customers.Count,
            PossibleDuplicates = snapshot.PossibleDuplicates.Count,
            DoNotContact = customers.Count(static p => p.DoNotContact),
            HeldForReview = snapshot.Holds.Count,
            ResponsesDue = planner.Due(customers, log, snapshot.Holds).Count,
            ResponsesOverdue = planner.Overdue(customers, log, snapshot.Holds).Count,
            TouchesDue = planner.NextTouchesDue(customers, log, snapshot.Holds).Count,
            Funnel = [.. FunnelReport.ByOffer(customers).OrderBy(static f => f.Offer.ToString(), StringComparer.Ordinal)],
            BySource = Count(leads, static l => l.Source.ToString()),
            ByAction = Count(leads, static l => l.Action.ToString()),
        };
    }

    public void WriteTable(TextWriter output, string database)
    {
        output.WriteLine(Invariant($"Leads report for {database} as of {AsOf:yyyy-MM-dd HH:mm} UTC"));
        output.WriteLine();
        var summary = new TextTable(("", false), ("", true));
        summary.Add("Leads", Number(Leads));
        summary.Add("Customers (de-duplicated)", Number(Customers));
        summary.Add("Duplicates merged", Number(DuplicatesMerged));
        summary.Add("Possible duplicates", Number(PossibleDuplicates));
        summary.Add("Do-not-contact customers", Number(DoNotContact));
        summary.Add("Held: may be a do-not-contact customer (review)", Number(HeldForReview));
        summary.Add("Responses due (on time)", Number(ResponsesDue));
        summary.Add("Responses overdue", Number(ResponsesOverdue));
        summary.Add("Nurture touches due", Number(TouchesDue));
        summary.Add("Test leads (not counted)", Number(TestLeads));
        WriteBody(output, summary);

        output.WriteLine();
        output.WriteLine("Funnel by offer (customers reaching each stage)");
        var funnel = new TextTable(("Offer", false), ("Customers", true), ("Interest", true), ("Trial", true), ("Acquisition", true), ("DNC", true), ("Interest→Trial", true), ("Trial→Acquisition", true));
        foreach (var offer in Funnel)
        {
            funnel.Add(offer.Offer.ToString(), Number(offer.Customers), Number(offer.Interest), Number(offer.Trial), Number(offer.Acquisition), Number(offer.DoNotContact), Conversion(offer, FunnelStage.Interest, FunnelStage.Trial), Conversion(offer, FunnelStage.Trial, FunnelStage.Acquisition));
        }

        funnel.Add("total", Number(Funnel.Sum(static f => f.Customers)), Number(Funnel.Sum(static f => f.Interest)), Number(Funnel.Sum(static f => f.Trial)), Number(Funnel.Sum(static f => f.Acquisition)), Number(Funnel.Sum(static f => f.DoNotContact)), string.Empty, string.Empty);
        funnel.Write(output);

        output.WriteLine();
        output.WriteLine("Leads by source");
        var sources = new TextTable(("Source", false), ("Leads", true));
        foreach (var (source, count) in BySource)
        {
            sources.Add(source, Number(count));
        }

        sources.Write(output);
        output.WriteLine();
        output.WriteLine("Leads by action");
        var actions = new TextTable(("Action", false), ("Leads", true));
        foreach (var (action, count) in ByAction)
        {
            actions.Add(action, Number(count));
        }

        actions.Write(output);
    }

    public void WriteJson(System.Text.Json.Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("asOf", AsOf);
        writer.WriteNumber("leads", Leads);
        writer.WriteNumber("customers", Customers);
        writer.WriteNumber("duplicatesMerged", DuplicatesMerged);
        writer.WriteNumber("possibleDuplicates", PossibleDuplicates);
        writer.WriteNumber("doNotContact", DoNotContact);
        writer.WriteNumber("heldForReview", HeldForReview);
        writer.WriteNumber("responsesDue", ResponsesDue);
        writer.WriteNumber("responsesOverdue", ResponsesOverdue);
        writer.WriteNumber("touchesDue", TouchesDue);
        writer.WriteNumber("testLeads", TestLeads);
        writer.WriteStartArray("funnel");
        foreach (var offer in Funnel)
        {
            writer.WriteStartObject();
            writer.WriteString("offer", offer.Offer.ToString());
            if (offer.Title is { } title)
            {
                writer.WriteString("title", title);
            }

            writer.WriteNumber("customers", offer.Customers);
            writer.WriteNumber("interest", offer.Interest);
            writer.WriteNumber("trial", offer.Trial);
            writer.WriteNumber("acquisition", offer.Acquisition);
            writer.WriteNumber("doNotContact", offer.DoNotContact);
            writer.WriteStartArray("conversions");
            foreach (var conversion in offer.Conversions)
            {
                writer.WriteStartObject();
                writer.WriteString("from", conversion.From.ToString());
                writer.WriteString("to", conversion.To.ToString());
                writer.WriteNumber("count", conversion.Count);
                writer.WriteNumber("medianDays", Math.Round(conversion.MedianElapsed.TotalDays, 1));
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        WriteCounts(writer, "bySource", BySource);
        WriteCounts(writer, "byAction", ByAction);
        writer.WriteEndObject();
    }

    /// <summary>Writes the report as one long CSV table: <c>section,key,metric,value</c>.</summary>
    public void WriteCsv(TextWriter output)
    {
        CsvText.WriteRow(output, ["section", "key", "metric", "value"]);
        void Row(string section, string key, string metric, double value) =>
            CsvText.WriteRow(output, [section, key, metric, value.ToString(CultureInfo.InvariantCulture)]);
        CsvText.WriteRow(output, ["summary", string.Empty, "asOf", AsOf.ToString("O", CultureInfo.InvariantCulture)]);
        Row("summary", string.Empty, "leads", Leads);
        Row("summary", string.Empty, "customers", Customers);
        Row("summary", string.Empty, "duplicatesMerged", DuplicatesMerged);
        Row("summary", string.Empty, "possibleDuplicates", PossibleDuplicates);
        Row("summary", string.Empty, "doNotContact", DoNotContact);
        Row("summary", string.Empty, "heldForReview", HeldForReview);
        Row("summary", string.Empty, "responsesDue", ResponsesDue);
        Row("summary", string.Empty, "responsesOverdue", ResponsesOverdue);
        Row("summary", string.Empty, "touchesDue", TouchesDue);
        Row("summary", string.Empty, "testLeads", TestLeads);
        foreach (var offer in Funnel)
        {
            var key = offer.Offer.ToString();
            Row("funnel", key, "customers", offer.Customers);
            Row("funnel", key, "interest", offer.Interest);
            Row("funnel", key, "trial", offer.Trial);
            Row("funnel", key, "acquisition", offer.Acquisition);
            Row("funnel", key, "doNotContact", offer.DoNotContact);
            foreach (var conversion in offer.Conversions)
            {
                Row("conversion", key, Invariant($"{conversion.From}->{conversion.To}"), conversion.Count);
            }
        }

        foreach (var (source, count) in BySource)
        {
            Row("source", source, "leads", count);
        }

        foreach (var (action, count) in ByAction)
        {
            Row("action", action, "leads", count);
        }
    }

    private static void WriteBody(TextWriter output, TextTable table)
    {
        // A two-column key/value table reads best without its (empty) header and rule.
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        table.Write(text);
        var lines = text.ToString().Split('\n');
        foreach (var line in lines.Skip(2))
        {
            if (line.Length > 0)
            {
                output.WriteLine(line);
            }
        }
    }

    private static void WriteCounts(System.Text.Json.Utf8JsonWriter writer, string name, IReadOnlyList<KeyValuePair<string, int>> counts)
    {
        writer.WriteStartObject(name);
        foreach (var (key, count) in counts)
        {
            writer.WriteNumber(key, count);
        }

        writer.WriteEndObject();
    }

    private static string Conversion(OfferFunnel offer, FunnelStage from, FunnelStage to) =>
        offer.Conversions.FirstOrDefault(c => c.From == from && c.To == to) is { } conversion
            ? Invariant($"{conversion.Count} ({conversion.MedianElapsed.TotalDays:0.#} d)")
            : "0";

    private static List<KeyValuePair<string, int>> Count(IEnumerable<Lead> leads, Func<Lead, string> key) =>
        [.. leads.GroupBy(key, StringComparer.Ordinal).Select(static g => KeyValuePair.Create(g.Key, g.Count())).OrderByDescending(static p => p.Value).ThenBy(static p => p.Key, StringComparer.Ordinal)];

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
