using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using MarketplaceLeads.Deduplication;
using Microsoft.Extensions.Time.Testing;
using static MarketplaceLeads.Testing.TestLeads;

namespace MarketplaceLeads.Tests;

/// <summary>Explanations kept with each decision, and review: accept, reject, split, the queue (issue #15).</summary>
public class LeadReviewTests
{
    private static readonly DateTimeOffset Now = new(2026, 4, 1, 12, 0, 0, TimeSpan.Zero);

    // One person, Jo Lee: a lead with the e-mail only, one with the phone only (two profiles: nothing in common yet), and
    // one with both, which bridges them.
    private static readonly Lead JoByEmail = Make("Jo", "Lee", email: "jo@fabrikam.example", minutes: 0);
    private static readonly Lead JoByPhone = Make("Jo", "Lee", phone: "+44 20 7946 0958", minutes: 1);
    private static readonly Lead JoByBoth = Make("Jo", "Lee", email: "jo@fabrikam.example", phone: "+44 20 7946 0958", minutes: 2);
    private static readonly Lead JoAgain = Make("Jo", "Lee", email: "jo@fabrikam.example", phone: "+44 20 7946 0958", action: "Create", minutes: 3);

    // Two people of one household: one phone, one last name, different first names and mailboxes — a possible duplicate.
    private static readonly Lead Ana = Make("Ana", "Garcia", email: "ana@contoso.example", phone: "+1 415 555 0134", country: "US", minutes: 10);
    private static readonly Lead Luis = Make("Luis", "Garcia", email: "luis.garcia@gmail.com", phone: "+1 415 555 0134", country: "US", minutes: 11);
    private static readonly Lead LuisDnc = Make("Luis", "Garcia", email: "luis.garcia@gmail.com", phone: "+1 415 555 0134", country: "US", action: "DNC", minutes: 11);

    [Fact]
    public async Task ExplainAsync_JoinedLead_ReturnsTheDecisionItsReasonAndItsWaterfall()
    {
        using var deduplicator = new LeadDeduplicator();
        await deduplicator.AddAsync(JoByEmail);
        var joined = await deduplicator.AddAsync(JoAgain with { Customer = JoByEmail.Customer });

        var record = await deduplicator.ExplainAsync(joined.Lead.Id);

        Assert.NotNull(record);
        Assert.Equal(DeduplicationOutcome.JoinedProfile, record.Outcome);
        Assert.Equal(new CustomerProfileId(JoByEmail.Id), record.DecidedProfile);
        Assert.Equal(record.DecidedProfile, record.CurrentProfile);
        Assert.Equal(joined.Reason, record.Reason);
        Assert.NotNull(record.Explanation);
        Assert.Equal(MatchOutcome.SamePerson, record.Explanation.Outcome);
        Assert.Equal(record.Reason, record.Explanation.ToString()); // the reason is the waterfall's one-line form
        Assert.Contains(record.Explanation.Evidence, e => e.Field == "Email" && e.Comparison.StartsWith("same", StringComparison.Ordinal) && e.Weight > 0);
        Assert.Empty(record.MergedProfiles);
        Assert.Empty(record.Reviews);
    }

    [Fact]
    public async Task ExplainAsync_NewProfileAndTestLead_HaveNoExplanation_AnUnknownLeadHasNoRecord()
    {
        using var deduplicator = new LeadDeduplicator();
        var test = Make("MSFT_TEST_636573304831318844", "MSFT_TEST_636573304831318844", email: "MSFT_TEST_636573304831318844", minutes: 5);
        await deduplicator.AddAsync(JoByEmail);
        await deduplicator.AddAsync(test);
        await deduplicator.AddAsync(JoByEmail); // a redelivery is not a decision

        var founded = await deduplicator.ExplainAsync(JoByEmail.Id);
        var tested = await deduplicator.ExplainAsync(test.Id);

        Assert.Equal((DeduplicationOutcome.NewProfile, (string?)null, (MatchExplanation?)null), (founded!.Outcome, founded.Reason, founded.Explanation));
        Assert.Equal((DeduplicationOutcome.TestLead, (string?)null, (MatchExplanation?)null), (tested!.Outcome, tested.Reason, tested.Explanation));
        Assert.Null(await deduplicator.ExplainAsync(JoByPhone.Id));
    }

    [Fact]
    public async Task ExplainAsync_BridgingLead_NamesTheProfilesItMerged_AndAMergedLeadShowsItsProfileThenAndNow()
    {
        using var deduplicator = new LeadDeduplicator();
        await deduplicator.AddAsync(JoByEmail);
        await deduplicator.AddAsync(JoByPhone);
        await deduplicator.AddAsync(JoByBoth);

        var bridge = await deduplicator.ExplainAsync(JoByBoth.Id);
        var merged = await deduplicator.ExplainAsync(JoByPhone.Id);

        Assert.Equal([new CustomerProfileId(JoByPhone.Id)], bridge!.MergedProfiles);
        Assert.Equal(new CustomerProfileId(JoByPhone.Id), merged!.DecidedProfile);
        Assert.Equal(new CustomerProfileId(JoByEmail.Id), merged.CurrentProfile);
    }

    [Fact]
    public async Task RejectAsync_PairLeavesTheQueue_AndIsNeverRaisedAgain()
    {
        var clock = new FakeTimeProvider(Now);
        using var deduplicator = new LeadDeduplicator(timeProvider: clock);
        await deduplicator.AddAsync(Ana);
        await deduplicator.AddAsync(Luis);
        var pair = Assert.Single(await deduplicator.GetReviewQueueAsync()).Pair;

        var result = await deduplicator.RejectAsync(pair.Second, pair.First, "reviewer@partner", "two people of one household");
        var again = await deduplicator.AddAsync(Make("Luis", "Garcia", email: "luis.garcia@gmail.com", phone: "+1 415 555 0134", country: "US", action: "Create", minutes: 20));

        Assert.Equal(new ReviewAction(ReviewKind.Reject, pair.First, pair.Second, result.Action.Leads, Now, "reviewer@partner", "two people of one household") { Sequence = 1 }, result.Action);
        Assert.Empty(result.Action.Leads);
        Assert.Empty(result.Profiles);
        Assert.Empty(result.RemovedProfiles);
        Assert.Equal(DeduplicationOutcome.JoinedProfile, again.Outcome);
        Assert.Empty(again.PossibleDuplicates);
        Assert.Empty(await deduplicator.GetReviewQueueAsync());
        Assert.Equal([new KeptApartPair(pair.First, pair.Second)], await deduplicator.Store.GetKeptApartAsync().ToListAsync());
        Assert.Equal([result.Action], (await deduplicator.ExplainAsync(Ana.Id))!.Reviews);
        Assert.Empty((await deduplicator.ExplainAsync(again.Lead.Id))!.Reviews); // it arrived after the review
    }

    [Fact]
    public async Task RejectAsync_LeadThatMatchesBothProfiles_JoinsTheBetterOnly_AndMergesNothing()
    {
        using var deduplicator = new LeadDeduplicator();
        var byEmail = (await deduplicator.AddAsync(JoByEmail)).Profile.Id;
        var byPhone = (await deduplicator.AddAsync(JoByPhone)).Profile.Id;
        await deduplicator.RejectAsync(byEmail, byPhone);

        var bridge = await deduplicator.AddAsync(JoByBoth);

        Assert.Equal(DeduplicationOutcome.JoinedProfile, bridge.Outcome);
        Assert.Empty(bridge.MergedProfiles);
        Assert.Empty(bridge.PossibleDuplicates);
        Assert.Contains(bridge.Profile.Id, new[] { byEmail, byPhone });
        Assert.Equal(2, await deduplicator.Store.GetProfilesAsync().CountAsync());
        Assert.Empty(await deduplicator.Store.GetPossibleDuplicatesAsync().ToListAsync());
    }

    [Fact]
    public async Task RejectAsync_HoldsAfterTheRejectedProfileIsMergedAutomatically()
    {
        // Jo's e-mail profile is kept apart from Jo's phone profile. Then a lead with Jo's Gmail address and the phone merges
        // the phone profile into an earlier Gmail profile: the pair moves to the profile that remains, so the lead that
        // has both Jo's company mailbox and the phone still merges nothing.
        using var deduplicator = new LeadDeduplicator();
        var byEmail = (await deduplicator.AddAsync(JoByEmail)).Profile.Id;
        var byGmail = (await deduplicator.AddAsync(Make("Jo", "Lee", email: "jo.lee@gmail.com", minutes: -1))).Profile.Id;
        var byPhone = (await deduplicator.AddAsync(JoByPhone)).Profile.Id;
        await deduplicator.RejectAsync(byEmail, byPhone);
        var gmailAndPhone = await deduplicator.AddAsync(Make("Jo", "Lee", email: "jo.lee@gmail.com", phone: "+44 20 7946 0958", minutes: 4));
        Assert.Equal(byGmail, gmailAndPhone.Profile.Id);
        Assert.Equal([byPhone], gmailAndPhone.MergedProfiles);

        var bridge = await deduplicator.AddAsync(JoByBoth);

        Assert.Equal([KeptApartPair.Of(byEmail, byGmail)], await deduplicator.Store.GetKeptApartAsync().ToListAsync());
        Assert.Empty(bridge.MergedProfiles);
        Assert.Empty(bridge.PossibleDuplicates);
        Assert.Equal(2, await deduplicator.Store.GetProfilesAsync().CountAsync());
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(async () => await deduplicator.AcceptAsync(byGmail, byEmail));
        Assert.Equal($"Profiles {byGmail} and {byEmail} are kept apart: a review rejected the pair or split one from the other, so they are not merged.", refused.Message);
    }

    [Fact]
    public async Task RejectAsync_AMergeThatBringsInAKeptApartPair_DropsThePossibleDuplicateOfThatPair()
    {
        // Luis and Ana's company profile are a possible duplicate (one household phone); Luis and Ana's Gmail profile are kept
        // apart. A lead with Ana's Gmail address and the household phone merges Ana's two profiles: the merged profile is
        // kept apart from Luis, so the household pair leaves the queue.
        using var deduplicator = new LeadDeduplicator();
        var luis = (await deduplicator.AddAsync(Luis)).Profile.Id;
        var anaAtWork = await deduplicator.AddAsync(Ana);
        Assert.Single(anaAtWork.PossibleDuplicates);
        var anaGmail = (await deduplicator.AddAsync(Make("Ana", "Garcia", email: "ana.garcia@gmail.com", country: "US", minutes: 30))).Profile.Id;
        await deduplicator.RejectAsync(anaGmail, luis);

        var bridge = await deduplicator.AddAsync(Make("Ana", "Garcia", email: "ana.garcia@gmail.com", phone: "+1 415 555 0134", country: "US", minutes: 31));

        Assert.Single(bridge.MergedProfiles);
        Assert.Equal(3, bridge.Profile.Leads.Count);
        Assert.Empty(bridge.PossibleDuplicates);
        Assert.Empty(await deduplicator.GetReviewQueueAsync());
        Assert.Equal([KeptApartPair.Of(bridge.Profile.Id, luis)], await deduplicator.Store.GetKeptApartAsync().ToListAsync());
    }

    [Fact]
    public async Task RejectAsync_HoldsAfterTheRejectedProfileIsAccepted()
    {
        using var deduplicator = new LeadDeduplicator();
        var byEmail = (await deduplicator.AddAsync(JoByEmail)).Profile.Id;
        var byPhone = (await deduplicator.AddAsync(JoByPhone)).Profile.Id;
        var byCompany = (await deduplicator.AddAsync(Make("Jo", "Lee", company: "Fabrikam", country: "GB", minutes: -5))).Profile.Id;
        await deduplicator.RejectAsync(byEmail, byPhone);

        var accepted = await deduplicator.AcceptAsync(byPhone, byCompany);
        var bridge = await deduplicator.AddAsync(JoByBoth);

        Assert.Equal((byCompany, byPhone), (accepted.Profiles[0].Id, accepted.RemovedProfiles[0]));
        Assert.Equal([KeptApartPair.Of(byEmail, byCompany)], await deduplicator.Store.GetKeptApartAsync().ToListAsync());
        Assert.Empty(bridge.MergedProfiles);
        Assert.Equal(2, await deduplicator.Store.GetProfilesAsync().CountAsync());
    }

    [Fact]
    public async Task AcceptAsync_MergesThePair_EarliestFounderKeepsItsId_ProfileRecomputed_AndLogged()
    {
        var clock = new FakeTimeProvider(Now);
        using var deduplicator = new LeadDeduplicator(timeProvider: clock);
        var dnc = LuisDnc;
        await deduplicator.AddAsync(Ana);
        await deduplicator.AddAsync(dnc);
        var item = Assert.Single(await deduplicator.GetReviewQueueAsync());
        Assert.True(item.DoNotContact);
        clock.Advance(TimeSpan.FromMinutes(5));

        var result = await deduplicator.AcceptAsync(item.Pair.First, item.Pair.Second, "reviewer@partner");

        var profile = Assert.Single(result.Profiles);
        Assert.Equal(new CustomerProfileId(Ana.Id), profile.Id);
        Assert.Equal([new CustomerProfileId(dnc.Id)], result.RemovedProfiles);
        Assert.Equal([Ana.Id, dnc.Id], profile.Leads.Select(l => l.Id));
        Assert.True(profile.DoNotContact);
        Assert.Equal(["ana@contoso.example", "luis.garcia@gmail.com"], profile.Emails);
        Assert.Equal("Luis", profile.Customer.FirstName); // the most recent lead's value
        Assert.Equal(new ReviewAction(ReviewKind.Accept, profile.Id, new CustomerProfileId(dnc.Id), result.Action.Leads, Now.AddMinutes(5), "reviewer@partner") { Sequence = 1 }, result.Action);
        Assert.Equal([dnc.Id], result.Action.Leads);
        Assert.Empty(await deduplicator.GetReviewQueueAsync());
        Assert.Equal([profile.Id], await deduplicator.Store.GetProfilesAsync().Select(p => p.Id).ToListAsync());
        var explained = await deduplicator.ExplainAsync(dnc.Id);
        Assert.Equal((new CustomerProfileId(dnc.Id), profile.Id), (explained!.DecidedProfile, explained.CurrentProfile));
        Assert.Equal([result.Action], explained.Reviews);
    }

    [Fact]
    public async Task AcceptAsync_TestLead_OrSameProfileTwice_OrUnknownProfile_FailsNamingTheIds()
    {
        using var deduplicator = new LeadDeduplicator();
        var test = Make("MSFT_TEST_636573304831318844", "MSFT_TEST_636573304831318844", email: "MSFT_TEST_636573304831318844", minutes: 5);
        var jo = (await deduplicator.AddAsync(JoByEmail)).Profile.Id;
        var testProfile = (await deduplicator.AddAsync(test)).Profile.Id;
        var unknown = new CustomerProfileId(JoByPhone.Id);

        var testError = await Assert.ThrowsAsync<InvalidOperationException>(async () => await deduplicator.AcceptAsync(jo, testProfile));
        var twice = await Assert.ThrowsAsync<ArgumentException>(async () => await deduplicator.AcceptAsync(jo, jo));
        var missing = await Assert.ThrowsAsync<ArgumentException>(async () => await deduplicator.RejectAsync(jo, unknown));

        Assert.Equal($"Profile {testProfile} is a marketplace test lead; test leads are never merged with other profiles.", testError.Message);
        Assert.StartsWith($"Accepting a pair needs two different profiles; both are {jo}.", twice.Message, StringComparison.Ordinal);
        Assert.StartsWith($"Profile {unknown} does not exist: no profile has this id", missing.Message, StringComparison.Ordinal);
        Assert.Equal("second", missing.ParamName);
    }

    [Fact]
    public async Task SplitAsync_MovesTheLeadsOut_RecomputesBothParts_AndADoNotContactStaysWithItsOwnLead()
    {
        var clock = new FakeTimeProvider(Now);
        using var deduplicator = new LeadDeduplicator(timeProvider: clock);
        var dnc = LuisDnc;
        await deduplicator.AddAsync(Ana);
        await deduplicator.AddAsync(dnc);
        var merged = Assert.Single((await deduplicator.AcceptAsync(new CustomerProfileId(Ana.Id), new CustomerProfileId(dnc.Id))).Profiles);
        Assert.True(merged.DoNotContact); // a reviewer's mistake: Ana now carries a stranger's do-not-contact

        var result = await deduplicator.SplitAsync(merged.Id, [dnc.Id], comment: "Luis is Ana's husband");

        var (ana, luis) = (result.Profiles[0], result.Profiles[1]);
        Assert.Equal((new CustomerProfileId(Ana.Id), new CustomerProfileId(dnc.Id)), (ana.Id, luis.Id));
        Assert.Empty(result.RemovedProfiles);
        Assert.False(ana.DoNotContact);
        Assert.True(luis.DoNotContact);
        Assert.Equal(("Ana", "ana@contoso.example"), (ana.Customer.FirstName, ana.Customer.Email));
        Assert.Equal(["ana@contoso.example"], ana.Emails);
        Assert.Equal([Ana.Id], ana.Leads.Select(l => l.Id));
        Assert.Equal(new ReviewAction(ReviewKind.Split, ana.Id, luis.Id, result.Action.Leads, Now, null, "Luis is Ana's husband") { Sequence = 2 }, result.Action);
        Assert.Equal([dnc.Id], result.Action.Leads);
        Assert.Equal([KeptApartPair.Of(ana.Id, luis.Id)], await deduplicator.Store.GetKeptApartAsync().ToListAsync());
        Assert.Empty(await deduplicator.GetReviewQueueAsync()); // kept apart: not raised again
        var explained = await deduplicator.ExplainAsync(dnc.Id);
        Assert.Equal([ReviewKind.Accept, ReviewKind.Split], explained!.Reviews.Select(r => r.Kind));
        Assert.Equal(luis.Id, explained.CurrentProfile);
        Assert.DoesNotContain("husband", result.Action.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SplitAsync_TheNextLeadDoesNotGlueThePartsBack()
    {
        using var deduplicator = new LeadDeduplicator();
        await deduplicator.AddAsync(JoByEmail);
        await deduplicator.AddAsync(JoByPhone);
        var whole = (await deduplicator.AddAsync(JoByBoth)).Profile;
        Assert.Equal(3, whole.Leads.Count);

        var split = await deduplicator.SplitAsync(whole.Id, [JoByPhone.Id]);
        var next = await deduplicator.AddAsync(JoAgain);

        Assert.Equal([new CustomerProfileId(JoByEmail.Id), new CustomerProfileId(JoByPhone.Id)], split.Profiles.Select(p => p.Id));
        Assert.Equal(DeduplicationOutcome.JoinedProfile, next.Outcome);
        Assert.Empty(next.MergedProfiles);
        Assert.Empty(next.PossibleDuplicates);
        Assert.Equal(2, await deduplicator.Store.GetProfilesAsync().CountAsync());
    }

    [Fact]
    public async Task SplitAsync_FoundingLeadListed_ThePartWithTheFoundingLeadKeepsTheId()
    {
        using var deduplicator = new LeadDeduplicator();
        await deduplicator.AddAsync(JoByEmail);
        await deduplicator.AddAsync(JoByPhone);
        var whole = (await deduplicator.AddAsync(JoByBoth)).Profile;

        var split = await deduplicator.SplitAsync(whole.Id, [JoByEmail.Id, JoByBoth.Id]);

        Assert.Equal(whole.Id, split.Profiles[0].Id);
        Assert.Equal([JoByEmail.Id, JoByBoth.Id], split.Profiles[0].Leads.Select(l => l.Id));
        Assert.Equal(new CustomerProfileId(JoByPhone.Id), split.Profiles[1].Id);
        Assert.Equal([JoByPhone.Id], split.Action.Leads);
    }

    [Fact]
    public async Task SplitAsync_MovedLeads_AreFiledAgainUnderTheirKeys()
    {
        // JoByBoth joined a profile already filed under its e-mail and phone keys, so it was filed under neither; moved out
        // on its own, its profile must still be found by them.
        using var deduplicator = new LeadDeduplicator();
        await deduplicator.AddAsync(JoByEmail);
        await deduplicator.AddAsync(JoByPhone);
        var whole = (await deduplicator.AddAsync(JoByBoth)).Profile;

        var moved = (await deduplicator.SplitAsync(whole.Id, [JoByBoth.Id])).Profiles[1];

        var decider = new MatchDecider(new DeduplicationOptions());
        var keys = new BlockingKeys();
        decider.CollectKeys(LeadMatchSubject.Create(JoByBoth.Customer), keys);
        Assert.NotEqual(0, keys.Count);
        foreach (var key in keys.Hashes)
        {
            var found = await deduplicator.Store.FindCandidatesAsync([key], 200);
            Assert.Contains(found.Candidates, c => c.Profile.Id == moved.Id && c.Lead.Id == JoByBoth.Id);
        }
    }

    [Fact]
    public async Task SplitAsync_APossibleDuplicateRaisedByAMovedLead_FollowsIt()
    {
        using var deduplicator = new LeadDeduplicator();
        await deduplicator.AddAsync(Luis);
        var anaFirst = Make("Ana", "Garcia", email: "ana@contoso.example", country: "US", minutes: 0);
        await deduplicator.AddAsync(anaFirst);
        var raising = await deduplicator.AddAsync(Ana); // joins Ana's profile by mailbox, and raises the household pair with Luis
        var pair = Assert.Single(raising.PossibleDuplicates);
        Assert.Equal(Ana.Id, pair.RaisedBy);

        var split = await deduplicator.SplitAsync(raising.Profile.Id, [Ana.Id]);

        var moved = split.Profiles[1];
        var item = Assert.Single(await deduplicator.GetReviewQueueAsync());
        Assert.Equal(KeptApartPair.Of(moved.Id, new CustomerProfileId(Luis.Id)), new KeptApartPair(item.Pair.First, item.Pair.Second));
        Assert.Equal(pair.Score, item.Pair.Score);
    }

    [Fact]
    public async Task SplitAsync_BadArguments_FailNamingTheIds()
    {
        using var deduplicator = new LeadDeduplicator();
        await deduplicator.AddAsync(JoByEmail);
        await deduplicator.AddAsync(JoByPhone);
        var whole = (await deduplicator.AddAsync(JoByBoth)).Profile;
        await deduplicator.AddAsync(Ana);

        var empty = await Assert.ThrowsAsync<ArgumentException>(async () => await deduplicator.SplitAsync(whole.Id, []));
        var stranger = await Assert.ThrowsAsync<ArgumentException>(async () => await deduplicator.SplitAsync(whole.Id, [JoByPhone.Id, Ana.Id]));
        var unknown = await Assert.ThrowsAsync<ArgumentException>(async () => await deduplicator.SplitAsync(whole.Id, [Luis.Id]));
        var all = await Assert.ThrowsAsync<ArgumentException>(async () => await deduplicator.SplitAsync(whole.Id, whole.Leads.Select(l => l.Id)));
        var noProfile = await Assert.ThrowsAsync<ArgumentException>(async () => await deduplicator.SplitAsync(new CustomerProfileId(JoByPhone.Id), [JoByPhone.Id]));

        Assert.StartsWith($"Splitting profile {whole.Id} needs at least one of its leads to move out", empty.Message, StringComparison.Ordinal);
        Assert.StartsWith($"Lead {Ana.Id} is not one of the 3 leads of profile {whole.Id}: it is in profile {new CustomerProfileId(Ana.Id)}.", stranger.Message, StringComparison.Ordinal);
        Assert.StartsWith($"Lead {Luis.Id} is not one of the 3 leads of profile {whole.Id}: no profile holds it.", unknown.Message, StringComparison.Ordinal);
        Assert.StartsWith($"Splitting profile {whole.Id} would leave it empty: all its 3 leads are listed", all.Message, StringComparison.Ordinal);
        Assert.StartsWith($"Profile {JoByPhone.Id} does not exist", noProfile.Message, StringComparison.Ordinal);
        Assert.Equal("leads", stranger.ParamName);
        Assert.Equal(3, (await deduplicator.Store.FindProfileAsync(whole.Id))!.Leads.Count); // nothing changed
        Assert.Empty(await deduplicator.Store.GetKeptApartAsync().ToListAsync());
    }

    [Fact]
    public async Task GetReviewQueueAsync_DoNotContactPairsComeFirst_ThenHighestScore()
    {
        using var deduplicator = new LeadDeduplicator();
        // Three pairs for review: a household (Garcia, one of them do-not-contact; the weakest evidence), a role mailbox with
        // one name (Rossi) and a nickname at one company (Turner).
        await deduplicator.AddAsync(Ana);
        await deduplicator.AddAsync(LuisDnc);
        await deduplicator.AddAsync(Make("Maria", "Rossi", email: "info@fourthcoffee.example", company: "Fourth Coffee", minutes: 20));
        await deduplicator.AddAsync(Make("Maria", "Rossi", email: "INFO@fourthcoffee.example", company: "Fourth Coffee", minutes: 21));
        await deduplicator.AddAsync(Make("William", "Turner", email: "wturner@litware.example", company: "Litware, Inc.", country: "US", minutes: 30));
        await deduplicator.AddAsync(Make("Bill", "Turner", email: "bill.turner@gmail.com", company: "LITWARE", country: "USA", minutes: 31));

        var queue = await deduplicator.GetReviewQueueAsync();

        Assert.Equal(3, queue.Count);
        Assert.True(queue[0].DoNotContact);
        Assert.Equal("Garcia", queue[0].First.Customer.LastName);
        Assert.All(queue.Skip(1), item => Assert.False(item.DoNotContact));
        Assert.True(queue[1].Pair.Score >= queue[2].Pair.Score);
        Assert.True(queue[0].Pair.Score < queue[1].Pair.Score, "the do-not-contact pair comes first although it scores lower");
        Assert.All(queue, item => Assert.NotNull(item.Pair.Explanation));
    }

    [Fact]
    public async Task AddAsync_AsksTheStoreForKeptApartPairs_OnlyWhenALeadJoinsOneProfileAndTouchesAnother()
    {
        var store = new LookupCountingStore();
        using var deduplicator = new LeadDeduplicator(null, store);

        await deduplicator.AddAsync(JoByEmail);     // new profile
        await deduplicator.AddAsync(JoByPhone);     // new profile
        await deduplicator.AddAsync(Ana);           // new profile
        await deduplicator.AddAsync(JoAgain with { Customer = JoByEmail.Customer }); // joins one profile, touches no other
        await deduplicator.AddAsync(Luis);          // a new profile, a possible duplicate of Ana's: nothing to join
        Assert.Equal(0, store.KeptApartLookups);

        await deduplicator.AddAsync(JoByBoth);      // joins Jo's e-mail profile and matches the phone profile too

        Assert.Equal(1, store.KeptApartLookups);
    }

    [Fact]
    public async Task Deduplicate_Batch_TakesNoReviewDecisions()
    {
        using var deduplicator = new LeadDeduplicator();
        var byEmail = (await deduplicator.AddAsync(JoByEmail)).Profile.Id;
        var byPhone = (await deduplicator.AddAsync(JoByPhone)).Profile.Id;
        await deduplicator.RejectAsync(byEmail, byPhone);

        var batch = deduplicator.Deduplicate([JoByEmail, JoByPhone, JoByBoth]);

        Assert.Single(batch.Profiles);
    }

    [Fact]
    public async Task DocsSample_Explanations()
    {
        using var deduplicator = new LeadDeduplicator();
        await deduplicator.AddAsync(JoByEmail);
        var lead = JoAgain with { Customer = JoByEmail.Customer };
        await deduplicator.AddAsync(lead);
        var output = new System.IO.StringWriter();
        var console = Console.Out;
        Console.SetOut(output);
        try
        {
            // docs/deduplication.md, "Explanations"
            if (await deduplicator.ExplainAsync(lead.Id) is { } record)    // null when the store never saw the lead
            {
                Console.WriteLine($"{record.Outcome} {record.DecidedProfile} -> {record.CurrentProfile}: {record.Reason}");
                Console.WriteLine(record.Explanation?.ToWaterfall());
            }
            // end of sample
        }
        finally
        {
            Console.SetOut(console);
        }

        var text = output.ToString().Replace(JoByEmail.Id.ToString(), JoByEmail.Id.ToString()[..4] + "…", StringComparison.Ordinal);
        Assert.StartsWith("JoinedProfile ", text, StringComparison.Ordinal);
        Assert.Contains("\nEmail ", text, StringComparison.Ordinal);
        Assert.Contains("SamePerson: weight ", text, StringComparison.Ordinal);
        Console.Error.WriteLine(text);
    }

    [Fact]
    public async Task DocsSample_ReviewAndExplain()
    {
        var leads = new[] { Ana, Luis };
        DeduplicationOptions? options = null;
        ILeadDeduplicationStore? store = null;
        var timeProvider = new FakeTimeProvider(Now);

        // docs/deduplication.md, "Review: accept, reject, split"
        var deduplicator = new LeadDeduplicator(options, store, timeProvider);   // the clock dates each decision
        foreach (var lead in leads)
        {
            await deduplicator.AddAsync(lead);
        }

        foreach (var item in await deduplicator.GetReviewQueueAsync())    // do-not-contact pairs first, then by score
        {
            Console.WriteLine($"{item.First.Id} ~ {item.Second.Id}  {item.Pair.Score:0.00}  {item.Pair.Reason}");
            Console.WriteLine(item.Pair.Explanation?.ToWaterfall());
            await deduplicator.RejectAsync(item.First.Id, item.Second.Id, reviewer: "ana@partner.example", comment: "household");
        }

        var record = await deduplicator.ExplainAsync(leads[1].Id);
        Console.WriteLine($"{record!.Outcome} {record.DecidedProfile} -> {record.CurrentProfile}: {record.Reason}");
        foreach (var review in record.Reviews)
        {
            Console.WriteLine($"{review.ReviewedAt:u} {review.Kind} {review.First} {review.Second} by {review.Reviewer}");
        }
        // end of sample

        deduplicator.Dispose();
        Assert.Equal(ReviewKind.Reject, Assert.Single(record.Reviews).Kind);
        Assert.Equal("ana@partner.example", record.Reviews[0].Reviewer);
    }

    /// <summary>The in-memory store, counting the kept-apart lookups.</summary>
    private sealed class LookupCountingStore : ILeadDeduplicationStore
    {
        private readonly InMemoryLeadDeduplicationStore _inner = new();

        public int KeptApartLookups { get; private set; }

        public ValueTask<IReadOnlyList<KeptApartPair>> FindKeptApartAsync(IReadOnlyList<CustomerProfileId> profiles, System.Threading.CancellationToken cancellationToken = default)
        {
            KeptApartLookups++;
            return _inner.FindKeptApartAsync(profiles, cancellationToken);
        }

        public ValueTask<CustomerProfile?> FindProfileByLeadAsync(LeadId leadId, System.Threading.CancellationToken cancellationToken = default) => _inner.FindProfileByLeadAsync(leadId, cancellationToken);

        public ValueTask<CustomerProfile?> FindProfileAsync(CustomerProfileId profileId, System.Threading.CancellationToken cancellationToken = default) => _inner.FindProfileAsync(profileId, cancellationToken);

        public ValueTask<DeduplicationLookup> FindCandidatesAsync(IReadOnlyList<ulong> blockingKeys, int maxProfilesPerKey, System.Threading.CancellationToken cancellationToken = default) =>
            _inner.FindCandidatesAsync(blockingKeys, maxProfilesPerKey, cancellationToken);

        public ValueTask<LeadDecisionRecord?> FindDecisionAsync(LeadId leadId, System.Threading.CancellationToken cancellationToken = default) => _inner.FindDecisionAsync(leadId, cancellationToken);

        public ValueTask SaveAsync(DeduplicationStoreUpdate update, System.Threading.CancellationToken cancellationToken = default) => _inner.SaveAsync(update, cancellationToken);

        public ValueTask<long> SaveReviewAsync(DeduplicationReviewUpdate update, System.Threading.CancellationToken cancellationToken = default) => _inner.SaveReviewAsync(update, cancellationToken);

        public IAsyncEnumerable<CustomerProfile> GetProfilesAsync(System.Threading.CancellationToken cancellationToken = default) => _inner.GetProfilesAsync(cancellationToken);

        public IAsyncEnumerable<PossibleDuplicate> GetPossibleDuplicatesAsync(System.Threading.CancellationToken cancellationToken = default) => _inner.GetPossibleDuplicatesAsync(cancellationToken);

        public IAsyncEnumerable<KeptApartPair> GetKeptApartAsync(System.Threading.CancellationToken cancellationToken = default) => _inner.GetKeptApartAsync(cancellationToken);

        public IAsyncEnumerable<ReviewAction> ReadReviewLogAsync(long afterSequence, System.Threading.CancellationToken cancellationToken = default) => _inner.ReadReviewLogAsync(afterSequence, cancellationToken);
    }
}
