using System.Threading.Tasks;
using MarketplaceLeads.Cli.Tests.Support;
using MarketplaceLeads.PartnerCenter.Tests;

namespace MarketplaceLeads.Cli.Tests;

/// <summary><c>import --partner-center</c> against the loopback Referrals API.</summary>
public sealed class PartnerCenterImportTests
{
    [Fact]
    public async Task ImportPartnerCenter_ImportsTheMarketplaceLeads_ThenNothingNew_AndAnUpdatedReferralIsAlreadyKnown()
    {
        await using var server = await ReferralsServer.StartAsync();
        server.Add(
            ReferralFixtures.MarketplaceLead("r-1", "2026-10-30T10:00:00Z"),
            ReferralFixtures.MarketplaceLead("r-2", "2026-10-30T11:00:00Z", "Ana", "Garcia", "ana@contoso.example"),
            ReferralFixtures.QualifiedLead("q-1", "2026-10-30T12:00:00Z"));
        using var folder = new TempFolder();
        string[] args = ["import", "--partner-center", "--tenant", ReferralsServer.Tenant, "--client-id", ReferralsServer.ClientId, "--client-secret", ReferralsServer.ClientSecret, "--partner-center-endpoint", server.BaseAddress.AbsoluteUri, "--db", folder.File("leads.db"), "--now", CliRunner.Now];

        var first = await CliRunner.RunAsync(args);
        Assert.True(first.ExitCode == 0, first.Error);
        Assert.Equal("imported 2 new, 0 already known, 0 rejected (0 files, Partner Center)", first.Summary);

        Assert.Equal("imported 0 new, 0 already known, 0 rejected (0 files, Partner Center)", (await CliRunner.RunAsync(args)).Summary);

        server.Referrals["r-1"]["updatedDateTime"] = "2026-10-31T09:00:00Z";
        Assert.Equal("imported 0 new, 1 already known, 0 rejected (0 files, Partner Center)", (await CliRunner.RunAsync(args)).Summary);
    }

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
