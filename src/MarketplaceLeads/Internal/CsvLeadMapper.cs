using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace MarketplaceLeads.Internal;

/// <summary>
/// The SDK's CSV columns, and the mapping of a CSV row to a <see cref="Lead"/>. Header names match
/// ignoring case, spaces, hyphens and underscores, with common aliases (<c>First Name</c>,
/// <c>Email Address</c>, <c>Job Title</c>, <c>Offer Name</c>, …); other columns are kept in
/// <see cref="Lead.AdditionalProperties"/>.
/// </summary>
internal sealed class CsvLeadMapper
{
    public static readonly string[] Columns =
    [
        "id", "channel", "receivedAt", "createdAt", "leadSource", "actionCode", "offerTitle", "description",
        "firstName", "lastName", "email", "phone", "country", "company", "title", "additionalProperties",
    ];

    private static readonly Dictionary<string, int> Aliases = BuildAliases();

    private readonly int[] _columnOf;
    private readonly string[] _header;
    private readonly LeadReaderOptions _options;

    private CsvLeadMapper(string[] header, int[] columnOf, LeadReaderOptions options)
    {
        _header = header;
        _columnOf = columnOf;
        _options = options;
    }

    public int FieldCount => _header.Length;

    /// <summary>Builds the mapper of a header row, or says why the header cannot be used.</summary>
    public static CsvLeadMapper? FromHeader(List<string?> header, LeadReaderOptions options, out string? reason, out string? column)
    {
        var names = new string[header.Count];
        var columnOf = new int[header.Count];
        var seen = new HashSet<int>();
        var seenNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < header.Count; i++)
        {
            var name = header[i]?.Trim();
            if (string.IsNullOrEmpty(name))
            {
                reason = $"header column {i + 1} has no name";
                column = null;
                return null;
            }

            if (!seenNames.Add(name))
            {
                reason = "the header names this column twice";
                column = name;
                return null;
            }

            names[i] = name;
            columnOf[i] = Aliases.TryGetValue(Key(name), out var known) && seen.Add(known) ? known : -1;
        }

        reason = null;
        column = null;
        return new CsvLeadMapper(names, columnOf, options);
    }

    /// <summary>Builds the lead of a row; throws <see cref="RecordRejectedException"/> naming the column that is wrong.</summary>
    public Lead ToLead(List<string?> fields, string rawText)
    {
        if (fields.Count != _header.Length)
        {
            throw new RecordRejectedException($"expected {_header.Length} fields (as in the header), found {fields.Count}", null, null, null, null);
        }

        var values = new string?[Columns.Length];
        Dictionary<string, JsonElement>? additional = null;
        for (var i = 0; i < fields.Count; i++)
        {
            var value = fields[i];
            if (value is not null && value.Length > _options.MaxFieldLength)
            {
                throw new RecordRejectedException(
                    $"the value is {value.Length} characters; the limit is {_options.MaxFieldLength} (LeadReaderOptions.MaxFieldLength)",
                    null,
                    _header[i],
                    RecordRejecter.Quote(value),
                    null);
            }

            if (_columnOf[i] >= 0)
            {
                values[_columnOf[i]] = value;
            }
            else
            {
                (additional ??= new Dictionary<string, JsonElement>(StringComparer.Ordinal))[_header[i]] = JsonSerializer.SerializeToElement(value, LeadJsonContext.Default.String);
            }
        }

        if (values[15] is { Length: > 0 } json)
        {
            try
            {
                using var document = JsonDocument.Parse(json);
                if (document.RootElement.ValueKind != JsonValueKind.Object)
                {
                    throw new RecordRejectedException("expected a JSON object", null, "additionalProperties", RecordRejecter.Quote(json), null);
                }

                additional ??= new Dictionary<string, JsonElement>(StringComparer.Ordinal);
                foreach (var property in document.RootElement.EnumerateObject())
                {
                    additional[property.Name] = property.Value.Clone();
                }
            }
            catch (JsonException ex)
            {
                throw new RecordRejectedException("malformed JSON: " + RecordRejecter.StripPosition(ex.Message), null, "additionalProperties", RecordRejecter.Quote(json), null);
            }
        }

        var customer = new CustomerInfo
        {
            FirstName = values[8], LastName = values[9], Email = values[10], Phone = values[11],
            Country = values[12], Company = values[13], Title = values[14],
        };

        LeadId id;
        if (values[0] is null)
        {
            id = LeadId.FromContent(values[4], values[5], values[6], values[7], customer);
        }
        else if (!LeadId.TryParse(values[0], out id))
        {
            throw new RecordRejectedException("expected a LeadId: 32 hexadecimal digits", null, "id", RecordRejecter.Quote(values[0]!), null);
        }

        var channel = LeadChannel.Csv;
        if (values[1] is not null && !Enum.TryParse(values[1], ignoreCase: true, out channel))
        {
            throw new RecordRejectedException($"unknown channel; expected one of {string.Join(", ", Enum.GetNames<LeadChannel>())}", null, "channel", RecordRejecter.Quote(values[1]!), null);
        }

        var receivedAt = _options.TimeProvider.GetUtcNow();
        if (values[2] is not null && !DateTimeOffset.TryParse(values[2], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out receivedAt))
        {
            throw new RecordRejectedException("expected a date and time (ISO 8601)", null, "receivedAt", RecordRejecter.Quote(values[2]!), null);
        }

        var createdAt = TableRowMapper.ParseTime(values[3]);
        if (createdAt is null && values[3] is not null)
        {
            (additional ??= new Dictionary<string, JsonElement>(StringComparer.Ordinal))["createdAt"] = JsonSerializer.SerializeToElement(values[3], LeadJsonContext.Default.String);
        }

        return new Lead
        {
            Id = id,
            Channel = channel,
            ReceivedAt = receivedAt,
            CreatedAt = createdAt,
            LeadSource = LeadSource.TryParse(values[4], out var leadSource) ? leadSource : default,
            LeadSourceText = values[4],
            ActionCode = values[5],
            OfferTitle = values[6],
            Description = values[7],
            Customer = customer,
            AdditionalProperties = additional is null
                ? Lead.NoProperties
                : new ReadOnlyDictionary<string, JsonElement>(additional),
            RawPayload = _options.KeepRawPayload ? rawText : null,
        };
    }

    /// <summary>Writes a lead as one CSV record in <see cref="Columns"/> order (no line break); see <see cref="CsvRecord.AppendField"/> for <paramref name="neutralizeFormulas"/>.</summary>
    public static void AppendRecord(StringBuilder builder, Lead lead, bool neutralizeFormulas)
    {
        var customer = lead.Customer;
        string? additional = null;
        if (lead.AdditionalProperties.Count > 0)
        {
            additional = JsonSerializer.Serialize(new Dictionary<string, JsonElement>(lead.AdditionalProperties, StringComparer.Ordinal), LeadJsonContext.Default.DictionaryStringJsonElement);
        }

        string?[] values =
        [
            lead.Id.ToString(), lead.Channel.ToString(), lead.ReceivedAt.ToString("O", CultureInfo.InvariantCulture),
            lead.CreatedAt?.ToString("O", CultureInfo.InvariantCulture),
            lead.LeadSourceText ?? (lead.LeadSource.IsEmpty ? null : lead.LeadSource.ToString()),
            lead.ActionCode, lead.OfferTitle, lead.Description,
            customer.FirstName, customer.LastName, customer.Email, customer.Phone, customer.Country, customer.Company, customer.Title,
            additional,
        ];
        for (var i = 0; i < values.Length; i++)
        {
            if (i > 0)
            {
                builder.Append(',');
            }

            CsvRecord.AppendField(builder, values[i], neutralizeFormulas);
        }
    }

    private static string Key(string name)
    {
        var builder = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            if (char.IsLetterOrDigit(c))
            {
                builder.Append(char.ToLowerInvariant(c));
            }
        }

        return builder.ToString();
    }

    private static Dictionary<string, int> BuildAliases()
    {
        var aliases = new Dictionary<string, int>(StringComparer.Ordinal);
        void Add(int column, params string[] names)
        {
            foreach (var name in names)
            {
                aliases[Key(name)] = column;
            }
        }

        Add(0, "id", "leadId");
        Add(1, "channel");
        Add(2, "receivedAt", "received");
        Add(3, "createdAt", "createdTime", "createdDate", "created");
        Add(4, "leadSource");
        Add(5, "actionCode", "action");
        Add(6, "offerTitle", "offerName", "offerDisplayName", "offer");
        Add(7, "description", "notes", "comments");
        Add(8, "firstName", "givenName");
        Add(9, "lastName", "surname", "familyName");
        Add(10, "email", "emailAddress", "eMail");
        Add(11, "phone", "phoneNumber", "telephone");
        Add(12, "country", "countryRegion", "countryOrRegion");
        Add(13, "company", "companyName", "organization", "organisation");
        Add(14, "title", "jobTitle");
        Add(15, "additionalProperties");
        return aliases;
    }
}
