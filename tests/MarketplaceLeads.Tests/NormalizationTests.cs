namespace MarketplaceLeads.Tests;

public class NormalizationTests
{
    [Theory]
    [InlineData("  John.Smith@Northwind.EXAMPLE ", "john.smith@northwind.example", FieldStatus.Valid)]
    [InlineData("a+tag@sub.example.co.uk", "a+tag@sub.example.co.uk", FieldStatus.Valid)]
    [InlineData("MSFT_TEST_636573304831318844@test.com", "msft_test_636573304831318844@test.com", FieldStatus.Valid)]
    [InlineData("josé@correo.example", "josé@correo.example", FieldStatus.Valid)]
    [InlineData("not an email", null, FieldStatus.Invalid)]
    [InlineData("a@b", null, FieldStatus.Invalid)]
    [InlineData("a..b@c.example", null, FieldStatus.Invalid)]
    [InlineData(".a@c.example", null, FieldStatus.Invalid)]
    [InlineData("a@-c.example", null, FieldStatus.Invalid)]
    [InlineData("a@b@c.example", null, FieldStatus.Invalid)]
    [InlineData("a@c.123", null, FieldStatus.Invalid)]
    [InlineData("", null, FieldStatus.Missing)]
    [InlineData("   ", null, FieldStatus.Missing)]
    [InlineData(null, null, FieldStatus.Missing)]
    public void Email_IsTrimmedLowerCasedAndValidated(string? email, string? normalized, FieldStatus status)
    {
        var customer = new CustomerInfo { Email = email };

        Assert.Equal(normalized, customer.NormalizedEmail);
        Assert.Equal(status, customer.EmailStatus);
        Assert.Equal(email, customer.Email); // kept as sent
    }

    [Theory]
    [InlineData("US", "US")]
    [InlineData("us", "US")]
    [InlineData("USA", "US")]
    [InlineData("United States", "US")]
    [InlineData("united states of america", "US")]
    [InlineData("U.S.A.", "US")]
    [InlineData("UK", "GB")]
    [InlineData("United Kingdom", "GB")]
    [InlineData("Great Britain", "GB")]
    [InlineData("DEU", "DE")]
    [InlineData("Germany", "DE")]
    [InlineData("Côte d’Ivoire", "CI")]
    [InlineData("Cote d'Ivoire", "CI")]
    [InlineData("The Netherlands", "NL")]
    [InlineData("Korea, Republic of", "KR")]
    [InlineData("Viet Nam", "VN")]
    [InlineData(" ES ", "ES")]
    public void Country_KnownForms_MapToAlpha2(string country, string code)
    {
        var customer = new CustomerInfo { Country = country };

        Assert.Equal(code, customer.CountryCode);
        Assert.Equal(FieldStatus.Valid, customer.CountryStatus);
    }

    [Theory]
    [InlineData("Atlantis", FieldStatus.Invalid)]
    [InlineData("XX", FieldStatus.Invalid)]
    [InlineData("", FieldStatus.Missing)]
    public void Country_Unknown_IsFlaggedAndKept(string country, FieldStatus status)
    {
        var customer = new CustomerInfo { Country = country };

        Assert.Null(customer.CountryCode);
        Assert.Equal(status, customer.CountryStatus);
        Assert.Equal(country, customer.Country);
    }

    [Theory]
    [InlineData("+1 (425) 555-0100", null, "+14255550100")]
    [InlineData("(425) 555-0100", "US", "+14255550100")]
    [InlineData("425.555.0100", "United States", "+14255550100")]
    [InlineData("+34 912 345 678", null, "+34912345678")]
    [InlineData("912 345 678", "ES", "+34912345678")]
    [InlineData("030 901820", "DE", "+4930901820")]
    [InlineData("+44 20 7946 0958", "US", "+442079460958")]
    public void Phone_ValidNumbers_AreE164(string phone, string? country, string e164)
    {
        var customer = new CustomerInfo { Phone = phone, Country = country };

        Assert.Equal(e164, customer.PhoneE164);
        Assert.Equal(FieldStatus.Valid, customer.PhoneStatus);
    }

    [Theory]
    [InlineData("(425) 555-0100", null)] // no country code and no country
    [InlineData("1234567890", "US")]
    [InlineData("call me", "US")]
    [InlineData("123", "DE")]
    public void Phone_Undeterminable_IsFlaggedAndKept(string phone, string? country)
    {
        var customer = new CustomerInfo { Phone = phone, Country = country };

        Assert.Null(customer.PhoneE164);
        Assert.Equal(FieldStatus.Invalid, customer.PhoneStatus);
        Assert.Equal(phone, customer.Phone);
    }

    [Fact]
    public void With_RecomputesNormalisedViews()
    {
        var customer = new CustomerInfo { Email = "A@B.example", Country = "US", Phone = "(425) 555-0100" };
        _ = customer.NormalizedEmail;

        var changed = customer with { Email = "C@D.example", Country = "ES", Phone = "912 345 678" };

        Assert.Equal("c@d.example", changed.NormalizedEmail);
        Assert.Equal("+34912345678", changed.PhoneE164);
        Assert.Equal("a@b.example", customer.NormalizedEmail);
    }

    [Fact]
    public void Equality_ComparesFieldsAsSent()
    {
        Assert.Equal(new CustomerInfo { Email = "a@b.example" }, new CustomerInfo { Email = "a@b.example" });
        Assert.NotEqual(new CustomerInfo { Email = "A@b.example" }, new CustomerInfo { Email = "a@b.example" });
    }

    [Theory]
    [InlineData("MSFT_TEST_636573304831318844", true)]
    [InlineData("msft_test_1", true)]
    [InlineData("MSFT_TEST_", false)]
    [InlineData("MSFT_TESTER", false)]
    [InlineData("Ana", false)]
    public void TestData_IsRecognisedInAnyField(string value, bool isTest)
    {
        Assert.Equal(isTest, new CustomerInfo { Company = value }.IsTestData);
        Assert.Equal(isTest, new CustomerInfo { Email = value + "@test.com" }.IsTestData);
    }

    [Theory]
    [InlineData(LeadAction.PartnerLedTrial, FunnelStage.Interest)]
    [InlineData(LeadAction.StartTestDrive, FunnelStage.Trial)]
    [InlineData(LeadAction.Install, FunnelStage.Acquisition)]
    [InlineData(LeadAction.Create, FunnelStage.Acquisition)]
    [InlineData(LeadAction.DoNotContact, FunnelStage.Suppressed)]
    [InlineData(LeadAction.Unknown, FunnelStage.Unknown)]
    public void FunnelStage_FollowsTheAction(LeadAction action, FunnelStage stage)
    {
        Assert.Equal(stage, FunnelStages.FromAction(action));
    }
}
