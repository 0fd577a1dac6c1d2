using System;
using System.Collections.Generic;
using System.Text;

namespace MarketplaceLeads.Reading.Csv;

/// <summary>
/// Splits one complete RFC 4180 record (without its line break) into fields. Quoted fields may hold
/// the delimiter, line breaks and doubled quotes; an empty unquoted field is <see langword="null"/>
/// (absent) while <c>""</c> is the empty string, so absent and empty survive a round trip.
/// </summary>
internal static class CsvRecord
{
    /// <summary>The reason <see cref="TrySplit"/> gives for a quoted field that the record does not close.</summary>
    public const string NotClosed = "a quoted field is not closed";

    /// <summary>
    /// Splits the record at <paramref name="delimiter"/> (<c>,</c>, <c>;</c> or a tab); on a syntax
    /// error returns the reason and the byte offset in the record. A <c>"</c> opens a quoted field
    /// only at the start of a field; elsewhere it is an ordinary character.
    /// </summary>
    public static bool TrySplit(ReadOnlySpan<byte> record, byte delimiter, List<string?> fields, out string? reason, out int errorOffset)
    {
        fields.Clear();
        reason = null;
        errorOffset = 0;
        var position = 0;
        List<byte>? unescaped = null;
        while (true)
        {
            if (position < record.Length && record[position] == (byte)'"')
            {
                unescaped ??= [];
                unescaped.Clear();
                var i = position + 1;
                while (true)
                {
                    var quote = record[i..].IndexOf((byte)'"');
                    if (quote < 0)
                    {
                        reason = NotClosed;
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

                    if (record[after] != delimiter)
                    {
                        reason = $"expected {Name(delimiter)} or the end of the record after a closing quote, found '{(char)record[after]}'";
                        errorOffset = after;
                        return false;
                    }

                    position = after + 1;
                    break;
                }

                continue;
            }

            var next = record[position..].IndexOf(delimiter);
            var field = next < 0 ? record[position..] : record.Slice(position, next);
            fields.Add(field.IsEmpty ? null : Encoding.UTF8.GetString(field));
            if (next < 0)
            {
                return true;
            }

            position += next + 1;
        }
    }

    /// <summary>Names a delimiter for messages: <c>','</c>, <c>';'</c> or <c>a tab</c>.</summary>
    public static string Name(byte delimiter) => delimiter == (byte)'\t' ? "a tab" : $"'{(char)delimiter}'";

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
