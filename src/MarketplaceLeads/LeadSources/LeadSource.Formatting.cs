using System;
using MarketplaceLeads.Internal;

namespace MarketplaceLeads;

/// <content>Formatting: <see cref="ISpanFormattable"/> and <see cref="IUtf8SpanFormattable"/>.</content>
public readonly partial struct LeadSource
{
    private const string SpacedBar = " | ";
    private const string CompactBar = "|";

    /// <summary>Formats the lead source as <c>Source-Action | Offer</c>, the form of the marketplace documentation.</summary>
    /// <returns>The text; empty for the default value.</returns>
    public override string ToString() => ToString(compact: false);

    /// <summary>Formats the lead source.</summary>
    /// <param name="format">
    /// <c>G</c>, empty or <see langword="null"/> for <c>Source-Action | Offer</c>;
    /// <c>C</c> for the compact <c>Source-Action|Offer</c>.
    /// </param>
    /// <returns>The text; empty for the default value.</returns>
    /// <exception cref="FormatException"><paramref name="format"/> is not supported.</exception>
    public string ToString(string? format) => ToString(IsCompact(format));

    /// <summary>Tries to format the lead source into a span of characters.</summary>
    /// <param name="destination">The destination.</param>
    /// <param name="charsWritten">The number of characters written; 0 when the destination is too small.</param>
    /// <param name="format"><c>G</c> or empty for <c>Source-Action | Offer</c>; <c>C</c> for <c>Source-Action|Offer</c>.</param>
    /// <returns><see langword="false"/> when <paramref name="destination"/> is too small.</returns>
    /// <exception cref="FormatException"><paramref name="format"/> is not supported.</exception>
    /// <remarks>Allocates nothing.</remarks>
    public bool TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format = default) =>
        TryFormatCore(destination, out charsWritten, IsCompact(format));

    /// <summary>Tries to format the lead source as UTF-8 into a span of bytes.</summary>
    /// <param name="utf8Destination">The destination.</param>
    /// <param name="bytesWritten">The number of bytes written; 0 when the destination is too small.</param>
    /// <param name="format"><c>G</c> or empty for <c>Source-Action | Offer</c>; <c>C</c> for <c>Source-Action|Offer</c>.</param>
    /// <returns><see langword="false"/> when <paramref name="utf8Destination"/> is too small.</returns>
    /// <exception cref="FormatException"><paramref name="format"/> is not supported.</exception>
    /// <remarks>Allocates nothing.</remarks>
    public bool TryFormat(Span<byte> utf8Destination, out int bytesWritten, ReadOnlySpan<char> format = default) =>
        TryFormatCore(utf8Destination, out bytesWritten, IsCompact(format));

    /// <inheritdoc/>
    string IFormattable.ToString(string? format, IFormatProvider? formatProvider) => ToString(format);

    /// <inheritdoc/>
    bool ISpanFormattable.TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format, IFormatProvider? provider) =>
        TryFormat(destination, out charsWritten, format);

    /// <inheritdoc/>
    bool IUtf8SpanFormattable.TryFormat(Span<byte> utf8Destination, out int bytesWritten, ReadOnlySpan<char> format, IFormatProvider? provider) =>
        TryFormat(utf8Destination, out bytesWritten, format);

    private bool TryFormatCore<T>(Span<T> destination, out int written, bool compact)
        where T : unmanaged
    {
        written = 0;
        if (IsEmpty)
        {
            return true;
        }

        var position = 0;
        if (SpanWriter.TryWrite(SourceText, destination, ref position)
            && SpanWriter.TryWrite("-", destination, ref position)
            && SpanWriter.TryWrite(ActionText, destination, ref position)
            && SpanWriter.TryWrite(compact ? CompactBar : SpacedBar, destination, ref position)
            && _offer.TryWrite(destination, ref position))
        {
            written = position;
            return true;
        }

        return false;
    }

    private static bool IsCompact(ReadOnlySpan<char> format)
    {
        if (format.IsEmpty || format.SequenceEqual("G"))
        {
            return false;
        }

        if (format.SequenceEqual("C"))
        {
            return true;
        }

        ThrowHelper.ThrowFormatExceptionUnknownFormat(format, TypeName, "'G', 'C' or an empty format");
        return false;
    }

    private string ToString(bool compact)
    {
        if (IsEmpty)
        {
            return string.Empty;
        }

        var bar = compact ? CompactBar : SpacedBar;
        var length = SourceText.Length + 1 + ActionText.Length + bar.Length + _offer.FormattedLength;
        return string.Create(length, (Value: this, Compact: compact), static (span, state) =>
            state.Value.TryFormatCore(span, out _, state.Compact));
    }
}
