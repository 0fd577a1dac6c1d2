using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace MarketplaceLeads.Testing.Fuzzing;

/// <summary>Writes inputs as C# source that recreates them exactly, for reproducers: UTF-8 literals, raw bytes where the input is not valid UTF-8, strings with lone surrogates escaped.</summary>
internal static class CSharpText
{
    /// <summary>The longest input written in full; a longer one is cut (its seed and iteration regenerate it).</summary>
    public const int MaxShownBytes = 6 * 1024;

    /// <summary>Writes bytes as a C# expression: <c>"…"u8</c>, or a collection expression mixing UTF-8 literals and raw bytes.</summary>
    public static string Bytes(ReadOnlySpan<byte> data)
    {
        var cut = data.Length > MaxShownBytes;
        if (cut)
        {
            data = data[..MaxShownBytes];
        }

        var parts = new List<string>();
        var rest = data;
        while (!rest.IsEmpty)
        {
            var valid = ValidPrefixLength(rest);
            if (valid > 0)
            {
                parts.Add(Utf8Literal(rest[..valid]));
                rest = rest[valid..];
                continue;
            }

            parts.Add(string.Create(CultureInfo.InvariantCulture, $"0x{rest[0]:X2}"));
            rest = rest[1..];
        }

        var text = parts.Count switch
        {
            0 => "\"\"u8",
            1 when parts[0].EndsWith("u8", StringComparison.Ordinal) => parts[0],
            _ => "(byte[])[" + string.Join(", ", parts.Select(static p => p.EndsWith("u8", StringComparison.Ordinal) ? ".. " + p : p)) + "]",
        };
        return cut ? text + $" /* first {MaxShownBytes} bytes only */" : text;
    }

    /// <summary>Writes a .NET string as a C# literal (control characters, non-ASCII and lone surrogates escaped).</summary>
    public static string String(string? value)
    {
        if (value is null)
        {
            return "null";
        }

        var builder = new StringBuilder(value.Length + 2).Append('"');
        var shown = Math.Min(value.Length, MaxShownBytes);
        foreach (var c in value.AsSpan(0, shown))
        {
            Append(builder, c);
        }

        builder.Append('"');
        if (shown < value.Length)
        {
            builder.Append(CultureInfo.InvariantCulture, $" /* first {shown} of {value.Length} characters */");
        }

        return builder.ToString();
    }

    /// <summary>Writes a table entity as a C# dictionary initializer.</summary>
    public static string Entity(IReadOnlyDictionary<string, object?> entity)
    {
        var builder = new StringBuilder("new Dictionary<string, object?>(StringComparer.Ordinal) { ");
        foreach (var (name, value) in entity)
        {
            builder.Append('[').Append(String(name)).Append("] = ").Append(Value(value)).Append(", ");
        }

        return builder.Append('}').ToString();
    }

    /// <summary>Writes an entity property value as a C# expression.</summary>
    public static string Value(object? value) => value switch
    {
        null => "null",
        string s => String(s),
        bool b => b ? "true" : "false",
        int i => i.ToString(CultureInfo.InvariantCulture),
        long l => l.ToString(CultureInfo.InvariantCulture) + "L",
        double d when double.IsNaN(d) => "double.NaN",
        double d when double.IsPositiveInfinity(d) => "double.PositiveInfinity",
        double d when double.IsNegativeInfinity(d) => "double.NegativeInfinity",
        double d => d.ToString("R", CultureInfo.InvariantCulture) + "d",
        float f when float.IsNaN(f) => "float.NaN",
        float f => f.ToString("R", CultureInfo.InvariantCulture) + "f",
        decimal m => m.ToString(CultureInfo.InvariantCulture) + "m",
        DateTime t => string.Create(CultureInfo.InvariantCulture, $"new DateTime({t.Ticks}L, DateTimeKind.{t.Kind})"),
        DateTimeOffset t => string.Create(CultureInfo.InvariantCulture, $"new DateTimeOffset({t.Ticks}L, TimeSpan.FromMinutes({t.Offset.TotalMinutes}))"),
        Guid g => $"Guid.Parse(\"{g}\")",
        byte[] bytes => "new byte[] { " + string.Join(", ", bytes.Select(static b => string.Create(CultureInfo.InvariantCulture, $"0x{b:X2}"))) + " }",
        _ => $"/* {value.GetType().Name} */ {String(value.ToString())}",
    };

    private static string Utf8Literal(ReadOnlySpan<byte> valid)
    {
        var builder = new StringBuilder(valid.Length + 4).Append('"');
        foreach (var rune in Encoding.UTF8.GetString(valid).EnumerateRunes())
        {
            if (rune.IsBmp)
            {
                Append(builder, (char)rune.Value);
            }
            else
            {
                builder.Append(CultureInfo.InvariantCulture, $"\\U{rune.Value:X8}");
            }
        }

        return builder.Append("\"u8").ToString();
    }

    private static void Append(StringBuilder builder, char c)
    {
        switch (c)
        {
            case '"':
                builder.Append("\\\"");
                break;
            case '\\':
                builder.Append("\\\\");
                break;
            case '\n':
                builder.Append("\\n");
                break;
            case '\r':
                builder.Append("\\r");
                break;
            case '\t':
                builder.Append("\\t");
                break;
            case >= ' ' and < (char)0x7F:
                builder.Append(c);
                break;
            default:
                builder.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
                break;
        }
    }

    /// <summary>Returns how many bytes at the start are valid UTF-8 (whole characters only).</summary>
    private static int ValidPrefixLength(ReadOnlySpan<byte> data)
    {
        var status = System.Text.Unicode.Utf8.ToUtf16(data, new char[data.Length], out var read, out _, replaceInvalidSequences: false, isFinalBlock: true);
        return status == System.Buffers.OperationStatus.Done ? data.Length : read;
    }
}
