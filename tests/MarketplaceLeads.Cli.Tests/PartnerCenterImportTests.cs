using System.Threading.Tasks;
using MarketplaceLeads.Cli.Tests.Support;

namespace MarketplaceLeads.Cli.Tests;

/// <summary><c>import --partner-center</c>: what the tool says before it calls anything (the import itself runs in tests/MarketplaceLeads.PartnerCenter.Tests, against the loopback Referrals API).</summary>
public sealed class PartnerCenterImportTests
{
    [Fact]
    public async Task ImportPartnerCenter_WithoutCredentials_NamesTheOptionAndTheVariable()
    {
        using var folder = new TempFolder();

        var run = await CliRunner.RunAsync("import", "--partner-center", "--tenant", "contoso.onmicrosoft.com", "--client-id", "id", "--db", folder.File("leads.db"));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("--client-secret or the MARKETPLACELEADS_PARTNER_CENTER_CLIENT_SECRET variable", run.Error, System.StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_NothingNamed_SaysWhatToGive()
    {
        using var folder = new TempFolder();

        var run = await CliRunner.RunAsync("import", "--db", folder.File("leads.db"));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("name lead files, or give --partner-center", run.Error, System.StringComparison.Ordinal);
    }
}
