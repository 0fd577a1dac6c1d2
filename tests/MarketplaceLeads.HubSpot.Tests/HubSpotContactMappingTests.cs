using System.Linq;
using System.Text;
using System.Text.Json;
using FsCheck.Xunit;
using MarketplaceLeads.Deduplication;

namespace MarketplaceLeads.HubSpot.Tests;

/// <summary>The property mapping: any lead maps to a JSON input HubSpot accepts, every value text within HubSpot's limits.</summary>
public sealed class HubSpotContactMappingTests
{
    private static readonly string[] Actions = ["PLT", "INS", "DNC", "Create", "StartTestDrive", "Unknown"];

    [Property(MaxTest = 300)]
    public void AnyLead_MapsToAValidBatchInput_WithEveryValueTextWithinHubSpotsLimits(
        string? first, string? last, string? email, string? phone, string? company, string? title, string? country, string? notes, byte repeat, byte action)
    {
        var times = (repeat % 60) + 1;
        string? Long(string? text) => text is null ? null : string.Concat(Enumerable.Repeat(text, times * 40));
        var lead = TestLeads.Make(Long(first), Long(last), Long(email), Long(phone), Long(company), Long(country), Long(title), Actions[action % Actions.Length], description: Long(notes) ?? string.Empty);
        var profile = CustomerProfile.Restore(new CustomerProfileId(lead.Id), [lead], lead.Customer);
        var mapping = new HubSpotContactMapping { LeadSourceText = "marketplace_lead_source", Offer = "marketplace_offer", Action = "marketplace_action" };
        mapping.DoNotContact.Add("marketplace_do_not_contact");
        var contact = HubSpotContactMapper.Build(profile, lead, mapping);

        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, HubSpotContactMapper.WriterOptions))
        {
            HubSpotContactMapper.WriteInput(writer, contact, "marketplace_profile_id", profile.Id.ToString(), profile.Id.ToString());
        }

        var json = buffer.WrittenSpan.ToArray();
        Assert.True(new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(json).Length > 0); // valid UTF-8: no lone surrogate was written
        using var document = JsonDocument.Parse(json);
        Assert.Equal(profile.Id.ToString(), document.RootElement.GetProperty("id").GetString());
        foreach (var property in document.RootElement.GetProperty("properties").EnumerateObject())
        {
            Assert.True(HubSpotContactMapping.IsPropertyName(property.Name));
            Assert.Equal(JsonValueKind.String, property.Value.ValueKind); // HubSpot takes every value as text
            var value = property.Value.GetString()!;
            Assert.InRange(value.Length, 1, property.Name == "email" ? HubSpotContactMapping.EmailLength : HubSpotContactMapping.TextLength);
            Assert.Equal(value.Trim(), value);
        }

        Assert.Equal(lead.Action == LeadAction.DoNotContact ? "true" : "false", document.RootElement.GetProperty("properties").GetProperty("marketplace_do_not_contact").GetString());
        if (document.RootElement.GetProperty("properties").TryGetProperty("email", out var mail))
        {
            Assert.Contains('@', mail.GetString()!); // only a valid, normalized address is sent
        }
    }

    [Theory]
    [InlineData("email", true)]
    [InlineData("marketplace_offer", true)]
    [InlineData("hs_lead_status", true)]
    [InlineData("offer2", true)]
    [InlineData("Email", false)]
    [InlineData("_offer", false)]
    [InlineData("2offer", false)]
    [InlineData("e-mail", false)]
    [InlineData("", false)]
    public void PropertyNames_AreHubSpotInternalNames(string name, bool valid) => Assert.Equal(valid, HubSpotContactMapping.IsPropertyName(name));
}
