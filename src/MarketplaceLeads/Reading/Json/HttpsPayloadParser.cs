using System;
using System.Collections.Generic;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using MarketplaceLeads.Internal;

namespace MarketplaceLeads.Reading.Json;

/// <summary>
/// Reads one marketplace HTTPS-endpoint payload (a JSON object: <c>LeadSource</c>, <c>ActionCode</c>,
/// <c>OfferTitle</c>, <c>Description</c>, <c>UserDetails { … }</c>) into a <see cref="Lead"/>, with
/// <see cref="Utf8JsonReader"/>: property names match case-insensitively, unknown properties are
/// kept, limits are enforced while reading, and every rejection names the JSON path.
/// </summary>
/// <remarks>
/// Hand-written over <see cref="Utf8JsonReader"/> rather than a serializer contract: it is the
/// parsing hot path (no per-property allocations beyond the kept strings, repeated values interned),
/// and it knows which field a bad value is in. No reflection, so trimming- and AOT-safe.
/// </remarks>
internal sealed class HttpsPayloadParser
{

    private readonly LeadReaderOptions _options;
    private readonly LeadChannel _channel;
    private readonly RecordRejecter _rejecter;

    public HttpsPayloadParser(LeadReaderOptions options, LeadChannel channel)
    {
        _options = options;
        _channel = channel;
        _rejecter = new RecordRejecter(options, channel);
    }

    internal enum Property
    {
        Unknown,
        LeadSource,
        ActionCode,
        OfferTitle,
        Description,
        UserDetails,
        FirstName,
        LastName,
        Email,
        Phone,
        Country,
        Company,
        Title,
    }

    /// <summary>Parses a record that must be exactly one JSON object; a text that cannot be decoded as it stands is read with U+FFFD (see <see cref="JsonTextRepair"/>).</summary>
    public LeadReadResult Parse(ReadOnlySpan<byte> record, RecordLocation location)
    {
        if (record.Length > _options.MaxRecordBytes)
        {
            return _rejecter.Reject(record, location, $"the record is {record.Length} bytes; the limit is {_options.MaxRecordBytes} (LeadReaderOptions.MaxRecordBytes)", "$", null, null, 0);
        }

        if (record.Trim(" \t\r\n"u8).IsEmpty)
        {
            return _rejecter.Reject(record, location, "the record is empty; expected a JSON object", "$", null, null, 0);
        }

        return Parse(record, JsonTextRepair.Repair(record), location);
    }

    /// <summary>Parses a record (within the size limit, not blank) through its repair, if it needed one; the lead keeps the record as received.</summary>
    public LeadReadResult Parse(ReadOnlySpan<byte> record, JsonTextRepair? repair, RecordLocation location)
    {
        var json = repair is null ? record : repair.Utf8;
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = _options.MaxDepth });
        try
        {
            var payload = ReadPayload(ref reader);
            if (reader.Read())
            {
                throw new RecordRejectedException($"unexpected {Describe(reader.TokenType)} after the end of the JSON object", "$", null, null, reader.TokenStartIndex);
            }

            return new LeadReadResult(ToLead(payload, record, json, repair), location);
        }
        catch (RecordRejectedException ex)
        {
            return _rejecter.Reject(record, location, ex.Message, ex.Path, ex.Field, ex.Value, JsonTextRepair.ToOriginal(repair, ex.PositionInRecord ?? reader.BytesConsumed));
        }
        catch (JsonException ex)
        {
            var position = OffsetOfLine(json, ex.LineNumber ?? 0) + (ex.BytePositionInLine ?? 0);
            return _rejecter.RejectMalformed(record, location, "malformed JSON: ", ex, ex.Path ?? "$", JsonTextRepair.ToOriginal(repair, position));
        }
        catch (InvalidOperationException)
        {
            // Not expected once the record is repaired; a reader must still never throw it.
            return _rejecter.Reject(record, location, "a text in the record cannot be decoded", "$", null, null, JsonTextRepair.ToOriginal(repair, reader.TokenStartIndex));
        }
    }

    internal Payload ReadPayload(ref Utf8JsonReader reader)
    {
        if (!reader.Read())
        {
            throw new RecordRejectedException("the record is empty; expected a JSON object", "$", null, null, 0);
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new RecordRejectedException($"expected a JSON object, found {Describe(reader.TokenType)}", "$", null, null, reader.TokenStartIndex);
        }

        var payload = new Payload();
        var seen = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var property = Classify(ref reader, topLevel: true, out var unknownName);
            if (property != Property.Unknown)
            {
                var bit = 1 << (int)property;
                if ((seen & bit) != 0)
                {
                    throw Duplicate(ref reader, "$." + property);
                }

                seen |= bit;
            }

            reader.Read();
            switch (property)
            {
                case Property.LeadSource:
                    payload.LeadSource = ReadString(ref reader, "$.LeadSource", intern: true);
                    payload.NoteUtf8(Property.LeadSource, ref reader);
                    if (reader.TokenType == JsonTokenType.String && !reader.HasValueSequence && !reader.ValueIsEscaped)
                    {
                        // UTF-8 first: parsed from the bytes, not from the string just read.
                        payload.ParsedLeadSource = LeadSource.TryParse(reader.ValueSpan, out var parsed) ? parsed : default;
                    }

                    break;
                case Property.ActionCode:
                    payload.ActionCode = ReadString(ref reader, "$.ActionCode", intern: true);
                    payload.NoteUtf8(Property.ActionCode, ref reader);
                    break;
                case Property.OfferTitle:
                    payload.OfferTitle = ReadString(ref reader, "$.OfferTitle", intern: true);
                    payload.NoteUtf8(Property.OfferTitle, ref reader);
                    break;
                case Property.Description:
                    payload.Description = ReadString(ref reader, "$.Description", intern: false, allowJson: true);
                    payload.NoteUtf8(Property.Description, ref reader);
                    break;
                case Property.UserDetails:
                    payload.Customer = ReadCustomer(ref reader, ref payload);
                    break;
                default:
                    (payload.Additional ??= new Dictionary<string, JsonElement>(StringComparer.Ordinal))[unknownName!] = JsonElement.ParseValue(ref reader);
                    break;
            }
        }

        return payload;
    }

    internal CustomerInfo ReadCustomer(ref Utf8JsonReader reader, ref Payload payload)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return CustomerInfo.Empty;
            case JsonTokenType.String:
                // The Azure Table destination stores the customer as a JSON string.
                return ReadCustomerFromString(ref reader, ref payload);
            case JsonTokenType.StartObject:
                break;
            default:
                throw new RecordRejectedException($"expected an object of customer fields, found {Describe(reader.TokenType)}", "$.UserDetails", "UserDetails", null, reader.TokenStartIndex);
        }

        string? firstName = null, lastName = null, email = null, phone = null, country = null, company = null, title = null;
        var seen = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var property = Classify(ref reader, topLevel: false, out var unknownName);
            if (property != Property.Unknown)
            {
                var bit = 1 << (int)property;
                if ((seen & bit) != 0)
                {
                    throw Duplicate(ref reader, "$.UserDetails." + property);
                }

                seen |= bit;
            }

            reader.Read();
            switch (property)
            {
                case Property.FirstName: firstName = ReadString(ref reader, "$.UserDetails.FirstName", intern: false); payload.NoteUtf8(Property.FirstName, ref reader); break;
                case Property.LastName: lastName = ReadString(ref reader, "$.UserDetails.LastName", intern: false); payload.NoteUtf8(Property.LastName, ref reader); break;
                case Property.Email: email = ReadString(ref reader, "$.UserDetails.Email", intern: false); payload.NoteUtf8(Property.Email, ref reader); break;
                case Property.Phone: phone = ReadString(ref reader, "$.UserDetails.Phone", intern: false); payload.NoteUtf8(Property.Phone, ref reader); break;
                case Property.Country: country = ReadString(ref reader, "$.UserDetails.Country", intern: true); payload.NoteUtf8(Property.Country, ref reader); break;
                case Property.Company: company = ReadString(ref reader, "$.UserDetails.Company", intern: false); payload.NoteUtf8(Property.Company, ref reader); break;
                case Property.Title: title = ReadString(ref reader, "$.UserDetails.Title", intern: true); payload.NoteUtf8(Property.Title, ref reader); break;
                default:
                    (payload.Additional ??= new Dictionary<string, JsonElement>(StringComparer.Ordinal))["UserDetails." + unknownName] = JsonElement.ParseValue(ref reader);
                    break;
            }
        }

        return new CustomerInfo
        {
            FirstName = firstName, LastName = lastName, Email = email, Phone = phone, Country = country, Company = company, Title = title,
        };
    }

    private CustomerInfo ReadCustomerFromString(ref Utf8JsonReader reader, ref Payload payload) =>
        ReadCustomerJson(reader.GetString()!, ref payload, "UserDetails");

    /// <summary>
    /// Reads a customer object held in a JSON string (the Azure Table destination's <c>CustomerInfo</c>): a leading byte
    /// order mark is skipped, and a text that cannot be decoded is read with U+FFFD (see <see cref="JsonTextRepair"/>).
    /// </summary>
    /// <param name="json">The JSON text.</param>
    /// <param name="payload">The payload, which keeps the customer's unknown properties.</param>
    /// <param name="field">The name of the property holding the string, for errors (<c>UserDetails</c>, <c>CustomerInfo</c>).</param>
    /// <returns>The customer.</returns>
    internal CustomerInfo ReadCustomerJson(string json, ref Payload payload, string field)
    {
        var text = json.AsSpan().TrimStart('\uFEFF');
        if (text.IsWhiteSpace())
        {
            return CustomerInfo.Empty;
        }

        var bytes = Encoding.UTF8.GetBytes(json, json.Length - text.Length, text.Length); // a lone surrogate char becomes U+FFFD here
        var repair = JsonTextRepair.Repair(bytes);
        var inner = new Utf8JsonReader(repair is null ? bytes : repair.Utf8, new JsonReaderOptions { MaxDepth = _options.MaxDepth });
        var path = "$." + field;
        try
        {
            inner.Read();
            if (inner.TokenType != JsonTokenType.StartObject)
            {
                throw new RecordRejectedException($"expected the customer JSON string to hold an object, found {Describe(inner.TokenType)}", path, field, RecordRejecter.Quote(json), null);
            }

            var customer = ReadCustomer(ref inner, ref payload);
            payload.ForgetCustomerUtf8(); // positions in the string's bytes, not in the record's
            return customer;
        }
        catch (RecordRejectedException ex) when (ex.PositionInRecord is not null)
        {
            // A position inside the string is not a position in the record: the caller names the string's.
            throw new RecordRejectedException(ex.Message, ex.Path, ex.Field, ex.Value, null);
        }
        catch (JsonException ex)
        {
            var position = JsonTextRepair.ToOriginal(repair, OffsetOfLine(repair is null ? bytes : repair.Utf8, ex.LineNumber ?? 0) + (ex.BytePositionInLine ?? 0));
            throw new RecordRejectedException(
                string.Create(CultureInfo.InvariantCulture, $"the customer JSON string is malformed: {JsonErrorText.Describe(ex)} at byte {position} of the string"), path, field, RecordRejecter.Quote(json), null);
        }
    }

    private string? ReadString(ref Utf8JsonReader reader, string path, bool intern, bool allowJson = false)
    {
        string? value;
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.String:
                // Escaped text is at most as long in characters as in bytes; check before decoding.
                if (reader.HasValueSequence || reader.ValueSpan.Length > _options.MaxFieldLength * 3)
                {
                    value = reader.GetString()!;
                }
                else if (intern && !reader.ValueIsEscaped && reader.ValueSpan.Length <= StringCache.MaxLength)
                {
                    return StringCache.Shared.GetOrAdd(reader.ValueSpan);
                }
                else
                {
                    value = reader.GetString()!;
                }

                break;
            case JsonTokenType.Number:
                value = Encoding.UTF8.GetString(reader.ValueSpan); // lenient: a number where text is expected
                break;
            case JsonTokenType.True:
                return "true";
            case JsonTokenType.False:
                return "false";
            case JsonTokenType.StartObject or JsonTokenType.StartArray when allowJson:
                var start = reader.TokenStartIndex;
                using (var document = JsonDocument.ParseValue(ref reader))
                {
                    value = document.RootElement.GetRawText();
                }

                if (value.Length > _options.MaxFieldLength)
                {
                    throw TooLong(path, value, start);
                }

                return value;
            default:
                throw new RecordRejectedException($"expected a string, found {Describe(reader.TokenType)}", path, FieldOf(path), null, reader.TokenStartIndex);
        }

        if (value.Length > _options.MaxFieldLength)
        {
            throw TooLong(path, value, reader.TokenStartIndex);
        }

        return value;
    }

    private RecordRejectedException TooLong(string path, string value, long position) =>
        new($"the value is {value.Length} characters; the limit is {_options.MaxFieldLength} (LeadReaderOptions.MaxFieldLength)", path, FieldOf(path), RecordRejecter.Quote(value), position);

    private static RecordRejectedException Duplicate(ref Utf8JsonReader reader, string path) =>
        new("the property appears more than once; a lead payload has each property at most once", path, FieldOf(path), null, reader.TokenStartIndex);

    private static Property Classify(ref Utf8JsonReader reader, bool topLevel, out string? unknownName)
    {
        unknownName = null;
        Span<byte> buffer = stackalloc byte[128];
        scoped ReadOnlySpan<byte> name;
        if (!reader.ValueIsEscaped && !reader.HasValueSequence)
        {
            name = reader.ValueSpan;
        }
        else if (reader.HasValueSequence ? reader.ValueSequence.Length <= buffer.Length : reader.ValueSpan.Length <= buffer.Length)
        {
            name = buffer[..reader.CopyString(buffer)];
        }
        else
        {
            unknownName = reader.GetString();
            return Property.Unknown;
        }

        var property = topLevel ? ClassifyTopLevel(name) : ClassifyCustomer(name);
        if (property == Property.Unknown)
        {
            unknownName = reader.GetString();
        }

        return property;
    }

    // The names as the marketplace spells them are matched first, with constant compares; other spellings then ignoring case.
    private static Property ClassifyTopLevel(ReadOnlySpan<byte> name)
    {
        var exact = name.Length switch
        {
            10 when name.SequenceEqual("LeadSource"u8) => Property.LeadSource,
            10 when name.SequenceEqual("ActionCode"u8) => Property.ActionCode,
            10 when name.SequenceEqual("OfferTitle"u8) => Property.OfferTitle,
            11 when name.SequenceEqual("Description"u8) => Property.Description,
            11 when name.SequenceEqual("UserDetails"u8) => Property.UserDetails,
            _ => Property.Unknown,
        };
        return exact != Property.Unknown ? exact : ClassifyTopLevelIgnoringCase(name);
    }

    private static Property ClassifyTopLevelIgnoringCase(ReadOnlySpan<byte> name) => name.Length switch
    {
        10 when Ascii.EqualsIgnoreCase(name, "LeadSource"u8) => Property.LeadSource,
        10 when Ascii.EqualsIgnoreCase(name, "ActionCode"u8) => Property.ActionCode,
        10 when Ascii.EqualsIgnoreCase(name, "OfferTitle"u8) => Property.OfferTitle,
        11 when Ascii.EqualsIgnoreCase(name, "Description"u8) => Property.Description,
        11 when Ascii.EqualsIgnoreCase(name, "UserDetails"u8) => Property.UserDetails,
        12 when Ascii.EqualsIgnoreCase(name, "CustomerInfo"u8) => Property.UserDetails,
        16 when Ascii.EqualsIgnoreCase(name, "OfferDisplayName"u8) => Property.OfferTitle,
        _ => Property.Unknown,
    };

    private static Property ClassifyCustomer(ReadOnlySpan<byte> name)
    {
        var exact = name.Length switch
        {
            9 when name.SequenceEqual("FirstName"u8) => Property.FirstName,
            8 when name.SequenceEqual("LastName"u8) => Property.LastName,
            5 when name.SequenceEqual("Email"u8) => Property.Email,
            5 when name.SequenceEqual("Phone"u8) => Property.Phone,
            7 when name.SequenceEqual("Country"u8) => Property.Country,
            7 when name.SequenceEqual("Company"u8) => Property.Company,
            5 when name.SequenceEqual("Title"u8) => Property.Title,
            _ => Property.Unknown,
        };
        return exact != Property.Unknown ? exact : ClassifyCustomerIgnoringCase(name);
    }

    private static Property ClassifyCustomerIgnoringCase(ReadOnlySpan<byte> name) => name.Length switch
    {
        9 when Ascii.EqualsIgnoreCase(name, "FirstName"u8) => Property.FirstName,
        8 when Ascii.EqualsIgnoreCase(name, "LastName"u8) => Property.LastName,
        5 when Ascii.EqualsIgnoreCase(name, "Email"u8) => Property.Email,
        5 when Ascii.EqualsIgnoreCase(name, "Phone"u8) => Property.Phone,
        7 when Ascii.EqualsIgnoreCase(name, "Country"u8) => Property.Country,
        7 when Ascii.EqualsIgnoreCase(name, "Company"u8) => Property.Company,
        5 when Ascii.EqualsIgnoreCase(name, "Title"u8) => Property.Title,
        _ => Property.Unknown,
    };

    private Lead ToLead(Payload payload, ReadOnlySpan<byte> record, ReadOnlySpan<byte> json, JsonTextRepair? repair)
    {
        // The lead keeps the record as the UTF-8 it arrived in, decoded only if someone reads Lead.RawPayload. Bytes it
        // keeps must be valid UTF-8: a record that needed no repair is (JsonTextRepair checked); one that did may not be,
        // and keeps its text with U+FFFD, as Encoding.UTF8 decodes it.
        byte[]? rawUtf8 = null;
        string? rawText = null;
        if (_options.KeepRawPayload)
        {
            if (repair is null || System.Text.Unicode.Utf8.IsValid(record))
            {
                rawUtf8 = record.ToArray();
            }
            else
            {
                rawText = Encoding.UTF8.GetString(record);
            }
        }

        var fields = payload.Fields;
        return fields.ToLead(payload.ContentId(json), _channel, _options.TimeProvider.GetUtcNow(), null, payload.Additional, rawText, payload.ParsedLeadSource, rawUtf8);
    }

    internal static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        JsonTokenType.EndObject => "the end of an object",
        JsonTokenType.EndArray => "the end of an array",
        JsonTokenType.PropertyName => "a property name",
        JsonTokenType.Comment => "a comment",
        _ => "nothing",
    };

    private static string FieldOf(string path) => path[(path.LastIndexOf('.') + 1)..];

    /// <summary>Returns the offset of the start of a 0-based line (a JSON exception counts its byte position from there).</summary>
    internal static long OffsetOfLine(ReadOnlySpan<byte> record, long line)
    {
        var offset = 0;
        for (var i = 0; i < line; i++)
        {
            var newline = record[offset..].IndexOf((byte)'\n');
            if (newline < 0)
            {
                break;
            }

            offset += newline + 1;
        }

        return offset;
    }

    /// <summary>The fields of one payload as read.</summary>
    internal struct Payload
    {
        public string? LeadSource;
        public string? ActionCode;
        public string? OfferTitle;
        public string? Description;
        public CustomerInfo? Customer;
        public Dictionary<string, JsonElement>? Additional;

        /// <summary>The lead source parsed from the UTF-8 value (the default when it does not parse); <see langword="null"/> when the value was escaped or not a string, and <see cref="LeadFields.ToLead"/> parses the text.</summary>
        public LeadSource? ParsedLeadSource;

        /// <summary>Where each field's value is in the bytes read, by <see cref="Property"/>, when it was a plain string there: (start + 1) &lt;&lt; 32 | length; 0 when not (absent, escaped, not a string, read from elsewhere).</summary>
        public Utf8Positions Utf8;

        public readonly LeadFields Fields => new(LeadSource, ActionCode, OfferTitle, Description, Customer);

        /// <summary>Notes where the value of a field just read by <see cref="ReadString"/> is, when its text is exactly its bytes there: an unescaped string in one segment (which, the record being valid UTF-8, encodes the string read).</summary>
        public void NoteUtf8(Property property, ref Utf8JsonReader reader)
        {
            if (reader.TokenType == JsonTokenType.String && !reader.HasValueSequence && !reader.ValueIsEscaped)
            {
                // The reader stands just after the closing quote.
                var length = reader.ValueSpan.Length;
                Utf8[(int)property] = ((reader.BytesConsumed - length) << 32) | (uint)length;
            }
        }

        /// <summary>Forgets the customer fields' positions (they were read from a JSON string's own bytes).</summary>
        public void ForgetCustomerUtf8()
        {
            for (var property = Property.FirstName; property <= Property.Title; property++)
            {
                Utf8[(int)property] = 0;
            }
        }

        /// <summary>
        /// Returns <see cref="LeadFields.ContentId"/>, hashing the bytes of the fields that were plain strings in
        /// <paramref name="json"/> instead of encoding their strings again (the same bytes: <see cref="LeadId.FromContent"/>
        /// hashes the UTF-8 of each field).
        /// </summary>
        /// <param name="json">The bytes the fields were read from.</param>
        /// <returns>The content id.</returns>
        public readonly LeadId ContentId(ReadOnlySpan<byte> json)
        {
            var builder = new LeadIdBuilder(LeadId.ContentDomain, stackalloc byte[LeadIdBuilder.StackBufferBytes]);
            Add(ref builder, json, Property.LeadSource, LeadSource);
            Add(ref builder, json, Property.ActionCode, ActionCode);
            Add(ref builder, json, Property.OfferTitle, OfferTitle);
            Add(ref builder, json, Property.Description, Description);
            Add(ref builder, json, Property.FirstName, Customer?.FirstName);
            Add(ref builder, json, Property.LastName, Customer?.LastName);
            Add(ref builder, json, Property.Email, Customer?.Email);
            Add(ref builder, json, Property.Phone, Customer?.Phone);
            Add(ref builder, json, Property.Country, Customer?.Country);
            Add(ref builder, json, Property.Company, Customer?.Company);
            Add(ref builder, json, Property.Title, Customer?.Title);
            return builder.ToLeadId();
        }

        private readonly void Add(ref LeadIdBuilder builder, ReadOnlySpan<byte> json, Property property, string? value)
        {
            var position = Utf8[(int)property];
            if (position == 0)
            {
                builder.Add(value);
            }
            else
            {
                builder.AddUtf8(json.Slice((int)(position >> 32) - 1, (int)(uint)position));
            }
        }
    }

    /// <summary>A position per <see cref="Property"/>.</summary>
    [InlineArray(13)]
    internal struct Utf8Positions
    {
        private long _first;
    }
}
