using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using MarketplaceLeads.Cli.Tests.Support;

namespace MarketplaceLeads.Cli.Tests;

[Collection(ImportedSamplesDefinition.Name)]
public sealed class ReportCommandTests(ImportedSamples samples)
{
    private static readonly string[] Offers =
        ["contoso.contoso-analytics", "contoso.contoso-crm-connector", "fabrikam.fabrikam-insights", "litware.litware-backup-vm", "northwind.northwind-billing-saas"];

    [Fact]
    public async Task Report_Table_ListsEveryOfferWithItsCounts()
    {
        var run = await CliRunner.RunAsync("report", "--db", samples.Database, "--now", CliRunner.Now);

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Equal(string.Empty, run.Error);
        Assert.Contains("as of 2026-11-01 09:00 UTC", run.Output, StringComparison.Ordinal);
        // 2,698 leads, of which 38 (all of customers seen before) are received after --now and not counted yet.
        Assert.Matches(@"Leads\s+2660\n", run.Output.ReplaceLineEndings("\n"));
        Assert.Matches(@"Customers \(de-duplicated\)\s+1500\n", run.Output.ReplaceLineEndings("\n"));
        Assert.Matches(@"Test leads \(not counted\)\s+3\n", run.Output.ReplaceLineEndings("\n"));
        foreach (var offer in Offers)
        {
            Assert.Contains(offer, run.Output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Report_Json_ParsesAndMatchesTheTable()
    {
        var table = await CliRunner.RunAsync("report", "--db", samples.Database, "--now", CliRunner.Now);
        var json = await CliRunner.RunAsync("report", "--db", samples.Database, "--now", CliRunner.Now, "--format", "json");

        Assert.Equal(ExitCodes.Success, json.ExitCode);
        using var document = JsonDocument.Parse(json.Output);
        var root = document.RootElement;
        var lines = table.Output.ReplaceLineEndings("\n").Split('\n');
        Assert.Equal(Summary(lines, "Leads"), root.GetProperty("leads").GetInt32());
        Assert.Equal(Summary(lines, "Customers (de-duplicated)"), root.GetProperty("customers").GetInt32());
        Assert.Equal(Summary(lines, "Duplicates merged"), root.GetProperty("duplicatesMerged").GetInt32());
        Assert.Equal(Summary(lines, "Do-not-contact customers"), root.GetProperty("doNotContact").GetInt32());
        Assert.Equal(Summary(lines, "Responses overdue (every action)"), root.GetProperty("responsesOverdue").GetInt32());
        var funnel = root.GetProperty("funnel").EnumerateArray().ToList();
        Assert.Equal(Offers, funnel.Select(static f => f.GetProperty("offer").GetString()));
        foreach (var offer in funnel)
        {
            var row = lines.Single(l => l.StartsWith(offer.GetProperty("offer").GetString() + " ", StringComparison.Ordinal));
            var cells = row.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(offer.GetProperty("customers").GetInt32(), int.Parse(cells[1], CultureInfo.InvariantCulture));
            Assert.Equal(offer.GetProperty("interest").GetInt32(), int.Parse(cells[2], CultureInfo.InvariantCulture));
            Assert.Equal(offer.GetProperty("trial").GetInt32(), int.Parse(cells[3], CultureInfo.InvariantCulture));
            Assert.Equal(offer.GetProperty("acquisition").GetInt32(), int.Parse(cells[4], CultureInfo.InvariantCulture));
            Assert.Equal(offer.GetProperty("doNotContact").GetInt32(), int.Parse(cells[5], CultureInfo.InvariantCulture));
        }

        Assert.Equal(root.GetProperty("leads").GetInt32(), root.GetProperty("bySource").EnumerateObject().Sum(static p => p.Value.GetInt32()));
        Assert.Equal(root.GetProperty("leads").GetInt32(), root.GetProperty("byAction").EnumerateObject().Sum(static p => p.Value.GetInt32()));

        // Actions in the marketplace's words, as the due list names them (never the enum's PartnerLedTrial).
        Assert.Contains(root.GetProperty("byAction").EnumerateObject(), static p => p.Name == "Contact me");
        Assert.DoesNotContain(root.GetProperty("byAction").EnumerateObject(), static p => p.Name is "PartnerLedTrial" or "StartTestDrive");
    }

    [Fact]
    public async Task Report_Csv_HasTheSameSummaryAsJson()
    {
        var json = await CliRunner.RunAsync("report", "--db", samples.Database, "--now", CliRunner.Now, "--format", "json");
        var csv = await CliRunner.RunAsync("report", "--db", samples.Database, "--now", CliRunner.Now, "--format", "csv");

        Assert.Equal(ExitCodes.Success, csv.ExitCode);
        using var document = JsonDocument.Parse(json.Output);
        var rows = csv.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(static l => l.Split(',')).ToList();
        Assert.Equal(["section", "key", "metric", "value"], rows[0]);
        var summary = rows.Where(static r => r[0] == "summary" && r[2] != "asOf").ToDictionary(static r => r[2], static r => int.Parse(r[3], CultureInfo.InvariantCulture));
        foreach (var (metric, value) in summary)
        {
            Assert.Equal(document.RootElement.GetProperty(metric).GetInt32(), value);
        }
    }

    [Fact]
    public async Task Report_MissingDatabase_ExitsOneWithoutCreatingIt()
    {
        using var folder = new TempFolder();
        var database = folder.File("none.db");

        var run = await CliRunner.RunAsync("report", "--db", database);

        Assert.Equal(ExitCodes.Error, run.ExitCode);
        Assert.Contains("database not found: " + database, run.Error, StringComparison.Ordinal);
        Assert.False(System.IO.File.Exists(database));
    }

    [Fact]
    public async Task Report_UnknownFormat_IsAUsageError()
    {
        var run = await CliRunner.RunAsync("report", "--db", samples.Database, "--format", "xml");

        Assert.Equal(ExitCodes.Error, run.ExitCode);
    }

    private static int Summary(IEnumerable<string> lines, string label)
    {
        var line = lines.First(l => l.StartsWith(label + "  ", StringComparison.Ordinal));
        return int.Parse(line[label.Length..].Trim(), CultureInfo.InvariantCulture);
    }
}
