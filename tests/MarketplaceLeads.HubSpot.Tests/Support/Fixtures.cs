namespace MarketplaceLeads.HubSpot.Tests;

/// <summary>
/// Answers of HubSpot's APIs as HubSpot documents them; each names the page it is taken from (ids in them are the documentation's or made up;
/// the shape, status, categories and policy names are the documented ones).
/// </summary>
internal static class Fixtures
{
    /// <summary>
    /// A batch upsert's answer (HTTP 200, or 207 with <c>errors</c>): the records written, each with its <c>objectWriteTraceId</c> and <c>new</c> flag.
    /// Page: API reference 2026-03, "Create or update a batch of contacts by unique property values"
    /// (https://developers.hubspot.com/docs/api-reference/2026-03/crm/objects/contacts/batch/upsert-contacts), response schema.
    /// </summary>
    public static string UpsertResult(string id, string traceId, bool created, string propertiesJson) =>
        $$"""{"id":"{{id}}","new":{{(created ? "true" : "false")}},"objectWriteTraceId":"{{traceId}}","properties":{{propertiesJson}},"createdAt":"2026-03-02T09:00:01.000Z","updatedAt":"2026-03-02T09:00:01.000Z","archived":false}""";

    /// <summary>The batch answer around the results and errors. Page: as <see cref="UpsertResult"/>, and "Error handling", section "Multi-status errors".</summary>
    public static string BatchAnswer(string results, string errors, int errorCount) =>
        $$"""{"status":"COMPLETE","results":[{{results}}],"numErrors":{{errorCount}},"errors":[{{errors}}],"startedAt":"2026-03-02T09:00:01.610Z","completedAt":"2026-03-02T09:00:01.910Z"}""";

    /// <summary>
    /// One input refused in a 207 multi-status answer: a property that does not exist (VALIDATION_ERROR), traced by its <c>objectWriteTraceId</c>.
    /// Page: "Error handling" (https://developers.hubspot.com/docs/api-reference/error-handling), section "Multi-status errors", the example response.
    /// </summary>
    public static string ValidationErrorFor(string traceId) =>
        $$$"""{"status":"error","category":"VALIDATION_ERROR","message":"Property values were not valid: [{\"isValid\":false,\"message\":\"Property \\\"missing\\\" does not exist\",\"error\":\"PROPERTY_DOESNT_EXIST\",\"name\":\"missing\",\"localizedErrorMessage\":\"Property \\\"missing\\\" does not exist\",\"portalId\":891936587}]","context":{"objectWriteTraceId":["{{{traceId}}}"]}}""";

    /// <summary>
    /// The burst limit (HTTP 429, policy TEN_SECONDLY_ROLLING) and the daily limit (HTTP 429, policy DAILY).
    /// Page: "API usage guidelines and limits" (https://developers.hubspot.com/docs/developer-tooling/platform/usage-guidelines): "the 429 response will have the
    /// following format … The message and policyName will indicate which limit you hit (either daily or secondly). The daily limit resets at midnight based on
    /// your time zone setting."
    /// </summary>
    public const string TenSecondlyRolling = """{"status":"error","message":"You have reached your ten_secondly_rolling limit.","errorType":"RATE_LIMIT","correlationId":"c033cdaa-2c40-4a64-ae48-b4cec88dad24","policyName":"TEN_SECONDLY_ROLLING","requestId":"3d3e35b7-0dae-4b9f-a6e3-9c230cbcf8dd"}""";

    /// <inheritdoc cref="TenSecondlyRolling"/>
    public const string Daily = """{"status":"error","message":"You have reached your daily limit.","errorType":"RATE_LIMIT","correlationId":"c033cdaa-2c40-4a64-ae48-b4cec88dad24","policyName":"DAILY","requestId":"3d3e35b7-0dae-4b9f-a6e3-9c230cbcf8dd"}""";

    /// <summary>
    /// A request refused as a whole (HTTP 400, VALIDATION_ERROR), with the documented error structure.
    /// Page: "Error handling", the example error ("discount was not a valid number", INVALID_INTEGER).
    /// </summary>
    public const string ValidationError = """{"status":"error","message":"This will be a human readable message with details about the error.","errors":[{"message":"discount was not a valid number","code":"INVALID_INTEGER","context":{"propertyName":["discount"]}}],"category":"VALIDATION_ERROR","correlationId":"a43683b0-5717-4ceb-80b4-104d02915d8c"}""";

    /// <summary>
    /// An invalid token (HTTP 401). Page: "Error handling" (401 Unauthorized: the authentication provided is invalid); the
    /// body's message and category as HubSpot's announcement of the v3 authentication errors shows them (community.hubspot.com,
    /// "Improvements to authentication errors for V3 endpoints", a HubSpot employee's post: <c>"category": "INVALID_AUTHENTICATION"</c>).
    /// </summary>
    public const string InvalidAuthentication = """{"status":"error","message":"Authentication credentials not found.","correlationId":"501b5a6a-0d5e-4b4a-9d8b-1c5d3a1e0c11","category":"INVALID_AUTHENTICATION"}""";

    /// <summary>A token without the scope (HTTP 403). Page: "Error handling" (403 Forbidden: the authentication does not have the proper permissions; the error's context lists <c>missingScopes</c>).</summary>
    public const string MissingScopes = """{"status":"error","message":"This app hasn't been granted all required scopes to make this call.","correlationId":"b2a9c3e1-7d4f-4c55-8a0e-2f6b1d3c4e5f","errors":[{"message":"One or more of the following scopes are required.","context":{"requiredGranularScopes":["crm.objects.contacts.write"]}}],"category":"MISSING_SCOPES"}""";

    /// <summary>A property or object that does not exist (HTTP 404, OBJECT_NOT_FOUND). Page: "Error handling" (error structure; category per the object APIs).</summary>
    public const string ObjectNotFound = """{"status":"error","message":"resource not found","correlationId":"6e1f2d3c-4b5a-4697-8a1b-2c3d4e5f6a7b","category":"OBJECT_NOT_FOUND"}""";

    /// <summary>
    /// A locked record (HTTP 423): "Locks will last for 2 seconds, so if you receive a 423 error, you should include a delay of at least 2 seconds".
    /// Page: "Error handling", 423 Locked.
    /// </summary>
    public const string Locked = """{"status":"error","message":"Lock is held","correlationId":"7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9c0d","category":"LOCKED"}""";

    /// <summary>An account being migrated (HTTP 477, with <c>Retry-After</c> in seconds). Page: "Error handling", 477 Migration in Progress.</summary>
    public const string MigrationInProgress = """{"status":"error","message":"Migration in progress","correlationId":"8b9c0d1e-2f3a-4b4c-9d5e-6f7a8b9c0d1e","category":"MIGRATION_IN_PROGRESS"}""";

    /// <summary>HubSpot temporarily unavailable (HTTP 502/503/504: "pause your requests for a few seconds, then retry"). Page: "Error handling".</summary>
    public const string ServiceUnavailable = """{"status":"error","message":"Service temporarily unavailable","correlationId":"9c0d1e2f-3a4b-4c5d-8e6f-7a8b9c0d1e2f","category":"SERVICE_UNAVAILABLE"}""";

    /// <summary>
    /// The answer to unsubscribing a contact from all e-mail (POST …/statuses/{subscriberIdString}/unsubscribe-all).
    /// Page: API reference 2026-03, "Unsubscribe a contact from all subscriptions" and "Retrieve a contact's unsubscribed status" (the statuses result shape).
    /// </summary>
    public static string Unsubscribed(string email) =>
        $$"""{"status":"COMPLETE","results":[{"channel":"EMAIL","status":"NOT_SUBSCRIBED","subscriberIdString":"{{email}}","timestamp":"2026-03-02T09:00:02Z","wideStatusType":"PORTAL_WIDE"}],"startedAt":"2026-03-02T09:00:02Z","completedAt":"2026-03-02T09:00:02Z"}""";
}
