using System;
using System.Linq;
using FsCheck;
using FsCheck.Xunit;
using MarketplaceLeads.Deduplication;
using static MarketplaceLeads.Testing.TestLeads;

namespace MarketplaceLeads.Tests.Identity;

/// <summary>
/// Issue #15, 2026-12-07: the job title as evidence at one company, family-name romanisations, names that belong to
/// several given names, a desk extension as a person's own line, and the rules these made possible. Each case is one the
/// diagnostics found on the corpora (names changed here), and each failed before its change.
/// </summary>
public sealed class IdentityTitleAndSpellingTests
{
    private static readonly IdentityEvidence Evidence = new MatchDecider(new DeduplicationOptions()).Evidence!;

    [Fact]
    public void NameChange_OneMobile_OneTitle_IsOnePerson()
    {
        // Olivia Martin became Olivia Wilson: the company gave her a new mailbox; her mobile and her job stayed. Two colleagues
        // named Olivia who share a company mobile *and* a title are far rarer than one woman who married.
        var before = Make("Olivia", "Martin", email: "olivia@harakeke.example", phone: "027 916 6464", company: "Harakeke Technologies Limited", country: "NZ", title: "General Manager");
        var after = Make("Olivia", "Wilson", email: "olivia.wilson@harakeke.example", phone: "027 916 6464", company: "Harakeke Technologies Limited", country: "NZ", title: "GM", minutes: 60);

        var result = new LeadDeduplicator().Deduplicate([before, after]);

        var profile = Assert.Single(result.Profiles);
        Assert.Equal(2, profile.Leads.Count);
        var explanation = IdentityLineAndNameChangeTests.Explain(after, before);
        Assert.Contains(explanation.Evidence, e => e.Field == "Title" && e.Weight == 3.0 && e.Comparison.StartsWith("same job title", StringComparison.Ordinal));
        Assert.Contains(explanation.Evidence, e => e.Field == "Email" && e.Weight == 0 && e.Comparison.EndsWith("a changed last name", StringComparison.Ordinal));
    }

    [Fact]
    public void NameChange_OneMobile_TwoTitles_IsLeftForReview()
    {
        var before = Make("Olivia", "Martin", email: "olivia@harakeke.example", phone: "027 916 6464", company: "Harakeke Technologies Limited", country: "NZ", title: "General Manager");
        var after = Make("Olivia", "Wilson", email: "olivia.wilson@harakeke.example", phone: "027 916 6464", company: "Harakeke Technologies Limited", country: "NZ", title: "Sales Manager", minutes: 60);

        IdentityAssert.LeftForReview(before, after);
    }

    [Fact]
    public void NameChange_OnAnOfficeNumber_IsLeftForReview()
    {
        // Birgit Weber and Birgit Schmid on one office number nobody else gave: perhaps a marriage, perhaps two Birgits
        // sharing a desk. Before, only a mobile raised it; an office number left two profiles and nothing to review.
        var before = Make("Birgit", "Weber", email: "birgit.weber@williams.example", phone: "+44 20 7946 0321", company: "Williams Solutions", country: "GB");
        var after = Make("Birgit", "Schmid", email: "birgit.schmid@williams.example", phone: "020 7946 0321", company: "Williams Solutions Ltd", country: "GB", minutes: 60);

        var result = new LeadDeduplicator().Deduplicate([before, after]);

        Assert.Equal(2, result.Profiles.Count);
        var explanation = Assert.Single(result.PossibleDuplicates).Explanation!;
        Assert.Contains(explanation.Evidence, e => e.Field == "Email" && e.Weight == 0 && e.Comparison.EndsWith("perhaps a changed last name (for review)", StringComparison.Ordinal));
    }

    [Fact]
    public void OneDeskExtension_IsAPersonsOwnLine()
    {
        var a = LeadMatchSubject.Create(new CustomerInfo { FirstName = "Birgit", LastName = "Weber", Phone = "305-625-6969 Ext. 527", Country = "US", Company = "Williams Solutions" });
        var b = LeadMatchSubject.Create(new CustomerInfo { FirstName = "Birgit", LastName = "Weber", Phone = "305 625 6969 ext. 527", Country = "US", Company = "Williams Solutions, Inc." });

        Assert.False(a.IsMobilePhone); // the North American plan cannot tell
        Assert.True(Evidence.Compare(a, b).PersonalLine);
    }

    [Fact]
    public void SparseLead_SameTitleAtTheCompany_TipsTheOnlyNameThere()
    {
        // A lead with only the name, the company and the title, without a country: 6.0 bits without the title (left for
        // review), 7.5 with it.
        var rich = Make("Chao", "Zheng", email: "chao.zheng@changiinfra.example", phone: "+6589753895", company: "Changi Infra", country: "Singapore", title: "Office Manager");
        var sparse = Make("Chao", "Zheng", company: "Changi Infra Limited", title: "office manager", minutes: 20);

        var result = new LeadDeduplicator().Deduplicate([rich, sparse]);

        Assert.Single(result.Profiles);
        Assert.Contains("same job title at the same company +1.5", IdentityLineAndNameChangeTests.Explain(sparse, rich).ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void DifferentTitles_CountNothingAgainst()
    {
        var rich = Make("Chao", "Zheng", email: "chao.zheng@changiinfra.example", company: "Changi Infra", country: "Singapore", title: "Office Manager");
        var sparse = Make("Chao", "Zheng", company: "Changi Infra Limited", country: "Singapore", title: "Responsable informatique", minutes: 20);

        var explanation = IdentityLineAndNameChangeTests.Explain(sparse, rich);

        Assert.DoesNotContain(explanation.Evidence, e => e.Field == "Title");
    }

    [Fact]
    public void OneOwnLine_OneCompany_OneTitle_IsRaisedWhateverTheNames()
    {
        // Aoife Nolan married, and her next form had the names swapped: "O'Sullivan | Aoife". No name comparison reads that,
        // but her mobile, her company and her title are all one person's: a reviewer sees it.
        var before = Make("Aoife", "Nolan", email: "aoife_nolan@jones-logistics.example", phone: "+44 7825 305299", company: "Jones Logistics", country: "GB", title: "President");
        var after = Make("O'Sullivan", "Aoife", email: "aosullivan@yahoo.co.uk", phone: "07825 305299", company: "Jones Logistics Limited", country: "GB", title: "President", minutes: 60);

        var result = new LeadDeduplicator().Deduplicate([before, after]);

        Assert.Equal(2, result.Profiles.Count);
        var pair = Assert.Single(result.PossibleDuplicates);
        Assert.StartsWith("one unshared mobile or desk line, one company and one job title", pair.Explanation!.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void TwoFirstNames_OnePersonalCompanyMailbox_AreOnePerson()
    {
        // Grace Park and Ji-woo Park write from gpark@ (one person's English and Korean names) with two phones: before, the
        // first names weighed -7 and the pair stayed at 5.5 bits, for review, and the mailbox then counted as shared.
        var english = Make("Grace Park", email: "gpark@pureun.example", phone: "010-7368-8654", company: "Pureun Securities Corp", country: "KR");
        var korean = Make("Ji-woo", "Park", email: "gpark@pureun.example", phone: "(051) 5137 9325", company: "Pureun Securities Corp.", country: "KR", minutes: 60);

        var result = new LeadDeduplicator().Deduplicate([english, korean]);

        Assert.Single(result.Profiles);
        Assert.Contains(IdentityLineAndNameChangeTests.Explain(korean, english).Evidence, e => e.Field == "FirstName" && e.Weight == -3.0);
    }

    [Fact]
    public void TwoFirstNames_OneFamilyMailbox_StayTwoPeople()
    {
        var mother = Make("Li", "Liu", email: "liufamily@qq.com", phone: "010 2965 9173", country: "CN");
        var father = Make("Peng", "Liu", email: "liufamily@qq.com", phone: "010 2965 9173", country: "CN", minutes: 60);

        Assert.Equal(2, new LeadDeduplicator().Deduplicate([mother, father]).Profiles.Count);
    }

    [Theory]
    [InlineData("Park", "Bak")]
    [InlineData("Lee", "Yi")]
    [InlineData("Jung", "Jeong")]
    [InlineData("Zhou", "Chou")]
    [InlineData("Lü", "Lv")]
    [InlineData("Ito", "Itoh")]
    [InlineData("Chang", "Jang")]     // 장 in Korean
    [InlineData("Chang", "Cheung")]   // 张 in Cantonese
    public void FamilyName_Romanisations_AreOneName(string a, string b) =>
        Assert.Equal(NameComparison.Nickname, Evidence.Compare(Subject("Ji", a), Subject("Ji", b)).Last);

    [Theory]
    [InlineData("Jang", "Cheung")]    // a Korean and a Cantonese spelling, of two different names
    [InlineData("Chen", "Tan")]       // one character in Mandarin and Hokkien, but also two families' names
    public void FamilyName_Romanisations_OfDifferentNames_Differ(string a, string b) =>
        Assert.NotEqual(NameComparison.Nickname, Evidence.Compare(Subject("Ji", a), Subject("Ji", b)).Last);

    [Fact]
    public void SwappedName_InAnotherRomanisation_IsOnePerson()
    {
        var one = Make("Lü", "ZIYI", email: "ziyi@lianhelabs.example", phone: "+86-176-5193-7981", company: "Lianhe Labs", country: "CN");
        var other = Make("Z", "Lv", email: "ziyi@lianhelabs.example", phone: "+86-176-5193-7981", company: "Lianhe Labs", country: "CN", minutes: 60);

        Assert.Single(new LeadDeduplicator().Deduplicate([one, other]).Profiles);
    }

    [Theory]
    [InlineData("willy", "wilhelmina")]   // Willy is William's first in the table, and Wilhelmina's too
    [InlineData("willy", "william")]
    [InlineData("krysia", "krystyna")]
    [InlineData("mange", "magnus")]
    [InlineData("liv", "olivia")]
    [InlineData("jo", "johanna")]
    [InlineData("jo", "josephine")]
    public void GivenName_FormsOfSeveralNames_MatchEach(string a, string b) =>
        Assert.Equal(NameComparison.Nickname, Evidence.Compare(Subject(a, "Smit"), Subject(b, "Smit")).First);

    [Fact]
    public void GivenName_FormsOfSeveralNames_DoNotJoinTheNames()
    {
        Assert.Equal(NameComparison.Different, Evidence.Compare(Subject("wilhelmina", "Smit"), Subject("william", "Smit")).First);
        Assert.Equal(NameComparison.Different, Evidence.Compare(Subject("johanna", "Smit"), Subject("josephine", "Smit")).First);
    }

    [Theory]
    [InlineData("Li", "Liu")]
    [InlineData("Hu", "Hui")]
    public void TwoLetterName_AndOneALetterLonger_AreOneLetterApart_NotAShortForm(string a, string b) =>
        Assert.Equal(NameComparison.OneLetter, Evidence.Compare(Subject(a, "Zeng"), Subject(b, "Zeng")).First);

    [Fact]
    public void TwoLetterName_OfALongName_IsAShortForm() =>
        Assert.Equal(NameComparison.Partial, Evidence.Compare(Subject("Jo", "Smith"), Subject("Joanne", "Smith")).First);

    [Fact]
    public void OneName_OnAHouseholdsLineAndMailbox_AtTwoEmployers_IsLeftForReview()
    {
        // David Gómez and his son David Gomez: the family's mailbox and landline, two employers. Before, 7.0 bits merged them.
        var father = Make("David", "Gómez", email: "fam.gomez@hotmail.es", phone: "974 418 526", company: "Ingeniería García S.L.U.", country: "ES", title: "Director General");
        var son = Make("David", "Gomez", email: "fam.gomez@hotmail.es", phone: "+34 974 418 526", company: "Solvia Soluciones S.L.", country: "ESP", minutes: 60);

        var result = new LeadDeduplicator().Deduplicate([father, son]);

        Assert.Equal(2, result.Profiles.Count);
        Assert.StartsWith("one household's line or mailbox and two employers", Assert.Single(result.PossibleDuplicates).Explanation!.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void OneName_OnAPersonalMobile_AtTwoEmployers_IsOnePersonWhoChangedJobs()
    {
        var before = Make("David", "Gómez", phone: "+34 612 345 678", company: "Ingeniería García S.L.U.", country: "ES");
        var after = Make("David", "Gómez", phone: "612 345 678", company: "Solvia Soluciones S.L.", country: "ES", minutes: 60);

        Assert.Single(new LeadDeduplicator().Deduplicate([before, after]).Profiles);
    }

    [Theory]
    [InlineData("Kavita", "Gill", "thegills@gmail.com", true)]
    [InlineData("Steven", "Robinson", "the.robinsons@gmail.com", true)]
    [InlineData("Rosa", "Sanchez", "thesanchezes@outlook.com", true)]
    [InlineData("Juliana", "Machado", "casa.machado@gmail.com", true)]
    [InlineData("Joris", "van der Linden", "vanderlinden.thuis@gmail.com", true)]
    [InlineData("Theodoros", "Papadopoulos", "theodoros@gmail.com", false)]   // "the" + a name, not the family's
    [InlineData("Kavita", "Gill", "kavita.gill@gmail.com", false)]
    [InlineData("Casandra", "Ruiz", "casandra.ruiz@gmail.com", false)]        // "casa" only as a word of its own
    public void HouseholdMailbox_NamedAfterTheFamilyOrTheHome(string first, string last, string email, bool household) =>
        Assert.Equal(household, LeadMatchSubject.Create(new CustomerInfo { FirstName = first, LastName = last, Email = email }).IsRoleMailbox);

    [Theory]
    [InlineData("서준", "seojun")]
    [InlineData("김", "gim")]        // FamilyNames holds Kim beside it
    [InlineData("이", "lee")]        // a lone vowel: the spelling Koreans use
    [InlineData("박지우", "bakjiu")]
    [InlineData("정 민", "jeong min")]
    public void Hangul_IsRomanised_LetterByLetter(string hangul, string romanised)
    {
        Assert.True(Hangul.Contains(hangul));
        Assert.Equal(romanised, LeadMatchSubject.FoldOrNull(hangul));
    }

    [Property(MaxTest = 500)]
    public void Hangul_AnySyllables_RomaniseToLowerCaseLatinLetters(byte[] picks)
    {
        // Any run of precomposed syllables (U+AC00..U+D7A3), composed or decomposed: Latin letters a-z only, never empty.
        var syllables = new string(picks.Take(12).Select((b, i) => (char)(0xAC00 + ((b * 97 + i * 7919) % 11172))).ToArray());
        if (syllables.Length == 0)
        {
            return;
        }

        foreach (var text in new[] { syllables, syllables.Normalize(System.Text.NormalizationForm.FormD) })
        {
            var folded = LeadMatchSubject.FoldOrNull(text);
            Assert.NotNull(folded);
            Assert.All(folded, c => Assert.InRange(c, 'a', 'z'));
        }
    }

    [Property(MaxTest = 300)]
    public void NameFolding_NeverThrows(string? name) => _ = LeadMatchSubject.FoldOrNull(name);

    [Fact]
    public void Hangul_Decomposed_RomanisesAsComposed() =>
        Assert.Equal(LeadMatchSubject.FoldOrNull("서준"), LeadMatchSubject.FoldOrNull("서준".Normalize(System.Text.NormalizationForm.FormD)));

    [Fact]
    public void NameInHangul_MeetsAndMatchesItsLatinSpelling()
    {
        // A lead that gives only the name in Hangul, the company, the country and the title: before, the names were "not
        // comparable" and the lead weighed -5.5 bits against its person's profile.
        var latin = Make("SEO JUN", "KIM", email: "chris.kim@saerom.example", phone: "031 304 7180", company: "Saerom Technologies Co., Ltd.", country: "KR", title: "Founder");
        var hangul = Make("서준", "김", company: "Saerom Technologies Co., Ltd.", country: "Korea, Republic of", title: "Founder", minutes: 60);

        var result = new LeadDeduplicator().Deduplicate([latin, hangul]);

        Assert.Single(result.Profiles); // they meet: Gim files its name keys as Kim
    }

    [Fact]
    public void NameInHangul_AgainstAnEnglishName_SaysNothing()
    {
        // 서준 is Seojun, and Chris to his colleagues: a romanised name that differs is not evidence against.
        var comparison = Evidence.Compare(
            LeadMatchSubject.Create(new CustomerInfo { FirstName = "서준", LastName = "김", Country = "KR" }),
            LeadMatchSubject.Create(new CustomerInfo { FirstName = "Chris", LastName = "Kim", Country = "KR" }));

        Assert.Equal(NameComparison.Missing, comparison.First);
        Assert.Equal(NameComparison.Nickname, comparison.Last); // gim and Kim
    }

    [Theory]
    [InlineData("Head of IT", "IT Head")]
    [InlineData("Head of IT", "Head - Information Technology")]
    [InlineData("Senior Manager, Applications", "Sr. Mgr Applications")]
    [InlineData("Chief Information Officer", "CIO")]
    [InlineData("Deputy General Manager - IT", "DGM IT")]
    [InlineData("Procurement Manager", "Purchasing Mgr")]
    [InlineData("VP Engineering", "Vice President of Engineering")]
    [InlineData("Directeur Général", "directeur general")]
    public void JobTitle_WaysOfWritingOneTitle_HaveOneCode(string a, string b) =>
        Assert.Equal(JobTitle.Code(a), JobTitle.Code(b));

    [Theory]
    [InlineData("IT Manager", "IT Director")]
    [InlineData("Senior Software Engineer", "Software Engineer")]
    [InlineData("CTO", "CIO")]
    public void JobTitle_DifferentTitles_HaveDifferentCodes(string a, string b) =>
        Assert.NotEqual(JobTitle.Code(a), JobTitle.Code(b));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData(" - / . ")]
    [InlineData("of the")]
    public void JobTitle_Blank_HasNoCode(string? title) => Assert.Equal(0UL, JobTitle.Code(title));

    [Property(MaxTest = 300)]
    public void JobTitle_Code_IgnoresCaseWordOrderAndPunctuation(NonEmptyString[] words, bool reverse, bool upper)
    {
        var parts = words.Select(w => new string(w.Get.Where(char.IsAsciiLetterOrDigit).ToArray())).Where(w => w.Length > 0).ToArray();
        var title = string.Join(' ', parts);
        var rewritten = string.Join(" - ", reverse ? parts.Reverse() : parts);
        rewritten = upper ? rewritten.ToUpperInvariant() : rewritten.ToLowerInvariant();

        Assert.Equal(JobTitle.Code(title), JobTitle.Code(rewritten));
    }

    [Property(MaxTest = 500)]
    public void JobTitle_Code_AsciiPath_AgreesWithTheFoldingPath(string? title)
    {
        // " à" folds to the filler word "a" and sends the title through TextFolding: the code must not change.
        var ascii = new string((title ?? string.Empty).Where(c => c < 128).ToArray());
        Assert.Equal(JobTitle.Code(ascii), JobTitle.Code(ascii + " à"));
    }

    [Property(MaxTest = 300)]
    public void JobTitle_Code_NeverThrows(string? title) => _ = JobTitle.Code(title);

    [Theory]
    [InlineData("Directeur Général", "DIRECTEUR GENERAL")]
    [InlineData("Jefa de Compras", "jefa de compras")]
    [InlineData("Müdür", "MUDUR")]
    public void JobTitle_NonAscii_FoldsAsTheAsciiPath(string a, string b) =>
        Assert.Equal(JobTitle.Code(a), JobTitle.Code(b));

    private static LeadMatchSubject Subject(string first, string last) =>
        LeadMatchSubject.Create(new CustomerInfo { FirstName = first, LastName = last, Country = "KR" });
}
