using System;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Time.Testing;

namespace MarketplaceLeads.HubSpot.Tests;

/// <summary>The HubSpot sink against a real Kestrel server on 127.0.0.1 that answers as HubSpot documents its APIs.</summary>
public sealed class HubSpotLeadSinkTests
{
    private static readonly Lead Ana = TestLeads.Make("Ana", "García", "Ana.Garcia@Contoso.example", "(415) 555-0134", "Contoso Ltd", "US", "CTO", description: "Please call me after 3 pm");
    private static readonly Lead Ben = TestLeads.Make("Ben", "Okafor", "ben@fabrikam.example", company: "Fabrikam", action: "INS", minutes: 5);
    private static readonly Lead NoEmail = TestLeads.Make("Chen", "Wei", phone: "+44 20 7946 0958", company: "Northwind", action: "INS", minutes: 7);

    [Fact]
    public async Task OneProfile_IsUpsertedByTheProfileIdProperty_OnTheDatedPath_WithTheMappedPropertiesAndTheBearerToken()
    {
        await using var server = await HubSpotServer.StartAsync();
        await using var sut = SinkUnderTest.Create(server);
        var deliveries = await TestLeads.DeliveriesAsync(Ana);

        await sut.Sink.WriteBatchAsync(deliveries, CancellationToken.None);

        var key = deliveries[0].Profile.Id.ToString();
        var contact = server.Contacts[key].Properties;
        Assert.Equal("Ana", (string?)contact["firstname"]);
        Assert.Equal("García", (string?)contact["lastname"]);
        Assert.Equal("ana.garcia@contoso.example", (string?)contact["email"]);
        Assert.Equal("+14155550134", (string?)contact["phone"]);
        Assert.Equal("Contoso Ltd", (string?)contact["company"]);
        Assert.Equal("CTO", (string?)contact["jobtitle"]);
        Assert.Equal("US", (string?)contact["country"]);
        Assert.Equal("AppSource · Contact me · contoso.contoso-analytics\nPlease call me after 3 pm", (string?)contact["message"]);
        var request = Assert.Single(server.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/crm/objects/2026-03/contacts/batch/upsert", request.Path);
        Assert.Equal("Bearer " + HubSpotServer.Token, request.Header("Authorization"));
        Assert.Equal("application/json; charset=utf-8", request.Header("Content-Type"));
        var input = JsonNode.Parse(request.Body)!["inputs"]![0]!;
        Assert.Equal(HubSpotServer.IdProperty, (string?)input["idProperty"]);
        Assert.Equal(key, (string?)input["id"]);
        Assert.Equal(key, (string?)input["objectWriteTraceId"]);
        Assert.Null(input["properties"]![HubSpotServer.IdProperty]); // the id is the input's id only
    }

    [Fact]
    public async Task PersonWithoutAnEmailAddress_LandsByTheProfileId()
    {
        await using var server = await HubSpotServer.StartAsync();
        await using var sut = SinkUnderTest.Create(server);
        var deliveries = await TestLeads.DeliveriesAsync(NoEmail);

        await sut.Sink.WriteBatchAsync(deliveries, CancellationToken.None);

        var contact = Assert.Single(server.Contacts).Value.Properties;
        Assert.Equal("Chen", (string?)contact["firstname"]);
        Assert.False(contact.ContainsKey("email"));
    }

    [Fact]
    public async Task ByEmail_APersonWithoutAnAddress_FailsNotTransient_TheOthersLand()
    {
        await using var server = await HubSpotServer.StartAsync();
        server.ContactIdProperty = "email";
        await using var sut = SinkUnderTest.Create(server, o => o.IdProperty = HubSpotSinkOptions.EmailIdProperty);
        var deliveries = await TestLeads.DeliveriesAsync(Ana, NoEmail);

        var error = await sut.FailAsync(deliveries);

        Assert.False(error.IsTransient);
        Assert.Contains($"Lead {NoEmail.Id}", error.Message, StringComparison.Ordinal);
        Assert.Equal("ana.garcia@contoso.example", Assert.Single(server.Contacts).Key);
    }

    [Fact]
    public async Task Redelivery_UpdatesTheSameContact_NeverCreatesASecond()
    {
        await using var server = await HubSpotServer.StartAsync();
        await using var sut = SinkUnderTest.Create(server);
        var deliveries = await TestLeads.DeliveriesAsync(Ana, Ben);

        await sut.Sink.WriteBatchAsync(deliveries, CancellationToken.None);
        var first = server.Contacts.ToDictionary(c => c.Key, c => c.Value.Id);
        await sut.NewSink().WriteBatchAsync(deliveries, CancellationToken.None); // as after a restart: a new sink, the same leads again
        await sut.NewSink().WriteBatchAsync([deliveries[0]], CancellationToken.None); // and alone, as the pipeline isolates a lead

        Assert.Equal(first, server.Contacts.ToDictionary(c => c.Key, c => c.Value.Id));
        Assert.Contains(sut.Logs.Messages, m => m.Message.Contains("(created: False)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ManyProfiles_GoInBatchUpserts_OfAtMostMaxRecordsPerRequest()
    {
        await using var server = await HubSpotServer.StartAsync();
        await using var sut = SinkUnderTest.Create(server, o => o.MaxRecordsPerRequest = 2);
        var deliveries = await TestLeads.DeliveriesAsync([.. TestLeads.People(5)]);

        await sut.Sink.WriteBatchAsync(deliveries, CancellationToken.None);

        Assert.Equal(5, server.Contacts.Count);
        Assert.Equal([2, 2, 1], server.Requests.Select(r => JsonNode.Parse(r.Body)!["inputs"]!.AsArray().Count));
    }

    [Fact]
    public async Task MultiStatus207_TheRefusedLeadFailsNotTransient_NamingItAndTheCategory_TheOthersAreWritten()
    {
        await using var server = await HubSpotServer.StartAsync();
        await using var sut = SinkUnderTest.Create(server);
        var deliveries = await TestLeads.DeliveriesAsync(Ana, Ben, TestLeads.Person(1));
        var refused = deliveries[1].Profile.Id.ToString();
        server.InputError = trace => trace == refused ? Fixtures.ValidationErrorFor(trace) : null;

        var error = await sut.FailAsync(deliveries);

        Assert.False(error.IsTransient);
        Assert.Contains($"the contact of lead {Ben.Id} (VALIDATION_ERROR)", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("does not exist", error.Message, StringComparison.Ordinal); // HubSpot's text is not echoed
        Assert.Equal(2, server.Contacts.Count);
        Assert.False(server.Contacts.ContainsKey(refused));
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task TenSecondlyRolling429_IsTransient_WithTheWindowsWait_AndPausesNoOtherRequest()
    {
        var time = new FakeTimeProvider(TestLeads.Start);
        await using var server = await HubSpotServer.StartAsync();
        await using var sut = SinkUnderTest.Create(server, time: time);
        var deliveries = await TestLeads.DeliveriesAsync(Ana);
        var limited = true;
        server.Intercept = (request, context) => limited
            ? LoopbackCrmServer.AnswerAsync(context, 429, Fixtures.TenSecondlyRolling, ("X-HubSpot-RateLimit-Interval-Milliseconds", "10000"), ("X-HubSpot-RateLimit-Max", "100"), ("X-HubSpot-RateLimit-Remaining", "0"))
            : Task.FromResult(false);

        var error = await sut.FailAsync(deliveries);
        Assert.True(error.IsTransient);
        Assert.Equal(TimeSpan.FromSeconds(10), error.RetryAfter);
        Assert.Contains("HTTP 429 (TEN_SECONDLY_ROLLING", error.Message, StringComparison.Ordinal);

        limited = false;
        await sut.NewSink().WriteBatchAsync(deliveries, CancellationToken.None); // no pause of the account: sent at once
        Assert.Single(server.Contacts);
    }

    [Fact]
    public async Task TenSecondlyRolling429_WithRetryAfter_WaitsThat()
    {
        await using var server = await HubSpotServer.StartAsync();
        await using var sut = SinkUnderTest.Create(server);
        server.Intercept = (request, context) => LoopbackCrmServer.AnswerAsync(context, 429, Fixtures.TenSecondlyRolling, ("Retry-After", "3"));

        var error = await sut.FailAsync(await TestLeads.DeliveriesAsync(Ana));

        Assert.Equal(TimeSpan.FromSeconds(3), error.RetryAfter);
    }

    [Fact]
    public async Task Daily429_PausesEveryRequestOfTheAccount_UntilMidnightInItsTimeZone()
    {
        var time = new FakeTimeProvider(TestLeads.Start); // 2026-03-02 09:00 UTC = 04:00 in New York (EST)
        await using var server = await HubSpotServer.StartAsync();
        await using var sut = SinkUnderTest.Create(server, o => o.AccountTimeZone = "America/New_York", time);
        var deliveries = await TestLeads.DeliveriesAsync(Ana);
        var limited = true;
        server.Intercept = (request, context) => limited ? LoopbackCrmServer.AnswerAsync(context, 429, Fixtures.Daily) : Task.FromResult(false);

        var error = await sut.FailAsync(deliveries);
        Assert.True(error.IsTransient);
        Assert.Equal(TimeSpan.FromHours(20), error.RetryAfter); // to 2026-03-03 00:00 EST = 05:00 UTC
        Assert.Contains("HTTP 429 (DAILY", error.Message, StringComparison.Ordinal);

        limited = false;
        time.Advance(TimeSpan.FromHours(8));
        var paused = await sut.FailAsync(deliveries, sut.NewSink());
        Assert.Equal(TimeSpan.FromHours(12), paused.RetryAfter);
        Assert.Single(server.Requests);

        time.Advance(TimeSpan.FromHours(12));
        await sut.NewSink().WriteBatchAsync(deliveries, CancellationToken.None);
        Assert.Single(server.Contacts);
    }

    [Fact]
    public async Task Daily429_OfOneAccount_DoesNotPauseAnotherAccountOnTheSameHost()
    {
        await using var server = await HubSpotServer.StartAsync();
        await using var sut = SinkUnderTest.Create(server);
        server.Intercept = (request, context) => LoopbackCrmServer.AnswerAsync(context, 429, Fixtures.Daily);
        await sut.FailAsync(await TestLeads.DeliveriesAsync(Ana));

        var same = new HubSpotSinkOptions();
        server.Configure(same);
        var other = new HubSpotSinkOptions();
        server.Configure(other);
        other.AccessToken = "pat-na1-another-account";

        Assert.NotEqual(MarketplaceLeadsHubSpotBuilderExtensions.AccountKey(same), MarketplaceLeadsHubSpotBuilderExtensions.AccountKey(other));
        Assert.DoesNotContain(HubSpotServer.Token, MarketplaceLeadsHubSpotBuilderExtensions.AccountKey(same), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(400, "VALIDATION_ERROR", Fixtures.ValidationError)]
    [InlineData(401, "INVALID_AUTHENTICATION", Fixtures.InvalidAuthentication)]
    [InlineData(403, "MISSING_SCOPES", Fixtures.MissingScopes)]
    [InlineData(404, "OBJECT_NOT_FOUND", Fixtures.ObjectNotFound)]
    public async Task ClientErrors_AreNotTransient_AndTheMessageNamesStatusAndCategory_NeverLeadDataOrTheToken(int status, string category, string body)
    {
        await using var server = await HubSpotServer.StartAsync();
        await using var sut = SinkUnderTest.Create(server);
        server.Intercept = (request, context) => LoopbackCrmServer.AnswerAsync(context, status, body);

        var error = await sut.FailAsync(await TestLeads.DeliveriesAsync(Ana));

        Assert.False(error.IsTransient);
        Assert.Contains($"HTTP {status} ({category}) for 1 contact(s) from lead {Ana.Id}", error.Message, StringComparison.Ordinal);
        foreach (var secret in new[] { "Ana", "García", "contoso.example", "555-0134", "5550134", HubSpotServer.Token, "human readable", "scopes are required" })
        {
            Assert.DoesNotContain(secret, error.Message, StringComparison.OrdinalIgnoreCase);
        }

        Assert.Single(server.Requests); // a static token is not renewed: no second send after a 401
    }

    [Theory]
    [InlineData(423, Fixtures.Locked, null, 2)]
    [InlineData(477, Fixtures.MigrationInProgress, "3600", 3600)]
    [InlineData(502, Fixtures.ServiceUnavailable, null, null)]
    [InlineData(503, Fixtures.ServiceUnavailable, "7", 7)]
    [InlineData(504, Fixtures.ServiceUnavailable, null, null)]
    public async Task LockedMigratingAndServerErrors_AreTransient_WithTheirWait(int status, string body, string? retryAfter, int? seconds)
    {
        await using var server = await HubSpotServer.StartAsync();
        await using var sut = SinkUnderTest.Create(server);
        server.Intercept = (request, context) => retryAfter is null
            ? LoopbackCrmServer.AnswerAsync(context, status, body)
            : LoopbackCrmServer.AnswerAsync(context, status, body, ("Retry-After", retryAfter));

        var error = await sut.FailAsync(await TestLeads.DeliveriesAsync(Ana, Ben));

        Assert.True(error.IsTransient);
        Assert.Equal(seconds is { } s ? TimeSpan.FromSeconds(s) : null, error.RetryAfter);
        Assert.Contains($"HTTP {status} (", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ContactMeLead_GetsOneReplyTask_AssociatedWithItsContact_DueAtItsReplyByTime_EvenWhenRedelivered()
    {
        await using var server = await HubSpotServer.StartAsync();
        await using var sut = SinkUnderTest.Create(server, o => o.CreateReplyTasks = true);
        var deliveries = await TestLeads.DeliveriesAsync(Ana, Ben); // Ana: Contact me (PLT); Ben: Get it now (INS)

        await sut.Sink.WriteBatchAsync(deliveries, CancellationToken.None);
        server.Tasks[Ana.Id.ToString()].Properties["hs_task_status"] = "COMPLETED"; // the sales team replied
        await sut.NewSink().WriteBatchAsync(deliveries, CancellationToken.None);

        var (key, (taskId, task)) = Assert.Single(server.Tasks);
        Assert.Equal(Ana.Id.ToString(), key);
        Assert.Equal("2026-03-03T09:00:00Z", (string?)task["hs_timestamp"]); // received 2026-03-02 09:00 + 24 h
        Assert.StartsWith("Reply to the marketplace lead: AppSource · Contact me", (string?)task["hs_task_subject"], StringComparison.Ordinal);
        Assert.Equal("COMPLETED", (string?)task["hs_task_status"]); // not reopened
        Assert.Equal(server.Contacts[deliveries[0].Profile.Id.ToString()].Id, server.Associations[taskId]);
        Assert.Equal(2, server.Requests.Count(r => r.Path == "/crm/objects/2026-03/tasks/batch/upsert"));
    }

    [Fact]
    public async Task DoNotContactProfile_IsUnsubscribedFromAllEmail_AndItsCheckboxesSet()
    {
        await using var server = await HubSpotServer.StartAsync();
        await using var sut = SinkUnderTest.Create(server, o => o.Mapping.DoNotContact.Add("marketplace_do_not_contact"));
        var dnc = TestLeads.Make("Dana", "Ng", "dana@tailspin.example", action: "DNC", minutes: 9);
        var deliveries = await TestLeads.DeliveriesAsync(dnc, Ben);

        await sut.Sink.WriteBatchAsync(deliveries, CancellationToken.None);

        Assert.Equal("dana@tailspin.example", Assert.Single(server.Unsubscribed).Key);
        Assert.Equal("true", (string?)server.Contacts[deliveries[0].Profile.Id.ToString()].Properties["marketplace_do_not_contact"]);
        Assert.Equal("false", (string?)server.Contacts[deliveries[1].Profile.Id.ToString()].Properties["marketplace_do_not_contact"]);
        var unsubscribe = Assert.Single(server.Requests, r => r.Path.Contains("unsubscribe-all", StringComparison.Ordinal));
        Assert.Equal("/communication-preferences/2026-03/statuses/dana@tailspin.example/unsubscribe-all", unsubscribe.Path);
        Assert.DoesNotContain(sut.Logs.Messages, m => m.Message.Contains("dana", StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [InlineData("UTC", "2026-03-02T09:00:00Z", 15)]
    [InlineData("America/New_York", "2026-03-08T03:30:00Z", 1.5)] // 22:30 EST the evening before clocks go forward: midnight is still EST, 05:00 UTC
    [InlineData("Asia/Tokyo", "2026-03-02T14:59:00Z", 0.0166667)]
    public void DailyPause_LastsUntilTheAccountsMidnight(string zone, string now, double hours)
    {
        var wait = HubSpotLeadSink.UntilMidnight(DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture), TimeZoneInfo.FindSystemTimeZoneById(zone));

        Assert.Equal(hours, wait.TotalHours, 3);
    }
}
