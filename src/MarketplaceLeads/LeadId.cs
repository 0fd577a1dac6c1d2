using System;
using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using MarketplaceLeads.Internal;

namespace MarketplaceLeads;

/// <summary>
/// The stable identity of a delivered lead: 128 bits, written as 32 lower-case hexadecimal digits.
/// </summary>
/// <remarks>
/// <para>
/// The marketplace gives a lead no id, so the readers derive one from what was delivered: the same
/// delivered lead always gets the same id, which is how a marketplace retry or a replayed file is
/// recognised. HTTPS and JSON payloads hash their content (<see cref="FromContent"/>); Azure Table
/// rows hash their <c>PartitionKey</c> and <c>RowKey</c> (<see cref="FromKey"/>), and CSV rows the
/// id another system gave them, such as a Partner Center GUID (<c>FromKey("csv", id)</c>).
/// </para>
/// <para>
/// The hash is XXH128 over a length-prefixed, domain-separated encoding of the fields, so different
/// field splits never collide by construction; XXH128 is fixed and documented, so an id computed
/// today is the id computed by any later version. It is fast (a few nanoseconds per lead) but not
/// cryptographic: accidental collisions are out of reach (128 bits), while someone who can submit
/// leads could craft two payloads with one id. Endpoints are authenticated (a shared secret), and
/// the raw payload of every lead is kept. The default value is empty (<see cref="IsEmpty"/>).
/// </para>
/// </remarks>
public readonly struct LeadId :
    IEquatable<LeadId>,
    IComparable<LeadId>,
    ISpanFormattable,
    IUtf8SpanFormattable,
    ISpanParsable<LeadId>,
    IUtf8SpanParsable<LeadId>
{
    /// <summary>The length of the text form: 32 hexadecimal digits.</summary>
    public const int TextLength = 32;

    private readonly ulong _high;
    private readonly ulong _low;

    /// <summary>Initializes an id from its 16 bytes (big-endian, as written by <see cref="TryWriteBytes"/>).</summary>
    /// <param name="bytes">Exactly 16 bytes.</param>
    /// <exception cref="ArgumentException"><paramref name="bytes"/> is not 16 bytes long.</exception>
    public LeadId(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != 16)
        {
            ThrowHelper.ThrowArgumentException(nameof(bytes), $"A LeadId has 16 bytes; {bytes.Length} were given.");
        }

        _high = BinaryPrimitives.ReadUInt64BigEndian(bytes);
        _low = BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]);
    }

    private LeadId(ulong high, ulong low)
    {
        _high = high;
        _low = low;
    }

    /// <summary>Gets a value indicating whether this is the default, empty id.</summary>
    public bool IsEmpty => _high == 0 && _low == 0;

    /// <summary>Compares two ids for equality.</summary>
    /// <param name="left">The first id.</param>
    /// <param name="right">The second id.</param>
    /// <returns><see langword="true"/> when they are equal.</returns>
    public static bool operator ==(LeadId left, LeadId right) => left.Equals(right);

    /// <summary>Compares two ids for inequality.</summary>
    /// <param name="left">The first id.</param>
    /// <param name="right">The second id.</param>
    /// <returns><see langword="true"/> when they differ.</returns>
    public static bool operator !=(LeadId left, LeadId right) => !left.Equals(right);

    /// <summary>Determines whether one id sorts before another.</summary>
    /// <param name="left">The first id.</param>
    /// <param name="right">The second id.</param>
    /// <returns><see langword="true"/> when <paramref name="left"/> sorts first.</returns>
    public static bool operator <(LeadId left, LeadId right) => left.CompareTo(right) < 0;

    /// <summary>Determines whether one id sorts after another.</summary>
    /// <param name="left">The first id.</param>
    /// <param name="right">The second id.</param>
    /// <returns><see langword="true"/> when <paramref name="left"/> sorts last.</returns>
    public static bool operator >(LeadId left, LeadId right) => left.CompareTo(right) > 0;

    /// <summary>Determines whether one id sorts before or with another.</summary>
    /// <param name="left">The first id.</param>
    /// <param name="right">The second id.</param>
    /// <returns><see langword="true"/> when <paramref name="left"/> does not sort last.</returns>
    public static bool operator <=(LeadId left, LeadId right) => left.CompareTo(right) <= 0;

    /// <summary>Determines whether one id sorts after or with another.</summary>
    /// <param name="left">The first id.</param>
    /// <param name="right">The second id.</param>
    /// <returns><see langword="true"/> when <paramref name="left"/> does not sort first.</returns>
    public static bool operator >=(LeadId left, LeadId right) => left.CompareTo(right) >= 0;

    /// <summary>The domain tag of <see cref="FromContent"/>'s hash.</summary>
    internal const string ContentDomain = "mpl.lead.content.v1";

    /// <summary>Computes the id of a lead from the content the marketplace delivers (the id the HTTPS and JSON readers give a lead).</summary>
    /// <param name="leadSource">The <c>LeadSource</c> field as sent.</param>
    /// <param name="actionCode">The <c>ActionCode</c> field as sent.</param>
    /// <param name="offerTitle">The <c>OfferTitle</c> field as sent.</param>
    /// <param name="description">The <c>Description</c> field as sent.</param>
    /// <param name="customer">The customer fields as sent.</param>
    /// <returns>The id; equal content always gives an equal id, whatever the JSON spacing or property order.</returns>
    /// <remarks>
    /// Two genuinely separate leads with identical content (the same person sending the same form
    /// twice) get the same id too: the payload carries nothing that tells them apart.
    /// </remarks>
    public static LeadId FromContent(string? leadSource, string? actionCode, string? offerTitle, string? description, CustomerInfo? customer)
    {
        var builder = new LeadIdBuilder(ContentDomain, stackalloc byte[LeadIdBuilder.StackBufferBytes]);
        builder.Add(leadSource);
        builder.Add(actionCode);
        builder.Add(offerTitle);
        builder.Add(description);
        builder.Add(customer?.FirstName);
        builder.Add(customer?.LastName);
        builder.Add(customer?.Email);
        builder.Add(customer?.Phone);
        builder.Add(customer?.Country);
        builder.Add(customer?.Company);
        builder.Add(customer?.Title);
        return builder.ToLeadId();
    }

    /// <summary>Computes the id for a lead that a source system already identifies by a key (an Azure Table row's <c>PartitionKey</c>/<c>RowKey</c>, a CRM id).</summary>
    /// <param name="scope">What the key is unique within, such as <c>"azure-table"</c>; keeps keys of different systems apart.</param>
    /// <param name="key">The key parts, in order.</param>
    /// <returns>The id; the same scope and key always give the same id.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="scope"/> or <paramref name="key"/> is <see langword="null"/>.</exception>
    public static LeadId FromKey(string scope, params string?[] key)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(key);
        var builder = new LeadIdBuilder("mpl.lead.key.v1", stackalloc byte[LeadIdBuilder.StackBufferBytes]);
        builder.Add(scope);
        foreach (var part in key)
        {
            builder.Add(part);
        }

        return builder.ToLeadId();
    }

    /// <summary>Parses the 32-hexadecimal-digit text form.</summary>
    /// <param name="s">The text.</param>
    /// <returns>The id.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="s"/> is <see langword="null"/>.</exception>
    /// <exception cref="FormatException"><paramref name="s"/> is not 32 hexadecimal digits; the message says where it is not.</exception>
    public static LeadId Parse(string s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return Parse(s.AsSpan());
    }

    /// <summary>Parses the 32-hexadecimal-digit text form.</summary>
    /// <param name="s">The text.</param>
    /// <returns>The id.</returns>
    /// <exception cref="FormatException"><paramref name="s"/> is not 32 hexadecimal digits; the message says where it is not.</exception>
    public static LeadId Parse(ReadOnlySpan<char> s)
    {
        if (!TryParse(s, out var id))
        {
            ThrowParse(s.Length, s.IndexOfAnyExcept(HexChars.Utf16), ThrowHelper.Quote(s));
        }

        return id;
    }

    /// <summary>Parses the 32-hexadecimal-digit UTF-8 text form.</summary>
    /// <param name="utf8Text">The UTF-8 text.</param>
    /// <returns>The id.</returns>
    /// <exception cref="FormatException"><paramref name="utf8Text"/> is not 32 hexadecimal digits; the message says where it is not.</exception>
    public static LeadId Parse(ReadOnlySpan<byte> utf8Text)
    {
        if (!TryParse(utf8Text, out var id))
        {
            ThrowParse(utf8Text.Length, utf8Text.IndexOfAnyExcept(HexChars.Utf8), ThrowHelper.Quote(System.Text.Encoding.UTF8.GetString(utf8Text)));
        }

        return id;
    }

    /// <summary>Tries to parse the 32-hexadecimal-digit text form. Never throws.</summary>
    /// <param name="s">The text; may be <see langword="null"/>.</param>
    /// <param name="result">The id, or the empty id when parsing fails.</param>
    /// <returns><see langword="true"/> when <paramref name="s"/> is 32 hexadecimal digits.</returns>
    public static bool TryParse([NotNullWhen(true)] string? s, out LeadId result) => TryParse(s.AsSpan(), out result);

    /// <summary>Tries to parse the 32-hexadecimal-digit text form (either letter case). Never throws; never allocates.</summary>
    /// <param name="s">The text.</param>
    /// <returns><see langword="true"/> when <paramref name="s"/> is 32 hexadecimal digits.</returns>
    /// <param name="result">The id, or the empty id when parsing fails.</param>
    public static bool TryParse(ReadOnlySpan<char> s, out LeadId result)
    {
        if (s.Length == TextLength
            && ulong.TryParse(s[..16], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var high)
            && ulong.TryParse(s[16..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var low))
        {
            result = new LeadId(high, low);
            return true;
        }

        result = default;
        return false;
    }

    /// <summary>Tries to parse the 32-hexadecimal-digit UTF-8 text form (either letter case). Never throws; never allocates.</summary>
    /// <param name="utf8Text">The UTF-8 text.</param>
    /// <param name="result">The id, or the empty id when parsing fails.</param>
    /// <returns><see langword="true"/> when <paramref name="utf8Text"/> is 32 hexadecimal digits.</returns>
    public static bool TryParse(ReadOnlySpan<byte> utf8Text, out LeadId result)
    {
        if (utf8Text.Length == TextLength
            && ulong.TryParse(utf8Text[..16], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var high)
            && ulong.TryParse(utf8Text[16..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var low))
        {
            result = new LeadId(high, low);
            return true;
        }

        result = default;
        return false;
    }

    /// <summary>Writes the 16 bytes of the id, big-endian.</summary>
    /// <param name="destination">At least 16 bytes.</param>
    /// <returns><see langword="false"/> when <paramref name="destination"/> is too small.</returns>
    public bool TryWriteBytes(Span<byte> destination)
    {
        if (destination.Length < 16)
        {
            return false;
        }

        BinaryPrimitives.WriteUInt64BigEndian(destination, _high);
        BinaryPrimitives.WriteUInt64BigEndian(destination[8..], _low);
        return true;
    }

    /// <summary>Determines whether this id equals another.</summary>
    /// <param name="other">The other id.</param>
    /// <returns><see langword="true"/> when both have the same 128 bits.</returns>
    public bool Equals(LeadId other) => _high == other._high && _low == other._low;

    /// <inheritdoc/>
    public override bool Equals([NotNullWhen(true)] object? obj) => obj is LeadId other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(_high, _low);

    /// <summary>Compares the ids by their 128-bit value.</summary>
    /// <param name="other">The other id.</param>
    /// <returns>Negative, zero or positive as this id sorts before, with or after <paramref name="other"/>.</returns>
    public int CompareTo(LeadId other)
    {
        var high = _high.CompareTo(other._high);
        return high != 0 ? high : _low.CompareTo(other._low);
    }

    /// <summary>Formats the id as 32 lower-case hexadecimal digits.</summary>
    /// <returns>The text form.</returns>
    public override string ToString() => string.Create(TextLength, this, static (span, id) => id.TryFormat(span, out _));

    /// <summary>Tries to format the id as 32 lower-case hexadecimal digits.</summary>
    /// <param name="destination">The destination.</param>
    /// <param name="charsWritten">32, or 0 when the destination is too small.</param>
    /// <returns><see langword="false"/> when <paramref name="destination"/> is shorter than 32.</returns>
    public bool TryFormat(Span<char> destination, out int charsWritten)
    {
        if (destination.Length < TextLength)
        {
            charsWritten = 0;
            return false;
        }

        _high.TryFormat(destination, out _, "x16", CultureInfo.InvariantCulture);
        _low.TryFormat(destination[16..], out _, "x16", CultureInfo.InvariantCulture);
        charsWritten = TextLength;
        return true;
    }

    /// <summary>Tries to format the id as 32 lower-case hexadecimal UTF-8 digits.</summary>
    /// <param name="utf8Destination">The destination.</param>
    /// <param name="bytesWritten">32, or 0 when the destination is too small.</param>
    /// <returns><see langword="false"/> when <paramref name="utf8Destination"/> is shorter than 32.</returns>
    public bool TryFormat(Span<byte> utf8Destination, out int bytesWritten)
    {
        if (utf8Destination.Length < TextLength)
        {
            bytesWritten = 0;
            return false;
        }

        _high.TryFormat(utf8Destination, out _, "x16", CultureInfo.InvariantCulture);
        _low.TryFormat(utf8Destination[16..], out _, "x16", CultureInfo.InvariantCulture);
        bytesWritten = TextLength;
        return true;
    }

    /// <inheritdoc/>
    string IFormattable.ToString(string? format, IFormatProvider? formatProvider) => ToString();

    /// <inheritdoc/>
    bool ISpanFormattable.TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format, IFormatProvider? provider) =>
        TryFormat(destination, out charsWritten);

    /// <inheritdoc/>
    bool IUtf8SpanFormattable.TryFormat(Span<byte> utf8Destination, out int bytesWritten, ReadOnlySpan<char> format, IFormatProvider? provider) =>
        TryFormat(utf8Destination, out bytesWritten);

    /// <inheritdoc/>
    static LeadId IParsable<LeadId>.Parse(string s, IFormatProvider? provider) => Parse(s);

    /// <inheritdoc/>
    static bool IParsable<LeadId>.TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out LeadId result) => TryParse(s, out result);

    /// <inheritdoc/>
    static LeadId ISpanParsable<LeadId>.Parse(ReadOnlySpan<char> s, IFormatProvider? provider) => Parse(s);

    /// <inheritdoc/>
    static bool ISpanParsable<LeadId>.TryParse(ReadOnlySpan<char> s, IFormatProvider? provider, out LeadId result) => TryParse(s, out result);

    /// <inheritdoc/>
    static LeadId IUtf8SpanParsable<LeadId>.Parse(ReadOnlySpan<byte> utf8Text, IFormatProvider? provider) => Parse(utf8Text);

    /// <inheritdoc/>
    static bool IUtf8SpanParsable<LeadId>.TryParse(ReadOnlySpan<byte> utf8Text, IFormatProvider? provider, out LeadId result) => TryParse(utf8Text, out result);

    internal static LeadId FromHash(UInt128 hash) => new((ulong)(hash >> 64), (ulong)hash);

    [DoesNotReturn]
    private static void ThrowParse(int length, int badIndex, string quoted)
    {
        var reason = length != TextLength
            ? $"expected {TextLength} hexadecimal digits but the text has {length} characters"
            : $"expected a hexadecimal digit at position {badIndex}";
        throw new FormatException($"'{quoted}' is not a valid LeadId: {reason}.");
    }

    private static class HexChars
    {
        public static readonly System.Buffers.SearchValues<char> Utf16 = System.Buffers.SearchValues.Create("0123456789abcdefABCDEF");
        public static readonly System.Buffers.SearchValues<byte> Utf8 = System.Buffers.SearchValues.Create("0123456789abcdefABCDEF"u8);
    }
}
