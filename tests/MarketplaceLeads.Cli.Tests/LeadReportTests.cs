using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using MarketplaceLeads.Cli.Tests.Support;
using MarketplaceLeads.FollowUp;

namespace MarketplaceLeads.Cli.Tests;

/// <summary><c>report</c> renders the library's <see cref="LeadReport"/> (issue #16, 5): overdue Contact me by age, a labelled funnel total, <c>--now</c>.</summary>
public sealed class LeadReportTests : IDisposable
{
    private const string AnaContactMe = """
        { "UserDetails": { "FirstName": "Ana", "LastName": "Garcia", "Email": "ana@contoso.example", "Country": "US", "Company": "Contoso" },
          "LeadSource": "AppSource-PLT | contoso.contoso-analytics", "ActionCode": "PLT", "OfferTitle": "Contoso Analytics" }
        """;

    private const string BoTestDrive = """
        { "UserDetails": { "FirstName": "Bo", "LastName": "Lindqvist", "Email": "bo@fabrikam.example", "Country": "SE", "Company": "Fabrikam" },
          "LeadSource": "AzureMarketplace-StartTestDrive | contoso.contoso-analytics", "OfferTitle": "Contoso Analytics" }
        """;

    private readonly TempFolder _folder = new();

    [Fact]
    public async Task Report_ContactMeOverdue_IsCountedApartAndByAge()
    {
        await ImportAsync("ana.json", AnaContactMe, "2026-11-01T09:00:00Z");
        await ImportAsync("bo.json", BoTestDrive, "2026-11-01T11:00:00Z");

        using var report = await ReportAsync("2026-11-03T10:00:00Z");
        var table = await Cli("report", "--now", "2026-11-03T10:00:00Z");

        var root = report.RootElement;
        Assert.Equal(2, root.GetProperty("responsesOverdue").GetInt32());
        Assert.Equal(1, root.GetProperty("contactMeOverdue").GetInt32());
        var byAge = root.GetProperty("contactMeOverdueByAge");
        Assert.Equal(["under 1 day", "1-3 days", "3-7 days", "7 days or more"], byAge.EnumerateObject().Select(static p => p.Name));
        Assert.Equal(1, byAge.GetProperty("1-3 days").GetInt32());
        Assert.Matches(@"Contact me replies overdue\s+1", table.Output);
        Assert.Matches(@"late by 1-3 days\s+1", table.Output);
    }

    [Fact]
    public async Task Report_FunnelTotal_SaysACustomerInTwoOffersCountsTwice()
    {
        await ImportAsync("ana.json", AnaContactMe, "2026-11-01T09:00:00Z");
        await ImportAsync("ana-crm.json", AnaContactMe.Replace("contoso-analytics", "contoso-crm-connector", StringComparison.Ordinal), "2026-11-01T10:00:00Z");

        using var report = await ReportAsync("2026-11-01T12:00:00Z");
        var table = await Cli("report", "--now", "2026-11-01T12:00:00Z");

        Assert.Equal(1, report.RootElement.GetProperty("customers").GetInt32());
        var total = report.RootElement.GetProperty("funnelTotal");
        Assert.Equal(2, total.GetProperty("customerOffers").GetInt32());
        Assert.Contains("counts twice", total.GetProperty("counts").GetString(), StringComparison.Ordinal);
        Assert.Contains("total (customer-offer pairs: a customer in two offers counts twice)", table.Output, StringComparison.Ordinal);
        Assert.Contains("customers who reached the second stage after the first", table.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_Now_CountsOnlyWhatWasReceivedByThen()
    {
        await ImportAsync("ana.json", AnaContactMe, "2026-11-01T09:00:00Z");
        await ImportAsync("bo.json", BoTestDrive, "2026-11-03T09:00:00Z");

        using var then = await ReportAsync("2026-11-01T10:00:00Z");
        using var later = await ReportAsync("2026-11-03T10:00:00Z");

        Assert.Equal(1, then.RootElement.GetProperty("leads").GetInt32());
        Assert.Equal(1, then.RootElement.GetProperty("customers").GetInt32());
        Assert.Equal(1, then.RootElement.GetProperty("responsesDue").GetInt32());
        Assert.Equal(2, later.RootElement.GetProperty("customers").GetInt32());
    }

    public void Dispose() => _folder.Dispose();

    private async Task ImportAsync(string name, string payload, string now)
    {
        var file = _folder.File(name);
        await File.WriteAllTextAsync(file, payload);
        Assert.Equal(ExitCodes.Success, (await Cli("import", file, "--now", now)).ExitCode);
    }

    private async Task<JsonDocument> ReportAsync(string now)
    {
        var run = await Cli("report", "--format", "json", "--now", now);
        Assert.Equal(ExitCodes.Success, run.ExitCode);
        return JsonDocument.Parse(run.Output);
    }

    private Task<CliRun> Cli(params string[] args) => CliRunner.RunAsync([.. args, "--db", _folder.File("leads.db")]);
}
