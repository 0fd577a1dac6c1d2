using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Text.Json;
using MarketplaceLeads.Reading.Json;

namespace MarketplaceLeads.Reading.Tables;

/// <summary>
/// Maps an entity of the Azure Table the marketplace writes leads into (<c>LeadSource</c>,
/// <c>ActionCode</c>, <c>OfferDisplayName</c>, <c>Description</c>, <c>CreatedTime</c>, and
/// <c>CustomerInfo</c> as a JSON string) to a <see cref="Lead"/>. Names match case-insensitively;
/// every other property (<c>PartitionKey</c>, <c>RowKey</c>, <c>Timestamp</c>, anything new) is kept
/// in <see cref="Lead.AdditionalProperties"/>.
/// </summary>
internal sealed class TableRowMapper
{
    private static readonly string[] DateFormats =
    [
        "O", "yyyy-MM-ddTHH:mm:ss.FFFFFFFK", "yyyy-MM-dd HH:mm:ss.FFFFFFFK", "yyyy-MM-dd HH:mm:ss.FFFFFFF",
        "M/d/yyyy h:mm:ss tt", "M/d/yyyy H:mm:ss", "yyyy-MM-dd",
    ];

    private readonly LeadReaderOptions _options;
    private readonly HttpsPayloadParser _parser;
    private readonly RecordRejecter _rejecter;

    public TableRowMapper(LeadReaderOptions options)
    {
        _options = options;
        _parser = new HttpsPayloadParser(options, LeadChannel.AzureTable);
        _rejecter = new RecordRejecter(options, LeadChannel.AzureTable);
    }

    public LeadReadResult Map(IReadOnlyDictionary<string, object?> entity, long index)
    {
        // Strings holding a lone surrogate are written with U+FFFD; a value without text is written as null and named.
        var raw = EntityJson.ToUtf8Json(entity, out var unwritable);
        var location = new RecordLocation(index, 0, 1);
        if (unwritable is not null)
        {
            return _rejecter.Reject(raw, location, "expected a value that can be written as text; converting this one to text failed", null, unwritable, null, 0);
        }

        if (raw.Length > _options.MaxRecordBytes)
        {
            return _rejecter.Reject(raw, location, $"the entity is {raw.Length} bytes as JSON; the limit is {_options.MaxRecordBytes} (LeadReaderOptions.MaxRecordBytes)", null, null, null, 0);
        }

        var payload = default(HttpsPayloadParser.Payload);
        string? partitionKey = null, rowKey = null, createdTimeText = null;
        DateTimeOffset? createdAt = null;
        var additional = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        using var document = JsonDocument.Parse(raw);
        try
        {
            foreach (var property in document.RootElement.EnumerateObject())
            {
                var name = property.Name;
                var value = property.Value;
                if (Is(name, "LeadSource"))
                {
                    payload.LeadSource = Text(value, name);
                }
                else if (Is(name, "ActionCode"))
                {
                    payload.ActionCode = Text(value, name);
                }
                else if (Is(name, "OfferDisplayName") || Is(name, "OfferTitle"))
                {
                    payload.OfferTitle = Text(value, name);
                }
                else if (Is(name, "Description"))
                {
                    payload.Description = Text(value, name);
                }
                else if (Is(name, "CustomerInfo") || Is(name, "UserDetails"))
                {
                    var json = Text(value, name);
                    payload.Customer = json is null ? CustomerInfo.Empty : _parser.ReadCustomerJson(json, ref payload, name);
                }
                else if (Is(name, "CreatedTime"))
                {
                    createdTimeText = Text(value, name);
                    createdAt = ParseTime(createdTimeText);
                    if (createdAt is null && createdTimeText is not null)
                    {
                        additional[name] = value.Clone(); // kept raw: the format is not documented
                    }
                }
                else
                {
                    if (Is(name, "PartitionKey"))
                    {
                        partitionKey = value.ValueKind == JsonValueKind.String ? value.GetString() : null;
                    }
                    else if (Is(name, "RowKey"))
                    {
                        rowKey = value.ValueKind == JsonValueKind.String ? value.GetString() : null;
                    }

                    additional[name] = value.Clone();
                }
            }
        }
        catch (RecordRejectedException ex)
        {
            return _rejecter.Reject(raw, location, ex.Message, null, ex.Field, ex.Value, 0);
        }
        catch (Exception ex) when (ex is InvalidOperationException or JsonException)
        {
            // Not expected: the entity's texts are repaired. A reader must still never throw it.
            return _rejecter.Reject(raw, location, "a text in the entity cannot be decoded", null, null, null, 0);
        }

        if (payload.Additional is not null)
        {
            foreach (var (name, value) in payload.Additional)
            {
                additional[name] = value;
            }
        }

        var fields = payload.Fields;
        var id = partitionKey is not null && rowKey is not null ? LeadId.FromKey("azure-table", partitionKey, rowKey) : fields.ContentId;
        var lead = fields.ToLead(id, LeadChannel.AzureTable, _options.TimeProvider.GetUtcNow(), createdAt, additional, _options.KeepRawPayload ? Encoding.UTF8.GetString(raw) : null);
        return new LeadReadResult(lead, location);
    }

    /// <summary>Reads <c>CreatedTime</c> leniently: ISO 8601 and the usual .NET forms, UTC when no offset is given.</summary>
    internal static DateTimeOffset? ParseTime(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        const DateTimeStyles Styles = DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces;
        if (DateTimeOffset.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, Styles, out var exact))
        {
            return exact;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, Styles, out var parsed) ? parsed : null;
    }

    private static bool Is(string name, string expected) => string.Equals(name, expected, StringComparison.OrdinalIgnoreCase);

    private string? Text(JsonElement value, string name)
    {
        var text = value.ValueKind switch
        {
            JsonValueKind.Null or JsonValueKind.Undefined => null,
            JsonValueKind.String => value.GetString(),
            _ => value.GetRawText(),
        };
        if (text is not null && text.Length > _options.MaxFieldLength)
        {
            throw new RecordRejectedException(
                $"the value is {text.Length} characters; the limit is {_options.MaxFieldLength} (LeadReaderOptions.MaxFieldLength)",
                null,
                name,
                RecordRejecter.Quote(text),
                null);
        }

        return text;
    }
}
