using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace MarketplaceLeads.Reading.Referrals;

/// <summary>
/// Maps one referral of Partner Center's Referrals API (the <c>Referral</c> resource, one item of
/// <c>GET /v1.0/engagements/referrals</c>) to a <see cref="Lead"/>: <c>id</c> is the lead's key (<see cref="LeadId.FromKey"/>
/// of <see cref="Scope"/>), <c>referralSource</c> the <c>LeadSource</c> text, <c>callToAction</c> the <c>ActionCode</c>,
/// <c>name</c> the offer title, <c>details.notes</c> the description, <c>createdDateTime</c> when it was created, and the
/// customer from <c>customerProfile</c> (its first <c>team</c> member, the organisation's <c>name</c> and
/// <c>address.country</c>). Names match case-insensitively (the docs spell <c>Substatus</c> and <c>substatus</c>); every other
/// top-level property (<c>id</c>, <c>status</c>, <c>updatedDateTime</c>, <c>eTag</c>, …) is kept in
/// <see cref="Lead.AdditionalProperties"/> under its name as sent.
/// </summary>
/// <remarks>Property names from Microsoft Learn, "Referral resources" and "Get a list of referrals" (Partner Center developer docs).</remarks>
internal sealed class ReferralMapper
{
    /// <summary>The <see cref="LeadId.FromKey"/> scope of referral ids.</summary>
    public const string Scope = "partner-center";

    private readonly LeadReaderOptions _options;
    private readonly RecordRejecter _rejecter;

    public ReferralMapper(LeadReaderOptions options)
    {
        _options = options;
        _rejecter = new RecordRejecter(options, LeadChannel.PartnerCenter);
    }

    public LeadReadResult Map(ReadOnlySpan<byte> utf8Json, long index)
    {
        var location = new RecordLocation(index, 0, 1);
        if (utf8Json.Length > _options.MaxRecordBytes)
        {
            return _rejecter.Reject(utf8Json, location, $"the referral is {utf8Json.Length} bytes; the limit is {_options.MaxRecordBytes} (LeadReaderOptions.MaxRecordBytes)", null, null, null, 0);
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8Json.ToArray(), new JsonDocumentOptions { MaxDepth = _options.MaxDepth });
        }
        catch (JsonException ex)
        {
            return _rejecter.RejectMalformed(utf8Json, location, "malformed JSON: ", ex, null, ex.BytePositionInLine ?? 0);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return _rejecter.Reject(utf8Json, location, $"expected a referral object, found {root.ValueKind}", "$", null, null, 0);
            }

            try
            {
                return new LeadReadResult(ToLead(root, utf8Json), location);
            }
            catch (RecordRejectedException ex)
            {
                return _rejecter.Reject(utf8Json, location, ex.Message, ex.Path, ex.Field, ex.Value, 0);
            }
        }
    }

    private Lead ToLead(JsonElement root, ReadOnlySpan<byte> utf8Json)
    {
        string? id = null, source = null, action = null, offer = null, notes = null, created = null;
        string? firstName = null, lastName = null, email = null, phone = null, title = null, company = null, country = null;
        var additional = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var property in root.EnumerateObject())
        {
            var name = property.Name;
            var value = property.Value;
            if (Is(name, "referralSource"))
            {
                source = Text(value, name);
            }
            else if (Is(name, "callToAction"))
            {
                action = Text(value, name);
            }
            else if (Is(name, "name"))
            {
                offer = Text(value, name);
            }
            else if (Is(name, "createdDateTime"))
            {
                created = Text(value, name);
                additional[name] = value.Clone();
            }
            else if (Is(name, "details") && value.ValueKind == JsonValueKind.Object)
            {
                notes = Text(Child(value, "notes"), "details.notes");
                additional[name] = value.Clone();
            }
            else if (Is(name, "customerProfile") && value.ValueKind == JsonValueKind.Object)
            {
                company = Text(Child(value, "name"), "customerProfile.name");
                if (Child(value, "address") is { ValueKind: JsonValueKind.Object } address)
                {
                    country = Text(Child(address, "country"), "customerProfile.address.country");
                }

                if (Child(value, "team") is { ValueKind: JsonValueKind.Array } team && team.GetArrayLength() > 0 && team[0] is { ValueKind: JsonValueKind.Object } contact)
                {
                    firstName = Text(Child(contact, "firstName"), "customerProfile.team[0].firstName");
                    lastName = Text(Child(contact, "lastName"), "customerProfile.team[0].lastName");
                    email = Text(Child(contact, "email"), "customerProfile.team[0].email");
                    phone = Text(Child(contact, "phoneNumber"), "customerProfile.team[0].phoneNumber");
                    title = Text(Child(contact, "title"), "customerProfile.team[0].title");
                }

                additional[name] = value.Clone();
            }
            else
            {
                if (Is(name, "id"))
                {
                    id = value.ValueKind == JsonValueKind.String ? value.GetString() : null;
                }

                additional[name] = value.Clone();
            }
        }

        if (string.IsNullOrWhiteSpace(id))
        {
            throw new RecordRejectedException("the referral has no id (a non-empty string); the lead's identity is the referral's id", "$.id", "id", null, null);
        }

        if (id.Length > 200 || id.AsSpan().ContainsAnyInRange('\0', '\u001f'))
        {
            throw new RecordRejectedException("the referral id must be at most 200 characters without control characters", "$.id", "id", RecordRejecter.Quote(id), null);
        }

        var createdAt = Tables.TableRowMapper.ParseTime(created);
        var customer = new CustomerInfo { FirstName = firstName, LastName = lastName, Email = email, Phone = phone, Country = country, Company = company, Title = title };
        return new LeadFields(source, action, offer, notes, customer).ToLead(
            LeadId.FromKey(Scope, id),
            LeadChannel.PartnerCenter,
            _options.TimeProvider.GetUtcNow(),
            createdAt,
            additional,
            _options.KeepRawPayload ? Encoding.UTF8.GetString(utf8Json) : null);
    }

    private static bool Is(string name, string expected) => string.Equals(name, expected, StringComparison.OrdinalIgnoreCase);

    private static JsonElement Child(JsonElement parent, string name)
    {
        foreach (var property in parent.EnumerateObject())
        {
            if (Is(property.Name, name))
            {
                return property.Value;
            }
        }

        return default;
    }

    private string? Text(JsonElement value, string name)
    {
        var text = value.ValueKind switch
        {
            JsonValueKind.Undefined or JsonValueKind.Null => null,
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
            _ => throw new RecordRejectedException($"expected a string, found {value.ValueKind.ToString().ToLowerInvariant()}", "$." + name, name, null, null),
        };
        if (text is not null && text.Length > _options.MaxFieldLength)
        {
            throw new RecordRejectedException(
                string.Create(CultureInfo.InvariantCulture, $"the value is {text.Length} characters; the limit is {_options.MaxFieldLength} (LeadReaderOptions.MaxFieldLength)"),
                "$." + name,
                name,
                RecordRejecter.Quote(text),
                null);
        }

        return text;
    }
}
