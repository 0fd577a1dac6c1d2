using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using MarketplaceLeads.Reading.Csv;
using MarketplaceLeads.Testing.Fuzzing;
using Microsoft.Extensions.Time.Testing;

namespace MarketplaceLeads.Tests.Fuzzing;

/// <summary>
/// csv-spectrum (npm <c>csv-spectrum@2.0.0</c>, installed by <c>eng/install-test-suites.sh</c>): each file through the
/// SDK's CSV record splitting (<see cref="CsvRecord"/>) and through <see cref="LeadReader.ReadCsvAsync"/> with its header
/// renamed to lead columns, every field compared with the suite's expected rows.
/// </summary>
[Trait("Category", "PublicTestSuites")]
public sealed class CsvSpectrumTests
{
    /// <summary>Lead columns whose text the reader keeps as it is, in the order the suite's columns are renamed to.</summary>
    private static readonly (string Column, Func<Lead, string?> Value)[] LeadColumns =
    [
        ("firstName", static l => l.Customer.FirstName),
        ("lastName", static l => l.Customer.LastName),
        ("company", static l => l.Customer.Company),
        ("title", static l => l.Customer.Title),
        ("description", static l => l.Description),
        ("offerTitle", static l => l.OfferTitle),
    ];

    /// <summary>
    /// The suite's own errata: location_coordinates.json is an object (not an array of rows) and its phone number is not the
    /// one in location_coordinates.csv (2095257564); the test takes the CSV's.
    /// </summary>
    private static readonly Dictionary<(string File, string Column), string> Errata = new()
    {
        [("location_coordinates", "Contact Phone Number")] = "2095257564",
    };

    [Fact]
    public void CsvSpectrum_EveryFile_CsvRecordSplitsIntoTheExpectedFields()
    {
        var failures = new List<string>();
        foreach (var (name, csv, rows) in PublicTestSuites.CsvSpectrum())
        {
            var records = Records(csv);
            var fields = new List<string?>();
            var split = new List<List<string?>>();
            foreach (var record in records)
            {
                if (!CsvRecord.TrySplit(record, (byte)',', fields, out var reason, out var offset))
                {
                    failures.Add($"{name}: record {CSharpText.Bytes(record)} does not split: {reason} (byte {offset})");
                }

                split.Add([.. fields]);
            }

            Compare(name, split[0].Select(static f => f ?? string.Empty).ToList(), split.Skip(1).ToList(), rows, failures);
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    [Fact]
    public void CsvSpectrum_EveryFile_ReadCsvAsyncWithLeadColumnsReadsEveryField()
    {
        var reader = new LeadReader(new LeadReaderOptions
        {
            ErrorPolicy = LeadReadErrorPolicy.SkipAndReport,
            TimeProvider = new FakeTimeProvider(new DateTimeOffset(2026, 11, 1, 9, 0, 0, TimeSpan.Zero)),
        });
        var failures = new List<string>();
        foreach (var (name, csv, rows) in PublicTestSuites.CsvSpectrum())
        {
            var header = Records(csv)[0];
            var columns = Encoding.UTF8.GetString(header).Split(',');
            var renamed = Encoding.UTF8.GetBytes(string.Join(',', LeadColumns.Take(columns.Length).Select(static c => c.Column)));
            var input = (byte[])[.. renamed, .. csv.AsSpan(header.Length)];
            var results = RandomChunkStream.Collect(reader.ReadCsvAsync(new MemoryStream(input)));
            foreach (var error in results.Where(static r => !r.IsSuccess))
            {
                failures.Add($"{name}: ReadCsvAsync rejected a row: {error.Error}");
            }

            var read = results.Where(static r => r.IsSuccess).Select(r => (List<string?>)[.. LeadColumns.Take(columns.Length).Select(c => c.Value(r.Lead!))]).ToList();
            Compare(name, [.. columns], read, rows, failures);
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    /// <summary>Cuts a CSV file into records: a line break outside quotes ends one (a CR before it is not part of it).</summary>
    private static List<byte[]> Records(byte[] csv)
    {
        var records = new List<byte[]>();
        var start = 0;
        var quoted = false;
        for (var i = 0; i <= csv.Length; i++)
        {
            if (i < csv.Length && csv[i] == (byte)'"')
            {
                quoted = !quoted;
            }
            else if (i == csv.Length || (csv[i] == (byte)'\n' && !quoted))
            {
                var end = i > start && csv[i - 1] == (byte)'\r' ? i - 1 : i;
                if (end > start)
                {
                    records.Add(csv[start..end]);
                }

                start = i + 1;
            }
        }

        return records;
    }

    private static void Compare(string name, List<string> header, List<List<string?>> actual, IReadOnlyList<IReadOnlyDictionary<string, string>> expected, List<string> failures)
    {
        if (actual.Count != expected.Count)
        {
            failures.Add($"{name}: {actual.Count} rows; the suite expects {expected.Count}");
            return;
        }

        for (var row = 0; row < expected.Count; row++)
        {
            var expectedHeader = expected[row].Keys.ToList();
            for (var column = 0; column < expectedHeader.Count; column++)
            {
                var want = Errata.TryGetValue((name, expectedHeader[column]), out var fixedValue) ? fixedValue : expected[row][expectedHeader[column]];
                var got = column < actual[row].Count ? actual[row][column] ?? string.Empty : null;
                if (got != want)
                {
                    failures.Add($"{name}: row {row + 1}, column {column + 1} ('{header.ElementAtOrDefault(column)}'): {CSharpText.String(got)}; the suite expects {CSharpText.String(want)}");
                }
            }
        }
    }
}
