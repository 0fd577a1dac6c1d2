using System;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;
using MarketplaceLeads.Deduplication;
using MarketplaceLeads.Delivery;
using MarketplaceLeads.FollowUp;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;

namespace MarketplaceLeads.Http.Tests;

public sealed class HttpNotifierTests
{
    private const string Secret = "notify-secret";

    [Fact]
    public async Task Webhook_PostsTheAlertAsSignedJson_ThatTheReceiverVerifies()
    {
        await using var server = await WebhookServer.StartAsync();
        using var client = new HttpClient();
        var time = new FakeTimeProvider(TestLeads.Start.AddHours(21));
        var alert = Alert(time);

        await HttpNotifier.Webhook(client, server.Endpoint, Secret, time).NotifyAsync(alert);

        var request = Assert.Single(server.Requests);
        Assert.True(WebhookSignature.Verify(Secret, request.Header(WebhookFormat.TimestampHeader), request.Header(WebhookFormat.SignatureHeader), request.Body, time.GetUtcNow(), TimeSpan.FromMinutes(5)));
        Assert.False(WebhookSignature.Verify("another secret", request.Header(WebhookFormat.TimestampHeader), request.Header(WebhookFormat.SignatureHeader), request.Body, time.GetUtcNow(), TimeSpan.FromMinutes(5)));
        Assert.Equal(alert.Id, request.Header(WebhookFormat.IdempotencyKeyHeader));
        using var json = JsonDocument.Parse(request.Body);
        var body = json.RootElement;
        Assert.Equal(HttpNotifier.AlertSchema, body.GetProperty("schema").GetString());
        Assert.Equal("warning", body.GetProperty("kind").GetString());
        Assert.Equal("PartnerLedTrial", body.GetProperty("action").GetString());
        Assert.Equal(alert.Task.LeadId.ToString(), body.GetProperty("leadId").GetString());
        Assert.Equal(TestLeads.Start.AddHours(24), body.GetProperty("dueAt").GetDateTimeOffset());
        Assert.Equal("Ana", body.GetProperty("firstName").GetString());
        Assert.Equal("Contoso", body.GetProperty("company").GetString());
    }

    [Fact]
    public async Task Teams_PostsAMessageWithOneAdaptiveCard_AsTheIncomingWebhookDocsShow()
    {
        // https://learn.microsoft.com/microsoftteams/platform/webhooks-and-connectors/how-to/connectors-using#send-adaptive-cards-using-an-incoming-webhook
        await using var server = await WebhookServer.StartAsync();
        using var client = new HttpClient();

        await HttpNotifier.Teams(client, server.Endpoint).NotifyAsync(Alert(new FakeTimeProvider(TestLeads.Start.AddHours(21))));

        using var json = JsonDocument.Parse(Assert.Single(server.Requests).Body);
        Assert.Equal("message", json.RootElement.GetProperty("type").GetString());
        var attachment = Assert.Single(json.RootElement.GetProperty("attachments").EnumerateArray());
        Assert.Equal("application/vnd.microsoft.card.adaptive", attachment.GetProperty("contentType").GetString());
        var card = attachment.GetProperty("content");
        Assert.Equal("AdaptiveCard", card.GetProperty("type").GetString());
        Assert.Equal("http://adaptivecards.io/schemas/adaptive-card.json", card.GetProperty("$schema").GetString());
        var texts = card.GetProperty("body").EnumerateArray().Select(b => b.GetProperty("text").GetString()).ToArray();
        Assert.Equal("Reply due soon", texts[0]);
        Assert.Contains("Ana Garcia, Contoso", texts[1], StringComparison.Ordinal);
        Assert.Contains("Contact me", texts[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Slack_PostsTheAlertAsTheMessageText()
    {
        // https://api.slack.com/messaging/webhooks (POST {"text": "..."} to the incoming-webhook URL)
        await using var server = await WebhookServer.StartAsync();
        using var client = new HttpClient();

        await HttpNotifier.Slack(client, server.Endpoint).NotifyAsync(Alert(new FakeTimeProvider(TestLeads.Start.AddHours(21))));

        using var json = JsonDocument.Parse(Assert.Single(server.Requests).Body);
        Assert.Equal(["text"], json.RootElement.EnumerateObject().Select(p => p.Name));
        var due = TestLeads.Start.AddHours(24).UtcDateTime.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal($"Reply due by {due} UTC (Contact me): Ana Garcia, Contoso — contoso.contoso-analytics", json.RootElement.GetProperty("text").GetString());
    }

    [Theory]
    [InlineData(503, true)]
    [InlineData(429, true)]
    [InlineData(400, false)]
    [InlineData(404, false)]
    public async Task FailedAnswer_ThrowsTransientOnlyFor5xxAnd429_WithoutTheAlertsData(int status, bool transient)
    {
        await using var server = await WebhookServer.StartAsync((_, context) => { context.Response.StatusCode = status; return Task.CompletedTask; });
        using var client = new HttpClient();

        var error = await Assert.ThrowsAsync<LeadSinkException>(async () => await HttpNotifier.Webhook(client, server.Endpoint).NotifyAsync(Alert(new FakeTimeProvider(TestLeads.Start.AddHours(21)))));

        Assert.Equal(transient, error.IsTransient);
        Assert.DoesNotContain("Ana", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Contoso", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Alerts_ThroughTheWebhook_AreRetriedAfterA503_AndDeliveredOnce()
    {
        var answers = 0;
        await using var server = await WebhookServer.StartAsync((_, context) => { context.Response.StatusCode = ++answers == 1 ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status204NoContent; return Task.CompletedTask; });
        using var client = new HttpClient();
        var time = new FakeTimeProvider(TestLeads.Start.AddHours(5));
        var planner = new FollowUpPlanner(new FollowUpOptions(), time);
        var store = new InMemoryFollowUpStore();
        var alerts = new FollowUpAlerts(planner, new FollowUpOptions(), store, HttpNotifier.Webhook(client, server.Endpoint, Secret, time), time, new MarketplaceLeadsOptions { RetryBaseDelay = TimeSpan.FromSeconds(1) });
        var profiles = new LeadDeduplicator().Deduplicate([TestLeads.Make("Bo", "Li", email: "bo@fabrikam.example", action: "StartTestDrive")]).Profiles;

        var check = alerts.CheckAsync(profiles);
        while (!check.IsCompleted)
        {
            time.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(5);
        }

        Assert.Single(await check);
        Assert.Equal(2, server.Requests.Count);
        Assert.Equal(FollowUpAlertState.Delivered, Assert.Single(await store.ReadAlertsAsync()).State);
        Assert.Empty(await alerts.CheckAsync(profiles));
        Assert.Equal(2, server.Requests.Count);
    }

    private static FollowUpAlert Alert(TimeProvider time)
    {
        var lead = TestLeads.Make("Ana", "Garcia", email: "ana@contoso.example", company: "Contoso", action: "PLT", offer: "contoso.contoso-analytics");
        var profile = Assert.Single(new LeadDeduplicator().Deduplicate([lead]).Profiles);
        var task = Assert.Single(new FollowUpPlanner(new FollowUpOptions(), time).Due([profile], FollowUpLog.Empty));
        return new FollowUpAlert { Kind = FollowUpAlertKind.Warning, Action = LeadAction.PartnerLedTrial, Task = task };
    }
}
