using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading;
using System.Threading.Tasks;
using MarketplaceLeads.Delivery;
using MarketplaceLeads.FollowUp;
using MarketplaceLeads.Notifications;

namespace MarketplaceLeads.Http;

/// <summary>
/// Posts follow-up alerts (<see cref="FollowUpAlerts"/>) over HTTPS: a signed JSON webhook (<see cref="Webhook"/>), a Microsoft
/// Teams incoming-webhook message (<see cref="Teams"/>) or a Slack incoming-webhook message (<see cref="Slack"/>).
/// </summary>
/// <remarks>
/// Any 2xx answer means the destination has the alert. 408, 429 and 5xx answers and network failures throw a transient
/// <see cref="LeadSinkException"/> (with the <c>Retry-After</c> hint), so <see cref="FollowUpAlerts"/> retries them; other
/// answers throw one that is not transient, and the alert is dead-lettered. Messages name the status, never the alert's
/// data. The customer's name, company and offer go to the configured destination only.
/// </remarks>
public sealed class HttpNotifier : INotifier
{
    /// <summary>The schema name and version in the webhook body's <c>schema</c> property.</summary>
    public const string AlertSchema = "marketplace-leads/alert@1";

    private readonly HttpClient _client;
    private readonly Uri _endpoint;
    private readonly Func<FollowUpAlert, byte[]> _format;
    private readonly string? _secret;
    private readonly TimeProvider _time;

    private HttpNotifier(HttpClient client, Uri endpoint, Func<FollowUpAlert, byte[]> format, string? secret, TimeProvider? time)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(endpoint);
        if (!endpoint.IsAbsoluteUri || (endpoint.Scheme != Uri.UriSchemeHttps && endpoint.Scheme != Uri.UriSchemeHttp))
        {
            throw new ArgumentException("The notification endpoint must be an absolute http or https URL.", nameof(endpoint));
        }

        _client = client;
        _endpoint = endpoint;
        _format = format;
        _secret = secret;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>
    /// Creates a notifier that posts each alert as JSON (<see cref="AlertSchema"/>: <c>id</c>, <c>kind</c>, <c>action</c>,
    /// <c>leadId</c>, <c>profileId</c>, <c>offer</c>, <c>offerTitle</c>, <c>dueAt</c>, <c>firstName</c>, <c>lastName</c>,
    /// <c>company</c>) with the alert's id in <see cref="WebhookFormat.IdempotencyKeyHeader"/> and, with a secret, signed as the
    /// webhook sink signs (<see cref="WebhookFormat.TimestampHeader"/>, <see cref="WebhookFormat.SignatureHeader"/>; verify with <see cref="WebhookSignature.Verify"/>).
    /// </summary>
    /// <param name="client">The HTTP client (from <c>IHttpClientFactory</c>; do not follow redirects).</param>
    /// <param name="endpoint">The receiver's absolute URL.</param>
    /// <param name="signingSecret">The shared secret that signs each request, or <see langword="null"/> to send unsigned.</param>
    /// <param name="timeProvider">The clock of the signature's timestamp; <see langword="null"/> for <see cref="TimeProvider.System"/>.</param>
    /// <returns>The notifier.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="client"/> or <paramref name="endpoint"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="endpoint"/> is not an absolute http(s) URL, or <paramref name="signingSecret"/> is empty.</exception>
    public static HttpNotifier Webhook(HttpClient client, Uri endpoint, string? signingSecret = null, TimeProvider? timeProvider = null)
    {
        if (signingSecret is { Length: 0 })
        {
            throw new ArgumentException("The signing secret must not be empty; pass null to send unsigned.", nameof(signingSecret));
        }

        return new HttpNotifier(client, endpoint, static alert => JsonSerializer.SerializeToUtf8Bytes(AlertJson.From(alert), NotifierJson.Default.AlertJson), signingSecret, timeProvider);
    }

    /// <summary>Creates a notifier that posts each alert to a Microsoft Teams incoming webhook (a Workflows "post to a channel when a webhook request is received" URL) as a message with one Adaptive Card.</summary>
    /// <param name="client">The HTTP client.</param>
    /// <param name="webhookUrl">The channel's webhook URL (a secret: keep it in configuration, not in code).</param>
    /// <returns>The notifier.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="client"/> or <paramref name="webhookUrl"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="webhookUrl"/> is not an absolute http(s) URL.</exception>
    public static HttpNotifier Teams(HttpClient client, Uri webhookUrl) =>
        new(client, webhookUrl, static alert => JsonSerializer.SerializeToUtf8Bytes(TeamsMessage.From(alert), NotifierJson.Default.TeamsMessage), null, null);

    /// <summary>Creates a notifier that posts each alert to a Slack incoming webhook as a message with its <c>text</c>.</summary>
    /// <param name="client">The HTTP client.</param>
    /// <param name="webhookUrl">The channel's incoming-webhook URL (<c>https://hooks.slack.com/services/…</c>; a secret).</param>
    /// <returns>The notifier.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="client"/> or <paramref name="webhookUrl"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="webhookUrl"/> is not an absolute http(s) URL.</exception>
    public static HttpNotifier Slack(HttpClient client, Uri webhookUrl) =>
        new(client, webhookUrl, static alert => JsonSerializer.SerializeToUtf8Bytes(new SlackMessage(AlertText.Summary(alert)), NotifierJson.Default.SlackMessage), null, null);

    /// <inheritdoc/>
    public async ValueTask NotifyAsync(FollowUpAlert alert, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var body = _format(alert);
        using var request = new HttpRequestMessage(HttpMethod.Post, _endpoint);
        request.Content = new ByteArrayContent(body);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.TryAddWithoutValidation(WebhookFormat.IdempotencyKeyHeader, alert.Id);
        if (_secret is { } secret)
        {
            var timestamp = _time.GetUtcNow().ToUnixTimeSeconds();
            request.Headers.TryAddWithoutValidation(WebhookFormat.TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
            request.Headers.TryAddWithoutValidation(WebhookFormat.SignatureHeader, WebhookSignature.Compute(secret, timestamp, body));
        }

        HttpResponseMessage response;
        try
        {
            response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException error)
        {
            throw new LeadSinkException($"The notification request to {_endpoint.Host} failed.", isTransient: true, innerException: error);
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            if (status is >= 200 and <= 299)
            {
                return;
            }

            var transient = status is 408 or 429 or >= 500;
            throw new LeadSinkException(
                $"The notification endpoint {_endpoint.Host} answered HTTP {status.ToString(CultureInfo.InvariantCulture)}.",
                transient,
                transient ? RetryAfterHeader.Read(response, _time.GetUtcNow()) : null);
        }
    }
}

/// <summary>The webhook body (<see cref="HttpNotifier.AlertSchema"/>).</summary>
internal sealed record AlertJson(
    string Schema, string Id, string Kind, string Action, string LeadId, string ProfileId, string Offer, string? OfferTitle, DateTimeOffset DueAt,
    string? FirstName, string? LastName, string? Company)
{
    public static AlertJson From(FollowUpAlert alert)
    {
        var task = alert.Task;
        var context = task.Context;
        return new AlertJson(
            HttpNotifier.AlertSchema, alert.Id, alert.Kind == FollowUpAlertKind.Warning ? "warning" : "breach", alert.Action.ToString(), task.LeadId.ToString()!,
            task.ProfileId.ToString(), task.Offer.ToString(), context.Offer.Title, task.DueAt, context.FirstName, context.LastName, context.Company);
    }
}

/// <summary>A Slack incoming-webhook message (https://api.slack.com/messaging/webhooks: <c>{"text": "…"}</c>).</summary>
internal sealed record SlackMessage(string Text);

/// <summary>
/// A Teams incoming-webhook message with one Adaptive Card (https://learn.microsoft.com/microsoftteams/platform/webhooks-and-connectors/how-to/connectors-using#send-adaptive-cards-using-an-incoming-webhook):
/// <c>{"type":"message","attachments":[{"contentType":"application/vnd.microsoft.card.adaptive","content":{"type":"AdaptiveCard",…}}]}</c>.
/// </summary>
internal sealed record TeamsMessage(string Type, IReadOnlyList<TeamsAttachment> Attachments)
{
    public static TeamsMessage From(FollowUpAlert alert) =>
        new("message", [new TeamsAttachment("application/vnd.microsoft.card.adaptive", new AdaptiveCard(
            "http://adaptivecards.io/schemas/adaptive-card.json", "AdaptiveCard", "1.2",
            [new AdaptiveTextBlock("TextBlock", alert.Kind == FollowUpAlertKind.Warning ? "Reply due soon" : "Reply overdue", "Bolder", true), new AdaptiveTextBlock("TextBlock", AlertText.Summary(alert), null, true)]))]);
}

/// <summary>A Teams message attachment.</summary>
internal sealed record TeamsAttachment(string ContentType, AdaptiveCard Content);

/// <summary>An Adaptive Card (schema 1.2).</summary>
internal sealed record AdaptiveCard([property: JsonPropertyName("$schema")] string Schema, string Type, string Version, IReadOnlyList<AdaptiveTextBlock> Body);

/// <summary>An Adaptive Card text block.</summary>
internal sealed record AdaptiveTextBlock(string Type, string Text, string? Weight, bool Wrap);

/// <summary>The notifiers' JSON (source-generated: trimming- and AOT-safe).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(AlertJson))]
[JsonSerializable(typeof(SlackMessage))]
[JsonSerializable(typeof(TeamsMessage))]
internal sealed partial class NotifierJson : JsonSerializerContext
{
}
