using System;
using System.Linq;
using MarketplaceLeads.Deduplication;
using MarketplaceLeads.FollowUp;
using static MarketplaceLeads.Tests.FollowUpTestData;

namespace MarketplaceLeads.Tests;

public class FollowUpFunnelReportTests
{
    [Fact]
    public void ByOffer_CountsStagesAndConversions_LeavesOutTestCustomers()
    {
        var ana = TestLeads.Make("Ana", "Garcia", email: "ana@contoso.example", action: "PLT") with { OfferTitle = "Contoso Analytics" };
        var anaTrial = TestLeads.Make("Ana", "Garcia", email: "ana@contoso.example", action: "StartTestDrive", minutes: 60);
        var bo = TestLeads.Make("Bo", "Li", email: "bo@fabrikam.example", action: "PLT", minutes: 10);
        var boInstall = TestLeads.Make("Bo", "Li", email: "bo@fabrikam.example", action: "INS", minutes: 10 + (3 * 60));
        var cy = TestLeads.Make("Cy", "Ng", email: "cy@northwind.example", action: "DNC", minutes: 20);
        var test = TestLeads.Make("MSFT_TEST_636573304831318844", "T", email: "t@contoso.example", action: "PLT");
        var profiles = new LeadDeduplicator().Deduplicate([ana, anaTrial, bo, boInstall, cy, test]).Profiles;

        var funnel = Assert.Single(FunnelReport.ByOffer(profiles));

        Assert.Equal(Analytics, funnel.Offer);
        Assert.Equal("Contoso Analytics", funnel.Title);
        Assert.Equal((3, 2, 1, 1, 1), (funnel.Customers, funnel.Interest, funnel.Trial, funnel.Acquisition, funnel.DoNotContact));
        Assert.Equal(
            [new StageConversionCount(FunnelStage.Interest, FunnelStage.Trial, 1, TimeSpan.FromHours(1)), new StageConversionCount(FunnelStage.Interest, FunnelStage.Acquisition, 1, TimeSpan.FromHours(3))],
            funnel.Conversions.ToArray());
    }
}
