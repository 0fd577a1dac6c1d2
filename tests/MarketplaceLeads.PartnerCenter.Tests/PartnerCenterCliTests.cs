using System;
using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;

namespace MarketplaceLeads.PartnerCenter.Tests;

/// <summary><c>marketplace-leads import --partner-center</c>, the built tool run as a process from its own folder, against the loopback Referrals API.</summary>
public sealed class PartnerCenterCliTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "mpl-pc-cli-" + Guid.NewGuid().ToString("N"));

    public PartnerCenterCliTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task ImportPartnerCenter_ImportsTheMarketplaceLeads_ThenNothingNew_AndAnUpdatedReferralIsAlreadyKnown()
    {
        await using var server = await ReferralsServer.StartAsync();
        server.Add(
            ReferralFixtures.MarketplaceLead("r-1", "2026-10-30T10:00:00Z"),
            ReferralFixtures.MarketplaceLead("r-2", "2026-10-30T11:00:00Z", "Ana", "Garcia", "ana@contoso.example"),
            ReferralFixtures.QualifiedLead("q-1", "2026-10-30T12:00:00Z"));
        string[] args = ["import", "--partner-center", "--tenant", ReferralsServer.Tenant, "--client-id", ReferralsServer.ClientId, "--partner-center-endpoint", server.BaseAddress.AbsoluteUri, "--db", Path.Combine(_folder, "leads.db")];

        var first = await RunAsync(args);
        Assert.True(first.ExitCode == 0, first.Error);
        Assert.Equal("imported 2 new, 0 already known, 0 rejected (0 files, Partner Center)", first.Output.Trim());
        Assert.True(File.Exists(Path.Combine(_folder, "leads.partner-center.checkpoint.json")));

        Assert.Equal("imported 0 new, 0 already known, 0 rejected (0 files, Partner Center)", (await RunAsync(args)).Output.Trim());

        server.Referrals["r-1"]["updatedDateTime"] = "2026-10-31T09:00:00Z";
        Assert.Equal("imported 0 new, 1 already known, 0 rejected (0 files, Partner Center)", (await RunAsync(args)).Output.Trim());
    }

    [Fact]
    public async Task ImportPartnerCenter_WithWriteBack_PutsEachCustomersProfileIdIntoItsReferral_OnlyWhereEmpty()
    {
        await using var server = await ReferralsServer.StartAsync();
        var typed = ReferralFixtures.MarketplaceLead("r-3", "2026-10-30T12:00:00Z", "Kim", "Lee", "kim@fabrikam.example");
        typed["externalReferenceId"] = "OPP-0042"; // typed in Partner Center by the publisher: kept
        server.Add(
            ReferralFixtures.MarketplaceLead("r-1", "2026-10-30T10:00:00Z"),
            ReferralFixtures.MarketplaceLead("r-2", "2026-10-30T11:00:00Z", "Ana", "Garcia", "ana@contoso.example"),
            typed);
        var database = Path.Combine(_folder, "leads.db");

        var run = await RunAsync(["import", "--partner-center", "--write-back", "--tenant", ReferralsServer.Tenant, "--client-id", ReferralsServer.ClientId, "--partner-center-endpoint", server.BaseAddress.AbsoluteUri, "--db", database]);

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal("imported 3 new, 0 already known, 0 rejected (0 files, Partner Center)" + Environment.NewLine + "Partner Center: 3 referrals hold their customer's profile id", run.Output.Trim());
        Assert.Equal("OPP-0042", (string?)server.Referrals["r-3"]["externalReferenceId"]);
        foreach (var referral in new[] { "r-1", "r-2" })
        {
            var id = (string?)server.Referrals[referral]["externalReferenceId"];
            Assert.Matches("^[0-9a-f]{32}$", id);
            Assert.Equal("Active", (string?)server.Referrals[referral]["status"]);

            // The id finds the customer: explain prints the lead's decision and its customer.
            var explain = await RunAsync(["explain", id!, "--db", database]);
            Assert.True(explain.ExitCode == 0, explain.Error);
        }

        Assert.NotEqual((string?)server.Referrals["r-1"]["externalReferenceId"], (string?)server.Referrals["r-2"]["externalReferenceId"]);
    }

    /// <summary>Runs the tool built beside this test project (artifacts/bin/MarketplaceLeads.Cli/&lt;configuration&gt;_net10.0), the secret in its environment.</summary>
    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(string[] args)
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Name;
        var tool = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "MarketplaceLeads.Cli", configuration + "_net10.0", "marketplace-leads.dll"));
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(tool);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["MARKETPLACELEADS_PARTNER_CENTER_CLIENT_SECRET"] = ReferralsServer.ClientSecret;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        return (process.ExitCode, await output, await error);
    }
}
