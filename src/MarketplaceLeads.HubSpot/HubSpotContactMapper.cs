using System.Text.Encodings.Web;
using System.Text.Json;
using MarketplaceLeads.Crm;
using MarketplaceLeads.Deduplication;

namespace MarketplaceLeads.HubSpot;

/// <summary>Builds the contact of a customer profile as <see cref="HubSpotContactMapping"/> says, and the inputs of a batch upsert.</summary>
internal static class HubSpotContactMapper
{
    /// <summary>The writer options of every body the sink sends.</summary>
    internal static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Builds the contact of <paramref name="profile"/> as of <paramref name="lead"/>, then runs <see cref="HubSpotContactMapping.Customize"/>.</summary>
    public static HubSpotContact Build(CustomerProfile profile, Lead lead, HubSpotContactMapping mapping)
    {
        var contact = new HubSpotContact(profile, lead);
        var customer = profile.Customer;
        var notes = string.IsNullOrWhiteSpace(lead.Description) ? CrmLeadText.Subject(lead) : CrmLeadText.Subject(lead) + "\n" + lead.Description.Trim();
        Text(contact, mapping.FirstName, customer.FirstName);
        Text(contact, mapping.LastName, customer.LastName);
        Text(contact, mapping.Email, EmailOf(profile));
        Text(contact, mapping.Phone, customer.PhoneE164 ?? customer.Phone);
        Text(contact, mapping.Company, customer.Company);
        Text(contact, mapping.JobTitle, customer.Title);
        Text(contact, mapping.Country, customer.Country);
        Text(contact, mapping.Notes, notes);
        Text(contact, mapping.LeadSourceText, lead.LeadSourceText);
        Text(contact, mapping.Offer, CrmLeadText.OfferText(lead));
        Text(contact, mapping.Action, CrmLeadText.ActionText(lead.Action));
        foreach (var property in mapping.DoNotContact)
        {
            contact.Set(property, profile.DoNotContact);
        }

        mapping.Customize?.Invoke(contact);
        return contact;
    }

    /// <summary>The profile's e-mail address as HubSpot takes it: normalized, valid and at most <see cref="HubSpotContactMapping.EmailLength"/> long; else <see langword="null"/>.</summary>
    public static string? EmailOf(CustomerProfile profile) =>
        profile.Customer.EmailStatus == FieldStatus.Valid && profile.Customer.NormalizedEmail is { Length: > 0 and <= HubSpotContactMapping.EmailLength } email ? email : null;

    /// <summary>Writes one input of a batch upsert: <c>{"idProperty":…,"id":…,"objectWriteTraceId":…,"properties":{…}}</c>; the id property is the sink's, not the mapping's.</summary>
    public static void WriteInput(Utf8JsonWriter writer, HubSpotContact contact, string idProperty, string id, string traceId)
    {
        contact.Remove(idProperty); // the sink's value wins
        writer.WriteStartObject();
        writer.WriteString("idProperty", idProperty);
        writer.WriteString("id", id);
        writer.WriteString("objectWriteTraceId", traceId);
        writer.WriteStartObject("properties");
        contact.WriteProperties(writer);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static void Text(HubSpotContact contact, string? property, string? value)
    {
        // A field the profile lacks is left out, not cleared: what the sales team typed stays.
        if (property is not null && CrmText.Fit(value, HubSpotContactMapping.TextLength) is { } text)
        {
            contact.Set(property, text);
        }
    }
}
