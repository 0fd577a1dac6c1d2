using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using MarketplaceLeads.Deduplication;
using static MarketplaceLeads.Testing.ReviewScenarioLeads;

namespace MarketplaceLeads.Testing;

/// <summary>
/// What every <see cref="ILeadDeduplicationStore"/> (the identity store) must do, run against each store by a derived class
/// (in-memory, SQLite, PostgreSQL) so that they cannot drift. The store is driven through a <see cref="LeadDeduplicator"/> (as
/// the pipeline drives it) and, for the filing rules, directly; its state is compared with an in-memory reference that
/// received the same operations, also after a reopen.
/// </summary>
public abstract class LeadDeduplicationStoreConformance : StoreConformance<ILeadDeduplicationStore>
{
    private static readonly DateTimeOffset Now = new(2026, 4, 1, 12, 0, 0, TimeSpan.Zero);

    private static readonly Lead[] ReviewLeads = [JoByEmail, JoByPhone, JoByBoth, Ana, Luis, Rossi, RossiAgain, William, Bill];

    /// <summary>Gets the survivorship rules the store restores profiles with (the defaults unless a derived class says otherwise).</summary>
    protected static SurvivorshipRules Rules { get; } = new DeduplicationOptions().Survivorship;

    [Fact]
    public async Task AddedLeads_AreDecidedAsInMemory_AndTheStateSurvivesAReopen()
    {
        var leads = TestLeads.Mixed().Concat(ReviewLeads).ToArray();
        using var reference = new LeadDeduplicator(null, null, new FixedClock(Now));
        using (var deduplicator = Deduplicator())
        {
            foreach (var lead in leads)
            {
                var expected = await reference.AddAsync(lead);
                var actual = await deduplicator.AddAsync(lead);
                Assert.Equal((expected.Outcome, expected.Profile.Id), (actual.Outcome, actual.Profile.Id));
                Assert.Equal(expected.MergedProfiles, actual.MergedProfiles);
                Assert.Equal(expected.PossibleDuplicates, actual.PossibleDuplicates);
                Assert.Equal(expected.Profile.Leads.Select(l => l.Id), actual.Profile.Leads.Select(l => l.Id));
            }
        }

        await AssertSameStateAsync(reference.Store, leads);
        await ReopenAsync();
        await AssertSameStateAsync(reference.Store, leads);
    }

    [Fact]
    public async Task Redelivery_ChangesNothing_AlsoAfterAReopen()
    {
        using (var deduplicator = Deduplicator())
        {
            await deduplicator.AddAsync(JoByEmail);
            await deduplicator.AddAsync(JoByBoth);
            var again = await deduplicator.AddAsync(JoByBoth);
            Assert.Equal(DeduplicationOutcome.Redelivery, again.Outcome);
            Assert.Equal(new CustomerProfileId(JoByEmail.Id), again.Profile.Id);
        }

        await ReopenAsync();
        using var reopened = Deduplicator();
        var later = await reopened.AddAsync(JoByEmail);
        Assert.Equal(DeduplicationOutcome.Redelivery, later.Outcome);
        Assert.Equal([JoByEmail.Id, JoByBoth.Id], later.Profile.Leads.Select(l => l.Id));
        var profile = Assert.Single(await Store.GetProfilesAsync().ToListAsync());
        Assert.Equal(2, profile.Leads.Count);
        Assert.Equal(DeduplicationOutcome.NewProfile, (await Store.FindDecisionAsync(JoByEmail.Id))!.Outcome);
    }

    [Fact]
    public async Task Merge_LeavesOneProfile_FoundByEachLead_AndTheMergedIdIsGone()
    {
        using (var deduplicator = Deduplicator())
        {
            await deduplicator.AddAsync(JoByEmail);
            await deduplicator.AddAsync(JoByPhone);
            var bridge = await deduplicator.AddAsync(JoByBoth);
            Assert.Equal([new CustomerProfileId(JoByPhone.Id)], bridge.MergedProfiles);
        }

        await ReopenAsync();
        var jo = new CustomerProfileId(JoByEmail.Id);
        Assert.Null(await Store.FindProfileAsync(new CustomerProfileId(JoByPhone.Id)));
        Assert.Null(await Store.FindProfileByLeadAsync(Ana.Id));
        foreach (var lead in new[] { JoByEmail, JoByPhone, JoByBoth })
        {
            var holder = await Store.FindProfileByLeadAsync(lead.Id);
            Assert.Equal(jo, holder?.Id);
            Assert.Equal([JoByEmail.Id, JoByPhone.Id, JoByBoth.Id], holder!.Leads.Select(l => l.Id));
        }

        var record = (await Store.FindDecisionAsync(JoByBoth.Id))!;
        Assert.Equal((DeduplicationOutcome.JoinedProfile, jo, jo), (record.Outcome, record.DecidedProfile, record.CurrentProfile));
        Assert.Equal([new CustomerProfileId(JoByPhone.Id)], record.MergedProfiles);
        Assert.NotNull(record.Explanation);
        Assert.Equal(record.Explanation.ToString(), record.Reason);
        var phone = (await Store.FindDecisionAsync(JoByPhone.Id))!;
        Assert.Equal((DeduplicationOutcome.NewProfile, new CustomerProfileId(JoByPhone.Id), jo, (string?)null), (phone.Outcome, phone.DecidedProfile, phone.CurrentProfile, phone.Reason));
        Assert.Null(await Store.FindDecisionAsync(Ana.Id));
    }

    [Fact]
    public async Task Reviews_AcceptRejectSplit_AreLoggedInOrder_KeptApart_AndSurviveAReopen()
    {
        using var reference = new LeadDeduplicator(null, null, new FixedClock(Now));
        using (var deduplicator = Deduplicator())
        {
            foreach (var lead in ReviewLeads)
            {
                await reference.AddAsync(lead);
                await deduplicator.AddAsync(lead);
            }

            Assert.Equal(3, (await deduplicator.GetReviewQueueAsync()).Count);
            var jo = new CustomerProfileId(JoByEmail.Id);
            var (ana, luis) = (new CustomerProfileId(Ana.Id), new CustomerProfileId(Luis.Id));
            var (rossi, rossiAgain) = (new CustomerProfileId(Rossi.Id), new CustomerProfileId(RossiAgain.Id));
            foreach (var one in new[] { reference, deduplicator })
            {
                var split = await one.SplitAsync(jo, [JoByPhone.Id], "reviewer@partner", "a colleague's desk phone");
                var reject = await one.RejectAsync(luis, ana, "reviewer@partner");
                var accept = await one.AcceptAsync(rossiAgain, rossi, null, "same person");
                Assert.Equal([1L, 2L, 3L], [split.Action.Sequence, reject.Action.Sequence, accept.Action.Sequence]);
                Assert.Equal((ReviewKind.Split, jo, new CustomerProfileId(JoByPhone.Id)), (split.Action.Kind, split.Action.First, split.Action.Second));
                Assert.Equal((ReviewKind.Reject, KeptApartPair.Of(ana, luis)), (reject.Action.Kind, new KeptApartPair(reject.Action.First, reject.Action.Second)));
                Assert.Equal((ReviewKind.Accept, rossi, rossiAgain), (accept.Action.Kind, accept.Action.First, accept.Action.Second));
            }
        }

        await ReopenAsync();
        await AssertSameStateAsync(reference.Store, ReviewLeads);
        Assert.Equal(
            [KeptApartPair.Of(new CustomerProfileId(JoByEmail.Id), new CustomerProfileId(JoByPhone.Id)), KeptApartPair.Of(new CustomerProfileId(Ana.Id), new CustomerProfileId(Luis.Id))],
            (await Store.FindKeptApartAsync([new CustomerProfileId(Luis.Id), new CustomerProfileId(JoByPhone.Id), new CustomerProfileId(Ana.Id), new CustomerProfileId(JoByEmail.Id), new CustomerProfileId(Rossi.Id)]))
                .OrderBy(p => p.First).ToList());
        Assert.Empty(await Store.FindKeptApartAsync([new CustomerProfileId(Ana.Id), new CustomerProfileId(JoByEmail.Id)]));
        Assert.Equal([ReviewKind.Reject, ReviewKind.Accept], await Store.ReadReviewLogAsync(1).Select(r => r.Kind).ToListAsync());
        Assert.Equal([2L, 3L], await Store.ReadReviewLogAsync(1).Select(r => r.Sequence).ToListAsync());
        Assert.Empty(await Store.ReadReviewLogAsync(3).ToListAsync());
        var rossiRecord = (await Store.FindDecisionAsync(Rossi.Id))!;
        Assert.Equal((new CustomerProfileId(Rossi.Id), ReviewKind.Accept, "same person"), (rossiRecord.CurrentProfile, Assert.Single(rossiRecord.Reviews).Kind, rossiRecord.Reviews[0].Comment));
        Assert.True((await Store.FindProfileAsync(new CustomerProfileId(Rossi.Id)))!.DoNotContact);
        Assert.Null(await Store.FindProfileAsync(new CustomerProfileId(RossiAgain.Id)));

        // After the reopen: a lead like both of a rejected pair joins one of them and never merges the two; the next review is number 4.
        using var after = Deduplicator();
        var luisAgain = TestLeads.Make("Luis", "Garcia", "luis.garcia@gmail.com", "+1 415 555 0134", action: "Create", minutes: 40, country: "US");
        var expected = await reference.AddAsync(luisAgain);
        var decided = await after.AddAsync(luisAgain);
        Assert.Equal((expected.Outcome, expected.Profile.Id, expected.MergedProfiles.Count), (decided.Outcome, decided.Profile.Id, decided.MergedProfiles.Count));
        Assert.Empty(decided.MergedProfiles);
        var bills = (await after.GetReviewQueueAsync()).Single(item => item.First.Customer.LastName == "Turner");
        Assert.Equal(4, (await after.RejectAsync(bills.First.Id, bills.Second.Id)).Action.Sequence);
    }

    [Fact]
    public async Task FindCandidates_GivesEachFiledLeadWithItsProfile_InFilingOrder_OneLeadPerProfilePerKey()
    {
        var (a1, a2, b1) = (TestLeads.Person(1, minutes: 1), TestLeads.Person(1, action: "Create", minutes: 2), TestLeads.Person(2, minutes: 3));
        var a = new CustomerProfileId(a1.Id);
        await SaveAsync(a1, [10, 11], Profile(a1));
        await SaveAsync(b1, [11, 12], Profile(b1));
        await SaveAsync(a2, [10, 11, 12, 13], Profile(a1, a2));

        await ReopenAsync();
        var found = await Store.FindCandidatesAsync([10, 11, 12, 13, 14], 10);

        Assert.Equal([1, 2, 2, 1, 0], found.FiledPerKey);
        Assert.Equal([(a1.Id, a), (b1.Id, new CustomerProfileId(b1.Id)), (a2.Id, a)], found.Candidates.Select(c => (c.Lead.Id, c.Profile.Id)).Distinct());
        Assert.All(found.Candidates.Where(c => c.Profile.Id == a), c => Assert.Equal([a1.Id, a2.Id], c.Profile.Leads.Select(l => l.Id)));
        Assert.All(found.Candidates, c => Assert.Equal(c.Lead.Customer, c.Subject.Customer));
        var under11 = await Store.FindCandidatesAsync([11], 10);
        Assert.Equal([a1.Id, b1.Id], under11.Candidates.Select(c => c.Lead.Id)); // in filing order; a2 not filed again under a key of its profile
    }

    [Fact]
    public async Task FindCandidates_OfAKeyFiledByMoreProfilesThanTheLimit_GivesNone_AndCountsTheLimitPlusOne()
    {
        var people = TestLeads.People(4, spaced: true);
        foreach (var person in people)
        {
            await SaveAsync(person, [7, 100 + (ulong)person.ReceivedAt.Minute], Profile(person));
        }

        var found = await Store.FindCandidatesAsync([7, 101], 3);

        Assert.Equal([4, 1], found.FiledPerKey);
        Assert.Equal([people[1].Id], found.Candidates.Select(c => c.Lead.Id));
        var all = await Store.FindCandidatesAsync([7], 4);
        Assert.Equal([4], all.FiledPerKey);
        Assert.Equal(people.Select(p => p.Id), all.Candidates.Select(c => c.Lead.Id));
    }

    [Fact]
    public async Task Merge_MovesLeadsKeysPossiblesAndKeptApartPairs_ToTheProfileThatRemains()
    {
        var (a, b, c, d) = (TestLeads.Person(1, minutes: 1), TestLeads.Person(2, minutes: 2), TestLeads.Person(3, minutes: 3), TestLeads.Person(4, minutes: 4));
        var (pa, pb, pc, pd) = (Id(a), Id(b), Id(c), Id(d));
        await SaveAsync(a, [1], Profile(a));
        await SaveAsync(b, [2], Profile(b), possibles: [new PossibleDuplicate(pa, pb, 0.5, "a-b", b.Id)]);
        await SaveAsync(c, [3], Profile(c), possibles: [new PossibleDuplicate(pb, pc, 0.6, "b-c", c.Id)]);
        await SaveAsync(d, [4], Profile(d), possibles: [new PossibleDuplicate(pa, pd, 0.4, "a-d", d.Id), new PossibleDuplicate(pb, pd, 0.3, "b-d", d.Id)]);
        var bd = KeptApartPair.Of(pb, pd);
        Assert.Equal(1, await Store.SaveReviewAsync(new DeduplicationReviewUpdate(new ReviewAction(ReviewKind.Reject, bd.First, bd.Second, [], Now), [Profile(b), Profile(d)], new Dictionary<LeadId, IReadOnlyList<ulong>>())));
        Assert.DoesNotContain(await Store.GetPossibleDuplicatesAsync().ToListAsync(), p => KeptApartPair.Of(p.First, p.Second) == KeptApartPair.Of(pb, pd));

        // A lead e that shows a and b are one person: b is merged into a; c's pair with b moves to a (the higher score kept),
        // the pair kept apart moves to a, and a's possible duplicate with d, now kept apart, is dropped.
        var e = TestLeads.Person(5, minutes: 5);
        await SaveAsync(e, [1, 2, 5], Profile(a, b, e), merged: [pb], possibles: [new PossibleDuplicate(pa, pc, 0.55, "a-c", e.Id)], outcome: DeduplicationOutcome.JoinedProfile, reason: "custom rule");

        await ReopenAsync();
        Assert.Null(await Store.FindProfileAsync(pb));
        Assert.Equal(pa, (await Store.FindProfileByLeadAsync(b.Id))?.Id);
        Assert.Equal([a.Id, b.Id, e.Id], (await Store.FindProfileAsync(pa))!.Leads.Select(l => l.Id));
        var possibles = await Store.GetPossibleDuplicatesAsync().OrderBy(p => p.First).ThenBy(p => p.Second).ToListAsync();
        var pair = Assert.Single(possibles);
        Assert.Equal((KeptApartPair.Of(pa, pc), 0.6, "b-c", c.Id), (new KeptApartPair(pair.First, pair.Second), pair.Score, pair.Reason, pair.RaisedBy));
        Assert.Equal([KeptApartPair.Of(pa, pd)], await Store.GetKeptApartAsync().ToListAsync());
        Assert.Equal([KeptApartPair.Of(pa, pd)], await Store.FindKeptApartAsync([pd, pa, pc]));
        var under2 = await Store.FindCandidatesAsync([2, 5], 10);
        Assert.Equal([1, 1], under2.FiledPerKey);
        Assert.All(under2.Candidates, candidate => Assert.Equal(pa, candidate.Profile.Id));
        var record = (await Store.FindDecisionAsync(e.Id))!;
        Assert.Equal((DeduplicationOutcome.JoinedProfile, pa, "custom rule", (MatchExplanation?)null), (record.Outcome, record.DecidedProfile, record.Reason, record.Explanation));
        Assert.Equal([pb], record.MergedProfiles);
        Assert.Equal(pa, (await Store.FindDecisionAsync(b.Id))!.CurrentProfile);
        Assert.Equal(pb, (await Store.FindDecisionAsync(b.Id))!.DecidedProfile);
    }

    [Fact]
    public async Task TestLead_IsKeptAsATestLead_UnderNoKey()
    {
        var test = TestLeads.Make("MSFT_TEST_636573304831318844", "MSFT_TEST_636573304831318844", "MSFT_TEST_636573304831318844@test.example", minutes: 60);
        using (var deduplicator = Deduplicator())
        {
            Assert.Equal(DeduplicationOutcome.TestLead, (await deduplicator.AddAsync(test)).Outcome);
        }

        await ReopenAsync();
        var record = (await Store.FindDecisionAsync(test.Id))!;
        Assert.Equal((DeduplicationOutcome.TestLead, Id(test), Id(test), (string?)null), (record.Outcome, record.DecidedProfile, record.CurrentProfile, record.Reason));
        Assert.True((await Store.FindProfileByLeadAsync(test.Id))!.IsTest);
        using var again = Deduplicator();
        Assert.Equal(DeduplicationOutcome.Redelivery, (await again.AddAsync(test)).Outcome);
    }

    [Fact]
    public async Task Enumerations_RunAlongsideAdds_AndSeeWholeProfiles()
    {
        using var deduplicator = Deduplicator();
        var adding = Task.Run(async () =>
        {
            for (var i = 0; i < 30; i++)
            {
                await deduplicator.AddAsync(TestLeads.Person(i, minutes: i));
                await deduplicator.AddAsync(TestLeads.Person(i, action: "Create", minutes: 1000));
            }
        });
        while (!adding.IsCompleted)
        {
            await foreach (var profile in Store.GetProfilesAsync())
            {
                Assert.NotEmpty(profile.Leads);
                Assert.Equal(profile.Id, new CustomerProfileId(profile.Leads[0].Id));
            }

            await Store.GetPossibleDuplicatesAsync().ToListAsync();
        }

        await adding;
        Assert.Equal(30, await Store.GetProfilesAsync().CountAsync());
        Assert.All(await Store.GetProfilesAsync().ToListAsync(), p => Assert.Equal(2, p.Leads.Count));
    }

    /// <summary>A de-duplicator on the store under test, its review decisions dated <see cref="Now"/>.</summary>
    [Fact]
    public async Task LeadsFiledUnderAnotherKeyScheme_AreFiledAgainByTheDeduplicator_SoNewLeadsMeetThem()
    {
        if (Store is not IRefilingLeadDeduplicationStore)
        {
            return; // a store that keeps nothing from one version to the next (in memory) has nothing to file again
        }

        string? today;
        using (var deduplicator = Deduplicator())
        {
            await deduplicator.AddAsync(JoByBoth);
            today = await ((IRefilingLeadDeduplicationStore)Store).GetKeySchemeAsync();
        }

        Assert.NotNull(today); // recorded before the first decision

        // As an earlier version that derived no keys left it: the stored lead is met by nothing.
        Assert.Equal(1, await ((IRefilingLeadDeduplicationStore)Store).RefileAsync("keys-none", _ => []));
        Assert.Equal("keys-none", await ((IRefilingLeadDeduplicationStore)Store).GetKeySchemeAsync());
        await ReopenAsync();

        using var later = Deduplicator();
        var decision = await later.AddAsync(JoByEmail);

        Assert.Equal((DeduplicationOutcome.JoinedProfile, new CustomerProfileId(JoByBoth.Id)), (decision.Outcome, decision.Profile.Id));
        Assert.Equal(today, await ((IRefilingLeadDeduplicationStore)Store).GetKeySchemeAsync());
    }

    protected LeadDeduplicator Deduplicator() => new(null, Store, new FixedClock(Now));

    /// <summary>Asserts that the store under test holds what the reference holds: profiles, possible duplicates, pairs kept apart, the review log and every lead's decision.</summary>
    private async Task AssertSameStateAsync(ILeadDeduplicationStore reference, IEnumerable<Lead> leads)
    {
        static async Task<List<(CustomerProfileId, string, CustomerInfo, bool, bool)>> ProfilesOf(ILeadDeduplicationStore store) =>
            [.. (await store.GetProfilesAsync().ToListAsync()).Select(p => (p.Id, string.Join(' ', p.Leads.Select(l => l.Id)), p.Customer, p.DoNotContact, p.IsTest)).OrderBy(p => p.Id)];
        static async Task<List<PossibleDuplicate>> PossiblesOf(ILeadDeduplicationStore store) =>
            [.. (await store.GetPossibleDuplicatesAsync().ToListAsync()).OrderBy(p => p.First).ThenBy(p => p.Second)];
        static async Task<List<string>> LogOf(ILeadDeduplicationStore store) =>
            [.. (await store.ReadReviewLogAsync(0).ToListAsync()).Select(r => $"{r.Sequence} {r.Kind} {r.First} {r.Second} {string.Join(',', r.Leads)} {r.ReviewedAt:O} {r.Reviewer} {r.Comment}")];

        Assert.Equal(await ProfilesOf(reference), await ProfilesOf(Store));
        var expected = await PossiblesOf(reference);
        var actual = await PossiblesOf(Store);
        Assert.Equal(expected.Select(p => (p.First, p.Second, p.Score, p.Reason, p.RaisedBy, p.Explanation?.ToString())), actual.Select(p => (p.First, p.Second, p.Score, p.Reason, p.RaisedBy, p.Explanation?.ToString())));
        Assert.Equal(await reference.GetKeptApartAsync().OrderBy(p => p.First).ThenBy(p => p.Second).ToListAsync(), await Store.GetKeptApartAsync().OrderBy(p => p.First).ThenBy(p => p.Second).ToListAsync());
        Assert.Equal(await LogOf(reference), await LogOf(Store));
        foreach (var lead in leads)
        {
            var want = (await reference.FindDecisionAsync(lead.Id))!;
            var got = await Store.FindDecisionAsync(lead.Id);
            Assert.NotNull(got);
            Assert.Equal((want.Outcome, want.DecidedProfile, want.CurrentProfile, want.Reason), (got.Outcome, got.DecidedProfile, got.CurrentProfile, got.Reason));
            Assert.Equal(want.Explanation?.ToString(), got.Explanation?.ToString());
            Assert.Equal(want.MergedProfiles, got.MergedProfiles);
            Assert.Equal(want.Reviews.Select(r => r.Sequence), got.Reviews.Select(r => r.Sequence));
        }
    }

    private static CustomerProfileId Id(Lead lead) => new(lead.Id);

    private static CustomerProfile Profile(params Lead[] leads) => CustomerProfile.Restore(Id(leads[0]), leads, leads[0].Customer, Rules);

    private Task SaveAsync(
        Lead lead,
        ulong[] keys,
        CustomerProfile profile,
        CustomerProfileId[]? merged = null,
        PossibleDuplicate[]? possibles = null,
        DeduplicationOutcome? outcome = null,
        string? reason = null) =>
        Store.SaveAsync(new DeduplicationStoreUpdate(
            lead,
            LeadMatchSubject.Create(lead.Customer),
            keys,
            profile,
            merged ?? [],
            possibles ?? [],
            outcome ?? (profile.Id == Id(lead) ? DeduplicationOutcome.NewProfile : DeduplicationOutcome.JoinedProfile),
            reason ?? (profile.Id == Id(lead) ? null : "custom rule"),
            null)).AsTask();

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
