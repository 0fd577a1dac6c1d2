using System;
using System.Collections.Generic;
using System.Diagnostics.Metrics;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Time.Testing;

namespace MarketplaceLeads.Salesforce.Tests;

/// <summary>The Salesforce sink against a real Kestrel server on 127.0.0.1 that answers as Salesforce documents the token endpoint and the REST API.</summary>
public sealed class SalesforceLeadSinkTests
{
    private static readonly Lead Ana = TestLeads.Make("Ana", "García", "Ana.Garcia@Contoso.example", "(415) 555-0134", "Contoso Ltd", "US", "CTO", description: "Please call me after 3 pm");
    private static readonly Lead Ben = TestLeads.Make("Ben", "Okafor", "ben@fabrikam.example", company: "Fabrikam", action: "INS", minutes: 5);
    private static readonly Lead NoNames = TestLeads.Make(email: "someone@northwind.example", minutes: 7);

    [Fact]
    public async Task OneProfile_IsOneUpsertByTheExternalId_Created201_WithTheMappedFieldsAndAClientCredentialsToken()
    {
        await using var server = await SalesforceServer.StartAsync();
        await using var sut = SinkUnderTest.Create(server);
        var deliveries = await TestLeads.DeliveriesAsync(Ana);

        await sut.Sink.WriteBatchAsync(deliveries, CancellationToken.None);

        var (id, lead) = server.Leads[deliveries[0].Profile.Id.ToString()];
        Assert.StartsWith("00Q", id, StringComparison.Ordinal);
        Assert.Equal("Ana", (string?)lead["FirstName"]);
        Assert.Equal("García", (string?)lead["LastName"]);
        Assert.Equal("ana.garcia@contoso.example", (string?)lead["Email"]);
        Assert.Equal("+14155550134", (string?)lead["Phone"]);
        Assert.Equal("Contoso Ltd", (string?)lead["Company"]);
        Assert.Equal("CTO", (string?)lead["Title"]);
        Assert.Equal("US", (string?)lead["Country"]);
        Assert.Equal("AppSource", (string?)lead["LeadSource"]);
        Assert.Equal("AppSource · Contact me · contoso.contoso-analytics\nPlease call me after 3 pm", (string?)lead["Description"]);
        Assert.False((bool)lead["HasOptedOutOfEmail"]!);
        Assert.False((bool)lead["DoNotCall"]!);

        var token = Assert.Single(server.Requests, r => r.IsToken);
        Assert.Equal("/services/oauth2/token", token.Path);
        Assert.Equal("client_credentials", token.Form()["grant_type"]);
        var upsert = Assert.Single(server.ApiRequests);
        Assert.Equal("PATCH", upsert.Method);
        Assert.Equal($"/services/data/v64.0/sobjects/Lead/MarketplaceProfileId__c/{deliveries[0].Profile.Id}", upsert.Path);
        Assert.Equal("Bearer 00DB0000000TfcZ!token-1", upsert.Header("Authorization"));
        Assert.Equal("application/json; charset=utf-8", upsert.Header("Content-Type"));
        Assert.DoesNotContain(SalesforceServer.ExternalIdField, upsert.Text, StringComparison.Ordinal); // the id is in the URL only
    }

    [Fact]
    public async Task Redelivery_UpdatesTheSameRecord_200_NeverCreatesASecond()
    {
        await using var server = await SalesforceServer.StartAsync();
        await using var sut = SinkUnderTest.Create(server);
        var deliveries = await TestLeads.DeliveriesAsync(Ana, Ben);

        await sut.Sink.WriteBatchAsync(deliveries, CancellationToken.None);
        var first = server.Leads.ToDictionary(l => l.Key, l => l.Value.Id);
        await sut.NewSink().WriteBatchAsync(deliveries, CancellationToken.None); // as after a restart: a new sink, the same leads again
        await sut.NewSink().WriteBatchAsync([deliveries[0]], CancellationToken.None); // and alone, as the pipeline isolates a lead

        Assert.Equal(first, server.Leads.ToDictionary(l => l.Key, l => l.Value.Id));
        Assert.Contains(sut.Logs.Messages, m => m.Message.Contains("(created: False)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SeveralProfiles_GoInSObjectCollectionsUpserts_OfAtMostMaxRecordsPerRequest_AllOrNoneFalse()
    {
        await using var server = await SalesforceServer.StartAsync();
        await using var sut = SinkUnderTest.Create(server, o => o.MaxRecordsPerRequest = 2);
        var deliveries = await TestLeads.DeliveriesAsync([.. TestLeads.People(5)]);

        await sut.Sink.WriteBatchAsync(deliveries, CancellationToken.None);

        Assert.Equal(5, server.Leads.Count);
        Assert.Equal([2, 2, 1], server.ApiRequests.Select(r => JsonNode.Parse(r.Body)!["records"]!.AsArray().Count));
        Assert.All(server.ApiRequests, r => Assert.Equal("/services/data/v64.0/composite/sobjects/Lead/MarketplaceProfileId__c", r.Path));
        var record = JsonNode.Parse(server.ApiRequests[0].Body)!["records"]![0]!;
        Assert.Equal("Lead", (string?)record["attributes"]!["type"]);
        Assert.Equal(deliveries[0].Profile.Id.ToString(), (string?)record[SalesforceServer.ExternalIdField]);
    }

    [Fact]
    public async Task BatchWithOneRecordRefused_TheOthersAreWritten_AndTheBatchFailsNotTransient_NamingTheLeadAndCode()
    {
        await using var server = await SalesforceServer.StartAsync();
        await using var sut = SinkUnderTest.Create(server);
        var deliveries = await TestLeads.DeliveriesAsync(Ana, Ben, TestLeads.Person(1));
        var refused = deliveries[1].Profile.Id.ToString();
        server.RecordResult = key => key == refused ? Fixtures.RequiredFieldMissingResult : null;

        var error = await sut.FailAsync(deliveries);

        Assert.False(error.IsTransient);
        Assert.Contains($"lead {Ben.Id} (REQUIRED_FIELD_MISSING)", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, server.Leads.Count);
        Assert.False(server.Leads.ContainsKey(refused));
        Assert.Single(server.ApiRequests);
    }

    [Fact]
    public async Task RecordLockedInABatch_IsTransient()
    {
        await using var server = await SalesforceServer.StartAsync();
        await using var sut = SinkUnderTest.Create(server);
        var deliveries = await TestLeads.DeliveriesAsync(Ana, Ben);
        var locked = deliveries[0].Profile.Id.ToString();
        server.RecordResult = key => key == locked ? Fixtures.UnableToLockRowResult : null;

        var error = await sut.FailAsync(deliveries);

        Assert.True(error.IsTransient);
        Assert.Contains("UNABLE_TO_LOCK_ROW", error.Message, StringComparison.Ordinal);
        Assert.Single(server.Leads);
    }

    [Fact]
    public async Task SeveralRecordsWithTheExternalId_300_IsAConflictNamingTheRecordIds_NotTransient_NothingWritten()
    {
        await using var server = await SalesforceServer.StartAsync();
        await using var sut = SinkUnderTest.Create(server);
        var deliveries = await TestLeads.DeliveriesAsync(Ana);
        await sut.Sink.WriteBatchAsync(deliveries, CancellationToken.None);
        var key = deliveries[0].Profile.Id.ToString();
        var existing = server.Leads[key].Id;
        server.SharedExternalIds[key] = ["00Q5e00000Zz9yXAAR"];

        var error = Assert.IsType<SalesforceRecordConflictException>(await sut.FailAsync(deliveries));

        Assert.False(error.IsTransient);
        Assert.Equal(SalesforceRecordConflictException.DuplicateExternalId, error.ErrorCode);
        Assert.Equal(Ana.Id, error.LeadId);
        Assert.Equal([existing, "00Q5e00000Zz9yXAAR"], error.RecordIds);
        Assert.Contains($"HTTP 300 / DUPLICATE_EXTERNAL_ID): {existing}, 00Q5e00000Zz9yXAAR", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Ana", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SeveralRecordsWithTheExternalId_InABatch_IsAConflictForThatLeadOnly()
    {
        await using var server = await SalesforceServer.StartAsync();
        await using var sut = SinkUnderTest.Create(server);
        var deliveries = await TestLeads.DeliveriesAsync(Ana, Ben);
        await sut.Sink.WriteBatchAsync(deliveries, CancellationToken.None);
        var key = deliveries[1].Profile.Id.ToString();
        server.SharedExternalIds[key] = ["00Q5e00000Zz9yXAAR"];

        var error = Assert.IsType<SalesforceRecordConflictException>(await sut.FailAsync(deliveries));

        Assert.Equal(Ben.Id, error.LeadId);
        Assert.Equal([server.Leads[key].Id, "00Q5e00000Zz9yXAAR"], error.RecordIds);
    }

    [Fact]
    public async Task DuplicateRuleBlocks_FailsNotTransient_WithTheMatchingRecordIds_ByDefault()
    {
        await using var server = await SalesforceServer.StartAsync();
        await using var sut = SinkUnderTest.Create(server);
        var deliveries = await TestLeads.DeliveriesAsync(Ana);
        server.Intercept = (request, context) => !request.IsToken
            ? server.AnswerAsync(context, 400, Fixtures.DuplicatesDetected("00Q5e00000AbCdEFGH", "00Q5e00000AbCdEXYZ"))
            : Task.FromResult(false);

        var error = Assert.IsType<SalesforceRecordConflictException>(await sut.FailAsync(deliveries));

        Assert.False(error.IsTransient);
        Assert.Equal(SalesforceRecordConflictException.DuplicatesDetected, error.ErrorCode);
        Assert.Equal(["00Q5e00000AbCdEFGH", "00Q5e00000AbCdEXYZ"], error.RecordIds);
        Assert.Contains("00Q5e00000AbCdEFGH, 00Q5e00000AbCdEXYZ", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("duplicate record", error.Message, StringComparison.Ordinal); // Salesforce's text is not echoed
        Assert.Empty(server.Leads);
    }

    [Fact]
    public async Task DuplicateRuleBlocks_InABatch_WithDeliveredOption_CountsAsDelivered_AndLogsTheRecordIds()
    {
        await using var server = await SalesforceServer.StartAsync();
        await using var sut = SinkUnderTest.Create(server, o => o.DuplicatesDetected = SalesforceDuplicateAction.Delivered);
        var deliveries = await TestLeads.DeliveriesAsync(Ana, Ben);
        var duplicate = deliveries[0].Profile.Id.ToString();
        server.RecordResult = key => key == duplicate ? Fixtures.DuplicatesDetectedResult("00Q5e00000AbCdEFGH") : null;

        await sut.Sink.WriteBatchAsync(deliveries, CancellationToken.None); // no exception: delivered

        Assert.False(server.Leads.ContainsKey(duplicate));
        var logged = Assert.Single(sut.Logs.Messages, m => m.Message.Contains("already in the CRM", StringComparison.Ordinal)).Message;
        Assert.Contains("00Q5e00000AbCdEFGH", logged, StringComparison.Ordinal);
        Assert.Contains(Ana.Id.ToString(), logged, StringComparison.Ordinal);
        Assert.DoesNotContain("Ana", logged.Replace(Ana.Id.ToString(), string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RequestLimitExceeded_403_IsTransientWithTheConfiguredPause_AndPausesEveryRequestToTheOrg()
    {
        var time = new FakeTimeProvider(TestLeads.Start);
        await using var server = await SalesforceServer.StartAsync();
        await using var sut = SinkUnderTest.Create(server, o => o.RequestLimitPause = TimeSpan.FromMinutes(10), time);
        var deliveries = await TestLeads.DeliveriesAsync(Ana);
        var limited = true;
        server.Intercept = (request, context) => !request.IsToken && limited
            ? server.AnswerAsync(context, 403, Fixtures.RequestLimitExceeded)
            : Task.FromResult(false);

        var error = await sut.FailAsync(deliveries);
        Assert.True(error.IsTransient);
        Assert.Equal(TimeSpan.FromMinutes(10), error.RetryAfter);
        Assert.Contains("HTTP 403 (REQUEST_LIMIT_EXCEEDED", error.Message, StringComparison.Ordinal);

        limited = false;
        time.Advance(TimeSpan.FromMinutes(4));
        var other = sut.NewSink();
        var paused = await sut.FailAsync(deliveries, other);
        Assert.Equal(TimeSpan.FromMinutes(6), paused.RetryAfter);
        Assert.Single(server.ApiRequests);
        Assert.Equal(0, other.Tokens.FetchCount);

        time.Advance(TimeSpan.FromMinutes(6));
        await other.WriteBatchAsync(deliveries, CancellationToken.None);
        Assert.Single(server.Leads);
    }

    [Theory]
    [InlineData(400, "REQUIRED_FIELD_MISSING", Fixtures.RequiredFieldMissing)]
    [InlineData(403, "INSUFFICIENT_ACCESS", Fixtures.InsufficientAccess)]
    [InlineData(404, "NOT_FOUND", Fixtures.NotFound)]
    public async Task ClientErrors_AreNotTransient_AndTheMessageNamesStatusAndCode_NeverLeadData(int status, string code, string body)
    {
        await using var server = await SalesforceServer.StartAsync();
        await using var sut = SinkUnderTest.Create(server);
        var deliveries = await TestLeads.DeliveriesAsync(Ana);
        server.Intercept = (request, context) => !request.IsToken ? server.AnswerAsync(context, status, body) : Task.FromResult(false);

        var error = await sut.FailAsync(deliveries);

        Assert.False(error.IsTransient);
        Assert.Contains($"HTTP {status} ({code}) for lead {Ana.Id}", error.Message, StringComparison.Ordinal);
        foreach (var personal in new[] { "Ana", "García", "contoso.example", "555-0134", "5550134", "Required fields", "cross-reference" })
        {
            Assert.DoesNotContain(personal, error.Message, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Theory]
    [InlineData(500)]
    [InlineData(503)]
    public async Task ServerErrors_AreTransient_WithTheirRetryAfter(int status)
    {
        await using var server = await SalesforceServer.StartAsync();
        await using var sut = SinkUnderTest.Create(server);
        var deliveries = await TestLeads.DeliveriesAsync(Ana, Ben);
        server.Intercept = (request, context) => !request.IsToken
            ? server.AnswerAsync(context, status, Fixtures.ServerUnavailable, ("Retry-After", "7"))
            : Task.FromResult(false);

        var error = await sut.FailAsync(deliveries);

        Assert.True(error.IsTransient);
        Assert.Equal(TimeSpan.FromSeconds(7), error.RetryAfter);
        Assert.Contains($"HTTP {status} (SERVER_UNAVAILABLE)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SessionExpiredMidRun_401InvalidSessionId_TheSinkFetchesANewToken_AndTheBatchIsDelivered()
    {
        await using var server = await SalesforceServer.StartAsync();
        await using var sut = SinkUnderTest.Create(server);
        await sut.Sink.WriteBatchAsync(await TestLeads.DeliveriesAsync(Ana), CancellationToken.None);

        server.RevokeTokens();
        await sut.Sink.WriteBatchAsync(await TestLeads.DeliveriesAsync(Ben), CancellationToken.None);

        Assert.Equal(2, server.Leads.Count);
        Assert.Equal(2, server.TokensIssued);
        Assert.Equal(["token-1", "token-1", "token-2"], server.ApiRequests.Select(r => r.Header("Authorization")![^7..]));
        Assert.Contains(sut.Logs.Messages, m => m.Message.Contains("refused the access token (HTTP 401)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Unauthorized_WithAFreshTokenToo_IsNotTransient()
    {
        await using var server = await SalesforceServer.StartAsync();
        await using var sut = SinkUnderTest.Create(server);
        server.Intercept = (request, context) => !request.IsToken ? server.AnswerAsync(context, 401, Fixtures.InvalidSession) : Task.FromResult(false);

        var error = await sut.FailAsync(await TestLeads.DeliveriesAsync(Ana));

        Assert.False(error.IsTransient);
        Assert.Contains("HTTP 401 (INVALID_SESSION_ID)", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, server.TokensIssued);
    }

    [Fact]
    public async Task TokenWithoutExpiry_IsReplacedAfterTokenLifetime_WithoutA401()
    {
        var time = new FakeTimeProvider(TestLeads.Start);
        await using var server = await SalesforceServer.StartAsync();
        await using var sut = SinkUnderTest.Create(server, o => o.TokenLifetime = TimeSpan.FromMinutes(30), time);
        await sut.Sink.WriteBatchAsync(await TestLeads.DeliveriesAsync(Ana), CancellationToken.None);

        time.Advance(TimeSpan.FromMinutes(24));
        await sut.Sink.WriteBatchAsync(await TestLeads.DeliveriesAsync(Ben), CancellationToken.None);
        time.Advance(TimeSpan.FromMinutes(2)); // within the 5-minute margin before 30 minutes
        await sut.Sink.WriteBatchAsync(await TestLeads.DeliveriesAsync(Ben), CancellationToken.None);

        Assert.Equal(2, server.TokensIssued);
        Assert.Equal(["token-1", "token-1", "token-2"], server.ApiRequests.Select(r => r.Header("Authorization")![^7..]));
    }

    [Fact]
    public async Task WrongConsumerSecret_IsNotTransient_AndTheMessageNamesTheOAuthError_NeverTheSecret()
    {
        await using var server = await SalesforceServer.StartAsync();
        await using var sut = SinkUnderTest.Create(server, o => o.ClientSecret = "wrong-secret-value");

        var error = await sut.FailAsync(await TestLeads.DeliveriesAsync(Ana));

        Assert.False(error.IsTransient);
        Assert.Contains("HTTP 400 (invalid_client)", error.Message, StringComparison.Ordinal);
        Assert.Contains("connected app", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-secret-value", error.Message, StringComparison.Ordinal);
        Assert.Empty(server.ApiRequests);
    }

    [Fact]
    public async Task ContactMeLead_GetsOneReplyTask_OnItsLeadRecord_DueAtItsReplyByTime_EvenWhenRedelivered()
    {
        await using var server = await SalesforceServer.StartAsync();
        await using var sut = SinkUnderTest.Create(server, o => o.CreateReplyTasks = true);
        var deliveries = await TestLeads.DeliveriesAsync(Ana, Ben); // Ana: Contact me (PLT); Ben: Get it now (INS)

        await sut.Sink.WriteBatchAsync(deliveries, CancellationToken.None);
        server.Tasks[Ana.Id.ToString()]["Status"] = "Completed"; // the sales team replied
        await sut.Sink.WriteBatchAsync(deliveries, CancellationToken.None);

        var (key, task) = Assert.Single(server.Tasks);
        Assert.Equal(Ana.Id.ToString(), key);
        Assert.Equal("2026-03-03", (string?)task["ActivityDate"]); // received 2026-03-02 09:00 + 24 h
        Assert.Equal("2026-03-03T09:00:00Z", (string?)task["ReminderDateTime"]);
        Assert.Equal(server.Leads[deliveries[0].Profile.Id.ToString()].Id, (string?)task["WhoId"]);
        Assert.Equal("Completed", (string?)task["Status"]); // not reopened
        Assert.Equal(2, server.ApiRequests.Count(r => r.Path.Contains("/sobjects/Task/MarketplaceLeadId__c/", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task ProfileWithoutNamesOrCompany_GetsSalesforcesRequiredFieldsFallbacks()
    {
        await using var server = await SalesforceServer.StartAsync();
        await using var sut = SinkUnderTest.Create(server);

        await sut.Sink.WriteBatchAsync(await TestLeads.DeliveriesAsync(NoNames), CancellationToken.None);

        var lead = Assert.Single(server.Leads).Value.Fields;
        Assert.Equal("[not provided]", (string?)lead["LastName"]);
        Assert.Equal("[not provided]", (string?)lead["Company"]);
        Assert.False(lead.ContainsKey("FirstName"));
    }

    [Fact]
    public async Task ApiUsageHeader_IsExposedAsAMetricPerOrg()
    {
        await using var server = await SalesforceServer.StartAsync();
        await using var sut = SinkUnderTest.Create(server);
        await sut.Sink.WriteBatchAsync(await TestLeads.DeliveriesAsync(Ana, Ben), CancellationToken.None);
        await sut.Sink.WriteBatchAsync(await TestLeads.DeliveriesAsync(Ana), CancellationToken.None);
        var measured = new Dictionary<string, (long Value, string? Org)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == "MarketplaceLeads.Salesforce")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            var org = tags.ToArray().FirstOrDefault(t => t.Key == "salesforce.org").Value as string;
            if (org == server.BaseAddress.Authority)
            {
                measured[instrument.Name] = (value, org);
            }
        });
        listener.Start();

        listener.RecordObservableInstruments();

        Assert.Equal(2, measured["marketplace_leads.salesforce.api_usage"].Value); // the server counts its API calls
        Assert.Equal(15000, measured["marketplace_leads.salesforce.api_limit"].Value);
    }

    [Theory]
    [InlineData("api-usage=18/5000", 18, 5000)]
    [InlineData("api-usage=10018/100000; api-bursts=1/750", 10018, 100000)]
    [InlineData("per-app-api-usage=17/250(appName=sample-connected-app); api-usage=25/5000", 25, 5000)]
    public void SforceLimitInfo_IsRead_AsTheDocsShowIt(string header, long used, long limit)
    {
        // Page: REST API Developer Guide, "Limit Info Header" (Sforce-Limit-Info).
        Assert.True(SalesforceTelemetry.TryParseApiUsage(header, out var u, out var l));
        Assert.Equal((used, limit), (u, l));
    }
}
