using System;
using System.Buffers;
using System.Collections.Generic;
using System.Text;

namespace MarketplaceLeads.Reading.Json;

/// <summary>
/// Makes the texts of a JSON record decodable, so that a customer's half emoji or Latin-1 name never costs the
/// lead: inside JSON strings, a lone UTF-16 surrogate escape (<c>\uD83D</c> without its other half) becomes
/// <c>\uFFFD</c>, and each invalid UTF-8 sequence becomes U+FFFD (the same maximal subparts
/// <see cref="Encoding.UTF8"/> replaces). System.Text.Json refuses both only when a text is decoded, with an
/// <see cref="InvalidOperationException"/> that would otherwise escape the readers.
/// </summary>
/// <remarks>
/// <para>
/// <see cref="Repair"/> costs a normal record two vectorised scans (<see cref="System.Text.Unicode.Utf8.IsValid"/> and a
/// search for <c>\u</c>) and allocates nothing; only a record that needs a change is copied. A surrogate escape is
/// rewritten in place (six bytes for six), so positions in the copy are the record's own; an invalid UTF-8 sequence
/// (one to three bytes) becomes the three bytes of U+FFFD, and <see cref="ToOriginal(long)"/> maps a position in the copy
/// back to the record.
/// </para>
/// <para>
/// Bytes outside strings are left alone: invalid there, they are a syntax error the reader reports at their position.
/// Escapes are read pairwise from each backslash, so <c>\\ud83d</c> (an escaped backslash, then letters) is not an
/// escape. An escape the reader would reject (<c>\u12</c>) is left for it to report.
/// </para>
/// </remarks>
internal sealed class JsonTextRepair
{
    private static readonly SearchValues<byte> QuoteOrBackslash = SearchValues.Create("\"\\"u8);

    private static readonly SearchValues<byte> QuoteBackslashOrNonAscii = SearchValues.Create(QuoteBackslashOrNonAsciiBytes());

    private readonly ArrayBufferWriter<byte> _utf8;
    private readonly List<Replacement>? _shifts;

    private JsonTextRepair(ArrayBufferWriter<byte> utf8, List<Replacement>? shifts)
    {
        _utf8 = utf8;
        _shifts = shifts;
    }

    /// <summary>Gets the repaired record.</summary>
    public ReadOnlySpan<byte> Utf8 => _utf8.WrittenSpan;

    /// <summary>Returns the repaired copy of <paramref name="record"/>, or <see langword="null"/> when nothing in it needs a change (the common case).</summary>
    /// <param name="record">The record, as received.</param>
    /// <returns>The repaired record, or <see langword="null"/>.</returns>
    public static JsonTextRepair? Repair(ReadOnlySpan<byte> record)
    {
        var validUtf8 = System.Text.Unicode.Utf8.IsValid(record);
        return validUtf8 && record.IndexOf("\\u"u8) < 0 ? null : RepairSlow(record, validUtf8);
    }

    /// <summary>Returns the position in the record as received of a position in <see cref="Utf8"/>.</summary>
    /// <param name="position">The position in the repaired record.</param>
    /// <returns>The position in the original record (the start of the replaced sequence when inside a replacement).</returns>
    public long ToOriginal(long position)
    {
        if (_shifts is null)
        {
            return position;
        }

        long delta = 0;
        foreach (var shift in _shifts)
        {
            if (position < shift.RepairedStart)
            {
                break;
            }

            if (position < shift.RepairedStart + ReplacementUtf8.Length)
            {
                return shift.OriginalStart;
            }

            delta = shift.RepairedStart + ReplacementUtf8.Length - (shift.OriginalStart + shift.OriginalLength);
        }

        return position - delta;
    }

    /// <summary>Maps a position through <paramref name="repair"/> when there is one.</summary>
    /// <param name="repair">The repair, or <see langword="null"/>.</param>
    /// <param name="position">The position in the record that was read.</param>
    /// <returns>The position in the record as received.</returns>
    public static long ToOriginal(JsonTextRepair? repair, long position) => repair?.ToOriginal(position) ?? position;

    private static ReadOnlySpan<byte> ReplacementUtf8 => [0xEF, 0xBF, 0xBD];

    private static JsonTextRepair? RepairSlow(ReadOnlySpan<byte> record, bool validUtf8)
    {
        var specials = validUtf8 ? QuoteOrBackslash : QuoteBackslashOrNonAscii;
        ArrayBufferWriter<byte>? output = null;
        List<Replacement>? shifts = null;
        var copiedUpTo = 0;
        var i = 0;
        var inString = false;
        while (i < record.Length)
        {
            if (!inString)
            {
                var quote = record[i..].IndexOf((byte)'"');
                if (quote < 0)
                {
                    break;
                }

                i += quote + 1;
                inString = true;
                continue;
            }

            var next = record[i..].IndexOfAny(specials);
            if (next < 0)
            {
                break;
            }

            i += next;
            var current = record[i];
            if (current == (byte)'"')
            {
                inString = false;
                i++;
            }
            else if (current == (byte)'\\')
            {
                if (!TryHex4(record, i + 1, out var unit))
                {
                    i += 2; // another escape; or a malformed one, which the reader reports
                }
                else if (char.IsHighSurrogate(unit) && TryHex4(record, i + 7, out var low) && record[i + 6] == (byte)'\\' && char.IsLowSurrogate(low))
                {
                    i += 12; // a pair: decoded as it is
                }
                else if (char.IsSurrogate(unit))
                {
                    Replace(record, i + 2, 4, "FFFD"u8, ref output, ref copiedUpTo);
                    i += 6;
                }
                else
                {
                    i += 6;
                }
            }
            else if (System.Text.Rune.DecodeFromUtf8(record[i..], out _, out var consumed) == OperationStatus.Done)
            {
                i += consumed;
            }
            else
            {
                (shifts ??= []).Add(new Replacement((output?.WrittenCount ?? 0) + (i - copiedUpTo), i, consumed));
                Replace(record, i, consumed, ReplacementUtf8, ref output, ref copiedUpTo);
                i += consumed;
            }
        }

        if (output is null)
        {
            return null;
        }

        output.Write(record[copiedUpTo..]);
        return new JsonTextRepair(output, shifts);
    }

    /// <summary>Copies what precedes <paramref name="start"/> (not yet copied) and then <paramref name="replacement"/> in place of <paramref name="length"/> bytes.</summary>
    private static void Replace(ReadOnlySpan<byte> record, int start, int length, ReadOnlySpan<byte> replacement, ref ArrayBufferWriter<byte>? output, ref int copiedUpTo)
    {
        output ??= new ArrayBufferWriter<byte>(record.Length + 16);
        output.Write(record[copiedUpTo..start]);
        output.Write(replacement);
        copiedUpTo = start + length;
    }

    /// <summary>Reads <c>u</c> and four hexadecimal digits at <paramref name="at"/> (just after a backslash).</summary>
    private static bool TryHex4(ReadOnlySpan<byte> record, int at, out char unit)
    {
        unit = '\0';
        if (at + 5 > record.Length || record[at] != (byte)'u')
        {
            return false;
        }

        var value = 0;
        for (var k = at + 1; k < at + 5; k++)
        {
            var digit = record[k] switch
            {
                >= (byte)'0' and <= (byte)'9' => record[k] - '0',
                >= (byte)'a' and <= (byte)'f' => record[k] - 'a' + 10,
                >= (byte)'A' and <= (byte)'F' => record[k] - 'A' + 10,
                _ => -1,
            };
            if (digit < 0)
            {
                return false;
            }

            value = (value << 4) | digit;
        }

        unit = (char)value;
        return true;
    }

    private static byte[] QuoteBackslashOrNonAsciiBytes()
    {
        var bytes = new byte[2 + 128];
        bytes[0] = (byte)'"';
        bytes[1] = (byte)'\\';
        for (var b = 0; b < 128; b++)
        {
            bytes[2 + b] = (byte)(0x80 + b);
        }

        return bytes;
    }

    /// <summary>An invalid UTF-8 sequence replaced by U+FFFD: where it now starts, where it started and how long it was.</summary>
    private readonly record struct Replacement(long RepairedStart, int OriginalStart, int OriginalLength);
}
