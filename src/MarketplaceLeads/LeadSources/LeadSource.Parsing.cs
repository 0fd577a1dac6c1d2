using System;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;
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
        if (!TryParse(s, out var result))
        {
            var error = LeadSourceTokenizer.Tokenize(s, out _, out var position);
            ThrowHelper.ThrowFormatException(TypeName, error, position, s);
        }

        return result;
    }

    /// <summary>Parses a <c>Source-Action | Offer</c> UTF-8 text.</summary>
    /// <param name="utf8Text">The UTF-8 text.</param>
    /// <returns>The lead source.</returns>
    /// <exception cref="FormatException"><paramref name="utf8Text"/> is not a valid lead source or not valid UTF-8; the message quotes it, names the byte offset and says what was expected there.</exception>
    public static LeadSource Parse(ReadOnlySpan<byte> utf8Text)
    {
        if (!TryParse(utf8Text, out var result))
        {
            var error = LeadSourceTokenizer.Tokenize(utf8Text, out _, out var position);
            ThrowHelper.ThrowFormatException(TypeName, error, position, utf8Text);
        }

        return result;
    }

    /// <summary>Tries to parse a <c>Source-Action | Offer</c> text. Never throws.</summary>
    /// <param name="s">The text; may be <see langword="null"/>.</param>
    /// <param name="result">The lead source, or the default value when parsing fails.</param>
    /// <returns><see langword="true"/> when <paramref name="s"/> is a valid lead source.</returns>
    public static bool TryParse([NotNullWhen(true)] string? s, out LeadSource result) => TryParse(s.AsSpan(), out result);

    /// <summary>Tries to parse a <c>Source-Action | Offer</c> text. Never throws; allocates nothing for a text parsed before.</summary>
    /// <param name="s">The text.</param>
    /// <param name="result">The lead source, or the default value when parsing fails.</param>
    /// <returns><see langword="true"/> when <paramref name="s"/> is a valid lead source.</returns>
    public static bool TryParse(ReadOnlySpan<char> s, out LeadSource result) => TryParse(s, LeadSourceCache.Utf16, out result);

    /// <summary>Tries to parse a <c>Source-Action | Offer</c> UTF-8 text. Never throws; allocates nothing for a text parsed before.</summary>
    /// <param name="utf8Text">The UTF-8 text.</param>
    /// <param name="result">The lead source, or the default value when parsing fails.</param>
    /// <returns><see langword="true"/> when <paramref name="utf8Text"/> is valid UTF-8 and a valid lead source.</returns>
    public static bool TryParse(ReadOnlySpan<byte> utf8Text, out LeadSource result) => TryParse(utf8Text, LeadSourceCache.Utf8, out result);

    /// <summary>The one parse path of both encodings: the cache for a text parsed before, else the tokenizer.</summary>
    private static bool TryParse<T>(ReadOnlySpan<T> text, LeadSourceCache cache, out LeadSource result)
        where T : unmanaged, IEquatable<T>, IComparable<T>
    {
        var key = MemoryMarshal.AsBytes(text);
        if (cache.TryGet(key, out result, out var hash))
        {
            return true;
        }

        if (!TryCreate(text, out result))
        {
            return false;
        }

        cache.Add(key, result, hash);
        return true;
    }

    /// <summary>Tokenizes a text and creates the value; the strings it keeps are its only allocations.</summary>
    private static bool TryCreate<T>(ReadOnlySpan<T> text, out LeadSource result)
        where T : unmanaged, IEquatable<T>, IComparable<T>
    {
        if (LeadSourceTokenizer.Tokenize(text, out var tokens, out _) != ParseError.None)
        {
            result = default;
            return false;
        }

        var sourceText = tokens.Source == MarketplaceSource.Unknown
            ? MarketplaceOffer.NewString(text.Slice(tokens.SourceStart, tokens.SourceLength))
            : null;
        var action = text.Slice(tokens.ActionStart, tokens.ActionLength);
        var actionText = tokens.Action != LeadAction.Unknown ? null
            : sourceText is not null && action.SequenceEqual(text.Slice(tokens.SourceStart, tokens.SourceLength)) ? sourceText // a test lead's MSFT_TEST_<ticks>-MSFT_TEST_<ticks>
            : MarketplaceOffer.NewString(action);
        result = new LeadSource(tokens.Source, sourceText, tokens.Action, actionText, MarketplaceOffer.Create(text, tokens.Offer));
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
