using System;
using System.Globalization;
using System.Text.Json;

namespace MarketplaceLeads.Reading.Json;

/// <summary>
/// Says what is wrong with malformed JSON in the SDK's words — what was expected, and at most the one character found —
/// never in System.Text.Json's, which quote the input: for a misspelt literal (<c>nul</c>) its message holds the rest of
/// the record, names and e-mail addresses and line breaks included, and a reason goes into logs, exception messages, the
/// endpoint's problem <c>detail</c> and <c>import</c>'s output.
/// </summary>
/// <remarks>
/// The message is recognised by its fixed English text (or its resource key, for an app trimmed with
/// <c>UseSystemResourceKeys</c>); the argument System.Text.Json quotes is shown only when it is one printable character
/// or a byte it wrote as <c>0xNN</c>. A message not recognised (a later version's) gives a general wording: the input
/// is never passed on.
/// </remarks>
internal static class JsonErrorText
{
    private const string General = "the text is not valid JSON";

    /// <summary>The messages that start with the quoted argument (<c>'{0}' is …</c>): key, the fixed text after the argument, the wording with and without what was found.</summary>
    private static readonly Template[] Quoting =
    [
        new("ExpectedStartOfValueNotFound", "' is an invalid start of a value.", "expected a value (an object, an array, a string, a number, true, false or null), found {0}", "expected a value (an object, an array, a string, a number, true, false or null)"),
        new("ExpectedStartOfPropertyNotFound", "' is an invalid start of a property name. Expected a '\"'.", "expected a property name in double quotes, found {0}", "expected a property name in double quotes"),
        new("ExpectedSeparatorAfterPropertyNameNotFound", "' is invalid after a property name. Expected a ':'.", "expected ':' after a property name, found {0}", "expected ':' after a property name"),
        new("FoundInvalidCharacter", "' is invalid after a value. Expected either ',', '}', or ']'.", "expected ',', '}' or ']' after a value, found {0}", "expected ',', '}' or ']' after a value"),
        new("ExpectedEndAfterSingleJson", "' is invalid after a single JSON value. Expected end of data.", "expected the end of the input after the JSON value, found {0}", "expected the end of the input after the JSON value"),
        new("ExpectedEndOfDigitNotFound", "' is an invalid end of a number. Expected a delimiter.", "expected a delimiter after a number, found {0}", "expected a delimiter after a number"),
        new("ExpectedNextDigitEValueNotFound", "' is an invalid end of a number. Expected 'E' or 'e'.", "expected a digit or an exponent in a number, found {0}", "expected a digit or an exponent in a number"),
        new("ExpectedFalse", "' is an invalid JSON literal. Expected the literal 'false'.", null, "expected the literal false"),
        new("ExpectedTrue", "' is an invalid JSON literal. Expected the literal 'true'.", null, "expected the literal true"),
        new("ExpectedNull", "' is an invalid JSON literal. Expected the literal 'null'.", null, "expected the literal null"),
        new("InvalidCharacterWithinString", "' is invalid within a JSON string. The string should be correctly escaped.", "found {0} inside a string; a control character there must be escaped (such as \\n or \\u0000)", "a string holds a control character, which must be escaped (such as \\n or \\u0000)"),
        new("InvalidCharacterAfterEscapeWithinString", "' is an invalid escapable character within a JSON string. The string should be correctly escaped.", "expected an escape (\\\", \\\\, \\/, \\b, \\f, \\n, \\r, \\t or \\u and four hexadecimal digits) after a backslash in a string, found {0}", "expected an escape (\\\", \\\\, \\/, \\b, \\f, \\n, \\r, \\t or \\u and four hexadecimal digits) after a backslash in a string"),
        new("InvalidHexCharacterWithinString", "' is not a hex digit following '\\u' within a JSON string. The string should be correctly escaped.", "expected four hexadecimal digits after \\u in a string, found {0}", "expected four hexadecimal digits after \\u in a string"),
        new("InvalidEndOfJsonNonPrimitive", "' is an invalid token type for the end of the JSON payload. Expected either 'EndArray' or 'EndObject'.", null, "the input ended inside an object or an array"),
        new("MismatchedObjectArray", "' is invalid without a matching open.", "found {0} without a matching '{' or '['", "found a closing bracket without a matching opening one"),
        new("RequiredDigitNotFoundAfterDecimal", "' is invalid within a number, immediately after a decimal point ('.'). Expected a digit ('0'-'9').", "expected a digit after the decimal point of a number, found {0}", "expected a digit after the decimal point of a number"),
        new("RequiredDigitNotFoundAfterSign", "' is invalid within a number, immediately after a sign character ('+' or '-'). Expected a digit ('0'-'9').", "expected a digit after the sign of a number, found {0}", "expected a digit after the sign of a number"),
        new("ExpectedStartOfPropertyOrValueAfterComment", "' is an invalid start of a property name or value, after a comment.", "expected a property name or a value, found {0}", "expected a property name or a value"),
        new("InvalidCharacterAtStartOfComment", "' is invalid after '/' at the beginning of the comment. Expected either '/' or '*'.", "comments are not allowed in JSON (found {0} after '/')", "comments are not allowed in JSON"),
        new("InvalidCharacterAfterPropertyName", "' is invalid following a property name.", "expected ':' after a property name, found {0}", "expected ':' after a property name"),
    ];

    /// <summary>The messages without an argument: key, the whole text, the wording.</summary>
    private static readonly Template[] Fixed =
    [
        new("EndOfCommentNotFound", "Expected end of comment, but instead reached end of data.", null, "the input ended inside a comment"),
        new("EndOfStringNotFound", "Expected end of string, but instead reached end of data.", null, "the input ended inside a string (its closing '\"' is missing)"),
        new("ExpectedJsonTokens", "The input does not contain any JSON tokens. Expected the input to start with a valid JSON token, when isFinalBlock is true.", null, "the input holds no JSON value"),
        new("ExpectedOneCompleteToken", "The input does not contain any complete JSON tokens. Expected the input to have at least one valid, complete, JSON token.", null, "the input ended before a complete JSON value"),
        new("ExpectedStartOfPropertyOrValueNotFound", "Expected start of a property name or value, but instead reached end of data.", null, "expected a property name or a value, but the input ended"),
        new("ExpectedValueAfterPropertyNameNotFound", "Expected a value, but instead reached end of data.", null, "expected a value after a property name, but the input ended"),
        new("RequiredDigitNotFoundEndOfData", "Expected a digit ('0'-'9'), but instead reached end of data.", null, "expected a digit, but the input ended"),
        new("UnexpectedEndOfDataWhileReadingComment", "Unexpected end of data while reading a comment.", null, "the input ended inside a comment"),
        new("UnexpectedEndOfLineSeparator", "Found invalid line or paragraph separator character while reading a comment.", null, "comments are not allowed in JSON"),
        new("ZeroDepthAtEnd", "Expected depth to be zero at the end of the JSON payload. There is an open JSON object or array that should be closed.", null, "the input ended inside an object or an array (a closing '}' or ']' is missing)"),
        new("TrailingCommaNotAllowedBeforeArrayEnd", "The JSON array contains a trailing comma at the end which is not supported in this mode. Change the reader options.", null, "a comma before ']' (a trailing comma) is not allowed"),
        new("TrailingCommaNotAllowedBeforeObjectEnd", "The JSON object contains a trailing comma at the end which is not supported in this mode. Change the reader options.", null, "a comma before '}' (a trailing comma) is not allowed"),
        new("InvalidLeadingZeroInNumber", "Invalid leading zero before '", null, "a number starts with 0 followed by another digit"),
    ];

    /// <summary>Returns what is wrong, in the SDK's words, without the input (and without the position: the caller adds it).</summary>
    /// <param name="exception">System.Text.Json's exception.</param>
    /// <returns>The wording, such as <c>expected ':' after a property name, found 'x'</c>.</returns>
    public static string Describe(JsonException exception)
    {
        var message = StripPosition(exception.Message);
        if (message.StartsWith('\''))
        {
            foreach (var template in Quoting)
            {
                if (message.EndsWith(template.Text, StringComparison.Ordinal) && message.Length > template.Text.Length)
                {
                    return template.Word(message[1..^template.Text.Length]);
                }
            }
        }

        foreach (var template in Fixed)
        {
            if (message.StartsWith(template.Text, StringComparison.Ordinal))
            {
                return template.Without;
            }
        }

        if (Depth(message) is { } depth)
        {
            return string.Create(CultureInfo.InvariantCulture, $"objects and arrays are nested deeper than the maximum depth of {depth}");
        }

        // Trimmed apps (UseSystemResourceKeys) get "Key, argument" in place of the text.
        foreach (var template in Quoting)
        {
            if (IsKey(message, template.Key))
            {
                return template.Word(message.Length > template.Key.Length + 2 ? message[(template.Key.Length + 2)..] : null);
            }
        }

        foreach (var template in Fixed)
        {
            if (IsKey(message, template.Key))
            {
                return template.Without;
            }
        }

        return General;
    }

    /// <summary>Removes what System.Text.Json appends (<c> Path: …</c>, <c> LineNumber: n | BytePositionInLine: b.</c>); the error carries the position itself.</summary>
    /// <param name="message">The message.</param>
    /// <returns>The message without the position.</returns>
    internal static string StripPosition(string message)
    {
        var index = message.IndexOf(" Path:", StringComparison.Ordinal);
        if (index < 0)
        {
            index = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        }

        return (index < 0 ? message : message[..index]).TrimEnd();
    }

    /// <summary>Shows what System.Text.Json found, when it is one printable character (<c>'x'</c>) or a byte it wrote as <c>0xNN</c>; otherwise nothing (it may be a whole rest of the record).</summary>
    private static string? Found(string? argument) => argument switch
    {
        { Length: 1 } when argument[0] is >= ' ' and <= '~' => "'" + argument + "'",
        { Length: 4 } when argument.StartsWith("0x", StringComparison.Ordinal) && Uri.IsHexDigit(argument[2]) && Uri.IsHexDigit(argument[3]) => "byte " + argument,
        _ => null,
    };

    /// <summary>Reads the depth out of "The maximum configured depth of 16 has been exceeded. …" (or its key, "ArrayDepthTooLarge, 16").</summary>
    private static int? Depth(string message)
    {
        const string Text = "The maximum configured depth of ";
        ReadOnlySpan<char> rest;
        if (message.StartsWith(Text, StringComparison.Ordinal))
        {
            rest = message.AsSpan(Text.Length);
        }
        else if (IsKey(message, "ArrayDepthTooLarge") || IsKey(message, "ObjectDepthTooLarge"))
        {
            rest = message.AsSpan(message.IndexOf(',', StringComparison.Ordinal) + 1).TrimStart();
        }
        else
        {
            return null;
        }

        var digits = 0;
        while (digits < rest.Length && digits < 9 && char.IsAsciiDigit(rest[digits]))
        {
            digits++;
        }

        return digits > 0 ? int.Parse(rest[..digits], NumberStyles.None, CultureInfo.InvariantCulture) : null;
    }

    private static bool IsKey(string message, string key) =>
        message.StartsWith(key, StringComparison.Ordinal) && (message.Length == key.Length || message[key.Length] == ',');

    /// <summary>A message of System.Text.Json: its resource key, its fixed text, and the SDK's wording with (<c>{0}</c>) and without what was found.</summary>
    private sealed record Template(string Key, string Text, string? With, string Without)
    {
        public string Word(string? argument) =>
            With is not null && Found(argument) is { } found ? With.Replace("{0}", found, StringComparison.Ordinal) : Without;
    }
}
