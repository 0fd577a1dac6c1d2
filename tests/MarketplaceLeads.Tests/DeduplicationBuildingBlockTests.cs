using System;
using System.Linq;
using FsCheck;
using FsCheck.Xunit;
using MarketplaceLeads.Deduplication;
using MarketplaceLeads.Tests.Support;

namespace MarketplaceLeads.Tests;

public class JaroWinklerTests
{
    [Theory]
    [InlineData("martha", "marhta", 0.9611)]
    [InlineData("dwayne", "duane", 0.8400)]
    [InlineData("dixon", "dicksonx", 0.8133)]
    [InlineData("jones", "johnson", 0.8324)]
    [InlineData("abc", "abc", 1.0)]
    [InlineData("abc", "xyz", 0.0)]
    [InlineData("", "", 1.0)]
    [InlineData("a", "", 0.0)]
    public void Similarity_KnownValues(string a, string b, double expected)
    {
        Assert.Equal(expected, JaroWinkler.Similarity(a, b), 4);
    }

    [Property(MaxTest = 500)]
    public bool Similarity_IsSymmetricAndInRange(NonNull<string> a, NonNull<string> b)
    {
        var ab = JaroWinkler.Similarity(a.Get, b.Get);
        var ba = JaroWinkler.Similarity(b.Get, a.Get);
        return Math.Abs(ab - ba) < 1e-12 && ab is >= 0.0 and <= 1.0 + 1e-12;
    }

    [Property(MaxTest = 200)]
    public bool Similarity_OfAStringWithItself_IsOne(NonNull<string> a) => Math.Abs(JaroWinkler.Similarity(a.Get, a.Get) - 1.0) < 1e-12;

    [Fact]
    public void Similarity_LongStrings_Work()
    {
        var a = new string('a', 1000) + "b";
        var b = new string('a', 1000) + "c";

        Assert.InRange(JaroWinkler.Similarity(a, b), 0.99, 1.0);
    }

    [Fact]
    public void Similarity_AllocatesNothing()
    {
        JaroWinkler.Similarity("martha", "marhta");
        var before = GC.GetAllocatedBytesForCurrentThread();
        var sum = 0.0;
        for (var i = 0; i < 1000; i++)
        {
            sum += JaroWinkler.Similarity("katherine", "kathryn");
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.True(sum > 0);
    }
}

public class EditDistanceTests
{
    [Theory]
    [InlineData("raul", "raquel", 1, false)] // two insertions: two names, not a slip
    [InlineData("raul", "raquel", 2, true)]
    [InlineData("martha", "marhta", 1, true)] // one adjacent transposition
    [InlineData("orlaith", "orlaoth", 1, true)]
    [InlineData("ktharina", "katharina", 1, true)]
    [InlineData("jon", "john", 0, false)]
    [InlineData("", "ab", 2, true)]
    public void AtMost_CountsInsertionsDeletionsSubstitutionsAndTranspositions(string a, string b, int limit, bool expected) =>
        Assert.Equal(expected, EditDistance.AtMost(a, b, limit));

    [Property(MaxTest = 500)]
    public bool AtMost_AgreesWithThePlainDistance(NonNull<string> a, NonNull<string> b, byte limit)
    {
        var (x, y, k) = (Shorten(a.Get), Shorten(b.Get), limit % 4);
        return EditDistance.AtMost(x, y, k) == (Reference(x, y) <= k) && EditDistance.AtMost(y, x, k) == EditDistance.AtMost(x, y, k);
    }

    private static string Shorten(string text) => text.Length > 12 ? text[..12] : text;

    /// <summary>The textbook optimal-string-alignment distance, a full matrix.</summary>
    private static int Reference(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}

public class EmailIdentityTests
{
    [Theory]
    [InlineData("john.smith+leads@gmail.com", "johnsmith@gmail.com")]
    [InlineData("j.o.h.n.smith@googlemail.com", "johnsmith@gmail.com")]
    [InlineData("ana+marketplace@outlook.com", "ana@outlook.com")]
    [InlineData("ana+x@hotmail.co.uk", "ana@hotmail.co.uk")]
    [InlineData("ana+x@live.fr", "ana@live.fr")]
    [InlineData("wei+trial@icloud.com", "wei@icloud.com")]
    [InlineData("sam-promo@yahoo.com", "sam@yahoo.com")]
    [InlineData("sam-promo@yahoo.co.jp", "sam@yahoo.co.jp")]
    [InlineData("first.last+tag@fabrikam.example", "first.last+tag@fabrikam.example")]
    [InlineData("a+b@live.fabrikam.com", "a+b@live.fabrikam.com")]
    [InlineData("+tag@gmail.com", "+tag@gmail.com")]
    [InlineData("no-at-sign", "no-at-sign")]
    public void Of_AppliesProviderRules(string email, string identity)
    {
        Assert.Equal(identity, EmailIdentity.Of(email));
    }

    [Property(MaxTest = 500)]
    public bool Of_IsIdempotent(NonNull<string> email)
    {
        var once = EmailIdentity.Of(email.Get.ToLowerInvariant());
        return EmailIdentity.Of(once) == once;
    }

    [Theory]
    [InlineData("gmail.com", true)]
    [InlineData("outlook.com", true)]
    [InlineData("yahoo.co.uk", true)]
    [InlineData("gmx.de", true)]
    [InlineData("fabrikam.example", false)]
    public void IsFreemail(string domain, bool freemail)
    {
        Assert.Equal(freemail, EmailIdentity.IsFreemail(domain));
    }
}

public class NicknameTests
{
    [Theory]
    [InlineData("bob", "robert", true)]
    [InlineData("bill", "william", true)]
    [InlineData("liz", "elizabeth", true)]
    [InlineData("beth", "liz", true)]
    [InlineData("bob", "bill", false)]
    [InlineData("ana", "ana", true)]
    [InlineData("ana", "anne", false)]
    public void AreEquivalent(string a, string b, bool equivalent)
    {
        Assert.Equal(equivalent, Nicknames.AreEquivalent(a, b));
    }

    [Property(MaxTest = 200)]
    public bool Canonical_IsIdempotent(NonNull<string> name)
    {
        var once = Nicknames.Canonical(name.Get);
        return Nicknames.Canonical(once) == once;
    }
}

public class CompanyKeyTests
{
    [Theory]
    [InlineData("Northwind Traders, Inc.", "northwind traders")]
    [InlineData("NORTHWIND TRADERS", "northwind traders")]
    [InlineData("Fabrikam Iberia S.L.", "fabrikam iberia")]
    [InlineData("Contoso Holdings Ltd", "contoso")]
    [InlineData("Müller GmbH & Co. KG", "muller")]
    [InlineData("Tailspin Toys Pty Ltd", "tailspin toys")]
    [InlineData("Inc.", "inc")]
    [InlineData("Alonso e Hijos S. A.", "alonso e hijos")]
    [InlineData("Alonso e Hijos S.A.", "alonso e hijos")]
    [InlineData("Dijkstra Logistiek B. V.", "dijkstra logistiek")]
    [InlineData("Rossi Ferramenta S. r. l.", "rossi ferramenta")]
    [InlineData("X S. A.", "x")]
    [InlineData("A B C", "a b c")]
    [InlineData("S. A.", "s a")]
    [InlineData("Studio A", "studio a")]
    [InlineData("  ", "")]
    [InlineData(null, "")]
    [InlineData("PT Bumi Group", "bumi")]                                  // Indonesia: PT before the name
    [InlineData("PT Maju Bersama Telecom Tbk", "maju bersama telecom")]
    [InlineData("Công ty TNHH Giải pháp Sao Việt", "giai phap sao viet")]   // Vietnam
    [InlineData("OOO Romashka", "romashka")]                               // Russia
    [InlineData("Volga Soft JSC", "volga soft")]
    [InlineData("Indus Consultancy (Pvt) Ltd.", "indus consultancy")]      // Pakistan, India
    [InlineData("Kaveri Softech Private Limited", "kaveri softech")]
    [InlineData("Yılmaz Yazılım San. ve Tic. A.Ş.", "yılmaz yazılım")]      // Türkiye (ı is a letter of its own)
    [InlineData("Anadolu Bilişim Ltd. Şti.", "anadolu bilisim")]
    [InlineData("Älvdata Software OÜ", "alvdata software")]               // Estonia
    [InlineData("Falcon Trading W.L.L.", "falcon trading")]               // the Gulf
    [InlineData("Desert Rose FZ-LLC", "desert rose")]
    [InlineData("Capibaribe Informática ME", "capibaribe informatica")]    // Brazil
    [InlineData("Maya Soluciones S.A.C.", "maya soluciones")]              // Peru
    [InlineData("Pt", "pt")]                                                // a name that is only a legal form stays
    public void Of_DropsCasePunctuationAndLegalForms(string? company, string key)
    {
        Assert.Equal(key, CompanyKey.Of(company));
    }

    [Fact]
    public void Acronym_IsTheFirstLetters()
    {
        Assert.Equal("nt", CompanyKey.Acronym("northwind traders"));
        Assert.Equal("contoso", CompanyKey.Acronym("contoso"));
    }

    [Theory]
    [InlineData("Seguros Atlântico S.A.", "Atlântico Seguros", true)]       // one company, its words as two forms wrote them
    [InlineData("Bank of Nordvik ASA", "Nordvik Bank of", true)]
    [InlineData("Andes Tecnologia", "Tecnologia Andes Andes", false)]       // other words, or as often
    [InlineData("Alpha Beta", "Alpha Gamma", false)]
    [InlineData("Contoso", "Contoso", false)]                               // equal keys are not "reordered" (they are equal)
    public void SameWordsReordered_IsTheSameWordsAsOftenInAnotherOrder(string a, string b, bool expected)
    {
        Assert.Equal(expected, CompanyKey.SameWordsReordered(CompanyKey.Of(a), CompanyKey.Of(b)));
        Assert.Equal(expected, CompanyKey.SameWordsReordered(CompanyKey.Of(b), CompanyKey.Of(a)));
    }

    [Property(MaxTest = 500)]
    public bool SameWordsReordered_AgreesWithSortedWords(NonNull<string> a, NonNull<string> b)
    {
        // Against the obvious allocating implementation: the keys' words, sorted, are equal (and the keys are not).
        var (x, y) = (CompanyKey.Of(a.Get), CompanyKey.Of(b.Get));
        var words = (string key) => string.Join(' ', key.Split(' ').Order(StringComparer.Ordinal));
        var expected = x != y && x.Contains(' ', StringComparison.Ordinal) && x.Length == y.Length && words(x) == words(y);
        return CompanyKey.SameWordsReordered(x, y) == expected
            && CompanyKey.SameWordsReordered(x, string.Join(' ', x.Split(' ').Reverse())) == (x.Contains(' ', StringComparison.Ordinal) && string.Join(' ', x.Split(' ').Reverse()) != x);
    }

    [Property(MaxTest = 300)]
    public bool Of_IsIdempotent(NonNull<string> company)
    {
        var once = CompanyKey.Of(company.Get);
        return CompanyKey.Of(once) == once;
    }
}

public class SoundexTests
{
    [Theory]
    [InlineData("Robert", "R163")]
    [InlineData("Rupert", "R163")]
    [InlineData("Rubin", "R150")]
    [InlineData("Ashcraft", "A261")]
    [InlineData("Tymczak", "T522")]
    [InlineData("Pfister", "P236")]
    [InlineData("Smith", "S530")]
    [InlineData("Smyth", "S530")]
    [InlineData("Schmidt", "S530")]
    [InlineData("García", "G620")]
    [InlineData("O'Neil", "O540")]
    [InlineData("", "")]
    [InlineData("東京", "")]
    public void Of_KnownCodes(string name, string code)
    {
        Assert.Equal(code, Soundex.Of(name));
    }
}

[Collection(SerialTests.Name)]
public class DeduplicationAllocationTests
{
    [Fact]
    public void Normalisers_JaroWinklerAndBlockingKeys_WarmedUp_AllocateNothing()
    {
        var a = LeadMatchSubject.Create(new CustomerInfo { FirstName = "Katherine", LastName = "Johnson", Email = "k.johnson@northwind.example", Phone = "+1 415 555 0134", Company = "Northwind Traders" });
        var b = LeadMatchSubject.Create(new CustomerInfo { FirstName = "Pedro", LastName = "Alvarez", Email = "pedro@contoso.example", Company = "Contoso" });
        var decider = new MatchDecider(new DeduplicationOptions());
        var evidence = decider.Evidence!;
        var keys = new BlockingKeys();
        Span<char> identity = stackalloc char[64];
        Span<char> code = stackalloc char[Soundex.Length];

        void Round(Span<char> identity, Span<char> code)
        {
            EmailIdentity.Write("first.last+tag@googlemail.com", identity);
            Soundex.Write("Johnson", code);
            _ = JaroWinkler.Similarity("katherine", "kathryn");
            _ = NameSpelling.AreTransliterations("mueller", "muller");
            decider.CollectKeys(a, keys);
            var pair = evidence.Compare(a, b); // different people: no verdict, no explanation built
            _ = evidence.Decide(pair, default, IdentityEvidence.Weigh(pair, default));
        }

        for (var i = 0; i < 3; i++)
        {
            Round(identity, code);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            Round(identity, code);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal("J525", code.ToString());
    }
}
