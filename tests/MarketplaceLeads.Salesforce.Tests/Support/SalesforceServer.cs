using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace MarketplaceLeads.Salesforce.Tests;

/// <summary>
/// A real Kestrel server on 127.0.0.1 (tests/Crm.Shared's <see cref="LoopbackCrmServer"/>) that plays a Salesforce org's My Domain as documented:
/// the client-credentials token endpoint (<c>POST /services/oauth2/token</c>, no <c>expires_in</c>), upsert of <c>Lead</c> by external id (201 created,
/// 200 updated, 300 when several records carry the id), sObject Collections upsert (200 with one result per record, up to 200), upsert of
/// <c>Task</c> by external id, <c>Sforce-Limit-Info</c> on every API answer; it refuses a token it did not issue or revoked (401 INVALID_SESSION_ID).
/// <see cref="Intercept"/> answers a request in place of the documented behaviour; <see cref="RecordResult"/> a record of a batch.
/// </summary>
internal sealed partial class SalesforceServer : IAsyncDisposable
{
    public const string ClientId = "3MVG9IHf89I1t8hrvswazsWedXWY0i1qK20PSFaInvUgLFB6vrcb9bbWFTSIHpO8G2jxBLJA6uZGyPFC5Aejq";
    public const string ClientSecret = "test-consumer-secret-~8Q";
    public const string Version = "64.0";
    public const string ExternalIdField = "MarketplaceProfileId__c";
    public const string TaskExternalIdField = "MarketplaceLeadId__c";

    private readonly ConcurrentDictionary<string, bool> _tokens = new(StringComparer.Ordinal);
    private LoopbackCrmServer _server = null!;
    private int _issued;
    private int _apiCalls;
    private int _ids;

    private SalesforceServer()
    {
    }

    /// <summary>Gets or sets an answer in place of the documented one: return <see langword="true"/> when the request was answered.</summary>
    public Func<ReceivedRequest, HttpContext, Task<bool>>? Intercept
    {
        get => _server.Intercept;
        set => _server.Intercept = value;
    }

    /// <summary>Gets or sets a batch record's result in place of the documented one (by the record's external id), or <see langword="null"/> for the documented one.</summary>
    public Func<string, string?>? RecordResult { get; set; }

    public Uri BaseAddress => _server.BaseAddress;

    /// <summary>Gets the Lead records by external id (the profile id).</summary>
    public ConcurrentDictionary<string, (string Id, JsonObject Fields)> Leads { get; } = new(StringComparer.Ordinal);

    /// <summary>Gets the ids of further Lead records that carry an external id too (as if it were not unique): an upsert by it answers 300.</summary>
    public ConcurrentDictionary<string, string[]> SharedExternalIds { get; } = new(StringComparer.Ordinal);

    /// <summary>Gets the Task records by external id (the lead id).</summary>
    public ConcurrentDictionary<string, JsonObject> Tasks { get; } = new(StringComparer.Ordinal);

    public IReadOnlyList<ReceivedRequest> Requests => _server.Requests;

    public IReadOnlyList<ReceivedRequest> ApiRequests => _server.ApiRequests;

    public int TokensIssued => Volatile.Read(ref _issued);

    public static async Task<SalesforceServer> StartAsync()
    {
        var server = new SalesforceServer();
        server._server = await LoopbackCrmServer.StartAsync(server.HandleAsync);
        return server;
    }

    /// <summary>Options that point a sink at this server.</summary>
    public void Configure(SalesforceSinkOptions options)
    {
        options.MyDomainUrl = BaseAddress;
        options.ClientId = ClientId;
        options.ClientSecret = ClientSecret;
        options.ApiVersion = Version;
        options.ExternalIdField = ExternalIdField;
        options.TaskExternalIdField = TaskExternalIdField;
    }

    /// <summary>Refuses every token issued so far (the session timed out or was revoked).</summary>
    public void RevokeTokens() => _tokens.Clear();

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    /// <summary>Writes an answer with the <c>Sforce-Limit-Info</c> header of an API call.</summary>
    public Task<bool> AnswerAsync(HttpContext context, int status, string? body, params (string Name, string Value)[] headers) =>
        LoopbackCrmServer.AnswerAsync(context, status, body, [("Sforce-Limit-Info", LimitInfo()), .. headers]);

    [GeneratedRegex(@"^/services/data/v([0-9.]+)/sobjects/(Lead|Task)/([A-Za-z0-9_]+)/([^/]+)$")]
    private static partial Regex RecordPath();

    [GeneratedRegex(@"^/services/data/v([0-9.]+)/composite/sobjects/Lead/([A-Za-z0-9_]+)$")]
    private static partial Regex CollectionPath();

    private string LimitInfo() => $"api-usage={Volatile.Read(ref _apiCalls).ToString(CultureInfo.InvariantCulture)}/15000";

    private string NewId(string prefix) => prefix + "5e00000" + Interlocked.Increment(ref _ids).ToString("D8", CultureInfo.InvariantCulture);

    private async Task HandleAsync(ReceivedRequest request, HttpContext context)
    {
        if (request.IsToken)
        {
            await TokenAsync(request, context);
            return;
        }

        Interlocked.Increment(ref _apiCalls);
        var authorization = request.Header("Authorization");
        if (authorization is null || !authorization.StartsWith("Bearer ", StringComparison.Ordinal) || !_tokens.ContainsKey(authorization["Bearer ".Length..]))
        {
            await AnswerAsync(context, 401, Fixtures.InvalidSession);
            return;
        }

        if (request.Method != "PATCH")
        {
            await AnswerAsync(context, 405, null);
            return;
        }

        if (RecordPath().Match(request.Path) is { Success: true } record && record.Groups[1].Value == Version)
        {
            var (type, field, value) = (record.Groups[2].Value, record.Groups[3].Value, Uri.UnescapeDataString(record.Groups[4].Value));
            var fields = JsonNode.Parse(request.Body)!.AsObject();
            if (type == "Lead" && field == ExternalIdField && !fields.ContainsKey(field))
            {
                var (status, body) = UpsertLead(value, fields);
                await AnswerAsync(context, status, body);
            }
            else if (type == "Task" && field == TaskExternalIdField)
            {
                var created = !Tasks.ContainsKey(value);
                var merged = created ? new JsonObject { [field] = value } : Tasks[value];
                foreach (var (name, item) in fields.ToList())
                {
                    merged[name] = item?.DeepClone();
                }

                Tasks[value] = merged;
                await AnswerAsync(context, created ? 201 : 200, Fixtures.UpsertResult(NewId("00T"), created));
            }
            else
            {
                await AnswerAsync(context, 404, Fixtures.NotFound);
            }
        }
        else if (CollectionPath().Match(request.Path) is { Success: true } collection && collection.Groups[1].Value == Version && collection.Groups[2].Value == ExternalIdField)
        {
            var body = JsonNode.Parse(request.Body)!.AsObject();
            var records = body["records"]!.AsArray();
            if (records.Count > 200 || (bool?)body["allOrNone"] != false)
            {
                await AnswerAsync(context, 400, """[{"message":"too many records or allOrNone not false","errorCode":"INVALID_FIELD"}]""");
                return;
            }

            var results = new StringBuilder("[");
            foreach (var item in records)
            {
                var fields = item!.AsObject();
                var key = (string)fields[ExternalIdField]!;
                if ((string?)fields["attributes"]?["type"] != "Lead")
                {
                    throw new InvalidOperationException("a record without attributes.type Lead");
                }

                fields.Remove("attributes");
                fields.Remove(ExternalIdField);
                var result = RecordResult?.Invoke(key);
                if (result is null)
                {
                    var (status, answer) = UpsertLead(key, fields);
                    result = status == 300 ? Fixtures.DuplicateExternalIdResult([Leads[key].Id, .. SharedExternalIds[key]]) : answer;
                }

                results.Append(results.Length > 1 ? "," : string.Empty).Append(result);
            }

            await AnswerAsync(context, 200, results.Append(']').ToString());
        }
        else
        {
            await AnswerAsync(context, 404, Fixtures.NotFound);
        }
    }

    private (int Status, string Body) UpsertLead(string key, JsonObject fields)
    {
        if (SharedExternalIds.TryGetValue(key, out var others))
        {
            return (300, Fixtures.MultipleChoices(Version, [Leads[key].Id, .. others]));
        }

        var exists = Leads.TryGetValue(key, out var record);
        var merged = exists ? record.Fields : new JsonObject { [ExternalIdField] = key };
        foreach (var (name, value) in fields.ToList())
        {
            merged[name] = value?.DeepClone();
        }

        var id = exists ? record.Id : NewId("00Q");
        Leads[key] = (id, merged);
        return (exists ? 200 : 201, Fixtures.UpsertResult(id, !exists));
    }

    private async Task TokenAsync(ReceivedRequest request, HttpContext context)
    {
        var form = request.Form();
        if (request.Path != "/services/oauth2/token" || form.GetValueOrDefault("grant_type") != "client_credentials" || form.ContainsKey("scope"))
        {
            await LoopbackCrmServer.AnswerAsync(context, 400, """{"error":"unsupported_grant_type","error_description":"grant type not supported"}""");
            return;
        }

        if (form.GetValueOrDefault("client_id") != ClientId || form.GetValueOrDefault("client_secret") != ClientSecret)
        {
            await LoopbackCrmServer.AnswerAsync(context, 400, Fixtures.InvalidClient);
            return;
        }

        var token = $"00DB0000000TfcZ!token-{Interlocked.Increment(ref _issued).ToString(CultureInfo.InvariantCulture)}";
        _tokens[token] = true;
        await LoopbackCrmServer.AnswerAsync(context, 200, Fixtures.Token(token, BaseAddress.GetLeftPart(UriPartial.Authority)));
    }
}
