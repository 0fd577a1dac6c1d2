using System.Linq;
using FsCheck;
using FsCheck.Fluent;

namespace MarketplaceLeads.Tests.Support;

/// <summary>A generated <c>Source-Action | Offer</c> text with the parts it was built from.</summary>
public sealed record LeadSourceSample(string Text, string Source, string Action, string Offer)
{
    public override string ToString() => Text;
}

/// <summary>Text made of the characters that matter to the parser (separators, white space, controls, surrogates, letters).</summary>
public sealed record NastyText(string Value)
{
    public override string ToString() => Value;
}

/// <summary>FsCheck arbitraries for LeadSource texts, valid and hostile.</summary>
public static class LeadSourceGenerators
{
    private static readonly string[] KnownSources =
        ["AzureMarketplace", "azuremarketplace", "AzurePortal", "AppSource", "SPZA", "spza", "AppSource (SPZA)", "AppSource(SPZA)", "TestDrive"];

    private static readonly string[] KnownActions =
        ["INS", "ins", "PLT", "DNC", "Create", "CREATE", "StartTestDrive"];

    private static readonly char[] TokenChars =
        "ABCXYZabcxyz0189_()[]<> ./:'éß東".ToCharArray();

    private static readonly char[] IdChars = "abcxyzABC0189-_".ToCharArray();

    private static readonly char[] NastyChars =
        "|-. \t\r\nAaZz09_()<>é\u0000\u0001\u001F\u007F\u0085\u00A0\uD800\uDC00\uFFFD東".ToCharArray();

    public static Arbitrary<LeadSourceSample> LeadSourceSamples() =>
        (from source in Gen.OneOf(Gen.Elements(KnownSources), Token(allowDash: false))
         from action in Gen.OneOf(Gen.Elements(KnownActions), Token(allowDash: true))
         from offer in Gen.OneOf(OfferId(), OfferName())
         from lead in Spaces()
         from beforeDash in Spaces()
         from afterDash in Spaces()
         from beforeBar in Spaces()
         from afterBar in Spaces()
         from trail in Spaces()
         select new LeadSourceSample(
             $"{lead}{source}{beforeDash}-{afterDash}{action}{beforeBar}|{afterBar}{offer}{trail}",
             source,
             action,
             offer)).ToArbitrary();

    public static Arbitrary<NastyText> NastyTexts() =>
        Gen.Elements(NastyChars).ArrayOf().Select(chars => new NastyText(new string(chars))).ToArbitrary();

    /// <summary>A non-empty trimmed token without '|' (and without '-' unless allowed) and without control characters.</summary>
    private static Gen<string> Token(bool allowDash)
    {
        var chars = allowDash ? TokenChars.Append('-').ToArray() : TokenChars;
        return Gen.Elements(chars).NonEmptyListOf()
            .Select(list => new string(list.ToArray()).Trim())
            .Where(s => s.Length > 0);
    }

    private static Gen<string> OfferId() =>
        from publisher in Gen.Elements(IdChars).NonEmptyListOf()
        from offer in Gen.Elements(IdChars.Append('.').ToArray()).NonEmptyListOf()
        select new string(publisher.ToArray()) + "." + new string(offer.ToArray());

    private static Gen<string> OfferName() =>
        Gen.Elements(TokenChars.Append('|').Append('-').ToArray()).NonEmptyListOf()
            .Select(list => new string(list.ToArray()).Trim())
            .Where(s => s.Length > 0);

    private static Gen<string> Spaces() => Gen.Elements("", "", " ", "  ");
}
