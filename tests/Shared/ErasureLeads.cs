using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using MarketplaceLeads.Deduplication;
using MarketplaceLeads.Delivery;
using MarketplaceLeads.FollowUp;
using MarketplaceLeads.Lifecycle;

namespace MarketplaceLeads.Testing;

/// <summary>
/// The erasure tests' two customers, one test for every store: Alicia (erased) sends two leads, a record that cannot be read
/// names her, and a touch's note mentions her; Bartholomew (kept) sends one lead. <see cref="AssertErased"/> searches every
/// text a store dumped for anything of Alicia's.
/// </summary>
internal static class ErasureLeads
{
    public const string Email = "alicia.zwanziger@wingtip.example";

    public const string OtherEmail = "bartholomew.quist@litware.example";

    /// <summary>Everything personal of Alicia's, as written and as normalised (searched ignoring case).</summary>
    public static readonly string[] PersonalData = ["alicia.zwanziger", "Alicia", "Zwanziger", "206 555 0142", "2065550142", "Wingtip"];

    /// <summary>Alicia's lead at a minute.</summary>
    public static Lead Alicia(int minutes, string action = "PLT") => Person("Alicia", "Zwanziger", Email, "+1 206 555 0142", "Wingtip Toys", minutes, action);

    /// <summary>Bartholomew's lead.</summary>
    public static Lead Other(int minutes = 5) => Person("Bartholomew", "Quist", OtherEmail, "+1 425 555 0199", "Litware Inc", minutes, "PLT");

    /// <summary>A record the reader rejected: only its raw text names Alicia.</summary>
    public static LeadReadError Unreadable() => new()
    {
        Channel = LeadChannel.JsonLines,
        Reason = "not a lead",
        RecordIndex = 1,
        RawText = "{\"UserDetails\":{\"FirstName\":\"Alicia\",\"Email\":\"" + Email + "\"",
    };

    /// <summary>A touch about a profile whose note names the customer.</summary>
    public static FollowUpTouch Touch(CustomerProfile profile, string name) => new()
    {
        ProfileId = profile.Id,
        Offer = profile.Offers[0].Offer,
        Stage = FunnelStage.Interest,
        At = TestLeads.Start.AddHours(1),
        Note = "called " + name,
        Leads = [.. profile.Leads.Select(l => l.Id)],
    };

    /// <summary>Asserts that no text holds anything of Alicia's, and that Bartholomew's address is still there.</summary>
    public static void AssertErased(IEnumerable<string> texts)
    {
        var all = texts.ToList();
        foreach (var text in all)
        {
            foreach (var personal in PersonalData)
            {
                Assert.False(text.Contains(personal, StringComparison.OrdinalIgnoreCase), $"'{personal}' is still stored: {text[..Math.Min(text.Length, 300)]}");
            }
        }

        Assert.Contains(all, text => text.Contains(OtherEmail, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Starts the pipeline and submits both customers' leads and the unreadable record; waits for the three leads in <paramref name="memory"/>.</summary>
    public static async Task SubmitAsync(ILeadPipeline pipeline, InMemoryLeadSink memory)
    {
        await pipeline.StartAsync();
        Assert.Equal(LeadSubmitStatus.Accepted, (await pipeline.SubmitAsync(ErasureLeads.Alicia(0))).Status);
        Assert.Equal(LeadSubmitStatus.Accepted, (await pipeline.SubmitAsync(ErasureLeads.Other())).Status);
        Assert.Equal(LeadSubmitStatus.Accepted, (await pipeline.SubmitAsync(ErasureLeads.Alicia(30, "StartTestDrive"))).Status);
        Assert.Equal(LeadSubmitStatus.Rejected, (await pipeline.SubmitAsync(new LeadReadResult(ErasureLeads.Unreadable()))).Status);
        await memory.WaitForCountAsync(3);
    }

    /// <summary>Ages a durable store for a retention test: an old lead (pending in the journal, and written by the sink) and an old dead letter; ten days later a recent lead and dead letter; then 25 days more.</summary>
    public static async Task<(Lead Old, Lead Recent)> AgeAsync(ILeadJournal journal, ILeadSink sink, TimeProvider time, Action<TimeSpan> advance)
    {
        var old = Alicia(0);
        var recent = Other();
        await journal.TryAcceptAsync(old, time.GetUtcNow(), ["crm"], CancellationToken.None);
        await journal.AddDeadLettersAsync([new LeadDeadLetter { Kind = LeadDeadLetterKind.Rejected, Reason = "not a lead", OccurredAt = time.GetUtcNow(), RawPayload = "{old" }], CancellationToken.None);
        await sink.WriteBatchAsync(await TestLeads.DeliveriesAsync(old), CancellationToken.None); // accepted now by the system clock
        advance(TimeSpan.FromDays(10));
        await journal.TryAcceptAsync(recent, time.GetUtcNow(), ["crm"], CancellationToken.None);
        await journal.AddDeadLettersAsync([new LeadDeadLetter { Kind = LeadDeadLetterKind.Rejected, Reason = "not a lead", OccurredAt = time.GetUtcNow(), RawPayload = "{recent" }], CancellationToken.None);
        advance(TimeSpan.FromDays(25));
        return (old, recent);
    }

    /// <summary>A custom sink that takes erasures.</summary>
    public sealed class Recorder : ILeadSink, ILeadErasureSink
    {
        public List<ErasureRequest> Requests { get; } = [];

        public ValueTask WriteBatchAsync(IReadOnlyList<LeadDelivery> batch, CancellationToken cancellationToken) => ValueTask.CompletedTask;

        public ValueTask<IReadOnlyDictionary<string, int>> EraseAsync(ErasureRequest request, CancellationToken cancellationToken)
        {
            Requests.Add(request);
            return ValueTask.FromResult<IReadOnlyDictionary<string, int>>(new Dictionary<string, int> { ["custom"] = 0 });
        }
    }

    private static Lead Person(string first, string last, string email, string phone, string company, int minutes, string action)
    {
        var raw = string.Create(CultureInfo.InvariantCulture, $"{{\"UserDetails\":{{\"FirstName\":\"{first}\",\"LastName\":\"{last}\",\"Email\":\"{email}\",\"Phone\":\"{phone}\",\"Company\":\"{company}\"}},\"m\":{minutes}}}");
        return TestLeads.Make(first, last, email, phone, company, "US", action: action, minutes: minutes, rawPayload: raw);
    }
}
