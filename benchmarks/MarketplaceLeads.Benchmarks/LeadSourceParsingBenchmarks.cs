using System;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using BenchmarkDotNet.Attributes;

namespace MarketplaceLeads.Benchmarks;

/// <summary>
/// Parses a fixed, realistic mix of <c>LeadSource</c> texts with a naive <see cref="string.Split(char, StringSplitOptions)"/>
/// parser (the baseline), a source-generated regex, and the library's <see cref="LeadSource"/> parsers.
/// </summary>
/// <remarks>
/// Every method parses all <see cref="Inputs"/> per invocation (<see cref="OperationsPerInvoke"/>), so results are
/// per parse, and folds source, action, publisher id length and offer id length into a checksum so the JIT cannot
/// drop the work. <see cref="Setup"/> checks that every method reads the same values from every input.
/// </remarks>
[MemoryDiagnoser]
public partial class LeadSourceParsingBenchmarks
{
    /// <summary>The number of inputs parsed by one invocation of a benchmark method.</summary>
    public const int OperationsPerInvoke = 8;

    /// <summary>
    /// All sources (AzureMarketplace, AzurePortal, AppSource, SPZA), all actions (INS, PLT, DNC, Create,
    /// StartTestDrive), the spaced and compact bar, and the Salesforce test lead with an offer display name.
    /// </summary>
    private static readonly string[] Inputs =
    [
        "AzureMarketplace-INS | docusign.3701c77e-1cfa-4c56-91e6-3ed0b622145",
        "AppSource-PLT|contoso.contoso-crm-connector",
        "SPZA-DNC | fabrikam.fabrikam-sales-insights",
        "AzurePortal-Create | litware.litware-backup-vm",
        "AzureMarketplace-StartTestDrive|northwind.northwind-erp-test-drive",
        "SPZA-INS|adatum.adatum_hr_suite.v2",
        "AppSource-StartTestDrive | tailspin.tailspin-field-service",
        "MSFT_TEST_636573304831318844-MSFT_TEST_636573304831318844|<Offer Name>",
    ];

    private readonly string[] _inputs = Inputs;
    private readonly byte[][] _utf8Inputs = Array.ConvertAll(Inputs, Encoding.UTF8.GetBytes);

    /// <summary>16,384 distinct texts in the shape of <see cref="Inputs"/> (publisher and offer ids numbered).</summary>
    private static readonly string[] FirstSightTexts = CreateFirstSightTexts(16_384);

    /// <summary><see cref="FirstSightTexts"/> encoded as UTF-8.</summary>
    private static readonly byte[][] FirstSightUtf8 = Array.ConvertAll(FirstSightTexts, Encoding.UTF8.GetBytes);

    private int _firstSightNext;

    private static string[] CreateFirstSightTexts(int count)
    {
        var texts = new string[count];
        for (var i = 0; i < count; i++)
        {
            texts[i] = string.Create(CultureInfo.InvariantCulture, $"AzureMarketplace-INS | publisher{i}.offer-{i:x8}-analytics");
        }

        return texts;
    }

    /// <summary>Checks that every method reads the same source, action, publisher id and offer id from every input.</summary>
    /// <exception cref="InvalidOperationException">A method disagrees with the baseline.</exception>
    [GlobalSetup]
    public void Setup()
    {
        if (_inputs.Length != OperationsPerInvoke)
        {
            throw new InvalidOperationException($"OperationsPerInvoke is {OperationsPerInvoke} but there are {_inputs.Length} inputs.");
        }

        for (var i = 0; i < _inputs.Length; i++)
        {
            var text = _inputs[i];
            var expected = ParseWithSplit(text);
            Check(text, nameof(Regex), expected, ParseWithRegex(text));

            if (!LeadSource.TryParse(text.AsSpan(), out var utf16))
            {
                throw new InvalidOperationException($"{nameof(TryParseUtf16)} rejected '{text}'.");
            }

            Check(text, nameof(TryParseUtf16), expected, new(utf16.Source, utf16.Action, utf16.Offer.PublisherId, utf16.Offer.OfferId));

            if (!LeadSource.TryParse(_utf8Inputs[i], out var utf8))
            {
                throw new InvalidOperationException($"{nameof(TryParseUtf8)} rejected '{text}'.");
            }

            Check(text, nameof(TryParseUtf8), expected, new(utf8.Source, utf8.Action, utf8.Offer.PublisherId, utf8.Offer.OfferId));
        }

        // The checksums fold the same values, so they must agree too.
        var baseline = Split();
        CheckChecksum(nameof(Regex), baseline, Regex());
        CheckChecksum(nameof(TryParseUtf16), baseline, TryParseUtf16());
        CheckChecksum(nameof(TryParseUtf8), baseline, TryParseUtf8());
    }

    /// <summary>The naive parser a typical user writes: <see cref="string.Split(char, StringSplitOptions)"/>, <see cref="string.Trim()"/> and <see cref="Enum.TryParse{TEnum}(string, bool, out TEnum)"/>.</summary>
    /// <returns>The checksum.</returns>
    [Benchmark(Baseline = true, OperationsPerInvoke = OperationsPerInvoke)]
    public int Split()
    {
        var checksum = 0;
        foreach (var text in _inputs)
        {
            checksum = Fold(checksum, ParseWithSplit(text));
        }

        return checksum;
    }

    /// <summary>A <see cref="GeneratedRegexAttribute"/> parser with named groups.</summary>
    /// <returns>The checksum.</returns>
    [Benchmark(OperationsPerInvoke = OperationsPerInvoke)]
    public int Regex()
    {
        var checksum = 0;
        foreach (var text in _inputs)
        {
            checksum = Fold(checksum, ParseWithRegex(text));
        }

        return checksum;
    }

    /// <summary><see cref="LeadSource.TryParse(ReadOnlySpan{char}, out LeadSource)"/>.</summary>
    /// <returns>The checksum.</returns>
    [Benchmark(OperationsPerInvoke = OperationsPerInvoke)]
    public int TryParseUtf16()
    {
        var checksum = 0;
        foreach (var text in _inputs)
        {
            if (LeadSource.TryParse(text.AsSpan(), out var value))
            {
                checksum = Fold(checksum, value.Source, value.Action, value.Offer.PublisherId.Length, value.Offer.OfferId.Length);
            }
        }

        return checksum;
    }

    /// <summary>
    /// <see cref="LeadSource.TryParse(ReadOnlySpan{char}, out LeadSource)"/> on texts seen for the first
    /// time: a pool of 16,384 distinct texts (far more than the caches hold), 8 new ones per invocation,
    /// so the parse cache and the intern cache miss and the strings are allocated.
    /// </summary>
    /// <returns>The checksum.</returns>
    [Benchmark(OperationsPerInvoke = OperationsPerInvoke)]
    public int TryParseUtf16FirstSight()
    {
        var checksum = 0;
        var texts = FirstSightTexts;
        for (var i = 0; i < OperationsPerInvoke; i++)
        {
            var text = texts[_firstSightNext++ & (texts.Length - 1)];
            if (LeadSource.TryParse(text.AsSpan(), out var value))
            {
                checksum = Fold(checksum, value.Source, value.Action, value.Offer.PublisherId.Length, value.Offer.OfferId.Length);
            }
        }

        return checksum;
    }

    /// <summary>
    /// <see cref="LeadSource.TryParse(ReadOnlySpan{byte}, out LeadSource)"/> on UTF-8 texts seen for the first
    /// time (the pool of <see cref="TryParseUtf16FirstSight"/>, pre-encoded).
    /// </summary>
    /// <returns>The checksum.</returns>
    [Benchmark(OperationsPerInvoke = OperationsPerInvoke)]
    public int TryParseUtf8FirstSight()
    {
        var checksum = 0;
        var texts = FirstSightUtf8;
        for (var i = 0; i < OperationsPerInvoke; i++)
        {
            var text = texts[_firstSightNext++ & (texts.Length - 1)];
            if (LeadSource.TryParse(text, out var value))
            {
                checksum = Fold(checksum, value.Source, value.Action, value.Offer.PublisherId.Length, value.Offer.OfferId.Length);
            }
        }

        return checksum;
    }

    /// <summary><see cref="LeadSource.TryParse(ReadOnlySpan{byte}, out LeadSource)"/> on pre-encoded UTF-8.</summary>
    /// <returns>The checksum.</returns>
    [Benchmark(OperationsPerInvoke = OperationsPerInvoke)]
    public int TryParseUtf8()
    {
        var checksum = 0;
        foreach (var utf8 in _utf8Inputs)
        {
            if (LeadSource.TryParse(utf8, out var value))
            {
                checksum = Fold(checksum, value.Source, value.Action, value.Offer.PublisherId.Length, value.Offer.OfferId.Length);
            }
        }

        return checksum;
    }

    /// <summary>Parses with <see cref="string.Split(char, StringSplitOptions)"/>: what a typical user writes.</summary>
    private static Parsed ParseWithSplit(string text)
    {
        var parts = text.Split('|');
        if (parts.Length < 2)
        {
            return default;
        }

        var head = parts[0].Split('-', 2);
        if (head.Length < 2)
        {
            return default;
        }

        var ids = parts[1].Trim().Split('.', 2);
        return ids.Length == 2
            ? new(MapSource(head[0].Trim()), MapAction(head[1].Trim()), ids[0], ids[1])
            : new(MapSource(head[0].Trim()), MapAction(head[1].Trim()), string.Empty, ids[0]);
    }

    /// <summary>Parses with <see cref="LeadSourceRegex"/>.</summary>
    private static Parsed ParseWithRegex(string text)
    {
        var match = LeadSourceRegex().Match(text);
        if (!match.Success)
        {
            return default;
        }

        var groups = match.Groups;
        var source = MapSource(groups["source"].Value);
        var action = MapAction(groups["action"].Value);
        var publisher = groups["publisher"];
        return publisher.Success
            ? new(source, action, publisher.Value, groups["offer"].Value)
            : new(source, action, string.Empty, groups["name"].Value);
    }

    /// <summary>
    /// <c>Source-Action | Offer</c>: the source runs to the first <c>-</c>, the action to the first <c>|</c>, spaces
    /// around both are ignored; the offer is <c>publisher.offer</c> (the library's id characters) or a display name.
    /// </summary>
    [GeneratedRegex(
        @"^\s*(?<source>[^-|]+?)\s*-\s*(?<action>[^|]+?)\s*\|\s*(?:(?<publisher>[A-Za-z0-9_-]+)\.(?<offer>[A-Za-z0-9_.-]+)|(?<name>.+?))\s*$",
        RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex LeadSourceRegex();

    /// <summary>Maps a source text as a typical user would: the enum name, plus the AppSource alias <c>SPZA</c>.</summary>
    private static MarketplaceSource MapSource(string text)
    {
        if (string.Equals(text, "SPZA", StringComparison.OrdinalIgnoreCase))
        {
            return MarketplaceSource.AppSource;
        }

        return Enum.TryParse<MarketplaceSource>(text, ignoreCase: true, out var source) ? source : MarketplaceSource.Unknown;
    }

    /// <summary>Maps an action code (ASCII case-insensitive, like the enum names; the codes are not the enum names).</summary>
    private static LeadAction MapAction(string text) => text switch
    {
        _ when text.Equals("INS", StringComparison.OrdinalIgnoreCase) => LeadAction.Install,
        _ when text.Equals("PLT", StringComparison.OrdinalIgnoreCase) => LeadAction.PartnerLedTrial,
        _ when text.Equals("DNC", StringComparison.OrdinalIgnoreCase) => LeadAction.DoNotContact,
        _ when text.Equals("Create", StringComparison.OrdinalIgnoreCase) => LeadAction.Create,
        _ when text.Equals("StartTestDrive", StringComparison.OrdinalIgnoreCase) => LeadAction.StartTestDrive,
        _ => LeadAction.Unknown,
    };

    private static int Fold(int checksum, Parsed parsed) =>
        Fold(checksum, parsed.Source, parsed.Action, parsed.PublisherId.Length, parsed.OfferId.Length);

    private static int Fold(int checksum, MarketplaceSource source, LeadAction action, int publisherLength, int offerLength) =>
        unchecked((checksum * 31) + ((int)source << 24) + ((int)action << 16) + (publisherLength << 8) + offerLength);

    private static void Check(string text, string method, Parsed expected, Parsed actual)
    {
        if (expected != actual)
        {
            throw new InvalidOperationException(string.Create(
                CultureInfo.InvariantCulture,
                $"{method} read '{text}' as {actual}; the {nameof(Split)} baseline read {expected}."));
        }
    }

    private static void CheckChecksum(string method, int expected, int actual)
    {
        if (expected != actual)
        {
            throw new InvalidOperationException(string.Create(
                CultureInfo.InvariantCulture,
                $"{method} returned checksum {actual}; the {nameof(Split)} baseline returned {expected}."));
        }
    }

    /// <summary>The values every method must read from an input.</summary>
    private readonly record struct Parsed(MarketplaceSource Source, LeadAction Action, string PublisherId, string OfferId);
}
