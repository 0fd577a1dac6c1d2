using System;
using System.Linq;
using System.Threading.Tasks;
using MarketplaceLeads.Deduplication;
using static MarketplaceLeads.Testing.TestLeads;

namespace MarketplaceLeads.Tests;

public class DeduplicationModelTests
{
    [Fact]
    public void MatchVerdict_Factories_ValidateAndCompare()
    {
        var same = MatchVerdict.SamePerson("same mailbox");
        var possible = MatchVerdict.PossibleDuplicate(0.8, "name 0.95");

        Assert.Equal(MatchOutcome.SamePerson, same.Outcome);
        Assert.Equal(1.0, same.Score);
        Assert.Equal(MatchOutcome.PossibleDuplicate, possible.Outcome);
        Assert.Equal("PossibleDuplicate 0.800 (name 0.95)", possible.ToString());
        Assert.Equal("NoMatch", MatchVerdict.NoMatch.ToString());
        Assert.True(possible == MatchVerdict.PossibleDuplicate(0.8, "name 0.95"));
        Assert.True(possible != same);
        Assert.Equal(possible.GetHashCode(), MatchVerdict.PossibleDuplicate(0.8, "name 0.95").GetHashCode());
        var outOfRange = Assert.Throws<ArgumentOutOfRangeException>(() => MatchVerdict.PossibleDuplicate(1.5, "x"));
        Assert.Equal("score", outOfRange.ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => MatchVerdict.SamePerson("x", double.NaN));
        Assert.Throws<ArgumentException>(() => MatchVerdict.SamePerson(" "));
    }

    [Fact]
    public void CustomerProfileId_OrdersLikeItsLeadId()
    {
        var a = new CustomerProfileId(LeadId.FromKey("p", "a"));
        var b = new CustomerProfileId(LeadId.FromKey("p", "b"));
        var (low, high) = a.FirstLeadId.CompareTo(b.FirstLeadId) < 0 ? (a, b) : (b, a);

        var lowAgain = new CustomerProfileId(low.FirstLeadId);
        Assert.True(low < high && low <= high && high > low && high >= low && low <= lowAgain && low >= lowAgain);
        Assert.Equal(low.FirstLeadId.ToString(), low.ToString());
        Assert.Equal(0, low.CompareTo(new CustomerProfileId(low.FirstLeadId)));
    }

    [Fact]
    public void Options_AreCopied_LaterChangesHaveNoEffect()
    {
        var options = new DeduplicationOptions();
        using var deduplicator = new LeadDeduplicator(options);
        options.MatchEmail = false;
        options.Survivorship[CustomerField.Email] = SurvivorshipRule.Earliest;
        options.Strategies.Add(new NeverStrategy());

        var profile = Assert.Single(deduplicator.Deduplicate([Make("Ana", "Garcia", email: "ana@x.example"), Make("Ana", "Garcia", email: "ANA@x.example", minutes: 1)]).Profiles);

        Assert.Equal("ANA@x.example", profile.Customer.Email); // still merged by e-mail, still the most recent value
    }

    [Fact]
    public void Options_NullStrategy_IsRejectedNamingTheIndex()
    {
        var options = new DeduplicationOptions();
        options.Strategies.Add(new NeverStrategy());
        options.Strategies.Add(null!);

        var error = Assert.Throws<ArgumentException>(() => new LeadDeduplicator(options));

        Assert.Equal("Strategies", error.ParamName);
        Assert.Contains("Strategies[1] is null", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ToString_OfProfilesAndDecisions_HasNoPersonalData()
    {
        using var deduplicator = new LeadDeduplicator();
        var decision = await deduplicator.AddAsync(Make("Ana", "Garcia", email: "ana@contoso.example", phone: "+34 612 345 678", company: "Contoso"));
        var subject = LeadMatchSubject.Create(decision.Lead.Customer);

        foreach (var text in new[] { decision.ToString(), decision.Profile.ToString(), subject.ToString() })
        {
            Assert.DoesNotContain("Ana", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("garcia", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("contoso", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("612", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void OfferActivity_FirstAndLastSeen_AreItsLeadsTimes()
    {
        var a = Make("Ana", "Garcia", email: "ana@contoso.example", minutes: 5);
        var b = Make("Ana", "Garcia", email: "ana@contoso.example", action: "StartTestDrive", source: "AzureMarketplace", minutes: 50);

        var offer = Assert.Single(Assert.Single(new LeadDeduplicator().Deduplicate([b, a]).Profiles).Offers);

        Assert.Equal(a.ReceivedAt, offer.FirstSeen);
        Assert.Equal(b.ReceivedAt, offer.LastSeen);
        Assert.False(offer.DoNotContact);
        Assert.Equal("contoso.contoso-analytics", offer.Offer.ToString());
        Assert.Equal(2, offer.Leads.Count(l => l.Offer == offer.Offer));
    }

    private sealed class NeverStrategy : ILeadMatchStrategy
    {
        public string Name => "never";

        public MatchScope Scope => MatchScope.AnyLead;

        public void AddBlockingKeys(LeadMatchSubject subject, BlockingKeys keys)
        {
        }

        public MatchVerdict Compare(LeadMatchSubject subject, LeadMatchSubject candidate) => MatchVerdict.NoMatch;
    }
}
