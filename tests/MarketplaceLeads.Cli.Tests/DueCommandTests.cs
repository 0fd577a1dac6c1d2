using System;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using FsCheck;
using FsCheck.Fluent;
using MarketplaceLeads.Cli.Tests.Support;
using MarketplaceLeads.FollowUp;

namespace MarketplaceLeads.Cli.Tests;

[Collection(ImportedSamplesDefinition.Name)]
public sealed class DueCommandTests(ImportedSamples samples)
{
    [Fact]
    public async Task Due_Table_ListsTasksWithTheirContext()
    {
        var run = await CliRunner.RunAsync("due", "--db", samples.Database, "--now", CliRunner.Now);

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        var lines = run.Output.ReplaceLineEndings("\n").Split('\n');
        Assert.Matches(@"^\d+ follow-ups due as of 2026-11-01 09:00 UTC$", lines[0]);
        Assert.StartsWith("Due (UTC)", lines[2], StringComparison.Ordinal);
        Assert.Contains(lines, static l => l.Contains("Reply: ", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, static l => l.Contains("PartnerLedTrial", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Due_Json_NeverListsADoNotContactOrTestCustomer()
    {
        var snapshot = await ReadSnapshotAsync();
        var suppressed = snapshot.Profiles.Where(static p => p.DoNotContact || p.IsTest).Select(static p => (string?)p.Id.ToString()).ToHashSet(StringComparer.Ordinal);
        Assert.NotEmpty(suppressed);

        var run = await CliRunner.RunAsync("due", "--db", samples.Database, "--now", CliRunner.Now, "--format", "json");

        using var document = JsonDocument.Parse(run.Output);
        var tasks = document.RootElement.GetProperty("tasks").EnumerateArray().ToList();
        Assert.NotEmpty(tasks);
        Assert.Equal(tasks.Count, document.RootElement.GetProperty("count").GetInt32());
        Assert.All(tasks, task =>
        {
            Assert.DoesNotContain(task.GetProperty("profileId").GetString(), suppressed);
            Assert.False(string.IsNullOrEmpty(task.GetProperty("context").GetProperty("firstName").GetString()));
        });
    }

    [Fact]
    public async Task Due_AtAnyTime_NeverListsADoNotContactCustomer()
    {
        var snapshot = await ReadSnapshotAsync();
        var suppressed = snapshot.Profiles.Where(static p => p.DoNotContact || p.IsTest).Select(static p => p.Id).ToHashSet();

        // Any "now" from the first lead to two months after the last: the tasks never name a suppressed customer.
        var property = Prop.ForAll(Gen.Choose(0, 24 * 360).ToArbitrary(), hours =>
        {
            var planner = new FollowUpPlanner(new FollowUpOptions(), new FixedTimeProvider(new DateTimeOffset(2026, 1, 5, 0, 0, 0, TimeSpan.Zero).AddHours(hours)));
            return DueCommand.Rows(snapshot, planner).Concat(DueCommand.Rows(snapshot, planner, overdue: true)).All(task => !suppressed.Contains(task.ProfileId));
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(25), property);
    }

    [Fact]
    public async Task Due_Csv_HasOneRowPerTask()
    {
        var json = await CliRunner.RunAsync("due", "--db", samples.Database, "--now", CliRunner.Now, "--format", "json");
        var csv = await CliRunner.RunAsync("due", "--db", samples.Database, "--now", CliRunner.Now, "--format", "csv");

        using var document = JsonDocument.Parse(json.Output);
        Assert.Equal(document.RootElement.GetProperty("count").GetInt32() + 1, csv.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    private async Task<LeadSnapshot> ReadSnapshotAsync()
    {
        var context = CliContext.From(LeadsCommandLine.Create(TimeProvider.System).Parse(["report"]), new CommonOptions(), TimeProvider.System);
        return await LeadSnapshot.ReadAsync(context, samples.Database, default) ?? throw new InvalidOperationException("no database");
    }
}
