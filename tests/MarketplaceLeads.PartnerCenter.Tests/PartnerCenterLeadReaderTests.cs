using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using MarketplaceLeads.Delivery;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Time.Testing;

namespace MarketplaceLeads.PartnerCenter.Tests;

/// <summary>The reader against the loopback Referrals API: paging, filters, the checkpoint, throttling, errors.</summary>
public sealed class PartnerCenterLeadReaderTests : IDisposable
{
    private readonly string _checkpoints = Path.Combine(Path.GetTempPath(), "mpl-pc-" + Guid.NewGuid().ToString("N"));
    private readonly HttpClient _http = new(new SocketsHttpHandler { AllowAutoRedirect = false });
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero));

    public void Dispose()
    {
        _http.Dispose();
        if (Directory.Exists(_checkpoints))
        {
            Directory.Delete(_checkpoints, recursive: true);
        }
    }

    [Fact]
    public async Task ReadNew_PagesNewestFirst_KeepsOnlyMarketplaceLeads_KeyedByTheReferralId()
    {
        await using var server = await ReferralsServer.StartAsync();
        server.Add(
            ReferralFixtures.MarketplaceLead("r-1", "2026-11-30T10:00:00Z", "Sue", "Smith", "sue.smith@fabrikam.com"),
            ReferralFixtures.MarketplaceLead("r-2", "2026-11-30T11:00:00Z", "Ana", "Garcia", "ana@contoso.example", callToAction: "GetItNow", source: "AzureMarketplace"),
            ReferralFixtures.QualifiedLead("q-1", "2026-11-30T11:30:00Z"),
            ReferralFixtures.CoSell("c-1", "2026-11-30T12:00:00Z"),
            ReferralFixtures.MarketplaceLead("r-3", "2026-11-30T13:00:00Z", "Luis", "Garcia", "luis@contoso.example", callToAction: "TestDrive"));
        using var reader = Reader(server, o => o.PageSize = 2);

        var results = await ReadAllAsync(reader);

        Assert.All(results, r => Assert.True(r.IsSuccess));
        Assert.Equal(new[] { "r-3", "r-2", "r-1" }, results.Select(r => r.Lead!.AdditionalProperties["id"].GetString()!).ToArray());
        Assert.Equal(LeadId.FromKey("partner-center", "r-1"), results[2].Lead!.Id);
        Assert.Equal(1, reader.SkippedLastPass); // the co-sell opportunity; the qualified lead is filtered by the API
        var sue = results[2].Lead!;
        Assert.Equal(LeadChannel.PartnerCenter, sue.Channel);
        Assert.Equal(LeadAction.PartnerLedTrial, sue.Action);
        Assert.Equal(MarketplaceSource.AppSource, sue.Source);
        Assert.Equal("Contoso Analytics", sue.OfferTitle);
        Assert.Equal("sue.smith@fabrikam.com", sue.Customer.Email);
        Assert.Equal("Fabrikam Customer Inc", sue.Customer.Company);
        Assert.Equal("US", sue.Customer.Country);
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 10, 0, 0, TimeSpan.Zero), sue.CreatedAt);
        Assert.Equal(LeadAction.Install, results[1].Lead!.Action);
        Assert.Equal(LeadAction.StartTestDrive, results[0].Lead!.Action);

        var pages = server.ApiRequests;
        Assert.Equal(3, pages.Count); // 4 referrals pass the filter, 2 a page: the nextLink, then (a full page without one) $skip, which is empty
        var first = QueryHelpers.ParseQuery(pages[0].Query);
        Assert.Equal("qualification eq 'Direct'", first["$filter"]);
        Assert.Equal("updatedDateTime desc", first["$orderby"]);
        Assert.Equal("2", first["$top"]);
        Assert.True(QueryHelpers.ParseQuery(pages[1].Query).ContainsKey("$skiptoken")); // the documented @odata.nextLink
        Assert.Equal("4", QueryHelpers.ParseQuery(pages[2].Query)["$skip"]);
        Assert.Single(pages.Select(p => p.Header("MS-CorrelationId")).Distinct()); // one correlation id per pass
        Assert.Equal(pages.Count, pages.Select(p => p.Header("MS-RequestId")).Distinct().Count()); // a request id per request
        Assert.All(pages, p => Assert.StartsWith("Bearer pc-token-", p.Header("Authorization"), StringComparison.Ordinal));
        Assert.Equal(1, server.TokensIssued);
    }

    [Fact]
    public async Task SecondPass_ReturnsNothingNew_AnUpdatedReferralComesBackWithTheSameLeadId()
    {
        await using var server = await ReferralsServer.StartAsync();
        server.Add(
            ReferralFixtures.MarketplaceLead("r-1", "2026-11-30T10:00:00Z"),
            ReferralFixtures.MarketplaceLead("r-2", "2026-11-30T11:00:00Z", "Ana", "Garcia", "ana@contoso.example"));
        using (var reader = Reader(server))
        {
            Assert.Equal(2, (await ReadAllAsync(reader)).Count);
            Assert.Empty(await ReadAllAsync(reader));
        }

        // A new reader (a restart) on the same checkpoint: still nothing; then Partner Center updates r-1.
        using var restarted = Reader(server);
        Assert.Empty(await ReadAllAsync(restarted));
        server.Referrals["r-1"]["updatedDateTime"] = "2026-12-01T09:00:00Z";
        server.Referrals["r-1"]["status"] = "Active";

        var again = Assert.Single(await ReadAllAsync(restarted));
        Assert.Equal(LeadId.FromKey("partner-center", "r-1"), again.Lead!.Id);
        Assert.Empty(await ReadAllAsync(restarted));
    }

    [Fact]
    public async Task Throttled_NothingIsSentUntilTheRetryAfterHasPassed_AndTheErrorNamesTheRequestIds()
    {
        await using var server = await ReferralsServer.StartAsync();
        server.Add(ReferralFixtures.MarketplaceLead("r-1", "2026-11-30T10:00:00Z"));
        var throttle = true;
        server.Intercept = (request, context) => throttle && !request.IsToken
            ? LoopbackCrmServer.AnswerAsync(context, 429, ReferralFixtures.Error("TooManyRequests"), ("Retry-After", "7"))
            : Task.FromResult(false);
        using var reader = Reader(server);

        var error = await Assert.ThrowsAsync<PartnerCenterException>(() => ReadAllAsync(reader));
        Assert.Equal(429, error.StatusCode);
        Assert.True(error.IsTransient);
        Assert.Equal(TimeSpan.FromSeconds(7), error.RetryAfter);
        var sent = server.ApiRequests.Single();
        Assert.Equal(sent.Header("MS-CorrelationId"), error.CorrelationId);
        Assert.Equal(sent.Header("MS-RequestId"), error.RequestId);
        Assert.Contains(error.CorrelationId!, error.Message, StringComparison.Ordinal);
        Assert.Contains(error.RequestId!, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("fabrikam", error.Message, StringComparison.OrdinalIgnoreCase);

        throttle = false;
        _time.Advance(TimeSpan.FromSeconds(6));
        var paused = await Assert.ThrowsAsync<PartnerCenterException>(() => ReadAllAsync(reader));
        Assert.True(paused.IsTransient);
        Assert.Single(server.ApiRequests); // the host's gate was closed: nothing sent

        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Single(await ReadAllAsync(reader));
    }

    [Fact]
    public async Task WrongSecret_FailsAsNotTransient_WithTheEntraCode_NeverTheSecret()
    {
        await using var server = await ReferralsServer.StartAsync();
        using var reader = Reader(server, o => o.ClientSecret = "wrong-secret-value");

        var error = await Assert.ThrowsAsync<PartnerCenterException>(() => ReadAllAsync(reader));

        Assert.False(error.IsTransient);
        Assert.Contains("invalid_client, AADSTS7000215", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-secret-value", error.Message, StringComparison.Ordinal);
        Assert.Empty(server.ApiRequests);
    }

    [Fact]
    public async Task ApiRefusal_403_IsNotTransient_NamesThePermissionsPage_NotTheApiMessage()
    {
        await using var server = await ReferralsServer.StartAsync();
        server.Intercept = (request, context) => request.IsToken ? Task.FromResult(false) : LoopbackCrmServer.AnswerAsync(context, 403, ReferralFixtures.Error("Forbidden"));
        using var reader = Reader(server);

        var error = await Assert.ThrowsAsync<PartnerCenterException>(() => ReadAllAsync(reader));

        Assert.Equal(403, error.StatusCode);
        Assert.False(error.IsTransient);
        Assert.Contains("(Forbidden)", error.Message, StringComparison.Ordinal);
        Assert.Contains("docs/partner-center.md", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("sue.smith", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReferralWithoutId_IsDeadLetteredWithItsRawJson_Once_AndTheOthersAreAccepted()
    {
        await using var server = await ReferralsServer.StartAsync();
        server.Add(ReferralFixtures.MarketplaceLead("r-1", "2026-11-30T10:00:00Z"));
        var broken = ReferralFixtures.MarketplaceLead("r-broken", "2026-11-30T11:00:00Z", "Ana", "Garcia", "ana@contoso.example");
        server.Add(broken);
        broken.Remove("id"); // stored under its old key, served without an id
        var sink = new InMemoryLeadSink();
        await using var harness = PipelineHarness.Create(b => b.AddSink(sink));
        using var reader = Reader(server);

        Assert.Equal(2, await reader.SubmitNewAsync(harness.Processor));
        Assert.Equal(0, await reader.SubmitNewAsync(harness.Processor)); // consumed: not dead-lettered again
        await harness.Processor.StopAsync();

        var deadLetter = Assert.Single(await ReadDeadLettersAsync(harness.Journal));
        Assert.Equal(LeadDeadLetterKind.Rejected, deadLetter.Kind);
        Assert.Contains("no id", deadLetter.Reason, StringComparison.Ordinal);
        Assert.Contains("ana@contoso.example", deadLetter.RawPayload, StringComparison.Ordinal);
        Assert.Equal(LeadId.FromKey("partner-center", "r-1"), Assert.Single(sink.GetDeliveries()).Lead.Id);
    }

    [Fact]
    public void Options_MissingSecretAndCheckpoint_AreNamed_NeverTheSecret()
    {
        using var http = new HttpClient();
        var error = Assert.Throws<ArgumentException>(() => new PartnerCenterLeadReader(new PartnerCenterReaderOptions { TenantId = "contoso.onmicrosoft.com", ClientId = "id" }, http));

        Assert.Contains("PartnerCenterReaderOptions.ClientSecret", error.Message, StringComparison.Ordinal);
        Assert.Contains("PartnerCenterReaderOptions.CheckpointStore", error.Message, StringComparison.Ordinal);
        var bad = Assert.Throws<ArgumentException>(() => new PartnerCenterLeadReader(new PartnerCenterReaderOptions { TenantId = "t", ClientId = "id", ClientSecret = "s3cr3t-value", CheckpointDirectory = _checkpoints, PageSize = 500 }, http));
        Assert.Contains("PartnerCenterReaderOptions.PageSize", bad.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr3t-value", bad.Message, StringComparison.Ordinal);
        var delay = Assert.Throws<ArgumentException>(() => new PartnerCenterLeadReader(new PartnerCenterReaderOptions { TenantId = "t", ClientId = "id", ClientSecret = "s3cr3t-value", CheckpointDirectory = _checkpoints, ProfileIdDelay = TimeSpan.FromDays(2) }, http));
        Assert.Contains("PartnerCenterReaderOptions.ProfileIdDelay", delay.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteProfileId_OfALeadNotFromPartnerCenter_IsRefused_NamingTheLeadAndChannel()
    {
        using var http = new HttpClient();
        using var reader = new PartnerCenterLeadReader(new PartnerCenterReaderOptions { TenantId = "t", ClientId = "id", ClientSecret = "s", CheckpointDirectory = _checkpoints }, http);
        var lead = new Lead { Id = LeadId.FromKey("test", "https-lead"), Channel = LeadChannel.HttpsEndpoint };

        var error = await Assert.ThrowsAsync<ArgumentException>(() => reader.WriteProfileIdAsync(lead, new Deduplication.CustomerProfileId(lead.Id)));

        Assert.Contains(lead.Id.ToString(), error.Message, StringComparison.Ordinal);
        Assert.Contains("HttpsEndpoint", error.Message, StringComparison.Ordinal);
    }

    private static async Task<List<LeadDeadLetter>> ReadDeadLettersAsync(ILeadJournal journal)
    {
        var list = new List<LeadDeadLetter>();
        await foreach (var deadLetter in journal.ReadDeadLettersAsync(default))
        {
            list.Add(deadLetter);
        }

        return list;
    }

    private static async Task<List<LeadReadResult>> ReadAllAsync(PartnerCenterLeadReader reader)
    {
        var results = new List<LeadReadResult>();
        await foreach (var result in reader.ReadNewAsync())
        {
            results.Add(result);
        }

        return results;
    }

    private PartnerCenterLeadReader Reader(ReferralsServer server, Action<PartnerCenterReaderOptions>? configure = null)
    {
        var options = new PartnerCenterReaderOptions();
        server.Configure(options, _checkpoints);
        configure?.Invoke(options);
        return new PartnerCenterLeadReader(options, _http, _time);
    }
}
