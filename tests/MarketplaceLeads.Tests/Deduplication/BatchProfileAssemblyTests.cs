using System.Linq;
using MarketplaceLeads.Deduplication;
using static MarketplaceLeads.Testing.TestLeads;

namespace MarketplaceLeads.Tests;

/// <summary>How a batch assembles its profiles: flags gathered from every member, leads in time order, test leads between keyed ones.</summary>
public class BatchProfileAssemblyTests
{
    [Fact]
    public void Deduplicate_InterleavedProfilesAndTestLeads_AssemblesEachProfile()
    {
        var ana1 = Make("Ana", "Garcia", email: "ana@contoso.example", action: "PLT", minutes: 0);
        var test1 = Make("MSFT_TEST_636573304831318844", "MSFT_TEST_636573304831318844", email: "MSFT_TEST_636573304831318844", minutes: 1);
        var bo1 = Make("Bo", "Lindqvist", email: "bo@fabrikam.example", action: "PLT", minutes: 2);
        var ana2 = Make("Ana", "Garcia", email: "ana@contoso.example", action: "DNC", minutes: 3);
        var test2 = Make("MSFT_TEST_636573304831318845", "MSFT_TEST_636573304831318845", email: "MSFT_TEST_636573304831318845", minutes: 4);
        var solo = Make("Cai", "Wong", email: "cai@northwind.example", action: "DNC", minutes: 5);
        var bo2 = Make("Bo", "Lindqvist", email: "bo@fabrikam.example", action: "INS", minutes: 6);
        var ana3 = Make("Ana", "Garcia", email: "ana@contoso.example", action: "INS", minutes: 7);

        var result = new LeadDeduplicator().Deduplicate([ana3, bo2, test2, solo, ana2, bo1, test1, ana1]);

        Assert.Equal(5, result.Profiles.Count);
        Assert.Equal([ana1.Id, test1.Id, bo1.Id, test2.Id, solo.Id], result.Profiles.Select(p => p.Id.FirstLeadId));
        var ana = result.Profiles[0];
        Assert.Equal([ana1, ana2, ana3], ana.Leads);
        Assert.True(ana.DoNotContact);
        Assert.False(ana.IsTest);
        var bo = result.Profiles[2];
        Assert.Equal([bo1, bo2], bo.Leads);
        Assert.False(bo.DoNotContact);
        Assert.True(result.Profiles[1].IsTest);
        Assert.True(result.Profiles[3].IsTest);
        var cai = result.Profiles[4];
        Assert.Equal([solo], cai.Leads);
        Assert.True(cai.DoNotContact);
        Assert.False(cai.IsTest);
    }
}
