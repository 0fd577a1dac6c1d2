using System;
using System.Globalization;
using FsCheck;
using FsCheck.Xunit;
using MarketplaceLeads.Delivery;

namespace MarketplaceLeads.Tests;

public sealed class RetryAfterHeaderTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("0", 0)]
    [InlineData("1", 1)]
    [InlineData(" 120 ", 120)]
    [InlineData("007", 7)]
    [InlineData("Mon, 02 Mar 2026 09:02:00 GMT", 120)]        // IMF-fixdate
    [InlineData("Monday, 02-Mar-26 09:00:30 GMT", 30)]        // obsolete RFC 850
    [InlineData("Mon Mar  2 09:01:00 2026", 60)]              // obsolete asctime
    [InlineData("Mon, 02 Mar 2026 08:00:00 GMT", 0)]          // in the past: retry now
    public void TryParse_DelaySecondsAndHttpDates_AreRead(string value, int seconds)
    {
        Assert.True(RetryAfterHeader.TryParse(value, Now, out var delay));
        Assert.Equal(TimeSpan.FromSeconds(seconds), delay);
    }

    [Theory]
    [InlineData("99999999999999999999999999")]
    [InlineData("86401")]
    [InlineData("Fri, 01 Jan 2100 00:00:00 GMT")]
    public void TryParse_HugeValues_AreCutToOneDay(string value)
    {
        Assert.True(RetryAfterHeader.TryParse(value, Now, out var delay));
        Assert.Equal(RetryAfterHeader.MaxDelay, delay);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("-1")]
    [InlineData("1.5")]
    [InlineData("1 2")]
    [InlineData("10s")]
    [InlineData("soon")]
    [InlineData("Mon, 32 Mar 2026 09:02:00 GMT")]
    [InlineData("2026-03-02T09:02:00Z")]
    public void TryParse_AnythingElse_IsNotAHint(string value)
    {
        Assert.False(RetryAfterHeader.TryParse(value, Now, out var delay));
        Assert.Equal(TimeSpan.Zero, delay);
    }

    [Property(MaxTest = 2000)]
    public void TryParse_NeverThrows_AndStaysWithinZeroAndOneDay(string? value, DateTimeOffset now)
    {
        var parsed = RetryAfterHeader.TryParse(value, now, out var delay);

        Assert.InRange(delay, TimeSpan.Zero, RetryAfterHeader.MaxDelay);
        Assert.True(parsed || delay == TimeSpan.Zero);
    }

    [Property]
    public void TryParse_DelaySeconds_RoundTrip(NonNegativeInt seconds)
    {
        Assert.True(RetryAfterHeader.TryParse(seconds.Get.ToString(CultureInfo.InvariantCulture), Now, out var delay));
        Assert.Equal(TimeSpan.FromSeconds(Math.Min(seconds.Get, 86_400)), delay);
    }

    [Property]
    public void TryParse_HttpDate_IsTheTimeUntilThatDate(int offsetSeconds)
    {
        var date = Now.AddSeconds(offsetSeconds % 200_000);

        Assert.True(RetryAfterHeader.TryParse(date.ToString("r", CultureInfo.InvariantCulture), Now, out var delay));

        var expected = date - Now;
        Assert.Equal(expected < TimeSpan.Zero ? TimeSpan.Zero : expected > RetryAfterHeader.MaxDelay ? RetryAfterHeader.MaxDelay : expected, delay);
    }
}
