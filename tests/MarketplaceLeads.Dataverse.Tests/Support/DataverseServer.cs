using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace MarketplaceLeads.Dataverse.Tests;

/// <summary>
/// A real Kestrel server on 127.0.0.1 that plays both Microsoft Entra ID's token endpoint (<c>POST /{tenant}/oauth2/v2.0/token</c>) and a
/// Dataverse environment's Web API v9.2 as documented: upsert of <c>leads</c> by an alternate key (create and update answer 204 with
/// <c>OData-EntityId</c>, <c>If-Match: *</c> / <c>If-None-Match: *</c> honoured), upsert of <c>tasks</c> by id, delete; it refuses a token it
/// did not issue or revoked (401). <see cref="Intercept"/> answers a request in place of the documented behaviour (429, 500, 4xx, …).
/// The Kestrel plumbing is tests/Crm.Shared's <see cref="LoopbackCrmServer"/>.
/// </summary>
internal sealed partial class DataverseServer : IAsyncDisposable
{
    public const string Tenant = "00aa00aa-bb11-cc22-dd33-44ee44ee44ee";
    public const string ClientId = "00001111-aaaa-2222-bbbb-3333cccc4444";
    public const string ClientSecret = "test-secret-value-~8Q";
    public const string KeyColumn = "msl_marketplaceprofileid";

    private readonly ConcurrentDictionary<string, bool> _tokens = new(StringComparer.Ordinal);
    private LoopbackCrmServer _server = null!;
    private int _issued;

    private DataverseServer()
    {
    }

    /// <summary>Gets or sets an answer in place of the documented one: return <see langword="true"/> when the request was answered.</summary>
    public Func<ReceivedRequest, HttpContext, Task<bool>>? Intercept
    {
        get => _server.Intercept;
        set => _server.Intercept = value;
    }

    /// <summary>Gets or sets the <c>expires_in</c> of the tokens issued.</summary>
    public int TokenLifetimeSeconds { get; set; } = 3599;

    public Uri BaseAddress => _server.BaseAddress;

    /// <summary>Gets the lead records by alternate key value (the profile id).</summary>
    public ConcurrentDictionary<string, (Guid Id, JsonObject Columns)> Leads { get; } = new(StringComparer.Ordinal);

    /// <summary>Gets the task records by id.</summary>
    public ConcurrentDictionary<Guid, JsonObject> Tasks { get; } = new();

    public IReadOnlyList<ReceivedRequest> Requests => _server.Requests;

    public IReadOnlyList<ReceivedRequest> ApiRequests => _server.ApiRequests;

    public int TokensIssued => Volatile.Read(ref _issued);

    public static async Task<DataverseServer> StartAsync()
    {
        var server = new DataverseServer();
        server._server = await LoopbackCrmServer.StartAsync(server.HandleAsync);
        return server;
    }

    /// <summary>Options that point a sink at this server.</summary>
    public void Configure(DataverseSinkOptions options)
    {
        options.EnvironmentUrl = BaseAddress;
        options.AuthorityHost = BaseAddress;
        options.TenantId = Tenant;
        options.ClientId = ClientId;
        options.ClientSecret = ClientSecret;
        options.AlternateKeyColumn = KeyColumn;
    }

    /// <summary>Refuses every token issued so far (as if they expired early or were revoked).</summary>
    public void RevokeTokens() => _tokens.Clear();

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    /// <summary>Writes a Dataverse error answer.</summary>
    public static Task<bool> AnswerAsync(HttpContext context, int status, string? body, params (string Name, string Value)[] headers) =>
        LoopbackCrmServer.AnswerAsync(context, status, body, headers);

    [GeneratedRegex(@"^/api/data/v9\.2/leads\(([a-z0-9_]+)='([^']*)'\)$")]
    private static partial Regex LeadPath();

    [GeneratedRegex(@"^/api/data/v9\.2/tasks\(([0-9a-f-]{36})\)$")]
    private static partial Regex TaskPath();

    private async Task HandleAsync(ReceivedRequest request, HttpContext context)
    {
        if (request.IsToken)
        {
            await TokenAsync(request, context);
            return;
        }

        var authorization = request.Header("Authorization");
        if (authorization is null || !authorization.StartsWith("Bearer ", StringComparison.Ordinal) || !_tokens.ContainsKey(authorization["Bearer ".Length..]))
        {
            await AnswerAsync(context, 401, null, ("WWW-Authenticate", Fixtures.Unauthorized401Header));
            return;
        }

        if (LeadPath().Match(request.Path) is { Success: true } lead && lead.Groups[1].Value == KeyColumn)
        {
            await LeadAsync(request, context, Uri.UnescapeDataString(lead.Groups[2].Value));
        }
        else if (TaskPath().Match(request.Path) is { Success: true } task && request.Method == "PATCH")
        {
            var id = Guid.Parse(task.Groups[1].Value);
            var columns = JsonNode.Parse(request.Body)!.AsObject();
            if (request.Header("If-None-Match") == "*" && Tasks.ContainsKey(id))
            {
                await AnswerAsync(context, 412, Fixtures.RecordExists);
                return;
            }

            Tasks[id] = columns;
            await AnswerAsync(context, 204, null, ("OData-EntityId", $"{BaseAddress}api/data/v9.2/tasks({id})"));
        }
        else
        {
            await AnswerAsync(context, 404, Fixtures.ResourceNotFound);
        }
    }

    private async Task LeadAsync(ReceivedRequest request, HttpContext context, string key)
    {
        var exists = Leads.TryGetValue(key, out var record);
        if (request.Method == "DELETE")
        {
            if (!Leads.TryRemove(key, out _))
            {
                await AnswerAsync(context, 404, Fixtures.RecordDoesNotExist);
                return;
            }

            await AnswerAsync(context, 204, null);
            return;
        }

        if (request.Method != "PATCH")
        {
            await AnswerAsync(context, 405, null);
            return;
        }

        if (request.Header("If-Match") == "*" && !exists)
        {
            await AnswerAsync(context, 404, Fixtures.RecordDoesNotExist);
            return;
        }

        if (request.Header("If-None-Match") == "*" && exists)
        {
            await AnswerAsync(context, 412, Fixtures.RecordExists);
            return;
        }

        var columns = JsonNode.Parse(request.Body)!.AsObject();
        var merged = exists ? record.Columns : new JsonObject { [KeyColumn] = key };
        foreach (var (name, value) in columns.ToList())
        {
            merged[name] = value?.DeepClone();
        }

        var id = exists ? record.Id : Guid.NewGuid();
        Leads[key] = (id, merged);
        await AnswerAsync(context, 204, null, ("OData-EntityId", $"{BaseAddress}api/data/v9.2/leads({id})"));
    }

    private async Task TokenAsync(ReceivedRequest request, HttpContext context)
    {
        var form = request.Form();
        var environment = BaseAddress.GetLeftPart(UriPartial.Authority);
        if (request.Path != $"/{Tenant}/oauth2/v2.0/token" || form.GetValueOrDefault("grant_type") != "client_credentials"
            || form.GetValueOrDefault("client_id") != ClientId || form.GetValueOrDefault("scope") != environment + "/.default")
        {
            await AnswerAsync(context, 400, """{"error":"invalid_request","error_codes":[900144]}""");
            return;
        }

        if (form.GetValueOrDefault("client_secret") != ClientSecret)
        {
            await AnswerAsync(context, 401, Fixtures.InvalidClient);
            return;
        }

        var token = $"token-{Interlocked.Increment(ref _issued)}";
        _tokens[token] = true;
        await AnswerAsync(context, 200, Fixtures.Token(token, TokenLifetimeSeconds));
    }
}
