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

public sealed class CsvReadingRobustnessTests
{
    private const string PartnerCenterHeader = "Lead Id,Creation Date,Customer Name,Customer Country,Lead Source,Call to action,Offer name,Status";

    private static readonly LeadReader Skipping = new(new LeadReaderOptions { ErrorPolicy = LeadReadErrorPolicy.SkipAndReport, SourceName = "leads.csv" });

    private static List<LeadReadResult> Read(string csv, LeadReader? reader = null, int readSize = 4096) =>
        (reader ?? Skipping).ReadCsvAsync(new TrickleStream(Encoding.UTF8.GetBytes(csv), readSize)).ToBlockingEnumerable().ToList();

    [Theory]
    [InlineData(4096)]
    [InlineData(3)]
    public void ReadCsv_SemicolonSeparatedExport_IsReadWithSemicolons(int readSize)
    {
        var csv = "First Name;Last Name;Email Address;Company Name;Lead Source\r\n"
            + "Ana;García;ana@fabrikam.example;\"Fabrikam; Iberia\";AppSource-PLT | contoso.crm\r\n"
            + "Ben;Okafor;ben@contoso.example;Contoso, Ltd.;AzureMarketplace-INS | contoso.vm\r\n";

        var read = Read(csv, readSize: readSize);

        Assert.Equal(2, read.Count);
        var ana = read[0].Lead!;
        Assert.Equal("Ana", ana.Customer.FirstName);
        Assert.Equal("ana@fabrikam.example", ana.Customer.Email);
        Assert.Equal("Fabrikam; Iberia", ana.Customer.Company);
        Assert.Equal(LeadAction.PartnerLedTrial, ana.Action);
        Assert.Empty(ana.Warnings);
        Assert.Equal("Contoso, Ltd.", read[1].Lead!.Customer.Company);
        Assert.Equal(3, read[1].LineNumber);
    }

    [Fact]
    public void ReadCsv_TabSeparatedExport_IsReadWithTabs()
    {
        var lead = Assert.Single(Read("email\tfirstName\tdescription\na@x.example\tAna\tneeds 5, maybe 6 seats\n")).Lead!;

        Assert.Equal("Ana", lead.Customer.FirstName);
        Assert.Equal("needs 5, maybe 6 seats", lead.Description);
    }

    [Fact]
    public void ReadCsv_HeaderTiedBetweenDelimiters_UsesComma()
    {
        // Under ',' the header names firstName; under ';' it names email: one known column each.
        var lead = Assert.Single(Read("email;x,firstName\nsome;thing,Ana\n")).Lead!;

        Assert.Equal("Ana", lead.Customer.FirstName);
        Assert.Equal("some;thing", lead.AdditionalProperties["email;x"].GetString());
    }

    [Fact]
    public void ReadCsv_HeaderNamingNoLeadColumn_IsRefusedSayingWhatWasFoundAndExpected()
    {
        var read = Read("Foo|Bar|Baz\n1|2|3\n");

        var error = Assert.Single(read).Error!;
        Assert.Equal(
            "the header row cannot be used: it names no lead column under ',', ';' or a tab (under ',' it has 1 column(s), none of them a lead column); expected column names such as leadSource, actionCode, offerTitle, description, firstName, lastName, email, phone, country, company, title (docs/wire-formats.md lists every name and alias)",
            error.Reason);
        Assert.Equal(1, error.LineNumber);
        Assert.Equal("Foo|Bar|Baz", error.RawText);
    }

    [Fact]
    public void ReadCsv_FileWithoutHeaderRow_IsRefusedWithoutQuotingTheData()
    {
        var error = Assert.Single(Read("Ana,García,ana@fabrikam.example,+34 912 345 678\nBen,Okafor,ben@contoso.example,\n")).Error!;

        Assert.Contains("look like a lead's data (an e-mail address or a number), not column names: the file needs a header row", error.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("ana@", error.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("García", error.Reason, StringComparison.Ordinal);
        Assert.Equal("Ana,García,ana@fabrikam.example,+34 912 345 678", error.RawText);
    }

    [Fact]
    public void ReadCsv_BlankLinesBeforeTheHeader_AreSkipped()
    {
        var read = Read("\r\n\r\nemail;firstName\r\na@x.example;Ana\r\n");

        Assert.Equal("Ana", Assert.Single(read).Lead!.Customer.FirstName);
        Assert.Equal(4, read[0].LineNumber);
    }

    [Theory]
    [InlineData(4096)]
    [InlineData(5)]
    public void ReadCsv_UnclosedQuote_RejectsOnlyItsLine_AndTheNextRowsAreRead(int readSize)
    {
        var csv = "email,firstName,description\n"
            + "a@x.example,A,\"starts a note that never ends\n"
            + "b@x.example,B,fine\n"
            + "c@x.example,C,\"multi\nline note\"\n"
            + "d@x.example,D,\"a \"\"quoted\"\" word\"\n";

        var read = Read(csv, readSize: readSize);

        Assert.Equal(4, read.Count);
        var error = read[0].Error!;
        Assert.StartsWith("a quoted field is not closed on this line (read across 3 lines, the record is not valid: expected ',' or the end of the record after a closing quote, found 'm')", error.Reason, StringComparison.Ordinal);
        Assert.Equal(2, error.LineNumber);
        Assert.Equal("a@x.example,A,\"starts a note that never ends", error.RawText);
        Assert.Equal("B", read[1].Lead!.Customer.FirstName);
        Assert.Equal(3, read[1].LineNumber);
        Assert.Equal("multi\nline note", read[2].Lead!.Description);
        Assert.Equal(4, read[2].LineNumber);
        Assert.Equal("a \"quoted\" word", read[3].Lead!.Description);
        Assert.Equal(6, read[3].LineNumber);
    }

    [Fact]
    public void ReadCsv_UnclosedQuoteOnTheLastRows_RejectsTheLineAndReadsTheRest()
    {
        var read = Read("email,firstName\na@x.example,\"Ana\nb@x.example,Ben\n");

        Assert.Equal(2, read.Count);
        Assert.Equal("a quoted field is not closed on this line (it is not closed before the end of the input); the lines after it are read as records of their own", read[0].Error!.Reason);
        Assert.Equal("Ben", read[1].Lead!.Customer.FirstName);
    }

    [Fact]
    public void ReadCsv_RecordAcrossLinesWithTheWrongFieldCount_RejectsItsFirstLine()
    {
        var read = Read("email,firstName\na@x.example,\"Ana\nB\",extra\nc@x.example,Cy\n");

        Assert.StartsWith("a quoted field is not closed on this line (read across 2 lines, the record is not valid: expected 2 fields (as in the header), found 3)", read[0].Error!.Reason, StringComparison.Ordinal);
        Assert.Equal("Cy", read[^1].Lead!.Customer.FirstName);
    }

    [Fact]
    public void ReadCsv_OpenQuotePastTheRecordLimit_RejectsItsLineAndReadsTheNextRows()
    {
        var reader = new LeadReader(new LeadReaderOptions { ErrorPolicy = LeadReadErrorPolicy.SkipAndReport, MaxRecordBytes = 256 });
        var rows = Enumerable.Range(0, 40).Select(static i => $"b{i}@x.example,fine\n");

        var read = Read("email,description\na@x.example,\"open note\n" + string.Concat(rows), reader, readSize: 50);

        Assert.Equal(41, read.Count);
        Assert.Equal("a quoted field is not closed on this line (it is not closed within 256 bytes (LeadReaderOptions.MaxRecordBytes)); the lines after it are read as records of their own", read[0].Error!.Reason);
        Assert.Equal("a@x.example,\"open note", read[0].Error!.RawText);
        Assert.All(read.Skip(1), static r => Assert.True(r.IsSuccess));
        Assert.Equal("b39@x.example", read[^1].Lead!.Customer.Email);
        Assert.Equal(42, read[^1].LineNumber);
    }

    [Fact]
    public void ReadCsv_QuoteInsideAnUnquotedField_IsAnOrdinaryCharacter()
    {
        var read = Read("email,description\na@x.example,a 27\" screen\nb@x.example,ok\n");

        Assert.Equal(2, read.Count);
        Assert.Equal("a 27\" screen", read[0].Lead!.Description);
        Assert.Equal("ok", read[1].Lead!.Description);
    }

    [Theory]
    [InlineData("Lead Id", "8F2C6B1E-4D7A-4E3B-9C51-0A6D2E7F4B93")]
    [InlineData("Referral ID", "{8f2c6b1e-4d7a-4e3b-9c51-0a6d2e7f4b93}")]
    [InlineData("leadId", "8f2c6b1e-4d7a-4e3b-9c51-0a6d2e7f4b93")]
    public void ReadCsv_PartnerCenterGuidId_IsTheSourceId_FromWhichTheLeadIdDerives(string idColumn, string sourceId)
    {
        var csv = PartnerCenterHeader.Replace("Lead Id", idColumn, StringComparison.Ordinal) + "\n"
            + sourceId + ",2026-10-30T14:05:00Z,Fabrikam Iberia,Spain,Azure Marketplace,Contact me,Contoso CRM,New\n";

        var lead = Assert.Single(Read(csv)).Lead!;

        Assert.Equal(LeadId.FromKey("csv", "8f2c6b1e-4d7a-4e3b-9c51-0a6d2e7f4b93"), lead.Id);
        Assert.Equal(sourceId, lead.AdditionalProperties[idColumn].GetString());
        Assert.Equal("Fabrikam Iberia", lead.Customer.Company);
        Assert.Equal("ES", lead.Customer.CountryCode);
        Assert.Equal(MarketplaceSource.AzureMarketplace, lead.Source);
        Assert.Equal(LeadAction.PartnerLedTrial, lead.Action);
        Assert.Equal("Contoso CRM", lead.OfferTitle);
        Assert.Equal(new DateTimeOffset(2026, 10, 30, 14, 5, 0, TimeSpan.Zero), lead.CreatedAt);
        Assert.Equal("New", lead.AdditionalProperties["Status"].GetString());
        Assert.Empty(lead.Warnings);
    }

    [Fact]
    public void ReadCsv_PartnerCenterLead_WrittenAndReadBack_KeepsItsIdAndSourceId()
    {
        var lead = Assert.Single(Read(PartnerCenterHeader + "\n8f2c6b1e-4d7a-4e3b-9c51-0a6d2e7f4b93,,Fabrikam,US,Appsource,Get it now,Contoso CRM,New\n")).Lead!;

        var again = Assert.Single(Read(LeadCsv.Header + "\n" + LeadCsv.FormatRecord(lead) + "\n")).Lead!;

        Assert.Equal(lead.Id, again.Id);
        Assert.Equal("8f2c6b1e-4d7a-4e3b-9c51-0a6d2e7f4b93", again.AdditionalProperties["Lead Id"].GetString());
        Assert.Equal(MarketplaceSource.AppSource, again.Source);
        Assert.Equal(LeadAction.Install, again.Action);
    }

    [Fact]
    public void ReadCsv_OwnLeadIdAndOtherIds_AreToldApart()
    {
        var own = LeadId.FromContent("A-INS|p.o", null, null, null, null);
        var read = Read($"id,email\n{own},a@x.example\n CRM-00042 ,b@x.example\n\"\",c@x.example\n");

        Assert.Equal(own, read[0].Lead!.Id);
        Assert.False(read[0].Lead!.AdditionalProperties.ContainsKey("id"));
        Assert.Equal(LeadId.FromKey("csv", "CRM-00042"), read[1].Lead!.Id);
        Assert.Equal(" CRM-00042 ", read[1].Lead!.AdditionalProperties["id"].GetString());
        Assert.Equal(LeadId.FromContent(null, null, null, null, new CustomerInfo { Email = "c@x.example" }), read[2].Lead!.Id);
    }

    [Fact]
    public void WireFormatsDoc_AliasTable_IsTheOneTheReaderUses()
    {
        var doc = File.ReadAllLines(Path.Combine(RepositoryPaths.RepositoryRoot, "docs", "wire-formats.md"));
        var rows = doc.SkipWhile(static l => !l.StartsWith("| model column |", StringComparison.Ordinal)).Skip(2).TakeWhile(static l => l.StartsWith('|')).ToList();
        static string Key(string name) => new([.. name.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant)]);
        static string[] Names(string cell) => [.. Regex.Matches(cell, "`([^`]+)`").Select(static m => m.Groups[1].Value)];

        Assert.Equal(CsvLeadMapper.Columns, rows.Select(static r => Names(r.Split('|')[1]).Single()));
        for (var column = 0; column < rows.Count; column++)
        {
            var documented = Names(rows[column].Split('|')[2]);
            Assert.Equal(CsvLeadMapper.HeaderNames[column].Select(Key).Distinct().Order(), documented.Select(Key).Distinct().Order());
            foreach (var name in documented)
            {
                var value = column switch
                {
                    0 => LeadId.FromKey("x", "y").ToString(),
                    1 => "Csv",
                    2 or 3 => "2026-01-01T00:00:00Z",
                    15 => "{}",
                    _ => "x",
                };
                var lead = Assert.Single(Read($"\"{name}\",zz\n{value},z\n")).Lead!;
                Assert.False(lead.AdditionalProperties.ContainsKey(name), $"'{name}' is not read as {CsvLeadMapper.Columns[column]}");
            }
        }
    }

    [Property(Arbitrary = [typeof(CsvTables)], MaxTest = 300)]
    public void ReadCsv_AnyDelimiterAndQuoting_ReadsEveryValueBack(CsvTable table, PositiveInt readSize)
    {
        var read = Read(table.Text, readSize: readSize.Get);

        Assert.Equal(table.Rows.Length, read.Count);
        for (var i = 0; i < read.Count; i++)
        {
            Assert.True(read[i].IsSuccess, read[i].Error?.ToString());
            var lead = read[i].Lead!;
            for (var c = 0; c < table.Columns.Length; c++)
            {
                Assert.Equal(table.Rows[i][c], CsvTable.ValueOf(lead, table.Columns[c]));
            }
        }
    }

    /// <summary>A CSV text with a random delimiter and quoting, and the values it holds.</summary>
    public sealed record CsvTable(string Text, string[] Columns, string?[][] Rows)
    {
        public static readonly string[] Names = ["firstName", "Last Name", "Email Address", "company", "Job Title", "description", "Offer Name"];

        public static string? ValueOf(Lead lead, string column) => column switch
        {
            "firstName" => lead.Customer.FirstName,
            "Last Name" => lead.Customer.LastName,
            "Email Address" => lead.Customer.Email,
            "company" => lead.Customer.Company,
            "Job Title" => lead.Customer.Title,
            "description" => lead.Description,
            _ => lead.OfferTitle,
        };

        public override string ToString() => Text;
    }

    public static class CsvTables
    {
        private static readonly char[] TextChars = "aZ09 ,;\t\"'\r\n.é東\uFFFD".ToCharArray();

        public static Arbitrary<CsvTable> Tables() =>
            (from delimiter in Gen.Elements(',', ';', '\t')
             from minimalQuoting in Gen.Elements(true, false)
             from count in Gen.Choose(2, CsvTable.Names.Length)
             from columns in Gen.Shuffle(CsvTable.Names).Select(names => names.Take(count).ToArray())
             from rows in Row(count).ArrayOf()
             let eol = delimiter == ';' ? "\r\n" : "\n"
             select new CsvTable(
                 string.Join(delimiter, columns) + eol + string.Concat(rows.Select(row => string.Join(delimiter, row.Select(v => Field(v, delimiter, minimalQuoting))) + eol)),
                 columns,
                 rows)).ToArbitrary();

        private static Gen<string?[]> Row(int count) =>
            from first in Gen.Elements("a", "Ana", "x1").Select(static s => (string?)s)
            from rest in Gen.Frequency(
                (1, Gen.Constant<string?>(null)),
                (4, Gen.Elements(TextChars).ArrayOf().Select(static chars => (string?)new string(chars)))).ArrayOf(count - 1)
            select (string?[])[first, .. rest];

        /// <summary>Quotes a value when it must be; with minimal quoting a quote inside a value is left as it is, unless the value starts with one.</summary>
        private static string Field(string? value, char delimiter, bool minimalQuoting)
        {
            if (value is null)
            {
                return string.Empty;
            }

            var mustQuote = value.Length == 0 || value.Contains(delimiter, StringComparison.Ordinal) || value.Contains('\r', StringComparison.Ordinal)
                || value.Contains('\n', StringComparison.Ordinal) || value[0] == '"' || (!minimalQuoting && value.Contains('"', StringComparison.Ordinal))
                || value.Trim(' ', '\t').Length == 0;
            return mustQuote ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
        }
    }
}
