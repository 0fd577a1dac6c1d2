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

internal static class OutputFormats
{
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
