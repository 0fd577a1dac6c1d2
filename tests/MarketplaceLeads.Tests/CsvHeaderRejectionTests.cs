using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using MarketplaceLeads.Tests.Support;

namespace MarketplaceLeads.Tests;

/// <summary>
/// Issue #14, fuzzer finding 5: a CSV header row that cannot be read (not valid UTF-8, a quote error) was counted as
/// a rejected record and the next row silently became the header — that row was lost and every later row was read
/// against it (a UTF-16 file did this). A header that cannot be read now ends the file with one error, as a header
/// naming no lead column does, and a UTF-16 file is refused saying so.
/// </summary>
public sealed class CsvHeaderRejectionTests
{
    private const string Rows = "firstName,email\nAna,ana@fabrikam.example\nBen,ben@contoso.example\n";

    private static readonly LeadReader Skipping = new(new LeadReaderOptions { ErrorPolicy = LeadReadErrorPolicy.SkipAndReport, SourceName = "leads.csv" });

    private static List<LeadReadResult> Read(byte[] csv, LeadReader? reader = null, int readSize = 4096) =>
        (reader ?? Skipping).ReadCsvAsync(new TrickleStream(csv, readSize)).ToBlockingEnumerable().ToList();

    public static TheoryData<byte[], string> UnreadableHeaders => new()
    {
        { [0x80, .. "offerTitle\n1\n"u8], "the header row cannot be used: it is not valid UTF-8" },
        { [.. "first"u8, 0xFF, .. "Name,email\nAna,ana@fabrikam.example\n"u8], "the header row cannot be used: it is not valid UTF-8" },
        { "\"firstName\"x,email\nAna,ana@fabrikam.example\n"u8.ToArray(), "the header row cannot be used: expected ',' or the end of the record after a closing quote, found 'x'" },
        { "\"firstName,email\nAna,ana@fabrikam.example\n"u8.ToArray(), "the header row cannot be used: a quoted field is not closed" },
        { "firstName,\"email\n\"x\nAna,ana@fabrikam.example\n"u8.ToArray(), "the header row cannot be used: a quoted field is not closed" },
    };

    [Theory]
    [MemberData(nameof(UnreadableHeaders))]
    public void ReadCsv_HeaderThatCannotBeRead_EndsTheFileWithOneError(byte[] csv, string reason)
    {
        foreach (var readSize in new[] { 1, 3, 4096 })
        {
            var error = Assert.Single(Read(csv, readSize: readSize)).Error!;

            Assert.StartsWith(reason, error.Reason, StringComparison.Ordinal);
            Assert.Equal(1, error.LineNumber);
            Assert.Equal(0, error.RecordIndex);
        }
    }

    public static TheoryData<byte[], string> Utf16Files => new()
    {
        { [0xFF, 0xFE, .. Encoding.Unicode.GetBytes(Rows)], "FF FE" },
        { [0xFE, 0xFF, .. Encoding.BigEndianUnicode.GetBytes(Rows)], "FE FF" },
    };

    [Theory]
    [MemberData(nameof(Utf16Files))]
    public void ReadCsv_Utf16FileWithAByteOrderMark_IsRefusedWithOneErrorSayingToSaveItAsUtf8(byte[] csv, string bom)
    {
        foreach (var readSize in new[] { 1, 4096 })
        {
            var error = Assert.Single(Read(csv, readSize: readSize)).Error!;

            Assert.Equal($"the header row cannot be used: the file is UTF-16 (it starts with the byte order mark {bom}); save it as UTF-8", error.Reason);
            Assert.Equal(0, error.BytePosition);
        }
    }

    [Fact]
    public void ReadCsv_Utf16FileWithoutAByteOrderMark_IsRefusedSayingItLooksLikeUtf16()
    {
        var error = Assert.Single(Read(Encoding.Unicode.GetBytes(Rows))).Error!;

        Assert.StartsWith("the header row cannot be used: it holds NUL bytes", error.Reason, StringComparison.Ordinal);
        Assert.Contains("UTF-16", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadCsv_BadFirstDataRow_IsStillRejectedAlone_AndReadingGoesOn()
    {
        byte[] csv = [.. "firstName,email\n"u8, 0xFF, .. ",x\nBen,ben@contoso.example\n"u8];

        var read = Read(csv);

        Assert.Equal(2, read.Count);
        Assert.Equal("the record is not valid UTF-8", read[0].Error!.Reason);
        Assert.Equal("Ben", read[1].Lead!.Customer.FirstName);
    }
}
