using System;
using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using MarketplaceLeads.Internal;
using MarketplaceLeads.Normalization;

namespace MarketplaceLeads.LeadSources;

/// <summary>Why a text is not a valid <see cref="LeadSource"/> or <see cref="MarketplaceOffer"/>.</summary>
internal enum ParseError : byte
{
    None = 0,
    Empty,
    InvalidEncoding,
    ControlCharacter,
    MissingBar,
    MissingDash,
    EmptySource,
    EmptyAction,
    EmptyOffer,
}

/// <summary>Where the parts of a <c>Source-Action | Offer</c> text are: offsets into the parsed span.</summary>
internal struct LeadSourceTokens
{
    public int SourceStart;
    public int SourceLength;
    public int ActionStart;
    public int ActionLength;
    public OfferTokens Offer;
    public MarketplaceSource Source;
    public LeadAction Action;
}

/// <summary>Where an offer text is: offsets into the parsed span, and the <c>.</c> of a <c>publisher.offer</c> id.</summary>
internal struct OfferTokens
{
    public int Start;
    public int Length;

    /// <summary>The index (relative to <see cref="Start"/>) of the <c>.</c> between publisher id and offer id, or -1 when the offer text is not a <c>publisherid.offerid</c>.</summary>
    public int Dot;
}

/// <summary>
/// The allocation-free scanner behind every LeadSource and offer parser. It is generic over the
/// code unit (<see cref="char"/> for UTF-16, <see cref="byte"/> for UTF-8) so both encodings share
/// one grammar; the JIT compiles a specialised copy for each.
/// </summary>
/// <remarks>
/// Grammar (lenient where real data varies, strict where it matters):
/// surrounding white space (space, tab, CR, LF) is ignored; the first <c>|</c> ends the head
/// <c>Source-Action</c>; the first <c>-</c> of the head ends the source; spaces around both
/// separators are ignored; source, action and offer must be non-empty; no control character
/// (C0, DEL, C1) and no invalid encoding anywhere.
/// </remarks>
internal static class LeadSourceTokenizer
{
    /// <summary>Tokenizes a <c>Source-Action | Offer</c> text of any length; a control character or bad encoding is reported with its position.</summary>
    public static ParseError Tokenize<T>(ReadOnlySpan<T> text, out LeadSourceTokens tokens, out int position)
        where T : unmanaged, IEquatable<T>, IComparable<T>
    {
        tokens = default;
        var error = TrimAndValidate(text, out var start, out var end, out position);
        if (error != ParseError.None)
        {
            return error;
        }

        var body = text[start..end];
        var bar = body.IndexOf(SpanHelpers.Char<T>('|'));
        if (bar < 0)
        {
            position = end;
            return ParseError.MissingBar;
        }

        var headEnd = TrimSpacesEnd(body, 0, bar);
        var dash = body[..headEnd].IndexOf(SpanHelpers.Char<T>('-'));
        if (dash < 0)
        {
            position = start + (headEnd == 0 ? 0 : bar);
            return headEnd == 0 ? ParseError.EmptySource : ParseError.MissingDash;
        }

        var sourceEnd = TrimSpacesEnd(body, 0, dash);
        if (sourceEnd == 0)
        {
            position = start;
            return ParseError.EmptySource;
        }

        var actionStart = TrimSpacesStart(body, dash + 1, headEnd);
        if (actionStart == headEnd)
        {
            position = start + dash + 1;
            return ParseError.EmptyAction;
        }

        var offerStart = TrimSpacesStart(body, bar + 1, body.Length);
        if (offerStart == body.Length)
        {
            position = start + bar + 1;
            return ParseError.EmptyOffer;
        }

        tokens.SourceStart = start;
        tokens.SourceLength = sourceEnd;
        tokens.ActionStart = start + actionStart;
        tokens.ActionLength = headEnd - actionStart;
        tokens.Offer.Start = start + offerStart;
        tokens.Offer.Length = body.Length - offerStart;
        tokens.Offer.Dot = FindIdDot(body[offerStart..]);
        tokens.Source = KnownNames.ClassifySource(body[..sourceEnd]);
        tokens.Action = KnownNames.ClassifyAction(body[actionStart..headEnd]);
        position = -1;
        return ParseError.None;
    }

    public static ParseError TokenizeOffer<T>(ReadOnlySpan<T> text, out OfferTokens tokens, out int position)
        where T : unmanaged, IEquatable<T>, IComparable<T>
    {
        tokens = default;
        var error = TrimAndValidate(text, out var start, out var end, out position);
        if (error != ParseError.None)
        {
            return error == ParseError.Empty ? ParseError.EmptyOffer : error;
        }

        tokens.Start = start;
        tokens.Length = end - start;
        tokens.Dot = FindIdDot(text[start..end]);
        return ParseError.None;
    }

    /// <summary>Checks that a text is a valid source token (for constructors): non-empty, trimmed, no <c>-</c>, <c>|</c> or control character.</summary>
    public static bool IsValidSourceToken(ReadOnlySpan<char> text) =>
        IsValidToken(text) && text.IndexOfAny('-', '|') < 0;

    /// <summary>Checks that a text is a valid action token (for constructors): non-empty, trimmed, no <c>|</c> or control character.</summary>
    public static bool IsValidActionToken(ReadOnlySpan<char> text) =>
        IsValidToken(text) && !text.Contains('|');

    /// <summary>Checks that a text is a <c>publisherid</c> (<paramref name="offer"/> false) or an <c>offerid</c> (<paramref name="offer"/> true).</summary>
    public static bool IsValidId(ReadOnlySpan<char> text, bool offer) =>
        !text.IsEmpty && IsId(text, offer);

    private static bool IsValidToken(ReadOnlySpan<char> text) =>
        !text.IsEmpty
        && !IsOuterWhiteSpace(text[0])
        && !IsOuterWhiteSpace(text[^1])
        && Validate(text, out _) == ParseError.None;

    private static ParseError TrimAndValidate<T>(ReadOnlySpan<T> text, out int start, out int end, out int position)
        where T : unmanaged, IEquatable<T>, IComparable<T>
    {
        start = 0;
        end = text.Length;
        while (start < end && IsOuterWhiteSpace(text[start]))
        {
            start++;
        }

        while (end > start && IsOuterWhiteSpace(text[end - 1]))
        {
            end--;
        }

        if (start == end)
        {
            position = start;
            return ParseError.Empty;
        }

        var error = Validate(text[start..end], out position);
        position += start;
        return error;
    }

    /// <summary>Finds the first code point that is a control character or badly encoded.</summary>
    private static ParseError Validate<T>(ReadOnlySpan<T> text, out int position)
        where T : unmanaged, IEquatable<T>, IComparable<T>
    {
        // Fast path: printable ASCII only (the common case) is checked by one vectorised scan.
        var i = IndexOfNonPrintableAscii(text);
        while (i >= 0)
        {
            OperationStatus status;
            Rune rune;
            int consumed;
            if (typeof(T) == typeof(char))
            {
                status = Rune.DecodeFromUtf16(SpanHelpers.AsChars(text[i..]), out rune, out consumed);
            }
            else
            {
                status = Rune.DecodeFromUtf8(SpanHelpers.AsBytes(text[i..]), out rune, out consumed);
            }

            if (status != OperationStatus.Done)
            {
                position = i;
                return ParseError.InvalidEncoding;
            }

            if (IsControl(rune.Value))
            {
                position = i;
                return ParseError.ControlCharacter;
            }

            i += consumed;
            var next = IndexOfNonPrintableAscii(text[i..]);
            i = next < 0 ? -1 : i + next;
        }

        position = -1;
        return ParseError.None;
    }

    /// <summary>Finds the first code unit outside printable ASCII (<c>' '</c> to <c>'~'</c>), vectorised.</summary>
    /// <remarks>
    /// UTF-16 text is searched as <see cref="ushort"/>: the <see cref="char"/> instantiation of the
    /// range search is not precompiled in CoreLib and its unoptimised (tier-0) code boxes, which would
    /// make the first calls of a process allocate.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int IndexOfNonPrintableAscii<T>(ReadOnlySpan<T> text)
        where T : unmanaged
    {
        if (typeof(T) == typeof(char))
        {
            return MemoryMarshal.Cast<char, ushort>(SpanHelpers.AsChars(text)).IndexOfAnyExceptInRange((ushort)' ', (ushort)'~');
        }

        return SpanHelpers.AsBytes(text).IndexOfAnyExceptInRange((byte)' ', (byte)'~');
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsControl(int value) => value < 0x20 || (value >= 0x7F && value <= 0x9F);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsOuterWhiteSpace<T>(T c)
        where T : unmanaged, IEquatable<T>
    {
        return c.Equals(SpanHelpers.Char<T>(' ')) || c.Equals(SpanHelpers.Char<T>('\t'))
            || c.Equals(SpanHelpers.Char<T>('\r')) || c.Equals(SpanHelpers.Char<T>('\n'));
    }

    private static int TrimSpacesEnd<T>(ReadOnlySpan<T> text, int start, int end)
        where T : unmanaged, IEquatable<T>
    {
        while (end > start && text[end - 1].Equals(SpanHelpers.Char<T>(' ')))
        {
            end--;
        }

        return end;
    }

    private static int TrimSpacesStart<T>(ReadOnlySpan<T> text, int start, int end)
        where T : unmanaged, IEquatable<T>
    {
        while (start < end && text[start].Equals(SpanHelpers.Char<T>(' ')))
        {
            start++;
        }

        return start;
    }

    private static int FindIdDot<T>(ReadOnlySpan<T> offer)
        where T : unmanaged, IEquatable<T>
    {
        var dot = offer.IndexOf(SpanHelpers.Char<T>('.'));
        if (dot <= 0 || dot == offer.Length - 1)
        {
            return -1;
        }

        // One scan with the offer id's characters: they are the publisher id's and '.', and the
        // publisher id (before the first '.') has no '.'.
        return IsId(offer, offer: true) ? dot : -1;
    }

    private static bool IsId<T>(ReadOnlySpan<T> text, bool offer)
        where T : unmanaged
    {
        if (typeof(T) == typeof(char))
        {
            return SpanHelpers.AsChars(text).IndexOfAnyExcept(offer ? IdChars.Offer : IdChars.Publisher) < 0;
        }

        return SpanHelpers.AsBytes(text).IndexOfAnyExcept(offer ? IdChars.OfferUtf8 : IdChars.PublisherUtf8) < 0;
    }

    /// <summary>The characters of publisher ids and offer ids.</summary>
    private static class IdChars
    {
        public static readonly SearchValues<char> Publisher =
            SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");

        public static readonly SearchValues<char> Offer =
            SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.");

        public static readonly SearchValues<byte> PublisherUtf8 =
            SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"u8);

        public static readonly SearchValues<byte> OfferUtf8 =
            SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_."u8);
    }
}
