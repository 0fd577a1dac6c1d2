using System.Linq;
using MarketplaceLeads.Tests.Support;

namespace MarketplaceLeads.Tests;

/// <summary>The synthetic generator the de-duplication accuracy tests rely on.</summary>
public class SyntheticLeadsTests
{
    [Fact]
    public void SameSeed_GivesSameLeads()
    {
        var a = new SyntheticLeads(42).Generate(200);
        var b = new SyntheticLeads(42).Generate(200);

        Assert.Equal(a.Select(l => (l.PersonId, l.Lead.Id)), b.Select(l => (l.PersonId, l.Lead.Id)));
        Assert.NotEqual(a.Select(l => l.Lead.Id), new SyntheticLeads(43).Generate(200).Select(l => l.Lead.Id));
    }

    [Fact]
    public void Leads_CoverEveryCorruptionAndAreRealistic()
    {
        var leads = new SyntheticLeads(7).Generate(1000);
        var corruptions = leads.SelectMany(l => l.Corruptions).ToHashSet();

        Assert.InRange(leads.Count, 1500, 3000);
        Assert.Equal(1000, leads.Select(l => l.PersonId).Distinct().Count());
        foreach (var kind in new[] { "email-case", "gmail-dots-tag", "nickname", "swapped-names", "typo", "company-suffix", "country-name", "missing-phone", "missing-company", "missing-email", "phone-format" })
        {
            Assert.Contains(kind, corruptions);
        }

        // The uncorrupted first lead of each person normalises cleanly.
        var firsts = leads.GroupBy(l => l.PersonId).Select(g => g.First().Lead.Customer).ToList();
        Assert.True(firsts.Count(c => c.PhoneStatus == FieldStatus.Valid) > 0.95 * firsts.Count, "phones should be valid numbers");
        Assert.All(firsts, c => Assert.Equal(FieldStatus.Valid, c.EmailStatus));
        Assert.All(firsts, c => Assert.Equal(FieldStatus.Valid, c.CountryStatus));
    }

    [Fact]
    public void People_IncludeHardNegatives_AndDistinctMailboxes()
    {
        var firsts = new SyntheticLeads(7).Generate(2000).GroupBy(l => l.PersonId).Select(g => g.First().Lead.Customer).ToList();

        var colleagues = firsts.GroupBy(c => (c.LastName, c.Company)).Count(g => g.Select(c => c.FirstName).Distinct().Count() > 1);
        var namesakes = firsts.GroupBy(c => (c.FirstName, c.LastName)).Count(g => g.Count() > 1);
        Assert.InRange(colleagues, 30, 200);  // about 3 % of 2000 people
        Assert.InRange(namesakes, 30, 200);
        Assert.Equal(firsts.Count, firsts.Select(c => c.Email).Distinct().Count());
    }
}
