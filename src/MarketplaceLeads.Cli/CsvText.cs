using System;
using System.Collections.Generic;
using System.IO;

namespace MarketplaceLeads.Cli;

/// <summary>Writes RFC 4180 CSV: fields with a comma, quote or line break are quoted, quotes doubled; <c>\n</c> line ends.</summary>
internal static class CsvText
{
    private static readonly char[] Special = [',', '"', '\n', '\r'];

    public static void WriteRow(TextWriter writer, IReadOnlyList<string?> fields)
    {
        for (var i = 0; i < fields.Count; i++)
        {
            if (i > 0)
            {
                writer.Write(',');
            }

            var field = fields[i] ?? string.Empty;
            if (field.AsSpan().IndexOfAny(Special) >= 0)
            {
                writer.Write('"');
                writer.Write(field.Replace("\"", "\"\"", StringComparison.Ordinal));
                writer.Write('"');
            }
            else
            {
                writer.Write(field);
            }
        }

        writer.Write('\n');
    }
}
