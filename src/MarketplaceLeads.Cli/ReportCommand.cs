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
        var report = Create(snapshot, new FollowUpPlanner(new FollowUpOptions(), context.Time), context.Time.GetUtcNow());
        switch (format)
        {
            case OutputFormat.Json:
                OutputFormats.WriteJson(context.Output, writer => ReportView.WriteJson(writer, report));
                break;
            case OutputFormat.Csv:
                ReportView.WriteCsv(context.Output, report);
                break;
            default:
                ReportView.WriteTable(context.Output, report, database);
                break;
        }

        return ExitCodes.Success;
    }

    /// <summary>The report of a snapshot at a time.</summary>
    internal static LeadReport Create(LeadSnapshot snapshot, FollowUpPlanner planner, DateTimeOffset now) =>
        LeadReport.Create(planner, snapshot.Profiles, snapshot.PossibleDuplicates, snapshot.Log, snapshot.Holds, now);
}

/// <summary>Renders the library's <see cref="LeadReport"/> as a table, JSON or CSV; computes nothing.</summary>
internal static class ReportView
{
    private const string FunnelTotalLabel = "total (customer-offer pairs: a customer in two offers counts twice)";

    private const string ConversionMeaning = "customers who reached the second stage after the first on the offer; median days between";

    public static void WriteTable(TextWriter output, LeadReport report, string database)
    {
        output.WriteLine(Invariant($"Leads report for {database} as of {report.AsOf:yyyy-MM-dd HH:mm} UTC"));
        output.WriteLine();
        var summary = new TextTable(("", false), ("", true));
        summary.Add("Leads", Number(report.Leads));
        summary.Add("Customers (de-duplicated)", Number(report.Customers));
        summary.Add("Duplicates merged", Number(report.DuplicatesMerged));
        summary.Add("Possible duplicates", Number(report.PossibleDuplicates));
        summary.Add("Do-not-contact customers", Number(report.DoNotContact));
        summary.Add("Held: may be a do-not-contact customer (review)", Number(report.HeldForReview));
        summary.Add("Responses due (on time)", Number(report.ResponsesDue));
        summary.Add("Responses overdue (every action)", Number(report.ResponsesOverdue));
        summary.Add("Contact me replies overdue", Number(report.ContactMeOverdue));
        foreach (var (age, count) in report.ContactMeOverdueByAge)
        {
            summary.Add("  late by " + age, Number(count));
        }

        summary.Add("Nurture touches due", Number(report.TouchesDue));
        summary.Add("Test leads (not counted)", Number(report.TestLeads));
        WriteBody(output, summary);

        output.WriteLine();
        output.WriteLine("Funnel by offer (customers reaching each stage; the conversion columns count the customers who reached the second stage after the first, with the median days between)");
        var funnel = new TextTable(("Offer", false), ("Customers", true), ("Interest", true), ("Trial", true), ("Acquisition", true), ("DNC", true), ("Interest→Trial (median d)", true), ("Trial→Acquisition (median d)", true));
        foreach (var offer in report.Funnel)
        {
            funnel.Add(offer.Offer.ToString(), Number(offer.Customers), Number(offer.Interest), Number(offer.Trial), Number(offer.Acquisition), Number(offer.DoNotContact), Conversion(offer, FunnelStage.Interest, FunnelStage.Trial), Conversion(offer, FunnelStage.Trial, FunnelStage.Acquisition));
        }

        funnel.Add(FunnelTotalLabel, Number(report.FunnelCustomerOffers), Number(report.Funnel.Sum(static f => f.Interest)), Number(report.Funnel.Sum(static f => f.Trial)), Number(report.Funnel.Sum(static f => f.Acquisition)), Number(report.Funnel.Sum(static f => f.DoNotContact)), string.Empty, string.Empty);
        funnel.Write(output);

        output.WriteLine();
        output.WriteLine("Leads by source");
        var sources = new TextTable(("Source", false), ("Leads", true));
        foreach (var (source, count) in report.BySource)
        {
            sources.Add(source, Number(count));
        }

        sources.Write(output);
        output.WriteLine();
        output.WriteLine("Leads by action");
        var actions = new TextTable(("Action", false), ("Leads", true));
        foreach (var (action, count) in report.ByAction)
        {
            actions.Add(action, Number(count));
        }

        actions.Write(output);
    }

    public static void WriteJson(System.Text.Json.Utf8JsonWriter writer, LeadReport report)
    {
        writer.WriteStartObject();
        writer.WriteString("asOf", report.AsOf);
        writer.WriteNumber("leads", report.Leads);
        writer.WriteNumber("customers", report.Customers);
        writer.WriteNumber("duplicatesMerged", report.DuplicatesMerged);
        writer.WriteNumber("possibleDuplicates", report.PossibleDuplicates);
        writer.WriteNumber("doNotContact", report.DoNotContact);
        writer.WriteNumber("heldForReview", report.HeldForReview);
        writer.WriteNumber("responsesDue", report.ResponsesDue);
        writer.WriteNumber("responsesOverdue", report.ResponsesOverdue);
        writer.WriteNumber("contactMeOverdue", report.ContactMeOverdue);
        WriteCounts(writer, "contactMeOverdueByAge", report.ContactMeOverdueByAge);
        writer.WriteNumber("touchesDue", report.TouchesDue);
        writer.WriteNumber("testLeads", report.TestLeads);
        writer.WriteStartObject("funnelTotal");
        writer.WriteString("counts", "customer-offer pairs: a customer in two offers counts twice");
        writer.WriteNumber("customerOffers", report.FunnelCustomerOffers);
        writer.WriteNumber("interest", report.Funnel.Sum(static f => f.Interest));
        writer.WriteNumber("trial", report.Funnel.Sum(static f => f.Trial));
        writer.WriteNumber("acquisition", report.Funnel.Sum(static f => f.Acquisition));
        writer.WriteNumber("doNotContact", report.Funnel.Sum(static f => f.DoNotContact));
        writer.WriteEndObject();
        writer.WriteString("conversionsCount", ConversionMeaning);
        writer.WriteStartArray("funnel");
        foreach (var offer in report.Funnel)
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
        WriteCounts(writer, "bySource", report.BySource);
        WriteCounts(writer, "byAction", report.ByAction);
        writer.WriteEndObject();
    }

    /// <summary>Writes the report as one long CSV table: <c>section,key,metric,value</c>.</summary>
    public static void WriteCsv(TextWriter output, LeadReport report)
    {
        CsvText.WriteRow(output, ["section", "key", "metric", "value"]);
        void Row(string section, string key, string metric, double value) =>
            CsvText.WriteRow(output, [section, key, metric, value.ToString(CultureInfo.InvariantCulture)]);
        CsvText.WriteRow(output, ["summary", string.Empty, "asOf", report.AsOf.ToString("O", CultureInfo.InvariantCulture)]);
        Row("summary", string.Empty, "leads", report.Leads);
        Row("summary", string.Empty, "customers", report.Customers);
        Row("summary", string.Empty, "duplicatesMerged", report.DuplicatesMerged);
        Row("summary", string.Empty, "possibleDuplicates", report.PossibleDuplicates);
        Row("summary", string.Empty, "doNotContact", report.DoNotContact);
        Row("summary", string.Empty, "heldForReview", report.HeldForReview);
        Row("summary", string.Empty, "responsesDue", report.ResponsesDue);
        Row("summary", string.Empty, "responsesOverdue", report.ResponsesOverdue);
        Row("summary", string.Empty, "contactMeOverdue", report.ContactMeOverdue);
        foreach (var (age, count) in report.ContactMeOverdueByAge)
        {
            Row("contactMeOverdueByAge", age, "replies", count);
        }

        Row("funnelTotal", "customer-offer pairs", "customers", report.FunnelCustomerOffers);
        Row("summary", string.Empty, "touchesDue", report.TouchesDue);
        Row("summary", string.Empty, "testLeads", report.TestLeads);
        foreach (var offer in report.Funnel)
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

        foreach (var (source, count) in report.BySource)
        {
            Row("source", source, "leads", count);
        }

        foreach (var (action, count) in report.ByAction)
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
