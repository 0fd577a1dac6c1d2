namespace MarketplaceLeads.Salesforce.Tests;

/// <summary>
/// Answers of Salesforce's token endpoint and REST API as Salesforce documents them; each names the page it is taken from
/// (ids in them are the documentation's or made up; the shape, status and codes are the documented ones).
/// </summary>
internal static class Fixtures
{
    /// <summary>
    /// A successful client-credentials token answer: no <c>expires_in</c> (the session timeout applies).
    /// Page: "OAuth 2.0 Client Credentials Flow for Server-to-Server Integration", section "Salesforce Grants a New Access Token"
    /// (https://help.salesforce.com/s/articleView?id=sf.remoteaccess_oauth_client_credentials_flow.htm).
    /// </summary>
    public static string Token(string accessToken, string instanceUrl) =>
        $$"""{"access_token":"{{accessToken}}","signature":"ybgiaWl+Qkt9OqCxbOXyTrKyc0LaQmPYG3mAUaH6gnk=","scope":"api","instance_url":"{{instanceUrl}}","id":"https://login.salesforce.com/id/00DB0000000TfcZMAS/005B0000005Bk90IAC","token_type":"Bearer","issued_at":"1700000000000"}""";

    /// <summary>
    /// The token endpoint's answer to a wrong consumer key or secret (HTTP 400).
    /// Page: "OAuth 2.0 Client Credentials Flow for Server-to-Server Integration" and "OAuth Error Codes" (invalid_client: invalid client credentials).
    /// </summary>
    public const string InvalidClient = """{"error":"invalid_client","error_description":"invalid client credentials"}""";

    /// <summary>
    /// A created record (HTTP 201) and an updated one (HTTP 200; the <c>created</c> flag since API version 46.0).
    /// Page: REST API Developer Guide, "Insert or Update (Upsert) a Record Using an External ID"
    /// (https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/dome_upsert.htm).
    /// </summary>
    public static string UpsertResult(string id, bool created) =>
        $$"""{"id":"{{id}}","errors":[],"success":true,"created":{{(created ? "true" : "false")}}}""";

    /// <summary>
    /// An external id that several records carry (HTTP 300 Multiple Choices): the list of the matching records.
    /// Page: REST API Developer Guide, "Insert or Update (Upsert) a Record Using an External ID" ("If the external ID is matched multiple times,
    /// then a 300 error is reported") and "Status Codes and Error Responses" (300: the response body contains the list of matching records).
    /// </summary>
    public static string MultipleChoices(string version, params string[] ids) =>
        "[" + string.Join(",", System.Array.ConvertAll(ids, id => $"\"/services/data/v{version}/sobjects/Lead/{id}\"")) + "]";

    /// <summary>
    /// The same in an sObject Collections upsert result.
    /// Page: REST API Developer Guide, "Upsert Records Using sObject Collections" (UpsertResult objects with an errors array) and the SOAP API
    /// Developer Guide's "StatusCode" list (DUPLICATE_EXTERNAL_ID: a user-specified external ID matches more than one record during an upsert).
    /// </summary>
    public static string DuplicateExternalIdResult(params string[] ids) =>
        $$"""{"success":false,"errors":[{"statusCode":"DUPLICATE_EXTERNAL_ID","message":"Lead: more than one record found for external id field: [{{string.Join(", ", ids)}}]","fields":[]}]}""";

    /// <summary>
    /// A duplicate rule blocking a save (HTTP 400 to a single request), with the records it matched.
    /// Page: SOAP API Developer Guide, "DuplicateError", "DuplicateResult", "MatchResult" and "MatchRecord"
    /// (https://developer.salesforce.com/docs/atlas.en-us.api.meta/api/sforce_api_objects_duplicateerror.htm); the REST error list shape from
    /// "Status Codes and Error Responses".
    /// </summary>
    public static string DuplicatesDetected(params string[] ids) => $"[{DuplicateError("errorCode", ids)}]";

    /// <summary>The same in an sObject Collections upsert result (the error's code is <c>statusCode</c> there).</summary>
    public static string DuplicatesDetectedResult(params string[] ids) => $$"""{"success":false,"errors":[{{DuplicateError("statusCode", ids)}}]}""";

    /// <summary>
    /// The org's API request limit (HTTP 403, REQUEST_LIMIT_EXCEEDED).
    /// Page: REST API Developer Guide, "Status Codes and Error Responses" (403: "If the error code is REQUEST_LIMIT_EXCEEDED, you've exceeded API
    /// request limits in your org") and "API Request Limits and Allocations".
    /// </summary>
    public const string RequestLimitExceeded = """[{"message":"TotalRequests Limit exceeded.","errorCode":"REQUEST_LIMIT_EXCEEDED"}]""";

    /// <summary>
    /// An expired or revoked session (HTTP 401).
    /// Page: REST API Developer Guide, "Status Codes and Error Responses" (401: the session ID or OAuth token has expired or is invalid).
    /// </summary>
    public const string InvalidSession = """[{"message":"Session expired or invalid","errorCode":"INVALID_SESSION_ID"}]""";

    /// <summary>
    /// A required field missing (HTTP 400 to a single request; a record error in a batch).
    /// Page: REST API Developer Guide, "Status Codes and Error Responses" (400) and "Create a Record" (REQUIRED_FIELD_MISSING example).
    /// </summary>
    public const string RequiredFieldMissing = """[{"message":"Required fields are missing: [LastName]","errorCode":"REQUIRED_FIELD_MISSING","fields":["LastName"]}]""";

    /// <summary>The same as an sObject Collections record result.</summary>
    public const string RequiredFieldMissingResult = """{"success":false,"errors":[{"statusCode":"REQUIRED_FIELD_MISSING","message":"Required fields are missing: [LastName]","fields":["LastName"]}]}""";

    /// <summary>
    /// A record another transaction holds (a record error in a batch; transient).
    /// Page: SOAP API Developer Guide, "StatusCode" (UNABLE_TO_LOCK_ROW).
    /// </summary>
    public const string UnableToLockRowResult = """{"success":false,"errors":[{"statusCode":"UNABLE_TO_LOCK_ROW","message":"unable to obtain exclusive access to this record","fields":[]}]}""";

    /// <summary>
    /// A field the run-as user cannot edit (HTTP 400, INVALID_FIELD_FOR_INSERT_UPDATE) and a missing permission (HTTP 403, INSUFFICIENT_ACCESS).
    /// Page: REST API Developer Guide, "Status Codes and Error Responses".
    /// </summary>
    public const string InsufficientAccess = """[{"message":"insufficient access rights on cross-reference id","errorCode":"INSUFFICIENT_ACCESS"}]""";

    /// <summary>An external-id field that does not exist (HTTP 404, NOT_FOUND). Page: "Insert or Update (Upsert) a Record Using an External ID", "Error responses".</summary>
    public const string NotFound = """[{"message":"The requested resource does not exist","errorCode":"NOT_FOUND"}]""";

    /// <summary>A server error (HTTP 503, SERVER_UNAVAILABLE). Page: REST API Developer Guide, "Status Codes and Error Responses" (503: the server is unavailable).</summary>
    public const string ServerUnavailable = """[{"message":"Server temporarily unavailable","errorCode":"SERVER_UNAVAILABLE"}]""";

    private static string DuplicateError(string codeName, string[] ids)
    {
        var records = string.Join(",", System.Array.ConvertAll(ids, id =>
            """{"additionalInformation":[],"fieldDiffs":[],"matchConfidence":100.0,"record":{"attributes":{"type":"Lead","url":"/services/data/v64.0/sobjects/Lead/""" + id + "\"},\"Id\":\"" + id + "\"}}"));
        return $$"""{"duplicateResult":{"allowSave":false,"duplicateRule":"Standard_Rule_for_Leads_with_Duplicate_Leads","duplicateRuleEntityType":"Lead","errorMessage":"You're creating a duplicate record. We recommend you use an existing record instead.","matchResults":[{"entityType":"Lead","errors":[],"matchEngine":"FuzzyMatchEngine","matchRecords":[{{records}}],"rule":"Standard_Lead_Match_Rule_v1_0","size":{{ids.Length}},"success":true}]},"{{codeName}}":"DUPLICATES_DETECTED","message":"You're creating a duplicate record. We recommend you use an existing record instead.","fields":[]}""";
    }
}
