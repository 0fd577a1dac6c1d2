using System;
using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using MarketplaceLeads.LeadSources;

namespace MarketplaceLeads.Internal;

/// <summary>Throws the library's exceptions, keeping message building off the hot paths.</summary>
[StackTraceHidden]
internal static class ThrowHelper
{
    /// <summary>How much of an offending value a message quotes.</summary>
    private const int MaxQuotedLength = 120;

    [DoesNotReturn]
    public static void ThrowFormatException(string typeName, ParseError error, int position, ReadOnlySpan<char> text) =>
        throw new FormatException(FormatMessage(typeName, error, position, "position", Quote(text)));

    [DoesNotReturn]
    public static void ThrowFormatException(string typeName, ParseError error, int position, ReadOnlySpan<byte> utf8Text) =>
        throw new FormatException(FormatMessage(typeName, error, position, "byte offset", Quote(Encoding.UTF8.GetString(utf8Text))));

    [DoesNotReturn]
    public static void ThrowFormatExceptionUnknownFormat(ReadOnlySpan<char> format, string typeName, string supported) =>
        throw new FormatException($"The format string '{Quote(format)}' is not supported by {typeName}; use {supported}.");

    [DoesNotReturn]
    public static void ThrowArgumentException(string paramName, string message) =>
        throw new ArgumentException(message, paramName);

    [DoesNotReturn]
    public static void ThrowArgumentOutOfRange<T>(string paramName, T value, string message) =>
        throw new ArgumentOutOfRangeException(paramName, value, message);

    internal static string FormatMessage(string typeName, ParseError error, int position, string positionKind, string quoted)
    {
        var reason = error switch
        {
            ParseError.Empty => "the text is empty or white space; expected 'Source-Action | publisherid.offerid'",
            ParseError.InvalidEncoding => "invalid " + (positionKind == "position" ? "UTF-16 (a lone surrogate)" : "UTF-8") + " was found",
            ParseError.ControlCharacter => "a control character was found; control characters are not allowed",
            ParseError.MissingBar => "expected '|' between 'Source-Action' and the offer, but the text has none",
            ParseError.MissingDash => "expected '-' between the source and the action before '|'",
            ParseError.EmptySource => "expected a source (such as 'AzureMarketplace') before '-'",
            ParseError.EmptyAction => "expected an action (such as 'INS') between '-' and '|'",
            ParseError.EmptyOffer => "expected an offer (such as 'publisherid.offerid')",
            _ => "the text is malformed",
        };
        return string.Create(
            CultureInfo.InvariantCulture,
            $"'{quoted}' is not a valid {typeName}: {reason} (at {positionKind} {position}).");
    }

    /// <summary>Quotes a value for a message: truncated, control characters and lone surrogates escaped as <c>\uXXXX</c>.</summary>
    internal static string Quote(ReadOnlySpan<char> text)
    {
        var builder = new StringBuilder(Math.Min(text.Length, MaxQuotedLength) + 8);
        for (var i = 0; i < text.Length && i < MaxQuotedLength; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                builder.Append(c).Append(text[++i]);
            }
            else if (char.IsControl(c) || char.IsSurrogate(c))
            {
                builder.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
            }
            else
            {
                builder.Append(c);
            }
        }

        if (text.Length > MaxQuotedLength)
        {
            builder.Append('…');
        }

        return builder.ToString();
    }
}
