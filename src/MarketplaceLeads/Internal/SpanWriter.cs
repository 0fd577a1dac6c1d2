using System;
using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text.Unicode;

namespace MarketplaceLeads.Internal;

/// <summary>
/// Appends text to a UTF-16 (<see cref="char"/>) or UTF-8 (<see cref="byte"/>) destination span,
/// for the TryFormat implementations. Generic so that each formatter is written once for both.
/// </summary>
internal static class SpanWriter
{
    public static bool TryWrite<T>(ReadOnlySpan<char> value, Span<T> destination, ref int position)
        where T : unmanaged
    {
        var rest = destination[position..];
        if (typeof(T) == typeof(char))
        {
            var chars = MemoryMarshal.CreateSpan(ref Unsafe.As<T, char>(ref MemoryMarshal.GetReference(rest)), rest.Length);
            if (!value.TryCopyTo(chars))
            {
                return false;
            }

            position += value.Length;
            return true;
        }

        var bytes = MemoryMarshal.CreateSpan(ref Unsafe.As<T, byte>(ref MemoryMarshal.GetReference(rest)), rest.Length);
        if (Utf8.FromUtf16(value, bytes, out _, out var written, replaceInvalidSequences: true) != OperationStatus.Done)
        {
            return false;
        }

        position += written;
        return true;
    }
}
