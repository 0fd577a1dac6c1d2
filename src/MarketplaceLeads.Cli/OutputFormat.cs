using System;
using System.CommandLine;
using System.IO;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace MarketplaceLeads.Cli;

/// <summary>How <c>report</c>, <c>due</c> and <c>export</c> print.</summary>
internal enum OutputFormat
{
    /// <summary>An aligned table for people.</summary>
    Table,

    /// <summary>One JSON document.</summary>
    Json,

    /// <summary>CSV with a header row.</summary>
    Csv,

    /// <summary>JSON Lines: one object per line.</summary>
    Jsonl,
}

/// <summary>What <c>--csv-formulas</c> does with a CSV value a spreadsheet would run as a formula.</summary>
internal enum CsvFormulas
{
    /// <summary>Write it with a leading <c>'</c>, as text (the default).</summary>
    Neutralize,

    /// <summary>Write every value as it is, for a program that reads the CSV back.</summary>
    Raw,
}

internal static class OutputFormats
{
    private static readonly string[] CsvFormulaNames = ["neutralize", "raw"];

    /// <summary>Creates the <c>--csv-formulas neutralize|raw</c> option of the commands that write CSV.</summary>
    public static Option<CsvFormulas> CreateCsvFormulasOption()
    {
        var option = new Option<CsvFormulas>("--csv-formulas")
        {
            Description = "CSV only. 'neutralize' (the default) writes a value that a spreadsheet would run as a formula (starting with =, +, -, @, tab, CR or LF, and not a plain number) with a leading ' so that it stays text; 'raw' writes every value as it is, for a program that reads the file back.",
            DefaultValueFactory = _ => CsvFormulas.Neutralize,
            HelpName = string.Join('|', CsvFormulaNames),
        };
        option.Validators.Add(result =>
        {
            if (result.Tokens.Count == 1 && Array.IndexOf(CsvFormulaNames, result.Tokens[0].Value.ToLowerInvariant()) < 0)
            {
                result.AddError($"--csv-formulas must be one of {string.Join(", ", CsvFormulaNames)}; it is '{result.Tokens[0].Value}'.");
            }
        });
        return option;
    }

    /// <summary>The CSV writer's options for a <c>--csv-formulas</c> value.</summary>
    public static LeadCsvWriteOptions CsvOptions(CsvFormulas formulas) => new() { NeutralizeFormulas = formulas != CsvFormulas.Raw };

    /// <summary>Creates a <c>--format</c> option that accepts the given formats (case-insensitive).</summary>
    public static Option<OutputFormat> CreateOption(OutputFormat defaultFormat, params OutputFormat[] accepted)
    {
        var names = Array.ConvertAll(accepted, static f => f.ToString().ToLowerInvariant());
        var option = new Option<OutputFormat>("--format")
        {
            Description = "The output format: " + string.Join(", ", names) + ".",
            DefaultValueFactory = _ => defaultFormat,
            HelpName = string.Join('|', names),
        };
        option.Validators.Add(result =>
        {
            if (result.Tokens.Count == 1 && Array.IndexOf(names, result.Tokens[0].Value.ToLowerInvariant()) < 0)
            {
                result.AddError($"--format must be one of {string.Join(", ", names)}; it is '{result.Tokens[0].Value}'.");
            }
        });
        return option;
    }

    /// <summary>Writes a JSON document built with a <see cref="Utf8JsonWriter"/> to a text writer; non-ASCII letters, quotes and <c>+</c> are written as they are (the output is data, never HTML).</summary>
    public static void WriteJson(TextWriter output, Action<Utf8JsonWriter> write, bool indented = true)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = indented, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            write(writer);
        }

        output.Write(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
        if (indented)
        {
            output.Write('\n');
        }
    }

    /// <summary>Writes a string property, or nothing when the value is <see langword="null"/>.</summary>
    public static void WriteOptional(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }
}
