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
            && LeadMatchSubject.LastNameCodeOf(plain.NameCodes) == Soundex.Pack(plain.LastName)
            && KeysOf(cached).SequenceEqual(KeysOf(plain));
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
