using System;

namespace MarketplaceLeads.Normalization;

/// <summary>
/// Recognises the values of the test leads the marketplace sends when a publisher saves or
/// validates a lead destination: <c>MSFT_TEST_</c> followed by digits (the digits vary; they look
/// like .NET ticks), anywhere in a field (the e-mail is <c>MSFT_TEST_…@test.com</c>).
/// </summary>
internal static class TestLeadDetector
{
    private const string Marker = "MSFT_TEST_";

    public static bool IsTestValue(string? value)
    {
        if (value is null)
        {
            return false;
        }

        var text = value.AsSpan();
        if (!text.Contains('_'))
        {
            return false; // the marker has one; most values have none, and this scan is far cheaper than a case-insensitive search
        }

        int index;
        while ((index = text.IndexOf(Marker, StringComparison.OrdinalIgnoreCase)) >= 0)
        {
            text = text[(index + Marker.Length)..];
            if (!text.IsEmpty && char.IsAsciiDigit(text[0]))
            {
                return true;
            }
        }

        return false;
    }
}
