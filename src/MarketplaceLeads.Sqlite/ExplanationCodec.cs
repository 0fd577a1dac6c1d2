using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Text;
using MarketplaceLeads.Deduplication;

namespace MarketplaceLeads.Sqlite;

/// <summary>
/// A match explanation as the SQLite store keeps it (schema version 8): a few dozen bytes instead of some 500 of JSON.
/// </summary>
/// <remarks>
/// <para>
/// Every field name, comparison and rule is written as a phrase code when its template (the text with each number replaced
/// by a placeholder) is one the identity model says — the numbers follow as text, so the words read back exactly — and as
/// UTF-8 text otherwise (a custom <see cref="ILeadMatchStrategy"/>'s words, or a phrase a later model adds). Weights that are
/// quarters (all the model's) take a byte or two; others take eight. Explanations hold no personal data, and a row's
/// explanation is erased with its row: nothing is kept elsewhere.
/// </para>
/// <para>
/// Layout: the format byte <c>0x01</c> (JSON text, as written before, starts with <c>{</c>), the prior, the number of
/// evidence items, each item's field, comparison and weight, the outcome, the rule. A string is a varint <c>n</c>: an even
/// <c>n</c> is phrase <c>n / 2</c> followed by each of its numbers (a byte of length, ASCII digits); an odd <c>n</c> is
/// <c>(n − 1) / 2</c> bytes of UTF-8. A number is a varint <c>n</c>: an even <c>n</c> is the zigzag-encoded count of
/// quarters <c>n / 2</c>; <c>1</c> is followed by the eight bytes of a double (little-endian).
/// </para>
/// </remarks>
internal static class ExplanationCodec
{
    private const byte Format = 0x01;
    private const char Placeholder = '\u0001';

    /// <summary>
    /// The phrases, by code. Append only: a code is stored in databases, so a phrase never moves or goes; a phrase the model
    /// no longer says stays. <c>ExplanationCodecTests</c> fails, listing them, when the model says one that is missing here.
    /// </summary>
    private static readonly string[] Phrases =
    [
        // Fields.
        "Email", "Phone", "FirstName", "LastName", "Name", "Title", "Profile", "Company", "Country",

        // Mailboxes.
        "same mailbox", "same mailbox, held by \u0001 profiles", "same personal mailbox at a company domain",
        "same personal mailbox at a company domain, held by \u0001 profiles", "same mailbox, its domain misspelt on one side",
        "same role mailbox (info@, sales@ …)",
        "different mailboxes at one company domain, one unshared mobile or desk line, one job title: a changed last name",
        "different mailboxes at one company domain, one unshared phone: perhaps a changed last name (for review)",
        "different mailboxes at one company domain", "different free mailboxes (Gmail, Outlook …)", "different mailboxes",
        "different mailboxes, one shared (info@, a family's)", "missing on one side",

        // Phones.
        "same mobile number, held by \u0001 profiles", "same mobile number (a person's own line)", "same phone, held by \u0001 profiles",
        "same phone", "same mobile number, written another way (country code, trunk \u0001)",
        "same number, written another way (country code, trunk \u0001)", "different phones",

        // Names.
        "first name: a typo apart too (two typos count as one)",
        "first names differ on one personal mailbox at a company domain that no one else holds (one person's two names?)",
        "last names differ by Jr./Sr.", "first and last name swapped", "the only profile of this name at this company",
        "first names differ, but one's own mailbox is named after the other (two names of one person)", "same first name",
        "first name: nickname or romanisation of the other", "first name: same in another spelling (ü/ue, ł/l …)",
        "first name: one is part or a short form of the other", "first name: a typo apart", "first name: an initial of the other",
        "first names differ", "first name: short names one letter apart (a typo, or another name)",
        "missing or not comparable (another script) on one side",
        "last names differ, but one's own mailbox is named after the other (two names of one person)", "same last name",
        "last name: nickname or romanisation of the other", "last name: same in another spelling (ü/ue, ł/l …)",
        "last name: one is part or a short form of the other", "last name: a typo apart", "last name: an initial of the other",
        "last names differ", "last name: short names one letter apart (a typo, or another name)",

        // Titles, profiles, companies, countries.
        "same job title, the first name, company and one unshared mobile or desk line agreeing: a changed last name, not a colleague",
        "same job title at the same company", "compared with the profile's leads, field by field", "same company", "similar company",
        "different companies", "same country", "different countries", "a work mailbox and a personal one (Gmail, Outlook …)",

        // Rules.
        "weight \u0001 ≥ merge threshold \u0001",
        "one unshared mobile or desk line, one company and one job title: perhaps one person whose names changed, for review (weight \u0001 < possible-duplicate threshold \u0001)",
        "possible-duplicate threshold \u0001 ≤ weight \u0001 < merge threshold \u0001",
        "weight \u0001 < possible-duplicate threshold \u0001",
        "first names differ: never merged automatically; weight \u0001 ≥ possible-duplicate threshold \u0001",
        "the last names differ by Jr./Sr.: two generations, never merged automatically; weight \u0001 ≥ possible-duplicate threshold \u0001",
        "one household's line or mailbox and two employers: a parent and child of one name, or one person who changed jobs; never merged automatically; weight \u0001 ≥ possible-duplicate threshold \u0001",
        "different mailboxes at one company domain: two people (colleagues, namesakes), never merged automatically; weight \u0001 ≥ possible-duplicate threshold \u0001",
        "met by full name and country alone (no address, phone or company in common), nothing disagreeing: never merged on a name, left for review",
        "the lead also matches a profile this one may not be merged with (first names or company mailboxes differ): left for review",
        "the best-matching lead is silent where the profile's other leads differ (a company mailbox, first names, two employers): left for review",

        // Added 2026-12-07 (night).
        "a team's mailbox at the company (contact@, sales@ …) and a person's own",
    ];

    private static readonly Dictionary<string, int> Codes = BuildCodes();

    /// <summary>Gets whether stored explanation bytes are this format (else they are the JSON text written before schema version 8).</summary>
    public static bool IsCompact(ReadOnlySpan<byte> stored) => !stored.IsEmpty && stored[0] == Format;

    /// <summary>Gets whether a text is written as a phrase code (for the test that keeps the table complete).</summary>
    public static bool IsPhrase(string text) => Template(text, null) is { } template && Codes.ContainsKey(template);

    /// <summary>Writes an explanation.</summary>
    public static byte[] Encode(MatchExplanation explanation)
    {
        var buffer = new List<byte>(64) { Format };
        WriteNumber(buffer, explanation.Prior);
        WriteVarint(buffer, (ulong)explanation.Evidence.Count);
        var numbers = new List<string>(4);
        foreach (var item in explanation.Evidence)
        {
            WriteString(buffer, item.Field, numbers);
            WriteString(buffer, item.Comparison, numbers);
            WriteNumber(buffer, item.Weight);
        }

        WriteVarint(buffer, (ulong)explanation.Outcome);
        WriteString(buffer, explanation.Rule, numbers);
        return [.. buffer];
    }

    /// <summary>Reads an explanation written by <see cref="Encode"/>.</summary>
    /// <exception cref="FormatException">The bytes are not an explanation of this format; the message says where.</exception>
    public static MatchExplanation Decode(ReadOnlySpan<byte> data)
    {
        if (!IsCompact(data))
        {
            throw new FormatException($"A stored match explanation must start with the format byte 0x01; it starts with {(data.IsEmpty ? "nothing" : "0x" + data[0].ToString("X2", System.Globalization.CultureInfo.InvariantCulture))}.");
        }

        var at = 1;
        var prior = ReadNumber(data, ref at);
        var count = ReadVarint(data, ref at);
        if (count > (ulong)data.Length)
        {
            throw new FormatException($"A stored match explanation says it has {count} evidence items in {data.Length} bytes.");
        }

        var evidence = new MatchEvidence[(int)count];
        for (var i = 0; i < evidence.Length; i++)
        {
            var field = ReadString(data, ref at);
            var comparison = ReadString(data, ref at);
            evidence[i] = new MatchEvidence(field, comparison, ReadNumber(data, ref at));
        }

        var outcome = ReadVarint(data, ref at);
        if (!Enum.IsDefined((MatchOutcome)(int)Math.Min(outcome, int.MaxValue)))
        {
            throw new FormatException($"A stored match explanation has outcome {outcome}, which is not a MatchOutcome.");
        }

        var rule = ReadString(data, ref at);
        if (at != data.Length)
        {
            throw new FormatException($"A stored match explanation has {data.Length - at} bytes after its rule.");
        }

        return new MatchExplanation(prior, evidence, (MatchOutcome)(int)outcome, rule);
    }

    private static Dictionary<string, int> BuildCodes()
    {
        var codes = new Dictionary<string, int>(Phrases.Length, StringComparer.Ordinal);
        for (var i = 0; i < Phrases.Length; i++)
        {
            codes.Add(Phrases[i], i);
        }

        return codes;
    }

    /// <summary>The text with each number (digits, with a decimal part, a minus after a space) replaced by the placeholder, the numbers added to <paramref name="numbers"/>; <see langword="null"/> when the text holds the placeholder itself or a number too long to write.</summary>
    private static string? Template(string text, List<string>? numbers)
    {
        if (text.Contains(Placeholder, StringComparison.Ordinal))
        {
            return null;
        }

        StringBuilder? template = null;
        var last = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (!char.IsAsciiDigit(text[i]))
            {
                continue;
            }

            var end = i + 1;
            if (i > last && text[i - 1] == '-' && (i == 1 || text[i - 2] == ' '))
            {
                i--; // a negative number ("threshold -2.0"), not a hyphen ("possible-duplicate")
            }

            while (end < text.Length && char.IsAsciiDigit(text[end]))
            {
                end++;
            }

            if (end + 1 < text.Length && text[end] == '.' && char.IsAsciiDigit(text[end + 1]))
            {
                end += 2;
                while (end < text.Length && char.IsAsciiDigit(text[end]))
                {
                    end++;
                }
            }

            if (end - i > byte.MaxValue)
            {
                return null;
            }

            template ??= new StringBuilder(text.Length);
            template.Append(text, last, i - last).Append(Placeholder);
            numbers?.Add(text[i..end]);
            last = end;
            i = end - 1;
        }

        return template is null ? text : template.Append(text, last, text.Length - last).ToString();
    }

    private static void WriteString(List<byte> buffer, string text, List<string> numbers)
    {
        numbers.Clear();
        if (Template(text, numbers) is { } template && Codes.TryGetValue(template, out var code))
        {
            WriteVarint(buffer, (ulong)code << 1);
            foreach (var number in numbers)
            {
                buffer.Add((byte)number.Length);
                foreach (var c in number)
                {
                    buffer.Add((byte)c);
                }
            }

            return;
        }

        var bytes = Encoding.UTF8.GetBytes(text);
        WriteVarint(buffer, ((ulong)bytes.Length << 1) | 1);
        buffer.AddRange(bytes);
    }

    private static string ReadString(ReadOnlySpan<byte> data, ref int at)
    {
        var head = ReadVarint(data, ref at);
        if ((head & 1) == 1)
        {
            var length = head >> 1;
            if (length > (ulong)(data.Length - at))
            {
                throw new FormatException($"A stored match explanation has a text of {length} bytes at byte {at}, past its end ({data.Length} bytes).");
            }

            var text = Encoding.UTF8.GetString(data.Slice(at, (int)length));
            at += (int)length;
            return text;
        }

        var code = head >> 1;
        if (code >= (ulong)Phrases.Length)
        {
            throw new FormatException($"A stored match explanation has phrase {code} at byte {at}; this version knows {Phrases.Length} (was it written by a newer version?).");
        }

        var phrase = Phrases[(int)code];
        if (!phrase.Contains(Placeholder, StringComparison.Ordinal))
        {
            return phrase;
        }

        var result = new StringBuilder(phrase.Length + 8);
        foreach (var c in phrase)
        {
            if (c != Placeholder)
            {
                result.Append(c);
                continue;
            }

            if (at >= data.Length || data[at] > data.Length - at - 1)
            {
                throw new FormatException($"A stored match explanation's phrase {code} misses a number at byte {at}.");
            }

            var length = data[at++];
            for (var i = 0; i < length; i++)
            {
                result.Append((char)data[at++]);
            }
        }

        return result.ToString();
    }

    private static void WriteNumber(List<byte> buffer, double value)
    {
        var quarters = value * 4;
        if (quarters == Math.Round(quarters) && Math.Abs(quarters) < 1 << 30 && !(value == 0 && double.IsNegative(value)))
        {
            var n = (long)quarters;
            WriteVarint(buffer, (ulong)((n << 1) ^ (n >> 63)) << 1);
            return;
        }

        WriteVarint(buffer, 1);
        Span<byte> bytes = stackalloc byte[8];
        BinaryPrimitives.WriteDoubleLittleEndian(bytes, value);
        foreach (var b in bytes)
        {
            buffer.Add(b);
        }
    }

    private static double ReadNumber(ReadOnlySpan<byte> data, ref int at)
    {
        var head = ReadVarint(data, ref at);
        if (head == 1)
        {
            if (data.Length - at < 8)
            {
                throw new FormatException($"A stored match explanation's number at byte {at} is cut short.");
            }

            var value = BinaryPrimitives.ReadDoubleLittleEndian(data.Slice(at, 8));
            at += 8;
            return value;
        }

        var zigzag = head >> 1;
        var n = (long)(zigzag >> 1) ^ -(long)(zigzag & 1);
        return n / 4.0;
    }

    private static void WriteVarint(List<byte> buffer, ulong value)
    {
        while (value >= 0x80)
        {
            buffer.Add((byte)(value | 0x80));
            value >>= 7;
        }

        buffer.Add((byte)value);
    }

    private static ulong ReadVarint(ReadOnlySpan<byte> data, ref int at)
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if (at >= data.Length)
            {
                throw new FormatException($"A stored match explanation is cut short at byte {at}.");
            }

            var b = data[at++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }

        throw new FormatException($"A stored match explanation has a number longer than 64 bits before byte {at}.");
    }
}
