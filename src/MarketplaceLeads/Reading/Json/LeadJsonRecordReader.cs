using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;

namespace MarketplaceLeads.Reading.Json;

/// <summary>
/// Reads one <c>marketplace-leads/lead@1</c> record (<see cref="LeadJsonRecord"/>, the SDK's JSON Lines schema) into a
/// <see cref="Lead"/> with <see cref="Utf8JsonReader"/>: property names match case-insensitively, unknown properties
/// are kept in <see cref="Lead.AdditionalProperties"/>, and a later duplicate wins, as the serializer read them.
/// </summary>
/// <remarks>
/// Hand-written rather than a serializer contract so that every rejection names the property in the format's own
/// terms (<c>receivedAt</c>, <c>customer.email</c>), what was expected, and the byte position of the value — never a .NET
/// type. No reflection, so trimming- and AOT-safe. Throws <see cref="RecordRejectedException"/> or
/// <see cref="JsonException"/> (malformed JSON); the caller repairs texts first (<see cref="JsonTextRepair"/>).
/// </remarks>
internal static class LeadJsonRecordReader
{
    private const string DateExpected = "expected a date and time in ISO 8601, such as 2026-11-20T14:03:09Z";

    private const string IdExpected = "expected 32 hexadecimal digits";

    private enum Name
    {
        Unknown,
        Schema,
        Id,
        Channel,
        ReceivedAt,
        CreatedAt,
        LeadSource,
        LeadSourceText,
        ActionCode,
        OfferTitle,
        Description,
        Customer,
        AdditionalProperties,
        RawPayload,
        FirstName,
        LastName,
        Email,
        Phone,
        Country,
        Company,
        Title,
    }

    /// <summary>Reads the record in <paramref name="utf8Json"/> into a lead.</summary>
    /// <param name="utf8Json">One record (a JSON object), UTF-8.</param>
    /// <param name="options">The reader's options (depth and field length limits).</param>
    /// <returns>The lead.</returns>
    public static Lead Read(ReadOnlySpan<byte> utf8Json, LeadReaderOptions options)
    {
        var reader = new Utf8JsonReader(utf8Json, new JsonReaderOptions { MaxDepth = MaxDepthOf(options) });
        if (!reader.Read())
        {
            throw new RecordRejectedException("the record is empty; expected a JSON object", "$", null, null, 0);
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new RecordRejectedException($"expected a JSON object, found {HttpsPayloadParser.Describe(reader.TokenType)}", "$", null, null, reader.TokenStartIndex);
        }

        var limit = options.MaxFieldLength;
        string? id = null, leadSourceText = null, actionCode = null, offerTitle = null, description = null, rawPayload = null;
        var channel = LeadChannel.Unknown;
        DateTimeOffset? receivedAt = null, createdAt = null;
        var leadSource = default(LeadSource);
        var customer = CustomerInfo.Empty;
        Dictionary<string, JsonElement>? additional = null, extra = null;
        long idAt = -1;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = Classify(ref reader, customer: false, out var unknownName);
            reader.Read();
            switch (name)
            {
                case Name.Schema:
                    var schema = ReadString(ref reader, "schema", limit);
                    if (!string.Equals(schema, LeadJsonRecord.SchemaV1, StringComparison.Ordinal))
                    {
                        throw new RecordRejectedException(
                            $"unsupported schema; this version reads '{LeadJsonRecord.SchemaV1}'", "$.schema", "schema", schema is null ? null : RecordRejecter.Quote(schema), reader.TokenStartIndex);
                    }

                    break;
                case Name.Id:
                    idAt = reader.TokenStartIndex;
                    id = reader.TokenType switch
                    {
                        JsonTokenType.Null => null,
                        JsonTokenType.String => reader.GetString(),
                        _ => throw new RecordRejectedException($"{IdExpected}, found {HttpsPayloadParser.Describe(reader.TokenType)}", "$.id", "id", null, reader.TokenStartIndex),
                    };
                    break;
                case Name.Channel:
                    var channelText = ReadString(ref reader, "channel", limit);
                    channel = LeadChannel.Unknown;
                    if (channelText is not null && !Enum.TryParse(channelText, ignoreCase: true, out channel))
                    {
                        throw new RecordRejectedException(
                            $"unknown channel; expected one of {string.Join(", ", Enum.GetNames<LeadChannel>())}", "$.channel", "channel", RecordRejecter.Quote(channelText), reader.TokenStartIndex);
                    }

                    break;
                case Name.ReceivedAt:
                    receivedAt = ReadTime(ref reader, "receivedAt");
                    break;
                case Name.CreatedAt:
                    createdAt = ReadTime(ref reader, "createdAt");
                    break;
                case Name.LeadSource:
                    var leadSourceValue = ReadString(ref reader, "leadSource", limit);
                    leadSource = default;
                    if (leadSourceValue is not null && !LeadSource.TryParse(leadSourceValue, out leadSource))
                    {
                        throw new RecordRejectedException(
                            "expected 'Source-Action | publisher.offer', such as 'AppSource-PLT | contoso.contoso-crm-connector'", "$.leadSource", "leadSource", RecordRejecter.Quote(leadSourceValue), reader.TokenStartIndex);
                    }

                    break;
                case Name.LeadSourceText:
                    leadSourceText = ReadString(ref reader, "leadSourceText", limit);
                    break;
                case Name.ActionCode:
                    actionCode = ReadString(ref reader, "actionCode", limit);
                    break;
                case Name.OfferTitle:
                    offerTitle = ReadString(ref reader, "offerTitle", limit);
                    break;
                case Name.Description:
                    description = ReadString(ref reader, "description", limit);
                    break;
                case Name.Customer:
                    customer = ReadCustomer(ref reader, limit);
                    break;
                case Name.AdditionalProperties:
                    additional = ReadProperties(ref reader);
                    break;
                case Name.RawPayload:
                    rawPayload = reader.TokenType switch
                    {
                        JsonTokenType.Null => null,
                        JsonTokenType.String => reader.GetString(),
                        _ => throw Expected("a string", ref reader, "rawPayload"),
                    };
                    break;
                default:
                    var extraAt = reader.TokenStartIndex;
                    var value = JsonElement.ParseValue(ref reader);
                    if (Levels(value, options.MaxDepth) >= options.MaxDepth)
                    {
                        // Written back under additionalProperties, one level deeper, it would be past the limit.
                        throw new RecordRejectedException(
                            $"the value is nested more than {options.MaxDepth - 1} levels deep, the most an unknown property may be (LeadReaderOptions.MaxDepth)", "$." + unknownName, unknownName, null, extraAt);
                    }

                    (extra ??= new Dictionary<string, JsonElement>(StringComparer.Ordinal))[unknownName!] = value;
                    break;
            }
        }

        if (reader.Read())
        {
            throw new RecordRejectedException($"unexpected {HttpsPayloadParser.Describe(reader.TokenType)} after the end of the JSON object", "$", null, null, reader.TokenStartIndex);
        }

        if (id is null)
        {
            throw new RecordRejectedException("the record has no 'id'; a lead@1 record needs 'id': 32 hexadecimal digits", "$.id", "id", null, Math.Max(idAt, 0));
        }

        if (!LeadId.TryParse(id, out var leadId))
        {
            throw new RecordRejectedException(IdExpected, "$.id", "id", RecordRejecter.Quote(id), idAt);
        }

        if (extra is not null)
        {
            additional ??= new Dictionary<string, JsonElement>(StringComparer.Ordinal);
            foreach (var (name, value) in extra)
            {
                additional.TryAdd(name, value); // additionalProperties wins over a newer version's property of the same name
            }
        }

        return new LeadFields(leadSourceText, actionCode, offerTitle, description, customer)
            .ToLead(leadId, channel, receivedAt ?? default, createdAt, additional, rawPayload, leadSource);
    }

    /// <summary>
    /// Returns the nesting a record may have: one level more than <see cref="LeadReaderOptions.MaxDepth"/>, because a record
    /// keeps a payload's unknown properties one level deeper (under <c>additionalProperties</c>) than the payload had them,
    /// so that every lead a reader accepts can be written as a record and read back.
    /// </summary>
    /// <param name="options">The reader's options.</param>
    /// <returns>The maximum depth for a <see cref="Utf8JsonReader"/> reading a record.</returns>
    public static int MaxDepthOf(LeadReaderOptions options) => options.MaxDepth + 1;

    /// <summary>Counts the levels of objects and arrays in <paramref name="value"/> (0 for a scalar), up to <paramref name="limit"/>.</summary>
    private static int Levels(JsonElement value, int limit)
    {
        if (value.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array) || limit <= 0)
        {
            return 0;
        }

        var deepest = 0;
        if (value.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in value.EnumerateObject())
            {
                deepest = Math.Max(deepest, Levels(property.Value, limit - 1));
            }
        }
        else
        {
            foreach (var item in value.EnumerateArray())
            {
                deepest = Math.Max(deepest, Levels(item, limit - 1));
            }
        }

        return 1 + deepest;
    }

    private static CustomerInfo ReadCustomer(ref Utf8JsonReader reader, int limit)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return CustomerInfo.Empty;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw Expected("an object of customer fields", ref reader, "customer");
        }

        string? firstName = null, lastName = null, email = null, phone = null, country = null, company = null, title = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = Classify(ref reader, customer: true, out _);
            reader.Read();
            switch (name)
            {
                case Name.FirstName: firstName = ReadString(ref reader, "customer.firstName", limit); break;
                case Name.LastName: lastName = ReadString(ref reader, "customer.lastName", limit); break;
                case Name.Email: email = ReadString(ref reader, "customer.email", limit); break;
                case Name.Phone: phone = ReadString(ref reader, "customer.phone", limit); break;
                case Name.Country: country = ReadString(ref reader, "customer.country", limit); break;
                case Name.Company: company = ReadString(ref reader, "customer.company", limit); break;
                case Name.Title: title = ReadString(ref reader, "customer.title", limit); break;
                default: reader.Skip(); break; // lead@1 has no other customer fields; a newer one's are ignored
            }
        }

        return new CustomerInfo
        {
            FirstName = firstName, LastName = lastName, Email = email, Phone = phone, Country = country, Company = company, Title = title,
        };
    }

    private static Dictionary<string, JsonElement>? ReadProperties(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw Expected("an object of properties", ref reader, "additionalProperties");
        }

        var properties = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            reader.Read();
            properties[name] = JsonElement.ParseValue(ref reader);
        }

        return properties;
    }

    private static string? ReadString(ref Utf8JsonReader reader, string field, int limit)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.String:
                var value = reader.GetString()!;
                if (value.Length > limit)
                {
                    throw new RecordRejectedException(
                        $"the value is {value.Length} characters; the limit is {limit} (LeadReaderOptions.MaxFieldLength)", "$." + field, field, RecordRejecter.Quote(value), reader.TokenStartIndex);
                }

                return value;
            default:
                throw Expected("a string", ref reader, field);
        }
    }

    private static DateTimeOffset? ReadTime(ref Utf8JsonReader reader, string field)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.String when reader.TryGetDateTimeOffset(out var value):
                return value;
            case JsonTokenType.String:
                throw new RecordRejectedException(DateExpected, "$." + field, field, RecordRejecter.Quote(reader.GetString()!), reader.TokenStartIndex);
            default:
                throw new RecordRejectedException($"{DateExpected}, found {HttpsPayloadParser.Describe(reader.TokenType)}", "$." + field, field, null, reader.TokenStartIndex);
        }
    }

    private static RecordRejectedException Expected(string what, ref Utf8JsonReader reader, string field) =>
        new($"expected {what}, found {HttpsPayloadParser.Describe(reader.TokenType)}", "$." + field, field, null, reader.TokenStartIndex);

    private static Name Classify(ref Utf8JsonReader reader, bool customer, out string? unknownName)
    {
        unknownName = null;
        Span<byte> buffer = stackalloc byte[64];
        scoped ReadOnlySpan<byte> name;
        if (!reader.ValueIsEscaped)
        {
            name = reader.ValueSpan;
        }
        else if (reader.ValueSpan.Length <= buffer.Length)
        {
            name = buffer[..reader.CopyString(buffer)];
        }
        else
        {
            name = default;
        }

        var known = customer ? ClassifyCustomer(name) : ClassifyRecord(name);
        if (known == Name.Unknown && !customer)
        {
            unknownName = reader.GetString();
        }

        return known;
    }

    private static Name ClassifyRecord(ReadOnlySpan<byte> name) => name.Length switch
    {
        2 when Ascii.EqualsIgnoreCase(name, "id"u8) => Name.Id,
        6 when Ascii.EqualsIgnoreCase(name, "schema"u8) => Name.Schema,
        7 when Ascii.EqualsIgnoreCase(name, "channel"u8) => Name.Channel,
        8 when Ascii.EqualsIgnoreCase(name, "customer"u8) => Name.Customer,
        9 when Ascii.EqualsIgnoreCase(name, "createdAt"u8) => Name.CreatedAt,
        10 when Ascii.EqualsIgnoreCase(name, "receivedAt"u8) => Name.ReceivedAt,
        10 when Ascii.EqualsIgnoreCase(name, "leadSource"u8) => Name.LeadSource,
        10 when Ascii.EqualsIgnoreCase(name, "actionCode"u8) => Name.ActionCode,
        10 when Ascii.EqualsIgnoreCase(name, "offerTitle"u8) => Name.OfferTitle,
        10 when Ascii.EqualsIgnoreCase(name, "rawPayload"u8) => Name.RawPayload,
        11 when Ascii.EqualsIgnoreCase(name, "description"u8) => Name.Description,
        14 when Ascii.EqualsIgnoreCase(name, "leadSourceText"u8) => Name.LeadSourceText,
        20 when Ascii.EqualsIgnoreCase(name, "additionalProperties"u8) => Name.AdditionalProperties,
        _ => Name.Unknown,
    };

    private static Name ClassifyCustomer(ReadOnlySpan<byte> name) => name.Length switch
    {
        5 when Ascii.EqualsIgnoreCase(name, "email"u8) => Name.Email,
        5 when Ascii.EqualsIgnoreCase(name, "phone"u8) => Name.Phone,
        5 when Ascii.EqualsIgnoreCase(name, "title"u8) => Name.Title,
        7 when Ascii.EqualsIgnoreCase(name, "country"u8) => Name.Country,
        7 when Ascii.EqualsIgnoreCase(name, "company"u8) => Name.Company,
        8 when Ascii.EqualsIgnoreCase(name, "lastName"u8) => Name.LastName,
        9 when Ascii.EqualsIgnoreCase(name, "firstName"u8) => Name.FirstName,
        _ => Name.Unknown,
    };
}
