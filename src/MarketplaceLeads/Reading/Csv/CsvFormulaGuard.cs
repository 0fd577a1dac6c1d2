using System;

namespace MarketplaceLeads.Reading.Csv;

/// <summary>
/// CSV formula-injection ("CSV injection") defence, after OWASP's advice
/// (https://owasp.org/www-community/attacks/CSV_Injection): a spreadsheet reads a cell that starts with <c>=</c>, <c>+</c>,
/// <c>-</c>, <c>@</c>, tab, carriage return or line feed as a formula, so such a cell is written with a leading
/// <c>'</c>, which makes it text. A cell that is a plain number (<c>-5</c>, <c>+14255550100</c>, <c>-1.5</c>) is left
/// alone, as defusedcsv does: a spreadsheet reads it as the number, never runs it.
/// </summary>
internal static class CsvFormulaGuard
{
    /// <summary>The character written before a cell that would otherwise be a formula.</summary>
    public const char Prefix = '\'';

    /// <summary>Gets a value indicating whether a cell holding <paramref name="value"/> would be read as a formula (and is not a plain number).</summary>
    public static bool IsFormula(ReadOnlySpan<char> value) =>
        !value.IsEmpty && IsTrigger(value[0]) && !IsPlainNumber(value);

    /// <summary>Gets a value indicating whether a cell's first character makes a spreadsheet read it as a formula.</summary>
    public static bool IsTrigger(char c) => c is '=' or '+' or '-' or '@' or '\t' or '\r' or '\n';

    /// <summary>
    /// Gets a value indicating whether <paramref name="value"/> is a plain number: an optional sign, ASCII digits, and at
    /// most one decimal separator (<c>.</c> or <c>,</c>) followed by digits; at least one digit. No spaces, letters or brackets.
    /// </summary>
    public static bool IsPlainNumber(ReadOnlySpan<char> value)
    {
        if (!value.IsEmpty && value[0] is '+' or '-')
        {
            value = value[1..];
        }

        var digits = 0;
        var i = 0;
        while (i < value.Length && char.IsAsciiDigit(value[i]))
        {
            i++;
            digits++;
        }

        if (i < value.Length && value[i] is '.' or ',')
        {
            i++;
            var fraction = 0;
            while (i < value.Length && char.IsAsciiDigit(value[i]))
            {
                i++;
                fraction++;
            }

            if (fraction == 0)
            {
                return false;
            }

            digits += fraction;
        }

        return digits > 0 && i == value.Length;
    }
}
