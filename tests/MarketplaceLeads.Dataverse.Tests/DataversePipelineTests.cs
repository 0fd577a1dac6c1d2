using System;
using System.Linq;
using System.Threading.Tasks;
using MarketplaceLeads.Deduplication;
using MarketplaceLeads.Delivery;
using Microsoft.Extensions.DependencyInjection;

namespace MarketplaceLeads.Dataverse.Tests;

/// <summary>The Dataverse sink in a real pipeline (its retries, batching and dead letters), against the loopback server.</summary>
public sealed class DataversePipelineTests
{
    // Two people of one household, one phone: Luis asked not to be contacted.
    private static readonly Lead Ana = TestLeads.Make("Ana", "Garcia", "ana@contoso.example", "+1 415 555 0134", country: "US", action: "PLT", minutes: 10);
    private static readonly Lead LuisDnc = TestLeads.Make("Luis", "Garcia", "luis.garcia@gmail.com", "+1 415 555 0134", country: "US", action: "DNC", minutes: 11);

    [Fact]
    public async Task Throttled_NothingReachesTheEnvironmentUntilTheRetryAfterHasPassed_ThenEveryoneIsDelivered()
    {
        await using var server = await DataverseServer.StartAsync();
        var throttled = 0;
        var answeredAt = DateTimeOffset.MaxValue;
        server.Intercept = async (request, context) =>
        {
            if (request.IsToken || System.Threading.Interlocked.Increment(ref throttled) != 1)
            {
                return false;
            }

            await DataverseServer.AnswerAsync(context, 429, Fixtures.TooManyRequests, ("Retry-After", "1"));
            await context.Response.CompleteAsync();
            answeredAt = DateTimeOffset.UtcNow;
            return true;
        };
        var observer = new RecordingObserver();
        await using var harness = PipelineHarness.Create(
            b => b.AddDataverseSink(o =>
            {
                server.Configure(o);
                o.MaxConcurrency = 1; // one request in flight: none can be on its way while the 429 is answered
            }).AddObserver(observer),
            o => o.BatchDelay = TimeSpan.FromMilliseconds(200));
        var leads = TestLeads.People(3);

        foreach (var lead in leads)
        {
            await harness.Processor.SubmitAsync(lead);
        }

        await observer.WaitAsync(o => o.DeliveredLeads == 3, TimeSpan.FromSeconds(20));

        Assert.Equal(3, server.Leads.Count);
        Assert.NotEmpty(observer.Retries);
        Assert.Empty(observer.DeadLetters);
        var after = server.ApiRequests.Where(r => r.At > answeredAt).ToList();
        Assert.NotEmpty(after); // the throttled profile was sent again
        Assert.All(after, r => Assert.True(r.At - answeredAt >= TimeSpan.FromSeconds(0.95), $"request {r.Number} reached the environment {r.At - answeredAt} after the 429"));
    }

    [Fact]
    public async Task RefusedLead_IsDeadLetteredAlone_TheOthersAreDelivered()
    {
        await using var server = await DataverseServer.StartAsync();
        var leads = TestLeads.People(3);
        var refused = new CustomerProfileId(leads[1].Id).ToString();
        server.Intercept = (request, context) => request.Path.Contains(refused, StringComparison.Ordinal)
            ? DataverseServer.AnswerAsync(context, 400, Fixtures.UnknownProperty)
            : Task.FromResult(false);
        var observer = new RecordingObserver();
        await using var harness = PipelineHarness.Create(b => b.AddDataverseSink(server.Configure).AddObserver(observer), o => o.BatchDelay = TimeSpan.FromMilliseconds(200));

        foreach (var lead in leads)
        {
            await harness.Processor.SubmitAsync(lead);
        }

        await observer.WaitAsync(o => o.DeliveredLeads == 2 && !o.DeadLetters.IsEmpty, TimeSpan.FromSeconds(20));

        var deadLetter = Assert.Single(observer.DeadLetters);
        Assert.Equal(leads[1].Id, deadLetter.Lead?.Id);
        Assert.Equal(2, server.Leads.Count);
    }

    [Fact]
    public async Task Review_AcceptMergesIntoOneRecord_AndDisqualifiesTheOther_SplitRestoresBoth()
    {
        await using var server = await DataverseServer.StartAsync();
        var observer = new RecordingObserver();
        await using var harness = PipelineHarness.Create(b => b.AddDataverseSink(server.Configure).AddObserver(observer));
        var review = harness.Provider.GetRequiredService<ILeadReview>();
        var anaId = new CustomerProfileId(Ana.Id);
        var luisId = new CustomerProfileId(LuisDnc.Id);
        await harness.Processor.SubmitAsync(Ana);
        await harness.Processor.SubmitAsync(LuisDnc);
        await observer.WaitAsync(o => o.DeliveredLeads == 2, TimeSpan.FromSeconds(20));
        Assert.Equal(2, server.Leads.Count);
        Assert.False((bool)server.Leads[anaId.ToString()].Columns["donotemail"]!);

        await review.AcceptAsync(anaId, luisId, "reviewer");
        await Polling.WaitAsync(() => server.Leads.TryGetValue(luisId.ToString(), out var luis) && (int?)luis.Columns["statecode"] == 2, TimeSpan.FromSeconds(20), () => "the merged-away record was not disqualified");
        Assert.True((bool)server.Leads[anaId.ToString()].Columns["donotemail"]!); // Luis's do-not-contact now marks the merged profile
        Assert.Equal(7, (int?)server.Leads[luisId.ToString()].Columns["statuscode"]);
        Assert.Equal("*", server.ApiRequests.Single(r => r.Body.Length > 0 && r.Text.Contains("statecode", StringComparison.Ordinal)).Header("If-Match"));

        await review.SplitAsync(anaId, [LuisDnc.Id], "reviewer", "different people");
        await Polling.WaitAsync(() => server.Leads.TryGetValue(anaId.ToString(), out var ana) && !(bool)ana.Columns["donotemail"]!, TimeSpan.FromSeconds(20), () => "the split did not clear Ana's do-not-contact");
        await harness.Processor.StopAsync();

        Assert.True((bool)server.Leads[luisId.ToString()].Columns["donotemail"]!);
        Assert.Empty(observer.DeadLetters);
    }
}
