using System;
using System.Buffers;
using System.Text.Json;

namespace MarketplaceLeads;

/// <summary>
/// Writes a lead in the shape the marketplace POSTs to an HTTPS-endpoint destination
/// (<c>UserDetails</c>, <c>LeadSource</c>, <c>ActionCode</c>, <c>OfferTitle</c>, <c>Description</c>),
/// to forward leads to another endpoint or to exercise one in tests.
/// </summary>
public static class LeadHttpsPayload
{
    private const string CustomerPrefix = "UserDetails.";

    /// <summary>Serializes a lead as an HTTPS-endpoint payload.</summary>
    /// <param name="lead">The lead.</param>
    /// <returns>The UTF-8 JSON body.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="lead"/> is <see langword="null"/>.</exception>
    /// <remarks>
    /// <c>LeadSource</c> is written as received (<see cref="Lead.LeadSourceText"/>) or, for a lead
    /// built in code, formatted from <see cref="Lead.LeadSource"/>. Additional properties the lead was
    /// read with are written back where they were, so reading the result gives the same lead content
    /// and the same <see cref="Lead.Id"/>.
    /// </remarks>
    public static byte[] SerializeToUtf8Bytes(Lead lead)
    {
        ArgumentNullException.ThrowIfNull(lead);
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(writer, lead);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Writes a lead as an HTTPS-endpoint payload object.</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="lead">The lead.</param>
    /// <exception cref="ArgumentNullException"><paramref name="writer"/> or <paramref name="lead"/> is <see langword="null"/>.</exception>
    public static void Write(Utf8JsonWriter writer, Lead lead)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(lead);
        var customer = lead.Customer;
        writer.WriteStartObject();
        writer.WriteStartObject("UserDetails");
        WriteIfNotNull(writer, "FirstName", customer.FirstName);
        WriteIfNotNull(writer, "LastName", customer.LastName);
        WriteIfNotNull(writer, "Email", customer.Email);
        WriteIfNotNull(writer, "Phone", customer.Phone);
        WriteIfNotNull(writer, "Country", customer.Country);
        WriteIfNotNull(writer, "Company", customer.Company);
        WriteIfNotNull(writer, "Title", customer.Title);
        foreach (var (name, value) in lead.AdditionalProperties)
        {
            if (name.StartsWith(CustomerPrefix, StringComparison.Ordinal))
            {
                writer.WritePropertyName(name.AsSpan(CustomerPrefix.Length));
                value.WriteTo(writer);
            }
        }

        writer.WriteEndObject();
        WriteIfNotNull(writer, "LeadSource", lead.LeadSourceText ?? (lead.LeadSource.IsEmpty ? null : lead.LeadSource.ToString()));
        WriteIfNotNull(writer, "ActionCode", lead.ActionCode);
        WriteIfNotNull(writer, "OfferTitle", lead.OfferTitle);
        WriteIfNotNull(writer, "Description", lead.Description);
        foreach (var (name, value) in lead.AdditionalProperties)
        {
            if (!name.StartsWith(CustomerPrefix, StringComparison.Ordinal))
            {
                writer.WritePropertyName(name);
                value.WriteTo(writer);
            }
        }

        writer.WriteEndObject();
    }

    private static void WriteIfNotNull(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }
}
