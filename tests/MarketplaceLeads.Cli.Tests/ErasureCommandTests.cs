using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using MarketplaceLeads.Cli.Tests.Support;

namespace MarketplaceLeads.Cli.Tests;

/// <summary><c>erase</c> and <c>retention</c> on a SQLite file (issue #19, 5): afterwards every table is searched for the customer.</summary>
public sealed class ErasureCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();

    [Fact]
    public async Task Erase_ByEmail_WithYes_RemovesTheCustomerFromEveryTable_AndPrintsIdsAndCountsOnly()
    {
        await ImportAsync();

        var refused = await Cli("erase", "--email", ErasureLeads.Email);
        var erase = await Cli("erase", "--email", ErasureLeads.Email.ToUpperInvariant(), "--yes");

        Assert.Equal(ExitCodes.Error, refused.ExitCode); // no terminal to ask on: --yes is needed
        Assert.Contains("add --yes", refused.Error, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Success, erase.ExitCode);
        Assert.StartsWith("erasure ", erase.Summary, StringComparison.Ordinal);
        Assert.Matches("^profiles: [0-9a-f]{32}$", erase.OutputLines[1]);
        Assert.Contains("dedup_leads: 2", erase.OutputLines); // the lines are trimmed
        Assert.DoesNotContain("wingtip", erase.Output, StringComparison.OrdinalIgnoreCase);
        var tables = SqliteTables.DumpEveryTable(_folder.File("leads.db"));
        ErasureLeads.AssertErased(tables.Values.SelectMany(rows => rows));
        Assert.Contains(erase.Summary.Split(' ')[1], Assert.Single(tables["erasures"]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Retention_DropsRawPayloadsOlderThanTheDays()
    {
        await ImportAsync();

        var kept = await Cli("retention", "--days", "30", "--now", "2026-11-02T09:00:00Z");
        var dropped = await Cli("retention", "--days", "30", "--dead-letters-days", "90", "--now", "2026-12-15T09:00:00Z");

        Assert.Equal(ExitCodes.Success, kept.ExitCode);
        Assert.StartsWith("raw payloads dropped: 0 ", kept.Summary, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Success, dropped.ExitCode);
        Assert.Matches("^raw payloads dropped: [1-9]", dropped.Summary);
        Assert.Contains("dead letters dropped: 0 (recorded before 2026-09-16", dropped.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(SqliteTables.DumpEveryTable(_folder.File("leads.db"))["leads"], row => row.Contains("\"rawPayload\"", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("erase --yes", "exactly one of --email and --profile")]
    [InlineData("erase --profile ana --yes", "--profile must be a profile id")]
    [InlineData("retention --days -3", "--days must be a whole number of days")]
    public async Task BadArguments_FailSayingWhatIsExpected(string arguments, string message)
    {
        await ImportAsync();

        var run = await Cli(arguments.Split(' '));

        Assert.Equal(ExitCodes.Error, run.ExitCode);
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Erase_OnAMissingFile_FailsWithoutCreatingIt()
    {
        var run = await Cli("erase", "--email", ErasureLeads.Email, "--yes");

        Assert.Equal(ExitCodes.Error, run.ExitCode);
        Assert.Contains("does not exist", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(_folder.File("leads.db")));
    }

    public void Dispose() => _folder.Dispose();

    private async Task ImportAsync()
    {
        var file = _folder.File("leads.jsonl");
        await File.WriteAllLinesAsync(file, [.. new[] { ErasureLeads.Alicia(0), ErasureLeads.Other(), ErasureLeads.Alicia(30, "StartTestDrive") }.Select(LeadJsonLines.Serialize)]);
        Assert.Equal(ExitCodes.Success, (await Cli("import", file, "--now", "2026-11-01T09:00:00Z")).ExitCode);
    }

    private Task<CliRun> Cli(params string[] args) => CliRunner.RunAsync([.. args, "--db", _folder.File("leads.db")]);
}
