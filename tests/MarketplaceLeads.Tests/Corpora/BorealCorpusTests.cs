using System.Linq;
using MarketplaceLeads.Testing.Corpora;

namespace MarketplaceLeads.Tests.Corpora;

public sealed class BorealCorpusTests
{
    [Fact]
    public void Generate_Smoke()
    {
        var leads = new BorealCorpus().Generate(200, 1);
        Assert.NotEmpty(leads);
        Assert.Equal(200, leads.Select(l => l.PersonId).Distinct().Count());
    }
}
