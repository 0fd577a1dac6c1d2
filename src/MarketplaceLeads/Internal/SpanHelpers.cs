using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace MarketplaceLeads.Internal;

/// <summary>
/// Reinterprets the element type of a span inside code that is generic over UTF-16
/// (<see cref="char"/>) and UTF-8 (<see cref="byte"/>) text. Callers test <c>typeof(T)</c> first,
/// so the JIT removes the branch that does not apply.
/// </summary>
internal static class SpanHelpers
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ReadOnlySpan<char> AsChars<T>(ReadOnlySpan<T> span)
        where T : unmanaged
    {
        return MemoryMarshal.CreateReadOnlySpan(
            ref Unsafe.As<T, char>(ref MemoryMarshal.GetReference(span)), span.Length);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ReadOnlySpan<byte> AsBytes<T>(ReadOnlySpan<T> span)
        where T : unmanaged
    {
        return MemoryMarshal.CreateReadOnlySpan(
            ref Unsafe.As<T, byte>(ref MemoryMarshal.GetReference(span)), span.Length);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Char<T>(char c)
        where T : unmanaged
    {
        if (typeof(T) == typeof(char))
        {
            return Unsafe.As<char, T>(ref c);
        }

        var b = (byte)c;
        return Unsafe.As<byte, T>(ref b);
    }
}
