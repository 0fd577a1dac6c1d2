using System;
using System.Linq;
using MarketplaceLeads.FollowUp;
using static MarketplaceLeads.Tests.FollowUpTestData;

namespace MarketplaceLeads.Tests;

public class FollowUpQualificationTests
{
    private static QualificationReason Evaluate(IQualificationRule rule, string? email = "ana@contoso.example", string? company = "Contoso", string? country = "US", string? title = "Head of IT") =>
        rule.Evaluate(ProfileOf(TestLeads.Make("Ana", "Garcia", email: email, company: company, country: country, title: title)));

    [Fact]
    public void CompanyPresent_PassesWithACompany_FailsWithout()
    {
        Assert.True(Evaluate(QualificationRules.CompanyPresent()).Passed);
        var failed = Evaluate(QualificationRules.CompanyPresent(), company: " ");
        Assert.False(failed.Passed);
        Assert.Equal("CompanyPresent", failed.Rule);
        Assert.Equal("No company name.", failed.Reason);
    }

    [Theory]
    [InlineData("ana@contoso.example", true)]
    [InlineData("ana@gmail.com", false)]
    [InlineData("ana@outlook.com", false)]
    [InlineData("ana@yahoo.co.uk", false)]
    [InlineData("not-an-email", false)]
    [InlineData(null, false)]
    public void BusinessEmail_RejectsFreemailAndInvalid(string? email, bool passed)
    {
        var reason = Evaluate(QualificationRules.BusinessEmail(), email: email);

        Assert.Equal(passed, reason.Passed);
        if (email is "ana@gmail.com")
        {
            Assert.Equal("E-mail domain gmail.com is a free-mail provider.", reason.Reason);
        }
    }

    [Theory]
    [InlineData("US", true)]
    [InlineData("United States", true)]
    [InlineData("Spain", true)]
    [InlineData("France", false)]
    [InlineData(null, false)]
    public void CountryIn_AcceptsCodesAndNames(string? country, bool passed) =>
        Assert.Equal(passed, Evaluate(QualificationRules.CountryIn("us", "ES"), country: country).Passed);

    [Fact]
    public void CountryIn_UnknownCountry_ThrowsNamingIt()
    {
        var error = Assert.Throws<ArgumentException>(() => QualificationRules.CountryIn("US", "Atlantis"));
        Assert.Contains("'Atlantis'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Head of IT", true)]
    [InlineData("VP, Engineering", true)]
    [InlineData("Chief Technology Officer", true)]
    [InlineData("Software Developer", false)]
    [InlineData("Headhunter", false)]
    [InlineData(null, false)]
    public void SeniorTitle_MatchesWholeWords(string? title, bool passed) =>
        Assert.Equal(passed, Evaluate(QualificationRules.SeniorTitle(), title: title).Passed);

    [Fact]
    public void SeniorTitle_CustomPhrase()
    {
        Assert.True(Evaluate(QualificationRules.SeniorTitle("vice president"), title: "Senior Vice-President, Sales").Passed);
        Assert.False(Evaluate(QualificationRules.SeniorTitle("vice president"), title: "Head of IT").Passed);
    }

    [Fact]
    public void Planner_ReportsQualificationWithReasons_OnPlansAndTasks()
    {
        var options = new FollowUpOptions();
        options.QualificationRules.Add(QualificationRules.CompanyPresent());
        options.QualificationRules.Add(QualificationRules.BusinessEmail());
        options.QualificationRules.Add(QualificationRules.Create("NotSpain", p => (p.Customer.CountryCode != "ES", "Spain is served by a partner.")));
        var (planner, _) = Planner(options);
        var gmail = ProfileOf(TestLeads.Make("Bo", "Li", email: "bo@gmail.com", company: "Fabrikam", country: "US"));

        var plan = planner.Plan(gmail, FollowUpLog.Empty);
        var task = Assert.Single(planner.NextTouchesDue([gmail], FollowUpLog.Empty));

        Assert.False(plan.Qualification.IsQualified);
        Assert.Equal([true, false, true], plan.Qualification.Reasons.Select(r => r.Passed));
        Assert.Equal(["CompanyPresent", "BusinessEmail", "NotSpain"], plan.Qualification.Reasons.Select(r => r.Rule));
        Assert.False(task.Qualification.IsQualified); // reported, not filtered
    }

    [Fact]
    public void NoRules_EveryoneIsQualified()
    {
        var (planner, _) = Planner();
        var plan = planner.Plan(ProfileOf(Ana()), FollowUpLog.Empty);

        Assert.True(plan.Qualification.IsQualified);
        Assert.Empty(plan.Qualification.Reasons);
    }
}
