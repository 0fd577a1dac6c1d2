using System;
using MarketplaceLeads.FollowUp;
using static MarketplaceLeads.Tests.FollowUpTestData;

namespace MarketplaceLeads.Tests;

public class FollowUpPersonalizationContextTests
{
    [Fact]
    public void NextTouchesDue_ContextHoldsTheFactsAMessageNeeds()
    {
        var (planner, time) = Planner();
        var plt = Ana("PLT") with { OfferTitle = "Contoso Analytics" };
        var drive = Ana("StartTestDrive", minutes: 60) with { OfferTitle = "Contoso Analytics" };
        var etl = Ana("INS", minutes: 120, offer: "contoso.contoso-etl") with { OfferTitle = "Contoso ETL" };
        var profile = ProfileOf(plt, drive, etl);
        time.SetUtcNow(Start.AddDays(3).AddHours(2));

        var task = Assert.Single(planner.NextTouchesDue([profile], FollowUpLog.Empty), t => t.Offer == Analytics);
        var context = task.Context;

        Assert.Equal("Ana", context.FirstName);
        Assert.Equal("Garcia", context.LastName);
        Assert.Equal("Contoso", context.Company);
        Assert.Equal("Head of IT", context.Title);
        Assert.Equal("ana@contoso.example", context.Email);
        Assert.Equal(FunnelStage.Trial, context.Stage);
        Assert.Equal(LeadAction.StartTestDrive, context.LastAction);
        Assert.Equal(3, context.DaysSinceLastAction); // 3 days and 1 hour
        Assert.Equal([plt.Id, drive.Id], context.LeadIds);
        Assert.Equal("Contoso Analytics", context.Offer.Title);
        Assert.Equal([LeadAction.PartnerLedTrial, LeadAction.StartTestDrive], context.Offer.Actions);
        Assert.Equal(2, context.Offers.Count);
        Assert.Equal("Contoso ETL", context.Offers[1].Title);
        Assert.Equal(FunnelStage.Acquisition, context.Offers[1].Stage);
        Assert.Equal(Start.AddHours(2), context.Offers[1].LastActionAt);
    }

    [Fact]
    public void ToString_PrintsNoPersonalData()
    {
        var (planner, _) = Planner();
        var task = Assert.Single(planner.NextTouchesDue([ProfileOf(Ana("PLT"))], FollowUpLog.Empty));

        var text = task.Context.ToString();

        Assert.DoesNotContain("Ana", text, StringComparison.Ordinal);
        Assert.DoesNotContain("contoso.example", text, StringComparison.Ordinal);
        Assert.Contains("Stage = Interest", text, StringComparison.Ordinal);
    }
}
