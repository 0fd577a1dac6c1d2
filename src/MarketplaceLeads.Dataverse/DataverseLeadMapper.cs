using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using MarketplaceLeads.Crm;
using MarketplaceLeads.Deduplication;

namespace MarketplaceLeads.Dataverse;

/// <summary>Builds the <c>lead</c> record of a customer profile as <see cref="DataverseLeadMapping"/> says, and its JSON body.</summary>
internal static class DataverseLeadMapper
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Builds the record of <paramref name="profile"/> as of <paramref name="lead"/>, then runs <see cref="DataverseLeadMapping.Customize"/>.</summary>
    public static DataverseRecord Build(CustomerProfile profile, Lead lead, DataverseLeadMapping mapping)
    {
        var record = new DataverseRecord(profile, lead);
        var customer = profile.Customer;
        Text(record, mapping.FirstName, customer.FirstName, DataverseLeadMapping.FirstNameLength);
        Text(record, mapping.LastName, customer.LastName, DataverseLeadMapping.LastNameLength);
        Text(record, mapping.Email, customer.NormalizedEmail ?? customer.Email, DataverseLeadMapping.EmailLength);
        Text(record, mapping.Phone, customer.PhoneE164 ?? customer.Phone, DataverseLeadMapping.PhoneLength);
        Text(record, mapping.Company, customer.Company, DataverseLeadMapping.CompanyLength);
        Text(record, mapping.JobTitle, customer.Title, DataverseLeadMapping.JobTitleLength);
        Text(record, mapping.Country, customer.Country, DataverseLeadMapping.CountryLength);
        Text(record, mapping.Subject, CrmLeadText.Subject(lead), DataverseLeadMapping.SubjectLength);
        Text(record, mapping.Notes, lead.Description, DataverseLeadMapping.DescriptionLength);
        Text(record, mapping.LeadSource, lead.LeadSourceText, DataverseLeadMapping.CustomColumnLength);
        Text(record, mapping.Offer, CrmLeadText.OfferText(lead), DataverseLeadMapping.CustomColumnLength);
        Text(record, mapping.Action, CrmLeadText.ActionText(lead.Action), DataverseLeadMapping.CustomColumnLength);
        foreach (var column in mapping.DoNotContact)
        {
            record.Set(column, profile.DoNotContact);
        }

        mapping.Customize?.Invoke(record);
        return record;
    }

    /// <summary>Returns the record's JSON (UTF-8).</summary>
    public static byte[] ToJson(DataverseRecord record)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            record.WriteTo(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void Text(DataverseRecord record, string? column, string? value, int length)
    {
        // A field the profile lacks is left out, not cleared: what the sales team typed into the column stays.
        if (column is not null && CrmText.Fit(value, length) is { } text)
        {
            record.Set(column, text);
        }
    }
}
