using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Text.Json;

namespace MarketplaceLeads.Internal;

/// <summary>Converts between <see cref="Lead"/> and <see cref="LeadJsonRecord"/>.</summary>
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
            RawPayload = lead.RawPayload,
        };
    }

    /// <summary>Builds the lead of a record; throws <see cref="RecordRejectedException"/> naming the property that is wrong.</summary>
    public static Lead ToLead(LeadJsonRecord record, int maxFieldLength)
    {
        if (!string.Equals(record.Schema, LeadJsonRecord.SchemaV1, StringComparison.Ordinal))
        {
            throw new RecordRejectedException(
                $"unsupported schema; this version reads '{LeadJsonRecord.SchemaV1}'",
                "$.schema",
                "schema",
                record.Schema is null ? null : RecordRejecter.Quote(record.Schema),
                null);
        }

        if (!LeadId.TryParse(record.Id, out var id))
        {
            throw new RecordRejectedException("expected a LeadId: 32 hexadecimal digits", "$.id", "id", record.Id is null ? null : RecordRejecter.Quote(record.Id), null);
        }

        var channel = LeadChannel.Unknown;
        if (record.Channel is not null && !Enum.TryParse(record.Channel, ignoreCase: true, out channel))
        {
            throw new RecordRejectedException(
                $"unknown channel; expected one of {string.Join(", ", Enum.GetNames<LeadChannel>())}",
                "$.channel",
                "channel",
                RecordRejecter.Quote(record.Channel),
                null);
        }

        var leadSource = default(LeadSource);
        if (record.LeadSource is not null && !LeadSource.TryParse(record.LeadSource, out leadSource))
        {
            throw new RecordRejectedException("not a valid LeadSource ('Source-Action | Offer')", "$.leadSource", "leadSource", RecordRejecter.Quote(record.LeadSource), null);
        }

        Check(record.LeadSourceText, "leadSourceText", maxFieldLength);
        Check(record.ActionCode, "actionCode", maxFieldLength);
        Check(record.OfferTitle, "offerTitle", maxFieldLength);
        Check(record.Description, "description", maxFieldLength);
        var c = record.Customer;
        if (c is not null)
        {
            Check(c.FirstName, "customer.firstName", maxFieldLength);
            Check(c.LastName, "customer.lastName", maxFieldLength);
            Check(c.Email, "customer.email", maxFieldLength);
            Check(c.Phone, "customer.phone", maxFieldLength);
            Check(c.Country, "customer.country", maxFieldLength);
            Check(c.Company, "customer.company", maxFieldLength);
            Check(c.Title, "customer.title", maxFieldLength);
        }

        Dictionary<string, JsonElement>? additional = null;
        if (record.AdditionalProperties is { Count: > 0 } || record.Extra is { Count: > 0 })
        {
            additional = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
            foreach (var (name, value) in record.AdditionalProperties ?? [])
            {
                additional[name] = value;
            }

            foreach (var (name, value) in record.Extra ?? [])
            {
                additional.TryAdd(name, value);
            }
        }

        return new Lead
        {
            Id = id,
            Channel = channel,
            ReceivedAt = record.ReceivedAt ?? default,
            CreatedAt = record.CreatedAt,
            LeadSource = leadSource,
            LeadSourceText = record.LeadSourceText,
            ActionCode = record.ActionCode,
            OfferTitle = record.OfferTitle,
            Description = record.Description,
            Customer = c is null ? CustomerInfo.Empty : new CustomerInfo
            {
                FirstName = c.FirstName,
                LastName = c.LastName,
                Email = c.Email,
                Phone = c.Phone,
                Country = c.Country,
                Company = c.Company,
                Title = c.Title,
            },
            AdditionalProperties = additional is null ? Lead.NoProperties : new ReadOnlyDictionary<string, JsonElement>(additional),
            RawPayload = record.RawPayload,
        };
    }

    private static void Check(string? value, string name, int maxFieldLength)
    {
        if (value is not null && value.Length > maxFieldLength)
        {
            throw new RecordRejectedException(
                $"the value is {value.Length} characters; the limit is {maxFieldLength} (LeadReaderOptions.MaxFieldLength)",
                "$." + name,
                name,
                RecordRejecter.Quote(value),
                null);
        }
    }
}
