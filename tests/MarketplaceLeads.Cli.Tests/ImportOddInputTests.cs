using System;
using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;
using MarketplaceLeads.Cli.Tests.Support;

namespace MarketplaceLeads.Cli.Tests;

/// <summary>
/// Issue #14, what the fuzzer found through <c>import</c>: a file whose lead could not be folded for de-duplication
/// never finished (it waited out the pipeline's shutdown), a lone surrogate in an unknown property stopped the import
/// in the SQLite journal, trailing data after a JSON array was dropped silently, and a rejection quoted the rest of the
/// record over several lines.
/// </summary>
public sealed class ImportOddInputTests
{
    [Fact]
    public async Task Import_LeadWithANoncharacterInItsName_ImportsItAndExitsPromptly()
    {
        using var folder = new TempFolder();
        var file = folder.File("leads.json");
        await File.WriteAllTextAsync(file, """{"UserDetails":{"FirstName":"\uFFFEGeorgianna","LastName":"Beier","Country":"FR\uFFFE","Company":"Spencer\uFFFE Group"},"LeadSource":"AppSource-PLT | contoso.contoso-analytics"}""");
        var clock = Stopwatch.StartNew();

        var run = await CliRunner.RunAsync("import", file, "--db", folder.File("leads.db"), "--now", CliRunner.Now);

        Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(20));
        Assert.Equal(string.Empty, run.Error);
        Assert.Equal("imported 1 new, 0 already known, 0 rejected (1 file)", run.Summary);
        Assert.Equal(ExitCodes.Success, run.ExitCode);
    }

    [Fact]
    public async Task Import_LoneSurrogateInAnUnknownProperty_ImportsTheLead()
    {
        using var folder = new TempFolder();
        var file = folder.File("leads.json");
        await File.WriteAllTextAsync(file, """[{"":"\ud83d","UserDetails":{"Email":"a@b.example"}},{"x":"\udc00","UserDetails":{"Email":"c@d.example"}}]""");

        var run = await CliRunner.RunAsync("import", file, "--db", folder.File("leads.db"), "--now", CliRunner.Now);

        Assert.Equal(string.Empty, run.Error);
        Assert.Equal("imported 2 new, 0 already known, 0 rejected (1 file)", run.Summary);
    }

    [Fact]
    public async Task Import_ObjectAfterTheTopLevelArray_IsRejectedNotDropped()
    {
        using var folder = new TempFolder();
        var file = folder.File("leads.json");
        await File.WriteAllTextAsync(file, """[{"UserDetails":{"Email":"a@b.example"}}] {"UserDetails":{"Email":"c@d.example"}}""");

        var run = await CliRunner.RunAsync("import", file, "--db", folder.File("leads.db"), "--now", CliRunner.Now);

        Assert.Equal("imported 1 new, 0 already known, 1 rejected (1 file)", run.Summary);
        Assert.StartsWith(file + ":1: $: malformed JSON: expected the end of the input", Assert.Single(run.ErrorLines), StringComparison.Ordinal);
        Assert.Equal(ExitCodes.SomeRejected, run.ExitCode);
    }

    [Fact]
    public async Task Import_MisspeltLiteralBeforeCustomerData_PrintsOneLineWithoutTheData()
    {
        using var folder = new TempFolder();
        var file = folder.File("leads.json");
        await File.WriteAllTextAsync(file, "{\n  \"UserDetails\": {\n    \"FirstName\": nul \"Brandt\",\n    \"LastName\": \"Larson\",\n    \"Email\": \"blarson@sauerllc.example\"\n  }\n}\n");

        var run = await CliRunner.RunAsync("import", file, "--db", folder.File("leads.db"), "--now", CliRunner.Now);

        var line = Assert.Single(run.ErrorLines);
        Assert.StartsWith(file + ":3: ", line, StringComparison.Ordinal);
        Assert.Contains("expected the literal null", line, StringComparison.Ordinal);
        Assert.DoesNotContain("Brandt", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Larson", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("blarson", run.Error, StringComparison.Ordinal);
    }
}
