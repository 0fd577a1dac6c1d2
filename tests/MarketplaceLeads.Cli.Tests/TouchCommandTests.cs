using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using MarketplaceLeads.Cli.Tests.Support;

namespace MarketplaceLeads.Cli.Tests;

/// <summary><c>touch</c> and <c>close</c> write the touch log on the SQLite database; <c>due</c>, run separately, reads it (issue #16, 3).</summary>
public sealed class TouchCommandTests : IDisposable
{
    private const string ContactMe = """
        { "UserDetails": { "FirstName": "Ana", "LastName": "Garcia", "Email": "ana@contoso.example", "Phone": "+1 425 555 0100", "Country": "US", "Company": "Contoso" },
          "LeadSource": "AppSource-PLT | contoso.contoso-analytics", "ActionCode": "PLT", "OfferTitle": "Contoso Analytics", "Description": "Please call after 3 pm" }
        """;

    private readonly TempFolder _folder = new();

    [Fact]
    public async Task Touch_CalledByEmailAddress_AnsweredContactMeStopsBeingDue_AndTheCadenceMovesOn()
    {
        await ImportContactMeAsync();
        Assert.Contains(await DueAsync("2026-11-01T10:00:00Z"), static t => t.GetProperty("kind").GetString() == "Respond");

        var touch = await Cli("touch", "ana@contoso.example", "--offer", "contoso.contoso-analytics", "--kind", "called", "--by", "sam", "--note", "left a voicemail", "--now", "2026-11-01T10:00:00Z");

        Assert.Equal(ExitCodes.Success, touch.ExitCode);
        Assert.Contains("recorded: called for customer", touch.Output, StringComparison.Ordinal);
        var due = await DueAsync("2026-11-01T11:00:00Z");
        Assert.DoesNotContain(due, static t => t.GetProperty("kind").GetString() == "Respond");

        // Contact me is Interest, whose cadence is days 0, 2, 5, 10: the call was touch #1, so touch #2 is due two days after it.
        Assert.Empty(await DueAsync("2026-11-03T09:30:00Z"));
        var next = Assert.Single(await DueAsync("2026-11-03T10:30:00Z"));
        Assert.Equal("Touch", next.GetProperty("kind").GetString());
        Assert.Equal(2, next.GetProperty("touch").GetInt32());
    }

    [Fact]
    public async Task Close_ByProfileId_EndsTheOffersFollowUp()
    {
        await ImportContactMeAsync();
        var profileId = (await DueAsync("2026-11-01T10:00:00Z"))[0].GetProperty("profileId").GetString()!;

        var close = await Cli("close", profileId, "--reason", "bought through a reseller", "--now", "2026-11-01T10:00:00Z");

        Assert.Equal(ExitCodes.Success, close.ExitCode);
        Assert.Contains("the offer's follow-up is closed", close.Output, StringComparison.Ordinal);
        Assert.Empty(await DueAsync("2026-11-01T11:00:00Z"));
        Assert.Empty(await DueAsync("2026-11-20T11:00:00Z"));
    }

    [Fact]
    public async Task Touch_UnknownCustomer_FailsNamingIt()
    {
        await ImportContactMeAsync();

        var byEmail = await Cli("touch", "nobody@contoso.example", "--kind", "emailed");
        var byId = await Cli("touch", "0123456789abcdef0123456789abcdef", "--kind", "emailed");
        var notAnId = await Cli("touch", "ana garcia", "--kind", "emailed");

        Assert.Equal(ExitCodes.Error, byEmail.ExitCode);
        Assert.Equal($"error: no customer with that e-mail address in {_folder.File("leads.db")}", byEmail.ErrorLines.Single());
        Assert.Equal(ExitCodes.Error, byId.ExitCode);
        Assert.Contains("no customer with profile or lead id 0123456789abcdef0123456789abcdef", byId.Error, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Error, notAnId.ExitCode);
        Assert.Contains("'ana garcia' is neither a profile or lead id", notAnId.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("touch", "ana@contoso.example", "--kind", "disqualified", "needs --reason")]
    [InlineData("touch", "ana@contoso.example", "--kind", "texted", "--kind must be one of emailed, called, meeting")]
    [InlineData("touch", "ana@contoso.example", "--kind", "won --offer contoso.other-offer", "is not one of customer")]
    public async Task Touch_BadArguments_FailsSayingWhatIsExpected(string command, string customer, string option, string value, string message)
    {
        await ImportContactMeAsync();
        var extra = value.Split(' ');

        var run = await Cli([command, customer, option, .. extra]);

        Assert.Equal(ExitCodes.Error, run.ExitCode);
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
        Assert.Contains(await DueAsync("2026-11-01T10:00:00Z"), static t => t.GetProperty("kind").GetString() == "Respond");
    }

    public void Dispose() => _folder.Dispose();

    private async Task ImportContactMeAsync()
    {
        var file = _folder.File("contact-me.json");
        await File.WriteAllTextAsync(file, ContactMe);
        Assert.Equal(ExitCodes.Success, (await Cli("import", file, "--now", "2026-11-01T09:00:00Z")).ExitCode);
    }

    private async Task<JsonElement[]> DueAsync(string now)
    {
        var run = await Cli("due", "--format", "json", "--now", now);
        Assert.Equal(ExitCodes.Success, run.ExitCode);
        using var document = JsonDocument.Parse(run.Output);
        return [.. document.RootElement.GetProperty("tasks").EnumerateArray().Select(static t => t.Clone())];
    }

    private Task<CliRun> Cli(params string[] args) => CliRunner.RunAsync([.. args, "--db", _folder.File("leads.db")]);
}
