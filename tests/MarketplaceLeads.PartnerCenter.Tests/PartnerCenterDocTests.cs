using System;
using System.IO;
using System.Threading.Tasks;
using MarketplaceLeads.Dataverse.Tests;
using MarketplaceLeads.Dataverse;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace MarketplaceLeads.PartnerCenter.Tests;

/// <summary>Runs the example of docs/partner-center.md against the loopback Referrals API and Dataverse environment, and checks that the page shows exactly this code.</summary>
public sealed class PartnerCenterDocTests
{
    [Fact]
    public async Task DocExample_ImportsTheReferral_DeliversItToDataverse_AndWritesTheRecordIdBack()
    {
        await using var referrals = await ReferralsServer.StartAsync();
        await using var dataverse = await DataverseServer.StartAsync();
        referrals.Add(ReferralFixtures.MarketplaceLead("r-1", DateTimeOffset.UtcNow.AddHours(-1).ToString("O", System.Globalization.CultureInfo.InvariantCulture)));
        var folder = Path.Combine(Path.GetTempPath(), "mpl-pc-doc-" + Guid.NewGuid().ToString("N"));
        string[] args =
        [
            $"--PartnerCenter:TenantId={ReferralsServer.Tenant}",
            $"--PartnerCenter:ClientId={ReferralsServer.ClientId}",
            $"--PartnerCenter:ClientSecret={ReferralsServer.ClientSecret}",
            $"--PartnerCenter:Checkpoints={folder}",
            $"--PartnerCenter:ApiUrl={referrals.BaseAddress}",
            $"--PartnerCenter:AuthorityHost={referrals.BaseAddress}",
        ];
        Action<DataverseSinkOptions> configureDataverse = dataverse.Configure;

        // DOCS:partner-center
        var builder = Host.CreateApplicationBuilder(args);
        var partnerCenter = builder.Configuration.GetSection("PartnerCenter");  // secrets from configuration / a secret store
        builder.Services.AddMarketplaceLeads()
            .AddDataverseSink(configureDataverse)                               // docs/crm.md; without a CRM sink, our profile id is written
            .AddPartnerCenterReader(o =>
            {
                o.TenantId = partnerCenter["TenantId"]!;
                o.ClientId = partnerCenter["ClientId"]!;
                o.ClientSecret = partnerCenter["ClientSecret"];
                o.CheckpointDirectory = partnerCenter["Checkpoints"];           // where the reader remembers how far it got
                o.ApiUrl = new Uri(partnerCenter["ApiUrl"] ?? "https://api.partner.microsoft.com/");
                o.AuthorityHost = new Uri(partnerCenter["AuthorityHost"] ?? "https://login.microsoftonline.com/");
                o.WriteBack = true;                                             // the CRM record id into the referral
            });
        using var host = builder.Build();
        await host.StartAsync();
        // DOCS:end

        try
        {
            Assert.True(await referrals.Patched.WaitAsync(TimeSpan.FromSeconds(30)), "the referral was not written back");
            await host.StopAsync();
            var record = Assert.Single(dataverse.Leads).Value;
            Assert.Equal(record.Id.ToString(), (string?)referrals.Referrals["r-1"]["externalReferenceId"]);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Docs_ShowTheCodeThatRunsHere() =>
        Assert.True(
            DocRegions.PageShows("docs/partner-center.md", "tests/MarketplaceLeads.PartnerCenter.Tests/PartnerCenterDocTests.cs", "partner-center"),
            "docs/partner-center.md has no ```csharp block equal to the DOCS:partner-center region:\n" + DocRegions.Code("tests/MarketplaceLeads.PartnerCenter.Tests/PartnerCenterDocTests.cs", "partner-center"));
}
