using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using MarketplaceLeads.Crm;
using MarketplaceLeads.Deduplication;

namespace MarketplaceLeads.Salesforce;

/// <summary>Builds the <c>Lead</c> record of a customer profile as <see cref="SalesforceLeadMapping"/> says, and its JSON.</summary>
internal static class SalesforceLeadMapper
{
    /// <summary>The writer options of every body the sink sends.</summary>
    internal static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Builds the record of <paramref name="profile"/> as of <paramref name="lead"/>, then runs <see cref="SalesforceLeadMapping.Customize"/>.</summary>
    public static SalesforceRecord Build(CustomerProfile profile, Lead lead, SalesforceLeadMapping mapping)
    {
        var record = new SalesforceRecord(profile, lead);
        var customer = profile.Customer;
        Text(record, mapping.FirstName, customer.FirstName, SalesforceLeadMapping.FirstNameLength);
        Text(record, mapping.LastName, customer.LastName, SalesforceLeadMapping.LastNameLength, mapping.MissingLastName);
        Text(record, mapping.Email, customer.EmailStatus == FieldStatus.Valid ? customer.NormalizedEmail : null, SalesforceLeadMapping.EmailLength);
        Text(record, mapping.Phone, customer.PhoneE164 ?? customer.Phone, SalesforceLeadMapping.PhoneLength);
        Text(record, mapping.Company, customer.Company, SalesforceLeadMapping.CompanyLength, mapping.MissingCompany);
        Text(record, mapping.Title, customer.Title, SalesforceLeadMapping.TitleLength);
        Text(record, mapping.Country, customer.Country, SalesforceLeadMapping.CountryLength);
        Text(record, mapping.LeadSource, CrmLeadText.SourceText(lead), SalesforceLeadMapping.LeadSourceLength);
        Text(record, mapping.Description, string.IsNullOrWhiteSpace(lead.Description) ? CrmLeadText.Subject(lead) : CrmLeadText.Subject(lead) + "\n" + lead.Description.Trim(), SalesforceLeadMapping.DescriptionLength);
        Text(record, mapping.LeadSourceText, lead.LeadSourceText, SalesforceLeadMapping.CustomFieldLength);
        Text(record, mapping.Offer, CrmLeadText.OfferText(lead), SalesforceLeadMapping.CustomFieldLength);
        Text(record, mapping.Action, CrmLeadText.ActionText(lead.Action), SalesforceLeadMapping.CustomFieldLength);
        foreach (var field in mapping.DoNotContact)
        {
            record.Set(field, profile.DoNotContact);
        }

        mapping.Customize?.Invoke(record);
        return record;
    }

    /// <summary>The body of a single upsert (<c>PATCH sobjects/Lead/&lt;field&gt;/&lt;id&gt;</c>): the fields alone, without the external id.</summary>
    public static byte[] ToJson(SalesforceRecord record)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            record.WriteFields(writer);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Writes one record of an sObject Collections upsert: <c>attributes.type</c>, the external id, then the fields.</summary>
    public static void WriteCollectionRecord(Utf8JsonWriter writer, SalesforceRecord record, string externalIdField)
    {
        writer.WriteStartObject();
        writer.WriteStartObject("attributes");
        writer.WriteString("type", "Lead");
        writer.WriteEndObject();
        writer.WriteString(externalIdField, record.Profile.Id.ToString());
        record.Remove(externalIdField); // the sink's value wins
        record.WriteFields(writer);
        writer.WriteEndObject();
    }

    private static void Text(SalesforceRecord record, string? field, string? value, int length, string? fallback = null)
    {
        // A field the profile lacks is left out, not cleared: what the sales team typed stays. Required fields get their fallback.
        if (field is not null && (CrmText.Fit(value, length) ?? CrmText.Fit(fallback, length)) is { } text)
        {
            record.Set(field, text);
        }
    }
}
