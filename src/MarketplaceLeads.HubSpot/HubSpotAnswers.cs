using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;
using MarketplaceLeads.Crm;

namespace MarketplaceLeads.HubSpot;

/// <summary>A batch answer (<c>200</c>, or <c>207</c> multi-status): <c>{"status":"COMPLETE","results":[…],"numErrors":1,"errors":[…]}</c>.</summary>
internal sealed class HubSpotBatchAnswer
{
    public string? Status { get; set; }

    public List<HubSpotBatchResult>? Results { get; set; }

    public List<HubSpotError>? Errors { get; set; }
}

/// <summary>One record of a batch answer: <c>{"id":"…","new":true,"objectWriteTraceId":"…","properties":{…}}</c>.</summary>
internal sealed class HubSpotBatchResult
{
    public string? Id { get; set; }

    public bool? New { get; set; }

    public string? ObjectWriteTraceId { get; set; }

    public Dictionary<string, JsonElement>? Properties { get; set; }
}

/// <summary>An error answer or one error of a batch: <c>{"status":"error","category":"VALIDATION_ERROR","message":…,"context":{"objectWriteTraceId":["…"]}}</c>;
/// a <c>429</c> carries <c>errorType</c> and <c>policyName</c>. The message is never read: it may quote lead data.</summary>
internal sealed class HubSpotError
{
    public string? Category { get; set; }

    public string? SubCategory { get; set; }

    public string? ErrorType { get; set; }

    public string? PolicyName { get; set; }

    public Dictionary<string, List<string>>? Context { get; set; }

    /// <summary>Gets the code to name in messages: the category (or error type), when it is a short token.</summary>
    [JsonIgnore]
    public string? Code => (Category ?? ErrorType) is { } code && CrmText.IsToken(code) ? code : null;

    /// <summary>Gets the trace id of the batch input the error is about.</summary>
    [JsonIgnore]
    public string? TraceId => Context is not null && Context.TryGetValue("objectWriteTraceId", out var ids) && ids is [var id, ..] ? id : null;

    /// <summary>Reads an error answer; <see langword="null"/> for a body of another shape.</summary>
    public static HubSpotError? Read(byte[] body) => HubSpotJson.TryRead(body, HubSpotJson.Default.HubSpotError);
}

/// <summary>The source-generated JSON of HubSpot's answers (no reflection, trimming and NativeAOT safe).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(HubSpotBatchAnswer))]
[JsonSerializable(typeof(HubSpotError))]
internal sealed partial class HubSpotJson : JsonSerializerContext
{
    /// <summary>Reads <paramref name="body"/>; <see langword="null"/> when it is empty or not of that shape.</summary>
    public static T? TryRead<T>(byte[] body, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type)
        where T : class
    {
        if (body.Length == 0)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(body, type);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
