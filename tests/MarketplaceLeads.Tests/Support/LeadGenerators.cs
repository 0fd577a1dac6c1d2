using System;
using FsCheck;
using FsCheck.Fluent;

namespace MarketplaceLeads.Tests.Support;

/// <summary>FsCheck arbitraries for leads: every field optional, text with quotes, escapes, control characters and non-ASCII.</summary>
public static class LeadGenerators
{
    private static readonly string[] LeadSources =
        ["AppSource-PLT | contoso.crm", "AzureMarketplace", "SPZA-DNC|a.b", "MSFT_TEST_1-MSFT_TEST_1|<Offer Name>", "garbage", ""];

    private static readonly char[] TextChars = "aZ09 .@+-_'\"\\/\t\n\u0001é東\u00A0{}[]:,".ToCharArray();

    public static Arbitrary<Lead> Leads() =>
        (from leadSource in Optional(Gen.Elements(LeadSources))
         from actionCode in Optional(Gen.Elements("INS", "PLT", "DNC", "Create", "StartTestDrive", "x"))
         from offerTitle in Optional(Text())
         from description in Optional(Text())
         from customer in Customers()
         from seconds in Gen.Choose(0, int.MaxValue)
         from channel in Gen.Elements(Enum.GetValues<LeadChannel>())
         select new Lead
         {
             Id = LeadId.FromContent(leadSource, actionCode, offerTitle, description, customer),
             LeadSource = LeadSource.TryParse(leadSource, out var parsed) ? parsed : default,
             LeadSourceText = leadSource,
             ActionCode = actionCode,
             OfferTitle = offerTitle,
             Description = description,
             Customer = customer,
             ReceivedAt = DateTimeOffset.UnixEpoch.AddSeconds(seconds),
             Channel = channel,
         }).ToArbitrary();

    private static Gen<CustomerInfo> Customers() =>
        from firstName in Optional(Text())
        from lastName in Optional(Text())
        from email in Optional(Gen.OneOf(Text(), Gen.Elements("a@b.example", "MSFT_TEST_1@test.com")))
        from phone in Optional(Gen.Elements("+1 (425) 555-0100", "1234567890", "abc"))
        from country in Optional(Gen.Elements("US", "USA", "Germany", "Atlantis"))
        from company in Optional(Text())
        from title in Optional(Text())
        select new CustomerInfo
        {
            FirstName = firstName, LastName = lastName, Email = email, Phone = phone, Country = country, Company = company, Title = title,
        };

    private static Gen<string> Text() => Gen.Elements(TextChars).ArrayOf().Select(chars => new string(chars));

    private static Gen<string?> Optional(Gen<string> gen) =>
        Gen.Frequency((1, Gen.Constant<string?>(null)), (3, gen.Select(s => (string?)s)));
}
