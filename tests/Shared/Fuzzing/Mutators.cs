using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace MarketplaceLeads.Testing.Fuzzing;

/// <summary>One sample input the mutators start from, named for the reproducer (a file and what was cut from it).</summary>
internal sealed record FuzzSeed(string Name, byte[] Data);

/// <summary>The result of one mutation: the new bytes and what exactly was done (for the reproducer).</summary>
internal readonly record struct Mutation(byte[] Data, string? Detail = null);

/// <summary>Applies one mutation; <paramref name="seeds"/> is the corpus (for splicing).</summary>
internal delegate Mutation MutateFunc(FuzzRandom random, byte[] input, IReadOnlyList<FuzzSeed> seeds);

/// <summary>A small named mutation.</summary>
internal sealed record Mutator(string Name, MutateFunc Apply);

/// <summary>
/// The mutators: byte-level (flip, insert, delete, duplicate a span, truncate, splice), JSON-aware (escapes into
/// strings and names, huge numbers, other value kinds, duplicate properties, deep nesting), encoding (BOM, raw control
/// characters, line endings, invalid UTF-8, UTF-16LE, non-ASCII text) and CSV-aware (delimiter, quotes, field count,
/// formulas, quoted fields, blank lines). Each is deterministic given the <see cref="FuzzRandom"/>.
/// </summary>
internal static class Mutators
{
    /// <summary>Inputs never grow past this (a mutation that would is skipped).</summary>
    public const int MaxInputBytes = 256 * 1024;

    /// <summary>The escapes the <c>json-escape</c> mutator inserts into a string value or a property name.</summary>
    public static readonly string[] JsonEscapes =
    [
        @"\ud83d", @"\udc00", @"\ud83d\ude00", @"\u0000", @"\\", @"\""", @"\/", @"\b", @"\x", @"\uD800\u0041", @"\uDBFF",
        @"\uDFFF\uD800", @"\ud83d\ud83d", @"\uFFFE", @"\u", @"\u12", @"\", @"\u0022", @"\u005C", @"\n\r\t\f", @"\u00e9", @"\U0041",
    ];

    /// <summary>The numbers the <c>json-huge-number</c> mutator puts in place of a string value (valid and not).</summary>
    public static readonly string[] HugeNumbers =
    [
        "1e999999", "-0", "1.0e-99999", "-1e+9999", "123123e100000", "0.4e0066999999999999999999999999999999999", "1E400", "1e-400",
        "9223372036854775808", "-9223372036854775809", "79228162514264337593543950336", "0", "-", "01", "1.", ".5", "NaN", "Infinity", "0x10", "1e", "+1",
    ];

    /// <summary>The values the <c>json-replace-value</c> mutator puts in place of a property value.</summary>
    public static readonly string[] OtherValues =
    [
        "{}", "{\"a\":{\"b\":[1,2,{\"c\":null}]}}", "[]", "[\"x\",1,true,null]", "null", "true", "false", "\"\"", "{\"FirstName\":\"Nested\"}", "[{}]",
    ];

    /// <summary>The invalid UTF-8 the <c>invalid-utf8</c> mutator inserts: overlong NUL, a CESU surrogate, past U+10FFFF, a truncated emoji, and more.</summary>
    public static readonly byte[][] InvalidUtf8 =
    [
        [0xC0, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xF0, 0x9F, 0x98], [0xFF], [0xFE], [0x80], [0xBF], [0xC3], [0xE2, 0x82],
        [0xF8, 0x88, 0x80, 0x80, 0x80], [0xC1, 0xBF], [0xE0, 0x80, 0x80], [0xED, 0xBF, 0xBF],
    ];

    /// <summary>Valid non-ASCII text for the <c>unicode-text</c> mutator: accents, CJK, an emoji, line/paragraph separators, a zero-width no-break space, combining marks, bidi controls, case-folding oddities.</summary>
    public static readonly string[] UnicodeTexts =
    [
        "é", "日本語", "😀", "\u2028", "\u2029", "\uFEFF", "e\u0301", "𝔘𝔫𝔦", "\u202E", "ß", "İ", "ﬃ", "\u00A0", "\u200B", "Ａ",
    ];

    /// <summary>Spreadsheet formulas the <c>csv-formula</c> mutator puts into a cell.</summary>
    public static readonly string[] Formulas =
    [
        "=1+2", "\"=HYPERLINK(\"\"http://example.invalid\"\",\"\"x\"\")\"", "+SUM(A1:A2)", "-1+1", "@SUM(1)", "=cmd|'/C calc'!A0", "\"=2+5\"", "\t=1",
    ];

    /// <summary>Quoted cells for the <c>csv-quoted-field</c> mutator.</summary>
    public static readonly string[] QuotedCells =
    [
        "\"a,b\"", "\"line1\nline2\"", "\"line1\r\nline2\"", "\"say \"\"hi\"\"\"", "\"\"", "\" padded \"", "\"\"\"\"", "\"a\"b\"", "\"unclosed",
    ];

    /// <summary>Tokens of the <c>Source-Action | Offer</c> grammar for the <c>lead-source-token</c> mutator.</summary>
    public static readonly string[] LeadSourceTokens =
    [
        "|", " | ", "-", ".", "(SPZA)", "AppSource", "SPZA", "MSFT_TEST_636573304831318844", "<Offer Name>", "  ", "\t", "--", "..", "||", "AzureMarketplace-INS",
        "AzurePortal-Create", "-INS", "|a.b", " ", "\u00A0", "(", ")",
    ];

    private static readonly byte[] InterestingBytes =
        [0x00, 0x01, 0x09, 0x0A, 0x0D, 0x20, 0x22, 0x2C, 0x3A, 0x3B, 0x5B, 0x5C, 0x5D, 0x7B, 0x7D, 0x7F, 0x80, 0xBF, 0xC0, 0xEF, 0xFF, (byte)'e', (byte)'-', (byte)'0', (byte)'|'];

    private static readonly byte[] Bom = [0xEF, 0xBB, 0xBF];

    public static Mutator FlipBit { get; } = new("flip-bit", static (r, d, _) =>
    {
        if (d.Length == 0)
        {
            return new(d);
        }

        var copy = (byte[])d.Clone();
        var at = r.Next(copy.Length);
        var bit = r.Next(8);
        copy[at] ^= (byte)(1 << bit);
        return new(copy, $"byte {at} bit {bit}");
    });

    public static Mutator SetByte { get; } = new("set-byte", static (r, d, _) =>
    {
        if (d.Length == 0)
        {
            return new(d);
        }

        var copy = (byte[])d.Clone();
        var at = r.Next(copy.Length);
        copy[at] = r.Pick(InterestingBytes);
        return new(copy, $"byte {at} = 0x{copy[at]:X2}");
    });

    public static Mutator InsertByte { get; } = new("insert-byte", static (r, d, _) =>
    {
        var value = r.Chance(50) ? (byte)r.Next(256) : r.Pick(InterestingBytes);
        var at = r.Next(d.Length + 1);
        return new(Insert(d, at, [value]), $"0x{value:X2} at {at}");
    });

    public static Mutator DeleteSpan { get; } = new("delete-span", static (r, d, _) =>
    {
        if (d.Length == 0)
        {
            return new(d);
        }

        var length = r.SmallLength(Math.Min(d.Length, 256));
        var at = r.Next(d.Length - length + 1);
        return new(Replace(d, at, at + length, []), $"{length} at {at}");
    });

    public static Mutator DuplicateSpan { get; } = new("duplicate-span", static (r, d, _) =>
    {
        if (d.Length == 0)
        {
            return new(d);
        }

        var length = r.Chance(20) ? d.Length : r.SmallLength(d.Length);
        var from = r.Next(d.Length - length + 1);
        var at = r.Chance(50) ? from + length : r.Next(d.Length + 1);
        return new(Insert(d, at, d.AsSpan(from, length)), $"{length} from {from} to {at}");
    });

    public static Mutator Truncate { get; } = new("truncate", static (r, d, _) =>
    {
        var at = d.Length == 0 ? 0 : r.Next(d.Length);
        return new(d[..at], $"at {at}");
    });

    public static Mutator Splice { get; } = new("splice", static (r, d, seeds) =>
    {
        var other = r.Pick(seeds);
        var cut = r.Next(d.Length + 1);
        var from = r.Next(other.Data.Length + 1);
        return new([.. d.AsSpan(0, cut), .. other.Data.AsSpan(from)], $"{cut} bytes + {other.Name} from {from}");
    });

    public static Mutator JsonEscape { get; } = new("json-escape", static (r, d, _) =>
    {
        var escape = r.Pick(JsonEscapes);
        var at = InsideString(r, d, preferNames: r.Chance(25));
        return new(Insert(d, at, Encoding.ASCII.GetBytes(escape)), $"{escape} at {at}");
    });

    public static Mutator JsonHugeNumber { get; } = new("json-huge-number", static (r, d, _) =>
    {
        var number = r.Chance(15) ? TenThousandDigits(r) : r.Pick(HugeNumbers);
        var detail = number.Length > 40 ? $"{number.Length} digits" : number;
        return ReplaceValue(r, d, number, detail, stringsOnly: true);
    });

    public static Mutator JsonReplaceValue { get; } = new("json-replace-value", static (r, d, _) =>
    {
        var value = r.Pick(OtherValues);
        return ReplaceValue(r, d, value, value, stringsOnly: false);
    });

    public static Mutator JsonDuplicateProperty { get; } = new("json-duplicate-property", static (r, d, _) =>
    {
        var values = JsonShape.PropertyValues(d);
        if (values.Count == 0)
        {
            return new(d);
        }

        var value = r.Pick(values);
        var pair = d.AsSpan(value.NameStart, value.End - value.NameStart).ToArray();
        var lowerName = r.Chance(40);
        if (lowerName)
        {
            for (var i = 0; i < pair.Length && pair[i] != (byte)':'; i++)
            {
                pair[i] = (byte)char.ToLowerInvariant((char)pair[i]);
            }
        }

        return new(Insert(d, value.End, [(byte)',', .. pair]), lowerName ? "with a lower-case name" : "same name");
    });

    public static Mutator JsonNest { get; } = new("json-nest", static (r, d, _) =>
    {
        int[] depths = [15, 16, 17, 63, 64, 65, 200, 1000, 5000];
        var depth = r.Pick(depths);
        var asObject = r.Chance(50);
        var values = JsonShape.PropertyValues(d);
        var (start, end) = (0, d.Length);
        if (values.Count > 0)
        {
            var value = r.Pick(values);
            (start, end) = (value.Start, value.End);
        }

        var open = Encoding.ASCII.GetBytes(asObject ? "{\"a\":" : "[");
        var close = Encoding.ASCII.GetBytes(asObject ? "}" : "]");
        var prefix = new byte[open.Length * depth];
        var suffix = new byte[close.Length * depth];
        for (var i = 0; i < depth; i++)
        {
            open.CopyTo(prefix, i * open.Length);
            close.CopyTo(suffix, i * close.Length);
        }

        return new([.. d.AsSpan(0, start), .. prefix, .. d.AsSpan(start, end - start), .. suffix, .. d.AsSpan(end)], $"{depth} {(asObject ? "objects" : "arrays")}");
    });

    public static Mutator ByteOrderMark { get; } = new("bom", static (r, d, _) =>
    {
        var at = r.Chance(60) ? 0 : r.Next(d.Length + 1);
        return new(Insert(d, at, Bom), $"at {at}");
    });

    public static Mutator RawControlCharacter { get; } = new("raw-control-char", static (r, d, _) =>
    {
        var value = r.Chance(90) ? (byte)r.Next(0x20) : (byte)0x7F;
        var at = InsideString(r, d, preferNames: false);
        return new(Insert(d, at, [value]), $"0x{value:X2} at {at}");
    });

    public static Mutator LineEndings { get; } = new("line-endings", static (r, d, _) =>
    {
        switch (r.Next(6))
        {
            case 0:
                return new(ReplaceAll(d, "\r\n"u8, "\n"u8, then: "\n"u8, "\r\n"u8), "LF to CRLF");
            case 1:
                return new(ReplaceAll(d, "\r\n"u8, "\n"u8), "CRLF to LF");
            case 2:
                return new(ReplaceAll(d, "\r\n"u8, "\r"u8, then: "\n"u8, "\r"u8), "to CR");
            case 3:
                var at = r.Next(d.Length + 1);
                var ending = r.Pick(new[] { "\r", "\n", "\r\n", "\n\n" });
                return new(Insert(d, at, Encoding.ASCII.GetBytes(ending)), $"{Printable(ending)} at {at}");
            case 4:
                return new(ReplaceAll(d, "\r"u8, ""u8, then: "\n"u8, ""u8), "no line breaks");
            default:
                return new(d.Length > 0 && d[^1] == (byte)'\n' ? d[..^1] : [.. d, (byte)'\n'], "toggle the final line break");
        }
    });

    public static Mutator InvalidUtf8Sequence { get; } = new("invalid-utf8", static (r, d, _) =>
    {
        var bytes = r.Pick(InvalidUtf8);
        var at = r.Chance(70) ? InsideString(r, d, preferNames: r.Chance(20)) : r.Next(d.Length + 1);
        return new(Insert(d, at, bytes), $"{Convert.ToHexString(bytes)} at {at}");
    });

    public static Mutator Utf16 { get; } = new("utf16", static (r, d, _) =>
    {
        var text = Encoding.UTF8.GetString(d);
        return r.Next(4) switch
        {
            0 => new([.. Encoding.Unicode.GetBytes(text)], "UTF-16LE without BOM"),
            1 => new([0xFE, 0xFF, .. Encoding.BigEndianUnicode.GetBytes(text)], "UTF-16BE with BOM"),
            _ => new([0xFF, 0xFE, .. Encoding.Unicode.GetBytes(text)], "UTF-16LE with BOM"),
        };
    });

    public static Mutator UnicodeText { get; } = new("unicode-text", static (r, d, _) =>
    {
        var text = r.Pick(UnicodeTexts);
        var at = InsideString(r, d, preferNames: r.Chance(10));
        return new(Insert(d, at, Encoding.UTF8.GetBytes(text)), $"{Printable(text)} at {at}");
    });

    public static Mutator CsvDelimiter { get; } = new("csv-delimiter", static (r, d, _) =>
    {
        var delimiter = r.Chance(50) ? (byte)';' : (byte)'\t';
        var copy = (byte[])d.Clone();
        var onlyFirstLine = r.Chance(30);
        var inQuotes = false;
        for (var i = 0; i < copy.Length; i++)
        {
            if (copy[i] == (byte)'"')
            {
                inQuotes = !inQuotes;
            }
            else if (copy[i] == (byte)',' && !inQuotes)
            {
                copy[i] = delimiter;
            }
            else if (copy[i] == (byte)'\n' && onlyFirstLine && !inQuotes)
            {
                break;
            }
        }

        return new(copy, $"{(delimiter == ';' ? "';'" : "tab")}{(onlyFirstLine ? " in the header only" : string.Empty)}");
    });

    public static Mutator CsvQuote { get; } = new("csv-quote", static (r, d, _) =>
    {
        var quotes = Enumerable.Range(0, d.Length).Where(i => d[i] == (byte)'"').ToList();
        if (quotes.Count > 0 && r.Chance(30))
        {
            var remove = r.Pick(quotes);
            return new(Replace(d, remove, remove + 1, []), $"remove the quote at {remove}");
        }

        var starts = FieldStarts(d);
        var at = starts.Count > 0 && r.Chance(60) ? r.Pick(starts) : r.Next(d.Length + 1);
        return new(Insert(d, at, "\""u8), $"insert a quote at {at}");
    });

    public static Mutator CsvFieldCount { get; } = new("csv-field-count", static (r, d, _) =>
    {
        var lines = LineRanges(d);
        if (lines.Count == 0)
        {
            return new(d);
        }

        var (start, end) = r.Pick(lines);
        if (r.Chance(50))
        {
            var extra = r.Chance(30) ? ",,,,"u8.ToArray() : ",extra"u8.ToArray();
            return new(Insert(d, end, extra), $"extra field on the line at {start}");
        }

        var lastComma = d.AsSpan(start, end - start).LastIndexOf((byte)',');
        return lastComma < 0 ? new(d) : new(Replace(d, start + lastComma, end, []), $"drop the last field of the line at {start}");
    });

    public static Mutator CsvFormula { get; } = new("csv-formula", static (r, d, _) =>
    {
        var formula = r.Pick(Formulas);
        return ReplaceField(r, d, formula, formula);
    });

    public static Mutator CsvQuotedField { get; } = new("csv-quoted-field", static (r, d, _) =>
    {
        var cell = r.Pick(QuotedCells);
        return ReplaceField(r, d, cell, Printable(cell));
    });

    public static Mutator BlankLines { get; } = new("blank-lines", static (r, d, _) =>
    {
        var starts = LineRanges(d).Select(static l => l.Start).Append(d.Length).ToList();
        var at = r.Pick(starts);
        var blank = r.Pick(new[] { "\n", "\r\n", "  \n", "\t\n", "\n\n\n" });
        return new(Insert(d, at, Encoding.ASCII.GetBytes(blank)), $"{Printable(blank)} at {at}");
    });

    public static Mutator LeadSourceToken { get; } = new("lead-source-token", static (r, d, _) =>
    {
        var token = r.Pick(LeadSourceTokens);
        var bytes = Encoding.UTF8.GetBytes(token);
        var at = r.Next(d.Length + 1);
        if (r.Chance(40) && d.Length > 0)
        {
            var length = r.SmallLength(Math.Min(8, d.Length - Math.Min(at, d.Length - 1)));
            at = Math.Min(at, d.Length - 1);
            return new(Replace(d, at, Math.Min(d.Length, at + length), bytes), $"'{Printable(token)}' over {length} at {at}");
        }

        return new(Insert(d, at, bytes), $"'{Printable(token)}' at {at}");
    });

    /// <summary>Gets the byte-level mutators.</summary>
    public static IReadOnlyList<Mutator> Generic { get; } = [FlipBit, SetByte, InsertByte, DeleteSpan, DuplicateSpan, Truncate, Splice];

    /// <summary>Gets the encoding mutators (any text format).</summary>
    public static IReadOnlyList<Mutator> Encodings { get; } = [ByteOrderMark, RawControlCharacter, LineEndings, InvalidUtf8Sequence, InvalidUtf8Sequence, Utf16, UnicodeText];

    /// <summary>Gets the JSON-aware mutators, weighted towards escapes (the bug the never-throws properties missed).</summary>
    public static IReadOnlyList<Mutator> JsonAware { get; } =
        [JsonEscape, JsonEscape, JsonEscape, JsonHugeNumber, JsonHugeNumber, JsonReplaceValue, JsonDuplicateProperty, JsonNest];

    /// <summary>Gets the CSV-aware mutators.</summary>
    public static IReadOnlyList<Mutator> CsvAware { get; } = [CsvDelimiter, CsvQuote, CsvQuote, CsvFieldCount, CsvFormula, CsvQuotedField, BlankLines];

    /// <summary>Gets every mutator that makes sense for JSON input (HTTPS bodies, JSON Lines).</summary>
    public static IReadOnlyList<Mutator> ForJson { get; } = [.. Generic, .. Encodings, .. JsonAware, .. JsonAware, BlankLines];

    /// <summary>Gets every mutator that makes sense for CSV input.</summary>
    public static IReadOnlyList<Mutator> ForCsv { get; } = [.. Generic, .. Encodings, .. CsvAware, .. CsvAware, JsonEscape];

    /// <summary>Gets every mutator that makes sense for a short text such as a <c>LeadSource</c>.</summary>
    public static IReadOnlyList<Mutator> ForText { get; } = [.. Generic, .. Encodings, LeadSourceToken, LeadSourceToken, LeadSourceToken];

    /// <summary>Renders control and non-ASCII characters of a short text as escapes, for mutation details.</summary>
    public static string Printable(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c is >= ' ' and < (char)0x7F)
            {
                builder.Append(c);
            }
            else
            {
                builder.Append(System.Globalization.CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
            }
        }

        return builder.ToString();
    }

    internal static byte[] Insert(byte[] data, int at, ReadOnlySpan<byte> bytes) => [.. data.AsSpan(0, at), .. bytes, .. data.AsSpan(at)];

    internal static byte[] Replace(byte[] data, int start, int end, ReadOnlySpan<byte> bytes) => [.. data.AsSpan(0, start), .. bytes, .. data.AsSpan(end)];

    private static byte[] ReplaceAll(byte[] data, ReadOnlySpan<byte> from, ReadOnlySpan<byte> to) => ReplaceAll(data, from, to, default, default);

    /// <summary>Replaces every <paramref name="from"/> with <paramref name="to"/>, then every <paramref name="then"/> with <paramref name="thenTo"/> (when given).</summary>
    private static byte[] ReplaceAll(byte[] data, ReadOnlySpan<byte> from, ReadOnlySpan<byte> to, ReadOnlySpan<byte> then, ReadOnlySpan<byte> thenTo)
    {
        var once = ReplaceEvery(data, from, to);
        return then.IsEmpty ? once : ReplaceEvery(once, then, thenTo);
    }

    private static byte[] ReplaceEvery(byte[] data, ReadOnlySpan<byte> from, ReadOnlySpan<byte> to)
    {
        var output = new List<byte>(data.Length);
        var rest = data.AsSpan();
        while (true)
        {
            var index = rest.IndexOf(from);
            if (index < 0)
            {
                output.AddRange(rest);
                return [.. output];
            }

            output.AddRange(rest[..index]);
            output.AddRange(to);
            rest = rest[(index + from.Length)..];
        }
    }

    /// <summary>Picks a position inside a string token (a name when asked and there is one), else anywhere.</summary>
    private static int InsideString(FuzzRandom r, byte[] d, bool preferNames)
    {
        var strings = JsonShape.Strings(d);
        var candidates = strings.Where(s => s.IsName == preferNames).ToList();
        if (candidates.Count == 0)
        {
            candidates = strings;
        }

        if (candidates.Count == 0)
        {
            return r.Next(d.Length + 1);
        }

        var token = r.Pick(candidates);
        return r.Next(token.Start + 1, token.End); // after the opening quote, up to just before the closing one
    }

    private static Mutation ReplaceValue(FuzzRandom r, byte[] d, string value, string detail, bool stringsOnly)
    {
        var values = JsonShape.PropertyValues(d);
        if (stringsOnly)
        {
            values = values.Where(v => d[v.Start] == (byte)'"').ToList();
        }

        if (values.Count == 0)
        {
            var strings = JsonShape.Strings(d).Where(static s => !s.IsName).ToList();
            if (strings.Count == 0)
            {
                return new(d);
            }

            var s = r.Pick(strings);
            return new(Replace(d, s.Start, s.End, Encoding.ASCII.GetBytes(value)), detail);
        }

        var token = r.Pick(values);
        return new(Replace(d, token.Start, token.End, Encoding.UTF8.GetBytes(value)), detail);
    }

    private static string TenThousandDigits(FuzzRandom r)
    {
        var builder = new StringBuilder(10_001);
        builder.Append((char)('1' + r.Next(9)));
        for (var i = 1; i < 10_000; i++)
        {
            builder.Append((char)('0' + r.Next(10)));
        }

        return builder.ToString();
    }

    private static List<(int Start, int End)> LineRanges(byte[] d)
    {
        var lines = new List<(int, int)>();
        var start = 0;
        for (var i = 0; i <= d.Length; i++)
        {
            if (i == d.Length || d[i] == (byte)'\n')
            {
                var end = i > start && d[i - 1] == (byte)'\r' ? i - 1 : i;
                if (end > start || i < d.Length)
                {
                    lines.Add((start, end));
                }

                start = i + 1;
            }
        }

        return lines;
    }

    private static List<int> FieldStarts(byte[] d)
    {
        var starts = new List<int>();
        for (var i = 0; i < d.Length; i++)
        {
            if (i == 0 || d[i - 1] is (byte)',' or (byte)'\n')
            {
                starts.Add(i);
            }
        }

        return starts;
    }

    /// <summary>Replaces one field (by a naive comma split) of a line after the first (a data row when there is one).</summary>
    private static Mutation ReplaceField(FuzzRandom r, byte[] d, string cell, string detail)
    {
        var lines = LineRanges(d);
        if (lines.Count == 0)
        {
            return new(Encoding.UTF8.GetBytes(cell));
        }

        var (start, end) = lines.Count > 1 ? lines[r.Next(1, lines.Count)] : lines[0];
        var fields = new List<(int Start, int End)>();
        var fieldStart = start;
        for (var i = start; i <= end; i++)
        {
            if (i == end || d[i] == (byte)',')
            {
                fields.Add((fieldStart, i));
                fieldStart = i + 1;
            }
        }

        var field = r.Pick(fields);
        return new(Replace(d, field.Start, field.End, Encoding.UTF8.GetBytes(cell)), $"{detail} in the field at {field.Start}");
    }
}
