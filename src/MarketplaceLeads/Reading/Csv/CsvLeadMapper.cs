using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.Json;
using MarketplaceLeads.Reading.Json;
using MarketplaceLeads.Reading.Tables;

namespace MarketplaceLeads.Reading.Csv;

/// <summary>
/// The SDK's CSV columns, and the mapping of a CSV row to a <see cref="Lead"/>. Header names match
/// ignoring case, spaces, hyphens and underscores, with common aliases (<c>First Name</c>,
/// <c>Email Address</c>, <c>Job Title</c>, <c>Offer Name</c>, Partner Center's <c>Referral ID</c>,
/// <c>Call to action</c>, …); other columns are kept in <see cref="Lead.AdditionalProperties"/>.
/// </summary>
internal sealed class CsvLeadMapper
{
    /// <summary>The <see cref="LeadId.FromKey"/> scope of ids another system gave a lead (a Partner Center GUID).</summary>
    public const string SourceIdScope = "csv";

    /// <summary>The columns named in the refusal of a header that names none (docs/wire-formats.md lists them all).</summary>
    private const string ExpectedColumns = "leadSource, actionCode, offerTitle, description, firstName, lastName, email, phone, country, company, title";

    public static readonly string[] Columns =
    [
        "id", "channel", "receivedAt", "createdAt", "leadSource", "actionCode", "offerTitle", "description",
        "firstName", "lastName", "email", "phone", "country", "company", "title", "additionalProperties",
    ];

    /// <summary>The header names read as each of <see cref="Columns"/> (matched ignoring case and punctuation); docs/wire-formats.md lists them, and a test keeps the two in sync.</summary>
    internal static readonly string[][] HeaderNames =
    [
        ["id", "leadId", "referralId"],
        ["channel"],
        ["receivedAt", "received"],
        ["createdAt", "createdTime", "createdDate", "created", "creationDate"],
        ["leadSource"],
        ["actionCode", "action", "callToAction"],
        ["offerTitle", "offerName", "offerDisplayName", "offer"],
        ["description", "notes", "comments"],
        ["firstName", "givenName"],
        ["lastName", "surname", "familyName"],
        ["email", "emailAddress", "eMail"],
        ["phone", "phoneNumber", "telephone"],
        ["country", "countryRegion", "countryOrRegion", "customerCountry"],
        ["company", "companyName", "organization", "organisation", "customerName"],
        ["title", "jobTitle"],
        ["additionalProperties"],
    ];

    private static readonly Dictionary<string, int> Aliases = BuildAliases();

    private readonly int[] _columnOf;
    private readonly string[] _header;
    private readonly string? _idHeader;
    private readonly LeadReaderOptions _options;

    private CsvLeadMapper(string[] header, int[] columnOf, LeadReaderOptions options)
    {
        _header = header;
        _columnOf = columnOf;
        _options = options;
        var idColumn = Array.IndexOf(columnOf, 0);
        _idHeader = idColumn >= 0 ? header[idColumn] : null;
    }

    /// <summary>Gets the delimiters a header may use, in the order that breaks ties.</summary>
    private static ReadOnlySpan<byte> Delimiters => ",;\t"u8;

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

    /// <summary>
    /// Picks the delimiter of a file from its header line: the one of <c>,</c>, <c>;</c> and tab under
    /// which the header names the most known lead columns (ties: comma, then semicolon, then tab).
    /// </summary>
    /// <returns>The delimiter, or 0 when the header names no known lead column under any of them.</returns>
    public static byte DetectDelimiter(ReadOnlySpan<byte> headerLine)
    {
        var fields = new List<string?>();
        byte best = 0;
        var bestCount = 0;
        foreach (var delimiter in Delimiters)
        {
            var count = CsvRecord.TrySplit(headerLine, delimiter, fields, out _, out _) ? CountKnownColumns(fields) : 0;
            if (count > bestCount)
            {
                best = delimiter;
                bestCount = count;
            }
        }

        return best;
    }

    /// <summary>
    /// Says why a header line that names no lead column under any delimiter cannot be used and what was expected, without
    /// quoting it: a file without a header row has a lead's data there (a name, an e-mail address), and a reason goes
    /// into logs and exception messages. The line is the error's raw text.
    /// </summary>
    public static string DescribeUnknownHeader(ReadOnlySpan<byte> headerLine)
    {
        var fields = new List<string?>();
        var columns = 0;
        var looksLikeData = false;
        string? splitError = null;
        byte used = (byte)',';
        foreach (var delimiter in Delimiters)
        {
            if (!CsvRecord.TrySplit(headerLine, delimiter, fields, out var reason, out _))
            {
                splitError ??= reason;
            }
            else if (fields.Count > columns)
            {
                columns = fields.Count;
                looksLikeData = fields.Exists(LooksLikeData);
                used = delimiter;
            }
        }

        if (splitError is not null && columns <= 1)
        {
            return splitError; // a quote error under ',' (the line is one column under the others): say what it is
        }

        var found = columns == 0
            ? "it cannot be split into columns"
            : looksLikeData
                ? string.Create(CultureInfo.InvariantCulture, $"its {columns} field(s) under {CsvRecord.Name(used)} look like a lead's data (an e-mail address or a number), not column names: the file needs a header row")
                : string.Create(CultureInfo.InvariantCulture, $"under {CsvRecord.Name(used)} it has {columns} column(s), none of them a lead column");
        return $"it names no lead column under ',', ';' or a tab ({found}); expected column names such as {ExpectedColumns} (docs/wire-formats.md lists every name and alias)";
    }

    /// <summary>Says why a header line is UTF-16 rather than UTF-8 (a byte order mark FF FE or FE FF at the start of the file, or NUL bytes), or <see langword="null"/>.</summary>
    /// <param name="headerLine">The header's first line.</param>
    /// <param name="atFileStart">Whether the line starts at the first byte of the file.</param>
    /// <returns>The reason, or <see langword="null"/> when the line is not UTF-16.</returns>
    public static string? DescribeUtf16(ReadOnlySpan<byte> headerLine, bool atFileStart)
    {
        if (atFileStart && headerLine.Length >= 2 && (headerLine[0], headerLine[1]) is (0xFF, 0xFE) or (0xFE, 0xFF))
        {
            return $"the file is UTF-16 (it starts with the byte order mark {headerLine[0]:X2} {headerLine[1]:X2}); save it as UTF-8";
        }

        return headerLine.Contains((byte)0)
            ? "it holds NUL bytes: the file looks like UTF-16 (a spreadsheet's \"Unicode text\") or is not text; save it as UTF-8"
            : null;
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
            // Read as a payload's properties are: a lone surrogate escape becomes U+FFFD (or no writer could write the
            // lead back), and the nesting is limited as in a payload (a lead@1 record keeps them one level deeper).
            var utf8 = Encoding.UTF8.GetBytes(json);
            var repair = JsonTextRepair.Repair(utf8);
            var text = repair is null ? utf8 : repair.Utf8.ToArray();
            try
            {
                using var document = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = _options.MaxDepth });
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
                var position = JsonTextRepair.ToOriginal(repair, HttpsPayloadParser.OffsetOfLine(text, ex.LineNumber ?? 0) + (ex.BytePositionInLine ?? 0));
                throw new RecordRejectedException(
                    string.Create(CultureInfo.InvariantCulture, $"malformed JSON: {JsonErrorText.Describe(ex)} at byte {position} of the value"), null, "additionalProperties", RecordRejecter.Quote(json), null);
            }
        }

        var customer = new CustomerInfo
        {
            FirstName = values[8], LastName = values[9], Email = values[10], Phone = values[11],
            Country = values[12], Company = values[13], Title = values[14],
        };

        LeadId id;
        if (string.IsNullOrWhiteSpace(values[0]))
        {
            id = LeadId.FromContent(values[4], values[5], values[6], values[7], customer);
        }
        else if (!LeadId.TryParse(values[0].AsSpan().Trim(), out id))
        {
            // Another system's id (Partner Center's lead or referral GUID): the lead's id derives from
            // it, and the text stays with the lead under the column's name.
            id = LeadId.FromKey(SourceIdScope, SourceIdKey(values[0]!));
            (additional ??= new Dictionary<string, JsonElement>(StringComparer.Ordinal))[_idHeader!] = JsonSerializer.SerializeToElement(values[0], LeadJsonContext.Default.String);
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

        return new LeadFields(values[4], values[5], values[6], values[7], customer)
            .ToLead(id, channel, receivedAt, createdAt, additional, _options.KeepRawPayload ? rawText : null);
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

    /// <summary>The key of another system's id: a GUID in its canonical form (so braces or letter case do not matter), other text trimmed.</summary>
    private static string SourceIdKey(string text) =>
        Guid.TryParse(text, out var guid) ? guid.ToString("D") : text.Trim();

    private static int CountKnownColumns(List<string?> names)
    {
        var seen = new HashSet<int>();
        foreach (var name in names)
        {
            if (name is not null && Aliases.TryGetValue(Key(name), out var column))
            {
                seen.Add(column);
            }
        }

        return seen.Count;
    }

    private static bool LooksLikeData(string? name) =>
        name is not null && (name.Contains('@', StringComparison.Ordinal) || name.Length > 64 || name.Count(char.IsAsciiDigit) >= 5);

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
        for (var column = 0; column < HeaderNames.Length; column++)
        {
            foreach (var name in HeaderNames[column])
            {
                aliases[Key(name)] = column;
            }
        }

        return aliases;
    }
}
