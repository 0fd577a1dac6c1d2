using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using FsCheck;
using FsCheck.Xunit;
using MarketplaceLeads.Tests.Support;

namespace MarketplaceLeads.Tests;

public class CsvTests
{
    private static readonly LeadReader Skipping = new(new LeadReaderOptions { ErrorPolicy = LeadReadErrorPolicy.SkipAndReport, SourceName = "leads.csv" });

    private static List<LeadReadResult> Read(string csv, LeadReader? reader = null, int readSize = 4096) =>
        (reader ?? Skipping).ReadCsvAsync(new TrickleStream(Encoding.UTF8.GetBytes(csv), readSize)).ToBlockingEnumerable().ToList();

    [Fact]
    public async Task WriteThenRead_GivesTheSameLeads()
    {
        var reader = new LeadReader();
        Lead[] leads =
        [
            reader.ReadHttpsPayload(File.ReadAllBytes(RepositoryPaths.PayloadSample("https-contact-me.json"))).Lead!,
            reader.ReadHttpsPayload(File.ReadAllBytes(RepositoryPaths.PayloadSample("https-test-lead.json"))).Lead!,
            reader.ReadHttpsPayload("""{"LeadSource":"A-INS|p.o","Description":"line 1\nline 2, \"quoted\"","Extra":{"a":[1,2]}}"""u8).Lead!,
        ];
        var stream = new MemoryStream();

        await LeadCsv.WriteAsync(stream, leads, new LeadCsvWriteOptions { NeutralizeFormulas = false });
        var read = Read(Encoding.UTF8.GetString(stream.ToArray()), readSize: 7);

        Assert.Equal(3, read.Count);
        for (var i = 0; i < leads.Length; i++)
        {
            LeadAssert.SameContent(leads[i] with { RawPayload = read[i].Lead!.RawPayload }, read[i].Lead!);
        }
    }

    [Fact]
    public void ExportWithOtherHeaderNames_IsRead_AndUnknownColumnsKept()
    {
        var csv = "\uFEFFFirst Name,Last Name,Email Address,Phone Number,Country/Region,Company Name,Job Title,Offer Name,Lead Source,Action Code,Created Date,Campaign\r\n"
            + "Ana,García,ana@fabrikam.example,912 345 678,Spain,Fabrikam,CTO,Contoso CRM,AppSource-PLT | contoso.crm,PLT,2026-11-20T10:00:00Z,spring\r\n";

        var lead = Assert.Single(Read(csv)).Lead!;

        Assert.Equal("Ana", lead.Customer.FirstName);
        Assert.Equal("+34912345678", lead.Customer.PhoneE164);
        Assert.Equal("ES", lead.Customer.CountryCode);
        Assert.Equal("CTO", lead.Customer.Title);
        Assert.Equal("Contoso CRM", lead.OfferTitle);
        Assert.Equal(LeadAction.PartnerLedTrial, lead.Action);
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 10, 0, 0, TimeSpan.Zero), lead.CreatedAt);
        Assert.Equal("spring", lead.AdditionalProperties["Campaign"].GetString());
        Assert.Equal(LeadChannel.Csv, lead.Channel);
        Assert.Equal(LeadId.FromContent("AppSource-PLT | contoso.crm", "PLT", "Contoso CRM", null, lead.Customer), lead.Id);
    }

    [Fact]
    public void BadRows_AreReportedWithLineNumbers_AndReadingGoesOn()
    {
        var csv = "email,firstName\n"
            + "a@x.example,A\n"
            + "b@x.example\n"
            + "\"c@x.example\"oops,C\n"
            + "\"multi\nline\",D\n"
            + "e@x.example,E\n";

        var read = Read(csv);

        Assert.Equal(5, read.Count);
        Assert.True(read[0].IsSuccess);
        Assert.Equal("expected 2 fields (as in the header), found 1", read[1].Error!.Reason);
        Assert.Equal(3, read[1].Error!.LineNumber);
        Assert.Equal("b@x.example", read[1].Error!.RawText);
        Assert.StartsWith("expected ',' or the end of the record after a closing quote", read[2].Error!.Reason, StringComparison.Ordinal);
        Assert.Equal(4, read[2].Error!.LineNumber);
        Assert.Equal("multi\nline", read[3].Lead!.Customer.Email);
        Assert.Equal("E", read[4].Lead!.Customer.FirstName);
        Assert.Equal("e@x.example,E", read[4].Lead!.RawPayload);
        Assert.StartsWith("leads.csv(line 3, byte ", read[1].Error!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void UnclosedQuoteAtTheEnd_IsRejectedWithTheRestKept()
    {
        var read = Read("email\n\"a@x.example\n");

        Assert.Equal("a quoted field is not closed on this line (it is not closed before the end of the input); the lines after it are read as records of their own", Assert.Single(read).Error!.Reason);
        Assert.Equal("\"a@x.example", read[0].Error!.RawText);
        Assert.Equal("a quoted field is not closed", Assert.Single(Read("email\n\"a@x.example")).Error!.Reason);
    }

    [Fact]
    public void BadHeader_EndsTheReadWithOneError()
    {
        var read = Read("email,Email\na,b\n");

        Assert.Contains("names this column twice", Assert.Single(read).Error!.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void BadValues_NameTheColumn()
    {
        var read = Read("id,channel,receivedAt\n,Fax,\n,,yesterday\n");

        Assert.Equal("channel", read[0].Error!.Field);
        Assert.Equal("receivedAt", read[1].Error!.Field);
    }

    [Fact]
    public void OversizedRecord_IsRejectedAndSkipped()
    {
        var options = new LeadReaderOptions { ErrorPolicy = LeadReadErrorPolicy.SkipAndReport, MaxRecordBytes = 256 };
        var csv = "email,description\na@x.example,ok\nb@x.example,\"" + new string('x', 200_000) + "\nstill, inside\"\nc@x.example,ok\n";

        var read = Read(csv, new LeadReader(options), readSize: 1000);

        Assert.Equal(3, read.Count);
        Assert.Contains("longer than 256 bytes", read[1].Error!.Reason, StringComparison.Ordinal);
        Assert.Equal(256, read[1].Error!.RawText!.Length);
        Assert.Equal("c@x.example", read[2].Lead!.Customer.Email);
    }

    [Fact]
    public void EmptyFieldIsAbsent_QuotedEmptyIsEmpty()
    {
        var lead = Assert.Single(Read("firstName,lastName\n,\"\"\n")).Lead!;

        Assert.Null(lead.Customer.FirstName);
        Assert.Equal(string.Empty, lead.Customer.LastName);
    }

    [Fact]
    public void EmptyInput_GivesNoResults()
    {
        Assert.Empty(Read(string.Empty));
    }

    [Property(Arbitrary = [typeof(LeadGenerators)], MaxTest = 200)]
    public void RoundTrip_Property(Lead[] leads, PositiveInt readSize)
    {
        var raw = new LeadCsvWriteOptions { NeutralizeFormulas = false };
        var csv = LeadCsv.Header + "\n" + string.Concat(leads.Select(l => LeadCsv.FormatRecord(l, raw) + "\n"));

        var read = Read(csv, readSize: readSize.Get);

        Assert.Equal(leads.Length, read.Count);
        for (var i = 0; i < leads.Length; i++)
        {
            Assert.True(read[i].IsSuccess, read[i].Error?.ToString());
            LeadAssert.SameContent(leads[i] with { RawPayload = read[i].Lead!.RawPayload }, read[i].Lead!);
        }
    }

    [Property(MaxTest = 500)]
    public void Reader_NeverThrows_OnArbitraryBytes(byte[] bytes, PositiveInt readSize)
    {
        foreach (var result in Skipping.ReadCsvAsync(new TrickleStream(bytes, readSize.Get)).ToBlockingEnumerable())
        {
            Assert.True(result.IsSuccess || result.Error.RawText is not null);
        }
    }
}
