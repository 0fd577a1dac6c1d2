using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using MarketplaceLeads.Cli.Tests.Support;

namespace MarketplaceLeads.Cli.Tests;

/// <summary><c>due</c> is a list a salesperson can work (issue #16, 4): one row per customer and offer, most urgent first, with how to reach them.</summary>
public sealed class DueListTests : IDisposable
{
    private const string AnaContactMe = """
        { "UserDetails": { "FirstName": "Ana", "LastName": "Garcia", "Email": "ana@contoso.example", "Phone": "+1 (425) 555-0100", "Country": "US", "Company": "Contoso" },
          "LeadSource": "AppSource-PLT | contoso.contoso-analytics", "ActionCode": "PLT", "OfferTitle": "Contoso Analytics", "Description": "Please call after 3 pm" }
        """;

    private const string BoTestDrive = """
        { "UserDetails": { "FirstName": "Bo", "LastName": "Lindqvist", "Email": "bo@fabrikam.example", "Country": "SE", "Company": "Fabrikam" },
          "LeadSource": "AzureMarketplace-StartTestDrive | contoso.contoso-analytics", "OfferTitle": "Contoso Analytics" }
        """;

    private readonly TempFolder _folder = new();

    [Fact]
    public async Task Due_ContactMe_OneRowPerCustomerAndOffer_InTheSeedsWords_WithPhoneAndNotes()
    {
        await ImportAsync("ana.json", AnaContactMe, "2026-11-01T09:00:00Z");

        var tasks = await DueAsync("2026-11-01T10:00:00Z");

        var row = Assert.Single(tasks); // not a reply and a "Touch #1" for the same request
        Assert.Equal("Respond", row.GetProperty("kind").GetString());
        Assert.Equal("Contact me", row.GetProperty("action").GetString());
        Assert.Equal("Reply: Contact me", row.GetProperty("task").GetString());
        Assert.Equal("Ana Garcia", row.GetProperty("name").GetString());
        Assert.Equal("ana@contoso.example", row.GetProperty("email").GetString());
        Assert.Equal("+14255550100", row.GetProperty("phone").GetString());
        Assert.Equal("Contoso", row.GetProperty("company").GetString());
        Assert.Equal("US", row.GetProperty("country").GetString());
        Assert.Equal(["Please call after 3 pm"], row.GetProperty("notes").EnumerateArray().Select(static n => n.GetString()));
        Assert.Equal("Contact me", row.GetProperty("context").GetProperty("lastAction").GetString());
    }

    [Fact]
    public async Task Due_TableAndCsv_ShowEmailPhoneCountryAndNotes()
    {
        await ImportAsync("ana.json", AnaContactMe, "2026-11-01T09:00:00Z");

        var table = await Cli("due", "--now", "2026-11-01T10:00:00Z");
        var csv = await Cli("due", "--now", "2026-11-01T10:00:00Z", "--format", "csv", "--csv-formulas", "raw");

        foreach (var output in new[] { table.Output, csv.Output })
        {
            Assert.Contains("ana@contoso.example", output, StringComparison.Ordinal);
            Assert.Contains("+14255550100", output, StringComparison.Ordinal);
            Assert.Contains("US", output, StringComparison.Ordinal);
            Assert.Contains("Please call after 3 pm", output, StringComparison.Ordinal);
            Assert.Contains("Contact me", output, StringComparison.Ordinal);
            Assert.DoesNotContain("PartnerLedTrial", output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Due_RepliesBeforeNurture_MostUrgentFirst()
    {
        await ImportAsync("ana.json", AnaContactMe, "2026-11-01T09:00:00Z"); // reply by 2026-11-02 09:00
        await ImportAsync("bo.json", BoTestDrive, "2026-11-01T11:00:00Z");   // reply by 2026-11-01 15:00
        Assert.Equal(ExitCodes.Success, (await Cli("touch", "bo@fabrikam.example", "--kind", "emailed", "--now", "2026-11-01T12:00:00Z")).ExitCode);
        await ImportAsync("cy.json", AnaContactMe.Replace("Ana", "Cy", StringComparison.Ordinal).Replace("ana@", "cy@", StringComparison.Ordinal), "2026-11-02T07:00:00Z");

        // Bo's trial cadence (days 0, 1, 3, 7) puts touch 2 at 2026-11-02 12:00, before both replies' deadlines; still replies come first.
        var tasks = await DueAsync("2026-11-02T08:30:00Z");
        Assert.Equal(["Reply: Contact me", "Reply: Contact me"], tasks.Take(2).Select(static t => t.GetProperty("task").GetString()));
        Assert.Equal(["ana@contoso.example", "cy@contoso.example"], tasks.Take(2).Select(static t => t.GetProperty("email").GetString()));

        var later = await DueAsync("2026-11-02T12:30:00Z");
        Assert.Equal(["cy@contoso.example", "bo@fabrikam.example"], later.Select(static t => t.GetProperty("email").GetString()));
        Assert.Equal("Nurture touch 2 of 4", later[1].GetProperty("task").GetString());
    }

    [Fact]
    public async Task DueOverdue_ListsTheRepliesPastTheirDeadline_AndDueDoesNotListThemAsNurture()
    {
        await ImportAsync("ana.json", AnaContactMe, "2026-11-01T09:00:00Z");

        var due = await DueAsync("2026-11-03T09:00:00Z");
        var overdue = await DueAsync("2026-11-03T09:00:00Z", "--overdue");
        var table = await Cli("due", "--now", "2026-11-03T09:00:00Z");

        Assert.Empty(due);
        var row = Assert.Single(overdue);
        Assert.True(row.GetProperty("isOverdue").GetBoolean());
        Assert.Equal("Contact me", row.GetProperty("action").GetString());
        Assert.Equal(1, row.GetProperty("overdueRequests").GetInt32());
        Assert.Contains("1 reply is overdue: marketplace-leads due --overdue", table.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Due_Now_LimitsTheDataToWhatWasReceivedByThen()
    {
        await ImportAsync("ana.json", AnaContactMe, "2026-11-01T09:00:00Z");
        await ImportAsync("bo.json", BoTestDrive, "2026-11-03T09:00:00Z");
        Assert.Equal(ExitCodes.Success, (await Cli("touch", "ana@contoso.example", "--kind", "called", "--now", "2026-11-01T12:00:00Z")).ExitCode);

        var then = await DueAsync("2026-11-01T10:00:00Z");

        // Bo had not arrived, and Ana had not been called yet.
        var row = Assert.Single(then);
        Assert.Equal("ana@contoso.example", row.GetProperty("email").GetString());
        Assert.Equal("Respond", row.GetProperty("kind").GetString());
    }

    public void Dispose() => _folder.Dispose();

    private async Task ImportAsync(string name, string payload, string now)
    {
        var file = _folder.File(name);
        await File.WriteAllTextAsync(file, payload);
        var run = await Cli("import", file, "--now", now);
        Assert.Equal(ExitCodes.Success, run.ExitCode);
    }

    private async Task<JsonElement[]> DueAsync(string now, params string[] extra)
    {
        var run = await Cli(["due", "--format", "json", "--now", now, .. extra]);
        Assert.Equal(ExitCodes.Success, run.ExitCode);
        using var document = JsonDocument.Parse(run.Output);
        return [.. document.RootElement.GetProperty("tasks").EnumerateArray().Select(static t => t.Clone())];
    }

    private Task<CliRun> Cli(params string[] args) => CliRunner.RunAsync([.. args, "--db", _folder.File("leads.db")]);
}
