using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Time.Testing;

namespace MarketplaceLeads.Dataverse.Tests;

/// <summary>The Dataverse sink against a real Kestrel server on 127.0.0.1 that answers as Microsoft documents the token endpoint and the Web API.</summary>
public sealed class DataverseLeadSinkTests
{
    private static readonly Lead Ana = TestLeads.Make("Ana", "García", "Ana.Garcia@Contoso.example", "(415) 555-0134", "Contoso Ltd", "US", "CTO", description: "Please call me after 3 pm");
    private static readonly Lead Ben = TestLeads.Make("Ben", "Okafor", "ben@fabrikam.example", company: "Fabrikam", action: "INS", minutes: 5);

    [Fact]
    public async Task Upsert_CreatesOneRecordKeyedByTheProfileId_WithTheMappedColumnsATokenAndTheODataHeaders()
    {
        await using var server = await DataverseServer.StartAsync();
        await using var sut = SinkUnderTest.Create(server);
        var deliveries = await TestLeads.DeliveriesAsync(Ana, Ben);

        await sut.Sink.WriteBatchAsync(deliveries, CancellationToken.None);

        Assert.Equal(2, server.Leads.Count);
        var ana = server.Leads[deliveries[0].Profile.Id.ToString()].Columns;
        Assert.Equal("Ana", (string?)ana["firstname"]);
        Assert.Equal("García", (string?)ana["lastname"]);
        Assert.Equal("ana.garcia@contoso.example", (string?)ana["emailaddress1"]);
        Assert.Equal("+14155550134", (string?)ana["telephone1"]); // E.164, as the core normalises it
        Assert.Equal("Contoso Ltd", (string?)ana["companyname"]);
        Assert.Equal("CTO", (string?)ana["jobtitle"]);
        Assert.Equal("US", (string?)ana["address1_country"]);
        Assert.Equal("AppSource · Contact me · contoso.contoso-analytics", (string?)ana["subject"]);
        Assert.Equal("Please call me after 3 pm", (string?)ana["description"]);
        Assert.False((bool)ana["donotemail"]!);
        Assert.False((bool)ana["donotbulkemail"]!);

        var token = Assert.Single(server.Requests, r => r.IsToken);
        Assert.Equal("POST", token.Method);
        Assert.Equal($"/{DataverseServer.Tenant}/oauth2/v2.0/token", token.Path);
        var upsert = Assert.Single(server.ApiRequests, r => r.Path.Contains(deliveries[0].Profile.Id.ToString(), StringComparison.Ordinal)); // the two profiles go concurrently
        Assert.Equal("PATCH", upsert.Method);
        Assert.Equal($"/api/data/v9.2/leads({DataverseServer.KeyColumn}='{deliveries[0].Profile.Id}')", upsert.Path);
        Assert.Equal("Bearer token-1", upsert.Header("Authorization"));
        Assert.Equal("4.0", upsert.Header("OData-Version"));
        Assert.Equal("4.0", upsert.Header("OData-MaxVersion"));
        Assert.Equal("application/json; charset=utf-8", upsert.Header("Content-Type"));
        Assert.Null(upsert.Header("If-None-Match")); // a plain upsert: create or update
        Assert.Null(upsert.Header("If-Match"));
    }

    [Fact]
    public async Task Redelivery_UpdatesTheSameRecord_NeverCreatesASecond()
    {
        await using var server = await DataverseServer.StartAsync();
        await using var sut = SinkUnderTest.Create(server);
        var deliveries = await TestLeads.DeliveriesAsync(Ana);

        await sut.Sink.WriteBatchAsync(deliveries, CancellationToken.None);
        var first = Assert.Single(server.Leads).Value.Id;
        await sut.NewSink().WriteBatchAsync(deliveries, CancellationToken.None); // as after a restart: a new sink, the same lead again

        Assert.Equal(first, Assert.Single(server.Leads).Value.Id);
        Assert.Equal(2, server.ApiRequests.Count(r => r.Method == "PATCH"));
    }

    [Fact]
    public async Task SamePersonTwiceInABatch_OneUpsertWithTheNewestValues()
    {
        await using var server = await DataverseServer.StartAsync();
        await using var sut = SinkUnderTest.Create(server);
        var later = TestLeads.Make("Ana", "García", "Ana.Garcia@Contoso.example", "(415) 555-0134", "Contoso Ltd", "US", "CTO", action: "DNC", minutes: 30);
        var deliveries = await TestLeads.DeliveriesAsync(Ana, later);
        Assert.Equal(deliveries[0].Profile.Id, deliveries[1].Profile.Id);

        await sut.Sink.WriteBatchAsync(deliveries, CancellationToken.None);

        Assert.Single(server.ApiRequests);
        var record = Assert.Single(server.Leads).Value.Columns;
        foreach (var column in new[] { "donotemail", "donotphone", "donotbulkemail", "donotsendmm", "donotfax", "donotpostalmail" })
        {
            Assert.True((bool)record[column]!, column);
        }

        Assert.Equal("AppSource · Do not contact · contoso.contoso-analytics", (string?)record["subject"]);
    }

    [Fact]
    public async Task CreateOnly_RecordThatExists_Answers412_AndCountsAsDelivered()
    {
        await using var server = await DataverseServer.StartAsync();
        await using var sut = SinkUnderTest.Create(server, o => o.UpdateExistingRecords = false);
        var deliveries = await TestLeads.DeliveriesAsync(Ana);
        await sut.Sink.WriteBatchAsync(deliveries, CancellationToken.None);
        server.Leads[deliveries[0].Profile.Id.ToString()].Columns["firstname"] = "Ana María"; // edited by the sales team

        await sut.Sink.WriteBatchAsync(deliveries, CancellationToken.None);

        Assert.Equal("*", server.ApiRequests[^1].Header("If-None-Match"));
        Assert.Equal("Ana María", (string?)Assert.Single(server.Leads).Value.Columns["firstname"]);
    }

    [Fact]
    public async Task TooManyRequests_FailsTransientWithRetryAfter_AndPausesEveryRequestToTheEnvironment()
    {
        var time = new FakeTimeProvider(TestLeads.Start);
        await using var server = await DataverseServer.StartAsync();
        await using var sut = SinkUnderTest.Create(server, time: time);
        var deliveries = await TestLeads.DeliveriesAsync(Ana);
        var throttle = true;
        server.Intercept = (request, context) => !request.IsToken && throttle
            ? DataverseServer.AnswerAsync(context, 429, Fixtures.TooManyRequests, ("Retry-After", "30"))
            : Task.FromResult(false);

        var error = await sut.FailAsync(deliveries);
        Assert.True(error.IsTransient);
        Assert.Equal(TimeSpan.FromSeconds(30), error.RetryAfter);
        Assert.Contains("HTTP 429 (0x80072322", error.Message, StringComparison.Ordinal);
        Assert.Single(server.ApiRequests);

        // Another sink of the same environment sends nothing while the pause lasts, and says how long is left.
        throttle = false;
        time.Advance(TimeSpan.FromSeconds(10));
        var other = sut.NewSink();
        var paused = await sut.FailAsync(deliveries, other);
        Assert.True(paused.IsTransient);
        Assert.Equal(TimeSpan.FromSeconds(20), paused.RetryAfter);
        Assert.Single(server.ApiRequests);
        Assert.Equal(0, other.Tokens.FetchCount); // not even a token request

        time.Advance(TimeSpan.FromSeconds(20));
        await other.WriteBatchAsync(deliveries, CancellationToken.None);
        Assert.Equal(2, server.ApiRequests.Count);
        Assert.Single(server.Leads);
        Assert.Contains(sut.Logs.Messages, m => m.Message.Contains("throttled the sink (HTTP 429, 0x80072322)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task DuplicateDetection_0x80040333_CountsAsAlreadyInTheCrm_NotTransient_NotRetried()
    {
        await using var server = await DataverseServer.StartAsync();
        await using var sut = SinkUnderTest.Create(server, o => o.DuplicateDetection = true);
        var deliveries = await TestLeads.DeliveriesAsync(Ana);
        server.Intercept = (request, context) => !request.IsToken
            ? DataverseServer.AnswerAsync(context, 500, Fixtures.DuplicateDetected)
            : Task.FromResult(false);

        await sut.Sink.WriteBatchAsync(deliveries, CancellationToken.None); // no exception: delivered

        var upsert = Assert.Single(server.ApiRequests);
        Assert.Equal("false", upsert.Header("MSCRM.SuppressDuplicateDetection"));
        Assert.Empty(server.Leads);
        var logged = Assert.Single(sut.Logs.Messages, m => m.Message.Contains("already in the CRM", StringComparison.Ordinal)).Message;
        Assert.Contains(Ana.Id.ToString(), logged, StringComparison.Ordinal);
        Assert.DoesNotContain("Ana", logged.Replace(Ana.Id.ToString(), string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(400, "0x0", Fixtures.UnknownProperty)]
    [InlineData(403, "0x80040220", Fixtures.MissingPrivilege)]
    [InlineData(404, "0x8006088a", Fixtures.ResourceNotFound)]
    public async Task ClientErrors_AreNotTransient_AndTheMessageNamesStatusAndCode_NeverLeadData(int status, string code, string body)
    {
        await using var server = await DataverseServer.StartAsync();
        await using var sut = SinkUnderTest.Create(server);
        var deliveries = await TestLeads.DeliveriesAsync(Ana);
        server.Intercept = (request, context) => !request.IsToken ? DataverseServer.AnswerAsync(context, status, body) : Task.FromResult(false);

        var error = await sut.FailAsync(deliveries);

        Assert.False(error.IsTransient);
        Assert.Null(error.RetryAfter);
        Assert.Contains($"HTTP {status} ({code})", error.Message, StringComparison.Ordinal);
        Assert.Contains(Ana.Id.ToString(), error.Message, StringComparison.Ordinal);
        foreach (var personal in new[] { "Ana", "García", "contoso.example", "555-0134", "5550134", "Principal user", "prvCreateLead", "msl_offer" })
        {
            Assert.DoesNotContain(personal, error.Message, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task Unauthorized_WithAFreshTokenToo_IsNotTransient()
    {
        await using var server = await DataverseServer.StartAsync();
        await using var sut = SinkUnderTest.Create(server);
        var deliveries = await TestLeads.DeliveriesAsync(Ana);
        server.Intercept = (request, context) => !request.IsToken
            ? DataverseServer.AnswerAsync(context, 401, null, ("WWW-Authenticate", Fixtures.Unauthorized401Header))
            : Task.FromResult(false);

        var error = await sut.FailAsync(deliveries);

        Assert.False(error.IsTransient);
        Assert.Contains("HTTP 401", error.Message, StringComparison.Ordinal);
        Assert.Contains("application user", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, server.TokensIssued); // one new token, one more try
        Assert.Equal(2, server.ApiRequests.Count);
    }

    [Theory]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(503)]
    public async Task ServerErrors_AreTransient_WithTheirRetryAfter(int status)
    {
        await using var server = await DataverseServer.StartAsync();
        await using var sut = SinkUnderTest.Create(server);
        var deliveries = await TestLeads.DeliveriesAsync(Ana);
        server.Intercept = (request, context) => !request.IsToken
            ? DataverseServer.AnswerAsync(context, status, Fixtures.ServiceUnavailable, ("Retry-After", "7"))
            : Task.FromResult(false);

        var error = await sut.FailAsync(deliveries);

        Assert.True(error.IsTransient);
        Assert.Equal(TimeSpan.FromSeconds(7), error.RetryAfter);
        Assert.Contains($"HTTP {status} (0x80040216)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoAnswerWithinTheRequestTimeout_IsTransient_AndNamesTheHostOnly()
    {
        await using var server = await DataverseServer.StartAsync();
        await using var sut = SinkUnderTest.Create(server, o => o.RequestTimeout = TimeSpan.FromMilliseconds(300));
        var deliveries = await TestLeads.DeliveriesAsync(Ana);
        server.Intercept = async (request, context) =>
        {
            if (request.IsToken)
            {
                return false;
            }

            await Task.Delay(TimeSpan.FromSeconds(10), context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
            return true;
        };

        var error = await sut.FailAsync(deliveries);

        Assert.True(error.IsTransient);
        Assert.Equal($"The request to the Dataverse environment {server.BaseAddress.Authority} timed out (lead {Ana.Id}).", error.Message);
    }

    [Fact]
    public async Task EnvironmentUnreachable_IsTransient()
    {
        await using var server = await DataverseServer.StartAsync();
        await using var sut = SinkUnderTest.Create(server);
        var deliveries = await TestLeads.DeliveriesAsync(Ana);
        server.Intercept = (request, context) =>
        {
            if (!request.IsToken)
            {
                context.Abort(); // the connection drops without an answer
                return Task.FromResult(true);
            }

            return Task.FromResult(false);
        };

        var error = await sut.FailAsync(deliveries);

        Assert.True(error.IsTransient);
        Assert.StartsWith($"The request to the Dataverse environment {server.BaseAddress.Authority} failed (", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TokenRevokedMidRun_TheSinkFetchesANewOne_AndTheBatchIsDelivered()
    {
        await using var server = await DataverseServer.StartAsync();
        await using var sut = SinkUnderTest.Create(server);
        await sut.Sink.WriteBatchAsync(await TestLeads.DeliveriesAsync(Ana), CancellationToken.None);

        server.RevokeTokens(); // the token expires early on the server's side
        await sut.Sink.WriteBatchAsync(await TestLeads.DeliveriesAsync(Ben), CancellationToken.None);

        Assert.Equal(2, server.Leads.Count);
        Assert.Equal(2, server.TokensIssued);
        Assert.Equal(["Bearer token-1", "Bearer token-1", "Bearer token-2"], server.ApiRequests.Select(r => r.Header("Authorization")));
        Assert.Contains(sut.Logs.Messages, m => m.Message.Contains("refused the access token (HTTP 401)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TokenNearItsExpiry_IsReplacedBeforeItExpires_WithoutA401()
    {
        var time = new FakeTimeProvider(TestLeads.Start);
        await using var server = await DataverseServer.StartAsync();
        await using var sut = SinkUnderTest.Create(server, time: time);
        await sut.Sink.WriteBatchAsync(await TestLeads.DeliveriesAsync(Ana), CancellationToken.None);

        time.Advance(TimeSpan.FromSeconds(3599) - TimeSpan.FromMinutes(4)); // within the 5-minute refresh margin
        await sut.Sink.WriteBatchAsync(await TestLeads.DeliveriesAsync(Ben), CancellationToken.None);
        time.Advance(TimeSpan.FromMinutes(1));
        await sut.Sink.WriteBatchAsync(await TestLeads.DeliveriesAsync(Ben), CancellationToken.None);

        Assert.Equal(2, server.TokensIssued);
        Assert.Equal(["Bearer token-1", "Bearer token-2", "Bearer token-2"], server.ApiRequests.Select(r => r.Header("Authorization")));
    }

    [Fact]
    public async Task WrongClientSecret_IsNotTransient_AndTheMessageNamesTheAadstsCode_NeverTheSecret()
    {
        await using var server = await DataverseServer.StartAsync();
        await using var sut = SinkUnderTest.Create(server, o => o.ClientSecret = "wrong-secret-value");

        var error = await sut.FailAsync(await TestLeads.DeliveriesAsync(Ana));

        Assert.False(error.IsTransient);
        Assert.Contains("HTTP 401 (invalid_client, AADSTS7000215)", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-secret-value", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("00001111", error.Message, StringComparison.Ordinal); // the description text is not echoed
        Assert.Empty(server.ApiRequests);
    }

    [Fact]
    public async Task ContactMeLead_GetsOneReplyTask_DueAtItsReplyByTime_RegardingItsRecord_EvenWhenRedelivered()
    {
        await using var server = await DataverseServer.StartAsync();
        await using var sut = SinkUnderTest.Create(server, o => o.CreateReplyTasks = true);
        var deliveries = await TestLeads.DeliveriesAsync(Ana, Ben); // Ana: Contact me (PLT); Ben: Get it now (INS)

        await sut.Sink.WriteBatchAsync(deliveries, CancellationToken.None);
        await sut.Sink.WriteBatchAsync(deliveries, CancellationToken.None);

        var (id, task) = Assert.Single(server.Tasks);
        Assert.Equal(DataverseLeadSink.ReplyTaskId(Ana.Id), id);
        Assert.Equal("2026-03-03T09:00:00Z", (string?)task["scheduledend"]); // received 2026-03-02 09:00 + 24 h
        Assert.Equal($"/leads({server.Leads[deliveries[0].Profile.Id.ToString()].Id})", (string?)task["regardingobjectid_lead_task@odata.bind"]);
        Assert.StartsWith("Reply to the marketplace lead: AppSource · Contact me", (string?)task["subject"], StringComparison.Ordinal);
        var taskRequests = server.ApiRequests.Where(r => r.Path.StartsWith("/api/data/v9.2/tasks(", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, taskRequests.Count); // the redelivery asked again, and Dataverse answered 412
        Assert.All(taskRequests, r => Assert.Equal("*", r.Header("If-None-Match")));
    }

    [Fact]
    public async Task OneLeadRefused_OthersStillWritten_AndTheBatchFailsNotTransient_SoThePipelineIsolatesIt()
    {
        await using var server = await DataverseServer.StartAsync();
        await using var sut = SinkUnderTest.Create(server);
        var deliveries = await TestLeads.DeliveriesAsync(Ana, Ben, TestLeads.Person(1), TestLeads.Person(2));
        var refused = deliveries[1].Profile.Id.ToString();
        server.Intercept = (request, context) => request.Path.Contains(refused, StringComparison.Ordinal)
            ? DataverseServer.AnswerAsync(context, 400, Fixtures.UnknownProperty)
            : Task.FromResult(false);

        var error = await sut.FailAsync(deliveries);

        Assert.False(error.IsTransient);
        Assert.Contains("HTTP 400 (0x0)", error.Message, StringComparison.Ordinal);
        Assert.Equal(3, server.Leads.Count);
        Assert.False(server.Leads.ContainsKey(refused));
    }

    [Fact]
    public async Task Customize_SetsColumnsOfItsOwn_AndTheCustomColumnsGetLeadSourceOfferAndAction()
    {
        await using var server = await DataverseServer.StartAsync();
        await using var sut = SinkUnderTest.Create(server, o =>
        {
            o.Mapping.LeadSource = "msl_leadsource";
            o.Mapping.Offer = "msl_offer";
            o.Mapping.Action = "msl_action";
            o.Mapping.JobTitle = null;
            o.Mapping.Customize = record =>
            {
                record.Set("leadsourcecode", 8); // Web
                record.Set("msl_firstseen", record.Profile.FirstSeen);
                record.Remove("description");
            };
        });

        await sut.Sink.WriteBatchAsync(await TestLeads.DeliveriesAsync(Ana), CancellationToken.None);

        var record = Assert.Single(server.Leads).Value.Columns;
        Assert.Equal("AppSource-PLT | contoso.contoso-analytics", (string?)record["msl_leadsource"]);
        Assert.Equal("contoso.contoso-analytics", (string?)record["msl_offer"]);
        Assert.Equal("Contact me", (string?)record["msl_action"]);
        Assert.Equal(8, (int)record["leadsourcecode"]!);
        Assert.Equal("2026-03-02T09:00:00Z", (string?)record["msl_firstseen"]);
        Assert.False(record.ContainsKey("jobtitle"));
        Assert.False(record.ContainsKey("description"));
    }
}
