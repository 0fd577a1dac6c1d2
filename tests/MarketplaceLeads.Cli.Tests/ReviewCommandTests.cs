using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using MarketplaceLeads.Cli.Tests.Support;
using MarketplaceLeads.Sqlite;

namespace MarketplaceLeads.Cli.Tests;

/// <summary><c>explain</c>, <c>review list|accept|reject</c> and <c>split</c> (issue #15), each in its own invocation against one database file.</summary>
public sealed class ReviewCommandTests : IDisposable
{
    // The issue's do-not-contact case: two people of one household, one phone, one last name; Luis asked not to be contacted.
    private const string Household = """
        [
          { "UserDetails": { "FirstName": "Ana", "LastName": "Garcia", "Email": "ana@contoso.example", "Phone": "+1 415 555 0134", "Country": "US", "Company": "Contoso" },
            "LeadSource": "AppSource-PLT | contoso.contoso-analytics", "ActionCode": "PLT", "CreatedTime": "2026-10-31T10:00:00Z" },
          { "UserDetails": { "FirstName": "Luis", "LastName": "Garcia", "Email": "luis.garcia@gmail.com", "Phone": "+1 415 555 0134", "Country": "US" },
            "LeadSource": "AppSource-DNC | contoso.contoso-analytics", "ActionCode": "DNC", "CreatedTime": "2026-10-31T11:00:00Z" }
        ]
        """;

    private readonly TempFolder _folder = new();

    [Fact]
    public async Task HouseholdMergedByMistake_Split_DueAndReportListTheNonDncPersonAgain_InEveryFormat_AndTheSinkTablesFollow()
    {
        var db = await ImportHouseholdAsync();
        var (ana, luis) = await PairAsync(db);

        var list = await Cli("review", "list");
        Assert.Equal(ExitCodes.Success, list.ExitCode);
        Assert.Equal("1 possible duplicate waiting for review (do-not-contact pairs first)", list.OutputLines[0]);
        Assert.Contains(list.OutputLines, l => l.StartsWith("yes", StringComparison.Ordinal) && l.Contains("Ana Garcia <ana@contoso.example>", StringComparison.Ordinal) && l.Contains("Luis Garcia <luis.garcia@gmail.com>", StringComparison.Ordinal));

        var (kept, _) = await AcceptAsync(ana, luis);
        Assert.Empty(await DueProfilesAsync()); // the wrong merge: Luis's request silences Ana
        Assert.Equal((1, 1), await CustomersAndDncAsync());

        var split = await Cli("split", kept, luis, "--by", "reviewer", "--note", "Luis is Ana's husband");
        Assert.Equal(ExitCodes.Success, split.ExitCode);
        Assert.Equal(
            kept == ana
                ? $"split profile {ana}: {ana} keeps 1 lead; new profile {luis} holds 1 lead, do-not-contact; the two are kept apart (review 2)"
                : $"split profile {luis}: {luis} keeps 1 lead, do-not-contact; new profile {ana} holds 1 lead; the two are kept apart (review 2)",
            split.Summary);

        // Every command below is a new invocation on the same file: the decisions survived.
        Assert.Equal([ana], await DueProfilesAsync());
        var csv = await Cli("due", "--format", "csv");
        Assert.Equal([ana], csv.OutputLines.Skip(1).Select(l => l.Split(',')[1]).Distinct());
        Assert.Equal((2, 1), await CustomersAndDncAsync());
        Assert.Equal("0 possible duplicates waiting for review (do-not-contact pairs first)", (await Cli("review", "list")).Summary);

        using var database = new SqliteLeadDatabase(new SqliteLeadsOptions { Path = db, Durability = SqliteDurability.Normal });
        var stored = (await database.ReadLeadsAsync().ToListAsync()).ToDictionary(s => s.Lead.Id.ToString());
        Assert.Equal((ana, false), (stored[ana].ProfileId.ToString(), stored[ana].DoNotContact));
        Assert.Equal((luis, true), (stored[luis].ProfileId.ToString(), stored[luis].DoNotContact));
    }

    [Fact]
    public async Task PossibleDuplicateOfADncCustomer_IsHeldFromDueAndReport_UntilTheReviewSaysTheyAreTwoPeople()
    {
        var db = await ImportHouseholdAsync();
        var (ana, luis) = await PairAsync(db);

        // Ana may be Luis, who asked not to be contacted: nobody is listed while the pair waits for review.
        Assert.Empty(await DueProfilesAsync());
        Assert.Equal(0, CsvRows(await Cli("due", "--format", "csv")));
        Assert.Equal((0, 0, 0), await ReportTasksAsync());
        using (var report = JsonDocument.Parse((await Cli("report", "--format", "json")).Output))
        {
            Assert.Equal(1, report.RootElement.GetProperty("heldForReview").GetInt32());
        }

        var reject = await Cli("review", "reject", ana, luis, "--by", "reviewer", "--note", "husband and wife");
        Assert.Equal(ExitCodes.Success, reject.ExitCode);

        // Two people: Ana's on-time PLT reply is due again; Luis never is.
        Assert.Equal([ana], await DueProfilesAsync());
        Assert.Equal([ana], (await Cli("due", "--format", "csv")).OutputLines.Skip(1).Select(l => l.Split(',')[1]).Distinct());
        Assert.Equal(1, (await ReportTasksAsync()).Due);
    }

    [Fact]
    public async Task Explain_LeadProfileAndEmail_PrintTheWaterfallAndTheReviewsSince()
    {
        await ImportHouseholdAsync();
        var (ana, luis) = await PairAsync(_folder.File("leads.db"));
        var (kept, gone) = await AcceptAsync(ana, luis);

        var lead = await Cli("explain", gone);
        var profile = await Cli("explain", kept);
        var email = await Cli("explain", "LUIS.GARCIA@gmail.com");

        Assert.Equal(ExitCodes.Success, lead.ExitCode);
        Assert.Equal($"Lead {gone}", lead.OutputLines[0]);
        Assert.Contains("when it arrived: started a new profile (no earlier lead was the same person)", lead.OutputLines);
        Assert.Contains($"now in profile: {kept}", lead.OutputLines);
        Assert.Contains(lead.OutputLines, l => l.StartsWith("#1 2026-11-01 09:00 UTC ", StringComparison.Ordinal) && l.EndsWith($"accept: {gone} merged into {kept} by reviewer: same household", StringComparison.Ordinal));
        Assert.Equal(ExitCodes.Success, profile.ExitCode);
        Assert.Matches($"^Profile {kept}: .+ <.+>; 2 leads, do-not-contact$", profile.Summary);
        Assert.Contains($"Lead {ana}", profile.OutputLines);
        Assert.Contains($"Lead {luis}", profile.OutputLines);
        Assert.Equal("1 profile holds that e-mail address", email.Summary);
        Assert.Contains(email.OutputLines, l => l.StartsWith($"Profile {kept}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Explain_JoinedLead_PrintsTheMatchWeightWaterfall()
    {
        var db = _folder.File("leads.db");
        var file = _folder.File("jo.json");
        await File.WriteAllTextAsync(file, """
            [
              { "UserDetails": { "FirstName": "Jo", "LastName": "Lee", "Email": "jo@fabrikam.example", "Country": "GB" }, "LeadSource": "AppSource-PLT | contoso.crm", "ActionCode": "PLT", "CreatedTime": "2026-10-30T10:00:00Z" },
              { "UserDetails": { "FirstName": "Jo", "LastName": "Lee", "Email": "jo@fabrikam.example", "Country": "GB" }, "LeadSource": "AppSource-Create | contoso.crm", "ActionCode": "Create", "CreatedTime": "2026-10-31T10:00:00Z" }
            ]
            """);
        Assert.Equal(ExitCodes.Success, (await CliRunner.RunAsync("import", file, "--db", db, "--now", CliRunner.Now)).ExitCode);
        using var exported = JsonDocument.Parse((await CliRunner.RunAsync("export", "--db", db, "--format", "jsonl")).OutputLines.Single());
        var profileId = exported.RootElement.GetProperty("profileId").GetString();

        var run = await CliRunner.RunAsync("explain", profileId!, "--db", db);

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Contains(run.OutputLines, l => l.StartsWith("when it arrived: joined profile " + profileId, StringComparison.Ordinal));
        Assert.Contains("why:", run.OutputLines);
        Assert.Contains(run.OutputLines, l => l.Contains("Email", StringComparison.Ordinal) && l.Contains("same", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ReviewList_JsonAndCsv_AgreeWithTheTable_DncPairFirst()
    {
        var db = await ImportHouseholdAsync();
        var (ana, luis) = await PairAsync(db);

        var csv = await Cli("review", "list", "--format", "csv");

        Assert.Equal("first_profile,first_name,first_email,first_dnc,first_leads,second_profile,second_name,second_email,second_dnc,second_leads,score,reason", csv.OutputLines[0]);
        var row = csv.OutputLines[1].Split(',');
        Assert.Equal(new[] { ana, luis }.Order(StringComparer.Ordinal), new[] { row[0], row[5] }.Order(StringComparer.Ordinal));
        Assert.Contains("true", new[] { row[3], row[8] });
    }

    [Fact]
    public async Task Review_BadIds_ExitOneWithAClearErrorNamingThem()
    {
        var db = await ImportHouseholdAsync();
        var (ana, luis) = await PairAsync(db);
        var unknown = new string('0', 31) + "1";

        var notAProfile = await Cli("review", "accept", ana, unknown);
        var notHex = await Cli("review", "reject", ana, "bob");
        var notInProfile = await Cli("split", ana, luis);
        var nothing = await Cli("explain", "nobody@nowhere.example");
        var missing = await CliRunner.RunAsync("review", "list", "--db", _folder.File("missing.db"));

        Assert.Equal(ExitCodes.Error, notAProfile.ExitCode);
        Assert.Equal($"error: Profile {unknown} does not exist: no profile has this id (it may have been merged into another; ExplainAsync on its founding lead {unknown} tells where that lead is now).", notAProfile.ErrorLines[0]);
        Assert.Equal(ExitCodes.Error, notHex.ExitCode);
        Assert.StartsWith("error: 'bob' is not a profile id", notHex.ErrorLines[0], StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Error, notInProfile.ExitCode);
        Assert.Contains($"Lead {luis} is not one of the 1 leads of profile {ana}", notInProfile.ErrorLines[0], StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Error, nothing.ExitCode);
        Assert.Equal(ExitCodes.Error, missing.ExitCode);
        Assert.StartsWith("error: database not found", missing.ErrorLines[0], StringComparison.Ordinal);
        Assert.False(File.Exists(_folder.File("missing.db")));
    }

    [Fact]
    public async Task TouchesFollowTheCustomer_ThroughAcceptAndSplit_InSeparateInvocations()
    {
        // Two people of one household, each asking to be contacted about a different offer: a pair to review.
        var file = _folder.File("two-requests.json");
        await File.WriteAllTextAsync(file, Household
            .Replace("\"AppSource-DNC | contoso.contoso-analytics\", \"ActionCode\": \"DNC\"", "\"AppSource-PLT | contoso.contoso-crm\", \"ActionCode\": \"PLT\"", StringComparison.Ordinal));
        Assert.Equal(ExitCodes.Success, (await Cli("import", file)).ExitCode);
        var (ana, luis) = await PairAsync(_folder.File("leads.db"), dnc: false);
        Assert.Equal(new[] { ana, luis }.Order(StringComparer.Ordinal), (await DueProfilesAsync()).Order(StringComparer.Ordinal));

        // Luis is called before anyone reviews the pair; the reviewer then merges them (a mistake). The merged profile keeps
        // Luis's id: the two leads arrived together (the payload's times are not read), so the lower lead id founds it.
        Assert.Equal(ExitCodes.Success, (await Cli("touch", luis, "--kind", "called", "--at", CliRunner.Now)).ExitCode);
        var (kept, _) = await AcceptAsync(ana, luis, dnc: false);
        Assert.Equal(luis, kept);
        Assert.Equal([(luis, "contoso.contoso-analytics", "Respond")], await DueRowsAsync()); // Luis's answered request stays answered

        // Ana's request is answered on the merged customer (under Luis's id); then the reviewer splits Ana out again.
        Assert.Equal(ExitCodes.Success, (await Cli("touch", luis, "--offer", "contoso.contoso-analytics", "--kind", "emailed", "--at", CliRunner.Now)).ExitCode);
        Assert.DoesNotContain(await DueRowsAsync(), static r => r.Kind == "Respond");
        Assert.Equal(ExitCodes.Success, (await Cli("split", luis, ana, "--by", "reviewer")).ExitCode);

        // Each touch went with the lead it was about: neither request is due again; each customer's cadence runs from their own touch.
        var rows = await DueRowsAsync();
        Assert.DoesNotContain(rows, static r => r.Kind == "Respond");
        using var report = JsonDocument.Parse((await Cli("report", "--format", "json")).Output);
        Assert.Equal((2, 0, 0), (report.RootElement.GetProperty("customers").GetInt32(), report.RootElement.GetProperty("responsesDue").GetInt32(), report.RootElement.GetProperty("responsesOverdue").GetInt32()));
    }

    public void Dispose() => _folder.Dispose();

    private Task<CliRun> Cli(params string[] args) => CliRunner.RunAsync([.. args, "--db", _folder.File("leads.db"), "--now", CliRunner.Now]);

    private async Task<string> ImportHouseholdAsync()
    {
        var file = _folder.File("household.json");
        await File.WriteAllTextAsync(file, Household);
        var import = await Cli("import", file);
        Assert.Equal(ExitCodes.Success, import.ExitCode);
        return _folder.File("leads.db");
    }

    /// <summary>Accepts the pair (a reviewer's mistake: they are two people); returns the profile that kept its id and the one merged into it.</summary>
    private async Task<(string Kept, string Gone)> AcceptAsync(string ana, string luis, bool dnc = true)
    {
        var accepted = await Cli("review", "accept", ana, luis, "--by", "reviewer", "--note", "same household");
        Assert.Equal(ExitCodes.Success, accepted.ExitCode);
        var match = System.Text.RegularExpressions.Regex.Match(accepted.Summary, $"^accepted: profile ([0-9a-f]{{32}}) merged into ([0-9a-f]{{32}}), which now holds 2 leads{(dnc ? ", do-not-contact" : string.Empty)} \\(review 1\\)$");
        Assert.True(match.Success, accepted.Summary);
        var (kept, gone) = (match.Groups[2].Value, match.Groups[1].Value);
        Assert.Equal(new[] { ana, luis }.Order(StringComparer.Ordinal), new[] { kept, gone }.Order(StringComparer.Ordinal));
        return (kept, gone);
    }

    /// <summary>The two profiles of the possible duplicate (each holds one lead: its id is the lead's).</summary>
    private async Task<(string Ana, string Luis)> PairAsync(string db, bool dnc = true)
    {
        var run = await CliRunner.RunAsync("review", "list", "--db", db, "--format", "json");
        using var document = JsonDocument.Parse(run.Output);
        var pair = Assert.Single(document.RootElement.GetProperty("pairs").EnumerateArray().ToList());
        Assert.Equal(dnc, pair.GetProperty("doNotContact").GetBoolean());
        Assert.True(pair.TryGetProperty("explanation", out _));
        var first = pair.GetProperty("first");
        var second = pair.GetProperty("second");
        return first.GetProperty("firstName").GetString() == "Ana"
            ? (first.GetProperty("profileId").GetString()!, second.GetProperty("profileId").GetString()!)
            : (second.GetProperty("profileId").GetString()!, first.GetProperty("profileId").GetString()!);
    }

    private async Task<string[]> DueProfilesAsync()
    {
        using var document = JsonDocument.Parse((await Cli("due", "--format", "json")).Output);
        return [.. document.RootElement.GetProperty("tasks").EnumerateArray().Select(t => t.GetProperty("profileId").GetString()!).Distinct()];
    }

    private async Task<(string ProfileId, string Offer, string Kind)[]> DueRowsAsync()
    {
        using var document = JsonDocument.Parse((await Cli("due", "--format", "json")).Output);
        return [.. document.RootElement.GetProperty("tasks").EnumerateArray().Select(static t => (t.GetProperty("profileId").GetString()!, t.GetProperty("offer").GetString()!, t.GetProperty("kind").GetString()!))];
    }

    private static int CsvRows(CliRun run) => run.OutputLines.Length - 1;

    private async Task<(int Due, int Overdue, int Touches)> ReportTasksAsync()
    {
        using var document = JsonDocument.Parse((await Cli("report", "--format", "json")).Output);
        var root = document.RootElement;
        return (root.GetProperty("responsesDue").GetInt32(), root.GetProperty("responsesOverdue").GetInt32(), root.GetProperty("touchesDue").GetInt32());
    }

    private async Task<(int Customers, int DoNotContact)> CustomersAndDncAsync()
    {
        using var document = JsonDocument.Parse((await Cli("report", "--format", "json")).Output);
        return (document.RootElement.GetProperty("customers").GetInt32(), document.RootElement.GetProperty("doNotContact").GetInt32());
    }
}
