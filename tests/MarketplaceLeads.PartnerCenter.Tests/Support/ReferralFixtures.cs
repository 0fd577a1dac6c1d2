using System.Text.Json.Nodes;

namespace MarketplaceLeads.PartnerCenter.Tests;

/// <summary>
/// Referrals as Partner Center's Referrals API returns them. The shapes are the response example of Microsoft Learn, "Get a list of
/// referrals" (learn.microsoft.com/partner-center/developer/get-a-list-of-referrals: the Fabrikam referral, <c>Independent</c> /
/// <c>Direct</c>, and the Contoso referral, <c>SalesQualified</c>, invited by <c>msft</c>); the marketplace fields
/// (<c>referralSource</c>, <c>callToAction</c>) are the properties "Referral resources" lists for a marketplace lead, with values of our
/// own (the docs do not list the enum values). The category rule is "Referrals API introduction": Independent + Direct + invited by
/// msft or nobody is a marketplace lead.
/// </summary>
internal static class ReferralFixtures
{
    /// <summary>The docs' Fabrikam referral made a marketplace lead of one person: <c>Independent</c>, <c>Direct</c>, no invitation.</summary>
    public static JsonObject MarketplaceLead(string id, string updated, string first = "Sue", string last = "Smith", string email = "sue.smith@fabrikam.com", string callToAction = "ContactMe", string source = "AppSource", string offer = "Contoso Analytics") =>
        JsonNode.Parse($$"""
        {
            "id": "{{id}}",
            "engagementId": "65edc0b5-3485-41b7-a17e-dfa9ef4706e2",
            "name": "{{offer}}",
            "externalReferenceId": "",
            "createdDateTime": "{{updated}}",
            "updatedDateTime": "{{updated}}",
            "expirationDateTime": "2026-12-31T00:00:00Z",
            "status": "New",
            "substatus": "Pending",
            "qualification": "Direct",
            "type": "Independent",
            "referralSource": "{{source}}",
            "callToAction": "{{callToAction}}",
            "customerProfile": {
                "name": "Fabrikam Customer Inc",
                "address": {
                    "addressLine1": "One Microsoft Way",
                    "addressLine2": "",
                    "city": "Redmond",
                    "state": "WA",
                    "postalCode": "98052",
                    "country": "US"
                },
                "size": "1to9employees",
                "team": [
                    {
                        "contactPreference": { "locale": "en-US", "disableNotifications": false },
                        "firstName": "{{first}}",
                        "lastName": "{{last}}",
                        "phoneNumber": "1234567890",
                        "email": "{{email}}"
                    }
                ],
                "ids": {}
            },
            "consent": { "consentToContact": true },
            "details": {
                "notes": "We are interested in deploying Microsoft 365 and are looking for support in training our employees. Can you help?",
                "requirements": { "industries": [ { "id": "Education" } ], "products": [ { "id": "Microsoft365" } ], "services": [ { "id": "LearningAndCertification" } ] }
            }
        }
        """)!.AsObject();

    /// <summary>The docs' Contoso referral: <c>SalesQualified</c>, invited by <c>msft</c> — a qualified lead, not a marketplace lead.</summary>
    public static JsonObject QualifiedLead(string id, string updated) =>
        JsonNode.Parse($$"""
        {
            "id": "{{id}}",
            "engagementId": "b1c40bb4-6d36-4eca-baa3-e1460cf2a454",
            "createdDateTime": "{{updated}}",
            "updatedDateTime": "{{updated}}",
            "expirationDateTime": "2026-12-31T00:00:00Z",
            "status": "New",
            "substatus": "Pending",
            "qualification": "SalesQualified",
            "type": "Independent",
            "customerProfile": {
                "name": "Contoso Customer Inc",
                "address": { "addressLine1": "One Microsoft Way", "addressLine2": "34", "city": "Redmond", "state": "WA", "postalCode": "98052", "country": "US" },
                "size": "10to50employees",
                "team": [ { "firstName": "Joe", "lastName": "Hansen", "phoneNumber": "4035698759", "email": "joe.hansen@contoso.com" } ],
                "ids": {}
            },
            "consent": { "consentToToShareInfoWithOthers": true, "consentToContact": true },
            "details": { "notes": "Customer is looking to leverage Dynamics 365 to manage their supply chain.", "dealValue": 50000, "currency": "USD" },
            "inviteContext": { "notes": "Hi ABC Partner, hoping you can help this customer.", "invitedBy": { "organizationId": "msft", "organizationName": "Microsoft" } }
        }
        """)!.AsObject();

    /// <summary>A co-sell opportunity: <c>Direct</c> but invited by another partner's organization.</summary>
    public static JsonObject CoSell(string id, string updated)
    {
        var referral = MarketplaceLead(id, updated, "Joe", "Hansen", "joe.hansen@contoso.com");
        referral["inviteContext"] = JsonNode.Parse("""{ "invitedBy": { "organizationId": "4b5fcbd2-4a2d-4fd8-a0d2-ab1c1c4e9f3e", "organizationName": "ABC Partner" } }""");
        return referral;
    }

    /// <summary>An error answer: a code and a message (the message is never repeated by the reader).</summary>
    public static string Error(string code) => $$"""{"code":"{{code}}","message":"Something about sue.smith@fabrikam.com went wrong"}""";
}
