using System;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using MarketplaceLeads.Delivery;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace MarketplaceLeads.Tests;

/// <summary>The pipeline tells a redelivery from a customer asking again by the time between identical HTTPS leads (issue #16, 2).</summary>
public sealed class RepeatInterestPipelineTests
{
    private static readonly byte[] ContactMe = Encoding.UTF8.GetBytes(
        """{"UserDetails":{"FirstName":"Ana","Email":"ana@fabrikam.example"},"LeadSource":"AppSource-PLT | contoso.crm","ActionCode":"PLT"}""");

    [Fact]
    public async Task HttpsBodyReadThenSubmitted_IdenticalAfterTheWindow_IsAcceptedAsTheNextOccurrence_InsideItAlreadyAccepted()
    {
        var time = new FakeTimeProvider(TestLeads.Start);
        var sink = new InMemoryLeadSink();
        await using var harness = PipelineHarness.Create(b => b.AddSink(sink), services: s => s.AddSingleton<TimeProvider>(time));

        var first = Assert.Single(await harness.SubmitHttpsBodyAsync(ContactMe));
        time.Advance(TimeSpan.FromMinutes(3));
        var retry = Assert.Single(await harness.SubmitHttpsBodyAsync(ContactMe));
        time.Advance(TimeSpan.FromDays(2));
        var again = Assert.Single(await harness.SubmitHttpsBodyAsync(ContactMe));
        time.Advance(TimeSpan.FromMinutes(3));
        var againRetry = Assert.Single(await harness.SubmitHttpsBodyAsync(ContactMe));
        await harness.Processor.StopAsync();

        Assert.Equal(
            [LeadSubmitStatus.Accepted, LeadSubmitStatus.AlreadyAccepted, LeadSubmitStatus.Accepted, LeadSubmitStatus.AlreadyAccepted],
            new[] { first, retry, again, againRetry }.Select(r => r.Status));
        Assert.Equal(first.LeadId, retry.LeadId);
        Assert.NotEqual(first.LeadId, again.LeadId);
        Assert.Equal(LeadId.FromKey("repeat", first.LeadId.ToString(), "2"), again.LeadId);
        Assert.Equal(again.LeadId, againRetry.LeadId);
        Assert.Equal(2, sink.Count);
    }

    [Fact]
    public async Task HttpsBodyReadThenSubmitted_WindowZero_EveryIdenticalLeadIsARedelivery()
    {
        var time = new FakeTimeProvider(TestLeads.Start);
        await using var harness = PipelineHarness.Create(b => b.AddSink(new InMemoryLeadSink()), o => o.RepeatInterestWindow = TimeSpan.Zero, s => s.AddSingleton<TimeProvider>(time));

        await harness.SubmitHttpsBodyAsync(ContactMe);
        time.Advance(TimeSpan.FromDays(30));
        var later = Assert.Single(await harness.SubmitHttpsBodyAsync(ContactMe));
        await harness.Processor.StopAsync();

        Assert.Equal(LeadSubmitStatus.AlreadyAccepted, later.Status);
    }
}
