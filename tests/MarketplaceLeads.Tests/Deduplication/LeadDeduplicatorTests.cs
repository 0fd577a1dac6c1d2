using System;
using System.Linq;
using System.Threading.Tasks;
using MarketplaceLeads.Deduplication;
using MarketplaceLeads.Tests.Support;
using static MarketplaceLeads.Testing.TestLeads;
using static MarketplaceLeads.Tests.DeduplicationTestLeads;

namespace MarketplaceLeads.Tests;

public class LeadDeduplicatorTests
{
    [Fact]
    public void Deduplicate_GmailDotsTagAndCase_MergesIntoOneProfile()
    {
        var a = Make("Ana", "García", email: "ana.garcia@gmail.com", minutes: 0);
        var b = Make("Ana", "Garcia", email: "AnaGarcia+marketplace@GoogleMail.com", action: "StartTestDrive", minutes: 10);

        var result = new LeadDeduplicator().Deduplicate([a, b]);

        var profile = Assert.Single(result.Profiles);
        Assert.Equal([a, b], profile.Leads);
        Assert.Equal(new CustomerProfileId(a.Id), profile.Id);
        Assert.Equal(["ana.garcia@gmail.com", "AnaGarcia+marketplace@GoogleMail.com"], profile.Emails.ToArray());
        Assert.Equal("AnaGarcia+marketplace@GoogleMail.com", profile.Customer.Email); // the most recent address, as sent
    }

    [Fact]
    public void Deduplicate_SamePhoneAndLastName_Merges()
    {
        var a = Make("Robert", "Smith", phone: "(415) 555-0134", country: "US");
        var b = Make("Bob", "Smith", phone: "+1 415.555.0134", minutes: 5);

        var result = new LeadDeduplicator().Deduplicate([b, a]);

        Assert.Single(result.Profiles);
    }

    [Fact]
    public void Deduplicate_PhoneEvidence_Disabled_DoesNotMerge()
    {
        var a = Make("Robert", "Smith", phone: "(415) 555-0134", country: "US");
        var b = Make("Robert", "Smith", phone: "+1 415.555.0134", minutes: 5);

        var result = new LeadDeduplicator(new DeduplicationOptions { MatchPhone = false }).Deduplicate([a, b]);

        Assert.Equal(2, result.Profiles.Count);
        var pair = Assert.Single(result.PossibleDuplicates); // the same name alone: for review
        Assert.Contains("same last name", pair.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("same phone", pair.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Deduplicate_ExactTiers_CloseTransitively()
    {
        var a = Make("Jo", "Lee", email: "jo@fabrikam.example", minutes: 0);
        var b = Make("Jo", "Lee", email: "jo@fabrikam.example", phone: "+44 20 7946 0958", minutes: 1);
        var c = Make("Joanne", "Lee", email: "joanne.lee@gmail.com", phone: "020 7946 0958", country: "United Kingdom", minutes: 2);

        var result = new LeadDeduplicator().Deduplicate([c, a, b]);

        Assert.Equal([a, b, c], Assert.Single(result.Profiles).Leads);
    }

    [Fact]
    public async Task Deduplicate_Incremental_BridgingLead_MergesTwoProfiles()
    {
        using var deduplicator = new LeadDeduplicator();
        var a = Make("Jo", "Lee", email: "jo@fabrikam.example", minutes: 0);
        var c = Make("Jo", "Lee", phone: "+44 20 7946 0958", minutes: 1);
        var b = Make("Jo", "Lee", email: "jo@fabrikam.example", phone: "+44 20 7946 0958", minutes: 2);

        var first = await deduplicator.AddAsync(a);
        var second = await deduplicator.AddAsync(c);
        var bridge = await deduplicator.AddAsync(b);

        Assert.Equal(DeduplicationOutcome.NewProfile, first.Outcome);
        Assert.Equal(DeduplicationOutcome.NewProfile, second.Outcome); // a has no phone, c no e-mail: nothing in common yet
        Assert.Equal(DeduplicationOutcome.JoinedProfile, bridge.Outcome);
        Assert.Equal(first.Profile.Id, bridge.Profile.Id);
        Assert.Equal(3, bridge.Profile.Leads.Count);
        Assert.Equal([second.Profile.Id], bridge.MergedProfiles);
        Assert.Single(await deduplicator.Store.GetProfilesAsync().ToListAsync());
    }

    [Fact]
    public void Deduplicate_FuzzyMatches_DoNotChain()
    {
        // b is like a, c is like b, but c is not like a: c must not join a's cluster through b. (A lead joins a profile when
        // it matches any of its leads — docs/deduplication.md, Clusters — so what keeps likeness from chaining is that
        // likeness alone, with no shared mailbox or phone, never reaches the default merge threshold: with a threshold
        // lowered to 0.5, c joins through b once the two meet, as they do under their company's leading word.)
        var options = new DeduplicationOptions();
        var a = Make("Katherine", "Johnson", company: "Northwind Traders", country: "US", minutes: 0);
        var b = Make("Kate", "Jonson", company: "Northwind Traders Inc.", country: "US", minutes: 1);
        var c = Make("Kat", "Jonsen", company: "Northwind Trading", country: "US", minutes: 2);

        var result = new LeadDeduplicator(options).Deduplicate([a, b, c]);

        var profileOfA = ProfileOf(result, a);
        Assert.DoesNotContain(c, profileOfA.Leads);
        foreach (var lead in profileOfA.Leads.Skip(1))
        {
            var evidence = new MatchDecider(options).Evidence!;
            var pair = evidence.Compare(LeadMatchSubject.Create(lead.Customer), LeadMatchSubject.Create(a.Customer));
            Assert.NotEqual(MatchOutcome.NoMatch, evidence.Decide(pair, default, IdentityEvidence.Weigh(pair, default))); // every member matched a directly
        }
    }

    [Fact]
    public void Deduplicate_SimilarNamesAndCompany_ReportsPossibleDuplicateOnly()
    {
        var a = Make("William", "Turner", email: "wturner@litware.example", company: "Litware, Inc.", country: "US");
        var b = Make("Bill", "Turner", email: "bill.turner@gmail.com", company: "LITWARE", country: "USA", minutes: 30);

        var result = new LeadDeduplicator().Deduplicate([a, b]);

        Assert.Equal(2, result.Profiles.Count);
        var pair = Assert.Single(result.PossibleDuplicates);
        Assert.Equal(
            new[] { new CustomerProfileId(a.Id), new CustomerProfileId(b.Id) }.Order().ToArray(),
            new[] { pair.First, pair.Second });
        Assert.InRange(pair.Score, 0.2, 0.985);
        Assert.Equal(b.Id, pair.RaisedBy);
    }

    [Fact]
    public void Deduplicate_LowerMergeThreshold_MergesWeakerPairs()
    {
        var a = Make("William", "Turner", email: "wturner@litware.example", company: "Litware, Inc.", country: "US");
        var b = Make("Bill", "Turner", email: "bill.turner@gmail.com", company: "LITWARE", country: "USA", minutes: 30);

        var result = new LeadDeduplicator(new DeduplicationOptions { MergeThreshold = 0.6 }).Deduplicate([a, b]);

        Assert.Single(result.Profiles);
        Assert.Empty(result.PossibleDuplicates);
    }

    [Fact]
    public void Deduplicate_SwappedFirstAndLastName_IsPossibleDuplicate()
    {
        var a = Make("Haruto", "Sato", company: "Tailspin Toys", phone: "+81 3-1234-5678");
        var b = Make("Sato", "Haruto", company: "Tailspin Toys KK", minutes: 3);

        var result = new LeadDeduplicator().Deduplicate([a, b]);

        Assert.Single(result.PossibleDuplicates);
    }

    [Fact]
    public void Deduplicate_RoleMailboxWithDifferentNames_AreDifferentPeople()
    {
        var a = Make("Maria", "Rossi", email: "info@fourthcoffee.example");
        var b = Make("Luca", "Bianchi", email: "INFO@fourthcoffee.example", minutes: 1);

        var result = new LeadDeduplicator().Deduplicate([a, b]);

        Assert.Equal(2, result.Profiles.Count);
        Assert.Empty(result.PossibleDuplicates); // a shared info@ with two different names identifies no one
    }

    [Fact]
    public void Deduplicate_RoleMailboxWithTheSameName_IsLeftForReview()
    {
        // A shared info@ says nothing about who wrote; the same name at the same company is worth a look, not a merge.
        var a = Make("Maria", "Rossi", email: "info@fourthcoffee.example", company: "Fourth Coffee");
        var b = Make("Maria", "Rossi", email: "INFO@fourthcoffee.example", company: "Fourth Coffee", minutes: 1);

        var result = new LeadDeduplicator().Deduplicate([a, b]);

        Assert.Equal(2, result.Profiles.Count);
        var email = Assert.Single(Assert.Single(result.PossibleDuplicates).Explanation!.Evidence, e => e.Field == "Email");
        Assert.StartsWith("same role mailbox", email.Comparison, StringComparison.Ordinal);
        Assert.Equal(0, email.Weight);
    }

    [Fact]
    public void Deduplicate_TestLeads_AreNeverMerged()
    {
        var test1 = Make("MSFT_TEST_636573304831318844", "MSFT_TEST_636573304831318844", email: "MSFT_TEST_636573304831318844", minutes: 0);
        var test2 = Make("MSFT_TEST_636573304831318844", "MSFT_TEST_636573304831318844", email: "MSFT_TEST_636573304831318844", minutes: 1);
        var real = Make("Ana", "Garcia", email: "ana@contoso.example", minutes: 2);

        var result = new LeadDeduplicator().Deduplicate([test1, test2, real]);

        Assert.Equal(3, result.Profiles.Count);
        Assert.Equal(2, result.Profiles.Count(p => p.IsTest));
        Assert.Empty(result.PossibleDuplicates);
    }

    [Fact]
    public void Deduplicate_BlankCustomers_NeverMatch()
    {
        var a = Make(minutes: 0);
        var b = Make(minutes: 1);
        var c = Make(first: " ", last: "-", email: "", phone: "n/a", company: "  ", minutes: 2);

        var result = new LeadDeduplicator().Deduplicate([a, b, c]);

        Assert.Equal(3, result.Profiles.Count);
        Assert.Empty(result.PossibleDuplicates);
        Assert.Equal(0, result.Comparisons);
    }

    [Fact]
    public void Deduplicate_SameLeadTwice_IsARedelivery()
    {
        var a = Make("Ana", "Garcia", email: "ana@contoso.example");

        var result = new LeadDeduplicator().Deduplicate([a, a, a with { }]);

        Assert.Single(result.Profiles);
        Assert.Equal(1, result.LeadCount);
        Assert.Equal(2, result.Redeliveries);
    }

    [Fact]
    public void Deduplicate_ASequenceThatIsNoCollection_DecidesAsTheArrayDoes()
    {
        // A batch is read in one pass when it is an array or a list (its count bounds the work arrays, a redelivery leaves a
        // slot unused); any other sequence is collected first. Both give the same profiles, in the same order.
        var people = new SyntheticLeads(7).Generate(400).Select(l => l.Lead).ToArray();
        Lead[] batch = [.. people, people[3], people[100] with { }, people[^1]];

        var fromArray = new LeadDeduplicator().Deduplicate(batch);
        var fromSequence = new LeadDeduplicator().Deduplicate(batch.Select(lead => lead));

        Assert.Equal(people.Length, fromArray.LeadCount);
        Assert.Equal(3, fromArray.Redeliveries);
        Assert.Equal(fromArray.Redeliveries, fromSequence.Redeliveries);
        Assert.Equal(fromArray.LeadCount, fromSequence.LeadCount);
        Assert.Equal(
            fromArray.Profiles.Select(p => (p.Id, string.Join(',', p.Leads.Select(l => l.Id)))),
            fromSequence.Profiles.Select(p => (p.Id, string.Join(',', p.Leads.Select(l => l.Id)))));
        Assert.Equal(
            fromArray.PossibleDuplicates.Select(p => (p.First, p.Second, p.Score)),
            fromSequence.PossibleDuplicates.Select(p => (p.First, p.Second, p.Score)));
    }

    [Fact]
    public void Deduplicate_ANullLead_ThrowsForTheInput()
    {
        var a = Make("Ana", "Garcia", email: "ana@contoso.example");

        Assert.Throws<ArgumentNullException>(() => new LeadDeduplicator().Deduplicate([a, null!, a]));
        Assert.Throws<ArgumentNullException>(() => new LeadDeduplicator().Deduplicate(new[] { a, null!, a }.Select(lead => lead)));
    }

    [Fact]
    public async Task AddAsync_SameLeadTwice_IsARedeliveryAndChangesNothing()
    {
        using var deduplicator = new LeadDeduplicator();
        var a = Make("Ana", "Garcia", email: "ana@contoso.example");

        var first = await deduplicator.AddAsync(a);
        var again = await deduplicator.AddAsync(a);

        Assert.Equal(DeduplicationOutcome.NewProfile, first.Outcome);
        Assert.Equal(DeduplicationOutcome.Redelivery, again.Outcome);
        Assert.Same(first.Profile, again.Profile);
        Assert.Single(await deduplicator.Store.GetProfilesAsync().ToListAsync());
    }

    [Fact]
    public void Deduplicate_DoNotContactAnywhere_MakesProfileDoNotContact()
    {
        var a = Make("Ana", "Garcia", email: "ana@contoso.example", action: "PLT", minutes: 0);
        var dnc = Make("Ana", "Garcia", email: "ana@contoso.example", action: "DNC", minutes: 5);
        var later = Make("Ana", "Garcia", email: "ana@contoso.example", action: "INS", source: "AzureMarketplace", minutes: 60);

        var profile = Assert.Single(new LeadDeduplicator().Deduplicate([later, a, dnc]).Profiles);

        Assert.True(profile.DoNotContact);
        var offer = Assert.Single(profile.Offers);
        Assert.True(offer.DoNotContact);
        Assert.Equal(FunnelStage.Acquisition, offer.FurthestStage);
        Assert.Equal([a, dnc, later], offer.Leads);
    }

    [Fact]
    public void Profile_Offers_TimelinePerOfferAndFurthestStage()
    {
        var a = Make("Ana", "Garcia", email: "ana@contoso.example", action: "PLT", offer: "contoso.crm", minutes: 0);
        var b = Make("Ana", "Garcia", email: "ana@contoso.example", action: "StartTestDrive", source: "AzureMarketplace", offer: "contoso.crm", minutes: 10);
        var c = Make("Ana", "Garcia", email: "ana@contoso.example", action: "PLT", offer: "fabrikam.insights", minutes: 20);

        var profile = Assert.Single(new LeadDeduplicator().Deduplicate([c, b, a]).Profiles);

        Assert.Equal(2, profile.Offers.Count);
        Assert.Equal("contoso.crm", profile.Offers[0].Offer.ToString());
        Assert.Equal(FunnelStage.Trial, profile.Offers[0].FurthestStage);
        Assert.Equal(FunnelStage.Interest, profile.Offers[1].FurthestStage);
        Assert.Equal(FunnelStage.Trial, profile.FurthestStage);
        Assert.Equal(a.ReceivedAt, profile.FirstSeen);
        Assert.Equal(c.ReceivedAt, profile.LastSeen);
    }

    [Theory]
    [InlineData(SurvivorshipRule.MostRecentNonBlank, "Fabrikam Iberia")]
    [InlineData(SurvivorshipRule.Earliest, "Contoso")]
    [InlineData(SurvivorshipRule.FillBlanksOnly, "Contoso")]
    [InlineData(SurvivorshipRule.KeepAll, "Fabrikam Iberia")]
    public void Survivorship_Company_FollowsRule(SurvivorshipRule rule, string expected)
    {
        var options = new DeduplicationOptions();
        options.Survivorship[CustomerField.Company] = rule;
        var a = Make("Ana", "Garcia", email: "ana@contoso.example", company: "Contoso", minutes: 0);
        var b = Make("Ana", "Garcia", email: "ana@contoso.example", company: null, minutes: 10);
        var c = Make("Ana", "Garcia", email: "ana@contoso.example", company: "Fabrikam Iberia", minutes: 20);
        var d = Make("Ana", "Garcia", email: "ana@contoso.example", company: "  ", minutes: 30);

        var profile = Assert.Single(new LeadDeduplicator(options).Deduplicate([d, c, b, a]).Profiles);

        Assert.Equal(expected, profile.Customer.Company);
        Assert.Equal(rule == SurvivorshipRule.KeepAll ? ["Contoso", "Fabrikam Iberia"] : [expected], profile.GetValues(CustomerField.Company).ToArray());
    }

    [Fact]
    public async Task Survivorship_FillBlanksOnly_Incremental_KeepsFirstReceivedValue()
    {
        var options = new DeduplicationOptions();
        options.Survivorship[CustomerField.Title] = SurvivorshipRule.FillBlanksOnly;
        using var deduplicator = new LeadDeduplicator(options);
        var later = Make("Ana", "Garcia", email: "ana@contoso.example", title: "CTO", minutes: 60);
        var earlier = Make("Ana", "Garcia", email: "ana@contoso.example", title: "Engineer", minutes: 0);

        await deduplicator.AddAsync(later);
        var decision = await deduplicator.AddAsync(earlier);

        Assert.Equal("CTO", decision.Profile.Customer.Title); // received first, though created later
        Assert.Equal(new CustomerProfileId(later.Id), decision.Profile.Id); // the founder keeps the id
        Assert.Equal([earlier, later], decision.Profile.Leads); // the timeline is in time order
    }

    [Fact]
    public void Restore_RebuildsAnEqualProfile()
    {
        var a = Make("Ana", "Garcia", email: "ana@contoso.example", company: "Contoso", minutes: 0);
        var b = Make("Ana", "García", email: "ANA@contoso.example", phone: "+34 612 345 678", minutes: 10);
        var original = Assert.Single(new LeadDeduplicator().Deduplicate([a, b]).Profiles);

        var restored = CustomerProfile.Restore(original.Id, [b, a], original.Customer);

        Assert.Equal(original.Id, restored.Id);
        Assert.Equal(original.Leads, restored.Leads);
        Assert.Equal(original.Customer, restored.Customer);
        Assert.Equal(original.Emails, restored.Emails);
        Assert.Throws<ArgumentException>(() => CustomerProfile.Restore(new CustomerProfileId(LeadId.FromKey("x", "y")), [a], a.Customer));
    }

    [Theory]
    [InlineData(nameof(DeduplicationOptions.PossibleDuplicateThreshold), 0.99)]
    [InlineData(nameof(DeduplicationOptions.MergeThreshold), 0.4)]
    [InlineData(nameof(DeduplicationOptions.MaxBlockSize), 1)]
    public void Constructor_InvalidOption_NamesPropertyAndValue(string property, double value)
    {
        var options = new DeduplicationOptions();
        switch (property)
        {
            case nameof(DeduplicationOptions.PossibleDuplicateThreshold): options.PossibleDuplicateThreshold = value; break;
            case nameof(DeduplicationOptions.MergeThreshold): options.MergeThreshold = value; break;
            default: options.MaxBlockSize = (int)value; break;
        }

        var error = Assert.ThrowsAny<ArgumentException>(() => new LeadDeduplicator(options));

        Assert.Equal(property, error.ParamName);
        Assert.Contains(property, error.Message, StringComparison.Ordinal);
        Assert.Contains(value.ToString(System.Globalization.CultureInfo.CurrentCulture), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deduplicate_OversizedBlock_IsIgnored()
    {
        var options = new DeduplicationOptions { MaxBlockSize = 3 };
        string[] firsts = ["Ana", "Ben", "Chloe", "Dmitri", "Elif", "Farid"];
        string[] lasts = ["Lopez", "Okafor", "Tanaka", "Novak", "Yilmaz", "Haddad"];
        var leads = Enumerable.Range(0, 6).Select(i => Make(firsts[i], lasts[i], phone: "+1 800 555 0100", minutes: i)).ToArray();

        var result = new LeadDeduplicator(options).Deduplicate(leads);

        Assert.Equal(6, result.Profiles.Count);
        Assert.Equal(1, result.OversizedBlocks);
    }

    [Fact]
    public void CustomStrategy_IsConsulted()
    {
        var options = new DeduplicationOptions();
        options.Strategies.Add(new SameTitleAndCompany());
        var a = Make("A", "One", company: "Wide World Importers", title: "Chief Buyer");
        var b = Make("B", "Two", company: "Wide World Importers", title: "chief buyer", minutes: 1);

        var result = new LeadDeduplicator(options).Deduplicate([a, b]);

        Assert.Single(result.Profiles);
    }

    private sealed class SameTitleAndCompany : ILeadMatchStrategy
    {
        public string Name => "title+company";

        public MatchScope Scope => MatchScope.AnyLead;

        public void AddBlockingKeys(LeadMatchSubject subject, BlockingKeys keys) =>
            keys.Add("title", subject.CompanyKey, subject.Customer.Title?.ToUpperInvariant());

        public MatchVerdict Compare(LeadMatchSubject subject, LeadMatchSubject candidate) =>
            subject.CompanyKey is not null && subject.CompanyKey == candidate.CompanyKey
            && string.Equals(subject.Customer.Title, candidate.Customer.Title, StringComparison.OrdinalIgnoreCase)
                ? MatchVerdict.SamePerson("same title at the same company")
                : MatchVerdict.NoMatch;
    }
}
