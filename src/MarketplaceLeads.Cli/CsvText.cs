using System.Collections.Generic;
using System.IO;

namespace MarketplaceLeads.Cli;

/// <summary>
/// Writes CSV rows through the SDK's own field writer (<see cref="LeadCsv.FormatField"/>): RFC 4180 quoting, and, unless
/// turned off, a leading <c>'</c> on a value a spreadsheet would run as a formula; <c>\n</c> line ends. An absent or
/// empty value is an empty field.
/// </summary>
internal static class CsvText
{
    public static void WriteRow(TextWriter writer, IReadOnlyList<string?> fields, LeadCsvWriteOptions? options = null)
    {
        for (var i = 0; i < fields.Count; i++)
        {
            if (i > 0)
            {
                writer.Write(',');
            }

            var field = fields[i];
            writer.Write(LeadCsv.FormatField(string.IsNullOrEmpty(field) ? null : field, options));
        }

        writer.Write('\n');
    }
}
