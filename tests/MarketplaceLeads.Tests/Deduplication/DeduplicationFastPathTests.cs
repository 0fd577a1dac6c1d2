using System;
using System.Linq;
using FsCheck;
using FsCheck.Xunit;
using MarketplaceLeads.Deduplication;

namespace MarketplaceLeads.Tests;

/// <summary>The shortcuts that make batch de-duplication cheaper give the very values of the plain computations (issue #15).</summary>
[Properties(Arbitrary = [typeof(DeduplicationArbitraries)])]
public class DeduplicationFastPathTests
{
    [Property(MaxTest = 500)]
    public bool Soundex_PackThenUnpack_GivesTheCode(NonNull<string> name)
    {
        var code = new char[Soundex.Length];
        var written = Soundex.Unpack(Soundex.Pack(name.Get), code);
        return new string(code, 0, written) == Soundex.Of(name.Get);
    }

    [Property(MaxTest = 500)]
    public bool LeadMatchSubject_FromTheBatchCache_EqualsTheSubjectWithoutIt(CustomerInfo customer)
    {
        var cache = new SubjectCache();
        _ = LeadMatchSubject.Create(customer, cache); // the second one reads every value from the cache
        var cached = LeadMatchSubject.Create(customer, cache);
        var plain = LeadMatchSubject.Create(customer);
        return cached.FirstName == plain.FirstName && cached.FirstNameCanonical == plain.FirstNameCanonical && cached.LastName == plain.LastName
            && cached.EmailIdentity == plain.EmailIdentity && cached.PhoneKey == plain.PhoneKey && cached.CompanyKey == plain.CompanyKey
            && cached.CountryCode == plain.CountryCode && cached.IsFreemailDomain == plain.IsFreemailDomain
            && cached.NameCodes == plain.NameCodes
            && LeadMatchSubject.FirstNameCodeOf(plain.NameCodes) == Soundex.Pack(plain.FirstNameCanonical)
            && LeadMatchSubject.LastNameCodeOf(plain.NameCodes) == Soundex.Pack(plain.LastName is null ? null : FamilyNames.Canonical(plain.LastName)) // Gim and Go file as Kim and Ko
            && KeysOf(cached).SequenceEqual(KeysOf(plain));
    }

    [Property(MaxTest = 1000)]
    public bool PhoneKey_Packed_ComparesAsTheTextKeysDo(NonNull<string> one, NonNull<string> other, bool national)
    {
        // Digits-heavy numbers (arbitrary strings rarely make a plausible number): the other shares a suffix now and then.
        var a = Digits(one.Get);
        var b = one.Get.Length % 3 == 0 ? Digits(other.Get) : Digits(other.Get)[..Math.Min(4, Digits(other.Get).Length)] + a[Math.Min(4, a.Length)..];
        var country = national ? "FR" : null;
        var (textA, textB) = (PhoneKey.Of(a, country), PhoneKey.Of(b, country));
        var (packedA, packedB) = (PhoneKey.PackedOf(a, country), PhoneKey.PackedOf(b, country));
        if (textA is null || textB is null)
        {
            return (textA is null) == (packedA == 0) && (textB is null) == (packedB == 0);
        }

        Span<char> suffix = stackalloc char[PhoneKey.SuffixDigits];
        return PhoneKey.ToText(packedA) == textA && PhoneKey.ToText(packedB) == textB
            && (packedA == packedB) == (textA == textB)
            && PhoneKey.SameSuffix(packedA, packedB) == PhoneKey.Suffix(textA).SequenceEqual(PhoneKey.Suffix(textB))
            && suffix[..PhoneKey.WriteSuffix(packedA, suffix)].SequenceEqual(PhoneKey.Suffix(textA))
            && PhoneKey.SameSubscriberNumber(packedA, packedB) == (textA.Length > PhoneKey.SuffixDigits && textB.Length > PhoneKey.SuffixDigits
                && textA.AsSpan(textA.Length - PhoneKey.SuffixDigits).SequenceEqual(textB.AsSpan(textB.Length - PhoneKey.SuffixDigits)));

        static string Digits(string text) => (text.Length % 2 == 0 ? "+" : "0") + string.Concat(text.Select(c => (char)('0' + (c % 10))));
    }

    [Theory]
    [InlineData("+33 7 76 46 82 92", "FR", "+33776468292")]
    [InlineData("07 76 46 82 92", "FR", "+33776468292")]
    [InlineData("0612 345 678", null, "?0612345678")]
    [InlineData("+1 415.555.0100", null, "+14155550100")]
    [InlineData("+999 123 456 789 012", null, "+999123456789012")]
    public void PhoneKey_Packed_KeepsLeadingZerosAndFifteenDigits(string phone, string? country, string key)
    {
        Assert.Equal(key, PhoneKey.Of(phone, country));
        Assert.Equal(key, PhoneKey.ToText(PhoneKey.PackedOf(phone, country)));
        Assert.Equal(key, LeadMatchSubject.Create(new CustomerInfo { Phone = phone, Country = country }).PhoneKey);
    }

    [Property(MaxTest = 500)]
    public bool LeadMatchSubject_HasPhoneExtension_WhenItsNumberHasOne(CustomerInfo customer, bool withExtension)
    {
        var phoned = withExtension && customer.Phone is not null ? customer with { Phone = customer.Phone + " ext. 42" } : customer;
        var subject = LeadMatchSubject.Create(phoned);
        return subject.HasPhoneExtension == (subject.PhoneKey is not null && !PhoneKey.ExtensionOf(phoned.Phone).IsEmpty);
    }

    [Theory]
    [InlineData("ana.lopez@contoso.example", true)]
    [InlineData("ana@gmail.com", true)]
    [InlineData("Ana@contoso.example", false)] // lower-cased: a new string
    [InlineData("ana.lopez@gmail.com", false)] // Gmail ignores dots: analopez@gmail.com is its mailbox
    [InlineData("ana+leads@outlook.com", false)] // the tag goes
    [InlineData(" ana@contoso.example", false)] // trimmed
    public void LeadMatchSubject_AddressThatIsItsOwnMailbox_KeepsTheAddressWithoutACopy(string email, bool same)
    {
        var customer = new CustomerInfo { Email = email };

        var subject = LeadMatchSubject.Create(customer, new SubjectCache());

        Assert.Equal(same, ReferenceEquals(subject.EmailIdentity, customer.Email));
        Assert.Equal(EmailIdentity.Of(email.Trim().ToLowerInvariant()), subject.EmailIdentity);
    }

    [Fact]
    public void Compare_SameSwitchboardDifferentExtensions_StillDifferentPhones()
    {
        var evidence = new IdentityEvidence(useEmail: true, usePhone: true, fuzzyNames: true, 0.985, 0.2);
        var desk10 = LeadMatchSubject.Create(new CustomerInfo { FirstName = "Ana", LastName = "Lopez", Phone = "+34 612 345 678 ext 10" }, new SubjectCache());
        var desk11 = LeadMatchSubject.Create(new CustomerInfo { FirstName = "Ana", LastName = "Lopez", Phone = "+34 612 345 678 ext 11" }, new SubjectCache());
        var plain = LeadMatchSubject.Create(new CustomerInfo { FirstName = "Ana", LastName = "Lopez", Phone = "+34 612 345 678" }, new SubjectCache());

        Assert.Equal(ValueComparison.Different, evidence.Compare(desk10, desk11).Phone);
        Assert.Equal(ValueComparison.Same, evidence.Compare(desk10, plain).Phone);
        Assert.Equal(ValueComparison.Same, evidence.Compare(desk10, desk10).Phone);
    }

    private static ulong[] KeysOf(LeadMatchSubject subject)
    {
        var keys = new BlockingKeys();
        new MatchDecider(new DeduplicationOptions()).CollectKeys(subject, keys);
        return [.. keys.Hashes];
    }
}
