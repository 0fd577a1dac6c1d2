using System.Linq;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using MarketplaceLeads.Deduplication;
using MarketplaceLeads.Normalization;

namespace MarketplaceLeads.Tests;

/// <summary>An e-mail-like text: a local part, '@' signs, dots, hyphens, labels of varied length, odd characters.</summary>
public sealed record EmailLikeText(string Value)
{
    public override string ToString() => Value;
}

/// <summary>FsCheck arbitraries for e-mail-like texts, mostly near the edges of what <see cref="EmailNormalizer"/> accepts.</summary>
public static class EmailLikeGenerators
{
    private static readonly char[] LocalChars = "abzAZ09._-+!#$%&'*/=?^`{|}~\"(),:;<>[\\]@ é東\u00DF\u0660\u2163\u007F\t".ToCharArray();
    private static readonly char[] LabelChars = "abzAZ09-_-é東\u0660\u00B2\u2163 +@".ToCharArray();

    public static Arbitrary<EmailLikeText> EmailLikeTexts() =>
        Gen.OneOf(Plausible(), Plausible().Select(Mutate), Long()).Select(s => new EmailLikeText(s)).ToArbitrary();

    private static Gen<string> Plausible() =>
        from local in Part(LocalChars, 70)
        from labels in Gen.Choose(0, 4)
        from domain in Part(LabelChars, 66).ArrayOf(labels)
        from separator in Gen.Elements("@", "@", "@", "@@", "", "@a@")
        from trailingDot in Gen.Elements("", "", ".", "-")
        select local + separator + string.Join('.', domain) + trailingDot;

    private static Gen<string> Part(char[] chars, int maxLength) =>
        from ascii in Gen.Elements(true, true, false)
        from length in Gen.OneOf(Gen.Choose(0, 8), Gen.Choose(0, maxLength))
        from text in (ascii ? Gen.Elements("abcXYZ0129-._+".ToCharArray()) : Gen.Elements(chars)).ArrayOf(length)
        select new string(text);

    private static string Mutate(string text) => text.Length == 0 ? text : text.Replace('a', '.').Replace('b', '-');

    private static Gen<string> Long() =>
        from local in Gen.Choose(60, 68)
        from label in Gen.Choose(60, 66)
        from total in Gen.Choose(240, 260)
        select Pad(new string('l', local) + "@" + new string('d', label) + ".", total);

    private static string Pad(string prefix, int total) =>
        prefix + string.Concat(Enumerable.Repeat("x.", System.Math.Max(1, (total - prefix.Length) / 2))) + "com";
}

/// <summary>The ASCII fast path of <see cref="EmailNormalizer.IsValid"/> must accept and reject exactly what the general check does.</summary>
[Properties(Arbitrary = [typeof(EmailLikeGenerators)], MaxTest = 5000)]
public class EmailValidationEquivalenceTests
{
    [Property]
    public bool IsValid_AgreesWithReference_OnArbitraryStrings(NonNull<string> text) =>
        EmailNormalizer.IsValid(text.Get) == EmailNormalizer.IsValidReference(text.Get);

    [Property]
    public bool IsValid_AgreesWithReference_OnEmailLikeStrings(EmailLikeText text) =>
        EmailNormalizer.IsValid(text.Value) == EmailNormalizer.IsValidReference(text.Value);

    [Theory]
    [InlineData("john.smith@contoso.com", true)]
    [InlineData("a!#$%&'*+/=?^_`{|}~-z@x.io", true)]
    [InlineData("j@b.c0m", true)]
    [InlineData("j@b.123", false)]
    [InlineData(".j@b.com", false)]
    [InlineData("j.@b.com", false)]
    [InlineData("j..k@b.com", false)]
    [InlineData("j@b..com", false)]
    [InlineData("j@-b.com", false)]
    [InlineData("j@b-.com", false)]
    [InlineData("j@b.com.", false)]
    [InlineData("j@com", false)]
    [InlineData("j@b@c.com", false)]
    [InlineData("@b.com", false)]
    [InlineData("j@", false)]
    [InlineData("j@b_c.com", false)]
    [InlineData("jösé@bücher.de", true)]
    [InlineData("j\u0660@b.\u0660", false)]
    public void IsValid_DecidesKnownCases(string text, bool expected)
    {
        Assert.Equal(expected, EmailNormalizer.IsValid(text));
        Assert.Equal(expected, EmailNormalizer.IsValidReference(text));
    }

    [Fact]
    public void IsValid_AgreesWithReference_AtTheLengthLimits()
    {
        foreach (var local in new[] { 63, 64, 65 })
        {
            foreach (var label in new[] { 62, 63, 64 })
            {
                for (var total = 250; total <= 258; total++)
                {
                    var prefix = new string('l', local) + "@" + new string('d', label) + ".";
                    var text = prefix + new string('c', System.Math.Max(1, total - prefix.Length));
                    Assert.Equal(EmailNormalizer.IsValidReference(text), EmailNormalizer.IsValid(text));
                }
            }
        }
    }

    [Theory]
    [InlineData("John.Smith+tag@GoogleMail.com", "johnsmith@gmail.com", true, false)]
    [InlineData("info+x@hotmail.co.uk", "info@hotmail.co.uk", true, true)]
    [InlineData("a-b@yahoo.fr", "a@yahoo.fr", true, false)]
    [InlineData("sales@contoso.com", "sales@contoso.com", false, true)]
    [InlineData("me@gmx.de", "me@gmx.de", true, false)]
    [InlineData("x.y+z@live.fabrikam.com", "x.y+z@live.fabrikam.com", false, false)]
    public void Subject_EmailValues_AreThoseOfTheParts(string email, string identity, bool freemail, bool role)
    {
        var subject = LeadMatchSubject.Create(new CustomerInfo { Email = email });
        Assert.Equal(identity, subject.EmailIdentity);
        Assert.Equal(EmailIdentity.Of(email.ToLowerInvariant()), subject.EmailIdentity);
        Assert.Equal(freemail, subject.IsFreemailDomain);
        Assert.Equal(EmailIdentity.IsFreemail(subject.EmailDomain), subject.IsFreemailDomain);
        Assert.Equal(role, subject.IsRoleMailbox);
    }
}
