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

namespace MarketplaceLeads.HubSpot.Tests;

/// <summary>
/// A real Kestrel server on 127.0.0.1 (tests/Crm.Shared's <see cref="LoopbackCrmServer"/>) that plays HubSpot's APIs as documented: batch upsert of contacts
/// and tasks by a unique property (<c>POST /crm/objects/2026-03/{contacts|tasks}/batch/upsert</c>, up to 100 inputs, 200 with a result per input or 207 with
/// <c>errors</c> traced by <c>objectWriteTraceId</c>), the task-to-contact association (<c>PUT …/tasks/{id}/associations/contacts/{id}/204</c>) and
/// unsubscribing from all e-mail (<c>POST /communication-preferences/2026-03/statuses/{email}/unsubscribe-all</c>); it refuses another token (401).
/// <see cref="Intercept"/> answers a request in place of the documented behaviour; <see cref="InputError"/> one input of a batch.
/// </summary>
internal sealed partial class HubSpotServer : IAsyncDisposable
{
    public const string Token = "pat-na1-0f6c1a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b";
    public const string Version = "2026-03";
    public const string IdProperty = "marketplace_profile_id";
    public const string TaskIdProperty = "marketplace_lead_id";

    private LoopbackCrmServer _server = null!;
    private int _ids = 51_000;

    private HubSpotServer()
    {
    }

    /// <summary>Gets or sets an answer in place of the documented one: return <see langword="true"/> when the request was answered.</summary>
    public Func<ReceivedRequest, HttpContext, Task<bool>>? Intercept
    {
        get => _server.Intercept;
        set => _server.Intercept = value;
    }

    /// <summary>Gets or sets the error of a batch input (by its trace id) in place of writing it, or <see langword="null"/> to write it.</summary>
    public Func<string, string?>? InputError { get; set; }

    /// <summary>Gets or sets the contact property the upserts must name as <c>idProperty</c>.</summary>
    public string ContactIdProperty { get; set; } = IdProperty;

    public Uri BaseAddress => _server.BaseAddress;

    /// <summary>Gets the contacts by the value of their id property.</summary>
    public ConcurrentDictionary<string, (string Id, JsonObject Properties)> Contacts { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Gets the tasks by the value of their id property (the lead id).</summary>
    public ConcurrentDictionary<string, (string Id, JsonObject Properties)> Tasks { get; } = new(StringComparer.Ordinal);

    /// <summary>Gets the task-to-contact associations: <c>taskId→contactId</c>.</summary>
    public ConcurrentDictionary<string, string> Associations { get; } = new(StringComparer.Ordinal);

    /// <summary>Gets the addresses unsubscribed from all e-mail, with how often.</summary>
    public ConcurrentDictionary<string, int> Unsubscribed { get; } = new(StringComparer.OrdinalIgnoreCase);

    public IReadOnlyList<ReceivedRequest> Requests => _server.Requests;

    public static async Task<HubSpotServer> StartAsync()
    {
        var server = new HubSpotServer();
        server._server = await LoopbackCrmServer.StartAsync(server.HandleAsync);
        return server;
    }

    /// <summary>Options that point a sink at this server.</summary>
    public void Configure(HubSpotSinkOptions options)
    {
        options.ApiUrl = BaseAddress;
        options.AccessToken = Token;
        options.ApiVersion = Version;
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    [GeneratedRegex(@"^/crm/objects/([0-9-]+)/(contacts|tasks)/batch/upsert$")]
    private static partial Regex UpsertPath();

    [GeneratedRegex(@"^/crm/objects/([0-9-]+)/tasks/([0-9]+)/associations/contacts/([0-9]+)/([0-9]+)$")]
    private static partial Regex AssociationPath();

    [GeneratedRegex(@"^/communication-preferences/([0-9-]+)/statuses/([^/]+)/unsubscribe-all$")]
    private static partial Regex UnsubscribePath();

    private async Task HandleAsync(ReceivedRequest request, HttpContext context)
    {
        if (request.Header("Authorization") != "Bearer " + Token)
        {
            await LoopbackCrmServer.AnswerAsync(context, 401, Fixtures.InvalidAuthentication);
            return;
        }

        if (request.Method == "POST" && UpsertPath().Match(request.Path) is { Success: true } upsert && upsert.Groups[1].Value == Version)
        {
            var (status, body) = Upsert(upsert.Groups[2].Value, JsonNode.Parse(request.Body)!.AsObject());
            await LoopbackCrmServer.AnswerAsync(context, status, body);
        }
        else if (request.Method == "PUT" && AssociationPath().Match(request.Path) is { Success: true } association && association.Groups[1].Value == Version)
        {
            var (task, contact, type) = (association.Groups[2].Value, association.Groups[3].Value, association.Groups[4].Value);
            if (type != "204" || !Tasks.Values.Any(t => t.Id == task) || !Contacts.Values.Any(c => c.Id == contact))
            {
                await LoopbackCrmServer.AnswerAsync(context, 404, Fixtures.ObjectNotFound);
                return;
            }

            Associations[task] = contact;
            await LoopbackCrmServer.AnswerAsync(context, 200, $$"""{"fromObjectTypeId":"0-27","fromObjectId":{{task}},"toObjectTypeId":"0-1","toObjectId":{{contact}},"labels":[]}""");
        }
        else if (request.Method == "POST" && UnsubscribePath().Match(request.Path) is { Success: true } unsubscribe && unsubscribe.Groups[1].Value == Version && request.Query == "?channel=EMAIL")
        {
            var email = Uri.UnescapeDataString(unsubscribe.Groups[2].Value);
            Unsubscribed.AddOrUpdate(email, 1, (_, count) => count + 1);
            await LoopbackCrmServer.AnswerAsync(context, 200, Fixtures.Unsubscribed(email));
        }
        else
        {
            await LoopbackCrmServer.AnswerAsync(context, 404, Fixtures.ObjectNotFound);
        }
    }

    private (int Status, string Body) Upsert(string type, JsonObject body)
    {
        var inputs = body["inputs"]!.AsArray();
        var idProperty = type == "contacts" ? ContactIdProperty : TaskIdProperty;
        if (inputs.Count > 100 || inputs.Any(i => (string?)i!["idProperty"] != idProperty || i["id"] is null || i["objectWriteTraceId"] is null)
            || (type == "tasks" && inputs.Any(i => i!["properties"]?["hs_timestamp"] is null)))
        {
            return (400, Fixtures.ValidationError);
        }

        var results = new StringBuilder();
        var errors = new StringBuilder();
        var errorCount = 0;
        var store = type == "contacts" ? Contacts : Tasks;
        foreach (var input in inputs)
        {
            var (key, trace) = ((string)input!["id"]!, (string)input["objectWriteTraceId"]!);
            if (InputError?.Invoke(trace) is { } error)
            {
                errors.Append(errors.Length > 0 ? "," : string.Empty).Append(error);
                errorCount++;
                continue;
            }

            var exists = store.TryGetValue(key, out var record);
            var merged = exists ? record.Properties : new JsonObject { [idProperty] = key };
            foreach (var (name, value) in input["properties"]!.AsObject().ToList())
            {
                merged[name] = value?.DeepClone();
            }

            var id = exists ? record.Id : Interlocked.Increment(ref _ids).ToString(CultureInfo.InvariantCulture);
            store[key] = (id, merged);
            results.Append(results.Length > 0 ? "," : string.Empty).Append(Fixtures.UpsertResult(id, trace, !exists, merged.ToJsonString()));
        }

        return (errorCount == 0 ? 200 : 207, Fixtures.BatchAnswer(results.ToString(), errors.ToString(), errorCount));
    }
}
