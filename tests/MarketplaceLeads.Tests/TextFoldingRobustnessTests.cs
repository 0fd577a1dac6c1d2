using System.Linq;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using MarketplaceLeads.Deduplication;
using MarketplaceLeads.Normalization;

namespace MarketplaceLeads.Tests;

/// <summary>
/// Issue #14, fuzzer finding 2: a noncharacter (U+FFFE) or a lone surrogate in a name, company or country made
/// <c>string.Normalize</c> throw out of <see cref="TextFolding"/>, so a lead that had been read and accepted could not
/// be normalised or de-duplicated. Folding now never throws, whatever the string.
/// </summary>
public sealed class TextFoldingRobustnessTests
{
    /// <summary>What the fuzzer found, and its neighbours: text that Unicode normalisation refuses, or that holds no letter at all.</summary>
    public static TheoryData<string, string> Hostile => new()
    {
        { "\uFFFEAna", "ana" },
        { "Ji\uFFFEm", "ji m" },
        { "\uFFFF", string.Empty },
        { "Jos\u00E9\uFDD0Luis", "jose luis" },
        { "Ana\uD83D", "ana" },
        { "\uDC00Ana", "ana" },
        { "\uDBFF\uDFFE Corp", "corp" }, // U+10FFFE, a noncharacter written as a valid surrogate pair
        { "\u0301\u0308", string.Empty }, // combining marks only
        { "Ren\u00E9e \uD83D\uDE00 O\u2019Neil", "renee oneil" },
    };

    [Theory]
    [MemberData(nameof(Hostile))]
    public void Fold_TextNormalisationRefuses_FoldsWithoutThrowing(string text, string expected) =>
        Assert.Equal(expected, TextFolding.Fold(text));

    [Fact]
    public void CustomerInfo_CountryWithNoncharacter_NormalisesTheCountry()
    {
        var customer = new CustomerInfo { Country = "DE\uFFFE", FirstName = "\uFFFEAna", Company = "Contoso\uFFFE GmbH" };

        Assert.Equal("DE", customer.CountryCode);
        Assert.Equal("contoso", CompanyKey.Of(customer.Company));
        Assert.Equal("ana", LeadMatchSubject.Create(customer).FirstName);
    }

    [Fact]
    public void Deduplicate_LeadWithNoncharactersInEveryName_MakesAProfile()
    {
        var lead = new Lead
        {
            Id = LeadId.FromContent("AppSource-PLT | contoso.crm", "PLT", null, null, null),
            Customer = new CustomerInfo { FirstName = "\uFFFE", LastName = "\uFFFF", Company = "\uFFFE", Country = "\uFFFE", Email = "a\uFFFE@b.example" },
        };
        using var deduplicator = new LeadDeduplicator();

        var result = deduplicator.Deduplicate([lead]);

        Assert.Equal(lead.Id, Assert.Single(Assert.Single(result.Profiles).Leads).Id);
    }

    [Property(MaxTest = 1000, Arbitrary = [typeof(HostileText)])]
    public bool Fold_CompanyKey_AndLeadMatchSubject_NeverThrowForAnyString(string text)
    {
        var folded = TextFolding.Fold(text);
        var company = CompanyKey.Of(text);
        var subject = LeadMatchSubject.Create(new CustomerInfo { FirstName = text, LastName = text, Company = text, Country = text, Email = text + "@x.example", Phone = text });
        _ = new CustomerInfo { Country = text }.CountryCode;
        return TextFolding.Fold(folded) == folded && subject.ToString().Length > 0 && company.Length <= folded.Length;
    }

    /// <summary>Strings built from the pieces that trip Unicode handling: lone and paired surrogates, noncharacters, combining marks, NUL, and ordinary text.</summary>
    public static class HostileText
    {
        private static readonly string[] Pieces =
        [
            "\uD83D", "\uDC00", "\uD83D\uDE00", "\uDE00\uD83D", "\uFFFE", "\uFFFF", "\uFDD0", "\uFDEF", "\uD83F\uDFFE", "\uDBFF\uDFFF",
            "\u0301", "\u0308\u0301", "\u0000", "\u00A0", "\u2028", "\uFEFF", "\u202E", "İ", "ß", "ﬃ", "東京", "é", "e\u0301",
            "Ana", "Contoso", " ", ".", "'", "’", "-", "GmbH", "Inc.", "de", "US", "+1 425", "@",
        ];

        public static Arbitrary<string> Strings() =>
            Gen.Elements(Pieces).ArrayOf().Select(static pieces => string.Concat(pieces)).ToArbitrary();
    }
}
