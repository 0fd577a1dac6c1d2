using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;

namespace MarketplaceLeads.Testing.Streams;

/// <summary>The files that arrive at one check moment, and the stream's leads in them in file order.</summary>
internal sealed record StreamSlot(int Day, DateTimeOffset Moment, IReadOnlyList<string> Files, IReadOnlyList<StreamLead> Leads);

/// <summary>
/// Writes a <see cref="LeadStream"/> in the marketplace's wire forms, a folder per day (<c>day-01</c>, …) and per check moment
/// an HTTPS file (<c>0800-https.json</c>: the payloads the endpoint received since the last moment, a JSON array) and a CSV
/// export (<c>0800-export.csv</c>: the export's rows, with their created time; some files start with a UTF-8 byte order mark).
/// </summary>
internal static class StreamFiles
{
    /// <summary>The CSV export's header (Partner Center-style names the SDK reads).</summary>
    public const string CsvHeader = "Created Time,Lead Source,Action,Offer Name,Given Name,Surname,Email Address,Phone Number,Country/Region,Company Name,Job Title,Notes";

    /// <summary>Writes every moment's files under <paramref name="folder"/>; moments with no lead have no files.</summary>
    public static IReadOnlyList<StreamSlot> Write(LeadStream stream, string folder)
    {
        var slots = new List<StreamSlot>();
        var byMoment = stream.Leads.ToLookup(static l => l.ArrivesAt);
        for (var i = 0; i < stream.Moments.Count; i++)
        {
            var moment = stream.Moments[i];
            var day = (int)(moment - stream.Start).TotalDays + 1;
            var https = byMoment[moment].Where(static l => l.Channel == StreamChannel.Https).ToList();
            var csv = byMoment[moment].Where(static l => l.Channel == StreamChannel.CsvExport).ToList();
            var files = new List<string>();
            var dayFolder = Path.Combine(folder, "day-" + day.ToString("00", CultureInfo.InvariantCulture));
            Directory.CreateDirectory(dayFolder);
            var stem = moment.ToString("HHmm", CultureInfo.InvariantCulture);
            if (https.Count > 0)
            {
                var file = Path.Combine(dayFolder, stem + "-https.json");
                File.WriteAllBytes(file, HttpsPayloads(https, escapeNonAscii: i % 2 == 0));
                files.Add(file);
            }

            if (csv.Count > 0)
            {
                var file = Path.Combine(dayFolder, stem + "-export.csv");
                File.WriteAllBytes(file, CsvExport(csv, byteOrderMark: i % 3 == 1));
                files.Add(file);
            }

            slots.Add(new StreamSlot(day, moment, files, [.. https, .. csv]));
        }

        return slots;
    }

    /// <summary>Writes leads as the HTTPS endpoint receives them: one JSON array of payloads, absent fields left out; non-ASCII text as <c>\u</c> escapes or as UTF-8.</summary>
    public static byte[] HttpsPayloads(IEnumerable<StreamLead> leads, bool escapeNonAscii)
    {
        using var buffer = new MemoryStream();
        var options = new JsonWriterOptions { Indented = !escapeNonAscii, Encoder = escapeNonAscii ? null : System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        using (var writer = new Utf8JsonWriter(buffer, options))
        {
            writer.WriteStartArray();
            foreach (var lead in leads)
            {
                writer.WriteStartObject();
                writer.WriteStartObject("UserDetails");
                Optional(writer, "FirstName", lead.FirstName);
                Optional(writer, "LastName", lead.LastName);
                Optional(writer, "Email", lead.Email);
                Optional(writer, "Phone", lead.Phone);
                Optional(writer, "Country", lead.Country);
                Optional(writer, "Company", lead.Company);
                Optional(writer, "Title", lead.Title);
                writer.WriteEndObject();
                writer.WriteString("LeadSource", lead.LeadSource);
                writer.WriteString("ActionCode", lead.ActionCode);
                writer.WriteString("OfferTitle", lead.OfferTitle);
                Optional(writer, "Description", lead.Description);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        return buffer.ToArray();
    }

    /// <summary>Writes leads as CSV export rows (RFC 4180, <c>\r\n</c> line breaks), optionally with a UTF-8 byte order mark.</summary>
    public static byte[] CsvExport(IEnumerable<StreamLead> leads, bool byteOrderMark)
    {
        var text = new StringBuilder();
        text.Append(CsvHeader).Append("\r\n");
        foreach (var lead in leads)
        {
            string?[] fields =
            [
                lead.MadeAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                lead.LeadSource, lead.ActionCode, lead.OfferTitle, lead.FirstName, lead.LastName, lead.Email, lead.Phone,
                lead.Country, lead.Company, lead.Title, lead.Description,
            ];
            text.AppendJoin(',', fields.Select(Field)).Append("\r\n");
        }

        var bytes = Encoding.UTF8.GetBytes(text.ToString());
        return byteOrderMark ? [0xEF, 0xBB, 0xBF, .. bytes] : bytes;
    }

    /// <summary>Reads one of the stream's files back with the SDK's reader (the clock at <paramref name="now"/>).</summary>
    public static async Task<IReadOnlyList<LeadReadResult>> ReadBackAsync(string file, DateTimeOffset now)
    {
        var reader = new LeadReader(new LeadReaderOptions { TimeProvider = new FixedClock(now) });
        await using var stream = File.OpenRead(file);
        var results = new List<LeadReadResult>();
        var read = file.EndsWith(".csv", StringComparison.Ordinal) ? reader.ReadCsvAsync(stream) : reader.ReadHttpsPayloadsAsync(stream);
        await foreach (var result in read)
        {
            results.Add(result);
        }

        return results;
    }

    private static string Field(string? value)
    {
        if (value is null)
        {
            return string.Empty;
        }

        return value.Length == 0 || value.AsSpan().IndexOfAny(",\"\r\n") >= 0 || value[0] == ' ' || value[^1] == ' '
            ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : value;
    }

    private static void Optional(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
