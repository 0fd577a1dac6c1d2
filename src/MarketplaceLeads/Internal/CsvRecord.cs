using System;
using System.Collections.Generic;
using System.Text;

namespace MarketplaceLeads.Internal;

/// <summary>
/// Splits one complete RFC 4180 record (without its line break) into fields. Quoted fields may hold
/// commas, line breaks and doubled quotes; an empty unquoted field is <see langword="null"/> (absent)
/// while <c>""</c> is the empty string, so absent and empty survive a round trip.
/// </summary>
internal static class CsvRecord
{
    /// <summary>Splits the record; on a syntax error returns the reason and the byte offset in the record.</summary>
    public static bool TrySplit(ReadOnlySpan<byte> record, List<string?> fields, out string? reason, out int errorOffset)
    {
        fields.Clear();
        reason = null;
        errorOffset = 0;
        var position = 0;
        var unescaped = new List<byte>();
        while (true)
        {
            if (position < record.Length && record[position] == (byte)'"')
            {
                unescaped.Clear();
                var i = position + 1;
                while (true)
                {
                    var quote = record[i..].IndexOf((byte)'"');
                    if (quote < 0)
                    {
                        reason = "a quoted field is not closed";
                        errorOffset = position;
                        return false;
                    }

                    unescaped.AddRange(record.Slice(i, quote));
                    var after = i + quote + 1;
                    if (after < record.Length && record[after] == (byte)'"')
                    {
                        unescaped.Add((byte)'"');
                        i = after + 1;
                        continue;
                    }

                    fields.Add(Encoding.UTF8.GetString(unescaped.ToArray()));
                    if (after == record.Length)
                    {
                        return true;
                    }

                    if (record[after] != (byte)',')
                    {
                        reason = $"expected ',' or the end of the record after a closing quote, found '{(char)record[after]}'";
                        errorOffset = after;
                        return false;
                    }

                    position = after + 1;
                    break;
                }

                continue;
            }

            var comma = record[position..].IndexOf((byte)',');
            var field = comma < 0 ? record[position..] : record.Slice(position, comma);
            fields.Add(field.IsEmpty ? null : Encoding.UTF8.GetString(field));
            if (comma < 0)
            {
                return true;
            }

            position += comma + 1;
        }
    }

    /// <summary>
    /// Appends a field, quoted when it must be (comma, quote, line break, surrounding space or tab, or the empty string). With
    /// <paramref name="neutralizeFormulas"/>, a value a spreadsheet would run as a formula (see <see cref="CsvFormulaGuard"/>)
    /// is written quoted with a leading <c>'</c>.
    /// </summary>
    public static void AppendField(StringBuilder builder, string? value, bool neutralizeFormulas)
    {
        if (value is null)
        {
            return;
        }

        if (neutralizeFormulas && CsvFormulaGuard.IsFormula(value))
        {
            // OWASP: quote the cell, prefix it with a single quote, double the quotes inside.
            builder.Append('"').Append(CsvFormulaGuard.Prefix).Append(value.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
            return;
        }

        if (value.Length == 0 || value.AsSpan().IndexOfAny(",\"\r\n") >= 0 || value[0] is ' ' or '\t' || value[^1] is ' ' or '\t')
        {
            builder.Append('"').Append(value.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
            return;
        }

        builder.Append(value);
    }
}
