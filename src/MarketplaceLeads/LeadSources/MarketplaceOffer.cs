using System;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using MarketplaceLeads.Internal;
using MarketplaceLeads.LeadSources;

namespace MarketplaceLeads;

/// <summary>
/// The offer a lead is for: the <c>Offer</c> part of a <see cref="LeadSource"/>, normally
/// <c>publisherid.offerid</c> (for example <c>docusign.3701c77e-1cfa-4c56-91e6-3ed0b622145</c>).
/// </summary>
/// <remarks>
/// <para>
/// Real data is not always an id: the test lead the marketplace sends to a Salesforce destination
/// carries an offer <em>display name</em> such as <c>&lt;Offer Name&gt;</c>. Such a text parses
/// with <see cref="IsPublisherOfferId"/> <see langword="false"/>, an empty <see cref="PublisherId"/>
/// and the whole text in <see cref="OfferId"/>, so nothing is lost and formatting round-trips.
/// </para>
/// <para>
/// A text is a <c>publisherid.offerid</c> when its first <c>.</c> separates a publisher id made of
/// ASCII letters, digits, <c>-</c> and <c>_</c> from an offer id made of the same characters and
/// <c>.</c>. Comparison ignores ASCII letter case. The default value is empty
/// (<see cref="IsEmpty"/>) and formats as an empty string.
/// </para>
/// <para>
/// Parsing allocates the id strings; <see cref="LeadSource"/>'s parsers reuse them for a text they
/// have parsed before.
/// </para>
/// </remarks>
public readonly struct MarketplaceOffer :
    ISpanParsable<MarketplaceOffer>,
    IUtf8SpanParsable<MarketplaceOffer>,
    ISpanFormattable,
    IUtf8SpanFormattable,
    IEquatable<MarketplaceOffer>
{
    private const string TypeName = nameof(MarketplaceOffer);

    private readonly string? _publisherId;
    private readonly string? _offerId;

    /// <summary>Initializes a <c>publisherid.offerid</c> offer.</summary>
    /// <param name="publisherId">The publisher id: ASCII letters, digits, <c>-</c> and <c>_</c>.</param>
    /// <param name="offerId">The offer id: ASCII letters, digits, <c>-</c>, <c>_</c> and <c>.</c>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="publisherId"/> or <paramref name="offerId"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="publisherId"/> or <paramref name="offerId"/> is empty or has a character outside its set.</exception>
    public MarketplaceOffer(string publisherId, string offerId)
    {
        ArgumentNullException.ThrowIfNull(publisherId);
        ArgumentNullException.ThrowIfNull(offerId);
        if (!LeadSourceTokenizer.IsValidId(publisherId, offer: false))
        {
            ThrowHelper.ThrowArgumentException(nameof(publisherId), $"'{ThrowHelper.Quote(publisherId)}' is not a valid publisher id: expected one or more ASCII letters, digits, '-' or '_'.");
        }

        if (!LeadSourceTokenizer.IsValidId(offerId, offer: true))
        {
            ThrowHelper.ThrowArgumentException(nameof(offerId), $"'{ThrowHelper.Quote(offerId)}' is not a valid offer id: expected one or more ASCII letters, digits, '-', '_' or '.'.");
        }

        _publisherId = publisherId;
        _offerId = offerId;
    }

    /// <summary>Initializes an offer from parts the tokenizer already validated (the marker keeps this overload apart from the public one).</summary>
    private MarketplaceOffer(string? publisherId, string offerId, Validated validated)
    {
        _ = validated;
        _publisherId = publisherId;
        _offerId = offerId;
    }

    /// <summary>Gets the publisher id, the part before the first <c>.</c>.</summary>
    /// <value>The publisher id; empty when <see cref="IsPublisherOfferId"/> is <see langword="false"/>.</value>
    public string PublisherId => _publisherId ?? string.Empty;

    /// <summary>Gets the offer id, the part after the first <c>.</c>; for an offer that is not a <c>publisherid.offerid</c>, the whole offer text.</summary>
    /// <value>The offer id or offer text; empty for the default value.</value>
    public string OfferId => _offerId ?? string.Empty;

    /// <summary>Gets a value indicating whether the offer is a <c>publisherid.offerid</c> (rather than a display name, as in marketplace test leads).</summary>
    public bool IsPublisherOfferId => _publisherId is not null;

    /// <summary>Gets a value indicating whether this is the default, empty value.</summary>
    public bool IsEmpty => _offerId is null;

    /// <summary>Compares two offers for equality, ignoring ASCII letter case.</summary>
    /// <param name="left">The first offer.</param>
    /// <param name="right">The second offer.</param>
    /// <returns><see langword="true"/> when they are equal.</returns>
    public static bool operator ==(MarketplaceOffer left, MarketplaceOffer right) => left.Equals(right);

    /// <summary>Compares two offers for inequality, ignoring ASCII letter case.</summary>
    /// <param name="left">The first offer.</param>
    /// <param name="right">The second offer.</param>
    /// <returns><see langword="true"/> when they differ.</returns>
    public static bool operator !=(MarketplaceOffer left, MarketplaceOffer right) => !left.Equals(right);

    /// <summary>Parses an offer text.</summary>
    /// <param name="s">The text, for example <c>contoso.contoso-analytics</c>.</param>
    /// <returns>The offer.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="s"/> is <see langword="null"/>.</exception>
    /// <exception cref="FormatException"><paramref name="s"/> is empty, or has a control character or a lone surrogate; the message names the position.</exception>
    public static MarketplaceOffer Parse(string s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return Parse(s.AsSpan());
    }

    /// <summary>Parses an offer text.</summary>
    /// <param name="s">The text, for example <c>contoso.contoso-analytics</c>.</param>
    /// <returns>The offer.</returns>
    /// <exception cref="FormatException"><paramref name="s"/> is empty, or has a control character or a lone surrogate; the message names the position.</exception>
    public static MarketplaceOffer Parse(ReadOnlySpan<char> s)
    {
        var error = LeadSourceTokenizer.TokenizeOffer(s, out var tokens, out var position);
        if (error != ParseError.None)
        {
            ThrowHelper.ThrowFormatException(TypeName, error, position, s);
        }

        return Create(s, tokens);
    }

    /// <summary>Parses an offer from UTF-8 text.</summary>
    /// <param name="utf8Text">The UTF-8 text, for example <c>contoso.contoso-analytics</c>.</param>
    /// <returns>The offer.</returns>
    /// <exception cref="FormatException"><paramref name="utf8Text"/> is empty, is not valid UTF-8, or has a control character; the message names the byte offset.</exception>
    public static MarketplaceOffer Parse(ReadOnlySpan<byte> utf8Text)
    {
        var error = LeadSourceTokenizer.TokenizeOffer(utf8Text, out var tokens, out var position);
        if (error != ParseError.None)
        {
            ThrowHelper.ThrowFormatException(TypeName, error, position, utf8Text);
        }

        return Create(utf8Text, tokens);
    }

    /// <summary>Tries to parse an offer text. Never throws.</summary>
    /// <param name="s">The text; may be <see langword="null"/>.</param>
    /// <param name="result">The offer, or the default value when parsing fails.</param>
    /// <returns><see langword="true"/> when <paramref name="s"/> is a valid offer text.</returns>
    public static bool TryParse([NotNullWhen(true)] string? s, out MarketplaceOffer result) => TryParse(s.AsSpan(), out result);

    /// <summary>Tries to parse an offer text. Never throws; allocates nothing in steady state.</summary>
    /// <param name="s">The text.</param>
    /// <param name="result">The offer, or the default value when parsing fails.</param>
    /// <returns><see langword="true"/> when <paramref name="s"/> is a valid offer text.</returns>
    public static bool TryParse(ReadOnlySpan<char> s, out MarketplaceOffer result)
    {
        if (LeadSourceTokenizer.TokenizeOffer(s, out var tokens, out _) != ParseError.None)
        {
            result = default;
            return false;
        }

        result = Create(s, tokens);
        return true;
    }

    /// <summary>Tries to parse an offer from UTF-8 text. Never throws; allocates nothing in steady state.</summary>
    /// <param name="utf8Text">The UTF-8 text.</param>
    /// <param name="result">The offer, or the default value when parsing fails.</param>
    /// <returns><see langword="true"/> when <paramref name="utf8Text"/> is a valid offer text.</returns>
    public static bool TryParse(ReadOnlySpan<byte> utf8Text, out MarketplaceOffer result)
    {
        if (LeadSourceTokenizer.TokenizeOffer(utf8Text, out var tokens, out _) != ParseError.None)
        {
            result = default;
            return false;
        }

        result = Create(utf8Text, tokens);
        return true;
    }

    /// <inheritdoc/>
    static MarketplaceOffer IParsable<MarketplaceOffer>.Parse(string s, IFormatProvider? provider) => Parse(s);

    /// <inheritdoc/>
    static bool IParsable<MarketplaceOffer>.TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out MarketplaceOffer result) => TryParse(s, out result);

    /// <inheritdoc/>
    static MarketplaceOffer ISpanParsable<MarketplaceOffer>.Parse(ReadOnlySpan<char> s, IFormatProvider? provider) => Parse(s);

    /// <inheritdoc/>
    static bool ISpanParsable<MarketplaceOffer>.TryParse(ReadOnlySpan<char> s, IFormatProvider? provider, out MarketplaceOffer result) => TryParse(s, out result);

    /// <inheritdoc/>
    static MarketplaceOffer IUtf8SpanParsable<MarketplaceOffer>.Parse(ReadOnlySpan<byte> utf8Text, IFormatProvider? provider) => Parse(utf8Text);

    /// <inheritdoc/>
    static bool IUtf8SpanParsable<MarketplaceOffer>.TryParse(ReadOnlySpan<byte> utf8Text, IFormatProvider? provider, out MarketplaceOffer result) => TryParse(utf8Text, out result);

    /// <summary>Determines whether this offer equals another, ignoring ASCII letter case.</summary>
    /// <param name="other">The other offer.</param>
    /// <returns><see langword="true"/> when both have the same kind, publisher id and offer id.</returns>
    public bool Equals(MarketplaceOffer other) =>
        IsPublisherOfferId == other.IsPublisherOfferId
        && string.Equals(_publisherId, other._publisherId, StringComparison.OrdinalIgnoreCase)
        && string.Equals(_offerId, other._offerId, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc/>
    public override bool Equals([NotNullWhen(true)] object? obj) => obj is MarketplaceOffer other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(
        _publisherId is null ? 0 : string.GetHashCode(_publisherId, StringComparison.OrdinalIgnoreCase),
        _offerId is null ? 0 : string.GetHashCode(_offerId, StringComparison.OrdinalIgnoreCase));

    /// <summary>Formats the offer as <c>publisherid.offerid</c>, or as its display name.</summary>
    /// <returns>The offer text; empty for the default value.</returns>
    public override string ToString() =>
        _publisherId is null ? OfferId : string.Concat(_publisherId, ".", _offerId);

    /// <summary>Tries to format the offer (<c>publisherid.offerid</c> or its display name) into a span of characters.</summary>
    /// <param name="destination">The destination.</param>
    /// <param name="charsWritten">The number of characters written.</param>
    /// <returns><see langword="false"/> when <paramref name="destination"/> is too small.</returns>
    /// <remarks>Allocates nothing.</remarks>
    public bool TryFormat(Span<char> destination, out int charsWritten) => TryFormatCore(destination, out charsWritten);

    /// <summary>Tries to format the offer (<c>publisherid.offerid</c> or its display name) as UTF-8 into a span of bytes.</summary>
    /// <param name="utf8Destination">The destination.</param>
    /// <param name="bytesWritten">The number of bytes written.</param>
    /// <returns><see langword="false"/> when <paramref name="utf8Destination"/> is too small.</returns>
    /// <remarks>Allocates nothing.</remarks>
    public bool TryFormat(Span<byte> utf8Destination, out int bytesWritten) => TryFormatCore(utf8Destination, out bytesWritten);

    /// <inheritdoc/>
    string IFormattable.ToString(string? format, IFormatProvider? formatProvider)
    {
        ValidateFormat(format);
        return ToString();
    }

    /// <inheritdoc/>
    bool ISpanFormattable.TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format, IFormatProvider? provider)
    {
        ValidateFormat(format);
        return TryFormatCore(destination, out charsWritten);
    }

    /// <inheritdoc/>
    bool IUtf8SpanFormattable.TryFormat(Span<byte> utf8Destination, out int bytesWritten, ReadOnlySpan<char> format, IFormatProvider? provider)
    {
        ValidateFormat(format);
        return TryFormatCore(utf8Destination, out bytesWritten);
    }

    /// <summary>Creates an offer from a text the tokenizer has split; the id strings are its only allocations.</summary>
    internal static MarketplaceOffer Create<T>(ReadOnlySpan<T> text, in OfferTokens tokens)
        where T : unmanaged
    {
        var offer = text.Slice(tokens.Start, tokens.Length);
        if (tokens.Dot < 0)
        {
            return new MarketplaceOffer(null, NewString(offer), default(Validated));
        }

        return new MarketplaceOffer(NewString(offer[..tokens.Dot]), NewString(offer[(tokens.Dot + 1)..]), default(Validated));
    }

    /// <summary>Creates a string from UTF-16 or (valid) UTF-8 text; ASCII (every id) is widened without the UTF-8 decoder, which costs twice as much.</summary>
    internal static string NewString<T>(ReadOnlySpan<T> text)
        where T : unmanaged
    {
        if (typeof(T) == typeof(char))
        {
            return new string(SpanHelpers.AsChars(text));
        }

        var utf8 = SpanHelpers.AsBytes(text);
        return Ascii.IsValid(utf8) ? Encoding.Latin1.GetString(utf8) : Encoding.UTF8.GetString(utf8);
    }

    internal int FormattedLength => (_publisherId is null ? 0 : _publisherId.Length + 1) + OfferId.Length;

    internal bool TryWrite<T>(Span<T> destination, ref int position)
        where T : unmanaged =>
        (_publisherId is null || (SpanWriter.TryWrite(_publisherId, destination, ref position) && SpanWriter.TryWrite(".", destination, ref position)))
        && SpanWriter.TryWrite(OfferId, destination, ref position);

    private bool TryFormatCore<T>(Span<T> destination, out int written)
        where T : unmanaged
    {
        var position = 0;
        var ok = TryWrite(destination, ref position);
        written = ok ? position : 0;
        return ok;
    }

    private static void ValidateFormat(ReadOnlySpan<char> format)
    {
        if (!format.IsEmpty && !format.SequenceEqual("G"))
        {
            ThrowHelper.ThrowFormatExceptionUnknownFormat(format, TypeName, "'G' or an empty format");
        }
    }

    /// <summary>Marks the constructor that skips validation.</summary>
    private readonly struct Validated;
}
