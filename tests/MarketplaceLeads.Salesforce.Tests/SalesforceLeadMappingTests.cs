using System.Linq;
using System.Text;
using System.Text.Json;
using FsCheck.Xunit;
using MarketplaceLeads.Deduplication;

namespace MarketplaceLeads.Salesforce.Tests;

/// <summary>The field mapping: any lead maps to a JSON object Salesforce accepts, within the documented field lengths, with the required fields set.</summary>
public sealed class SalesforceLeadMappingTests
{
    private static readonly string[] Actions = ["PLT", "INS", "DNC", "Create", "StartTestDrive", "Unknown"];

    [Property(MaxTest = 300)]
    public void AnyLead_MapsToValidJson_WithEveryTextWithinItsFieldsLength_AndLastNameAndCompanyAlwaysSet(
        string? first, string? last, string? email, string? phone, string? company, string? title, string? country, string? notes, byte repeat, byte action)
    {
        var times = (repeat % 60) + 1;
        string? Long(string? text) => text is null ? null : string.Concat(Enumerable.Repeat(text, times));
        var lead = TestLeads.Make(Long(first), Long(last), Long(email), Long(phone), Long(company), Long(country), Long(title), Actions[action % Actions.Length], description: Long(notes) ?? string.Empty);
        var profile = CustomerProfile.Restore(new CustomerProfileId(lead.Id), [lead], lead.Customer);
        var mapping = new SalesforceLeadMapping { LeadSourceText = "LeadSourceText__c", Offer = "Offer__c", Action = "Action__c" };

        var json = SalesforceLeadMapper.ToJson(SalesforceLeadMapper.Build(profile, lead, mapping));

        Assert.True(new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(json).Length > 0); // valid UTF-8: no lone surrogate was written
        using var document = JsonDocument.Parse(json);
        var limits = new (string Field, int Length)[]
        {
            ("FirstName", SalesforceLeadMapping.FirstNameLength), ("LastName", SalesforceLeadMapping.LastNameLength),
            ("Email", SalesforceLeadMapping.EmailLength), ("Phone", SalesforceLeadMapping.PhoneLength),
            ("Company", SalesforceLeadMapping.CompanyLength), ("Title", SalesforceLeadMapping.TitleLength),
            ("Country", SalesforceLeadMapping.CountryLength), ("LeadSource", SalesforceLeadMapping.LeadSourceLength),
            ("Description", SalesforceLeadMapping.DescriptionLength), ("LeadSourceText__c", SalesforceLeadMapping.CustomFieldLength),
            ("Offer__c", SalesforceLeadMapping.CustomFieldLength), ("Action__c", SalesforceLeadMapping.CustomFieldLength),
        };
        foreach (var property in document.RootElement.EnumerateObject())
        {
            if (property.Value.ValueKind == JsonValueKind.String)
            {
                var value = property.Value.GetString()!;
                Assert.InRange(value.Length, 1, Assert.Single(limits, l => l.Field == property.Name).Length);
                Assert.Equal(value.Trim(), value);
            }
            else
            {
                Assert.Contains(property.Name, mapping.DoNotContact);
                Assert.Equal(lead.Action == LeadAction.DoNotContact, property.Value.GetBoolean());
            }
        }

        Assert.True(document.RootElement.TryGetProperty("LastName", out _)); // required by Salesforce
        Assert.True(document.RootElement.TryGetProperty("Company", out _)); // required by Salesforce
        if (document.RootElement.TryGetProperty("Email", out var mail))
        {
            Assert.Contains('@', mail.GetString()!); // only a valid, normalized address is sent
        }
    }

    [Theory]
    [InlineData("Email", true)]
    [InlineData("Offer__c", true)]
    [InlineData("My_Offer_2__c", true)]
    [InlineData("Offer__x", false)]
    [InlineData("Of__fer__c", false)]
    [InlineData("_Offer", false)]
    [InlineData("Offer_", false)]
    [InlineData("E-mail", false)]
    [InlineData("", false)]
    public void FieldNames_AreSalesforceApiNames(string name, bool valid) => Assert.Equal(valid, SalesforceLeadMapping.IsApiName(name));
}
