using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using MarketplaceLeads.Crm;
using MarketplaceLeads.Deduplication;
using MarketplaceLeads.Delivery;
using ProfileWork = MarketplaceLeads.Crm.CrmProfileWork;
using Microsoft.Extensions.Logging;

namespace MarketplaceLeads.Dataverse;

/// <summary>
/// Upserts one Dataverse <c>lead</c> record per customer profile (<c>PATCH leads(&lt;key column&gt;='&lt;profile id&gt;')</c>, Web API v9.2) with a
/// client-credentials token from Microsoft Entra ID; a batch's profiles are sent concurrently (<see cref="DataverseSinkOptions.MaxConcurrency"/>).
/// Profile changes upsert the profiles as they now are and close (or delete) the records of profiles merged away.
/// </summary>
/// <remarks>
/// What each answer becomes (docs/crm.md): 2xx delivered; 412 to a create-only upsert delivered (the record exists); 500 with code
/// <c>0x80040333</c> (duplicate detection) delivered, the person is already in the CRM; 429 pauses every request to the environment for its
/// <c>Retry-After</c> and fails the attempt as transient with that hint; 401 fetches a new token and sends again once; 408, 5xx, network errors and
/// time-outs are transient; other 4xx are not (the pipeline then sends each lead alone and dead-letters those refused again). Messages name the
/// environment's host, the status and Dataverse's error code, never lead data, the token, the secret or Dataverse's message text.
/// </remarks>
internal sealed partial class DataverseLeadSink : IProfileChangeSink, ILeadRecordSink, IDisposable
{
    /// <summary>Dataverse's error code for "a duplicate of the current record already exists" (duplicate detection).</summary>
    internal const string DuplicateRecordCode = "0x80040333";

    private static readonly MediaTypeHeaderValue JsonContentType = new("application/json") { CharSet = "utf-8" };
    private static readonly HttpMethod Patch = HttpMethod.Patch;

    private readonly IHttpClientFactory _clients;
    private readonly DataverseSinkOptions _options;
    private readonly string _clientName;
    private readonly ThrottleGate _gate;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Uri _api;
    private readonly string _host;
    private readonly CrmSender _sender;

    /// <summary>The record ids of the last batch's profiles (for <see cref="ILeadRecordSink"/>); the batch's profiles are written concurrently.</summary>
    private readonly ConcurrentDictionary<CustomerProfileId, string> _records = new();

    /// <summary>Initializes a sink.</summary>
    /// <param name="clients">The factory of the named client.</param>
    /// <param name="options">The options, validated (<see cref="DataverseSinkOptionsValidator"/>).</param>
    /// <param name="clientName">The name of the <see cref="HttpClient"/>.</param>
    /// <param name="gate">The environment's throttle gate, shared with every other sink of the environment.</param>
    /// <param name="time">The clock of tokens, throttling and reply-by times.</param>
    /// <param name="logger">The logger.</param>
    public DataverseLeadSink(IHttpClientFactory clients, DataverseSinkOptions options, string clientName, ThrottleGate gate, TimeProvider time, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(clients);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(options.EnvironmentUrl);
        ArgumentNullException.ThrowIfNull(gate);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        _clients = clients;
        _options = options;
        _clientName = clientName;
        _gate = gate;
        _time = time;
        _logger = logger;
        var environment = options.EnvironmentUrl.GetLeftPart(UriPartial.Authority);
        _api = new Uri(environment + "/api/data/v9.2/");
        _host = options.EnvironmentUrl.Authority;
        var tokenEndpoint = new Uri(options.AuthorityHost, Uri.EscapeDataString(options.TenantId.Trim()) + "/oauth2/v2.0/token");
        Tokens = new ClientCredentialsTokenCache(Client, tokenEndpoint, options.ClientId.Trim(), options.ClientSecret ?? string.Empty, environment + "/.default", time, TimeSpan.FromHours(1));
        _sender = new CrmSender(Client, gate, time, logger, "Dataverse environment", _host, "is throttling this client", Tokens.GetTokenAsync, Tokens.Invalidate, AddODataHeaders, ThrottledAsync);
    }

    /// <summary>Gets the token cache (tests read its fetch count).</summary>
    internal ClientCredentialsTokenCache Tokens { get; }

    /// <summary>What an upsert came to.</summary>
    private enum Upserted
    {
        /// <summary>Created or updated (204); the record's id is known.</summary>
        Written,

        /// <summary>Create-only, and the record exists (412).</summary>
        Exists,

        /// <summary>Duplicate detection found the person in the CRM already; no record of ours exists.</summary>
        Duplicate,
    }

    public async ValueTask WriteBatchAsync(IReadOnlyList<LeadDelivery> batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        _records.Clear();
        var work = Plan(batch);
        await RunAsync(work, (item, token) => WriteProfileAsync(item, token), "customer profile(s)", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Returns the <c>leadid</c> (a GUID, as Dataverse's <c>OData-EntityId</c> answer named it) of the record the last batch upserted for the delivery's profile.</summary>
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
            await RunAsync(work, (item, token) => WriteProfileAsync(item, token), "customer profile(s) of a profile change", cancellationToken).ConfigureAwait(false);
            if (_options.MergedRecords != DataverseMergedRecordAction.Keep && change.RemovedProfiles.Count > 0)
            {
                await RunAsync(change.RemovedProfiles, (id, token) => CloseMergedAsync(id, token), "merged-away profile record(s)", cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public void Dispose() => Tokens.Dispose();

    /// <summary>The work of a batch (<see cref="CrmProfileWork.Plan"/>).</summary>
    internal List<ProfileWork> Plan(IReadOnlyList<LeadDelivery> batch) => CrmProfileWork.Plan(batch, _options.CreateReplyTasks);

    /// <summary>The URL of a profile's record: <c>leads(&lt;key column&gt;='&lt;profile id&gt;')</c>.</summary>
    internal Uri RecordUrl(CustomerProfileId profile) =>
        new(_api, $"leads({_options.AlternateKeyColumn}='{Uri.EscapeDataString(profile.ToString().Replace("'", "''", StringComparison.Ordinal))}')");

    /// <summary>The id of a lead's reply task: the lead id's 16 bytes as a GUID, so that a redelivery names the same task.</summary>
    internal static Guid ReplyTaskId(LeadId lead)
    {
        Span<byte> bytes = stackalloc byte[16];
        lead.TryWriteBytes(bytes);
        return new Guid(bytes);
    }

    private static void AddODataHeaders(HttpRequestMessage request)
    {
        request.Headers.TryAddWithoutValidation("OData-MaxVersion", "4.0");
        request.Headers.TryAddWithoutValidation("OData-Version", "4.0");
    }

    private HttpClient Client() => _clients.CreateClient(_clientName);

    private async Task WriteProfileAsync(ProfileWork work, CancellationToken cancellationToken)
    {
        DataverseRecord record;
        try
        {
            record = DataverseLeadMapper.Build(work.Profile, work.Lead, _options.Mapping);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            throw new LeadSinkException($"DataverseLeadMapping.Customize threw {error.GetType().Name} for lead {work.Lead.Id}; the lead cannot be sent.", isTransient: false, innerException: error);
        }

        var url = RecordUrl(work.Profile.Id);
        var (outcome, recordId) = await UpsertAsync(url, DataverseLeadMapper.ToJson(record), work.Lead.Id, cancellationToken).ConfigureAwait(false);
        if (outcome == Upserted.Duplicate)
        {
            Log.AlreadyInCrm(_logger, work.Lead.Id.ToString(), work.Profile.Id.ToString());
            return;
        }

        if (recordId is { } written)
        {
            _records[work.Profile.Id] = written.ToString("D", CultureInfo.InvariantCulture);
        }

        Log.Upserted(_logger, work.Profile.Id.ToString(), work.Lead.Id.ToString(), outcome == Upserted.Exists);
        foreach (var lead in work.Replies)
        {
            await CreateReplyTaskAsync(lead, work.Profile.Id, recordId, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<(Upserted Outcome, Guid? RecordId)> UpsertAsync(Uri url, byte[] body, LeadId lead, CancellationToken cancellationToken)
    {
        using var response = await _sender.SendAsync(
            () =>
            {
                var request = new HttpRequestMessage(Patch, url) { Content = new ByteArrayContent(body) };
                request.Content.Headers.ContentType = JsonContentType;
                if (!_options.UpdateExistingRecords)
                {
                    request.Headers.TryAddWithoutValidation("If-None-Match", "*");
                }

                if (_options.DuplicateDetection)
                {
                    request.Headers.TryAddWithoutValidation("MSCRM.SuppressDuplicateDetection", "false");
                }

                return request;
            },
            $"lead {lead}",
            cancellationToken).ConfigureAwait(false);
        var status = (int)response.StatusCode;
        if (status is >= 200 and <= 299)
        {
            return (Upserted.Written, EntityId(response));
        }

        var code = await ErrorCodeAsync(response, cancellationToken).ConfigureAwait(false);
        if (status == 412 && !_options.UpdateExistingRecords)
        {
            return (Upserted.Exists, null);
        }

        if (status == 500 && string.Equals(code, DuplicateRecordCode, StringComparison.OrdinalIgnoreCase))
        {
            return (Upserted.Duplicate, null);
        }

        throw Failure(response, code, $"lead {lead}");
    }

    private async Task CreateReplyTaskAsync(Lead lead, CustomerProfileId profile, Guid? recordId, CancellationToken cancellationToken)
    {
        var respondBy = (lead.CreatedAt ?? lead.ReceivedAt) + _options.ReplyWithin; // when the lead happened, as FollowUp counts it
        var regarding = recordId is { } id
            ? $"/leads({id.ToString("D", CultureInfo.InvariantCulture)})"
            : $"/leads({_options.AlternateKeyColumn}='{profile}')";
        var offer = CrmLeadText.Subject(lead);
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("subject", CrmText.Fit($"Reply to the marketplace lead: {offer}", 200));
            writer.WriteString("scheduledend", respondBy.UtcDateTime.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss'Z'", CultureInfo.InvariantCulture));
            writer.WriteString("regardingobjectid_lead_task@odata.bind", regarding);
            writer.WriteEndObject();
        }

        var body = buffer.WrittenSpan.ToArray();
        var url = new Uri(_api, $"tasks({ReplyTaskId(lead.Id).ToString("D", CultureInfo.InvariantCulture)})");
        using var response = await _sender.SendAsync(
            () =>
            {
                var request = new HttpRequestMessage(Patch, url) { Content = new ByteArrayContent(body) };
                request.Content.Headers.ContentType = JsonContentType;
                request.Headers.TryAddWithoutValidation("If-None-Match", "*"); // create only: a task the sales team closed stays closed
                return request;
            },
            $"the reply task of lead {lead.Id}",
            cancellationToken).ConfigureAwait(false);
        var status = (int)response.StatusCode;
        if (status is (>= 200 and <= 299) or 412)
        {
            return;
        }

        var code = await ErrorCodeAsync(response, cancellationToken).ConfigureAwait(false);
        throw Failure(response, code, $"the reply task of lead {lead.Id}");
    }

    private async Task CloseMergedAsync(CustomerProfileId profile, CancellationToken cancellationToken)
    {
        var url = RecordUrl(profile);
        var delete = _options.MergedRecords == DataverseMergedRecordAction.Delete;
        using var response = await _sender.SendAsync(
            () =>
            {
                if (delete)
                {
                    return new HttpRequestMessage(HttpMethod.Delete, url);
                }

                var request = new HttpRequestMessage(Patch, url) { Content = new ByteArrayContent("{\"statecode\":2,\"statuscode\":7}"u8.ToArray()) };
                request.Content.Headers.ContentType = JsonContentType;
                request.Headers.TryAddWithoutValidation("If-Match", "*"); // update only: never create a record to close it
                return request;
            },
            $"the record of merged-away profile {profile}",
            cancellationToken).ConfigureAwait(false);
        var status = (int)response.StatusCode;
        if (status is (>= 200 and <= 299) or 404)
        {
            return; // 404: the record is gone already (or never existed)
        }

        var code = await ErrorCodeAsync(response, cancellationToken).ConfigureAwait(false);
        throw Failure(response, code, $"the record of merged-away profile {profile}");
    }

    /// <summary>Pauses every request to the environment after a 429 (for its <c>Retry-After</c>) and returns its exception.</summary>
    private async Task<LeadSinkException?> ThrottledAsync(HttpResponseMessage response, string what, CancellationToken cancellationToken)
    {
        if ((int)response.StatusCode != 429)
        {
            return null;
        }

        var code = await ErrorCodeAsync(response, cancellationToken).ConfigureAwait(false);
        var pause = RetryAfterHeader.Read(response, _time.GetUtcNow()) ?? TimeSpan.FromSeconds(5);
        _gate.PauseFor(pause, _time.GetUtcNow());
        Log.Throttled(_logger, _host, code ?? "no code", pause);
        return new LeadSinkException(
            $"The Dataverse environment {_host} answered HTTP 429 ({code ?? "no code"}: a service protection limit) for {what}; every request to it pauses for {pause}.",
            isTransient: true,
            retryAfter: pause);
    }

    /// <summary>The exception for an answer that is neither success nor handled: transient for 408 and 5xx, otherwise not.</summary>
    private LeadSinkException Failure(HttpResponseMessage response, string? code, string what)
    {
        var status = (int)response.StatusCode;
        var transient = status is 408 or >= 500;
        var retryAfter = transient ? RetryAfterHeader.Read(response, _time.GetUtcNow()) : null;
        var hint = status switch
        {
            401 => " Dataverse refused a fresh token too: check that the app registration is an application user of the environment.",
            403 => " The application user lacks a privilege: give it a security role that can create and write leads (and tasks).",
            404 => " Check the alternate key column (DataverseSinkOptions.AlternateKeyColumn) and its alternate key.",
            400 => " Check the mapping's column names and lengths (DataverseSinkOptions.Mapping).",
            _ => string.Empty,
        };
        return new LeadSinkException(
            $"The Dataverse environment {_host} answered HTTP {status.ToString(CultureInfo.InvariantCulture)} ({code ?? "no error code"}) for {what}.{hint}",
            transient,
            retryAfter);
    }

    /// <summary>Reads Dataverse's error code (<c>{"error":{"code":"0x80040333","message":…}}</c>); the message is not read, it may quote data.</summary>
    internal static async Task<string?> ErrorCodeAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        byte[] body;
        try
        {
            body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException)
        {
            return null;
        }

        return ErrorCode(body);
    }

    /// <inheritdoc cref="ErrorCodeAsync"/>
    internal static string? ErrorCode(ReadOnlySpan<byte> body)
    {
        try
        {
            var reader = new Utf8JsonReader(body);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (!reader.ValueTextEquals("error"u8))
                {
                    reader.Read();
                    reader.Skip();
                    continue;
                }

                reader.Read();
                if (reader.TokenType != JsonTokenType.StartObject)
                {
                    return null;
                }

                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    if (reader.ValueTextEquals("code"u8))
                    {
                        reader.Read();
                        var code = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                        return code is { Length: > 0 and <= 32 } && CrmText.IsToken(code) ? code : null;
                    }

                    reader.Read();
                    reader.Skip();
                }

                return null;
            }
        }
        catch (JsonException)
        {
            return null;
        }

        return null;
    }

    /// <summary>Reads the record's id from <c>OData-EntityId: https://…/api/data/v9.2/leads(7d577253-…)</c>.</summary>
    internal static Guid? EntityId(HttpResponseMessage response)
    {
        if (!response.Headers.NonValidated.TryGetValues("OData-EntityId", out var values))
        {
            return null;
        }

        foreach (var value in values)
        {
            var open = value.LastIndexOf('(');
            var close = value.LastIndexOf(')');
            if (open >= 0 && close > open && Guid.TryParse(value.AsSpan(open + 1, close - open - 1), out var id))
            {
                return id;
            }
        }

        return null;
    }

    /// <summary>Runs <paramref name="body"/> for each item, at most <see cref="DataverseSinkOptions.MaxConcurrency"/> at once, every item to the end; then throws
    /// when any failed: the one failure as it is, or for several one exception that is not transient when any of them is not (the pipeline then sends each lead alone),
    /// else transient with the longest <c>Retry-After</c>.</summary>
    private async Task RunAsync<T>(IReadOnlyList<T> items, Func<T, CancellationToken, Task> body, string what, CancellationToken cancellationToken)
    {
        if (items.Count == 0)
        {
            return;
        }

        var failures = new ConcurrentQueue<Exception>();
        using var slots = new SemaphoreSlim(_options.MaxConcurrency);
        var tasks = new Task[items.Count];
        for (var i = 0; i < items.Count; i++)
        {
            tasks[i] = RunOneAsync(items[i]);
        }

        await Task.WhenAll(tasks).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        CrmProfileWork.ThrowFailures(failures.ToArray(), items.Count, what);

        async Task RunOneAsync(T item)
        {
            try
            {
                await slots.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            try
            {
                await body(item, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // The pipeline gave up on the attempt; ThrowIfCancellationRequested reports it.
            }
            catch (Exception error)
            {
                failures.Enqueue(error);
            }
            finally
            {
                slots.Release();
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Debug, "Dataverse lead record of profile {ProfileId} upserted with lead {LeadId} (kept as it was: {Existed})")]
        public static partial void Upserted(ILogger logger, string profileId, string leadId, bool existed);

        [LoggerMessage(2, LogLevel.Information, "Dataverse duplicate detection found lead {LeadId} (profile {ProfileId}) already in the CRM; no record was created and the lead counts as delivered")]
        public static partial void AlreadyInCrm(ILogger logger, string leadId, string profileId);

        [LoggerMessage(3, LogLevel.Warning, "Dataverse environment {Environment} throttled the sink (HTTP 429, {Code}); every request to it pauses for {Pause}")]
        public static partial void Throttled(ILogger logger, string environment, string code, TimeSpan pause);
    }
}
