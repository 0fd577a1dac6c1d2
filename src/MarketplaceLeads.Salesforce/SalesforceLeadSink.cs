using System;
using System.Buffers;
using System.Collections.Generic;
using System.Globalization;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using MarketplaceLeads.Crm;
using MarketplaceLeads.Deduplication;
using MarketplaceLeads.Delivery;
using Microsoft.Extensions.Logging;

namespace MarketplaceLeads.Salesforce;

/// <summary>
/// Upserts one Salesforce <c>Lead</c> record per customer profile by the external-id field that holds the profile id: a single upsert
/// (<c>PATCH sobjects/Lead/&lt;field&gt;/&lt;profile id&gt;</c>) for a batch of one profile, sObject Collections upserts
/// (<c>PATCH composite/sobjects/Lead/&lt;field&gt;</c>, <c>allOrNone: false</c>, up to 200 records) for more, with results mapped per lead.
/// Client-credentials token from the org's My Domain.
/// </summary>
/// <remarks>
/// What each answer becomes (docs/crm.md): 200/201/204 delivered; 300 (several records carry the external id) and <c>DUPLICATE_EXTERNAL_ID</c> fail the lead
/// as not transient with the records' ids (<see cref="SalesforceRecordConflictException"/>); <c>DUPLICATES_DETECTED</c> does too, or counts as delivered
/// (<see cref="SalesforceSinkOptions.DuplicatesDetected"/>); 403 <c>REQUEST_LIMIT_EXCEEDED</c> pauses every request to the org for
/// <see cref="SalesforceSinkOptions.RequestLimitPause"/> and is transient; 401 fetches a new token and sends once more; 408, 429, 5xx,
/// <c>UNABLE_TO_LOCK_ROW</c>, network errors and time-outs are transient; other 4xx and record errors are not. Messages name the org's host, the status,
/// Salesforce's error code and lead, profile or record ids, never lead data, the token, the secret or Salesforce's message text.
/// </remarks>
internal sealed partial class SalesforceLeadSink : IProfileChangeSink, ILeadRecordSink, IDisposable
{
    private static readonly MediaTypeHeaderValue JsonContentType = new("application/json") { CharSet = "utf-8" };

    private readonly IHttpClientFactory _clients;
    private readonly SalesforceSinkOptions _options;
    private readonly string _clientName;
    private readonly ThrottleGate _gate;
    private readonly SalesforceTelemetry _telemetry;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Uri _api;
    private readonly string _host;
    private readonly CrmSender _sender;

    /// <summary>The record ids of the last batch's profiles (for <see cref="ILeadRecordSink"/>).</summary>
    private readonly Dictionary<MarketplaceLeads.Deduplication.CustomerProfileId, string> _records = [];

    /// <summary>Initializes a sink.</summary>
    /// <param name="clients">The factory of the named client.</param>
    /// <param name="options">The options, validated (<see cref="SalesforceSinkOptionsValidator"/>).</param>
    /// <param name="clientName">The name of the <see cref="HttpClient"/>.</param>
    /// <param name="gate">The org's throttle gate, shared with every other sink of the org.</param>
    /// <param name="telemetry">The metrics of API usage.</param>
    /// <param name="time">The clock of tokens, throttling and reply-by times.</param>
    /// <param name="logger">The logger.</param>
    public SalesforceLeadSink(IHttpClientFactory clients, SalesforceSinkOptions options, string clientName, ThrottleGate gate, SalesforceTelemetry telemetry, TimeProvider time, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(clients);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(options.MyDomainUrl);
        ArgumentNullException.ThrowIfNull(gate);
        ArgumentNullException.ThrowIfNull(telemetry);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        _clients = clients;
        _options = options;
        _clientName = clientName;
        _gate = gate;
        _telemetry = telemetry;
        _time = time;
        _logger = logger;
        var domain = options.MyDomainUrl.GetLeftPart(UriPartial.Authority);
        _api = new Uri($"{domain}/services/data/v{options.ApiVersion}/");
        _host = options.MyDomainUrl.Authority;
        Tokens = new ClientCredentialsTokenCache(
            Client,
            new Uri(domain + "/services/oauth2/token"),
            options.ClientId.Trim(),
            options.ClientSecret ?? string.Empty,
            scope: null,
            time,
            options.TokenLifetime,
            "check the consumer key and secret in the options, that the connected app has the client credentials flow enabled with a run-as user, and the My Domain URL.");
        _sender = new CrmSender(Client, gate, time, logger, "Salesforce org", _host, "is over its API request limit", Tokens.GetTokenAsync, Tokens.Invalidate, prepare: null, ThrottledAsync);
    }

    /// <summary>Gets the token cache (tests read its fetch count).</summary>
    internal ClientCredentialsTokenCache Tokens { get; }

    public async ValueTask WriteBatchAsync(IReadOnlyList<LeadDelivery> batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        _records.Clear();
        await WriteAsync(CrmProfileWork.Plan(batch, _options.CreateReplyTasks), "customer profile(s)", cancellationToken, _records).ConfigureAwait(false);
    }

    /// <summary>Returns the Lead record id (<c>00Q…</c>, as the upsert answer named it) of the record the last batch upserted for the delivery's profile.</summary>
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
            // The records of merged-away profiles stay as they are (docs/crm.md): the sales team merges Leads in Salesforce.
            await WriteAsync(work, "customer profile(s) of a profile change", cancellationToken).ConfigureAwait(false);
        }
    }

    public void Dispose() => Tokens.Dispose();

    /// <summary>The URL of a profile's record: <c>sobjects/Lead/&lt;field&gt;/&lt;profile id&gt;</c>.</summary>
    internal Uri RecordUrl(CustomerProfileId profile) => new(_api, $"sobjects/Lead/{_options.ExternalIdField}/{profile}");

    [GeneratedRegex(@"\b00Q[a-zA-Z0-9]{12}(?:[a-zA-Z0-9]{3})?\b")]
    private static partial Regex LeadRecordId();

    private HttpClient Client() => _clients.CreateClient(_clientName);

    private async Task WriteAsync(List<CrmProfileWork> work, string what, CancellationToken cancellationToken, Dictionary<MarketplaceLeads.Deduplication.CustomerProfileId, string>? named = null)
    {
        if (work.Count == 0)
        {
            return;
        }

        var failures = new List<Exception>();
        var records = new List<(CrmProfileWork Work, SalesforceRecord Record)>(work.Count);
        foreach (var item in work)
        {
            try
            {
                records.Add((item, SalesforceLeadMapper.Build(item.Profile, item.Lead, _options.Mapping)));
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                failures.Add(new LeadSinkException($"SalesforceLeadMapping.Customize threw {error.GetType().Name} for lead {item.Lead.Id}; the lead cannot be sent.", isTransient: false, innerException: error));
            }
        }

        var written = new List<(CrmProfileWork Work, string? RecordId)>(records.Count);
        if (records.Count == 1)
        {
            var (item, record) = records[0];
            try
            {
                var outcome = await UpsertOneAsync(item, record, cancellationToken).ConfigureAwait(false);
                if (outcome is { } id)
                {
                    written.Add((item, id.Length == 0 ? null : id));
                }
            }
            catch (LeadSinkException error)
            {
                failures.Add(error);
            }
        }
        else
        {
            for (var start = 0; start < records.Count; start += _options.MaxRecordsPerRequest)
            {
                var chunk = records.GetRange(start, Math.Min(_options.MaxRecordsPerRequest, records.Count - start));
                try
                {
                    await UpsertCollectionAsync(chunk, written, failures, cancellationToken).ConfigureAwait(false);
                }
                catch (LeadSinkException error)
                {
                    failures.Add(error); // the whole request failed: none of the chunk was written
                }
            }
        }

        // The records this batch wrote, named for the pipeline (ILeadRecordSink) before the reply tasks, which may fail on their own.
        foreach (var (item, recordId) in written)
        {
            if (named is not null && recordId is not null)
            {
                named[item.Profile.Id] = recordId;
            }
        }

        foreach (var (item, recordId) in written)
        {
            foreach (var lead in item.Replies)
            {
                try
                {
                    await CreateReplyTaskAsync(lead, recordId, cancellationToken).ConfigureAwait(false);
                }
                catch (LeadSinkException error)
                {
                    failures.Add(error);
                }
            }
        }

        CrmProfileWork.ThrowFailures(failures, work.Count, what);
    }

    /// <summary>A single upsert. Returns the record id (empty when the answer had none), or <see langword="null"/> when the lead counts as delivered without a record.</summary>
    private async Task<string?> UpsertOneAsync(CrmProfileWork work, SalesforceRecord record, CancellationToken cancellationToken)
    {
        var body = SalesforceLeadMapper.ToJson(record);
        var url = RecordUrl(work.Profile.Id);
        var what = $"lead {work.Lead.Id}";
        using var response = await _sender.SendAsync(() => new HttpRequestMessage(HttpMethod.Patch, url) { Content = Json(body) }, what, cancellationToken).ConfigureAwait(false);
        var status = (int)response.StatusCode;
        var answer = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        if (status is >= 200 and <= 299)
        {
            var (id, created) = ReadUpsertResult(answer);
            Log.Upserted(_logger, work.Profile.Id.ToString(), work.Lead.Id.ToString(), id ?? "unknown", created);
            return id ?? string.Empty;
        }

        if (status == 300)
        {
            throw MultipleMatches(work, RecordIdsOf(answer));
        }

        var error = SalesforceErrors.First(answer);
        if (error is { Code: SalesforceRecordConflictException.DuplicatesDetected })
        {
            return Duplicate(work, error.RecordIds);
        }

        throw Failure(response, error?.Code, what);
    }

    private async Task UpsertCollectionAsync(List<(CrmProfileWork Work, SalesforceRecord Record)> chunk, List<(CrmProfileWork, string?)> written, List<Exception> failures, CancellationToken cancellationToken)
    {
        var buffer = new ArrayBufferWriter<byte>(1024 * chunk.Count);
        using (var writer = new Utf8JsonWriter(buffer, SalesforceLeadMapper.WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteBoolean("allOrNone", false);
            writer.WriteStartArray("records");
            foreach (var (_, record) in chunk)
            {
                SalesforceLeadMapper.WriteCollectionRecord(writer, record, _options.ExternalIdField);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        var body = buffer.WrittenSpan.ToArray();
        var url = new Uri(_api, $"composite/sobjects/Lead/{_options.ExternalIdField}");
        var what = $"{chunk.Count.ToString(CultureInfo.InvariantCulture)} leads from lead {chunk[0].Work.Lead.Id}";
        using var response = await _sender.SendAsync(() => new HttpRequestMessage(HttpMethod.Patch, url) { Content = Json(body) }, what, cancellationToken).ConfigureAwait(false);
        var status = (int)response.StatusCode;
        var answer = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        if (status is < 200 or > 299)
        {
            throw Failure(response, SalesforceErrors.First(answer)?.Code, what);
        }

        var results = SalesforceErrors.ReadCollectionResults(answer);
        for (var i = 0; i < chunk.Count; i++)
        {
            var work = chunk[i].Work;
            if (i >= results.Count)
            {
                failures.Add(new LeadSinkException($"The Salesforce org {_host} answered the upsert of lead {work.Lead.Id} without a result for it.", isTransient: true));
                continue;
            }

            var result = results[i];
            if (result.Success)
            {
                Log.Upserted(_logger, work.Profile.Id.ToString(), work.Lead.Id.ToString(), result.Id ?? "unknown", result.Created);
                written.Add((work, result.Id));
                continue;
            }

            switch (result.Error?.Code)
            {
                case SalesforceRecordConflictException.DuplicatesDetected:
                    try
                    {
                        Duplicate(work, result.Error.RecordIds);
                    }
                    catch (SalesforceRecordConflictException conflict)
                    {
                        failures.Add(conflict);
                    }

                    break;
                case SalesforceRecordConflictException.DuplicateExternalId:
                    failures.Add(MultipleMatches(work, [.. RecordIdsIn(result.Error.Message)]));
                    break;
                case "UNABLE_TO_LOCK_ROW":
                    failures.Add(new LeadSinkException($"The Salesforce org {_host} could not lock the record of lead {work.Lead.Id} (UNABLE_TO_LOCK_ROW); it is sent again.", isTransient: true));
                    break;
                default:
                    failures.Add(new LeadSinkException(
                        $"The Salesforce org {_host} refused the record of lead {work.Lead.Id} ({result.Error?.Code ?? "no error code"}).{Hint(400, result.Error?.Code)}",
                        isTransient: false));
                    break;
            }
        }
    }

    /// <summary>A duplicate rule blocked the record: delivered (logged with the matching ids) or a conflict, as the options say.</summary>
    private string? Duplicate(CrmProfileWork work, IReadOnlyList<string> recordIds)
    {
        var ids = recordIds.Count == 0 ? "none named" : string.Join(", ", recordIds);
        if (_options.DuplicatesDetected == SalesforceDuplicateAction.Delivered)
        {
            Log.AlreadyInCrm(_logger, work.Lead.Id.ToString(), work.Profile.Id.ToString(), ids);
            return null;
        }

        throw new SalesforceRecordConflictException(
            $"A Salesforce duplicate rule of the org {_host} blocked lead {work.Lead.Id} (DUPLICATES_DETECTED); the records it matched: {ids}. Merge or convert them in Salesforce, or set SalesforceSinkOptions.DuplicatesDetected to Delivered.",
            work.Lead.Id,
            SalesforceRecordConflictException.DuplicatesDetected,
            recordIds);
    }

    private SalesforceRecordConflictException MultipleMatches(CrmProfileWork work, List<string> recordIds) =>
        new(
            $"Several Lead records of the Salesforce org {_host} carry the external id of profile {work.Profile.Id} (HTTP 300 / DUPLICATE_EXTERNAL_ID): {(recordIds.Count == 0 ? "ids not named" : string.Join(", ", recordIds))}; no record was written for lead {work.Lead.Id}. Merge them in Salesforce (mark {_options.ExternalIdField} Unique), then replay the dead letter.",
            work.Lead.Id,
            SalesforceRecordConflictException.DuplicateExternalId,
            recordIds);

    private async Task CreateReplyTaskAsync(Lead lead, string? recordId, CancellationToken cancellationToken)
    {
        if (recordId is null)
        {
            Log.NoTask(_logger, lead.Id.ToString());
            return;
        }

        var respondBy = ((lead.CreatedAt ?? lead.ReceivedAt) + _options.ReplyWithin).ToUniversalTime(); // when the lead happened, as FollowUp counts it
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer, SalesforceLeadMapper.WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("Subject", CrmText.Fit($"Reply to the marketplace lead: {CrmLeadText.Subject(lead)}", 255));
            writer.WriteString("ActivityDate", respondBy.ToString("yyyy'-'MM'-'dd", CultureInfo.InvariantCulture));
            writer.WriteString("ReminderDateTime", respondBy.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss'Z'", CultureInfo.InvariantCulture));
            writer.WriteBoolean("IsReminderSet", true);
            writer.WriteString("WhoId", recordId);
            writer.WriteEndObject();
        }

        // Upsert by the lead id: a redelivery updates the same Task, and leaves its Status (a completed Task stays completed).
        var body = buffer.WrittenSpan.ToArray();
        var url = new Uri(_api, $"sobjects/Task/{_options.TaskExternalIdField}/{lead.Id}");
        var what = $"the reply task of lead {lead.Id}";
        using var response = await _sender.SendAsync(() => new HttpRequestMessage(HttpMethod.Patch, url) { Content = Json(body) }, what, cancellationToken).ConfigureAwait(false);
        var status = (int)response.StatusCode;
        if (status is >= 200 and <= 299)
        {
            return;
        }

        var answer = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        throw Failure(response, status == 300 ? SalesforceRecordConflictException.DuplicateExternalId : SalesforceErrors.First(answer)?.Code, what);
    }

    /// <summary>Records the API usage of every answer; pauses the org after <c>REQUEST_LIMIT_EXCEEDED</c> and returns its exception.</summary>
    private async Task<LeadSinkException?> ThrottledAsync(HttpResponseMessage response, string what, CancellationToken cancellationToken)
    {
        _telemetry.Record(_host, response);
        if ((int)response.StatusCode != 403)
        {
            return null;
        }

        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        if (SalesforceErrors.First(body) is not { Code: "REQUEST_LIMIT_EXCEEDED" })
        {
            return null;
        }

        var pause = _options.RequestLimitPause;
        _gate.PauseFor(pause, _time.GetUtcNow());
        Log.Throttled(_logger, _host, pause);
        return new LeadSinkException(
            $"The Salesforce org {_host} answered HTTP 403 (REQUEST_LIMIT_EXCEEDED: the org's API request limit) for {what}; every request to it pauses for {pause}.",
            isTransient: true,
            retryAfter: pause);
    }

    /// <summary>The exception for an answer that is neither success nor handled: transient for 408, 429 and 5xx, otherwise not.</summary>
    private LeadSinkException Failure(HttpResponseMessage response, string? code, string what)
    {
        var status = (int)response.StatusCode;
        var transient = status is 408 or 429 or >= 500;
        var retryAfter = transient ? RetryAfterHeader.Read(response, _time.GetUtcNow()) : null;
        return new LeadSinkException(
            $"The Salesforce org {_host} answered HTTP {status.ToString(CultureInfo.InvariantCulture)} ({code ?? "no error code"}) for {what}.{Hint(status, code)}",
            transient,
            retryAfter);
    }

    private string Hint(int status, string? code) => (status, code) switch
    {
        (401, _) => " Salesforce refused a fresh token too: check the connected app's run-as user and its session policies.",
        (_, "INSUFFICIENT_ACCESS" or "INSUFFICIENT_ACCESS_OR_READONLY" or "INVALID_FIELD_FOR_INSERT_UPDATE" or "API_DISABLED_FOR_ORG") or (403, _) =>
            " The run-as user lacks a permission: API Enabled, Create and Edit on Lead (and Task), and edit access to every mapped field.",
        (404, _) or (_, "NOT_FOUND" or "INVALID_FIELD" or "INVALID_TYPE") => $" Check SalesforceSinkOptions.ExternalIdField ({_options.ExternalIdField}), the mapping's field names and ApiVersion.",
        (_, "REQUIRED_FIELD_MISSING" or "STRING_TOO_LONG" or "INVALID_EMAIL_ADDRESS" or "FIELD_CUSTOM_VALIDATION_EXCEPTION" or "INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST") =>
            " A field's value or a validation rule of the org: check SalesforceSinkOptions.Mapping and the org's validation rules.",
        (400, _) => " Check the mapping's field names and values (SalesforceSinkOptions.Mapping).",
        _ => string.Empty,
    };

    private static ByteArrayContent Json(byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = JsonContentType;
        return content;
    }

    /// <summary>Reads <c>{"id":"00Q…","success":true,"errors":[],"created":true}</c>.</summary>
    private static (string? Id, bool Created) ReadUpsertResult(byte[] answer)
    {
        if (answer.Length == 0)
        {
            return (null, false);
        }

        var results = SalesforceErrors.ReadCollectionResults([(byte)'[', .. answer, (byte)']']);
        return results.Count == 1 ? (results[0].Id, results[0].Created) : (null, false);
    }

    /// <summary>The record ids of a 300 answer: a JSON array of record URLs, <c>["/services/data/v64.0/sobjects/Lead/00Q…", …]</c>.</summary>
    private static List<string> RecordIdsOf(byte[] answer)
    {
        var ids = new List<string>();
        try
        {
            using var document = JsonDocument.Parse(answer);
            if (document.RootElement.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in document.RootElement.EnumerateArray())
                {
                    if (item.ValueKind == JsonValueKind.String)
                    {
                        ids.AddRange(RecordIdsIn(item.GetString()));
                    }
                }
            }
        }
        catch (JsonException)
        {
            // no ids
        }

        return ids;
    }

    /// <summary>The Lead record ids (key prefix <c>00Q</c>, 15 or 18 characters) in a text; nothing else of it.</summary>
    private static IEnumerable<string> RecordIdsIn(string? text)
    {
        if (text is null)
        {
            yield break;
        }

        foreach (Match match in LeadRecordId().Matches(text))
        {
            yield return match.Value;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Debug, "Salesforce Lead record {RecordId} of profile {ProfileId} upserted with lead {LeadId} (created: {Created})")]
        public static partial void Upserted(ILogger logger, string profileId, string leadId, string recordId, bool created);

        [LoggerMessage(2, LogLevel.Information, "A Salesforce duplicate rule found lead {LeadId} (profile {ProfileId}) already in the CRM as record(s) {RecordIds}; no record was written and the lead counts as delivered")]
        public static partial void AlreadyInCrm(ILogger logger, string leadId, string profileId, string recordIds);

        [LoggerMessage(3, LogLevel.Warning, "Salesforce org {Org} is over its API request limit (HTTP 403, REQUEST_LIMIT_EXCEEDED); every request to it pauses for {Pause}")]
        public static partial void Throttled(ILogger logger, string org, TimeSpan pause);

        [LoggerMessage(5, LogLevel.Warning, "Salesforce answered the upsert of lead {LeadId}'s record without its id; its reply task is not created")]
        public static partial void NoTask(ILogger logger, string leadId);
    }
}
