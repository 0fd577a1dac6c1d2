using System;
using System.IO;
using System.Text.Json;
using System.Threading.Tasks;
using MarketplaceLeads.Cli.Tests.Support;

namespace MarketplaceLeads.Cli.Tests;

/// <summary>An identical <i>Contact me</i> sent again days later is a new request; a redelivery within the window is not (issue #16, 2).</summary>
public sealed class RepeatInterestTests : IDisposable
{
    // The marketplace's HTTPS payload carries no time: asking again sends exactly these bytes.
    private const string ContactMe = """
        { "UserDetails": { "FirstName": "Ana", "LastName": "Garcia", "Email": "ana@contoso.example", "Country": "US", "Company": "Contoso" },
          "LeadSource": "AppSource-PLT | contoso.contoso-analytics", "ActionCode": "PLT", "OfferTitle": "Contoso Analytics" }
        """;

    private readonly TempFolder _folder = new();

    [Fact]
    public async Task IdenticalContactMe_DaysLater_IsANewRequestWithItsOwnDeadline_AndRedeliveriesStayIdempotent()
    {
        var file = _folder.File("contact-me.json");
        await File.WriteAllTextAsync(file, ContactMe);

        Assert.Equal("imported 1 new, 0 already known, 0 rejected (1 file)", (await Import(file, "2026-11-01T09:00:00Z")).Summary);
        Assert.Equal("imported 0 new, 1 already known, 0 rejected (1 file)", (await Import(file, "2026-11-01T09:00:00Z")).Summary); // the same run again
        Assert.Equal("imported 0 new, 1 already known, 0 rejected (1 file)", (await Import(file, "2026-11-01T09:05:00Z")).Summary); // a redelivery

        // Three days later the customer clicks Contact me again: the first request is long overdue, this one is due.
        Assert.Equal("imported 1 new, 0 already known, 0 rejected (1 file)", (await Import(file, "2026-11-04T15:00:00Z")).Summary);
        Assert.Equal("imported 0 new, 1 already known, 0 rejected (1 file)", (await Import(file, "2026-11-04T15:10:00Z")).Summary); // its redelivery
        Assert.Equal("imported 0 new, 1 already known, 0 rejected (1 file)", (await Import(file, "2026-11-01T09:00:00Z")).Summary); // the first run, re-run

        using var due = JsonDocument.Parse((await Cli("due", "--format", "json", "--now", "2026-11-04T16:00:00Z")).Output);
        var respond = Assert.Single(due.RootElement.GetProperty("tasks").EnumerateArray(), t => t.GetProperty("kind").GetString() == "Respond");
        Assert.Equal(DateTimeOffset.Parse("2026-11-05T15:00:00Z", System.Globalization.CultureInfo.InvariantCulture), respond.GetProperty("dueAt").GetDateTimeOffset());

        using var report = JsonDocument.Parse((await Cli("report", "--format", "json", "--now", "2026-11-04T16:00:00Z")).Output);
        Assert.Equal(2, report.RootElement.GetProperty("leads").GetInt32());
        Assert.Equal(1, report.RootElement.GetProperty("customers").GetInt32());
        Assert.Equal(1, report.RootElement.GetProperty("responsesOverdue").GetInt32());

        var timeline = await Cli("explain", "ana@contoso.example", "--now", "2026-11-04T16:00:00Z");
        Assert.Equal(ExitCodes.Success, timeline.ExitCode);
        Assert.Contains(respond.GetProperty("leadId").GetString()!, timeline.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IdenticalCsvRow_WithALaterCreatedTime_IsANewRequest_AndARowWithItsOwnLeadIdIsNot()
    {
        // A Partner Center export without a Lead Id: the row's id comes from its content, as a payload's does, and its
        // Created Time tells when the customer asked. Found by the follow-up stream simulation (every repeated Contact me
        // that came by CSV was "already known").
        const string Header = "Created Time,Lead Source,Action,Offer Name,Given Name,Surname,Email Address,Country/Region,Company Name\n";
        const string Row = ",AppSource-PLT | contoso.contoso-analytics,PLT,Contoso Analytics,Ana,Garcia,ana@contoso.example,US,Contoso\n";
        var first = _folder.File("first.csv");
        var again = _folder.File("again.csv");
        var withId = _folder.File("with-id.csv");
        await File.WriteAllTextAsync(first, Header + "2026-11-01T08:30:00Z" + Row);
        await File.WriteAllTextAsync(again, Header + "2026-11-04T14:30:00Z" + Row);
        await File.WriteAllTextAsync(withId, "Lead Id," + Header + "3f2c9a1e-6b0d-4c4e-9a51-2f7f1d0c8b11,2026-11-01T08:30:00Z" + Row + "3f2c9a1e-6b0d-4c4e-9a51-2f7f1d0c8b11,2026-11-04T14:30:00Z" + Row);

        Assert.Equal("imported 1 new, 0 already known, 0 rejected (1 file)", (await Import(first, "2026-11-01T09:00:00Z")).Summary);
        Assert.Equal("imported 1 new, 0 already known, 0 rejected (1 file)", (await Import(again, "2026-11-04T15:00:00Z")).Summary);
        Assert.Equal("imported 0 new, 1 already known, 0 rejected (1 file)", (await Import(again, "2026-11-04T15:10:00Z")).Summary); // the same export again

        // A row with the source's own Lead Id is that lead, whatever its time: the second row is a redelivery.
        Assert.Equal("imported 1 new, 1 already known, 0 rejected (1 file)", (await Import(withId, "2026-11-04T15:20:00Z")).Summary);
    }

    public void Dispose() => _folder.Dispose();

    private Task<CliRun> Import(string file, string now) => Cli("import", file, "--now", now);

    private Task<CliRun> Cli(params string[] args) => CliRunner.RunAsync([.. args, "--db", _folder.File("leads.db")]);
}
