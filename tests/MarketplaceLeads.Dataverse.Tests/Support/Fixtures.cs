namespace MarketplaceLeads.Dataverse.Tests;

/// <summary>
/// Answers of Microsoft Entra ID and the Dataverse Web API as Microsoft documents them; each names the page it is taken from
/// (ids and GUIDs in them are the documentation's or made up; the shape, status and codes are the documented ones).
/// </summary>
internal static class Fixtures
{
    /// <summary>
    /// A successful client-credentials token answer.
    /// Page: "Microsoft identity platform and the OAuth 2.0 client credentials flow", section "Successful response"
    /// (https://learn.microsoft.com/entra/identity-platform/v2-oauth2-client-creds-grant-flow).
    /// </summary>
    public static string Token(string accessToken, int expiresIn) =>
        $$"""{"token_type":"Bearer","expires_in":{{expiresIn}},"ext_expires_in":{{expiresIn}},"access_token":"{{accessToken}}"}""";

    /// <summary>
    /// The token endpoint's answer to a wrong client secret (HTTP 401).
    /// Page: "Microsoft identity platform and the OAuth 2.0 client credentials flow", section "Error response"; the AADSTS code from
    /// "Microsoft Entra authentication and authorization error codes" (AADSTS7000215: invalid client secret provided).
    /// </summary>
    public const string InvalidClient =
        """{"error":"invalid_client","error_description":"AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '00001111-aaaa-2222-bbbb-3333cccc4444'. Trace ID: 0000aaaa-11bb-cccc-dd22-eeeeee333333 Correlation ID: aaaa0000-bb11-2222-33cc-444444dddddd Timestamp: 2026-03-02 09:00:00Z","error_codes":[7000215],"timestamp":"2026-03-02 09:00:00Z","trace_id":"0000aaaa-11bb-cccc-dd22-eeeeee333333","correlation_id":"aaaa0000-bb11-2222-33cc-444444dddddd"}""";

    /// <summary>
    /// The service protection answer (HTTP 429 with <c>Retry-After</c> in seconds): the number-of-requests limit, code 0x80072322 (-2147015902).
    /// Page: "Service protection API limits", sections "Service protection API limit errors returned" and "Retry operations"
    /// (https://learn.microsoft.com/power-apps/developer/data-platform/api-limits).
    /// </summary>
    public const string TooManyRequests =
        """{"error":{"code":"0x80072322","message":"Number of requests exceeded the limit of 6000 over time window of 300 seconds."}}""";

    /// <summary>
    /// Duplicate detection refusing a record (HTTP 500, code 0x80040333), sent when the request carried <c>MSCRM.SuppressDuplicateDetection: false</c>.
    /// Page: "Detect duplicate data using the Web API", section "Example: Detect duplicates during Create operation using the Web API"
    /// (https://learn.microsoft.com/power-apps/developer/data-platform/webapi/manage-duplicate-detection-create-update).
    /// </summary>
    public const string DuplicateDetected =
        """{"error":{"code":"0x80040333","message":"A record was not created or updated because a duplicate of the current record already exists."}}""";

    /// <summary>
    /// A property the table does not have (HTTP 400, code 0x0).
    /// Page: "Troubleshoot Dataverse Web API client errors", section "Could not find a property named '{property name}' on type 'Microsoft.Dynamics.CRM.{entity name}'"
    /// (https://learn.microsoft.com/troubleshoot/power-platform/dataverse/dataverse-web-api-and-sdk/web-api-client-errors).
    /// </summary>
    public const string UnknownProperty =
        """{"error":{"code":"0x0","message":"Could not find a property named 'msl_offer' on type 'Microsoft.Dynamics.CRM.lead'."}}""";

    /// <summary>
    /// A resource that does not exist (HTTP 404, code 0x8006088a): here an alternate key column that is not there.
    /// Page: "Troubleshoot Dataverse Web API client errors", section "Resource not found for the segment"
    /// (https://learn.microsoft.com/troubleshoot/power-platform/dataverse/dataverse-web-api-and-sdk/web-api-client-errors).
    /// </summary>
    public const string ResourceNotFound =
        """{"error":{"code":"0x8006088a","message":"Resource not found for the segment 'leads'."}}""";

    /// <summary>
    /// A privilege the application user lacks (HTTP 403, code 0x80040220 = -2147220960, "Principal user is missing privilege on OTC for entity").
    /// Page: "Troubleshoot Dataverse client errors", section "Error: Principal user is missing privilege on OTC for entity"
    /// (https://learn.microsoft.com/troubleshoot/power-platform/dataverse/user-permissions/client-errors).
    /// </summary>
    public const string MissingPrivilege =
        """{"error":{"code":"0x80040220","message":"Principal user (Id=00aa00aa-bb11-cc22-dd33-44ee44ee44ee, type=8, roleCount=1, privilegeCount=0, accessMode=4), is missing prvCreateLead privilege (Id=11bb11bb-cc22-dd33-ee44-55ff55ff55ff) on OTC=4 for entity 'lead'."}}""";

    /// <summary>
    /// An update-only upsert (<c>If-Match: *</c>) of a record that does not exist (HTTP 404, code 0x80040217).
    /// Page: "Update and delete table rows using the Web API", section "Prevent create in upsert"
    /// (https://learn.microsoft.com/power-apps/developer/data-platform/webapi/update-delete-entities-using-web-api).
    /// </summary>
    public const string RecordDoesNotExist =
        """{"error":{"code":"0x80040217","message":"lead With Id = 00000000-0000-0000-0000-000000000000 Does Not Exist"}}""";

    /// <summary>
    /// A create-only upsert (<c>If-None-Match: *</c>) of a record that exists (HTTP 412, code 0x80040237).
    /// Page: "Update and delete table rows using the Web API", section "Prevent update in upsert"
    /// (https://learn.microsoft.com/power-apps/developer/data-platform/webapi/update-delete-entities-using-web-api).
    /// </summary>
    public const string RecordExists =
        """{"error":{"code":"0x80040237","message":"A record with matching key values already exists."}}""";

    /// <summary>
    /// The <c>WWW-Authenticate</c> header of a 401 to a missing or expired token (the body is empty).
    /// Page: "Use OAuth authentication with Microsoft Dataverse", section "Simple example" of discovering the authority
    /// (https://learn.microsoft.com/power-apps/developer/data-platform/authenticate-oauth).
    /// </summary>
    public const string Unauthorized401Header =
        "Bearer authorization_uri=https://login.microsoftonline.com/00aa00aa-bb11-cc22-dd33-44ee44ee44ee/oauth2/authorize, resource_id=https://contoso.crm.dynamics.com/";

    /// <summary>
    /// A transient server error (HTTP 503), the answer while the environment is being updated or is unavailable.
    /// Page: "Troubleshoot Dataverse Web API client errors" / "Service protection API limits", section "Other errors" (a generic 5xx with the same error shape).
    /// </summary>
    public const string ServiceUnavailable =
        """{"error":{"code":"0x80040216","message":"An unexpected error occurred."}}""";
}
