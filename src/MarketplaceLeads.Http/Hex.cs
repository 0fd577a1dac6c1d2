using System;

namespace MarketplaceLeads.Http;

/// <summary>Lowercase hex without the net9+ <c>Convert.ToHexStringLower</c>.</summary>
internal static class Hex
{
    public static string ToLower(ReadOnlySpan<byte> bytes) =>
#if NET9_0_OR_GREATER
        Convert.ToHexStringLower(bytes);
#else
        Convert.ToHexString(bytes).ToLowerInvariant();
#endif

    /// <summary>Parses exactly <c>destination.Length * 2</c> hex digits (either case); never throws.</summary>
    public static bool TryParse(ReadOnlySpan<char> hex, Span<byte> destination)
    {
        if (hex.Length != destination.Length * 2)
        {
            return false;
        }

        for (var i = 0; i < destination.Length; i++)
        {
            var high = Digit(hex[2 * i]);
            var low = Digit(hex[(2 * i) + 1]);
            if ((high | low) < 0)
            {
                return false;
            }

            destination[i] = (byte)((high << 4) | low);
        }

        return true;
    }

    private static int Digit(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => -1,
    };
}
