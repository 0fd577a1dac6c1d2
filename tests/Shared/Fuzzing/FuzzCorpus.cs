using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;

namespace MarketplaceLeads.Testing.Fuzzing;

/// <summary>
/// The seeds the mutators start from, all inside the repository: the documented payload samples
/// (<c>samples/payloads/</c>), records cut from the sample lead files (<c>samples/leads/</c>: HTTPS array elements,
/// JSON Lines lines, CSV rows with their header), the <c>LeadSource</c> samples, and hand-written hard cases.
/// </summary>
internal static class FuzzCorpus
{
    private static readonly Lazy<string> Root = new(FindRoot);
    private static readonly Lazy<JsonElement[]> HttpsElements = new(() => ParseArray(Read("samples", "leads", "https-endpoint-payloads.json")));
    private static readonly Lazy<IReadOnlyList<FuzzSeed>> HttpsBodySeeds = new(() => BuildHttpsBodies());
    private static readonly Lazy<IReadOnlyList<FuzzSeed>> JsonLineSeeds = new(() => BuildJsonLines());
    private static readonly Lazy<IReadOnlyList<FuzzSeed>> CsvSeeds = new(() => BuildCsv());
    private static readonly Lazy<IReadOnlyList<FuzzSeed>> LeadSourceSeeds = new(BuildLeadSources);
    private static readonly Lazy<IReadOnlyList<(string Name, IReadOnlyDictionary<string, object?> Entity)>> TableRowSeeds = new(() => BuildTableRows());

    /// <summary>Hand-written JSON hard cases: escapes and lone surrogates, a BOM, nulls, JSON where text is expected, duplicate and differently-cased names, empty and scalar bodies.</summary>
    public static readonly string[] HardJson =
    [
        """{"UserDetails":{"FirstName":"\ud83d","LastName":"Smith","Email":"ana@fabrikam.example"},"LeadSource":"AppSource-PLT | contoso.contoso-analytics","ActionCode":"PLT","OfferTitle":"Contoso Analytics"}""",
        """{"UserDetails":{"FirstName":"Ana \ud83d\ude00","Email":"ana@fabrikam.example"},"LeadSource":"AzurePortal-Create|contoso.contoso-analytics"}""",
        """{"\udc00":"x","LeadSource":"AppSource-INS|a.b"}""",
        """{"UserDetails":"{\"FirstName\":\"Wei\",\"Email\":\"wei@tailspin.example\"}","LeadSource":"AppSource-INS|a.b"}""",
        """{"UserDetails":null,"LeadSource":null,"ActionCode":null}""",
        """{"Description":{"Note":"JSON in the description"},"LeadSource":"AppSource-INS|a.b"}""",
        """{"UserDetails":{"FirstName":"Ana","Extra":[1,{"deep":[true,null]}]},"Unknown":1e400}""",
        """{"LeadSource":"AppSource-PLT | contoso.contoso-analytics","Description":"line1\nline2\ttab \u0000 nul \/ slash \\ backslash \" quote \u00e9"}""",
        "\uFEFF{\"LeadSource\":\"AppSource-PLT|a.b\",\"UserDetails\":{\"Email\":\"bom@contoso.example\"}}",
        "[]",
        "[{}]",
        "{}",
        """[{"LeadSource":"AppSource-PLT|a.b"},{"LeadSource":"AppSource-INS|c.d"}]""",
        "\"\\ud83d\"",
        "null",
        """{"UserDetails":{"Phone":"+1 (425) 555-0100 ext. 12","Country":"us","Email":"  MiXeD.Case+tag@Example.COM "}}""",
        """{"ActionCode":"PLT","ActionCode":"INS"}""",
        """{"LeadSource":"AppSource-PLT|a.b"} {"LeadSource":"AppSource-PLT|a.b"}""",
        """{"leadsource":"AppSource-PLT|a.b","USERDETAILS":{"email":"case@contoso.example"}}""",
        """{"schema":"marketplace-leads/lead@1","id":"0123456789abcdef0123456789abcdef","channel":"HttpsEndpoint","receivedAt":"2026-01-05T12:34:00+00:00","customer":{"firstName":"\ud83d"}}""",
    ];

    /// <summary>Hand-written CSV hard cases: a Partner Center–style header with aliases, a quoted multi-line cell, CRLF, a BOM, a European semicolon export.</summary>
    public static readonly string[] HardCsv =
    [
        "First Name,Last Name,Email Address,Phone,Country,Company,Job Title,Offer Name,Notes\nAna,García,ana.garcia@fabrikam.example,912 345 678,ES,Fabrikam,CTO,Contoso Analytics,\"multi\nline, with comma and \"\"quotes\"\"\"\n",
        "First Name,Last Name,Email Address\r\nJohn,Smith,john@northwind.example\r\n\"Mary \"\"M\"\"\",O'Neil,mary@northwind.example\r\n",
        "\uFEFFfirstName,lastName,email,leadSource\nWei,Chen,wei.chen@tailspin.example,AppSource-PLT | contoso.contoso-analytics\n",
        "First Name;Last Name;Email Address\nJürgen;Müller;juergen@fabrikam.example\n",
        "id,channel,receivedAt,firstName\n0123456789abcdef0123456789abcdef,Csv,2026-01-05T12:34:00Z,Ana\n,,,\n",
    ];

    /// <summary>Gets the repository root (the folder holding MarketplaceLeads.sln).</summary>
    public static string RepositoryRoot => Root.Value;

    /// <summary>Gets HTTPS bodies: single payloads (documented samples, array elements), small arrays, the whole sample file, hard cases.</summary>
    public static IReadOnlyList<FuzzSeed> HttpsBodies => HttpsBodySeeds.Value;

    /// <summary>Gets JSON Lines inputs: single lines (SDK records and minified payloads), groups of lines, hard cases.</summary>
    public static IReadOnlyList<FuzzSeed> JsonLines => JsonLineSeeds.Value;

    /// <summary>Gets CSV inputs: the sample export's header with one or three rows, the rows with quoted cells, hard cases.</summary>
    public static IReadOnlyList<FuzzSeed> Csv => CsvSeeds.Value;

    /// <summary>Gets <c>LeadSource</c> texts: the documented samples, every value in the sample payloads, hard cases.</summary>
    public static IReadOnlyList<FuzzSeed> LeadSources => LeadSourceSeeds.Value;

    /// <summary>Gets Azure Table entities: the documented row and rows built from the sample payloads.</summary>
    public static IReadOnlyList<(string Name, IReadOnlyDictionary<string, object?> Entity)> TableRows => TableRowSeeds.Value;

    /// <summary>Gets the customer data in the HTTPS seeds (names, e-mails, phones, companies of 6+ characters), which must never be logged.</summary>
    public static IReadOnlyList<string> CustomerValues { get; } = BuildCustomerValues();

    /// <summary>Reads a repository file.</summary>
    public static byte[] Read(params string[] path) => File.ReadAllBytes(Path.Combine([RepositoryRoot, .. path]));

    private static List<FuzzSeed> BuildHttpsBodies()
    {
        var seeds = new List<FuzzSeed>();
        foreach (var file in new[] { "https-contact-me.json", "https-portal-create.json", "https-test-lead.json", "azure-table-row.json" })
        {
            seeds.Add(new FuzzSeed(file, Read("samples", "payloads", file)));
        }

        var elements = HttpsElements.Value;
        for (var i = 0; i < Math.Min(30, elements.Length); i++)
        {
            seeds.Add(new FuzzSeed($"https-endpoint-payloads.json[{i}]", Encoding.UTF8.GetBytes(elements[i].GetRawText())));
        }

        for (var i = 0; i < 5; i++)
        {
            seeds.Add(new FuzzSeed($"https-endpoint-payloads.json[{30 + i}] minified", Minify(elements[30 + i])));
            var group = elements.Skip(40 + (3 * i)).Take(3).Select(static e => e.GetRawText());
            seeds.Add(new FuzzSeed($"https-endpoint-payloads.json[{40 + (3 * i)}..+3]", Encoding.UTF8.GetBytes("[\n" + string.Join(",\n", group) + "\n]")));
        }

        seeds.Add(new FuzzSeed("https-endpoint-payloads.json", Read("samples", "leads", "https-endpoint-payloads.json")));
        seeds.AddRange(HardJson.Select(static (json, i) => new FuzzSeed($"hard JSON case {i}", Encoding.UTF8.GetBytes(json))));
        return seeds;
    }

    private static List<FuzzSeed> BuildJsonLines()
    {
        var lines = Encoding.UTF8.GetString(Read("samples", "leads", "marketplace-leads-2026.jsonl")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var seeds = new List<FuzzSeed>();
        for (var i = 0; i < lines.Length && seeds.Count < 30; i += 67)
        {
            seeds.Add(new FuzzSeed($"marketplace-leads-2026.jsonl line {i + 1}", Encoding.UTF8.GetBytes(lines[i])));
        }

        for (var i = 0; i < 5; i++)
        {
            var first = 200 * (i + 1);
            seeds.Add(new FuzzSeed($"marketplace-leads-2026.jsonl lines {first + 1}..{first + 3}", Encoding.UTF8.GetBytes(string.Join('\n', lines.Skip(first).Take(3)) + "\n")));
        }

        var elements = HttpsElements.Value;
        for (var i = 0; i < 10; i++)
        {
            seeds.Add(new FuzzSeed($"https-endpoint-payloads.json[{60 + i}] as a line", Minify(elements[60 + i])));
        }

        seeds.Add(new FuzzSeed("mixed lines", Encoding.UTF8.GetBytes(lines[0] + "\n\n" + Encoding.UTF8.GetString(Minify(elements[0])) + "\r\n  \n" + lines[1] + "\n")));
        seeds.AddRange(HardJson.Where(static json => !json.StartsWith('[')).Select(static (json, i) => new FuzzSeed($"hard JSON case {i} as a line", Encoding.UTF8.GetBytes(json))));
        return seeds;
    }

    private static List<FuzzSeed> BuildCsv()
    {
        var text = Encoding.UTF8.GetString(Read("samples", "leads", "partner-center-export.csv"));
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var header = lines[0];
        var seeds = new List<FuzzSeed>();
        for (var i = 1; i < lines.Length && seeds.Count < 30; i += 17)
        {
            seeds.Add(new FuzzSeed($"partner-center-export.csv row {i}", Encoding.UTF8.GetBytes(header + "\n" + lines[i] + "\n")));
        }

        for (var i = 0; i < 5; i++)
        {
            var first = 1 + (90 * i);
            seeds.Add(new FuzzSeed($"partner-center-export.csv rows {first}..{first + 2}", Encoding.UTF8.GetBytes(header + "\n" + string.Join('\n', lines.Skip(first).Take(3)) + "\n")));
        }

        foreach (var (line, i) in lines.Select(static (l, i) => (l, i)).Where(static p => p.i > 0 && p.l.Contains('"', StringComparison.Ordinal)).Take(6))
        {
            seeds.Add(new FuzzSeed($"partner-center-export.csv row {i} (quoted cells)", Encoding.UTF8.GetBytes(header + "\n" + line + "\n")));
        }

        seeds.AddRange(HardCsv.Select(static (csv, i) => new FuzzSeed($"hard CSV case {i}", Encoding.UTF8.GetBytes(csv))));
        return seeds;
    }

    private static IReadOnlyList<FuzzSeed> BuildLeadSources()
    {
        var texts = new List<(string Name, string Text)>();
        foreach (var line in Encoding.UTF8.GetString(Read("samples", "MarketplaceLeads.Samples.LeadSources", "lead-sources.txt")).Split('\n'))
        {
            if (line.Length > 0 && !line.StartsWith('#'))
            {
                texts.Add(("lead-sources.txt", line.TrimEnd('\r')));
            }
        }

        texts.Add(("salesforce-test-lead-source.txt", Encoding.UTF8.GetString(Read("samples", "payloads", "salesforce-test-lead-source.txt")).Trim()));
        foreach (var source in HttpsElements.Value.Select(static e => e.TryGetProperty("LeadSource", out var s) ? s.GetString() : null).OfType<string>().Distinct(StringComparer.Ordinal))
        {
            texts.Add(("https-endpoint-payloads.json LeadSource", source));
        }

        string[] hard = ["", " ", "|", "-|.", "AppSource-PLT|", "AppSource-PLT | ", "a-b|c.d", "AppSource (SPZA)-INS | a.b", " AzureMarketplace-INS |  publisher.offer ", new string('x', 300) + "-INS|a.b", "AppSource-PLT | contoso.contoso-analytics.extra.dots"];
        texts.AddRange(hard.Select(static h => ("hard LeadSource case", h)));
        return [.. texts.Select(static t => new FuzzSeed($"{t.Name}: {t.Text}", Encoding.UTF8.GetBytes(t.Text)))];
    }

    private static List<(string, IReadOnlyDictionary<string, object?>)> BuildTableRows()
    {
        var rows = new List<(string, IReadOnlyDictionary<string, object?>)>();
        using (var document = JsonDocument.Parse(Read("samples", "payloads", "azure-table-row.json")))
        {
            var row = new Dictionary<string, object?>(StringComparer.Ordinal);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                row[property.Name] = property.Value.GetString();
            }

            row["Timestamp"] = new DateTimeOffset(2026, 11, 20, 14, 3, 11, 512, TimeSpan.Zero);
            rows.Add(("azure-table-row.json", row));
        }

        var elements = HttpsElements.Value;
        for (var i = 0; i < 20; i++)
        {
            var element = elements[80 + i];
            var leadSource = Text(element, "LeadSource");
            var row = new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["PartitionKey"] = leadSource?[(leadSource.IndexOf('|', StringComparison.Ordinal) + 1)..].Trim() ?? "offer",
                ["RowKey"] = new Guid(i + 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11).ToString(),
                ["Timestamp"] = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(i),
                ["LeadSource"] = leadSource,
                ["ActionCode"] = Text(element, "ActionCode"),
                ["OfferDisplayName"] = Text(element, "OfferTitle"),
                ["Description"] = Text(element, "Description") ?? string.Empty,
                ["CreatedTime"] = string.Create(CultureInfo.InvariantCulture, $"2026-01-01T00:{i:D2}:00Z"),
                ["CustomerInfo"] = element.TryGetProperty("UserDetails", out var customer) ? Encoding.UTF8.GetString(Minify(customer)) : null,
            };
            rows.Add(($"https-endpoint-payloads.json[{80 + i}] as a table row", row));
        }

        return rows;
    }

    private static List<string> BuildCustomerValues()
    {
        var values = new HashSet<string>(StringComparer.Ordinal);
        foreach (var element in HttpsElements.Value)
        {
            if (element.TryGetProperty("UserDetails", out var customer) && customer.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in customer.EnumerateObject())
                {
                    if (property.Value.ValueKind == JsonValueKind.String && property.Value.GetString() is { Length: >= 6 } value
                        && property.Name is "FirstName" or "LastName" or "Email" or "Phone" or "Company")
                    {
                        values.Add(value);
                    }
                }
            }
        }

        return [.. values.Order(StringComparer.Ordinal)];
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static JsonElement[] ParseArray(byte[] json)
    {
        using var document = JsonDocument.Parse(json);
        return [.. document.RootElement.EnumerateArray().Select(static e => e.Clone())];
    }

    private static byte[] Minify(JsonElement element)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            element.WriteTo(writer);
        }

        return buffer.ToArray();
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MarketplaceLeads.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"MarketplaceLeads.sln was not found above '{AppContext.BaseDirectory}'.");
    }
}
