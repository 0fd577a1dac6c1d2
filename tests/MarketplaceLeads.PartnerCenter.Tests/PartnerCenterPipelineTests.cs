using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Threading.Tasks;
using MarketplaceLeads.Dataverse.Tests;
using MarketplaceLeads.Deduplication;
using MarketplaceLeads.Delivery;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace MarketplaceLeads.PartnerCenter.Tests;

/// <summary>Partner Center leads in the real pipeline: one marketplace lead from two channels is one lead; the write-back into the referral.</summary>
public sealed class PartnerCenterPipelineTests : IDisposable
{
    private readonly string _checkpoints = Path.Combine(Path.GetTempPath(), "mpl-pc-" + Guid.NewGuid().ToString("N"));
    private readonly HttpClient _http = new(new SocketsHttpHandler { AllowAutoRedirect = false });

    public void Dispose()
    {
        _http.Dispose();
        if (Directory.Exists(_checkpoints))
        {
            Directory.Delete(_checkpoints, recursive: true);
        }
    }

    [Fact]
    public async Task LeadByHttpsThenFromPartnerCenter_IsARedelivery_AndKeepsTheReferralId()
    {
        await using var server = await ReferralsServer.StartAsync();
        server.Add(ReferralFixtures.MarketplaceLead("r-1", Stamp(-1)));
        var sink = new InMemoryLeadSink();
        var observer = new RecordingObserver();
        await using var harness = PipelineHarness.Create(b => b.AddSink(sink).AddObserver(observer));

        var https = await harness.SubmitHttpsBodyAsync(HttpsPayload("AppSource-PLT|contoso.contoso-analytics", "Contoso Analytics"));
        Assert.Equal(LeadSubmitStatus.Accepted, Assert.Single(https).Status);
        using var reader = Reader(server);
        Assert.Equal(1, await reader.SubmitNewAsync(harness.Processor));
        await sink.WaitForCountAsync(2);
        await harness.Processor.StopAsync();

        var (first, second) = (sink.GetDeliveries()[0], sink.GetDeliveries()[1]);
        Assert.Equal(LeadChannel.HttpsEndpoint, first.Lead.Channel);
        Assert.False(first.IsRedelivery);
        Assert.Equal(LeadChannel.PartnerCenter, second.Lead.Channel);
        Assert.True(second.IsRedelivery);
        Assert.Equal(first.Profile.Id, second.Profile.Id);
        Assert.Equal("r-1", second.Lead.AdditionalProperties["id"].GetString());
        Assert.Single(second.Profile.Leads); // nothing new about the person: the profile keeps one lead
        Assert.Contains(observer.Deduplicated, d => d.Outcome == DeduplicationOutcome.JoinedProfile && d.IsRedelivery);
    }

    [Fact]
    public async Task LeadFromPartnerCenterThenByHttps_IsARedelivery()
    {
        await using var server = await ReferralsServer.StartAsync();
        server.Add(ReferralFixtures.MarketplaceLead("r-1", Stamp(-2)));
        var sink = new InMemoryLeadSink();
        await using var harness = PipelineHarness.Create(b => b.AddSink(sink));
        using var reader = Reader(server);

        Assert.Equal(1, await reader.SubmitNewAsync(harness.Processor));
        await harness.SubmitHttpsBodyAsync(HttpsPayload("AppSource-PLT|contoso.contoso-analytics", "contoso analytics "));
        await sink.WaitForCountAsync(2);
        await harness.Processor.StopAsync();

        Assert.False(sink.GetDeliveries()[0].IsRedelivery);
        Assert.True(sink.GetDeliveries()[1].IsRedelivery);
        Assert.Equal(LeadChannel.HttpsEndpoint, sink.GetDeliveries()[1].Lead.Channel);
    }

    [Fact]
    public async Task SamePersonAnotherOffer_IsANewLeadOfTheSameProfile_NotARedelivery()
    {
        await using var server = await ReferralsServer.StartAsync();
        server.Add(ReferralFixtures.MarketplaceLead("r-1", Stamp(-1), offer: "Contoso Backup"));
        var sink = new InMemoryLeadSink();
        await using var harness = PipelineHarness.Create(b => b.AddSink(sink));

        await harness.SubmitHttpsBodyAsync(HttpsPayload("AppSource-PLT|contoso.contoso-analytics", "Contoso Analytics"));
        using var reader = Reader(server);
        await reader.SubmitNewAsync(harness.Processor);
        await sink.WaitForCountAsync(2);
        await harness.Processor.StopAsync();

        var second = sink.GetDeliveries()[1];
        Assert.False(second.IsRedelivery);
        Assert.Equal(DeduplicationOutcome.JoinedProfile, second.Outcome);
        Assert.Equal(2, second.Profile.Leads.Count);
    }

    [Fact]
    public async Task WriteBack_TheDataverseRecordIdReachesTheReferral_WithIfMatch_AndANewReferralIsAccepted()
    {
        await using var referrals = await ReferralsServer.StartAsync();
        await using var dataverse = await DataverseServer.StartAsync();
        referrals.Add(ReferralFixtures.MarketplaceLead("r-1", Stamp(-1)));
        using var host = await StartWithWriteBackAsync(referrals, b => b.AddDataverseSink(dataverse.Configure));

        Assert.True(await referrals.Patched.WaitAsync(TimeSpan.FromSeconds(30)), "the referral was not updated");
        await host.StopAsync();

        var record = Assert.Single(dataverse.Leads.Values);
        var referral = referrals.Referrals["r-1"];
        Assert.Equal(record.Id.ToString("D", CultureInfo.InvariantCulture), (string?)referral["externalReferenceId"]);
        Assert.Equal("Active", (string?)referral["status"]);
        Assert.Equal("Accepted", (string?)referral["substatus"]);
        var patch = referrals.ApiRequests.Single(r => r.Method == "PATCH");
        var read = referrals.ApiRequests.Last(r => r.Method == "GET" && r.Path.EndsWith("/r-1", StringComparison.Ordinal));
        Assert.Equal("\"1\"", patch.Header("If-Match")); // the ETag the GET answered
        Assert.Equal(read.Header("MS-CorrelationId"), patch.Header("MS-CorrelationId"));
        Assert.Contains("\"op\":\"replace\",\"path\":\"/externalReferenceId\"", patch.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteBack_WithoutACrmSink_TheReferralGetsTheProfileId_WhichFindsTheCustomer_AndIsAccepted()
    {
        // A publisher with Partner Center credentials only: no sink names a record, so the referral gets the SDK's own id.
        await using var referrals = await ReferralsServer.StartAsync();
        referrals.Add(ReferralFixtures.MarketplaceLead("r-1", Stamp(-1)));
        var sink = new InMemoryLeadSink();
        using var host = await StartWithWriteBackAsync(referrals, b => b.AddSink(sink), TimeSpan.FromMilliseconds(200));

        Assert.True(await referrals.Patched.WaitAsync(TimeSpan.FromSeconds(30)), "the referral was not updated");
        await host.StopAsync();

        var delivery = Assert.Single(sink.GetDeliveries());
        var referral = referrals.Referrals["r-1"];
        var written = (string?)referral["externalReferenceId"];
        Assert.Equal(delivery.Profile.Id.ToString(), written);
        Assert.Equal("Active", (string?)referral["status"]);
        Assert.Equal("Accepted", (string?)referral["substatus"]);
        var store = host.Services.GetRequiredService<ILeadDeduplicationStore>();
        var found = await store.FindProfileByLeadAsync(LeadId.Parse(written!)); // the id names the profile's first lead: found also after a merge
        Assert.Equal(delivery.Profile.Id, found!.Id);
        Assert.Single(referrals.ApiRequests, r => r.Method == "PATCH");
    }

    [Fact]
    public async Task WriteBack_WithACrmSink_TheProfileIdGivesWayToTheRecordId_OneUpdate()
    {
        await using var referrals = await ReferralsServer.StartAsync();
        await using var dataverse = await DataverseServer.StartAsync();
        referrals.Add(ReferralFixtures.MarketplaceLead("r-1", Stamp(-1)));
        using var host = await StartWithWriteBackAsync(referrals, b => b.AddDataverseSink(dataverse.Configure), TimeSpan.FromSeconds(2));

        Assert.True(await referrals.Patched.WaitAsync(TimeSpan.FromSeconds(30)), "the referral was not updated");
        await Task.Delay(3_000); // past the profile id's due time: it is dropped, not written
        await host.StopAsync();

        var record = Assert.Single(dataverse.Leads.Values);
        Assert.Equal(record.Id.ToString("D", CultureInfo.InvariantCulture), (string?)referrals.Referrals["r-1"]["externalReferenceId"]);
        Assert.Single(referrals.ApiRequests, r => r.Method == "PATCH");
    }

    [Fact]
    public async Task WriteBack_AReferralReadAgainThatThePipelineHad_GetsItsProfileId_WhenItHasNoneYet()
    {
        // A write-back lost with a stopped process, or a lead from before write-back was on: when the referral is read again
        // (AlreadyAccepted, so no decision is raised) and still has no externalReferenceId, its lead's profile id is written.
        await using var server = await ReferralsServer.StartAsync();
        server.Add(ReferralFixtures.MarketplaceLead("r-1", Stamp(-1)));
        var sink = new InMemoryLeadSink();
        await using var harness = PipelineHarness.Create(b => b.AddSink(sink));
        using var reader = Reader(server);
        var read = await reader.ReadNewAsync().FirstAsync();
        Assert.Equal(LeadSubmitStatus.Accepted, (await harness.Processor.SubmitAsync(read)).Status);
        await sink.WaitForCountAsync(1);
        var again = await harness.Processor.SubmitAsync(read);
        Assert.Equal(LeadSubmitStatus.AlreadyAccepted, again.Status);

        var writeBack = new PartnerCenterWriteBack(TimeSpan.Zero);
        var profiles = harness.Provider.GetRequiredService<ILeadDeduplicationStore>();
        using var service = new PartnerCenterWriteBackService(writeBack, reader.Client, TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance, profiles: profiles);
        await service.StartAsync(default);
        writeBack.OnSubmitted(read, again);
        Assert.True(await server.Patched.WaitAsync(TimeSpan.FromSeconds(30)), "the referral was not updated");
        await service.StopAsync(default);

        Assert.Equal(sink.GetDeliveries()[0].Profile.Id.ToString(), (string?)server.Referrals["r-1"]["externalReferenceId"]);

        // Read again once more (the update moved it on), now with the id in it: nothing more is queued.
        var withId = await reader.ReadNewAsync().FirstAsync();
        Assert.False(PartnerCenterWriteBack.IsEmptyReference(withId.Lead!));
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData("", true)]
    [InlineData("0001-opportunity-typed-in-partner-center", false)]
    public void Patch_OfTheProfileId_FillsOnlyAnEmptyExternalReferenceId(string? existing, bool written)
    {
        var referral = ReferralFixtures.MarketplaceLead("r-1", Stamp(-1));
        referral["externalReferenceId"] = existing;
        referral["status"] = "Active";
        referral["substatus"] = "Accepted";

        var patch = PartnerCenterWriteBack.Patch(Encoding.UTF8.GetBytes(referral.ToJsonString()), "0123456789abcdef0123456789abcdef", onlyIfEmpty: true);

        Assert.Equal(written, patch is not null);
        if (written)
        {
            Assert.Equal("[{\"op\":\"replace\",\"path\":\"/externalReferenceId\",\"value\":\"0123456789abcdef0123456789abcdef\"}]", Encoding.UTF8.GetString(patch!));
        }
    }

    [Fact]
    public async Task WriteBack_AWonOutcomeRecordedForTheReferralsLead_ClosesTheReferralAsWon_Once()
    {
        // No CRM sink needed: the status mirror reads the default pipeline's follow-up log (UseFollowUp) and profiles, and makes the referral
        // Closed/Won (Microsoft Learn, "Referral resources": New and Active may move to Closed with Won, Lost, Declined or Expired).
        await using var referrals = await ReferralsServer.StartAsync();
        referrals.Add(ReferralFixtures.MarketplaceLead("r-1", Stamp(-1)));
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddMarketplaceLeads(o => o.BatchDelay = TimeSpan.FromMilliseconds(5))
            .UseFollowUp()
            .AddSink(new InMemoryLeadSink())
            .AddPartnerCenterReader(o =>
            {
                referrals.Configure(o, _checkpoints);
                o.PollInterval = TimeSpan.FromMilliseconds(200);
                o.WriteBack = true;
            });
        using var host = builder.Build();
        await host.StartAsync();
        var store = host.Services.GetRequiredService<ILeadDeduplicationStore>();
        var lead = LeadId.FromKey("partner-center", "r-1");
        await Polling.WaitAsync(() => store.FindProfileByLeadAsync(lead).AsTask().GetAwaiter().GetResult() is not null, TimeSpan.FromSeconds(30), () => "the referral's lead was not de-duplicated");
        var profile = (await store.FindProfileByLeadAsync(lead))!;

        await host.Services.GetRequiredService<FollowUp.IFollowUpStore>().RecordAsync(new FollowUp.FollowUpTouch
        {
            ProfileId = profile.Id,
            Offer = profile.Leads[0].Offer,
            Stage = FunnelStage.Interest,
            At = DateTimeOffset.UtcNow,
            Kind = FollowUp.TouchKind.Won,
            By = "sam",
        });
        await Polling.WaitAsync(() => (string?)referrals.Referrals["r-1"]["status"] == "Closed", TimeSpan.FromSeconds(30), () => "the referral was not closed");
        await Task.Delay(1_000); // several more passes of the mirror: it patches once
        await host.StopAsync();

        Assert.Equal("Won", (string?)referrals.Referrals["r-1"]["substatus"]);
        var patch = Assert.Single(referrals.ApiRequests, r => r.Method == "PATCH");
        Assert.Contains("\"path\":\"/status\",\"value\":\"Closed\"", patch.Text, StringComparison.Ordinal);
        Assert.Contains("\"path\":\"/substatus\",\"value\":\"Won\"", patch.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("New", "Pending", "Lost", "Closed", "Lost")]
    [InlineData("Active", "Accepted", "Declined", "Closed", "Declined")]
    [InlineData("Closed", "Won", "Won", null, null)]
    [InlineData("Closed", "Lost", "Won", "Closed", "Won")]
    public void Patch_ForAnOutcome_ClosesTheReferralWithItsSubstatus_UnlessItIsSoAlready(string status, string substatus, string outcome, string? newStatus, string? newSubstatus)
    {
        var referral = ReferralFixtures.MarketplaceLead("r-1", Stamp(-1));
        referral["status"] = status;
        referral["substatus"] = substatus;

        var patch = PartnerCenterWriteBack.Patch(Encoding.UTF8.GetBytes(referral.ToJsonString()), recordId: null, outcome);

        if (newStatus is null)
        {
            Assert.Null(patch);
            return;
        }

        var text = Encoding.UTF8.GetString(patch!);
        Assert.Equal($"[{{\"op\":\"replace\",\"path\":\"/status\",\"value\":\"{newStatus}\"}},{{\"op\":\"replace\",\"path\":\"/substatus\",\"value\":\"{newSubstatus}\"}}]", text);
    }

    [Fact]
    public async Task WriteBack_ReferralChangedMeanwhile_412_IsReadAgainAndWritten()
    {
        await using var server = await ReferralsServer.StartAsync();
        server.Add(ReferralFixtures.MarketplaceLead("r-1", Stamp(-1)));
        var conflicts = 0;
        server.Intercept = async (request, context) =>
        {
            if (request.Method == "PATCH" && System.Threading.Interlocked.Increment(ref conflicts) == 1)
            {
                server.Add(server.Referrals["r-1"]); // someone else changed it: a new ETag
                return await LoopbackCrmServer.AnswerAsync(context, 412, ReferralFixtures.Error("PreconditionFailed"));
            }

            return false;
        };
        using var reader = Reader(server);
        var service = new PartnerCenterWriteBackService(new PartnerCenterWriteBack(), reader.Client, TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);

        Assert.True(await service.WriteAsync(new WriteBackItem("r-1", "7d577253-3ef0-4a0a-bb7f-8335c2596e70", "dataverse"), default));

        Assert.Equal(2, server.ApiRequests.Count(r => r.Method == "PATCH"));
        Assert.Equal("7d577253-3ef0-4a0a-bb7f-8335c2596e70", (string?)server.Referrals["r-1"]["externalReferenceId"]);
        Assert.Null(PartnerCenterWriteBack.Patch(Encoding.UTF8.GetBytes(server.Referrals["r-1"].ToJsonString()), "7d577253-3ef0-4a0a-bb7f-8335c2596e70")); // nothing left to write
    }

    /// <summary>Starts a host whose default pipeline has the sinks <paramref name="sinks"/> adds and a Partner Center reader with write-back that reads once, at start.</summary>
    private async Task<IHost> StartWithWriteBackAsync(ReferralsServer referrals, Action<IMarketplaceLeadsBuilder> sinks, TimeSpan? profileIdDelay = null)
    {
        var builder = Host.CreateApplicationBuilder();
        var leads = builder.Services.AddMarketplaceLeads(o => o.BatchDelay = TimeSpan.FromMilliseconds(5));
        sinks(leads);
        leads.AddPartnerCenterReader(o =>
        {
            referrals.Configure(o, _checkpoints);
            o.PollInterval = TimeSpan.FromHours(1); // one pass, at start
            o.WriteBack = true;
            o.ProfileIdDelay = profileIdDelay ?? o.ProfileIdDelay;
        });
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    /// <summary>An HTTPS-endpoint payload (docs' schema) of the fixture's person: Sue Smith, sue.smith@fabrikam.com.</summary>
    private static byte[] HttpsPayload(string leadSource, string offerTitle) => Encoding.UTF8.GetBytes(
        "{\"LeadSource\":\"" + leadSource + "\",\"ActionCode\":\"PLT\",\"OfferTitle\":\"" + offerTitle + "\",\"Description\":\"\","
        + "\"UserDetails\":{\"FirstName\":\"Sue\",\"LastName\":\"Smith\",\"Email\":\"sue.smith@fabrikam.com\",\"Phone\":\"1234567890\",\"Country\":\"US\",\"Company\":\"Fabrikam Customer Inc\",\"Title\":\"\"}}");

    /// <summary>A referral time <paramref name="hours"/> from now (the pipeline stamps HTTPS leads with the system clock).</summary>
    private static string Stamp(int hours) => DateTimeOffset.UtcNow.AddHours(hours).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private PartnerCenterLeadReader Reader(ReferralsServer server)
    {
        var options = new PartnerCenterReaderOptions();
        server.Configure(options, _checkpoints);
        return new PartnerCenterLeadReader(options, _http);
    }
}
