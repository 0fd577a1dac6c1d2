using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using MarketplaceLeads.Delivery;

namespace MarketplaceLeads.Testing;

/// <summary>
/// What every <see cref="ILeadJournal"/> must do, run against each store by a derived class (in-memory, SQLite, PostgreSQL)
/// so that they cannot drift. Reopening closes the journal and opens it again on the same state, as a pipeline
/// restart does (the in-memory journal survives a restart in one process: it stays the same instance).
/// </summary>
public abstract class LeadJournalConformance : StoreConformance<ILeadJournal>
{
    /// <summary>Gets the journal under test.</summary>
    protected ILeadJournal Journal => Store;

    [Fact]
    public async Task Accept_IsOncePerLeadId_AlsoAfterEverySinkHasTheLead_AndAfterReopening()
    {
        var lead = TestLeads.Person(1);
        Assert.True(await Journal.TryAcceptAsync(lead, TestLeads.Start, ["crm"], CancellationToken.None));
        Assert.False(await Journal.TryAcceptAsync(lead with { ReceivedAt = TestLeads.Start.AddDays(1) }, TestLeads.Start, ["crm", "file"], CancellationToken.None));

        await Journal.MarkDeliveredAsync("crm", [lead.Id], CancellationToken.None);
        Assert.False(await Journal.TryAcceptAsync(lead, TestLeads.Start, ["crm"], CancellationToken.None));
        await ReopenAsync();
        Assert.False(await Journal.TryAcceptAsync(lead, TestLeads.Start, ["crm"], CancellationToken.None));
        Assert.Empty(await PendingAsync());
    }

    [Fact]
    public async Task DeadLetters_OfADurableJournal_ById_AreMarkedRetriedOnce_OrKeepARetrysNewReason_AcrossReopening()
    {
        if (Journal is not ILeadDeadLetterStore)
        {
            return; // the in-memory journal keeps no dead letters by id
        }

        static LeadDeadLetter Rejected(string raw) => new()
        {
            Kind = LeadDeadLetterKind.Rejected,
            Reason = "not a lead",
            OccurredAt = TestLeads.Start,
            RawPayload = raw,
            ReadError = new LeadReadError { Channel = LeadChannel.HttpsEndpoint, Reason = "not a lead", RawText = raw },
        };

        await Journal.AddDeadLettersAsync([Rejected("{one"), Rejected("{two")], CancellationToken.None);
        var store = (ILeadDeadLetterStore)Journal;
        var stored = await store.ReadStoredDeadLettersAsync().ToListAsync();
        Assert.Equal(["{one", "{two"], stored.Select(static s => s.DeadLetter.RawPayload));
        Assert.True(stored[0].Id < stored[1].Id);
        Assert.All(stored, static s => Assert.Null(s.RetriedAt));
        Assert.True(await store.MarkRetriedAsync(stored[0].Id, TestLeads.Start.AddHours(1)));
        Assert.False(await store.MarkRetriedAsync(stored[0].Id, TestLeads.Start.AddHours(2)));
        Assert.True(await store.SetReasonAsync(stored[1].Id, "still not a lead"));
        Assert.False(await store.SetReasonAsync(stored[1].Id + 1000, "no such dead letter"));
        Assert.False(await store.MarkRetriedAsync(stored[1].Id + 1000, TestLeads.Start));

        await ReopenAsync();
        var after = await ((ILeadDeadLetterStore)Journal).ReadStoredDeadLettersAsync().ToListAsync();
        Assert.Equal(TestLeads.Start.AddHours(1), after[0].RetriedAt);
        Assert.Null(after[1].RetriedAt);
        Assert.Equal("still not a lead", after[1].DeadLetter.Reason);
        Assert.Equal("{two", after[1].DeadLetter.RawPayload);
        Assert.Equal(2, (await Journal.ReadDeadLettersAsync(CancellationToken.None).ToListAsync()).Count);
    }

    [Fact]
    public async Task PendingLead_KeepsItsContent_AndStaysPendingForEachSinkUntilThatSinkHasIt()
    {
        var lead = TestLeads.Person(2);
        var acceptedAt = TestLeads.Start.AddSeconds(5);
        Assert.True(await Journal.TryAcceptAsync(lead, acceptedAt, ["crm", "file"], CancellationToken.None));
        await Journal.MarkDeliveredAsync("file", [lead.Id], CancellationToken.None);
        await ReopenAsync();

        var pending = Assert.Single(await PendingAsync());
        Assert.Equal(lead.Id, pending.Lead.Id);
        Assert.Equal(lead.RawPayload, pending.Lead.RawPayload);
        Assert.Equal(lead.Customer, pending.Lead.Customer);
        Assert.Equal(lead.ReceivedAt, pending.Lead.ReceivedAt);
        Assert.Equal(acceptedAt, pending.AcceptedAt);
        Assert.Equal(["crm"], pending.PendingSinks);

        await Journal.MarkDeliveredAsync("crm", [lead.Id], CancellationToken.None);
        Assert.Empty(await PendingAsync());
    }

    [Fact]
    public async Task Pending_IsReadInAcceptanceOrder_WithEachLeadsSinks()
    {
        var leads = TestLeads.People(25, spaced: true).Reverse().ToArray();
        foreach (var lead in leads)
        {
            await Journal.TryAcceptAsync(lead, TestLeads.Start, ["b-sink", "a-sink"], CancellationToken.None);
        }

        await Journal.MarkDeliveredAsync("a-sink", [.. leads.Take(10).Select(l => l.Id)], CancellationToken.None);
        var pending = await PendingAsync();

        Assert.Equal(leads.Select(l => l.Id), pending.Select(p => p.Lead.Id));
        Assert.All(pending.Take(10), p => Assert.Equal(["b-sink"], p.PendingSinks));
        Assert.All(pending.Skip(10), p => Assert.Equal(["a-sink", "b-sink"], p.PendingSinks.Order(StringComparer.Ordinal)));
    }

    [Fact]
    public async Task LeadForNoSink_IsAccepted_ButNeverPending()
    {
        var lead = TestLeads.Person(3);
        Assert.True(await Journal.TryAcceptAsync(lead, TestLeads.Start, [], CancellationToken.None));

        Assert.Empty(await PendingAsync());
        Assert.False(await Journal.TryAcceptAsync(lead, TestLeads.Start, ["crm"], CancellationToken.None));
        Assert.Equal(lead.ReceivedAt, await Journal.FindLeadTimeAsync(lead.Id, CancellationToken.None));
    }

    [Fact]
    public async Task FindLeadTime_IsWhenTheLeadHappened_CreatedElseReceived_AfterDeliveryAndReopening()
    {
        var received = TestLeads.Person(4) with { ReceivedAt = TestLeads.Start.AddHours(2), CreatedAt = null };
        var created = TestLeads.Person(5) with { ReceivedAt = TestLeads.Start.AddHours(2), CreatedAt = TestLeads.Start.AddHours(1) };
        await Journal.TryAcceptAsync(received, TestLeads.Start.AddHours(3), ["crm"], CancellationToken.None);
        await Journal.TryAcceptAsync(created, TestLeads.Start.AddHours(3), ["crm"], CancellationToken.None);
        await Journal.MarkDeliveredAsync("crm", [received.Id, created.Id], CancellationToken.None);
        await ReopenAsync();

        Assert.Equal(TestLeads.Start.AddHours(2), await Journal.FindLeadTimeAsync(received.Id, CancellationToken.None));
        Assert.Equal(TestLeads.Start.AddHours(1), await Journal.FindLeadTimeAsync(created.Id, CancellationToken.None));
        Assert.Null(await Journal.FindLeadTimeAsync(LeadId.FromKey("other", "x"), CancellationToken.None));
    }

    [Fact]
    public async Task DeadLetters_RoundTripInOrder_AndAFailedDeliveryEndsOnlyItsSinksPendingState()
    {
        var lead = TestLeads.Person(6);
        var failed = new LeadDeadLetter
        {
            Kind = LeadDeadLetterKind.DeliveryFailed,
            Reason = "Sink 'crm' failed 8 attempt(s)",
            OccurredAt = TestLeads.Start.AddMinutes(5),
            Lead = lead,
            RawPayload = lead.RawPayload,
            Sink = "crm",
            Attempts = 8,
            ExceptionType = "System.InvalidOperationException",
            ExceptionMessage = "down",
        };
        var rejected = new LeadDeadLetter
        {
            Kind = LeadDeadLetterKind.Rejected,
            Reason = "expected an object",
            OccurredAt = TestLeads.Start.AddMinutes(6),
            RawPayload = "[1,2",
            ReadError = new LeadReadError { Channel = LeadChannel.HttpsEndpoint, Reason = "expected an object", RecordIndex = 3, JsonPath = "$[3]", BytePosition = 40, RawText = "[1,2" },
        };
        await Journal.TryAcceptAsync(lead, TestLeads.Start, ["crm", "file"], CancellationToken.None);
        await Journal.AddDeadLettersAsync([failed, rejected], CancellationToken.None);
        await ReopenAsync();

        var letters = new List<LeadDeadLetter>();
        await foreach (var letter in Journal.ReadDeadLettersAsync(CancellationToken.None))
        {
            letters.Add(letter);
        }

        Assert.Equal(2, letters.Count);
        Assert.Equal(failed with { Lead = letters[0].Lead }, letters[0]);
        Assert.Equal((lead.Id, lead.RawPayload), (letters[0].Lead!.Id, letters[0].Lead!.RawPayload));
        Assert.Equal(rejected.ReadError, letters[1].ReadError);
        Assert.Equal(rejected, letters[1]);
        Assert.Equal(["file"], Assert.Single(await PendingAsync()).PendingSinks);
    }

    [Fact]
    public async Task ProfileChangeProgress_IsUnknownUntilSet_PerSink_AndNeverMovesBack()
    {
        Assert.Null(await Journal.GetProfileChangeProgressAsync("crm", CancellationToken.None));
        await Journal.SetProfileChangeProgressAsync("crm", 5, CancellationToken.None);
        await Journal.SetProfileChangeProgressAsync("crm", 3, CancellationToken.None);
        await Journal.SetProfileChangeProgressAsync("file", 1, CancellationToken.None);
        await ReopenAsync();

        Assert.Equal(5, await Journal.GetProfileChangeProgressAsync("crm", CancellationToken.None));
        Assert.Equal(1, await Journal.GetProfileChangeProgressAsync("file", CancellationToken.None));
        Assert.Null(await Journal.GetProfileChangeProgressAsync("other", CancellationToken.None));
    }

    [Fact]
    public async Task MarkDelivered_OfAnUnknownLeadOrSink_ChangesNothing()
    {
        var lead = TestLeads.Person(7);
        await Journal.TryAcceptAsync(lead, TestLeads.Start, ["crm"], CancellationToken.None);

        await Journal.MarkDeliveredAsync("crm", [TestLeads.Person(8).Id], CancellationToken.None);
        await Journal.MarkDeliveredAsync("unknown", [lead.Id], CancellationToken.None);
        await Journal.MarkDeliveredAsync("crm", [], CancellationToken.None);

        Assert.Equal(["crm"], Assert.Single(await PendingAsync()).PendingSinks);
    }

    [Fact]
    public async Task ConcurrentAccepts_OfOneLead_AcceptItOnce_AndOfManyLeads_AcceptEach()
    {
        var lead = TestLeads.Person(9);
        var same = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(async () => await Journal.TryAcceptAsync(lead, TestLeads.Start, ["crm"], CancellationToken.None))));
        var others = TestLeads.People(40, from: 100, spaced: true);
        var many = await Task.WhenAll(others.Select(other => Task.Run(async () => await Journal.TryAcceptAsync(other, TestLeads.Start, ["crm"], CancellationToken.None))));

        Assert.Equal(1, same.Count(accepted => accepted));
        Assert.All(many, Assert.True);
        Assert.Equal(41, (await PendingAsync()).Count);
    }

    /// <summary>Reads the journal's pending leads.</summary>
    protected async Task<List<JournaledLead>> PendingAsync()
    {
        var pending = new List<JournaledLead>();
        await foreach (var entry in Journal.ReadPendingAsync(CancellationToken.None))
        {
            pending.Add(entry);
        }

        return pending;
    }
}
