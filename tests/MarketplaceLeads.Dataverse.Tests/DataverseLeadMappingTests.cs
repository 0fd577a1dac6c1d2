using System;
using System.Linq;
using System.Text;
using System.Text.Json;
using FsCheck.Xunit;
using MarketplaceLeads.Deduplication;

namespace MarketplaceLeads.Dataverse.Tests;

/// <summary>The field mapping: any lead maps to a JSON object Dataverse accepts, within the documented column lengths.</summary>
public sealed class DataverseLeadMappingTests
{
    private static readonly string[] Actions = ["PLT", "INS", "DNC", "Create", "StartTestDrive", "Unknown"];

    [Property(MaxTest = 300)]
    public void AnyLead_MapsToValidJson_WithEveryTextWithinItsColumnsLength_AndNoSplitSurrogate(
        string? first, string? last, string? email, string? phone, string? company, string? title, string? country, string? notes, byte repeat, byte action)
    {
        var times = (repeat % 60) + 1;
        string? Long(string? text) => text is null ? null : string.Concat(Enumerable.Repeat(text, times));
        var lead = TestLeads.Make(Long(first), Long(last), Long(email), Long(phone), Long(company), Long(country), Long(title), Actions[action % Actions.Length], description: Long(notes) ?? string.Empty);
        var profile = CustomerProfile.Restore(new CustomerProfileId(lead.Id), [lead], lead.Customer);
        var mapping = new DataverseLeadMapping { LeadSource = "msl_leadsource", Offer = "msl_offer", Action = "msl_action" };

        var json = DataverseLeadMapper.ToJson(DataverseLeadMapper.Build(profile, lead, mapping));

        Assert.True(new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(json).Length > 0); // valid UTF-8: no lone surrogate was written
        using var document = JsonDocument.Parse(json);
        var limits = new (string Column, int Length)[]
        {
            ("firstname", DataverseLeadMapping.FirstNameLength), ("lastname", DataverseLeadMapping.LastNameLength),
            ("emailaddress1", DataverseLeadMapping.EmailLength), ("telephone1", DataverseLeadMapping.PhoneLength),
            ("companyname", DataverseLeadMapping.CompanyLength), ("jobtitle", DataverseLeadMapping.JobTitleLength),
            ("address1_country", DataverseLeadMapping.CountryLength), ("subject", DataverseLeadMapping.SubjectLength),
            ("description", DataverseLeadMapping.DescriptionLength), ("msl_leadsource", DataverseLeadMapping.CustomColumnLength),
            ("msl_offer", DataverseLeadMapping.CustomColumnLength), ("msl_action", DataverseLeadMapping.CustomColumnLength),
        };
        foreach (var property in document.RootElement.EnumerateObject())
        {
            if (property.Value.ValueKind == JsonValueKind.String)
            {
                var limit = Assert.Single(limits, l => l.Column == property.Name).Length;
                var value = property.Value.GetString()!;
                Assert.InRange(value.Length, 1, limit);
                Assert.Equal(value.Trim(), value);
            }
            else
            {
                Assert.Equal(JsonValueKind.True == property.Value.ValueKind ? JsonValueKind.True : JsonValueKind.False, property.Value.ValueKind);
                Assert.StartsWith("donot", property.Name, StringComparison.Ordinal);
            }
        }

        Assert.True(document.RootElement.TryGetProperty("subject", out _)); // every record has a topic
        Assert.Equal(lead.Action == LeadAction.DoNotContact, document.RootElement.GetProperty("donotemail").GetBoolean());
    }

    [Fact]
    public void Fit_CutsAtTheLength_WithoutSplittingASurrogatePair_AndTrims()
    {
        var emoji = "😀"; // two UTF-16 code units
        Assert.Equal("ab", Crm.CrmText.Fit("ab" + emoji, 3));
        Assert.Equal("ab" + emoji, Crm.CrmText.Fit("  ab" + emoji + "  ", 4));
        Assert.Null(Crm.CrmText.Fit("   ", 10));
        Assert.Null(Crm.CrmText.Fit(emoji, 1));
    }
}
