using System;
using System.Collections.Generic;
using System.Text.Json;

namespace MarketplaceLeads.Reading.Json;

/// <summary>Converts a <see cref="Lead"/> to its <see cref="LeadJsonRecord"/> for writing; <see cref="LeadJsonRecordReader"/> reads records back.</summary>
internal static class LeadJsonRecordMapper
{

    public static LeadJsonRecord ToRecord(Lead lead)
    {
        var customer = lead.Customer;
        return new LeadJsonRecord
        {
            Schema = LeadJsonRecord.SchemaV1,
            Id = lead.Id.ToString(),
            Channel = lead.Channel.ToString(),
            ReceivedAt = lead.ReceivedAt,
            CreatedAt = lead.CreatedAt,
            LeadSource = lead.LeadSource.IsEmpty ? null : lead.LeadSource.ToString(),
            LeadSourceText = lead.LeadSourceText,
            ActionCode = lead.ActionCode,
            OfferTitle = lead.OfferTitle,
            Description = lead.Description,
            Customer = customer.Equals(CustomerInfo.Empty) ? null : new LeadJsonCustomer
            {
                FirstName = customer.FirstName,
                LastName = customer.LastName,
                Email = customer.Email,
                Phone = customer.Phone,
                Country = customer.Country,
                Company = customer.Company,
                Title = customer.Title,
            },
            AdditionalProperties = lead.AdditionalProperties.Count == 0 ? null : new Dictionary<string, JsonElement>(lead.AdditionalProperties, StringComparer.Ordinal),
            RawPayload = LeadRawPayload.Of(lead),
        };
    }
}
