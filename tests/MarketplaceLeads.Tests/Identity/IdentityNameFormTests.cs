using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using MarketplaceLeads.Deduplication;
using static MarketplaceLeads.Testing.TestLeads;

namespace MarketplaceLeads.Tests.Identity;

/// <summary>
/// Issue #15, 2026-12-07 (night): how a name typed into a form is read before it is compared — a form of address in front
/// of it ("Mrs. Novi", "Dr. Ahmed", "Eng. Hassan") and the whole name as a list writes it in the first-name field
/// ("Robinson, Richard P."). Found on the Boreal corpus, where "Mrs. Novi" with nothing in the last-name field read as a
/// first name "mrs" and a last name "novi" and so disagreed with Novi Sari on both names, on her own mailbox.
/// </summary>
public sealed class IdentityNameFormTests
{
    [Theory]
    [InlineData("Mrs. Novi", null, "novi", null)]
    [InlineData("Mr. Fernando Hernandez", null, "fernando", "hernandez")]
    [InlineData("Dr. Ahmed", "Al-Hashimi", "ahmed", "al hashimi")]
    [InlineData("Eng. Hassan", "Khalil", "hassan", "khalil")]
    [InlineData("Mrs. Johnson", "Susan", "johnson", "susan")]
    [InlineData("Mr.", "Turner", null, "turner")]
    [InlineData("Robinson, Richard P.", null, "richard p", "robinson")]
    [InlineData("Hamdan, Ahmed Ahmed", "", "ahmed ahmed", "hamdan")]
    [InlineData("Lorena Díaz Fernández", "Díaz Fernández", "lorena", "diaz fernandez")] // the last name typed twice
    [InlineData("Laura Smith", "Smith", "laura", "smith")]
    [InlineData("Maria", "Maria", "maria", "maria")] // a first name is never read away to nothing
    [InlineData("Don", "Draper", "don", "draper")] // a name that is also a form of address in some languages stays a name
    [InlineData("Sir", null, "sir", null)]
    [InlineData("Ing Li", "Tan", "ing li", "tan")] // Ing, Eng and Sr are names too: a form of address only with its full stop
    [InlineData("Ing. Juan", "Pérez", "juan", "perez")]
    [InlineData("Eng Hock", "Lim", "eng hock", "lim")]
    public void NamesAreReadWithoutTheirFormOfAddress_AndListOrder(string first, string? last, string? expectedFirst, string? expectedLast)
    {
        var subject = LeadMatchSubject.Create(new CustomerInfo { FirstName = first, LastName = last });

        Assert.Equal((expectedFirst, expectedLast), (subject.FirstName, subject.LastName));
    }

    [Fact]
    public void FormOfAddress_OnAPersonsOwnMailbox_IsThatPerson()
    {
        // Before: "first names differ -7.0, last names differ -3.0" on the same company mailbox (-4.5 bits, two profiles).
        var sari = Make("Novi", "Sari", email: "novi.sari@cahaya.example", phone: "+62 22 8909 0795", company: "PT Cahaya Informatika", country: "ID");
        var honorific = Make("Mrs. Novi", null, email: "novi.sari@cahaya.example", phone: "0895 3671 0437", company: "PT Cahaya Informatika", country: "ID", minutes: 60);

        var result = new LeadDeduplicator().Deduplicate([sari, honorific]);

        Assert.Equal(2, Assert.Single(result.Profiles).Leads.Count);
    }

    [Fact]
    public void ListOrder_InTheFirstNameField_IsReadStraight_NotAsASwap()
    {
        var straight = Make("Nicole", "Ramos", email: "nicole.ramos@mindanao.example", country: "PH", company: "Mindanao Solusi Corp.");
        var listed = LeadMatchSubject.Create(new CustomerInfo { FirstName = "Ramos, Nicole", Country = "PH" });

        var pair = new MatchDecider(new DeduplicationOptions()).Evidence!.Compare(listed, LeadMatchSubject.Create(straight.Customer));

        Assert.Equal((NameComparison.Same, NameComparison.Same, false), (pair.First, pair.Last, pair.Swapped));
    }

    [Property(MaxTest = 1000)]
    public Property AFormOfAddress_BeforeAName_IsDropped_AndNothingElseIs(NonEmptyString name)
    {
        var folded = LeadMatchSubject.FoldOrNull(name.Get);
        var honorifics = new[] { "Mr.", "Mrs", "Ms.", "Dr.", "Prof.", "Eng.", "Sra.", "Herr", "Frau" };
        var pick = honorifics[(name.Get.Length * 7) % honorifics.Length];
        var withHonorific = LeadMatchSubject.FoldOrNull(pick + " " + name.Get);

        // With a form of address in front, a name reads as it reads alone. Only one is dropped: a name that starts with a
        // form of address of its own ("Dr. Eng. Hassan") keeps the second.
        var plain = Normalization.TextFolding.Fold(name.Get);
        var startsWithOne = LeadMatchSubject.WithoutHonorific(plain, name.Get) != plain;
        return (startsWithOne || withHonorific == folded).Label($"{pick} + '{name.Get}' → '{withHonorific}', alone '{folded}'");
    }

    [Fact]
    public void ARolesMailbox_BesideAPersonsOwn_UnderOneTitle_IsTheOnlyNameAtTheCompany()
    {
        // Boreal's people who write once from the team's contact@ and once from their own mailbox: before, "different
        // mailboxes, one shared" counted -1.5 and the only profile of the name at the company counted nothing (2.0 bits).
        var own = Make("Saurabh", "Verma", email: "saurabh.verma@jamunamoto.example", company: "Jamuna Motors", country: "IN", title: "Finance Manager");
        var team = Make("Saurabh", "Verma", email: "contact@jamunamoto.example", company: "Jamuna Motors Ltd.", country: "India", title: "Finance Manager", minutes: 60);

        var result = new LeadDeduplicator().Deduplicate([own, team]);

        Assert.Equal(2, Assert.Single(result.Profiles).Leads.Count);
    }

    [Fact]
    public void ARolesMailbox_BesideAPersonsOwn_UnderTwoTitles_IsLeftForReview()
    {
        // Two Meena Reddys at one company, the HR manager at her own mailbox and the network engineer at admin@: a title
        // apart, the team mailbox does not make them one.
        var own = Make("Meena", "Reddy", email: "meena@ganga.example", company: "Ganga Enterprises", country: "IN", title: "HR Manager");
        var team = Make("Meena", "Reddy", email: "admin@ganga.example", company: "Ganga Enterprises", country: "IN", title: "Network Engineer", minutes: 60);

        IdentityAssert.LeftForReview(own, team);
    }
}
