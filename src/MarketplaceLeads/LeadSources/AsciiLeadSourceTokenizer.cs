using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using MarketplaceLeads.Normalization;


namespace MarketplaceLeads.LeadSources;

/// <summary>
/// The fast path of <see cref="LeadSourceTokenizer"/> for printable-ASCII text of at most
/// <see cref="MaxLength"/> bytes — every real <c>LeadSource</c>. One vectorised pass classifies
/// every byte at once (<c>|</c>, <c>-</c>, <c>.</c>, not printable, not an id character) into bit
/// masks; the grammar is then decided with bit operations instead of repeated scans.
/// </summary>
/// <remarks>
/// It gives exactly the results of the generic tokenizer (a property test checks this on
/// arbitrary text). It declines (returns <see langword="false"/>) text that is longer, or that has
/// a byte outside printable ASCII after trimming: the generic tokenizer decodes that and reports
/// control characters and bad encoding.
/// </remarks>
internal static class AsciiLeadSourceTokenizer
{
    /// <summary>The longest text the fast path takes, in bytes (a real LeadSource is under 140).</summary>
    public const int MaxLength = 128;

    /// <summary>Tokenizes UTF-16 text that is all ASCII (checked here) through the byte fast path.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryTokenize(ReadOnlySpan<char> text, Span<byte> asciiBuffer, out ParseError error, out LeadSourceTokens tokens, out int position)
    {
        if (text.Length <= MaxLength
            && System.Text.Ascii.FromUtf16(text, asciiBuffer, out var written) == System.Buffers.OperationStatus.Done)
        {
            return TryTokenize(asciiBuffer[..written], out error, out tokens, out position);
        }

        error = ParseError.None;
        tokens = default;
        position = -1;
        return false;
    }

    /// <summary>Tokenizes printable-ASCII text; returns <see langword="false"/> to hand anything else to the generic tokenizer.</summary>
    public static bool TryTokenize(ReadOnlySpan<byte> text, out ParseError error, out LeadSourceTokens tokens, out int position)
    {
        tokens = default;
        error = ParseError.None;
        position = -1;
        if (text.Length > MaxLength)
        {
            return false;
        }

        var start = 0;
        var end = text.Length;
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
            error = ParseError.Empty;
            position = start;
            return true;
        }

        Classify(text, out var barMask, out var dashMask, out var dotMask, out var nonPrintableMask, out var nonIdMask);

        if (nonPrintableMask.FirstSet(start, end) >= 0)
        {
            return false; // control characters or non-ASCII: the generic tokenizer reports them
        }

        var bar = barMask.FirstSet(start, end);
        if (bar < 0)
        {
            error = ParseError.MissingBar;
            position = end;
            return true;
        }

        var headEnd = bar;
        while (headEnd > start && text[headEnd - 1] == (byte)' ')
        {
            headEnd--;
        }

        var dash = dashMask.FirstSet(start, headEnd);
        if (dash < 0)
        {
            error = headEnd == start ? ParseError.EmptySource : ParseError.MissingDash;
            position = headEnd == start ? start : bar;
            return true;
        }

        var sourceEnd = dash;
        while (sourceEnd > start && text[sourceEnd - 1] == (byte)' ')
        {
            sourceEnd--;
        }

        if (sourceEnd == start)
        {
            error = ParseError.EmptySource;
            position = start;
            return true;
        }

        var actionStart = dash + 1;
        while (actionStart < headEnd && text[actionStart] == (byte)' ')
        {
            actionStart++;
        }

        if (actionStart == headEnd)
        {
            error = ParseError.EmptyAction;
            position = dash + 1;
            return true;
        }

        var offerStart = bar + 1;
        while (offerStart < end && text[offerStart] == (byte)' ')
        {
            offerStart++;
        }

        if (offerStart == end)
        {
            error = ParseError.EmptyOffer;
            position = bar + 1;
            return true;
        }

        var dot = dotMask.FirstSet(offerStart, end);
        var isId = dot > offerStart && dot < end - 1 && nonIdMask.FirstSet(offerStart, end) < 0;

        tokens.SourceStart = start;
        tokens.SourceLength = sourceEnd - start;
        tokens.ActionStart = actionStart;
        tokens.ActionLength = headEnd - actionStart;
        tokens.Offer.Start = offerStart;
        tokens.Offer.Length = end - offerStart;
        tokens.Offer.Dot = isId ? dot - offerStart : -1;
        tokens.Source = KnownNames.ClassifySourceAscii(text[start..sourceEnd]);
        tokens.Action = KnownNames.ClassifyActionAscii(text[actionStart..headEnd]);
        return true;
    }

    /// <summary>
    /// Classifies every byte of a text of at most 128 bytes into five masks without copying it:
    /// overlapping vector loads cover the tail, so no load reads outside the text (texts under 16
    /// bytes are copied to a small padded buffer).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Classify(ReadOnlySpan<byte> text, out Masks bar, out Masks dash, out Masks dot, out Masks nonPrintable, out Masks nonId)
    {
        ref var first = ref MemoryMarshal.GetReference(text);
        var length = text.Length;
        bar = default;
        dash = default;
        dot = default;
        nonPrintable = default;
        nonId = default;
        if (length >= 64)
        {
            Classify64(ref first, out bar.Low, out dash.Low, out dot.Low, out nonPrintable.Low, out nonId.Low);
            if (length > 64)
            {
                // The 64 bytes that end the text; keep the bits of positions 64 and up.
                Classify64(ref Unsafe.Add(ref first, length - 64), out var b, out var d, out var o, out var p, out var n);
                var shift = 128 - length;
                bar.High = b >> shift;
                dash.High = d >> shift;
                dot.High = o >> shift;
                nonPrintable.High = p >> shift;
                nonId.High = n >> shift;
            }
        }
        else if (length >= 32)
        {
            Classify32(ref first, out var b0, out var d0, out var o0, out var p0, out var n0);
            Classify32(ref Unsafe.Add(ref first, length - 32), out var b1, out var d1, out var o1, out var p1, out var n1);
            var shift = length - 32;
            bar.Low = b0 | ((ulong)b1 << shift);
            dash.Low = d0 | ((ulong)d1 << shift);
            dot.Low = o0 | ((ulong)o1 << shift);
            nonPrintable.Low = p0 | ((ulong)p1 << shift);
            nonId.Low = n0 | ((ulong)n1 << shift);
        }
        else if (length >= 16)
        {
            Classify16(ref first, out var b0, out var d0, out var o0, out var p0, out var n0);
            Classify16(ref Unsafe.Add(ref first, length - 16), out var b1, out var d1, out var o1, out var p1, out var n1);
            var shift = length - 16;
            bar.Low = b0 | ((ulong)b1 << shift);
            dash.Low = d0 | ((ulong)d1 << shift);
            dot.Low = o0 | ((ulong)o1 << shift);
            nonPrintable.Low = p0 | ((ulong)p1 << shift);
            nonId.Low = n0 | ((ulong)n1 << shift);
        }
        else
        {
            ClassifyShort(text, out bar.Low, out dash.Low, out dot.Low, out nonPrintable.Low, out nonId.Low);
        }
    }

    /// <summary>Classifies a text shorter than 16 bytes through a padded copy (kept out of line so that <see cref="Classify"/> inlines).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ClassifyShort(ReadOnlySpan<byte> text, out ulong bar, out ulong dash, out ulong dot, out ulong nonPrintable, out ulong nonId)
    {
        Span<byte> padded = stackalloc byte[16];
        padded.Clear();
        text.CopyTo(padded);
        Classify16(ref MemoryMarshal.GetReference(padded), out var b0, out var d0, out var o0, out var p0, out var n0);
        bar = b0;
        dash = d0;
        dot = o0;
        nonPrintable = p0;
        nonId = n0;
    }

    /// <summary>Classifies 64 bytes into five masks, one bit per byte: '|', '-', '.', not printable ASCII, not an id character (letters, digits, '-', '_', '.').</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Classify64(ref byte source, out ulong bar, out ulong dash, out ulong dot, out ulong nonPrintable, out ulong nonId)
    {
        if (Vector512.IsHardwareAccelerated)
        {
            var v = Vector512.LoadUnsafe(ref source);
            var isBar = Vector512.Equals(v, Vector512.Create((byte)'|'));
            var isDash = Vector512.Equals(v, Vector512.Create((byte)'-'));
            var isDot = Vector512.Equals(v, Vector512.Create((byte)'.'));
            var isNonPrintable = Vector512.GreaterThan(v - Vector512.Create((byte)0x20), Vector512.Create((byte)0x5E));
            var isLetter = Vector512.LessThanOrEqual((v | Vector512.Create((byte)0x20)) - Vector512.Create((byte)'a'), Vector512.Create((byte)25));
            var isDigit = Vector512.LessThanOrEqual(v - Vector512.Create((byte)'0'), Vector512.Create((byte)9));
            var isId = isLetter | isDigit | Vector512.Equals(v, Vector512.Create((byte)'_')) | isDash | isDot;
            bar = isBar.ExtractMostSignificantBits();
            dash = isDash.ExtractMostSignificantBits();
            dot = isDot.ExtractMostSignificantBits();
            nonPrintable = isNonPrintable.ExtractMostSignificantBits();
            nonId = ~isId.ExtractMostSignificantBits();
            return;
        }

        Classify32(ref source, out var bar0, out var dash0, out var dot0, out var nonPrintable0, out var nonId0);
        Classify32(ref Unsafe.Add(ref source, 32), out var bar1, out var dash1, out var dot1, out var nonPrintable1, out var nonId1);
        bar = bar0 | ((ulong)bar1 << 32);
        dash = dash0 | ((ulong)dash1 << 32);
        dot = dot0 | ((ulong)dot1 << 32);
        nonPrintable = nonPrintable0 | ((ulong)nonPrintable1 << 32);
        nonId = nonId0 | ((ulong)nonId1 << 32);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Classify32(ref byte source, out uint bar, out uint dash, out uint dot, out uint nonPrintable, out uint nonId)
    {
        if (Vector256.IsHardwareAccelerated)
        {
            var v = Vector256.LoadUnsafe(ref source);
            var isBar = Vector256.Equals(v, Vector256.Create((byte)'|'));
            var isDash = Vector256.Equals(v, Vector256.Create((byte)'-'));
            var isDot = Vector256.Equals(v, Vector256.Create((byte)'.'));
            var isNonPrintable = Vector256.GreaterThan(v - Vector256.Create((byte)0x20), Vector256.Create((byte)0x5E));
            var isLetter = Vector256.LessThanOrEqual((v | Vector256.Create((byte)0x20)) - Vector256.Create((byte)'a'), Vector256.Create((byte)25));
            var isDigit = Vector256.LessThanOrEqual(v - Vector256.Create((byte)'0'), Vector256.Create((byte)9));
            var isId = isLetter | isDigit | Vector256.Equals(v, Vector256.Create((byte)'_')) | isDash | isDot;
            bar = isBar.ExtractMostSignificantBits();
            dash = isDash.ExtractMostSignificantBits();
            dot = isDot.ExtractMostSignificantBits();
            nonPrintable = isNonPrintable.ExtractMostSignificantBits();
            nonId = ~isId.ExtractMostSignificantBits();
            return;
        }

        Classify16(ref source, out var bar0, out var dash0, out var dot0, out var nonPrintable0, out var nonId0);
        Classify16(ref Unsafe.Add(ref source, 16), out var bar1, out var dash1, out var dot1, out var nonPrintable1, out var nonId1);
        bar = bar0 | (bar1 << 16);
        dash = dash0 | (dash1 << 16);
        dot = dot0 | (dot1 << 16);
        nonPrintable = nonPrintable0 | (nonPrintable1 << 16);
        nonId = nonId0 | (nonId1 << 16);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Classify16(ref byte source, out uint bar, out uint dash, out uint dot, out uint nonPrintable, out uint nonId)
    {
        var v = Vector128.LoadUnsafe(ref source);
        var isBar = Vector128.Equals(v, Vector128.Create((byte)'|'));
        var isDash = Vector128.Equals(v, Vector128.Create((byte)'-'));
        var isDot = Vector128.Equals(v, Vector128.Create((byte)'.'));
        var isNonPrintable = Vector128.GreaterThan(v - Vector128.Create((byte)0x20), Vector128.Create((byte)0x5E));
        var isLetter = Vector128.LessThanOrEqual((v | Vector128.Create((byte)0x20)) - Vector128.Create((byte)'a'), Vector128.Create((byte)25));
        var isDigit = Vector128.LessThanOrEqual(v - Vector128.Create((byte)'0'), Vector128.Create((byte)9));
        var isId = isLetter | isDigit | Vector128.Equals(v, Vector128.Create((byte)'_')) | isDash | isDot;
        bar = isBar.ExtractMostSignificantBits();
        dash = isDash.ExtractMostSignificantBits();
        dot = isDot.ExtractMostSignificantBits();
        nonPrintable = isNonPrintable.ExtractMostSignificantBits();
        nonId = ~isId.ExtractMostSignificantBits() & 0xFFFF;
    }

    /// <summary>One bit per byte of a text of at most 128 bytes.</summary>
    private struct Masks
    {
        public ulong Low;
        public ulong High;

        public Masks(ulong low, ulong high)
        {
            Low = low;
            High = high;
        }

        /// <summary>Returns the first set bit in [<paramref name="from"/>, <paramref name="to"/>), or -1.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public readonly int FirstSet(int from, int to)
        {
            int index;
            if (from < 64)
            {
                var low = Low & (~0UL << from);
                index = low != 0 ? BitOperations.TrailingZeroCount(low) : 64 + BitOperations.TrailingZeroCount(High);
            }
            else
            {
                var high = High & (~0UL << (from - 64));
                index = high != 0 ? 64 + BitOperations.TrailingZeroCount(high) : 128;
            }

            return index < to ? index : -1;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsOuterWhiteSpace(byte c) => c is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n';
}
