using System;
using System.Diagnostics.CodeAnalysis;
using MarketplaceLeads.Internal;
using MarketplaceLeads.LeadSources;

namespace MarketplaceLeads;

/// <content>Parsing: <see cref="ISpanParsable{TSelf}"/> and <see cref="IUtf8SpanParsable{TSelf}"/>.</content>
public readonly partial struct LeadSource
{
    /// <summary>Parses a <c>Source-Action | Offer</c> text.</summary>
    /// <param name="s">The text, for example <c>AppSource-PLT | contoso.contoso-crm-connector</c>.</param>
    /// <returns>The lead source.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="s"/> is <see langword="null"/>.</exception>
    /// <exception cref="FormatException"><paramref name="s"/> is not a valid lead source; the message quotes it, names the position and says what was expected there.</exception>
    public static LeadSource Parse(string s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return Parse(s.AsSpan());
    }

    /// <summary>Parses a <c>Source-Action | Offer</c> text.</summary>
    /// <param name="s">The text, for example <c>AppSource-PLT | contoso.contoso-crm-connector</c>.</param>
    /// <returns>The lead source.</returns>
    /// <exception cref="FormatException"><paramref name="s"/> is not a valid lead source; the message quotes it, names the position and says what was expected there.</exception>
    public static LeadSource Parse(ReadOnlySpan<char> s)
    {
        var error = LeadSourceTokenizer.Tokenize(s, out var tokens, out var position);
        if (error != ParseError.None)
        {
            ThrowHelper.ThrowFormatException(TypeName, error, position, s);
        }

        return Create(s, tokens, StringCache.Shared);
    }

    /// <summary>Parses a <c>Source-Action | Offer</c> UTF-8 text.</summary>
    /// <param name="utf8Text">The UTF-8 text.</param>
    /// <returns>The lead source.</returns>
    /// <exception cref="FormatException"><paramref name="utf8Text"/> is not a valid lead source or not valid UTF-8; the message quotes it, names the byte offset and says what was expected there.</exception>
    public static LeadSource Parse(ReadOnlySpan<byte> utf8Text)
    {
        var error = LeadSourceTokenizer.Tokenize(utf8Text, out var tokens, out var position);
        if (error != ParseError.None)
        {
            ThrowHelper.ThrowFormatException(TypeName, error, position, utf8Text);
        }

        return Create(utf8Text, tokens, StringCache.Shared);
    }

    /// <summary>Tries to parse a <c>Source-Action | Offer</c> text. Never throws.</summary>
    /// <param name="s">The text; may be <see langword="null"/>.</param>
    /// <param name="result">The lead source, or the default value when parsing fails.</param>
    /// <returns><see langword="true"/> when <paramref name="s"/> is a valid lead source.</returns>
    public static bool TryParse([NotNullWhen(true)] string? s, out LeadSource result) => TryParse(s.AsSpan(), out result);

    /// <summary>Tries to parse a <c>Source-Action | Offer</c> text. Never throws; allocates nothing in steady state.</summary>
    /// <param name="s">The text.</param>
    /// <param name="result">The lead source, or the default value when parsing fails.</param>
    /// <returns><see langword="true"/> when <paramref name="s"/> is a valid lead source.</returns>
    public static bool TryParse(ReadOnlySpan<char> s, out LeadSource result)
    {
        // A text parsed before is found by its UTF-16 bytes; other ASCII text (every real
        // LeadSource) is narrowed once and parsed as bytes.
        if (s.Length <= AsciiLeadSourceTokenizer.MaxLength)
        {
            var key = System.Runtime.InteropServices.MemoryMarshal.AsBytes(s);
            var cache = LeadSourceCache.SharedUtf16;
            if (cache.TryGet(key, out result, out var slot))
            {
                return true;
            }

            Span<byte> ascii = stackalloc byte[AsciiLeadSourceTokenizer.MaxLength];
            if (System.Text.Ascii.FromUtf16(s, ascii, out var written) == System.Buffers.OperationStatus.Done)
            {
                if (!TryParseAscii(ascii[..written], out result))
                {
                    return false;
                }

                cache.Add(key, result, slot);
                return true;
            }
        }

        if (LeadSourceTokenizer.TokenizeGeneric(s, out var tokens, out _) != ParseError.None)
        {
            result = default;
            return false;
        }

        result = Create(s, tokens, StringCache.Shared);
        return true;
    }

    /// <summary>Tries to parse a <c>Source-Action | Offer</c> UTF-8 text. Never throws; allocates nothing in steady state.</summary>
    /// <param name="utf8Text">The UTF-8 text.</param>
    /// <param name="result">The lead source, or the default value when parsing fails.</param>
    /// <returns><see langword="true"/> when <paramref name="utf8Text"/> is valid UTF-8 and a valid lead source.</returns>
    public static bool TryParse(ReadOnlySpan<byte> utf8Text, out LeadSource result)
    {
        if (utf8Text.Length <= AsciiLeadSourceTokenizer.MaxLength && System.Text.Ascii.IsValid(utf8Text))
        {
            return TryParseAscii(utf8Text, out result);
        }

        if (LeadSourceTokenizer.TokenizeGeneric(utf8Text, out var tokens, out _) != ParseError.None)
        {
            result = default;
            return false;
        }

        result = Create(utf8Text, tokens, StringCache.Shared);
        return true;
    }

    /// <summary>Parses ASCII text of at most <see cref="AsciiLeadSourceTokenizer.MaxLength"/> bytes: from the parse cache when this exact text was parsed before, else with the fast tokenizer.</summary>
    private static bool TryParseAscii(ReadOnlySpan<byte> ascii, out LeadSource result)
    {
        var cache = LeadSourceCache.Shared;
        if (cache.TryGet(ascii, out result, out var slot))
        {
            return true;
        }

        if (!AsciiLeadSourceTokenizer.TryTokenize(ascii, out var error, out var tokens, out _))
        {
            error = LeadSourceTokenizer.TokenizeGeneric(ascii, out tokens, out _); // control characters
        }

        if (error != ParseError.None)
        {
            result = default;
            return false;
        }

        result = Create(ascii, tokens, StringCache.Shared);
        cache.Add(ascii, result, slot);
        return true;
    }

    /// <inheritdoc/>
    static LeadSource IParsable<LeadSource>.Parse(string s, IFormatProvider? provider) => Parse(s);

    /// <inheritdoc/>
    static bool IParsable<LeadSource>.TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out LeadSource result) => TryParse(s, out result);

    /// <inheritdoc/>
    static LeadSource ISpanParsable<LeadSource>.Parse(ReadOnlySpan<char> s, IFormatProvider? provider) => Parse(s);

    /// <inheritdoc/>
    static bool ISpanParsable<LeadSource>.TryParse(ReadOnlySpan<char> s, IFormatProvider? provider, out LeadSource result) => TryParse(s, out result);

    /// <inheritdoc/>
    static LeadSource IUtf8SpanParsable<LeadSource>.Parse(ReadOnlySpan<byte> utf8Text, IFormatProvider? provider) => Parse(utf8Text);

    /// <inheritdoc/>
    static bool IUtf8SpanParsable<LeadSource>.TryParse(ReadOnlySpan<byte> utf8Text, IFormatProvider? provider, out LeadSource result) => TryParse(utf8Text, out result);
}
