using System;
using System.Buffers;
using System.Collections.Generic;
using System.Globalization;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using MarketplaceLeads.Crm;
using MarketplaceLeads.Delivery;
using Microsoft.Extensions.Logging;

namespace MarketplaceLeads.HubSpot;

/// <summary>
/// Upserts one HubSpot contact per customer profile by <see cref="HubSpotSinkOptions.IdProperty"/> (<c>POST /crm/objects/{version}/contacts/batch/upsert</c>,
/// up to 100 a request, each input traced by <c>objectWriteTraceId</c> so that a <c>207</c> multi-status answer maps to its leads), with a bearer token.
/// </summary>
/// <remarks>
/// What each answer becomes (docs/crm.md): 200 delivered; 207 delivered for the inputs among <c>results</c>, the ones among <c>errors</c> fail (not transient,
/// naming the lead and the error's category); 429 <c>TEN_SECONDLY_ROLLING</c> is transient with the window's wait; 429 <c>DAILY</c> pauses every request of the
/// account until midnight in <see cref="HubSpotSinkOptions.AccountTimeZone"/> and is transient; 408, 423 (locked, 2 seconds), 477 (migration, its
/// <c>Retry-After</c>), 5xx, network errors and time-outs are transient; other 4xx (401 and 403 included: a static token cannot be renewed) are not.
/// Messages name the API host, the status, HubSpot's category and lead or profile ids, never lead data, the token or HubSpot's message text.
/// </remarks>
internal sealed partial class HubSpotLeadSink : IProfileChangeSink, ILeadRecordSink
{
    /// <summary>HubSpot's association type of a task to a contact.</summary>
    internal const int TaskToContact = 204;

    private static readonly MediaTypeHeaderValue JsonContentType = new("application/json") { CharSet = "utf-8" };

    private readonly IHttpClientFactory _clients;
    private readonly HubSpotSinkOptions _options;
    private readonly string _clientName;
    private readonly ThrottleGate _gate;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Uri _api;
    private readonly string _host;
    private readonly TimeZoneInfo _zone;
    private readonly CrmSender _sender;

    /// <summary>The record ids of the last batch's profiles (for <see cref="ILeadRecordSink"/>).</summary>
    private readonly Dictionary<MarketplaceLeads.Deduplication.CustomerProfileId, string> _records = [];

    /// <summary>Initializes a sink.</summary>
    /// <param name="clients">The factory of the named client.</param>
    /// <param name="options">The options, validated (<see cref="HubSpotSinkOptionsValidator"/>).</param>
    /// <param name="clientName">The name of the <see cref="HttpClient"/>.</param>
    /// <param name="gate">The account's throttle gate, shared with every other sink of the account.</param>
    /// <param name="time">The clock of throttling and reply-by times.</param>
    /// <param name="logger">The logger.</param>
    public HubSpotLeadSink(IHttpClientFactory clients, HubSpotSinkOptions options, string clientName, ThrottleGate gate, TimeProvider time, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(clients);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(gate);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        _clients = clients;
        _options = options;
        _clientName = clientName;
        _gate = gate;
        _time = time;
        _logger = logger;
        var root = options.ApiUrl.AbsoluteUri;
        _api = new Uri(root.EndsWith('/') ? root : root + "/");
        _host = options.ApiUrl.Authority;
        _zone = options.TimeZone;
        var token = (options.AccessToken ?? string.Empty).Trim();
        _sender = new CrmSender(Client, gate, time, logger, "HubSpot API", _host, "is paused for this account until its daily API limit resets", _ => ValueTask.FromResult(token), invalidate: null, prepare: null, ThrottledAsync);
    }

    public async ValueTask WriteBatchAsync(IReadOnlyList<LeadDelivery> batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        _records.Clear();
        await WriteAsync(CrmProfileWork.Plan(batch, _options.CreateReplyTasks), "customer profile(s)", cancellationToken, _records).ConfigureAwait(false);
    }

    /// <summary>Returns the contact id (as the batch upsert answer named it) of the record the last batch upserted for the delivery's profile.</summary>
    public bool TryGetRecordId(LeadDelivery delivery, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? recordId)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        return _records.TryGetValue(delivery.Profile.Id, out recordId);
    }

    public async ValueTask WriteProfileChangesAsync(IReadOnlyList<ProfileChange> changes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changes);
        foreach (var change in changes)
        {
            var work = CrmProfileWork.Of(change);
            // The contacts of merged-away profiles stay as they are (docs/crm.md): the sales team merges contacts in HubSpot.
            await WriteAsync(work, "customer profile(s) of a profile change", cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>How long until midnight in <paramref name="zone"/> (when HubSpot resets the daily limit), at least one minute.</summary>
    internal static TimeSpan UntilMidnight(DateTimeOffset now, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(now, zone);
        var midnight = DateTime.SpecifyKind(local.Date.AddDays(1), DateTimeKind.Unspecified);
        DateTime resetUtc;
        try
        {
            resetUtc = TimeZoneInfo.ConvertTimeToUtc(midnight, zone);
        }
        catch (ArgumentException)
        {
            resetUtc = TimeZoneInfo.ConvertTimeToUtc(midnight.AddHours(1), zone); // midnight skipped by a clock change
        }

        var wait = resetUtc - now.UtcDateTime;
        return wait < TimeSpan.FromMinutes(1) ? TimeSpan.FromMinutes(1) : wait;
    }

    private HttpClient Client() => _clients.CreateClient(_clientName);

    private async Task WriteAsync(List<CrmProfileWork> work, string what, CancellationToken cancellationToken, Dictionary<MarketplaceLeads.Deduplication.CustomerProfileId, string>? named = null)
    {
        if (work.Count == 0)
        {
            return;
        }

        var failures = new List<Exception>();
        var contacts = new List<(CrmProfileWork Work, HubSpotContact Contact, string Id)>(work.Count);
        var byEmail = string.Equals(_options.IdProperty, HubSpotSinkOptions.EmailIdProperty, StringComparison.Ordinal);
        foreach (var item in work)
        {
            HubSpotContact contact;
            try
            {
                contact = HubSpotContactMapper.Build(item.Profile, item.Lead, _options.Mapping);
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                failures.Add(new LeadSinkException($"HubSpotContactMapping.Customize threw {error.GetType().Name} for lead {item.Lead.Id}; the lead cannot be sent.", isTransient: false, innerException: error));
                continue;
            }

            if ((byEmail ? HubSpotContactMapper.EmailOf(item.Profile) : item.Profile.Id.ToString()) is { } id)
            {
                contacts.Add((item, contact, id));
            }
            else
            {
                failures.Add(new LeadSinkException(
                    $"Lead {item.Lead.Id} (profile {item.Profile.Id}) has no valid e-mail address, and HubSpotSinkOptions.IdProperty is email: it cannot be sent. Use a unique property for the profile id (docs/crm.md) to deliver people without an address.",
                    isTransient: false));
            }
        }

        var written = new List<(CrmProfileWork Work, string ContactId)>(contacts.Count);
        for (var start = 0; start < contacts.Count; start += _options.MaxRecordsPerRequest)
        {
            var chunk = contacts.GetRange(start, Math.Min(_options.MaxRecordsPerRequest, contacts.Count - start));
            try
            {
                await UpsertContactsAsync(chunk, written, failures, cancellationToken).ConfigureAwait(false);
            }
            catch (LeadSinkException error)
            {
                failures.Add(error); // the whole request failed: none of the chunk was written
            }
        }

        // The records this batch wrote, named for the pipeline (ILeadRecordSink) before the reply tasks, which may fail on their own.
        foreach (var (item, contactId) in written)
        {
            if (named is not null && contactId.Length > 0)
            {
                named[item.Profile.Id] = contactId;
            }
        }

        var replies = new List<(Lead Lead, string ContactId)>();
        foreach (var (item, contactId) in written)
        {
            if (_options.UnsubscribeDoNotContact && item.Profile.DoNotContact && HubSpotContactMapper.EmailOf(item.Profile) is { } email)
            {
                try
                {
                    await UnsubscribeAsync(item.Lead, email, cancellationToken).ConfigureAwait(false);
                }
                catch (LeadSinkException error)
                {
                    failures.Add(error);
                }
            }

            foreach (var lead in item.Replies)
            {
                if (contactId.Length == 0)
                {
                    Log.NoTask(_logger, lead.Id.ToString());
                    continue;
                }

                replies.Add((lead, contactId));
            }
        }

        for (var start = 0; start < replies.Count; start += _options.MaxRecordsPerRequest)
        {
            try
            {
                await UpsertReplyTasksAsync(replies.GetRange(start, Math.Min(_options.MaxRecordsPerRequest, replies.Count - start)), failures, cancellationToken).ConfigureAwait(false);
            }
            catch (LeadSinkException error)
            {
                failures.Add(error);
            }
        }

        CrmProfileWork.ThrowFailures(failures, work.Count, what);
    }

    private async Task UpsertContactsAsync(List<(CrmProfileWork Work, HubSpotContact Contact, string Id)> chunk, List<(CrmProfileWork, string)> written, List<Exception> failures, CancellationToken cancellationToken)
    {
        var body = Inputs(chunk, (writer, item) => HubSpotContactMapper.WriteInput(writer, item.Contact, _options.IdProperty, item.Id, item.Work.Profile.Id.ToString()));
        var what = $"{chunk.Count.ToString(CultureInfo.InvariantCulture)} contact(s) from lead {chunk[0].Work.Lead.Id}";
        var answer = await BatchAsync("contacts", body, what, cancellationToken).ConfigureAwait(false);
        foreach (var (work, _, id) in chunk)
        {
            var trace = work.Profile.Id.ToString();
            if (answer.Error(trace) is { } error)
            {
                failures.Add(Refused(error, $"the contact of lead {work.Lead.Id}"));
            }
            else if (answer.Result(trace, _options.IdProperty, id) is { } result)
            {
                Log.Upserted(_logger, work.Profile.Id.ToString(), work.Lead.Id.ToString(), result.Id ?? "unknown", result.New == true);
                written.Add((work, result.Id ?? string.Empty));
            }
            else
            {
                failures.Add(new LeadSinkException($"The HubSpot API {_host} answered the upsert of lead {work.Lead.Id} without a result for it.", isTransient: true));
            }
        }
    }

    private async Task UpsertReplyTasksAsync(List<(Lead Lead, string ContactId)> replies, List<Exception> failures, CancellationToken cancellationToken)
    {
        // Upsert by the lead id, without hs_task_status: a redelivery updates the same task and leaves its status (a completed task stays completed).
        var body = Inputs(replies, (writer, reply) =>
        {
            var dueAt = ((reply.Lead.CreatedAt ?? reply.Lead.ReceivedAt) + _options.ReplyWithin).UtcDateTime; // when the lead happened, as FollowUp counts it
            writer.WriteStartObject();
            writer.WriteString("idProperty", _options.TaskIdProperty);
            writer.WriteString("id", reply.Lead.Id.ToString());
            writer.WriteString("objectWriteTraceId", reply.Lead.Id.ToString());
            writer.WriteStartObject("properties");
            writer.WriteString("hs_task_subject", CrmText.Fit($"Reply to the marketplace lead: {CrmLeadText.Subject(reply.Lead)}", 255));
            writer.WriteString("hs_timestamp", dueAt.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss'Z'", CultureInfo.InvariantCulture));
            writer.WriteString("hs_task_type", "TODO");
            writer.WriteEndObject();
            writer.WriteEndObject();
        });
        var what = $"{replies.Count.ToString(CultureInfo.InvariantCulture)} reply task(s) from lead {replies[0].Lead.Id}";
        var answer = await BatchAsync("tasks", body, what, cancellationToken).ConfigureAwait(false);
        foreach (var (lead, contactId) in replies)
        {
            var trace = lead.Id.ToString();
            if (answer.Error(trace) is { } error)
            {
                failures.Add(Refused(error, $"the reply task of lead {lead.Id}"));
                continue;
            }

            if (answer.Result(trace, _options.TaskIdProperty, trace) is not { Id: { Length: > 0 } taskId })
            {
                failures.Add(new LeadSinkException($"The HubSpot API {_host} answered the upsert of the reply task of lead {lead.Id} without its id.", isTransient: true));
                continue;
            }

            // Associating again is harmless: a redelivery heals a task whose association a crash left out.
            var url = new Uri(_api, $"crm/objects/{_options.ApiVersion}/tasks/{Uri.EscapeDataString(taskId)}/associations/contacts/{Uri.EscapeDataString(contactId)}/{TaskToContact.ToString(CultureInfo.InvariantCulture)}");
            var task = $"the association of the reply task of lead {lead.Id}";
            try
            {
                using var response = await _sender.SendAsync(() => new HttpRequestMessage(HttpMethod.Put, url), task, cancellationToken).ConfigureAwait(false);
                await EnsureSuccessAsync(response, task, cancellationToken).ConfigureAwait(false);
            }
            catch (LeadSinkException failure)
            {
                failures.Add(failure);
            }
        }
    }

    private async Task UnsubscribeAsync(Lead lead, string email, CancellationToken cancellationToken)
    {
        var url = new Uri(_api, $"communication-preferences/{_options.ApiVersion}/statuses/{Uri.EscapeDataString(email)}/unsubscribe-all?channel=EMAIL");
        var what = $"the unsubscription of do-not-contact lead {lead.Id}";
        using var response = await _sender.SendAsync(() => new HttpRequestMessage(HttpMethod.Post, url), what, cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(response, what, cancellationToken).ConfigureAwait(false);
        Log.Unsubscribed(_logger, lead.Id.ToString());
    }

    /// <summary>Sends a batch upsert of <paramref name="objectType"/> and reads its answer (200, or 207 with errors); throws for any other.</summary>
    private async Task<BatchOutcome> BatchAsync(string objectType, byte[] body, string what, CancellationToken cancellationToken)
    {
        var url = new Uri(_api, $"crm/objects/{_options.ApiVersion}/{objectType}/batch/upsert");
        using var response = await _sender.SendAsync(() => new HttpRequestMessage(HttpMethod.Post, url) { Content = Json(body) }, what, cancellationToken).ConfigureAwait(false);
        var answer = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        if ((int)response.StatusCode is not (200 or 201 or 207))
        {
            throw Failure(response, HubSpotError.Read(answer)?.Code, what);
        }

        return new BatchOutcome(HubSpotJson.TryRead(answer, HubSpotJson.Default.HubSpotBatchAnswer));
    }

    private async Task EnsureSuccessAsync(HttpResponseMessage response, string what, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var answer = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        throw Failure(response, HubSpotError.Read(answer)?.Code, what);
    }

    /// <summary>
    /// The sender's throttling check: a 429 with policy <c>DAILY</c> pauses every request of the account until midnight in its time zone; any other 429
    /// (<c>TEN_SECONDLY_ROLLING</c>) is sent again after its <c>Retry-After</c>, else the window of <c>X-HubSpot-RateLimit-Interval-Milliseconds</c>, else 10 seconds.
    /// </summary>
    private async Task<LeadSinkException?> ThrottledAsync(HttpResponseMessage response, string what, CancellationToken cancellationToken)
    {
        if ((int)response.StatusCode != 429)
        {
            return null;
        }

        var error = HubSpotError.Read(await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false));
        var policy = error?.PolicyName is { } name && CrmText.IsToken(name) ? name : null;
        var now = _time.GetUtcNow();
        if (string.Equals(policy, "DAILY", StringComparison.OrdinalIgnoreCase))
        {
            var pause = UntilMidnight(now, _zone);
            _gate.PauseFor(pause, now);
            Log.Throttled(_logger, _host, "DAILY", pause);
            return new LeadSinkException(
                $"The HubSpot API {_host} answered HTTP 429 (DAILY: the account's daily API limit) for {what}; no request of the account is sent until it resets at midnight ({_zone.Id}), in {pause}.",
                isTransient: true,
                retryAfter: pause);
        }

        var wait = RetryAfterHeader.Read(response, now) ?? IntervalOf(response) ?? TimeSpan.FromSeconds(10);
        Log.Throttled(_logger, _host, policy ?? "no policy", wait);
        return new LeadSinkException(
            $"The HubSpot API {_host} answered HTTP 429 ({policy ?? "no policy"}: a rolling rate limit) for {what}; it is sent again after {wait}.",
            isTransient: true,
            retryAfter: wait);
    }

    /// <summary>The exception for an answer that is neither success nor handled: transient for 408, 423, 477 and 5xx, otherwise not.</summary>
    private LeadSinkException Failure(HttpResponseMessage response, string? code, string what)
    {
        var status = (int)response.StatusCode;
        var transient = status is 408 or 423 or 477 or >= 500;
        var retryAfter = transient ? RetryAfterHeader.Read(response, _time.GetUtcNow()) ?? (status == 423 ? TimeSpan.FromSeconds(2) : null) : null;
        return new LeadSinkException(
            $"The HubSpot API {_host} answered HTTP {status.ToString(CultureInfo.InvariantCulture)} ({code ?? "no category"}) for {what}.{Hint(status, code)}",
            transient,
            retryAfter);
    }

    /// <summary>The exception for one input a batch answer lists among its errors: transient for a lock or a rate limit, otherwise not.</summary>
    private LeadSinkException Refused(HubSpotError error, string what)
    {
        var code = error.Code;
        var transient = code is "LOCKED" or "RATE_LIMITS";
        return new LeadSinkException($"The HubSpot API {_host} refused {what} ({code ?? "no category"}).{(transient ? string.Empty : Hint(400, code))}", transient, transient ? TimeSpan.FromSeconds(2) : null);
    }

    private string Hint(int status, string? code) => (status, code) switch
    {
        (401, _) => " Check HubSpotSinkOptions.AccessToken: the private app's access token or the service key, not rotated or revoked.",
        (403, _) or (_, "MISSING_SCOPES") => " The token lacks a scope: crm.objects.contacts.write and crm.objects.contacts.read (tasks too), and subscriptions-status-write when UnsubscribeDoNotContact is on.",
        (404, _) or (_, "OBJECT_NOT_FOUND") => $" Check HubSpotSinkOptions.ApiVersion ({_options.ApiVersion}), IdProperty ({_options.IdProperty}) and TaskIdProperty ({_options.TaskIdProperty}).",
        (400, _) => $" Check the mapping's property names and values (HubSpotSinkOptions.Mapping), that {_options.IdProperty} is a contact property with unique values, and the account's property validation rules.",
        _ => string.Empty,
    };

    private static TimeSpan? IntervalOf(HttpResponseMessage response) =>
        response.Headers.NonValidated.TryGetValues("X-HubSpot-RateLimit-Interval-Milliseconds", out var values)
        && values is var all && long.TryParse(System.Linq.Enumerable.FirstOrDefault(all), NumberStyles.None, CultureInfo.InvariantCulture, out var milliseconds) && milliseconds is > 0 and <= 86_400_000
            ? TimeSpan.FromMilliseconds(milliseconds)
            : null;

    private static byte[] Inputs<T>(List<T> items, Action<Utf8JsonWriter, T> write)
    {
        var buffer = new ArrayBufferWriter<byte>(1024 * items.Count);
        using (var writer = new Utf8JsonWriter(buffer, HubSpotContactMapper.WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("inputs");
            foreach (var item in items)
            {
                write(writer, item);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static ByteArrayContent Json(byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = JsonContentType;
        return content;
    }

    /// <summary>A batch answer by trace id: the error or the result of each input (a result without a trace id is found by its id property's value).</summary>
    private sealed class BatchOutcome(HubSpotBatchAnswer? answer)
    {
        public HubSpotError? Error(string trace)
        {
            foreach (var error in answer?.Errors ?? [])
            {
                if (error.TraceId == trace)
                {
                    return error;
                }
            }

            return null;
        }

        public HubSpotBatchResult? Result(string trace, string idProperty, string id)
        {
            foreach (var result in answer?.Results ?? [])
            {
                if (result.ObjectWriteTraceId == trace
                    || (result.ObjectWriteTraceId is null && result.Properties is { } properties && properties.TryGetValue(idProperty, out var value)
                        && value.ValueKind == JsonValueKind.String && string.Equals(value.GetString(), id, StringComparison.OrdinalIgnoreCase)))
                {
                    return result;
                }
            }

            return null;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Debug, "HubSpot contact {ContactId} of profile {ProfileId} upserted with lead {LeadId} (created: {Created})")]
        public static partial void Upserted(ILogger logger, string profileId, string leadId, string contactId, bool created);

        [LoggerMessage(2, LogLevel.Warning, "HubSpot API {Host} answered HTTP 429 ({Policy}); requests wait {Wait}")]
        public static partial void Throttled(ILogger logger, string host, string policy, TimeSpan wait);

        [LoggerMessage(3, LogLevel.Information, "The contact of do-not-contact lead {LeadId} was unsubscribed from all e-mail in HubSpot")]
        public static partial void Unsubscribed(ILogger logger, string leadId);

        [LoggerMessage(4, LogLevel.Warning, "HubSpot answered the upsert of lead {LeadId}'s contact without its id; its reply task is not created")]
        public static partial void NoTask(ILogger logger, string leadId);
    }
}
