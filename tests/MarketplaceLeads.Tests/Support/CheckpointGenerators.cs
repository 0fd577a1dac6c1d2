using System;
using FsCheck;
using FsCheck.Fluent;
using MarketplaceLeads.Checkpoints;

namespace MarketplaceLeads.Tests.Support;

/// <summary>FsCheck arbitraries for reader checkpoints: keys of odd Unicode (valid UTF-16), stamps anywhere in range with any offset.</summary>
public static class CheckpointGenerators
{
    /// <summary>Characters JSON escapes or that trip text handling: quotes, backslash, controls, NUL, line and paragraph separators, BOM, non-characters, combining marks, right-to-left, wide.</summary>
    private static readonly string[] Pieces =
    [
        "a", "Z", "0", " ", "\"", "\\", "/", "'", "<", ">", "&", "+", "`", "\u0000", "\u0001", "\t", "\n", "\r", "\u001F", "\u007F", "\u0085", "\u00A0",
        "é", "e\u0301", "ß", "東", "\u05D0", "\u0627", "\u200B", "\u200D", "\u2028", "\u2029", "\uFEFF", "\uFFFD", "\uFFFE", "\uFFFF", "\uE000",
        "😀", "\U0001F468\u200D\U0001F469\u200D\U0001F467", "\U00010000", "\U0010FFFF", "#", "?", ":", "%", "{", "}", "[", "]",
    ];

    public static Arbitrary<LeadReaderCheckpoint> Checkpoints() =>
        (from watermark in Gen.OneOf(Gen.Constant<DateTimeOffset?>(null), Stamp().Select(s => (DateTimeOffset?)s))
         from seen in Key().ArrayOf()
         select new LeadReaderCheckpoint { Watermark = watermark, Seen = seen }).ToArbitrary();

    /// <summary>Any text of the pieces, empty included.</summary>
    public static Gen<string> Text() =>
        Gen.OneOf(Gen.Elements(Pieces), ArbMap.Default.GeneratorFor<char>().Where(c => !char.IsSurrogate(c)).Select(c => c.ToString()))
            .ArrayOf()
            .Select(parts => string.Concat(parts));

    private static Gen<LeadReaderCheckpointKey> Key() =>
        from partition in Text()
        from key in Text()
        from stamp in Stamp()
        select new LeadReaderCheckpointKey(partition, key, stamp);

    /// <summary>Any tick with any whole-minute offset (±14 hours), and the extremes a reader uses (MinValue for a row without a Timestamp).</summary>
    private static Gen<DateTimeOffset> Stamp()
    {
        const long margin = TimeSpan.TicksPerHour * 14;
        const long first = 0 + margin, span = 3_155_378_975_999_999_999 - (2 * margin); // DateTime.MaxValue.Ticks
        var anywhere =
            from high in Gen.Choose(0, int.MaxValue)
            from low in Gen.Choose(0, int.MaxValue)
            from minutes in Gen.Choose(-14 * 60, 14 * 60)
            select new DateTimeOffset(first + (long)((((ulong)high << 31) | (uint)low) % span), TimeSpan.FromMinutes(minutes));
        return Gen.Frequency(
            (8, anywhere),
            (1, Gen.Elements(DateTimeOffset.MinValue, DateTimeOffset.MaxValue, DateTimeOffset.UnixEpoch, new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.FromHours(5.75)))));
    }
}
