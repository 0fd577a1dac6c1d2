using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using MarketplaceLeads.Deduplication;
using MarketplaceLeads.Delivery;
using MarketplaceLeads.FollowUp;
using MarketplaceLeads.Lifecycle;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace MarketplaceLeads.Tests.Lifecycle;

/// <summary>Erasure and retention on the in-memory stores, through <see cref="ILeadErasure"/> and the stores' public read APIs.</summary>
public sealed class LeadErasureTests
{
    [Fact]
    public async Task ErasingByEmail_RemovesTheCustomerFromEveryInMemoryStore_TellsCustomSinks_AndKeepsATombstone()
    {
        var memory = new InMemoryLeadSink();
        var told = new ErasureLeads.Recorder();
        await using var harness = PipelineHarness.Create(b => b.AddSink(memory, "memory").AddSink(told, "custom").UseFollowUp());
        await ErasureLeads.SubmitAsync(harness.Processor, memory);
        var store = ((LeadDeduplicator)harness.Provider.GetRequiredService<ILeadDeduplicator>()).Store;
        var followUp = harness.Provider.GetRequiredService<IFollowUpStore>();
        var profiles = await store.GetProfilesAsync().ToListAsync();
        var alicia = profiles.Single(p => p.Emails.Contains(ErasureLeads.Email));
        await followUp.RecordAsync(ErasureLeads.Touch(alicia, "Alicia Zwanziger"));
        await followUp.RecordAsync(ErasureLeads.Touch(profiles.Single(p => p != alicia), "Bartholomew"));
        await followUp.AddAlertAsync(new FollowUpAlertRecord { LeadId = alicia.Leads[0].Id, Kind = FollowUpAlertKind.Warning, DueAt = TestLeads.Start, RaisedAt = TestLeads.Start, State = FollowUpAlertState.Pending });

        var receipt = await harness.Provider.GetRequiredService<ILeadErasure>().EraseCustomerAsync(ErasureLeads.Email.ToUpperInvariant());

        Assert.Equal([alicia.Id], receipt.ProfileIds);
        Assert.Equal(alicia.Leads.Select(l => l.Id).Order(), receipt.LeadIds);
        Assert.Equal(2, receipt.Counts["deliveries"]);
        Assert.Equal(2, receipt.Counts["leads"]);
        Assert.Equal(1, receipt.Counts["profiles"]);
        Assert.Equal(1, receipt.Counts["dead letters"]);
        Assert.Equal(1, receipt.Counts["follow-up touches"]);
        Assert.Equal(1, receipt.Counts["follow-up alerts"]);
        Assert.Equal(receipt.ErasureId, Assert.Single(told.Requests).ErasureId);
        Assert.DoesNotContain(ErasureLeads.Email, receipt.ToString(), StringComparison.OrdinalIgnoreCase);

        var texts = new List<string>();
        texts.AddRange(memory.GetDeliveries().Select(d => LeadJsonLines.Serialize(d.Lead)));
        texts.AddRange((await store.GetProfilesAsync().ToListAsync()).SelectMany(p => p.Leads.Select(LeadJsonLines.Serialize)));
        texts.AddRange((await harness.Journal.ReadDeadLettersAsync(CancellationToken.None).ToListAsync()).Select(d => d.RawPayload ?? d.ToString()));
        texts.AddRange((await harness.Journal.ReadPendingAsync(CancellationToken.None).ToListAsync()).Select(p => LeadJsonLines.Serialize(p.Lead)));
        texts.AddRange((await followUp.ReadLogAsync()).Touches.Select(t => t.Note ?? string.Empty));
        ErasureLeads.AssertErased(texts);
        Assert.Empty(await followUp.ReadAlertsAsync());
        Assert.Null(await store.FindProfileByLeadAsync(alicia.Leads[0].Id));
        Assert.Null(await harness.Provider.GetRequiredService<ILeadReview>().ExplainAsync(alicia.Leads[0].Id));
        Assert.Equal(LeadSubmitStatus.AlreadyAccepted, (await harness.Processor.SubmitAsync(ErasureLeads.Alicia(0))).Status); // the tombstone
        Assert.Equal(0, (await harness.Provider.GetRequiredService<ILeadErasure>().EraseCustomerAsync(alicia.Id)).Total);
    }

    [Fact]
    public async Task ANewLeadFromAnErasedCustomer_IsAcceptedAsANewProfile()
    {
        var memory = new InMemoryLeadSink();
        await using var harness = PipelineHarness.Create(b => b.AddSink(memory, "memory"));
        await ErasureLeads.SubmitAsync(harness.Processor, memory);
        await harness.Provider.GetRequiredService<ILeadErasure>().EraseCustomerAsync(ErasureLeads.Email);

        var again = await harness.Processor.SubmitAsync(ErasureLeads.Alicia(24 * 60 * 3, "Create"));

        Assert.Equal(LeadSubmitStatus.Accepted, again.Status);
        await memory.WaitForCountAsync(2);
        Assert.Equal(DeduplicationOutcome.NewProfile, memory.GetDeliveries()[^1].Outcome);
    }

    [Fact]
    public async Task Retention_DropsPendingRawPayloadsAndDeadLettersOlderThanTheOptions()
    {
        var time = new FakeTimeProvider(TestLeads.Start);
        await using var harness = PipelineHarness.Create(
            b => b.AddSink(new InMemoryLeadSink(), "memory"),
            o =>
            {
                o.RawPayloadRetention = TimeSpan.FromDays(30);
                o.DeadLetterRetention = TimeSpan.FromDays(60);
            },
            s => s.AddSingleton<TimeProvider>(time));
        var old = ErasureLeads.Alicia(0);
        var recent = ErasureLeads.Other();
        var journal = harness.Journal;
        await journal.TryAcceptAsync(old, time.GetUtcNow(), ["memory"], CancellationToken.None); // the pipeline is not started: both stay pending
        await journal.AddDeadLettersAsync([new LeadDeadLetter { Kind = LeadDeadLetterKind.Rejected, Reason = "not a lead", OccurredAt = time.GetUtcNow(), RawPayload = "{old" }], CancellationToken.None);
        time.Advance(TimeSpan.FromDays(40));
        await journal.TryAcceptAsync(recent, time.GetUtcNow(), ["memory"], CancellationToken.None);
        var erasure = harness.Provider.GetRequiredService<ILeadErasure>();

        var first = await erasure.ApplyRetentionAsync();
        time.Advance(TimeSpan.FromDays(21));
        var second = await erasure.ApplyRetentionAsync();

        Assert.Equal((1, 0), (first.RawPayloadsDropped, first.DeadLettersDropped));
        Assert.Equal(TestLeads.Start.AddDays(10), first.RawPayloadsBefore);
        Assert.Equal((0, 1), (second.RawPayloadsDropped, second.DeadLettersDropped));
        var pending = await journal.ReadPendingAsync(CancellationToken.None).ToListAsync();
        Assert.Null(pending.Single(p => p.Lead.Id == old.Id).Lead.RawPayload);
        Assert.Equal(ErasureLeads.Email, pending.Single(p => p.Lead.Id == old.Id).Lead.Customer.Email);
        Assert.NotNull(pending.Single(p => p.Lead.Id == recent.Id).Lead.RawPayload);
        Assert.Empty(await journal.ReadDeadLettersAsync(CancellationToken.None).ToListAsync());
    }

    [Fact]
    public async Task TheDocsExample_RunsAndIsThePagesCode()
    {
        var memory = new InMemoryLeadSink();
        await using var harness = PipelineHarness.Create(b => b.AddSink(memory, "memory"));
        await ErasureLeads.SubmitAsync(harness.Processor, memory);
        var provider = harness.Provider;
        var profileId = memory.GetDeliveries().Single(d => d.Lead.Customer.Email == ErasureLeads.OtherEmail).Profile.Id;

        // DOCS:erase
        var erasure = provider.GetRequiredService<ILeadErasure>();
        ErasureReceipt receipt = await erasure.EraseCustomerAsync("ana@contoso.example"); // every profile holding the address
        ErasureReceipt byId = await erasure.EraseCustomerAsync(profileId); // one profile
        Console.WriteLine($"erasure {receipt.ErasureId}: {receipt.FormatCounts()}"); // ids and counts only
        // DOCS:end

        Assert.Empty(receipt.ProfileIds);
        Assert.Equal([profileId], byId.ProfileIds);
        Assert.Equal(1, byId.Counts["deliveries"]);
        Assert.True(DocRegions.PageShows("docs/data-lifecycle.md", "tests/MarketplaceLeads.Tests/Lifecycle/LeadErasureTests.cs", "erase"));
    }

    [Fact]
    public async Task Erasing_AnEmptyAddress_FailsNamingTheArgument()
    {
        await using var harness = PipelineHarness.Create(b => b.AddSink(new InMemoryLeadSink(), "memory"));

        var error = await Assert.ThrowsAsync<ArgumentException>(() => harness.Provider.GetRequiredService<ILeadErasure>().EraseCustomerAsync("  "));

        Assert.Equal("email", error.ParamName);
    }

    [Fact]
    public void RetentionOptions_OutOfRange_FailValidationNamingTheProperty()
    {
        var result = new MarketplaceLeadsOptionsValidator().Validate(null, new MarketplaceLeadsOptions { RawPayloadRetention = TimeSpan.FromMinutes(5) });

        Assert.True(result.Failed);
        Assert.Contains("RawPayloadRetention", result.FailureMessage, StringComparison.Ordinal);
    }
}
