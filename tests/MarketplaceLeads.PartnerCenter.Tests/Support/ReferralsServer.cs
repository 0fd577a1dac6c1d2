using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace MarketplaceLeads.PartnerCenter.Tests;

/// <summary>
/// A real Kestrel server on 127.0.0.1 that plays Microsoft Entra ID's token endpoint (<c>POST /{tenant}/oauth2/v2.0/token</c>, client
/// credentials for <c>https://api.partner.microsoft.com/.default</c>) and Partner Center's Referrals API as Microsoft Learn documents it
/// ("Get a list of referrals", "Update a referral", "Partner REST headers"): <c>GET /v1.0/engagements/referrals</c> with
/// <c>$filter</c> (<c>prop eq 'value'</c> joined by <c>and</c>), <c>$orderby</c> (<c>updatedDateTime</c>/<c>createdDateTime</c>,
/// <c>asc</c>/<c>desc</c>), <c>$top</c> (at most 100), <c>$skip</c>, and <c>@odata.nextLink</c> (a <c>$skiptoken</c>) while more remain;
/// <c>GET …/referrals/{id}</c> with its <c>ETag</c>; <c>PATCH …/referrals/{id}</c> with a JSON Patch of <c>replace</c>/<c>add</c> operations,
/// <c>If-Match</c> honoured (412). Every answer carries the request's <c>MS-RequestId</c> and <c>MS-CorrelationId</c>; a token it did not
/// issue gets 401. <see cref="Intercept"/> answers a request in place of the documented behaviour (429, …).
/// </summary>
internal sealed class ReferralsServer : IAsyncDisposable
{
    public const string Tenant = "00aa00aa-bb11-cc22-dd33-44ee44ee44ee";
    public const string ClientId = "00001111-aaaa-2222-bbbb-3333cccc4444";
    public const string ClientSecret = "test-secret-value-~8Q";
    public const string Scope = "https://api.partner.microsoft.com/.default";

    private readonly ConcurrentDictionary<string, bool> _tokens = new(StringComparer.Ordinal);
    private LoopbackCrmServer _server = null!;
    private int _issued;
    private int _etag;

    private ReferralsServer()
    {
    }

    /// <summary>Gets or sets an answer in place of the documented one: return <see langword="true"/> when the request was answered.</summary>
    public Func<ReceivedRequest, HttpContext, Task<bool>>? Intercept
    {
        get => _server.Intercept;
        set => _server.Intercept = value;
    }

    public Uri BaseAddress => _server.BaseAddress;

    /// <summary>Gets the referrals by id, as the API holds them.</summary>
    public ConcurrentDictionary<string, JsonObject> Referrals { get; } = new(StringComparer.Ordinal);

    /// <summary>Gets or sets the time the API stamps on an update (<c>updatedDateTime</c>).</summary>
    public DateTimeOffset Now { get; set; } = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    public IReadOnlyList<ReceivedRequest> Requests => _server.Requests;

    public IReadOnlyList<ReceivedRequest> ApiRequests => _server.ApiRequests;

    public int TokensIssued => Volatile.Read(ref _issued);

    /// <summary>Signalled after each PATCH the API applied.</summary>
    public SemaphoreSlim Patched { get; } = new(0);

    public static async Task<ReferralsServer> StartAsync()
    {
        var server = new ReferralsServer();
        server._server = await LoopbackCrmServer.StartAsync(server.HandleAsync);
        return server;
    }

    /// <summary>Options that point a reader at this server, with its checkpoint in <paramref name="checkpoints"/>.</summary>
    public void Configure(PartnerCenterReaderOptions options, string checkpoints)
    {
        options.ApiUrl = BaseAddress;
        options.AuthorityHost = BaseAddress;
        options.TenantId = Tenant;
        options.ClientId = ClientId;
        options.ClientSecret = ClientSecret;
        options.CheckpointDirectory = checkpoints;
    }

    /// <summary>Stores referrals (each with a new ETag).</summary>
    public void Add(params JsonObject[] referrals)
    {
        foreach (var referral in referrals)
        {
            referral["eTag"] = NextETag();
            Referrals[(string)referral["id"]!] = referral;
        }
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    private string NextETag() => "\"" + Interlocked.Increment(ref _etag).ToString(CultureInfo.InvariantCulture) + "\"";

    private async Task HandleAsync(ReceivedRequest request, HttpContext context)
    {
        if (request.IsToken)
        {
            await TokenAsync(request, context);
            return;
        }

        context.Response.Headers["MS-RequestId"] = request.Header("MS-RequestId") ?? Guid.NewGuid().ToString();
        context.Response.Headers["MS-CorrelationId"] = request.Header("MS-CorrelationId") ?? Guid.NewGuid().ToString();
        var authorization = request.Header("Authorization");
        if (authorization is null || !authorization.StartsWith("Bearer ", StringComparison.Ordinal) || !_tokens.ContainsKey(authorization["Bearer ".Length..]))
        {
            await LoopbackCrmServer.AnswerAsync(context, 401, ReferralFixtures.Error("Unauthorized"));
            return;
        }

        const string Collection = "/v1.0/engagements/referrals";
        if (request.Path == Collection && request.Method == "GET")
        {
            await ListAsync(request, context);
        }
        else if (request.Path.StartsWith(Collection + "/", StringComparison.Ordinal))
        {
            var id = Uri.UnescapeDataString(request.Path[(Collection.Length + 1)..]);
            if (!Referrals.TryGetValue(id, out var referral))
            {
                await LoopbackCrmServer.AnswerAsync(context, 404, ReferralFixtures.Error("NotFound"));
            }
            else if (request.Method == "GET")
            {
                await LoopbackCrmServer.AnswerAsync(context, 200, referral.ToJsonString(), ("ETag", (string)referral["eTag"]!));
            }
            else if (request.Method == "PATCH")
            {
                await PatchAsync(request, context, referral);
            }
            else
            {
                await LoopbackCrmServer.AnswerAsync(context, 405, ReferralFixtures.Error("MethodNotAllowed"));
            }
        }
        else
        {
            await LoopbackCrmServer.AnswerAsync(context, 404, ReferralFixtures.Error("NotFound"));
        }
    }

    private async Task ListAsync(ReceivedRequest request, HttpContext context)
    {
        var query = QueryHelpers.ParseQuery(request.Query);
        var top = query.TryGetValue("$top", out var t) ? int.Parse(t!, CultureInfo.InvariantCulture) : 100;
        if (top is < 1 or > 100)
        {
            await LoopbackCrmServer.AnswerAsync(context, 400, ReferralFixtures.Error("InvalidTop"));
            return;
        }

        var skip = query.TryGetValue("$skiptoken", out var token) ? int.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(token!)), CultureInfo.InvariantCulture)
            : query.TryGetValue("$skip", out var s) ? int.Parse(s!, CultureInfo.InvariantCulture) : 0;
        IEnumerable<JsonObject> items = Referrals.Values;
        if (query.TryGetValue("$filter", out var filter))
        {
            foreach (var clause in filter.ToString().Split(" and ", StringSplitOptions.TrimEntries))
            {
                var parts = clause.Split(" eq ", 2, StringSplitOptions.TrimEntries);
                var (name, value) = (parts[0], parts[1].Trim('\''));
                items = items.Where(r => string.Equals((string?)r[name], value, StringComparison.OrdinalIgnoreCase));
            }
        }

        var order = query.TryGetValue("$orderby", out var o) ? o.ToString().Split(' ') : ["createdDateTime", "asc"];
        var descending = order.Length > 1 && order[1] == "desc";
        var sorted = items.OrderBy(r => DateTimeOffset.Parse((string)r[order[0]]!, CultureInfo.InvariantCulture)).ThenBy(r => (string)r["id"]!, StringComparer.Ordinal).ToList();
        if (descending)
        {
            sorted.Reverse();
        }

        var page = sorted.Skip(skip).Take(top).ToList();
        var body = new JsonObject
        {
            ["@odata.context"] = "http://api.partner.microsoft.com/v1.0/$metadata#Referrals",
            ["@odata.count"] = sorted.Count,
            ["value"] = new JsonArray([.. page.Select(r => (JsonNode)JsonNode.Parse(r.ToJsonString())!)]),
        };
        if (skip + top < sorted.Count)
        {
            var next = new Dictionary<string, string?>(StringComparer.Ordinal) { ["$top"] = top.ToString(CultureInfo.InvariantCulture), ["$skiptoken"] = Convert.ToBase64String(Encoding.UTF8.GetBytes((skip + top).ToString(CultureInfo.InvariantCulture))) };
            if (filter.Count > 0)
            {
                next["$filter"] = filter;
            }

            if (o.Count > 0)
            {
                next["$orderby"] = o;
            }

            body["@odata.nextLink"] = QueryHelpers.AddQueryString(new Uri(BaseAddress, "v1.0/engagements/referrals").AbsoluteUri, next);
        }

        await LoopbackCrmServer.AnswerAsync(context, 200, body.ToJsonString());
    }

    private async Task PatchAsync(ReceivedRequest request, HttpContext context, JsonObject referral)
    {
        var ifMatch = request.Header("If-Match");
        if (ifMatch is not null && ifMatch != (string)referral["eTag"]!)
        {
            await LoopbackCrmServer.AnswerAsync(context, 412, ReferralFixtures.Error("PreconditionFailed"));
            return;
        }

        var operations = JsonNode.Parse(request.Body)!.AsArray();
        foreach (var operation in operations)
        {
            var op = (string)operation!["op"]!;
            var path = (string)operation["path"]!;
            if (op is not ("replace" or "add") || path.Count(c => c == '/') != 1)
            {
                await LoopbackCrmServer.AnswerAsync(context, 400, ReferralFixtures.Error("UnsupportedPatch"));
                return;
            }
        }

        foreach (var operation in operations)
        {
            referral[((string)operation!["path"]!)[1..]] = operation["value"]!.DeepClone();
        }

        referral["updatedDateTime"] = Now.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);
        referral["eTag"] = NextETag();
        await LoopbackCrmServer.AnswerAsync(context, 200, referral.ToJsonString(), ("ETag", (string)referral["eTag"]!));
        Patched.Release();
    }

    private async Task TokenAsync(ReceivedRequest request, HttpContext context)
    {
        var form = request.Form();
        if (!request.Path.StartsWith("/" + Tenant + "/", StringComparison.Ordinal)
            || form.GetValueOrDefault("grant_type") != "client_credentials"
            || form.GetValueOrDefault("client_id") != ClientId
            || form.GetValueOrDefault("client_secret") != ClientSecret
            || form.GetValueOrDefault("scope") != Scope)
        {
            await LoopbackCrmServer.AnswerAsync(context, 401, """{"error":"invalid_client","error_description":"AADSTS7000215: Invalid client secret provided.","error_codes":[7000215]}""");
            return;
        }

        var token = "pc-token-" + Interlocked.Increment(ref _issued).ToString(CultureInfo.InvariantCulture);
        _tokens[token] = true;
        await LoopbackCrmServer.AnswerAsync(context, 200, $$"""{"token_type":"Bearer","expires_in":3599,"ext_expires_in":3599,"access_token":"{{token}}"}""");
    }
}
